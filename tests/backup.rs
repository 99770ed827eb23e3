//! Backups of the whole journal: every file, checked, and old ones rotated without ever removing
//! a file that is not an automatic backup.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::Path;

use common::{at, draft};
use tend::{Settings, Store};
use zip::ZipArchive;

const NOW: &str = "2026-11-23T21:15:00+01:00";

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
    fs::create_dir_all(dir.path().join("backups")).unwrap();
    fs::write(dir.path().join("backups/notes.zip"), "not ours").unwrap();

    let made = store.backup(None).unwrap();

    assert_eq!(
        made.path,
        dir.path().join("backups/tend-2026-11-23-211500.zip"),
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
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "no temp file is left: {leftovers:?}");
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
    let backups = dir.path().join("backups");
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
