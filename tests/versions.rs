//! Two versions of one document (issue 23, item 2): a copy or a sync tool's conflict copy is
//! listed beside the version shown, compared word by word, and resolved only as the person
//! chooses.

mod common;

use std::fs;
use std::path::Path;

use common::{day, draft, open};
use serde_json::json;
use tend::store::{Keep, TrashKind};
use tend::vision::Change;
use tend::{FillingDraft, FillingStatus, Store};

fn contact_log(store: &mut Store, how: &str) -> tend::Filling {
    store
        .save_filling(FillingDraft {
            id: None,
            date: day("2026-11-22"),
            worksheet: tend::contacts::WORKSHEET.into(),
            status: FillingStatus::Complete,
            answers: serde_json::from_value(json!({"started-by": "me", "how": how})).unwrap(),
        })
        .unwrap()
}

fn conflict_copy(path: &Path, from: &str, to: &str) -> std::path::PathBuf {
    let stem = path.file_stem().unwrap().to_string_lossy();
    let copy = path.with_file_name(format!("{stem}.sync-conflict-20261206-101010-ABCDEFG.json"));
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{text}");
    fs::write(&copy, text.replace(from, to)).unwrap();
    copy
}

#[test]
fn the_two_versions_of_an_entry_are_compared_word_by_word() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let entry = store
        .save_entry(draft("2026-11-20", "I walked by the river with the kids."))
        .unwrap();
    let path = store.entry_path(&entry.id).unwrap().to_path_buf();
    drop(store);
    let copy = conflict_copy(&path, "by the river", "by the sea");
    let store = open(dir.path());
    let compared = tend::versions::compare(&store, &entry.id, None).unwrap();
    assert_eq!(compared.kind, TrashKind::Entry);
    assert_eq!(compared.this.path, path.display().to_string());
    assert_eq!(compared.that.path, copy.display().to_string());
    assert_eq!(compared.that.body, "I walked by the sea with the kids.");
    let text = compared
        .diffs
        .iter()
        .find(|d| d.title == "What you wrote")
        .unwrap();
    let marked: Vec<(Change, &str)> = (text.parts.iter())
        .filter(|p| p.change != Change::Same)
        .map(|p| (p.change, p.text.as_str()))
        .collect();
    assert_eq!(marked, [(Change::Removed, "river"), (Change::Added, "sea")]);
}

#[test]
fn a_worksheet_in_two_versions_keeps_this_that_or_both() {
    for keep in [Keep::This, Keep::That, Keep::Both] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(dir.path());
        let filling = contact_log(&mut store, "text");
        let path = store.filling_path_of(&filling.id).unwrap().to_path_buf();
        drop(store);
        let copy = conflict_copy(&path, "\"how\": \"text\"", "\"how\": \"call\"");
        let mut store = open(dir.path());
        assert_eq!(store.filling(&filling.id).unwrap().answers["how"], "text");
        let two = store.two_versions();
        assert_eq!(two.len(), 1, "{two:?}");
        assert_eq!(two[0].kind, TrashKind::Filling);
        let compared = tend::versions::compare(&store, &filling.id, None).unwrap();
        assert!(
            compared.diffs.iter().any(|d| d.words_added > 0),
            "the answers differ: {:?}",
            compared.diffs
        );
        let done = store
            .resolve_versions(&filling.id, None, keep.clone())
            .unwrap();
        drop(store);
        let store = open(dir.path());
        assert!(store.two_versions().is_empty(), "{keep:?}");
        assert!(!copy.exists(), "{keep:?}: the copy's file is resolved");
        let how = &store.filling(&filling.id).unwrap().answers["how"];
        match keep {
            Keep::This => assert_eq!(how, "text"),
            Keep::That => assert_eq!(how, "call"),
            _ => {
                assert_eq!(how, "text");
                let other = store.filling(&done.new_id.unwrap()).unwrap();
                assert_eq!(other.answers["how"], "call");
            }
        }
        let in_trash = store.trash().unwrap().len();
        assert_eq!(in_trash, usize::from(keep != Keep::Both), "{keep:?}");
    }
}

#[test]
fn a_worksheet_cannot_be_edited_one_into_the_other_and_nothing_moves() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let filling = contact_log(&mut store, "text");
    let path = store.filling_path_of(&filling.id).unwrap().to_path_buf();
    drop(store);
    let copy = conflict_copy(&path, "\"how\": \"text\"", "\"how\": \"call\"");
    let mut store = open(dir.path());
    let keep = Keep::Edited { body: "x".into() };
    assert!(store.resolve_versions(&filling.id, None, keep).is_err());
    assert!(path.exists() && copy.exists());
    assert_eq!(store.two_versions().len(), 1);
}

#[test]
fn a_conflict_copy_that_arrives_while_the_app_runs_is_listed_after_catch_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let entry = store.save_entry(draft("2026-11-20", "At home.")).unwrap();
    let path = store.entry_path(&entry.id).unwrap().to_path_buf();
    assert!(store.two_versions().is_empty());
    let copy = conflict_copy(&path, "At home.", "At work.");
    let folder = path.parent().unwrap();
    store.catch_up(Store::entry_files(folder));
    let two = store.two_versions();
    assert_eq!(two.len(), 1, "{two:?}");
    assert_eq!(two[0].other, copy.display().to_string());
    assert_eq!(
        store.entry(&entry.id).unwrap().body,
        "At home.",
        "Tend's own file is shown"
    );
    // Gone again (the sync tool took it back): no longer listed.
    fs::remove_file(&copy).unwrap();
    store.catch_up(Store::entry_files(folder));
    assert!(store.two_versions().is_empty());
}

fn secret() -> tend::crypt::secrecy::SecretString {
    tend::crypt::secrecy::SecretString::from("a long walk by the river".to_string())
}

/// Review of issue 23's work: Syncthing puts its mark before the last extension, so its copy
/// of an encrypted entry (`X.json.age`) is `X.json.sync-conflict-…-ABC.age`, which was never
/// looked at: the other computer's words were neither shown nor named.
#[test]
fn a_syncthing_copy_of_an_encrypted_entry_is_a_second_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let entry = store.save_entry(draft("2026-11-20", "At home.")).unwrap();
    let key = store.encryption_on(&secret(), Some(2)).unwrap();
    let path = store.entry_path(&entry.id).unwrap().to_path_buf();
    drop(store);
    assert!(path.to_string_lossy().ends_with(".json.age"));
    let stem = path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .replace(".json.age", "");
    let copy = path.with_file_name(format!(
        "{stem}.json.sync-conflict-20261206-101010-ABCDEFG.age"
    ));
    fs::copy(&path, &copy).unwrap();
    let store = Store::open_with(
        dir.path(),
        common::at("2026-11-23T21:15:00+01:00"),
        Some(key),
    )
    .unwrap();
    let two = store.two_versions();
    assert_eq!(two.len(), 1, "{two:?} {:?}", store.problems());
    assert_eq!(two[0].other, copy.display().to_string());
}

/// Review: turning encryption on converted a second version's file too, but the journal kept
/// its old name, so comparing and resolving failed until the journal was opened again.
#[test]
fn a_second_version_is_still_found_after_encryption_is_turned_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let entry = store.save_entry(draft("2026-11-20", "At home.")).unwrap();
    let path = store.entry_path(&entry.id).unwrap().to_path_buf();
    drop(store);
    conflict_copy(&path, "At home.", "At work.");
    let mut store = open(dir.path());
    store.encryption_on(&secret(), Some(2)).unwrap();
    let compared = tend::versions::compare(&store, &entry.id, None).unwrap();
    assert_eq!(compared.that.body, "At work.");
    store.resolve_versions(&entry.id, None, Keep::That).unwrap();
    assert_eq!(store.entry(&entry.id).unwrap().body, "At work.");
}

/// Review: deleting the version shown left the other as the document at the next open (the
/// entry she deleted came back). She chooses between them first.
#[test]
fn an_entry_in_two_versions_is_not_deleted_until_she_has_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let entry = store.save_entry(draft("2026-11-20", "At home.")).unwrap();
    let path = store.entry_path(&entry.id).unwrap().to_path_buf();
    drop(store);
    let copy = conflict_copy(&path, "At home.", "At work.");
    let mut store = open(dir.path());
    let refused = store.delete(&entry.id).unwrap_err();
    assert!(refused.to_string().contains("two versions"), "{refused}");
    assert!(path.exists() && copy.exists());
    store.resolve_versions(&entry.id, None, Keep::This).unwrap();
    store.delete(&entry.id).unwrap();
    drop(store);
    let store = open(dir.path());
    assert!(store.entry(&entry.id).is_err(), "deleted stays deleted");
}

/// Review: a restore from Recently deleted restored the latest deletion of its id, not the row
/// she chose (two deletions of one id are common now: a version not kept, then a delete).
#[test]
fn restoring_a_row_of_recently_deleted_brings_back_that_deletion() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let entry = store.save_entry(draft("2026-11-20", "At home.")).unwrap();
    let path = store.entry_path(&entry.id).unwrap().to_path_buf();
    drop(store);
    conflict_copy(&path, "At home.", "At work.");
    let mut store = open(dir.path());
    // The version not kept goes to the trash; then the entry itself is deleted: two
    // deletions of one id, "At work." the older.
    store.resolve_versions(&entry.id, None, Keep::This).unwrap();
    store.delete(&entry.id).unwrap();
    let trash = store.trash().unwrap();
    assert_eq!(trash.len(), 2, "{trash:?}");
    let older = trash.iter().find(|t| t.title.contains("At work")).unwrap();
    let file = older
        .file
        .clone()
        .expect("the trash names each deletion's file");
    store.restore_deleted_from(&entry.id, Some(&file)).unwrap();
    assert_eq!(
        store.entry(&entry.id).unwrap().body,
        "At work.",
        "the row chosen, not the latest deletion of its id"
    );
    assert_eq!(
        store.trash().unwrap().len(),
        1,
        "the other deletion stays listed"
    );
}
