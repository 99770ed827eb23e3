//! Writers that take turns, and text that is never dropped (issue 10).

mod common;

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::process::{Command, Stdio};

use common::{stderr, stdout, tend};

/// Regression (issue 10): of 100 `tend write` at once, 48 were refused ("Tend is already
/// open") and their text dropped.
#[test]
fn many_writes_at_once_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..16)
        .map(|n| {
            let mut child = Command::new(env!("CARGO_BIN_EXE_tend"))
                .arg("write")
                .env("TEND_DATA_DIR", dir.path())
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let text = format!("Written at once, number {n}.");
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
            child
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "every writer waits its turn: {}",
            stderr(&out)
        );
    }
    let list = stdout(&tend(dir.path(), &["list"], ""));
    assert_eq!(list.lines().count(), 16, "{list}");
}

/// Regression (issue 10): a refused `tend write` dropped the text it was given.
#[test]
fn a_write_refused_while_the_app_is_open_keeps_the_text_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path()).unwrap();
    // The app holds the journal: its lock, with its name in it.
    let mut lock = OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .open(dir.path().join(".instance.lock"))
        .unwrap();
    lock.lock().unwrap();
    lock.write_all(b"the Tend app").unwrap();

    let started = std::time::Instant::now();
    let out = tend(dir.path(), &["write"], "Words I must not lose.");
    assert!(!out.status.success());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3),
        "the app is not waited for"
    );
    let message = stderr(&out);
    assert!(message.contains("Tend is already open"), "{message}");
    let kept = message
        .split("it is kept in ")
        .nth(1)
        .map(|rest| rest.trim().trim_end_matches('.'))
        .unwrap_or_else(|| panic!("the message says where the text is: {message}"));
    assert_eq!(fs::read_to_string(kept).unwrap(), "Words I must not lose.");
    drop(lock);
}
