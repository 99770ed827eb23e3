//! Regression tests for what a person met at the command line, each named after what it guards
//! and the issue (or the commit) it came from.

mod common;

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{as_nobody, stderr, stdout, tend, write};

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

// Writers that take turns, and text that is never dropped (issue 10, and the review before it).

/// Regression (commit db7848c, found in review): the command line's writing commands ran while
/// the app had the journal open, which would not see them and could write over them.
#[test]
fn writing_commands_refuse_while_the_app_has_the_journal_open() {
    let dir = tempfile::tempdir().unwrap();
    let _app = tend::Store::open_exclusive(dir.path(), Box::new(tend::SystemClock)).unwrap();
    let out = tend(dir.path(), &["write"], "hello");
    assert!(!out.status.success());
    // The holder here is this test, not the app: the command waits its turn, then says who.
    assert!(
        stderr(&out).contains("is busy") && stderr(&out).contains("it is kept in"),
        "{}",
        stderr(&out)
    );
    let read = tend(dir.path(), &["list"], "");
    assert!(
        read.status.success(),
        "reading is fine meanwhile: {}",
        stderr(&read)
    );
}

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
        .open(tend::paths::instance_lock(dir.path()))
        .unwrap();
    lock.lock().unwrap();
    lock.write_all(b"the Tend app").unwrap();

    let started = Instant::now();
    let out = tend(dir.path(), &["write"], "Words I must not lose.");
    assert!(!out.status.success());
    assert!(
        started.elapsed() < Duration::from_secs(3),
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

// A reader that stops early (issue 12).

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

// What the reviews of issues 23 and 24 found.

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
    let lock = tend::paths::instance_lock(&journal);
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

/// Runs `f` with a small filesystem of its own mounted at a fresh folder (as tests/regression.rs
/// does). A machine that does not let tests mount one fails the test and says why (issue 24:
/// these passed there without checking anything). `make test` runs as root in CI, where it can.
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
        Ok(out) => panic!(
            "this test needs to mount a small filesystem and cannot here ({}): run it as root",
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Err(e) => panic!("this test needs `mount`, which could not run ({e})"),
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

/// The file `tend write` saved (the "saved to PATH" it says on standard error).
fn written(dir: &Path, date: &str, text: &str) -> PathBuf {
    let out = tend(dir, &["write", "--date", date], text);
    let said = stderr(&out);
    assert!(out.status.success(), "`tend write` must succeed: {said}");
    let path = said.lines().find_map(|l| l.strip_prefix("saved to "));
    PathBuf::from(path.expect("`tend write` names the file it saved").trim())
}

/// Changes one byte of `path` in place to 0xFF (not UTF-8 any more), keeping its size and its
/// modification time: the index, which knows files by size and time, still trusts it.
fn break_in_place(path: &Path) {
    let modified = fs::metadata(path).unwrap().modified().unwrap();
    let mut bytes = fs::read(path).unwrap();
    let at = bytes.iter().position(|b| *b == b'"').unwrap();
    bytes[at] = 0xFF;
    fs::write(path, &bytes).unwrap();
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
}

/// Issue 23, item 4: with `.index` present, `tend export` wrote every entry but one whose file
/// had been changed in place (not UTF-8 any more, its size and time as before), said nothing
/// of it, and exited 0 ("148 of 149 entries").
#[test]
fn export_names_an_entry_file_it_cannot_read_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal");
    written(&journal, "2026-11-20", "First, and fine.");
    let broken = written(&journal, "2026-11-21", "Soon broken.");
    written(&journal, "2026-11-22", "Third, and fine.");
    ok(&journal, &["list"], ""); // the index is written, and trusted from now on
    break_in_place(&broken);

    let file = dir.path().join("export.json");
    let out = tend(
        &journal,
        &[
            "export",
            "--format",
            "tend",
            "--out",
            file.to_str().unwrap(),
        ],
        "",
    );
    let said = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an export that left a file out says so by its exit code: {said}"
    );
    assert!(
        said.contains(&broken.display().to_string()),
        "standard error names the file the export could not read: {said}"
    );
    let exported: serde_json::Value =
        serde_json::from_slice(&fs::read(&file).expect("the rest is exported")).unwrap();
    assert_eq!(
        exported["entries"].as_array().map(Vec::len),
        Some(2),
        "every entry that could be read is in the export: {exported}"
    );
}

/// A journal of three entries, the middle one's file mode 000, its index written, all owned
/// by `nobody` in a folder under /tmp that only nobody may enter. The folder, the journal and
/// the locked file.
fn journal_with_a_mode_000_entry() -> (tempfile::TempDir, PathBuf, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let base = tempfile::Builder::new()
        .prefix("tend-nobody-")
        .tempdir_in("/tmp")
        .unwrap();
    let journal = base.path().join("journal");
    written(&journal, "2026-11-20", "First, and fine.");
    let locked = written(&journal, "2026-11-21", "Soon unreadable.");
    written(&journal, "2026-11-22", "Third, and fine.");
    ok(&journal, &["list"], ""); // the index is written, and trusted from now on
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let chown = Command::new("chown")
        .args(["-R", "nobody:"])
        .arg(base.path())
        .status()
        .expect("chown runs");
    assert!(chown.success(), "the journal is given to nobody");
    (base, journal, locked)
}

/// Issue 23, items 4 and 7: while `.index` existed, `tend doctor` said "Every file could be
/// read" of a mode-000 entry file.
#[test]
fn doctor_names_a_mode_000_entry_file_with_the_index_present() {
    let (_base, journal, locked) = journal_with_a_mode_000_entry();
    let out = as_nobody(&["--data-dir", journal.to_str().unwrap(), "doctor"]);
    let said = stdout(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "doctor found a file it cannot read: {said}{}",
        stderr(&out)
    );
    assert!(
        said.contains(&locked.display().to_string()),
        "doctor names the mode-000 file: {said}"
    );
}

/// Issue 23, item 4: a backup failed outright on one unreadable file (and `export` left it out
/// silently). Now the backup holds everything else, names what it left out and exits 1; the
/// export names it too; and a restore, which would replace the journal with a backup that
/// lacks the file, refuses.
#[test]
fn a_backup_saves_every_file_it_can_read_and_names_the_one_it_left_out() {
    let (base, journal, locked) = journal_with_a_mode_000_entry();
    let dir = journal.to_str().unwrap();
    let zip_path = base.path().join("b.zip");
    let out = as_nobody(&[
        "--data-dir",
        dir,
        "backup",
        "--out",
        zip_path.to_str().unwrap(),
    ]);
    let said = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a backup that left a file out says so by its exit code: {said}"
    );
    assert!(
        said.contains(&locked.display().to_string()),
        "standard error names the file left out of the backup: {said}"
    );
    let zip = zip::ZipArchive::new(fs::File::open(&zip_path).expect("the backup was written"))
        .expect("the backup is a whole zip");
    let names: Vec<&str> = zip.file_names().collect();
    let entries = names.iter().filter(|n| n.starts_with("entries/")).count();
    let locked_name = locked.file_name().unwrap().to_string_lossy();
    assert!(
        entries == 2 && !names.iter().any(|n| n.ends_with(&*locked_name)),
        "the backup holds the two readable entries and not the third: {names:?}"
    );

    let export = base.path().join("export.json");
    let out = as_nobody(&[
        "--data-dir",
        dir,
        "export",
        "--format",
        "tend",
        "--out",
        export.to_str().unwrap(),
    ]);
    let said = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&locked.display().to_string()),
        "the export names the file it could not read: {said}"
    );

    let out = as_nobody(&["--data-dir", dir, "restore", zip_path.to_str().unwrap()]);
    let said = stderr(&out);
    assert!(
        !out.status.success() && said.contains(&locked.display().to_string()),
        "a restore would lose the file it cannot back up first, so it refuses and names it: \
         {said}"
    );
    assert!(
        locked.exists(),
        "the unreadable entry is still where it was"
    );
}

/// `tend ARGS` with `passphrases` (one a line) on descriptor 3 (`--passphrase-fd 3`), as a
/// script gives them.
fn tend_unlocked(dir: &Path, args: &[&str], stdin: &str, passphrases: &str) -> Output {
    let secrets = tempfile::NamedTempFile::new().unwrap();
    fs::write(secrets.path(), format!("{passphrases}\n")).unwrap();
    let mut child = Command::new("bash")
        .args(["-c", r#"exec "$0" "$@" 3<"$PASSPHRASES""#])
        .arg(env!("CARGO_BIN_EXE_tend"))
        .args(args)
        .args(["--passphrase-fd", "3"])
        .env("TEND_DATA_DIR", dir)
        .env("PASSPHRASES", secrets.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

/// The journal's documents that encryption converts (below entries/, worksheets/, visions/,
/// vision-history/, trash/, recovered/, and settings.json): how many are encrypted (`.age`),
/// and how many plain.
fn sealed_and_plain(journal: &Path) -> (usize, usize) {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(read) = fs::read_dir(dir) else { return };
        for item in read.flatten() {
            if item.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if item.file_type().unwrap().is_dir() {
                walk(&item.path(), out);
            } else {
                out.push(item.path());
            }
        }
    }
    let mut all = Vec::new();
    for folder in [
        "entries",
        "worksheets",
        "visions",
        "vision-history",
        "trash",
        "recovered",
    ] {
        walk(&journal.join(folder), &mut all);
    }
    for name in ["settings.json", "settings.json.age"] {
        if journal.join(name).exists() {
            all.push(journal.join(name));
        }
    }
    let sealed = all
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".age"))
        .count();
    (sealed, all.len() - sealed)
}

/// Fills the disk holding `dir` but for about `room` bytes, with one file in `dir`.
fn fill_leaving(dir: &Path, room: u64) -> PathBuf {
    let filler = dir.join("filler");
    let mut file = fs::File::create(&filler).unwrap();
    let block = vec![0x5a_u8; 16 * 1024];
    let mut len = 0;
    while file.write_all(&block).is_ok() {
        len += block.len() as u64;
    }
    let _ = file.flush();
    file.set_len(len.saturating_sub(room)).unwrap();
    filler
}

/// Issue 23, items 5 and 7: a failed `tend encryption off` on a full disk said "nothing already
/// saved was changed" while half the files were plain already; `encryption status` still said
/// "on"; and the next `tend write` given the passphrase decrypted the rest without a word.
#[test]
fn a_failed_encryption_off_on_a_full_disk_says_what_the_journal_now_is() {
    const PASS: &str = "correct horse battery";
    with_mount("size=1m", |point| {
        let journal = point.join("journal");
        for day in 1..=6 {
            ok(
                &journal,
                &["write", "--date", &format!("2026-11-0{day}")],
                "A small day.",
            );
        }
        // One large document, converted last (the trash comes after the entries): the disk
        // holds the small ones' plain forms, not its.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let large: String = (0..12_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                format!("{:016x}", state)
            })
            .collect::<Vec<_>>()
            .join(" ");
        let id = ok(&journal, &["write", "--date", "2026-10-01"], &large);
        ok(&journal, &["delete", id.trim()], "");
        let on = tend_unlocked(&journal, &["encryption", "on"], "", PASS);
        assert!(on.status.success(), "{}", stderr(&on));
        let list = tend_unlocked(&journal, &["list"], "", PASS);
        assert!(list.status.success(), "{}", stderr(&list));
        let filler = fill_leaving(point, 64 * 1024);

        let off = tend_unlocked(&journal, &["encryption", "off"], "", PASS);
        let said = stderr(&off);
        assert!(!off.status.success(), "the disk was full: {said}");
        let (sealed, plain) = sealed_and_plain(&journal);
        assert!(
            sealed > 0 && plain > 0,
            "the test meant to stop the conversion part way: {sealed} encrypted, {plain} plain"
        );
        assert!(
            !said.contains("nothing already saved was changed"),
            "files were changed: the message must not say otherwise: {said}"
        );
        let total = sealed + plain;
        assert!(
            said.contains(&format!("{plain} of the journal's {total} files are plain"))
                && said.contains(&format!("{sealed} are still encrypted"))
                && said.contains("opens only with your passphrase"),
            "the message says what the journal now is ({plain} plain, {sealed} encrypted, \
             still locked): {said}"
        );

        let status = ok(&journal, &["encryption", "status"], "");
        assert!(
            !status.starts_with("Encryption is on:")
                && status.contains("cut short")
                && status.contains(&format!("{plain} of the journal's {total} files are plain")),
            "status says the change was cut short, and where it stands: {status}"
        );
        // A new key now would leave the files still encrypted with none that opens them.
        let identity = fs::read(journal.join("identity.age")).unwrap();
        let again = &format!("{PASS}\nanother good passphrase");
        let on = tend_unlocked(&journal, &["encryption", "on"], "", again);
        assert!(
            !on.status.success() && stderr(&on).contains("Turn encryption off again"),
            "turning encryption on is refused until turning it off is finished: {}",
            stderr(&on)
        );
        assert_eq!(
            fs::read(journal.join("identity.age")).unwrap(),
            identity,
            "the key of the files still encrypted is kept"
        );

        fs::remove_file(&filler).unwrap();
        let write = tend_unlocked(&journal, &["write"], "After the full disk.", PASS);
        let said = stderr(&write);
        assert!(write.status.success(), "{said}");
        assert!(
            said.contains("Tend finished turning encryption off, which was cut short"),
            "the open that finished the change says so: {said}"
        );
        let status = ok(&journal, &["encryption", "status"], "");
        assert!(status.starts_with("Encryption is off"), "{status}");
        assert_eq!(
            sealed_and_plain(&journal).0,
            0,
            "every document is plain once it is finished"
        );
        for marker in [".encrypting", ".decrypting", "identity.age"] {
            assert!(!journal.join(marker).exists(), "{marker} is gone");
        }
    });
}

/// Issue 24: `tend search` answered from its index while an entry added by another program
/// (a sync tool, a restore by hand) sat in a folder inside a year folder, whose own time does
/// not change when that folder's does: the entry was never found. One change detector
/// (src/storage/document/changes.rs) now stamps every folder, for both indexes.
#[test]
fn search_finds_an_entry_added_in_a_folder_inside_a_year_folder() {
    let dir = tempfile::tempdir().unwrap();
    let id = ok(
        dir.path(),
        &["write", "--date", "2026-11-20"],
        "An ordinary evening.",
    );
    let id = id.trim();
    let year = dir.path().join("entries/2026");
    fs::create_dir(year.join("from-laptop")).unwrap();
    // Every folder's time settled (a time under a second old is never trusted), then the
    // index written.
    std::thread::sleep(Duration::from_millis(1200));
    assert!(ok(dir.path(), &["search", "heron"], "").trim().is_empty());
    std::thread::sleep(Duration::from_millis(1200));

    // Another program adds an entry inside the folder inside the year folder.
    let original = fs::read_dir(&year)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_file())
        .unwrap();
    let text = fs::read_to_string(&original)
        .unwrap()
        .replace(id, "0123456789abcdef0123456789abcdef")
        .replace("An ordinary evening.", "A heron by the canal.");
    let copy = year
        .join("from-laptop")
        .join("2026-11-20-0123456789abcdef0123456789abcdef.json");
    fs::write(&copy, text).unwrap();
    std::thread::sleep(Duration::from_millis(1200));

    let found = ok(dir.path(), &["search", "heron"], "");
    assert!(
        found.contains("heron"),
        "the entry in the folder inside the year folder is found: {found:?}"
    );
    // The entries' index had the same gap when the folder inside was there, empty, as its
    // index was written: `tend list` did not show the entry either.
    let listed = ok(dir.path(), &["list"], "");
    assert!(
        listed.contains("0123456789abcdef0123456789abcdef"),
        "the entry is listed: {listed}"
    );
}

/// Every file below `dir` with its bytes (links named, never followed), readable or not.
fn every_file(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(read) = fs::read_dir(&folder) else {
            continue;
        };
        for item in read.flatten() {
            let path = item.path();
            let kind = item.file_type().unwrap();
            if kind.is_symlink() {
                out.push((
                    path.clone(),
                    fs::read_link(&path)
                        .unwrap()
                        .into_os_string()
                        .into_encoded_bytes(),
                ));
            } else if kind.is_dir() {
                folders.push(path);
            } else {
                out.push((path.clone(), fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// Issue 24, the one change detector, fed what the world holds inside a folder inside a year
/// folder: a link loop, a folder link, an "X (copy).json", a Syncthing conflict copy and a
/// mode-000 folder, read as nobody (root reads everything), before and after the index is
/// written and trusted; and a sync tool's copies of a vision and of the settings. A read moves
/// nothing, and the copies are two versions, not lost.
#[test]
fn a_folder_inside_a_year_folder_with_links_copies_and_a_locked_folder_moves_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let base = tempfile::Builder::new()
        .prefix("tend-nobody-")
        .tempdir_in("/tmp")
        .unwrap();
    let journal = base.path().join("journal");
    let entry = written(&journal, "2026-11-20", "A heron by the canal.");
    let inner = journal.join("entries/2026/from-laptop");
    fs::create_dir(&inner).unwrap();
    std::os::unix::fs::symlink("..", inner.join("loop")).unwrap();
    std::os::unix::fs::symlink("/etc", inner.join("elsewhere")).unwrap();
    let name = entry.file_stem().unwrap().to_str().unwrap().to_string();
    fs::copy(&entry, inner.join(format!("{name} (copy).json"))).unwrap();
    let conflict = fs::read_to_string(&entry)
        .unwrap()
        .replace("A heron", "A grey heron");
    fs::write(
        inner.join(format!("{name}.sync-conflict-20261206-101010-ABCDEFG.json")),
        conflict,
    )
    .unwrap();
    let locked = inner.join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("note.json"), "{}").unwrap();
    // Issue 25: a sync tool's copies of a vision and of the settings. A read shows what they
    // merge to, and leaves them; only an open that writes saves the merge and removes them.
    let revision = |text: &str, when: &str| {
        serde_json::json!({"number": 1, "created": when, "updated": when,
            "sections": {"believe": text}})
    };
    let vision = |text: &str, when: &str| serde_json::json!({"schema": 1, "id": "grand-vision", "revisions": [revision(text, when)]});
    fs::create_dir_all(journal.join("visions")).unwrap();
    fs::write(
        journal.join("visions/grand-vision.json"),
        vision("A calm life.", "2026-11-20T09:00:00+01:00").to_string(),
    )
    .unwrap();
    fs::write(
        journal.join("visions/grand-vision.sync-conflict-20261206-101010-ABCDEFG.json"),
        vision("A calm life, by the sea.", "2026-11-21T09:00:00+01:00").to_string(),
    )
    .unwrap();
    fs::write(
        journal.join("settings.sync-conflict-20261206-101010-ABCDEFG.json"),
        r#"{"schema": 1, "partner": "Alex", "changed": {"partner": "2026-12-06T10:00:00+01:00"}}"#,
    )
    .unwrap();
    let chown = Command::new("chown")
        .args(["-R", "nobody:"])
        .arg(base.path())
        .status()
        .expect("chown runs");
    assert!(chown.success());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let before = every_file(&journal);

    let dir = journal.to_str().unwrap();
    for round in 0..2 {
        for args in [
            vec!["list"],
            vec!["search", "heron"],
            vec!["doctor"],
            vec!["conflicts"],
            vec!["settings"],
            vec!["vision", "history", "grand-vision"],
        ] {
            let mut all = vec!["--data-dir", dir];
            all.extend(args.iter().copied());
            let out = as_nobody(&all);
            assert!(
                !stderr(&out).contains("panicked"),
                "tend {args:?} (round {round}): {}",
                stderr(&out)
            );
        }
        // The second round reads with the index written and every folder's time settled.
        std::thread::sleep(Duration::from_millis(1200));
    }
    let listed = stdout(&as_nobody(&["--data-dir", dir, "list"]));
    assert!(listed.contains("heron"), "the entry is listed: {listed}");
    let conflicts = stdout(&as_nobody(&["--data-dir", dir, "conflicts"]));
    assert!(
        conflicts.contains("grey"),
        "the conflict copy is a second version: {conflicts}"
    );
    let settings = stdout(&as_nobody(&["--data-dir", dir, "settings"]));
    assert!(settings.contains("Alex"), "the merge is shown: {settings}");
    let history = stdout(&as_nobody(&[
        "--data-dir",
        dir,
        "vision",
        "history",
        "grand-vision",
    ]));
    assert!(
        history.contains("Syncthing"),
        "both revisions are shown: {history}"
    );
    let doctor = as_nobody(&["--data-dir", dir, "doctor"]);
    assert!(
        stdout(&doctor).contains("locked") || stderr(&doctor).contains("locked"),
        "the locked folder is named: {}{}",
        stdout(&doctor),
        stderr(&doctor)
    );

    // What Tend keeps for itself (its caches, locks and settings) may be written by a read;
    // every document and every other file may not.
    let documents = |files: Vec<(PathBuf, Vec<u8>)>| -> Vec<(PathBuf, Vec<u8>)> {
        files
            .into_iter()
            .filter(|(p, _)| {
                let name = p.file_name().unwrap().to_string_lossy();
                !name.starts_with('.') && !name.ends_with(".lock") && name != "settings.json"
            })
            .collect()
    };
    let (before, after) = (documents(before), documents(every_file(&journal)));
    assert_eq!(
        after.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        before.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        "no file moved"
    );
    assert!(after == before, "every file byte for byte as it was");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
}
