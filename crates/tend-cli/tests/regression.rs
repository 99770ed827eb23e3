//! Regression tests for what a person met at the command line, each named after what it guards
//! and the issue it came from.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{stderr, stdout, tend};

fn ok(dir: &Path, args: &[&str], stdin: &str) -> String {
    let out = tend(dir, args, stdin);
    assert!(
        out.status.success(),
        "`tend {}` must succeed: {}",
        args.join(" "),
        stderr(&out)
    );
    stdout(&out)
}

/// Issue 23, item 6: `tend list --kind worksheets --json` printed `[]` while fillings existed.
#[test]
fn list_kind_worksheets_lists_fillings_in_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["write"], "An entry, not a filling.");
    let id = ok(
        dir.path(),
        &["worksheet", "fill", "contact-log", "--date", "2026-11-20"],
        r#"{"started-by": "me", "how": "text", "went": 4}"#,
    )
    .trim()
    .to_string();

    let text = ok(dir.path(), &["list", "--kind", "worksheets"], "");
    assert!(
        text.lines().count() == 1 && text.contains(&id) && text.contains("Contact log"),
        "the text list names the one filling, and no entry: {text}"
    );
    let json = ok(dir.path(), &["list", "--kind", "worksheets", "--json"], "");
    let listed: serde_json::Value = serde_json::from_str(&json).expect("the list is JSON");
    let listed = listed.as_array().expect("a JSON array");
    assert_eq!(listed.len(), 1, "one filling, no entry: {json}");
    assert_eq!(listed[0]["id"], id.as_str(), "the filling, whole: {json}");
    assert_eq!(listed[0]["worksheet"], "contact-log", "{json}");
    assert_eq!(listed[0]["answers"]["went"], 4, "its answers too: {json}");

    let both = ok(
        dir.path(),
        &[
            "list",
            "--kind",
            "entries",
            "--kind",
            "worksheets",
            "--json",
        ],
        "",
    );
    let both: serde_json::Value = serde_json::from_str(&both).unwrap();
    assert_eq!(
        both.as_array().map(Vec::len),
        Some(2),
        "the entry, then the filling: {both}"
    );
    assert_eq!(both[1]["id"], id.as_str(), "entries first, as in text");
}

/// Issue 23, item 6: the lock refusal named the `--data-dir` value ("`tend /tmp/j` is using
/// it") instead of the command that held the journal.
#[test]
fn the_lock_refusal_names_the_command_not_the_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal");
    ok(&journal, &["write"], "Something to export.");
    let export = dir.path().join("export.json");
    ok(
        &journal,
        &[
            "export",
            "--format",
            "tend",
            "--out",
            export.to_str().unwrap(),
        ],
        "",
    );
    // An import of a named pipe holds the journal until the pipe is written to.
    let fifo = dir.path().join("slow.json");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo makes the slow file");
    let journal_arg = journal.to_str().unwrap();
    // The last holder's name stays in the lock file: emptied, it shows when the import has it.
    let lock = journal.join(".instance.lock");
    fs::write(&lock, "").unwrap();
    let mut holder = Command::new(env!("CARGO_BIN_EXE_tend"))
        .args(["--data-dir", journal_arg, "import", "--format", "tend"])
        .arg(&fifo)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while fs::read_to_string(&lock)
        .unwrap_or_default()
        .trim()
        .is_empty()
    {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the import takes the journal"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    let refused = Command::new(env!("CARGO_BIN_EXE_tend"))
        .args(["--data-dir", journal_arg, "delete", "0123456789abcdef"])
        .output()
        .unwrap();
    let said = stderr(&refused);
    // Let the import finish: it reads the export through the pipe.
    fs::OpenOptions::new()
        .write(true)
        .open(&fifo)
        .and_then(|mut f| f.write_all(&fs::read(&export).unwrap()))
        .unwrap();
    holder.wait().unwrap();
    assert!(!refused.status.success(), "the journal was held: {said}");
    assert!(
        said.contains("`tend import` is using it")
            && !said.contains(&format!("`tend {journal_arg}")),
        "the refusal names the command holding the journal, not its --data-dir: {said}"
    );
}

/// Runs `f` with a small filesystem of its own mounted at a fresh folder, when this machine
/// lets tests mount one (as tests/regression.rs does); otherwise says why it was skipped.
fn with_mount(options: &str, f: impl FnOnce(&Path)) {
    let dir = tempfile::tempdir().unwrap();
    let point: PathBuf = dir.path().join("mnt");
    fs::create_dir(&point).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", options, "tend-test"])
        .arg(&point)
        .output();
    match mounted {
        Ok(out) if out.status.success() => {}
        Ok(out) => {
            eprintln!(
                "skipped: this machine does not let tests mount a filesystem ({})",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            return;
        }
        Err(e) => return eprintln!("skipped: `mount` could not run ({e})"),
    }
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&point)));
    let _ = Command::new("umount").arg(&point).status();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Issue 23, item 6: an import into a read-only journal failed with the system's bare
/// "Read-only file system" (or "Permission denied"), where every other write says the journal
/// is read-only.
#[test]
fn an_import_into_a_read_only_journal_says_the_journal_is_read_only() {
    let other = tempfile::tempdir().unwrap();
    ok(other.path(), &["write"], "Written elsewhere.");
    let export = other.path().join("export.json");
    ok(
        other.path(),
        &[
            "export",
            "--format",
            "tend",
            "--out",
            export.to_str().unwrap(),
        ],
        "",
    );
    with_mount("size=4m", |point| {
        let journal = point.join("journal");
        ok(&journal, &["write"], "Written before.");
        let remount = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(point)
            .status()
            .unwrap();
        assert!(remount.success(), "the journal's disk is made read-only");
        let out = tend(
            &journal,
            &["import", "--format", "tend", export.to_str().unwrap()],
            "",
        );
        let said = stderr(&out);
        assert!(!out.status.success(), "nothing can be imported: {said}");
        assert!(
            said.contains("can only be read: its folder is read-only")
                && !said.contains("os error"),
            "the message is the read-only one every write gives, with no system error: {said}"
        );
    });
}

/// Issue 23, item 6: `backup` onto a full disk printed `zip`'s raw "ZipWriter drop failed:
/// Io(Os { code: 28, … })" before its own message.
#[test]
fn a_backup_onto_a_full_disk_says_so_in_words_and_nothing_raw() {
    let dir = tempfile::tempdir().unwrap();
    // Writing that does not compress (hex of a hash chain), more than the disk holds.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..3 {
        let text: String = (0..12_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                format!("{:016x}", state)
            })
            .collect::<Vec<_>>()
            .join(" ");
        ok(dir.path(), &["write"], &text);
    }
    with_mount("size=64k", |point| {
        let out = tend(
            dir.path(),
            &["backup", "--out", point.join("b.zip").to_str().unwrap()],
            "",
        );
        let said = stderr(&out);
        assert!(
            !out.status.success(),
            "a backup that did not fit fails: {said}"
        );
        assert!(
            said.contains("the disk is full"),
            "the message says the disk is full: {said}"
        );
        assert!(
            !said.contains("ZipWriter") && !said.contains("Io(") && !said.contains("panicked"),
            "no library's raw error reaches the person: {said}"
        );
        assert_eq!(
            fs::read_dir(point).unwrap().count(),
            0,
            "and nothing is left on the full disk"
        );
    });
}
