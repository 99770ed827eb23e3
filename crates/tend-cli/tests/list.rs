//! `tend list`: filtered, limited, and quiet when its reader stops early (issue 12).

mod common;

use std::process::{Command, Stdio};

use common::{stderr, stdout, tend};

fn write(dir: &std::path::Path, date: &str, mood: &str, tag: &str, text: &str) {
    let out = tend(
        dir,
        &["write", "--date", date, "--mood", mood, "--tag", tag],
        text,
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn list_filters_by_dates_tag_mood_and_count() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "2026-01-05", "2", "kids", "January, hard.");
    write(dir.path(), "2026-03-10", "4", "walk", "March, a walk.");
    write(
        dir.path(),
        "2026-06-20",
        "4",
        "kids",
        "June, the kids' sports day.",
    );
    let list = |args: &[&str]| {
        let mut all = vec!["list"];
        all.extend_from_slice(args);
        let out = tend(dir.path(), &all, "");
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    assert_eq!(list(&[]).lines().count(), 3);
    assert!(
        list(&[]).lines().next().unwrap().contains("June"),
        "newest first"
    );
    let spring = list(&["--from", "2026-02-01", "--to", "2026-04-30"]);
    assert!(
        spring.contains("March") && spring.lines().count() == 1,
        "{spring}"
    );
    let kids = list(&["--tag", "kids"]);
    assert_eq!(kids.lines().count(), 2, "{kids}");
    let good = list(&["--mood", "4", "-n", "1"]);
    assert!(good.contains("June") && good.lines().count() == 1, "{good}");
}

#[test]
fn starred_lists_only_the_starred_entries_with_the_other_filters() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "2026-01-05",
        "2",
        "starred",
        "January, kept close.",
    );
    write(dir.path(), "2026-03-10", "4", "walk", "March, a walk.");
    let out = tend(
        dir.path(),
        &["list", "--starred", "--from", "2026-01-01"],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let starred = stdout(&out);
    assert!(
        starred.contains("January") && starred.lines().count() == 1,
        "{starred}"
    );
    let out = tend(dir.path(), &["list", "--starred", "--mood", "4"], "");
    assert_eq!(stdout(&out).lines().count(), 0, "both filters apply");
}

/// Regression (issue 12): `tend list | head` ended in a panic with a backtrace.
#[test]
fn a_reader_that_stops_early_ends_the_list_quietly() {
    let dir = tempfile::tempdir().unwrap();
    for day in 1..=28 {
        write(
            dir.path(),
            &format!("2026-02-{day:02}"),
            "3",
            "day",
            &"words ".repeat(3000),
        );
    }
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' list --json | head -3",
            env!("CARGO_BIN_EXE_tend")
        ))
        .env("TEND_DATA_DIR", dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(stdout(&out).lines().count(), 3);
    assert!(
        out.status.success(),
        "exit 0, as head expects: {:?} {}",
        out.status,
        stderr(&out)
    );
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}
