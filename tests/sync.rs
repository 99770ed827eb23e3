//! A journal in a synced folder (issue 25): a sync tool replaces a file while Tend has the
//! journal open, or names a conflict copy its own way. A save never writes over another
//! computer's words, and every tool's conflict copy is found, encrypted or not.

mod common;

use std::fs;
use std::path::Path;

use common::{day, draft, open};
use serde_json::json;
use tend::{EntryDraft, FillingDraft, FillingStatus, Store};

/// What a sync tool does when the other computer saved `path`: the file is replaced whole by
/// one holding the other words, with the other computer's time (Syncthing carries it over).
fn replaced_by_sync(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{text}");
    let mut other: serde_json::Value = serde_json::from_str(&text.replace(from, to)).unwrap();
    other["updated"] = json!("2026-11-21T08:00:00+01:00");
    let other = serde_json::to_string_pretty(&other).unwrap();
    let incoming = path.with_file_name(".syncthing.incoming.tmp");
    fs::write(&incoming, other).unwrap();
    let when = std::time::SystemTime::now() - std::time::Duration::from_secs(90);
    fs::File::options()
        .write(true)
        .open(&incoming)
        .unwrap()
        .set_modified(when)
        .unwrap();
    fs::rename(&incoming, path).unwrap();
}

fn edit(store: &mut Store, id: &str, body: &str) -> tend::Entry {
    let mut draft = EntryDraft::of(store.entry(id).unwrap());
    draft.body = body.into();
    store.save_entry(draft).unwrap()
}

/// Every text the journal holds for `id` now: the version shown and every second version.
fn every_version(dir: &Path, id: &str) -> Vec<String> {
    let store = open(dir);
    let mut texts = vec![store.entry(id).unwrap().body.clone()];
    for two in store.two_versions().iter().filter(|t| t.id == id) {
        let other: tend::Entry =
            serde_json::from_str(&fs::read_to_string(&two.other).unwrap()).unwrap();
        texts.push(other.body);
    }
    texts.sort();
    texts
}

/// Regression (issue 25): an entry open in Tend on this computer, its file replaced by the sync
/// with the other computer's edit, then saved here: the save wrote over the other computer's
/// words, gone without a trace. Now the file it would replace is kept as the second version.
#[test]
fn a_save_over_an_entry_the_sync_replaced_keeps_the_other_computers_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let entry = store.save_entry(draft("2026-11-20", "At home.")).unwrap();
    let path = store.entry_path(&entry.id).unwrap().to_path_buf();
    replaced_by_sync(&path, "At home.", "At home. Written on the laptop.");

    edit(&mut store, &entry.id, "At home. Written on the desktop.");

    let two = store.two_versions();
    assert_eq!(two.len(), 1, "listed at once, without an open: {two:?}");
    assert!(two[0].other.contains(".changed-"), "{two:?}");
    drop(store);
    assert_eq!(
        every_version(dir.path(), &entry.id),
        [
            "At home. Written on the desktop.",
            "At home. Written on the laptop."
        ],
        "both computers' words, and the next open lists them too"
    );
}

/// A save over a file Tend wrote itself, or read again unchanged, is an ordinary save: no
/// second version appears when nothing but the time on the file moved.
#[test]
fn a_file_only_touched_is_saved_over_as_usual() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let entry = store.save_entry(draft("2026-11-20", "At home.")).unwrap();
    edit(&mut store, &entry.id, "At home, and warm.");
    let path = store.entry_path(&entry.id).unwrap().to_path_buf();
    let file = fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(60))
        .unwrap();
    edit(&mut store, &entry.id, "At home, and warm. Tea.");
    assert!(
        store.two_versions().is_empty(),
        "{:?}",
        store.two_versions()
    );
    assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
}

/// The editor says which version it began from (`base`): when the entry was saved since by
/// another computer and read again here (a reopen, the app catching up), her save keeps that
/// version as the second one instead of writing over it.
#[test]
fn an_editor_that_began_from_an_older_version_keeps_the_newer_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let entry = store.save_entry(draft("2026-11-20", "At home.")).unwrap();
    let path = store.entry_path(&entry.id).unwrap().to_path_buf();
    drop(store);
    replaced_by_sync(&path, "At home.", "At home. Written on the laptop.");
    let mut store = open(dir.path());
    assert_eq!(
        store.entry(&entry.id).unwrap().body,
        "At home. Written on the laptop."
    );

    let mut draft = EntryDraft::of(&entry);
    draft.body = "At home. Typed in the open editor.".into();
    draft.base = Some(entry.updated);
    store.save_entry(draft).unwrap();

    assert_eq!(store.two_versions().len(), 1);
    drop(store);
    assert_eq!(
        every_version(dir.path(), &entry.id),
        [
            "At home. Typed in the open editor.",
            "At home. Written on the laptop."
        ]
    );
}

/// The same for a worksheet's filling: the other computer's answers are kept beside.
#[test]
fn a_save_over_a_filling_the_sync_replaced_keeps_the_other_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let mut answers = json!({"started-by": "me", "how": "text"});
    let filling = store
        .save_filling(FillingDraft {
            id: None,
            date: day("2026-11-22"),
            worksheet: tend::contacts::WORKSHEET.into(),
            status: FillingStatus::Complete,
            answers: serde_json::from_value(answers.clone()).unwrap(),
        })
        .unwrap();
    let path = store.filling_path_of(&filling.id).unwrap().to_path_buf();
    replaced_by_sync(&path, "\"text\"", "\"call\"");
    answers["how"] = json!("in-person");
    store
        .save_filling(FillingDraft {
            id: Some(filling.id.clone()),
            date: day("2026-11-22"),
            worksheet: tend::contacts::WORKSHEET.into(),
            status: FillingStatus::Complete,
            answers: serde_json::from_value(answers).unwrap(),
        })
        .unwrap();
    let two = store.two_versions();
    assert_eq!(two.len(), 1, "{two:?}");
    let other = fs::read_to_string(&two[0].other).unwrap();
    assert!(other.contains("\"call\""), "{other}");
    assert!(fs::read_to_string(&path).unwrap().contains("in-person"));
}

/// A filling of the contact rhythm worksheet with `how` as its answer, on `day`.
fn contact_filling(how: &str, on: &str) -> FillingDraft {
    FillingDraft {
        id: None,
        date: day(on),
        worksheet: tend::contacts::WORKSHEET.into(),
        status: FillingStatus::Complete,
        answers: serde_json::from_value(json!({"started-by": "me", "how": how})).unwrap(),
    }
}

/// Issue 25: fillings from the other computer reach a journal open here (the app's watcher
/// calls this): a new one is added, a sync tool's copy of one is listed as its second version;
/// one already here is not replaced under a worksheet that may be open.
#[test]
fn fillings_that_arrive_while_the_journal_is_open_are_caught_up() {
    let base = tempfile::tempdir().unwrap();
    let (here_dir, there_dir) = (base.path().join("here"), base.path().join("there"));
    let mut here = open(&here_dir);
    let mine = here
        .save_filling(contact_filling("text", "2026-11-20"))
        .unwrap();
    let mut there = open(&there_dir);
    let theirs = there
        .save_filling(contact_filling("call", "2026-11-21"))
        .unwrap();
    let from = there.filling_path_of(&theirs.id).unwrap().to_path_buf();
    let arrived = here_dir.join(from.strip_prefix(&there_dir).unwrap());
    fs::create_dir_all(arrived.parent().unwrap()).unwrap();
    fs::copy(&from, &arrived).unwrap();

    assert_eq!(here.catch_up_fillings(), 1, "the new filling");
    assert_eq!(
        here.filling(&theirs.id).unwrap().answers["how"],
        json!("call")
    );

    let own = here.filling_path_of(&mine.id).unwrap().to_path_buf();
    let copy = own.with_file_name(format!(
        "{}.sync-conflict-20261121-101010-BBBBBBB.json",
        own.file_stem().unwrap().to_string_lossy()
    ));
    fs::write(
        &copy,
        fs::read_to_string(&own)
            .unwrap()
            .replace("\"text\"", "\"in-person\""),
    )
    .unwrap();
    replaced_by_sync(&own, "\"text\"", "\"letter\"");

    assert_eq!(here.catch_up_fillings(), 1, "the copy, listed");
    let two = here.two_versions();
    assert_eq!(two.len(), 1, "{two:?}");
    assert!(two[0].other.ends_with("BBBBBBB.json"), "{two:?}");
    assert_eq!(
        here.filling(&mine.id).unwrap().answers["how"],
        json!("text"),
        "the one here is not replaced under an open worksheet"
    );
    assert_eq!(here.catch_up_fillings(), 0, "nothing new the second time");
}

/// Regression (issue 25): Nextcloud and Dropbox put their mark before the last extension, so
/// their copy of an encrypted entry (`X.json (Sam's conflicted copy 2026-12-06).age`) was no
/// document's name: the other computer's words were neither shown nor named. Each is now a
/// second version, and the list says which tool made it, from which computer, and when.
#[test]
fn every_tools_copy_of_an_encrypted_entry_is_a_second_version_with_its_maker() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let entry = store.save_entry(draft("2026-11-20", "At home.")).unwrap();
    let key = store
        .encryption_on(&common::secret("a long walk by the river"), Some(2))
        .unwrap();
    let path = store.entry_path(&entry.id).unwrap().to_path_buf();
    drop(store);
    let stem = path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .replace(".json.age", "");
    let copies = [
        (
            format!("{stem}.json (conflicted copy Sam 2026-12-06 101010).age"),
            "Nextcloud's conflict copy, from Sam, 2026-12-06 10:10",
        ),
        (
            format!("{stem}.json (Sam's conflicted copy 2026-12-06).age"),
            "Dropbox's conflict copy, from Sam, 2026-12-06",
        ),
        (
            format!("{stem}.json.sync-conflict-20261206-101010-ABCDEFG.age"),
            "Syncthing's conflict copy, from device ABCDEFG, 2026-12-06 10:10",
        ),
    ];
    for (name, _) in &copies {
        fs::copy(&path, path.with_file_name(name)).unwrap();
    }
    let store = Store::open_with(
        dir.path(),
        common::at("2026-11-23T21:15:00+01:00"),
        Some(key),
    )
    .unwrap();
    assert!(store.problems().is_empty(), "{:?}", store.problems());
    let two = store.two_versions();
    let mut said: Vec<(String, String)> = (two.iter())
        .map(|t| {
            let name = Path::new(&t.other)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (
                name,
                t.other_origin
                    .as_ref()
                    .map(|o| o.said())
                    .unwrap_or_default(),
            )
        })
        .collect();
    said.sort();
    let mut expected: Vec<(String, String)> = copies
        .iter()
        .map(|(n, s)| (n.clone(), s.to_string()))
        .collect();
    expected.sort();
    assert_eq!(said, expected);
}

/// Every file in `dir` and below, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for item in fs::read_dir(&folder).unwrap().flatten() {
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

/// Issue 25: what belongs to one computer stays on it. After writing, searching, a backup
/// and a look at the trash, the journal folder holds the journal's files, its id and a
/// `.stignore`, and nothing else: the caches, the locks and the backups are in this computer's
/// own folders for the journal, named by its id.
#[test]
fn no_cache_lock_or_backup_is_kept_in_the_journal_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let entry = store.save_entry(draft("2026-11-20", "At home.")).unwrap();
    let request = tend::search::SearchRequest {
        text: "home".into(),
        ..Default::default()
    };
    assert_eq!(tend::search::search(&mut store, &request).unwrap().total, 1);
    let backup = store.backup(None).unwrap();
    drop(store);
    let store = open(dir.path());
    assert_eq!(store.entries().len(), 1);

    let id = fs::read_to_string(dir.path().join("journal-id")).unwrap();
    let files = tree(dir.path());
    let entry_file = format!("entries/2026/2026-11-20-{}.json", entry.id);
    assert_eq!(files, [".stignore", &entry_file, "journal-id"], "{files:?}");
    let cache = tend::paths::cache_dir(dir.path());
    assert!(cache.ends_with(id.trim()), "{}", cache.display());
    assert!(cache.join(".index").is_file() && cache.join(".search").is_file());
    assert!(backup
        .path
        .starts_with(tend::paths::backups_dir(dir.path())));
    assert!(!backup.path.starts_with(dir.path()));
    let ignore = fs::read_to_string(dir.path().join(".stignore")).unwrap();
    assert!(ignore.contains("(?d).tend-*"), "{ignore}");
}

/// Issue 25: a journal an older Tend laid out (caches, locks and backups in its folder) moves
/// to the new layout at its next open, without a word: the caches and locks go, the backups
/// move to this computer's folder for them, and a `.stignore` she wrote stays as it is.
#[test]
fn an_old_journal_moves_to_the_new_layout_without_a_word() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    store.save_entry(draft("2026-11-20", "At home.")).unwrap();
    drop(store);
    // As an older Tend left it: no id, no .stignore.
    fs::remove_file(dir.path().join("journal-id")).unwrap();
    fs::remove_file(dir.path().join(".stignore")).unwrap();
    for old in [
        ".index",
        ".search",
        ".instance.lock",
        ".write.lock",
        ".sync-conflict-20261206-101010-ABCDEFG.index",
        ".index.sync-conflict-20261206-101010-ABCDEFG.age",
    ] {
        fs::write(dir.path().join(old), "an older Tend's").unwrap();
    }
    fs::create_dir_all(dir.path().join("backups")).unwrap();
    let old_backup = "tend-2026-11-01-080000.zip";
    fs::write(dir.path().join("backups").join(old_backup), "a backup").unwrap();
    fs::write(dir.path().join(".stignore"), "// hers\n").unwrap();

    let store = open(dir.path());
    assert!(store.problems().is_empty(), "{:?}", store.problems());
    assert_eq!(store.entries()[0].body, "At home.");
    let files = tree(dir.path());
    assert!(
        files.iter().all(|f| !f.contains(".index")
            && !f.starts_with(".search")
            && !f.ends_with(".lock")
            && !f.starts_with("backups")),
        "{files:?}"
    );
    let moved = tend::paths::backups_dir(dir.path()).join(old_backup);
    assert_eq!(fs::read_to_string(moved).unwrap(), "a backup");
    assert_eq!(
        fs::read_to_string(dir.path().join(".stignore")).unwrap(),
        "// hers\n",
        "never overwritten"
    );
}

/// Review: an older Tend still running (the login item's app, all day) holds its lock in the
/// folder. This version keeps its locks elsewhere, so it would not have seen it, and would
/// have written beside it; it now says the journal is held, and leaves that lock alone.
#[test]
fn an_older_tend_still_holding_the_journal_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    store.save_entry(draft("2026-11-20", "At home.")).unwrap();
    drop(store);
    let old_lock = dir.path().join(".instance.lock");
    let held = tend::fsio::FileLock::try_exclusive(&old_lock, dir.path()).unwrap();
    match Store::open_exclusive(dir.path(), Box::new(tend::SystemClock)) {
        Err(tend::Error::Locked { .. }) => {}
        other => panic!("opened beside an older Tend: {:?}", other.map(|_| ())),
    }
    let _ = open(dir.path()); // a read, which tidies, leaves the held lock
    assert!(old_lock.exists());
    drop(held);
    let _ = open(dir.path());
    assert!(!old_lock.exists(), "gone once let go");
}

/// Found by the Syncthing test: two computers that each opened the folder before the other's
/// `journal-id` arrived gave it two ids, and the sync kept both (`journal-id.sync-conflict-…`),
/// for good. Each computer now keeps the smaller, so they agree, removes the copy, and its
/// backups follow the id to their new folder.
#[test]
fn two_ids_given_before_the_computers_met_settle_on_one_and_backups_follow() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    store.save_entry(draft("2026-11-20", "At home.")).unwrap();
    store.backup(None).unwrap();
    drop(store);
    let other = "00000000000000000000000000000001";
    let copy = dir
        .path()
        .join("journal-id.sync-conflict-20261207-101010-ABCDEFG");
    fs::write(&copy, format!("{other}\n")).unwrap();

    let store = open(dir.path());
    assert_eq!(
        fs::read_to_string(dir.path().join("journal-id"))
            .unwrap()
            .trim(),
        other,
        "the smaller id, which the other computer keeps too"
    );
    assert!(!copy.exists());
    assert_eq!(tend::paths::journal_id(dir.path()), other);
    assert_eq!(
        store.backups().unwrap().len(),
        1,
        "the backup followed the id"
    );
}
