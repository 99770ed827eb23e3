//! Backups of the whole journal, and restoring one: nothing the user wrote is ever lost, not to
//! a bad zip, a zip bomb, a restore while the app is open, or the rotation of old backups.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use common::{at, draft, FixedClock};
use tend::{backup, Error, Settings, Store};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

const NOW: &str = "2026-11-23T21:15:00+01:00";

fn clock(rfc3339: &str) -> FixedClock {
    *at(rfc3339)
}

/// Every file of the journal a user could lose (all but backups/ and hidden files), by path.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for item in fs::read_dir(dir).unwrap() {
            let item = item.unwrap();
            let name = item.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || (dir == root && name == "backups") {
                continue;
            }
            let path = item.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_string_lossy().into();
                out.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// A zip holding `files` as given, for the refusals below.
fn zip_of(path: &Path, files: &[(&str, &[u8])]) {
    let mut zip = ZipWriter::new(fs::File::create(path).unwrap());
    for (name, bytes) in files {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

/// A journal with two entries and settings.
fn journal(root: &Path) -> Store {
    let mut store = Store::open(root, at(NOW)).unwrap();
    store.save_entry(draft("2026-11-20", "First.")).unwrap();
    store.save_entry(draft("2026-11-21", "Second.")).unwrap();
    store.save_settings(Settings::default()).unwrap();
    store
}

#[test]
fn a_backup_holds_every_journal_file_and_no_lock_temp_or_older_backup() {
    let dir = tempfile::tempdir().unwrap();
    let store = journal(dir.path());
    fs::write(dir.path().join("entries/.tend-crash.tmp"), "half").unwrap();
    let backups = tend::paths::backups_dir(dir.path());
    fs::create_dir_all(&backups).unwrap();
    fs::write(backups.join("notes.zip"), "not ours").unwrap();

    let made = store.backup(None).unwrap();

    assert_eq!(
        made.path,
        backups.join("tend-2026-11-23-211500.zip"),
        "automatic backups are named for the store's local time"
    );
    let mut zip = ZipArchive::new(fs::File::open(&made.path).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(String::from).collect();
    let expected: Vec<String> = snapshot(dir.path()).into_keys().collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(
        sorted, expected,
        "a backup holds exactly the journal's files, '/'-separated, relative to its folder"
    );
    assert_eq!(made.files, expected.len());
    let mut settings = String::new();
    zip.by_name("settings.json")
        .unwrap()
        .read_to_string(&mut settings)
        .unwrap();
    assert_eq!(
        settings.as_bytes(),
        fs::read(dir.path().join("settings.json")).unwrap(),
        "the zip holds the files byte for byte"
    );
    let leftovers: Vec<_> = fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "no temp file is left: {leftovers:?}");
}

#[test]
fn an_entry_deleted_by_hand_comes_back_after_a_restore() {
    let dir = tempfile::tempdir().unwrap();
    let store = journal(dir.path());
    let entry = store.entries()[0].clone();
    let path = store.entry_path(&entry.id).unwrap().to_path_buf();
    let made = store.backup(None).unwrap();
    drop(store);
    fs::remove_file(&path).unwrap();

    let done = backup::restore(dir.path(), &made.path, &clock("2026-11-23T22:00:00+01:00"))
        .expect("a good backup restores");

    // All but the journal's id, which the folder keeps (see the test below).
    assert_eq!(done.restored_files, made.files - 1);
    let reopened = Store::open(dir.path(), at(NOW)).unwrap();
    assert_eq!(
        reopened.entry(&entry.id).map(|e| e.body.clone()).ok(),
        Some(entry.body),
        "the entry deleted by hand must be back and readable"
    );
    assert!(reopened.problems().is_empty(), "{:?}", reopened.problems());
}

#[test]
fn a_restore_first_backs_up_the_journal_so_it_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = journal(dir.path());
    let older = store.backup(None).unwrap();
    let later = store
        .save_entry(draft("2026-11-23", "Written after the backup."))
        .unwrap();
    drop(store);

    // The same second as the first backup: the safety backup must not take its name.
    let done = backup::restore(dir.path(), &older.path, &clock(NOW)).unwrap();

    assert!(
        Store::open(dir.path(), at(NOW))
            .unwrap()
            .entry(&later.id)
            .is_err(),
        "the restore brings the journal back to the backup"
    );
    assert_ne!(
        done.safety_backup, older.path,
        "the backup restored is kept"
    );
    let store = Store::open(dir.path(), at(NOW)).unwrap();
    let listed: Vec<_> = store
        .backups()
        .unwrap()
        .into_iter()
        .map(|b| b.path)
        .collect();
    assert_eq!(
        listed,
        vec![done.safety_backup.clone(), older.path.clone()],
        "the safety backup is an automatic one, listed newest first"
    );
    drop(store);

    backup::restore(dir.path(), &done.safety_backup, &clock(NOW)).unwrap();
    let undone = Store::open(dir.path(), at(NOW)).unwrap();
    assert_eq!(
        undone.entry(&later.id).map(|e| e.body.as_str()).ok(),
        Some("Written after the backup."),
        "restoring the safety backup brings back what was written after the older backup"
    );
}

#[test]
fn rotation_keeps_exactly_the_chosen_number_and_never_removes_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = journal(dir.path());
    store
        .save_settings(Settings {
            backups_kept: 3,
            ..Settings::default()
        })
        .unwrap();
    drop(store);
    let backups = tend::paths::backups_dir(dir.path());
    fs::create_dir_all(&backups).unwrap();
    let others = [
        "notes.zip",
        "tend-2020-01-01-000000.zip.keep",
        "tend-2020-01-01.zip",
    ];
    for name in others {
        fs::write(backups.join(name), "the user's own file").unwrap();
    }

    let mut made = Vec::new();
    for day in 1..=5 {
        let store = Store::open(dir.path(), at(&format!("2026-12-0{day}T08:00:00+01:00"))).unwrap();
        made.push(store.backup(None).unwrap().path);
    }

    let store = Store::open(dir.path(), at(NOW)).unwrap();
    let kept: Vec<_> = store
        .backups()
        .unwrap()
        .into_iter()
        .map(|b| b.path)
        .collect();
    let newest: Vec<_> = made.iter().rev().take(3).cloned().collect();
    assert_eq!(
        kept, newest,
        "exactly the 3 newest automatic backups are kept"
    );
    for name in others {
        assert!(
            backups.join(name).exists(),
            "{name} is not an automatic backup: rotation must leave it alone"
        );
    }
}

#[test]
fn the_daily_backup_is_made_once_a_day_and_not_for_an_empty_journal() {
    let dir = tempfile::tempdir().unwrap();
    let empty = Store::open(dir.path(), at(NOW)).unwrap();
    assert_eq!(
        empty.daily_backup().unwrap(),
        None,
        "an empty journal has nothing to back up"
    );
    drop(empty);
    drop(journal(dir.path()));

    let morning = Store::open(dir.path(), at("2026-11-24T08:00:00+01:00")).unwrap();
    assert!(
        morning.daily_backup().unwrap().is_some(),
        "the day's first open backs up"
    );
    let evening = Store::open(dir.path(), at("2026-11-24T23:59:00+01:00")).unwrap();
    assert_eq!(
        evening.daily_backup().unwrap(),
        None,
        "a second open the same day makes no second backup"
    );
    let next = Store::open(dir.path(), at("2026-11-25T00:01:00+01:00")).unwrap();
    assert!(
        next.daily_backup().unwrap().is_some(),
        "the next day backs up again"
    );
    assert_eq!(next.backups().unwrap().len(), 2);
}

#[test]
fn a_backup_to_a_chosen_file_writes_it_and_rotates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let store = journal(dir.path());
    let dest = out.path().join("usb/copy.zip");

    let made = store.backup(Some(&dest)).unwrap();

    assert_eq!(made.path, dest);
    assert!(
        dest.is_file(),
        "the chosen file is written, its folder made"
    );
    assert!(
        store.backups().unwrap().is_empty(),
        "it is not an automatic backup"
    );
}

#[test]
fn a_zip_with_a_path_out_of_the_journal_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("journal");
    drop(journal(&root));
    let before = snapshot(&root);
    for bad in ["../evil", "/tmp/evil", "backups/tend-2026-11-23-211500.zip"] {
        let zip = dir.path().join("bad.zip");
        zip_of(&zip, &[("settings.json", b"{}"), (bad, b"{}")]);

        let error = backup::restore(&root, &zip, &clock(NOW))
            .expect_err("a zip that writes outside the journal must be refused");

        assert!(matches!(error, Error::Invalid(_)), "{error}");
        assert!(
            error.to_string().contains(bad) && error.to_string().contains("Nothing was changed"),
            "the message names the bad path and says nothing changed: {error}"
        );
        assert!(!dir.path().join("evil").exists(), "nothing written outside");
        assert_eq!(snapshot(&root), before, "the journal is unchanged");
        assert!(
            !tend::paths::backups_dir(&root).exists(),
            "not even a safety backup is made"
        );
    }
}

#[test]
fn a_zip_with_a_broken_json_document_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("journal");
    drop(journal(&root));
    let before = snapshot(&root);
    let zip = dir.path().join("broken.zip");
    zip_of(&zip, &[("entries/2026/a.json", b"{\"schema\": 1,")]);

    let error = backup::restore(&root, &zip, &clock(NOW)).unwrap_err();

    assert!(
        error.to_string().contains("entries/2026/a.json") && error.to_string().contains("JSON"),
        "the message names the broken document: {error}"
    );
    assert_eq!(snapshot(&root), before, "the journal is unchanged");
}

#[test]
fn a_zip_bomb_is_refused_as_too_large_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("journal");
    drop(journal(&root));
    let before = snapshot(&root);
    let zip = dir.path().join("bomb.zip");
    zip_bomb(&zip, 300);
    let size = fs::metadata(&zip).unwrap().len();
    assert!(
        size < 1024 * 1024,
        "the bomb is small on disk: {size} bytes"
    );

    let started = std::time::Instant::now();
    let error = backup::restore(&root, &zip, &clock(NOW)).unwrap_err();

    assert!(
        error.to_string().contains("too large"),
        "a zip bomb is refused as too large: {error}"
    );
    assert!(
        started.elapsed().as_secs() < 10,
        "refused without inflating it all: took {:?}",
        started.elapsed()
    );
    assert_eq!(snapshot(&root), before, "the journal is unchanged");
    let hidden: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tend-"))
        .collect();
    assert!(hidden.is_empty(), "no staging folder is left: {hidden:?}");
}

#[test]
fn a_restore_is_refused_while_the_app_has_the_journal_open() {
    let dir = tempfile::tempdir().unwrap();
    let store = journal(dir.path());
    let made = store.backup(None).unwrap();
    drop(store);
    let app = Store::open_exclusive(dir.path(), at(NOW)).unwrap();
    let before = snapshot(dir.path());

    let error = backup::restore(dir.path(), &made.path, &clock(NOW)).unwrap_err();

    assert!(
        matches!(error, Error::Locked { .. }),
        "the app would write over a restore it does not see: {error}"
    );
    assert_eq!(snapshot(dir.path()), before, "the journal is unchanged");
    assert_eq!(app.backups().unwrap().len(), 1, "no safety backup was made");
}

/// Guards the flaky kill test's failure: a restore refused at once because a command held the
/// journal for an instant (or a child forked by another thread still shared its lock).
#[test]
fn a_restore_waits_out_a_commands_brief_hold_on_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let store = journal(dir.path());
    let made = store.backup(None).unwrap();
    drop(store);
    let lock = tend::paths::instance_lock(dir.path());
    let held = tend::fsio::FileLock::exclusive(&lock).unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(held);
    });

    let done = backup::restore(dir.path(), &made.path, &clock(NOW));
    release.join().unwrap();

    let done = done.expect("the restore waits for its turn, as a save does");
    assert!(done.restored_files > 0, "the backup was restored: {done:?}");
}

#[test]
fn settings_keep_seven_backups_by_default_and_refuse_none() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("settings.json"),
        r#"{"schema": 1, "partner": "Sam"}"#,
    )
    .unwrap();
    let mut store = Store::open(dir.path(), at(NOW)).unwrap();
    assert_eq!(
        store.settings().backups_kept,
        7,
        "settings written before backups existed keep 7"
    );
    let error = store
        .save_settings(Settings {
            backups_kept: 0,
            ..Settings::default()
        })
        .unwrap_err();
    assert!(
        error.to_string().contains("at least 1"),
        "the message says the rule: {error}"
    );
}

#[test]
fn an_interrupted_restore_is_reported_when_the_journal_opens() {
    let dir = tempfile::tempdir().unwrap();
    drop(journal(dir.path()));
    fs::create_dir(dir.path().join(".tend-before-restore-abc")).unwrap();

    let store = Store::open(dir.path(), at(NOW)).unwrap();

    assert!(
        store
            .problems()
            .iter()
            .any(|p| p.path.contains(".tend-before-restore-abc")
                && p.reason.contains("restore did not finish")),
        "the user must learn where the journal before the restore is: {:?}",
        store.problems()
    );
}

/// A zip of one entry of `mb` MB of zeros, a few hundred KB on disk. Deflating hundreds of MB
/// takes long, so one MB is deflated once and its blocks repeated: each copy ends in a sync
/// flush (byte-aligned, not final) and refers back only within itself, so the copies and an
/// empty final block make one valid deflate stream. The zip is written as stored and its
/// headers then say deflated, with the true checksum and size.
fn zip_bomb(path: &Path, mb: u32) {
    const MB: usize = 1024 * 1024;
    let zeros = vec![0u8; MB];
    let mut chunk = Vec::with_capacity(MB);
    let mut deflate = flate2::Compress::new(flate2::Compression::best(), false);
    deflate
        .compress_vec(&zeros, &mut chunk, flate2::FlushCompress::Sync)
        .unwrap();
    assert_eq!(deflate.total_in(), MB as u64, "the whole MB was deflated");
    let mut stream = Vec::new();
    let mut crc = crc32fast::Hasher::new();
    for _ in 0..mb {
        stream.extend_from_slice(&chunk);
        crc.update(&zeros);
    }
    stream.extend_from_slice(&[0x03, 0x00]); // an empty final block
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    zip.start_file("entries/zeros.txt", stored).unwrap();
    zip.write_all(&stream).unwrap();
    let mut bytes = zip.finish().unwrap().into_inner();
    let (crc, size) = (crc.finalize(), mb * MB as u32);
    // Local header: method at 8, checksum at 14, size at 22; central directory: 10, 16, 24.
    for (signature, method, checksum, inflated) in
        [(b"PK\x03\x04", 8, 14, 22), (b"PK\x01\x02", 10, 16, 24)]
    {
        let at = bytes.windows(4).position(|w| w == signature).unwrap();
        bytes[at + method..at + method + 2].copy_from_slice(&8u16.to_le_bytes());
        bytes[at + checksum..at + checksum + 4].copy_from_slice(&crc.to_le_bytes());
        bytes[at + inflated..at + inflated + 4].copy_from_slice(&size.to_le_bytes());
    }
    fs::write(path, bytes).unwrap();
}

/// The bomb above is a real one: it inflates, checksum and all, to what it says.
#[test]
fn the_test_zip_bomb_inflates_to_what_it_claims() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small-bomb.zip");
    zip_bomb(&path, 3);
    let mut zip = ZipArchive::new(fs::File::open(&path).unwrap()).unwrap();
    let mut entry = zip.by_index(0).unwrap();
    let mut inflated = Vec::new();
    entry
        .read_to_end(&mut inflated)
        .expect("a valid stream with the right checksum");
    assert_eq!(inflated.len(), 3 * 1024 * 1024);
    assert!(inflated.iter().all(|&b| b == 0));
}

/// Review (issue 25): a restore replaced `journal-id` like any other file, and a backup made
/// before the id existed (every one an older Tend made) has none: the next open wrote a new id,
/// and every earlier backup, the restore's own safety backup among them, dropped out of the
/// list. The folder now keeps its id through a restore.
#[test]
fn a_restore_keeps_the_journals_id_and_its_backups_stay_listed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("journal");
    let store = journal(&root);
    store.backup(None).unwrap();
    let id = tend::paths::journal_id(&root);
    drop(store);
    let old = dir.path().join("older-tend.zip");
    let entry = b"{\"schema\": 1, \"id\": \"0f3a9c2e5b7d41e8a6c3f1d2b4e6a8c0\", \"date\": \"2026-11-19\", \"body\": \"From an older Tend.\", \"tags\": [], \"created\": \"2026-11-19T20:00:00+01:00\", \"updated\": \"2026-11-19T20:00:00+01:00\"}";
    zip_of(
        &old,
        &[
            ("settings.json", b"{\"schema\": 1}"),
            (
                "entries/2026/2026-11-19-0f3a9c2e5b7d41e8a6c3f1d2b4e6a8c0.json",
                entry,
            ),
        ],
    );

    backup::restore(&root, &old, &clock(NOW)).unwrap();

    assert_eq!(
        fs::read_to_string(root.join("journal-id")).unwrap().trim(),
        id
    );
    let store = Store::open(&root, at(NOW)).unwrap();
    assert_eq!(store.entries()[0].body, "From an older Tend.");
    assert_eq!(
        store.backups().unwrap().len(),
        2,
        "the backup made before, and the restore's safety backup"
    );
}
