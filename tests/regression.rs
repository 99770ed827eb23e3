//! Data-loss regressions: each test is named for what it guards, and its first comment names
//! the issue that asked for it. A failure here means someone's writing could be lost: do not
//! loosen the test, fix the store.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::fixture::entry;
use common::{at, open};
use tend::vision::VisionDraft;
use tend::Store;

/// Every file in `dir` whose name starts with `stem` and holds `.unreadable-`.
fn set_aside_copies(dir: &Path, stem: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|item| item.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(stem) && name.contains(".unreadable-"))
        .collect();
    names.sort();
    names
}

#[test]
fn an_unreadable_file_is_never_overwritten_by_a_document_saved_at_its_path() {
    // Issue 10: the proofs. A file Tend cannot read is someone's writing until proven otherwise;
    // a document that would be saved at its path (a vision edited again, an entry imported with
    // the same id and day) must move it aside, never write over it.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let visions = root.join("visions");
    let year = root.join("entries/2026");
    fs::create_dir_all(&visions).unwrap();
    fs::create_dir_all(&year).unwrap();
    let vision_bytes =
        b"{\"schema\": 1, \"id\": \"grand-vision\", \"revisions\": [{\"number\": 1, \"sec";
    let entry_bytes = b"{\"schema\": 1, \"id\": \"e1\", \"body\": \"caf\xe9 with L\xe9a\"}";
    fs::write(visions.join("grand-vision.json"), vision_bytes).unwrap();
    fs::write(year.join("2026-11-20-e1.json"), entry_bytes).unwrap();

    let mut store = open(root);
    assert_eq!(
        store.problems().len(),
        2,
        "both files are unreadable and listed: {:?}",
        store.problems()
    );
    store
        .save_vision(VisionDraft {
            exercise: "grand-vision".into(),
            session_revision: None,
            sections: BTreeMap::from([("believe".into(), "I am enough.".into())]),
        })
        .unwrap();
    store
        .insert_entry(entry("e1", "2026-11-20", "A quiet walk."))
        .unwrap();

    for (folder, stem, bytes) in [
        (&visions, "grand-vision", &vision_bytes[..]),
        (&year, "2026-11-20-e1", &entry_bytes[..]),
    ] {
        let aside = set_aside_copies(folder, stem);
        assert_eq!(
            aside.len(),
            1,
            "the unreadable {stem}.json is kept beside, once, under a new name: {aside:?}"
        );
        assert_eq!(
            fs::read(folder.join(&aside[0])).unwrap(),
            bytes,
            "{} must hold the unreadable file's bytes exactly",
            aside[0]
        );
    }

    let reopened = open(root);
    assert_eq!(
        reopened.vision("grand-vision").map(|v| v.revisions.len()),
        Some(1),
        "the new vision is where the unreadable one was"
    );
    assert_eq!(reopened.entry("e1").unwrap().body, "A quiet walk.");
    let problems: Vec<&str> = reopened
        .problems()
        .iter()
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(
        problems.len(),
        2,
        "the set-aside files are still listed as unreadable, so the user is still told: \
         {problems:?}"
    );
    assert!(
        problems.iter().all(|p| p.contains(".unreadable-")),
        "{problems:?}"
    );
}

#[test]
fn an_unreadable_settings_file_is_kept_under_a_dated_name_when_settings_are_saved() {
    // Issue 10: the proofs. settings.json that Tend cannot read (a newer Tend's, or a hand edit
    // gone wrong) is moved to settings.unreadable-<date>.json before new settings are written,
    // and a second save does not touch that copy.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let unreadable = b"{\"schema\": 7, \"partner\": \"Sam\", \"pronouns\": \"they\"}\n";
    fs::write(root.join("settings.json"), unreadable).unwrap();

    let mut store = Store::open(root, at("2026-11-23T21:15:00+01:00")).unwrap();
    assert!(
        store
            .problems()
            .iter()
            .any(|p| p.path.ends_with("settings.json") && p.reason.contains("newer Tend")),
        "the settings file is listed with why: {:?}",
        store.problems()
    );
    assert_eq!(
        fs::read(root.join("settings.json")).unwrap(),
        unreadable,
        "opening alone changes nothing"
    );
    let mut settings = store.settings().clone();
    settings.partner = "Alex".into();
    store.save_settings(settings.clone()).unwrap();
    settings.partner = "Alex J".into();
    store.save_settings(settings).unwrap();

    let dated = root.join("settings.unreadable-20261123-211500.json");
    assert_eq!(
        fs::read(&dated).unwrap(),
        unreadable,
        "the unreadable settings are kept, byte for byte, under the date of the first save"
    );
    assert_eq!(
        set_aside_copies(root, "settings"),
        ["settings.unreadable-20261123-211500.json"],
        "one copy is kept; the second save did not set aside the settings it wrote itself"
    );
    assert_eq!(open(root).settings().partner, "Alex J");
}
