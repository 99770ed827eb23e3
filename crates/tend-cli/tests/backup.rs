//! `tend backup`, `tend backups` and `tend restore`, as a person would run them.

mod common;

use std::fs;
use std::path::Path;

use common::{as_nobody, stderr, stdout, tend, tend_in, tend_on};

fn write(dir: &Path, body: &str) -> String {
    let out = tend(dir, &["write", "--date", "2026-11-20"], body);
    assert!(out.status.success(), "write failed: {}", stderr(&out));
    stdout(&out).trim().to_string()
}

#[test]
fn an_entry_deleted_by_hand_comes_back_with_tend_restore() {
    let dir = tempfile::tempdir().unwrap();
    let id = write(dir.path(), "Worth keeping.\n");

    let out = tend(dir.path(), &["backup"], "");
    assert!(out.status.success(), "backup failed: {}", stderr(&out));
    assert!(
        // The entry, and the journal's id (journal-id).
        stdout(&out).contains("Backed up 2 files "),
        "backup says how many files: {}",
        stdout(&out)
    );
    let out = tend(dir.path(), &["backups"], "");
    let listed = stdout(&out);
    let zip = listed
        .split_whitespace()
        .find(|word| word.ends_with(".zip"))
        .unwrap_or_else(|| panic!("`tend backups` lists the new backup: {listed}"))
        .to_string();

    fs::remove_dir_all(dir.path().join("entries")).unwrap();
    assert!(!tend(dir.path(), &["show", &id], "").status.success());

    let out = tend(dir.path(), &["restore", &zip], "");
    assert!(out.status.success(), "restore failed: {}", stderr(&out));
    let said = stdout(&out);
    assert!(
        // The entry (the journal's id stays as the folder has it).
        said.contains("Restored 1 file ") && said.contains("kept in"),
        "restore says what it restored and where the journal before it is: {said}"
    );
    let out = tend(dir.path(), &["show", &id], "");
    assert!(
        stdout(&out).contains("Worth keeping."),
        "the entry is back: {}",
        stderr(&out)
    );
    let out = tend(dir.path(), &["backups"], "");
    assert_eq!(
        stdout(&out).matches(".zip").count(),
        2,
        "the safety backup of the state before the restore is listed too: {}",
        stdout(&out)
    );
}

#[test]
fn backup_out_is_relative_to_the_working_directory() {
    let journal = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    write(journal.path(), "Hello.\n");
    let data_dir = journal.path().to_str().unwrap();

    let out = tend_in(
        cwd.path(),
        &["--data-dir", data_dir, "backup", "--out", "copy.zip"],
        "",
    );

    assert!(out.status.success(), "backup failed: {}", stderr(&out));
    assert!(
        cwd.path().join("copy.zip").is_file(),
        "--out copy.zip is written where the command was run"
    );
    assert!(
        !tend::paths::backups_dir(journal.path()).exists(),
        "a backup to a chosen file is not an automatic one"
    );
}

#[test]
fn restore_is_refused_while_the_app_has_the_journal_open() {
    let dir = tempfile::tempdir().unwrap();
    let id = write(dir.path(), "Still here.\n");
    let out = tend(dir.path(), &["backup"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let zip = fs::read_dir(tend::paths::backups_dir(dir.path()))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let app = tend::Store::open_exclusive(dir.path(), Box::new(tend::SystemClock)).unwrap();

    let out = tend(dir.path(), &["restore", zip.to_str().unwrap()], "");

    assert!(
        // The holder here is this test, standing in for the app: the message names it.
        !out.status.success() && stderr(&out).contains("is using it"),
        "a restore under a running app would be written over: {}",
        stderr(&out)
    );
    drop(app);
    assert!(
        stdout(&tend(dir.path(), &["show", &id], "")).contains("Still here."),
        "the journal is as it was"
    );
}

#[test]
fn restore_of_a_missing_file_names_it_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let id = write(dir.path(), "Untouched.\n");

    let out = tend(dir.path(), &["restore", "no-such-backup.zip"], "");

    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no-such-backup.zip"),
        "the error names the file: {}",
        stderr(&out)
    );
    assert!(stdout(&tend(dir.path(), &["show", &id], "")).contains("Untouched."));
}

#[test]
fn settings_change_how_many_backups_are_kept_but_never_to_none() {
    let dir = tempfile::tempdir().unwrap();

    let out = tend(dir.path(), &["settings", "--backups-kept", "3"], "");
    assert!(
        stdout(&out).contains("backups kept: 3"),
        "the new number is shown: {}",
        stderr(&out)
    );
    let out = tend(dir.path(), &["settings", "--backups-kept", "0"], "");
    assert!(
        !out.status.success() && stderr(&out).contains("at least 1"),
        "keeping no backup would leave nothing to go back to: {}",
        stderr(&out)
    );
    assert!(stdout(&tend(dir.path(), &["settings"], "")).contains("backups kept: 3"));
}

/// Issue 25: `tend move-journal DIR` copies the journal into a folder a sync tool shares,
/// checks every file, and from then on every command on this computer opens it there; the old
/// folder is kept as it was.
#[test]
fn move_journal_moves_it_into_a_folder_and_every_command_opens_it_there() {
    let base = tempfile::tempdir().unwrap();
    let (old, synced, local) = (
        base.path().join("old"),
        base.path().join("Sync/Tend"),
        base.path().join("computer"),
    );
    let old_arg = old.to_str().unwrap();
    let out = tend_on(&local, &["--data-dir", old_arg, "write"], "At home.\n");
    assert!(out.status.success(), "{}", stderr(&out));
    fs::create_dir_all(synced.join(".stfolder")).unwrap();

    let out = tend_on(
        &local,
        &[
            "--data-dir",
            old_arg,
            "move-journal",
            synced.to_str().unwrap(),
        ],
        "",
    );
    let said = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        said.contains("checked every file") && said.contains("is kept"),
        "{said}"
    );

    // No --data-dir: the folder it was moved to.
    let out = tend_on(&local, &["write"], "On the train.\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = stdout(&tend(&synced, &["list"], ""));
    assert!(
        listed.contains("At home.") && listed.contains("On the train."),
        "{listed}"
    );
    let old_list = stdout(&tend(&old, &["list"], ""));
    assert!(
        !old_list.contains("On the train."),
        "the old folder is as it was: {old_list}"
    );

    // A second move onto a journal is refused, and says why.
    let out = tend_on(&local, &["move-journal", old_arg], "");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("holds a Tend journal"),
        "{}",
        stderr(&out)
    );

    // The other computer has no journal of its own yet: it uses the synced one, as it is.
    let laptop = base.path().join("laptop");
    let out = tend_on(&laptop, &["use-journal", base.path().to_str().unwrap()], "");
    assert!(!out.status.success(), "a folder with no journal is refused");
    assert!(
        stderr(&out).contains("holds no Tend journal"),
        "{}",
        stderr(&out)
    );
    let out = tend_on(&laptop, &["use-journal", synced.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = stdout(&tend_on(&laptop, &["list"], ""));
    assert!(listed.contains("On the train."), "{listed}");
}

/// `tend` as a person on her own computer runs it: no data directory or local folder from the
/// environment, her home folder `home`.
fn tend_at_home(home: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_tend"));
    command
        .args(args)
        .env("HOME", home)
        .env_remove("TEND_DATA_DIR")
        .env_remove("TEND_LOCAL_DIR")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("XDG_STATE_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    use std::io::Write;
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

/// Every file below `dir`, relative.
fn all_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for item in fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = item.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

/// Review (issue 25): on the default layout (the journal in ~/.local/share/tend) the backups
/// went to ~/.local/share/tend/backups/<id>, inside the journal folder: "Move the journal…"
/// copied them into the shared folder, and removing the old folder, as the move invites,
/// removed every backup. They are beside it now, and the move carries none.
#[test]
fn on_the_default_layout_backups_are_beside_the_journal_and_a_move_carries_none() {
    let home = tempfile::tempdir().unwrap();
    let out = tend_at_home(home.path(), &["write"], "At home.\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let out = tend_at_home(home.path(), &["backup"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let journal = home.path().join(".local/share/tend");
    let in_journal = all_files(&journal);
    assert!(
        in_journal.iter().all(|f| !f.ends_with(".zip")),
        "no backup in the journal folder: {in_journal:?}"
    );
    let backups = all_files(&home.path().join(".local/share/tend-backups"));
    assert_eq!(backups.len(), 1, "{backups:?}");

    let synced = home.path().join("Sync/Tend");
    let out = tend_at_home(home.path(), &["move-journal", synced.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let moved = all_files(&synced);
    assert!(moved.iter().all(|f| !f.ends_with(".zip")), "{moved:?}");
    fs::remove_dir_all(&journal).unwrap();
    let listed = stdout(&tend_at_home(home.path(), &["backups"], ""));
    assert!(
        listed.contains(".zip"),
        "the backup outlives the old folder: {listed}"
    );

    // Review: the folder it was moved to is gone (a disk not connected): said, by name, never
    // passed over for a new, empty journal in the default place.
    fs::rename(&synced, home.path().join("Sync/Elsewhere")).unwrap();
    let out = tend_at_home(home.path(), &["list"], "");
    assert!(!out.status.success(), "{}", stdout(&out));
    assert!(
        stderr(&out).contains(synced.to_str().unwrap()) && stderr(&out).contains("not there"),
        "{}",
        stderr(&out)
    );
    assert!(
        !journal.exists(),
        "no new journal was begun in the default place"
    );
}

/// Issue 25: the backups can live in a folder of her choosing (a disk of their own). Those made
/// already move there, checked; later ones are written there; a folder inside the journal is
/// refused; a chosen folder that is missing (the disk not connected) is said, and no backup goes
/// elsewhere unseen; and `--usual` brings them back.
#[test]
fn backups_folder_moves_the_backups_to_a_chosen_folder_and_back() {
    let home = tempfile::tempdir().unwrap();
    let at_home = |args: &[&str]| tend_at_home(home.path(), args, "");
    assert!(tend_at_home(home.path(), &["write"], "At home.\n")
        .status
        .success());
    for _ in 0..2 {
        let out = at_home(&["backup"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let usual = home.path().join(".local/share/tend-backups");
    assert_eq!(all_files(&usual).len(), 2);
    let disk = home.path().join("USB");
    fs::create_dir(&disk).unwrap();

    let journal = home.path().join(".local/share/tend");
    let inside = journal.join("entries");
    let out = at_home(&["backups-folder", inside.to_str().unwrap()]);
    assert!(!out.status.success(), "inside the journal is refused");
    assert!(
        stderr(&out).contains("inside the journal"),
        "{}",
        stderr(&out)
    );

    let out = at_home(&["backups-folder", disk.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("2 files moved"), "{}", stdout(&out));
    let zips = |dir: &Path| {
        all_files(dir)
            .iter()
            .filter(|f| f.ends_with(".zip"))
            .count()
    };
    assert_eq!(zips(&disk), 2, "both moved");
    assert!(all_files(&usual).is_empty(), "none left behind");
    assert!(at_home(&["backup"]).status.success());
    assert_eq!(zips(&disk), 3, "a new one is written there");
    let said = stdout(&at_home(&["backups-folder"]));
    assert!(said.trim().starts_with(disk.to_str().unwrap()), "{said}");

    // The disk is not connected: its mount point is an empty folder. A backup, a move of the
    // backups and a change of encryption are refused and say so; nothing is written anywhere.
    fs::rename(&disk, home.path().join("USB-away")).unwrap();
    fs::create_dir(&disk).unwrap();
    for args in [
        &["backup"][..],
        &["backups-folder", "--usual"][..],
        &["encryption", "on", "--passphrase-fd", "0"][..],
    ] {
        let out = tend_at_home(home.path(), args, "a long passphrase\n");
        assert!(!out.status.success(), "{args:?}: {}", stdout(&out));
        assert!(
            stderr(&out).contains("not there"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert!(all_files(&disk).is_empty() && all_files(&usual).is_empty());
    assert!(
        !journal.join("identity.age").exists(),
        "the journal is as it was"
    );
    fs::remove_dir(&disk).unwrap();
    fs::rename(home.path().join("USB-away"), &disk).unwrap();

    let out = at_home(&["backups-folder", "--usual"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(zips(&usual), 3, "back in the usual place");
    assert_eq!(zips(&disk), 0);
    assert_eq!(stdout(&at_home(&["backups"])).matches(".zip").count(), 3);
}

/// Review (issue 25): a journal an older Tend laid out (its caches, locks and `backups/` in its
/// folder, no `journal-id`), read by a user who may not write it (nobody, reading another's
/// journal): it lists, and nothing in the folder changes. Its layout moves only at an open by
/// one who may write.
#[test]
fn an_old_layout_journal_read_by_one_who_may_not_write_is_left_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let base = tempfile::Builder::new()
        .prefix("tend-old-layout-")
        .tempdir_in("/tmp")
        .unwrap();
    fs::set_permissions(base.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let journal = base.path().join("journal");
    write(&journal, "Written with an older Tend.");
    for name in ["journal-id", ".stignore"] {
        let _ = fs::remove_file(journal.join(name));
    }
    for old in [".index", ".search", ".instance.lock", ".write.lock"] {
        fs::write(journal.join(old), b"an older Tend's").unwrap();
    }
    fs::create_dir(journal.join("backups")).unwrap();
    fs::write(journal.join("backups/tend-2026-11-20-101010.zip"), b"PK").unwrap();
    let chmod = std::process::Command::new("chmod")
        .args(["-R", "a+rX"])
        .arg(&journal)
        .status()
        .unwrap();
    assert!(chmod.success());
    let snapshot = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        (all_files(dir).into_iter())
            .map(|f| {
                let bytes = fs::read(dir.join(&f)).unwrap();
                (f, bytes)
            })
            .collect()
    };
    let before = snapshot(&journal);

    let out = as_nobody(&["--data-dir", journal.to_str().unwrap(), "list"]);

    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("older Tend"), "{}", stdout(&out));
    assert_eq!(
        snapshot(&journal),
        before,
        "a read by nobody changed the folder"
    );
}
