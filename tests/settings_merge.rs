//! Settings changed on two computers merge field by field, the later change winning each
//! (issue 25): through a sync tool's conflict copy of `settings.json`, or a save over the file
//! the sync replaced. The conflict copy leaves no file behind; a person's own copy stays.

mod common;

use std::fs;
use std::path::Path;

use common::at;
use tend::settings::Appearance;
use tend::{Settings, Store};

/// Opened as the app and every command that writes open it: holding the journal, so that
/// what it merges from copies is saved (a read only shows it).
fn open_at(dir: &Path, when: &str) -> Store {
    Store::open_to_write(dir, at(when)).unwrap()
}

/// Saves settings changed by `change` on the computer whose journal is at `dir`, at `when`.
fn change(dir: &Path, when: &str, change: impl FnOnce(&mut Settings)) {
    let mut store = open_at(dir, when);
    let mut settings = store.settings().clone();
    change(&mut settings);
    store.save_settings(settings).unwrap();
}

fn copy_settings(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    fs::copy(from.join("settings.json"), to.join("settings.json")).unwrap();
}

const CONFLICT: &str = "settings.sync-conflict-20261206-101010-BBBBBBB.json";

/// Guards the other computer's settings being lost: the partner's name set on the desktop,
/// the lock changed later on the laptop, the theme only on the desktop; the sync kept the
/// desktop's file as a conflict copy. Both computers end with the same merged settings.
#[test]
fn settings_changed_on_two_computers_merge_field_by_field_and_the_copy_goes() {
    let base = tempfile::tempdir().unwrap();
    let (laptop, desktop) = (base.path().join("laptop"), base.path().join("desktop"));
    change(&laptop, "2026-12-01T09:00:00+01:00", |s| {
        s.partner = "Sam".into()
    });
    copy_settings(&laptop, &desktop);
    change(&desktop, "2026-12-05T10:00:00+01:00", |s| {
        s.partner = "Alex".into();
        s.theme = Appearance::Dark;
        s.lock_minutes = 15;
    });
    change(&laptop, "2026-12-05T11:00:00+01:00", |s| {
        s.lock_minutes = 10
    });
    // The sync met the two: the laptop's file stayed, the desktop's beside it; on the desktop
    // the other way round.
    fs::copy(desktop.join("settings.json"), laptop.join(CONFLICT)).unwrap();
    let other = "settings.sync-conflict-20261206-101010-AAAAAAA.json";
    fs::copy(laptop.join("settings.json"), desktop.join(other)).unwrap();

    let here = open_at(&laptop, "2026-12-06T12:00:00+01:00");
    let there = open_at(&desktop, "2026-12-06T12:00:00+01:00");

    let s = here.settings();
    assert_eq!(s.partner, "Alex", "changed later on the desktop");
    assert_eq!(s.theme, Appearance::Dark, "changed only on the desktop");
    assert_eq!(s.lock_minutes, 10, "changed later on the laptop");
    assert_eq!(s, there.settings(), "both computers agree");
    assert!(!laptop.join(CONFLICT).exists() && !desktop.join(other).exists());
    assert!(here.problems().is_empty(), "{:?}", here.problems());
    drop(here);
    let again = open_at(&laptop, "2026-12-06T13:00:00+01:00");
    assert_eq!(again.settings().partner, "Alex", "the merge was saved");
    assert_eq!(again.settings().lock_minutes, 10);
}

/// Guards settings written over: the sync replaced `settings.json` with the desktop's while
/// the app ran on the laptop; her next change there keeps the desktop's change too.
#[test]
fn a_save_over_settings_the_sync_replaced_keeps_the_other_computers_change() {
    let base = tempfile::tempdir().unwrap();
    let (laptop, desktop) = (base.path().join("laptop"), base.path().join("desktop"));
    change(&laptop, "2026-12-01T09:00:00+01:00", |s| {
        s.partner = "Sam".into()
    });
    copy_settings(&laptop, &desktop);
    let mut open_on_laptop = open_at(&laptop, "2026-12-05T12:00:00+01:00");
    change(&desktop, "2026-12-05T10:00:00+01:00", |s| {
        s.partner = "Alex".into()
    });
    copy_settings(&desktop, &laptop);

    let mut settings = open_on_laptop.settings().clone();
    settings.theme = Appearance::Dark;
    let saved = open_on_laptop.save_settings(settings).unwrap();

    assert_eq!(saved.theme, Appearance::Dark, "her change");
    assert_eq!(
        saved.partner, "Alex",
        "the desktop's change, not written over"
    );
    drop(open_on_laptop);
    let again = open_at(&laptop, "2026-12-06T12:00:00+01:00");
    assert_eq!(again.settings().partner, "Alex");
    assert_eq!(again.settings().theme, Appearance::Dark);
}

/// A copy a person made of her settings is hers: it is left as it is, and read into nothing.
#[test]
fn a_persons_own_copy_of_the_settings_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    change(dir.path(), "2026-12-01T09:00:00+01:00", |s| {
        s.partner = "Sam".into()
    });
    let copy = dir.path().join("settings (copy).json");
    fs::copy(dir.path().join("settings.json"), &copy).unwrap();
    change(dir.path(), "2026-12-02T09:00:00+01:00", |s| {
        s.partner = "Alex".into()
    });

    let store = open_at(dir.path(), "2026-12-06T12:00:00+01:00");

    assert!(copy.exists());
    assert_eq!(store.settings().partner, "Alex");
}

/// A conflict copy that cannot be read stays, named among the files to look at.
#[test]
fn an_unreadable_conflict_copy_of_the_settings_stays_and_is_named() {
    let dir = tempfile::tempdir().unwrap();
    change(dir.path(), "2026-12-01T09:00:00+01:00", |s| {
        s.partner = "Sam".into()
    });
    fs::write(dir.path().join(CONFLICT), b"{ half").unwrap();

    let store = open_at(dir.path(), "2026-12-06T12:00:00+01:00");

    assert!(dir.path().join(CONFLICT).exists());
    assert!((store.problems().iter()).any(|p| p.path.ends_with(CONFLICT)));
    assert_eq!(store.settings().partner, "Sam");
}

fn set_modified(path: &Path, seconds_from_now: i64) {
    let now = std::time::SystemTime::now();
    let when = if seconds_from_now >= 0 {
        now + std::time::Duration::from_secs(seconds_from_now as u64)
    } else {
        now - std::time::Duration::from_secs((-seconds_from_now) as u64)
    };
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(when)
        .unwrap();
}

/// Review: the first conflict after an update, with the other computer's settings from a Tend
/// that kept no record of changes: they were dropped whole, and their file deleted. Where no
/// record decides, the file saved later does; and if both were saved at the same instant,
/// nothing is decided for her: the copy stays, named with the settings that differ.
#[test]
fn settings_without_a_record_of_changes_go_by_the_later_file_or_stay() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("settings.json"),
        r#"{"schema": 1, "partner": "Sam"}"#,
    )
    .unwrap();
    let copy = dir.path().join(CONFLICT);
    fs::write(
        &copy,
        r#"{"schema": 1, "partner": "Alex", "lockMinutes": 9}"#,
    )
    .unwrap();
    set_modified(&dir.path().join("settings.json"), -120);
    set_modified(&copy, -60);

    let store = open_at(dir.path(), "2026-12-06T12:00:00+01:00");

    assert_eq!(store.settings().partner, "Alex", "the file saved later");
    assert_eq!(store.settings().lock_minutes, 9);
    assert!(!copy.exists());
    drop(store);

    let copy = dir
        .path()
        .join("settings (conflicted copy 2026-12-06 101010).json");
    fs::write(&copy, r#"{"schema": 1, "partner": "Robin"}"#).unwrap();
    let same = std::time::SystemTime::now() - std::time::Duration::from_secs(30);
    for file in [dir.path().join("settings.json"), copy.clone()] {
        let f = fs::File::options().write(true).open(&file).unwrap();
        f.set_modified(same).unwrap();
    }
    let store = open_at(dir.path(), "2026-12-06T13:00:00+01:00");
    assert!(copy.exists(), "nothing decided for her: the copy stays");
    let named = (store.problems().iter()).find(|p| p.path.ends_with("101010).json"));
    assert!(
        named.is_some_and(|p| p.reason.contains("partner")),
        "{:?}",
        store.problems()
    );
    assert_eq!(store.settings().partner, "Alex");
}

/// Review: a conflict copy whose merge does not make valid settings (a name too long, edited
/// by hand) was deleted with nothing merged. It stays, named.
#[test]
fn a_conflict_copy_that_does_not_merge_into_valid_settings_stays() {
    let dir = tempfile::tempdir().unwrap();
    change(dir.path(), "2026-12-01T09:00:00+01:00", |s| {
        s.partner = "Sam".into()
    });
    let long = "A".repeat(200);
    let text = format!(
        r#"{{"schema": 1, "partner": "{long}", "changed": {{"partner": "2026-12-05T09:00:00+01:00"}}}}"#
    );
    fs::write(dir.path().join(CONFLICT), text).unwrap();

    let store = open_at(dir.path(), "2026-12-06T12:00:00+01:00");

    assert!(dir.path().join(CONFLICT).exists());
    assert!((store.problems().iter()).any(|p| p.path.ends_with(CONFLICT)));
    assert_eq!(store.settings().partner, "Sam");
}

/// Review: a save over settings the sync left half written wrote over them. They are kept
/// beside, as settings Tend could not read always were.
#[test]
fn a_save_over_settings_the_sync_left_unreadable_keeps_them_beside() {
    let dir = tempfile::tempdir().unwrap();
    change(dir.path(), "2026-12-01T09:00:00+01:00", |s| {
        s.partner = "Sam".into()
    });
    let mut store = open_at(dir.path(), "2026-12-05T12:00:00+01:00");
    fs::write(dir.path().join("settings.json"), b"{\"schema\": 1, \"partn").unwrap();

    let mut settings = store.settings().clone();
    settings.theme = Appearance::Dark;
    store.save_settings(settings).unwrap();

    let aside: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("settings.unreadable-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let kept = fs::read_to_string(dir.path().join(&aside[0])).unwrap();
    assert!(kept.contains("partn"), "{kept}");
    let said = |store: &Store| (store.problems().iter()).any(|p| p.path.ends_with(&aside[0]));
    assert!(said(&store), "said at once: {:?}", store.problems());
    drop(store);
    let again = open_at(dir.path(), "2026-12-06T12:00:00+01:00");
    assert!(said(&again), "and at each open: {:?}", again.problems());
}

/// Review: settings a newer Tend wrote (on the other computer) were dropped by this one's next
/// save, and by a merge. They are kept, and merge like the others.
#[test]
fn settings_a_newer_tend_wrote_are_kept_through_a_save_and_a_merge() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("settings.json"),
        r#"{"schema": 1, "partner": "Sam", "gardenMode": true}"#,
    )
    .unwrap();
    let mut store = open_at(dir.path(), "2026-12-05T12:00:00+01:00");
    let mut settings = store.settings().clone();
    settings.theme = Appearance::Dark;
    store.save_settings(settings).unwrap();
    let mut from_the_page: serde_json::Value =
        serde_json::to_value(store.settings().clone()).unwrap();
    from_the_page.as_object_mut().unwrap().remove("gardenMode");
    let from_the_page: Settings = serde_json::from_value(from_the_page).unwrap();
    store.save_settings(from_the_page).unwrap();
    drop(store);

    let text = fs::read_to_string(dir.path().join("settings.json")).unwrap();
    assert!(text.contains("\"gardenMode\": true"), "{text}");

    let copy = r#"{"schema": 1, "partner": "Sam", "gardenMode": false, "riverMode": 3,
        "changed": {"gardenMode": "2026-12-06T09:00:00+01:00", "riverMode": "2026-12-06T09:00:00+01:00"}}"#;
    fs::write(dir.path().join(CONFLICT), copy).unwrap();
    drop(open_at(dir.path(), "2026-12-06T12:00:00+01:00"));
    let text = fs::read_to_string(dir.path().join("settings.json")).unwrap();
    assert!(
        text.contains("\"gardenMode\": false") && text.contains("\"riverMode\": 3"),
        "{text}"
    );
}
