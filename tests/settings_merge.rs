//! Settings changed on two computers merge field by field, the later change winning each
//! (issue 25): through a sync tool's conflict copy of `settings.json`, or a save over the file
//! the sync replaced. The conflict copy leaves no file behind; a person's own copy stays.

mod common;

use std::fs;
use std::path::Path;

use common::at;
use tend::settings::Appearance;
use tend::{Settings, Store};

fn open_at(dir: &Path, when: &str) -> Store {
    Store::open(dir, at(when)).unwrap()
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
