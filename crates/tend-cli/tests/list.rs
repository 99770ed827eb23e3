//! `tend list`: filtered and limited. That it ends quietly when its reader stops early (issue 12)
//! is in tests/regression.rs.

mod common;

use common::{stderr, stdout, tend, write};

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
