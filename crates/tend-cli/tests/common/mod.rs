//! Running the real `tend` binary as a person or a script would.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `tend` on the journal in `dir` (given as `TEND_DATA_DIR`), with `stdin` as its input.
#[allow(dead_code)] // each test file uses what it needs
pub fn tend(dir: &Path, args: &[&str], stdin: &str) -> Output {
    run(args, stdin, |command| {
        command.env("TEND_DATA_DIR", dir);
    })
}

/// `tend` run in `cwd`, with no data directory from the environment: paths are as typed.
#[allow(dead_code)] // each test file uses what it needs
pub fn tend_in(cwd: &Path, args: &[&str], stdin: &str) -> Output {
    run(args, stdin, |command| {
        command.current_dir(cwd).env_remove("TEND_DATA_DIR");
    })
}

/// `tend` as on a computer whose own files (caches, locks, backups, the journal's folder it
/// remembers) are under `local`, with no data directory from the environment.
#[allow(dead_code)] // each test file uses what it needs
pub fn tend_on(local: &Path, args: &[&str], stdin: &str) -> Output {
    run(args, stdin, |command| {
        command
            .env_remove("TEND_DATA_DIR")
            .env("TEND_LOCAL_DIR", local);
    })
}

/// `tend write` of `text` on `date`, with a mood and a tag; it must succeed.
#[allow(dead_code)] // each test file uses what it needs
pub fn write(dir: &Path, date: &str, mood: &str, tag: &str, text: &str) {
    let out = tend(
        dir,
        &["write", "--date", date, "--mood", mood, "--tag", tag],
        text,
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

fn run(args: &[&str], stdin: &str, setup: impl FnOnce(&mut Command)) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tend"));
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    setup(&mut command);
    let mut child = command.spawn().unwrap();
    // A command that rejects its arguments exits without reading: a closed pipe is fine here.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `tend ARGS` run as the user `nobody`, for whom a mode-000 file is unreadable (root reads it
/// anyway). Without `runuser` (or without root to run it) the test fails and says why: it
/// must never pass without having looked.
#[allow(dead_code)] // each test file uses what it needs
pub fn as_nobody(args: &[&str]) -> std::process::Output {
    let out = Command::new("runuser")
        .args(["-u", "nobody", "--", env!("CARGO_BIN_EXE_tend")])
        .args(args)
        .env_remove("TEND_DATA_DIR")
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "this test runs `tend` as the user nobody with `runuser`, which could not be \
                 started here ({e}); a mode-000 file cannot be checked without it"
            )
        });
    let said = stderr(&out);
    assert!(
        !said.starts_with("runuser:"),
        "`runuser` could not run `tend` as nobody (the tests must run as root): {said}"
    );
    out
}
