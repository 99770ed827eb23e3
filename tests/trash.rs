//! Deleting moves a document to the trash, from which it comes back whole for 30 days.

mod common;

use std::fs;

use common::{at, day, draft};
use serde_json::json;
use tend::store::TrashKind;
use tend::{FillingDraft, FillingStatus, Store};

const DELETED_AT: &str = "2026-11-23T21:15:00+01:00";

#[test]
fn a_deleted_entry_leaves_the_journal_and_comes_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    let kept = store.save_entry(draft("2026-11-20", "Kept.")).unwrap();
    let entry = store
        .save_entry(draft("2026-11-21", "Imported twice by mistake."))
        .unwrap();
    let path = store.entry_path(&entry.id).unwrap().to_path_buf();

    let gone = store.delete(&entry.id).unwrap();
    assert_eq!(gone.kind, TrashKind::Entry);
    assert_eq!(gone.date, day("2026-11-21"));
    assert_eq!(gone.title, "Imported twice by mistake.");
    assert!(store.entry(&entry.id).is_err(), "gone from the store");
    assert!(!path.exists(), "its file left entries/");
    let reopened = common::open(dir.path());
    let ids: Vec<String> = reopened.summaries().into_iter().map(|s| s.id).collect();
    assert_eq!(
        ids,
        vec![kept.id.clone()],
        "the list shows only what is left"
    );
    assert!(
        reopened.problems().is_empty(),
        "the trash is not read as documents"
    );
    assert_eq!(reopened.trash().unwrap(), vec![gone.clone()]);

    let mut store = reopened;
    let back = store.restore_deleted(&entry.id).unwrap();
    assert_eq!(back, gone);
    assert_eq!(store.entry(&entry.id).unwrap(), &entry, "the same content");
    assert_eq!(
        store.entry_path(&entry.id).unwrap(),
        path,
        "in its own place"
    );
    assert!(store.trash().unwrap().is_empty());
    assert_eq!(common::open(dir.path()).entry(&entry.id).unwrap(), &entry);
}

#[test]
fn a_worksheet_filling_is_deleted_and_undone_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    let filling = store
        .save_filling(FillingDraft {
            id: None,
            date: day("2026-11-22"),
            worksheet: tend::contacts::WORKSHEET.into(),
            status: FillingStatus::Complete,
            answers: serde_json::from_value(json!({"started-by": "me", "how": "text"})).unwrap(),
        })
        .unwrap();
    store.delete(&filling.id).unwrap();
    assert!(store.filling(&filling.id).is_err());
    assert_eq!(store.trash().unwrap()[0].kind, TrashKind::Filling);
    store.undo_delete(&filling.id).unwrap();
    assert_eq!(store.filling(&filling.id).unwrap(), &filling);
}

#[test]
fn the_trash_is_emptied_of_what_is_older_than_30_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), at(DELETED_AT)).unwrap();
    let entry = store.save_entry(draft("2026-11-21", "Old.")).unwrap();
    store.delete(&entry.id).unwrap();
    drop(store);

    let day_29 = Store::open(dir.path(), at("2026-12-22T21:00:00+01:00")).unwrap();
    assert_eq!(
        day_29.trash().unwrap().len(),
        1,
        "still restorable after 29 days"
    );
    drop(day_29);
    let day_31 = Store::open(dir.path(), at("2026-12-24T21:16:00+01:00")).unwrap();
    assert!(day_31.trash().unwrap().is_empty(), "purged after 30 days");
    assert!(
        fs::read_dir(dir.path().join("trash"))
            .unwrap()
            .next()
            .is_none(),
        "its file is gone"
    );
    let mut day_31 = day_31;
    let err = day_31.restore_deleted(&entry.id).unwrap_err().to_string();
    assert!(err.contains(&entry.id), "{err}");
}

#[test]
fn deleting_what_is_not_there_names_the_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    let err = store.delete("nope").unwrap_err().to_string();
    assert!(err.contains("nope"), "{err}");
    let err = store.restore_deleted("../x").unwrap_err().to_string();
    assert!(err.contains("../x"), "{err}");
}
