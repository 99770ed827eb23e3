//! Two versions of one document in the real app (issue 23, item 2): a Syncthing conflict copy
//! and a person's "(copy)" of two entries, and a Nextcloud conflict copy of a worksheet
//! filling. Today says so, Entries and the worksheet's history mark them, the page compares
//! them side by side, and each choice keeps what she chose, the rest in the trash.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use tend::{FillingDraft, FillingStatus, Store, SystemClock};
use tend_e2e::{draft, run, with_app};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A copy of `path` named `name(stem)` beside it, with `from` replaced by `to`.
fn copy_of(path: &Path, name: impl Fn(&str) -> String, from: &str, to: &str) -> PathBuf {
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let copy = path.with_file_name(name(&stem));
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{text}");
    fs::write(&copy, text.replace(from, to)).unwrap();
    copy
}

#[test]
fn two_versions_are_shown_compared_and_resolved_as_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let (synced, copied, filling_id, copies) = {
        let mut store = Store::open(&data, Box::new(SystemClock)).unwrap();
        let synced = store
            .save_entry(draft(
                day("2026-11-20"),
                "Walked by the river after work. Slept well.",
            ))
            .unwrap();
        let copied = store
            .save_entry(draft(day("2026-11-18"), "A quiet evening with a book."))
            .unwrap();
        let answers = serde_json::from_value(serde_json::json!({"values": ["Kindness"]})).unwrap();
        let filling = store
            .save_filling(FillingDraft {
                id: None,
                worksheet: "self-awareness".into(),
                date: day("2026-11-19"),
                status: FillingStatus::Complete,
                answers,
            })
            .unwrap();
        let copies = [
            copy_of(
                store.entry_path(&synced.id).unwrap(),
                |s| format!("{s}.sync-conflict-20261206-101010-ABCDEFG.json"),
                "by the river after work",
                "by the sea before work",
            ),
            copy_of(
                store.filling_path_of(&filling.id).unwrap(),
                |s| format!("{s} (conflicted copy 2026-12-06 101010).json"),
                "Kindness",
                "Courage",
            ),
            copy_of(
                store.entry_path(&copied.id).unwrap(),
                |s| format!("{s} (copy).json"),
                "with a book",
                "with music",
            ),
        ];
        (synced.id, copied.id, filling.id, copies)
    };
    let data_in = data.clone();
    run(async move {
        with_app(&data_in, |app| async move {
            let banner = app.text("versions-banner").await;
            assert!(
                banner.contains("More than one version of 3 documents"),
                "{banner}"
            );
            app.screenshot("versions-01-today-banner").await;

            // Entries marks the two entries; an open one says so, and leads to the page.
            app.click("nav-entries").await;
            app.wait_count("entry-row", 2).await;
            assert_eq!(app.count("entry-two-versions-mark").await, 2);
            app.find_all("entry-row").await[0].click().await.unwrap();
            app.find("entry-two-versions").await;
            app.screenshot("versions-02-entry-marked").await;
            // The worksheet's history marks its filling, and leads there too.
            app.click("nav-worksheets").await;
            app.click("worksheet-self-awareness").await;
            app.find("history-two-versions").await;
            app.screenshot("versions-03-worksheet-history-marked").await;
            app.click("nav-entries").await;
            app.wait_count("entry-row", 2).await;
            app.find_all("entry-row").await[0].click().await.unwrap();
            app.click("entry-compare-versions").await;

            app.wait_count("versions-item", 3).await;
            app.wait_count("version-this", 3).await;
            let this = app.text("version-this").await;
            let that = app.text("version-that").await;
            assert!(this.contains("by the river after work"), "{this}");
            assert!(that.contains("by the sea before work"), "{that}");
            // Each copy says which tool made it, from which computer, when (issue 25).
            let made = futures_text(&app.find_all("made-by").await).await;
            assert!(
                made.iter()
                    .any(|m| m.contains("Syncthing") && m.contains("ABCDEFG"))
                    && made.iter().any(|m| m.contains("Nextcloud"))
                    && made.iter().any(|m| m.contains("A copy")),
                "{made:?}"
            );
            let marked = app.find_all("only-here").await;
            let first: Vec<String> = futures_text(&marked[..4]).await;
            assert!(
                first.iter().any(|t| t.contains("river"))
                    && first.iter().any(|t| t.contains("sea")),
                "each side's own words are marked: {first:?}"
            );
            app.screenshot("versions-04-side-by-side").await;
            app.axe("two versions").await;

            // The newest first: the synced entry; keep the other computer's words.
            app.click("keep-that").await;
            app.wait_count("versions-item", 2).await;
            let said = app.text("versions-said").await;
            assert!(said.contains("Recently deleted"), "{said}");
            // The worksheet: keep both.
            app.click("keep-both").await;
            app.wait_count("versions-item", 1).await;
            // The copied entry: edit one into the other.
            app.click("keep-edit").await;
            app.type_into("version-edit", " And some music.").await;
            app.screenshot("versions-05-edit-into-one").await;
            app.click("keep-edited").await;
            app.find("versions-none").await;
            app.screenshot("versions-06-all-resolved").await;

            app.click("nav-today").await;
            app.find("prompt-text").await;
            assert_eq!(
                app.count("versions-banner").await,
                0,
                "nothing left to choose"
            );
        })
        .await;
    });

    for copy in &copies {
        assert!(!copy.exists(), "{} is resolved", copy.display());
    }
    let store = Store::open(&data, Box::new(SystemClock)).unwrap();
    assert!(store.two_versions().is_empty());
    assert_eq!(
        store.entry(&synced).unwrap().body,
        "Walked by the sea before work. Slept well."
    );
    assert_eq!(
        store.entry(&copied).unwrap().body,
        "A quiet evening with a book. And some music."
    );
    assert_eq!(store.entry_count(), 2);
    assert_eq!(
        store.all_fillings().len(),
        2,
        "both versions of the worksheet"
    );
    assert!(store.filling(&filling_id).is_ok());
    let trashed = store.trash().unwrap();
    assert_eq!(trashed.len(), 2, "the two versions not kept: {trashed:?}");
}

async fn futures_text(elements: &[fantoccini::elements::Element]) -> Vec<String> {
    let mut out = Vec::new();
    for e in elements {
        out.push(e.text().await.unwrap());
    }
    out
}

/// Every document file below `dir`, with its bytes (links not followed, caches left out).
fn documents(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut found = std::collections::BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for item in fs::read_dir(&folder).unwrap() {
            let path = item.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue; // the caches and locks, rewritten by design
            }
            if meta.is_dir() {
                todo.push(path);
            } else if meta.file_type().is_symlink() {
                found.insert(
                    path.clone(),
                    fs::read_link(&path)
                        .unwrap()
                        .into_os_string()
                        .into_encoded_bytes(),
                );
            } else {
                found.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    found
}

/// Issue 23, "done when": a journal holding a link loop, a folder link, a `(copy)` file and
/// three conflict copies of one entry is opened by the app, and afterwards every file is byte
/// for byte where it was; the app shows the versions, and resolving them keeps what she chose,
/// each version not kept its own file in the trash.
#[test]
fn links_a_copy_and_three_conflict_copies_move_nothing_until_she_chooses() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let (copied, synced) = {
        let mut store = Store::open(&data, Box::new(SystemClock)).unwrap();
        store
            .save_entry(draft(day("2025-06-01"), "A year ago, a long walk."))
            .unwrap();
        let copied = store
            .save_entry(draft(day("2026-11-18"), "A quiet evening with a book."))
            .unwrap();
        let synced = store
            .save_entry(draft(day("2026-11-20"), "Walked by the river after work."))
            .unwrap();
        let path = store.entry_path(&synced.id).unwrap().to_path_buf();
        for (name, words) in [
            (
                ".sync-conflict-20261204-101500-ABCDEFG.json",
                "on the laptop",
            ),
            (" (conflicted copy 2026-12-04 101500).json", "at the office"),
            (" (Sam's conflicted copy 2026-12-04).json", "on the phone"),
        ] {
            copy_of(&path, |s| format!("{s}{name}"), "after work", words);
        }
        copy_of(
            store.entry_path(&copied.id).unwrap(),
            |s| format!("{s} (copy).json"),
            "with a book",
            "with music",
        );
        (copied.id, synced.id)
    };
    let year = data.join("entries/2026");
    std::os::unix::fs::symlink(".", year.join("loop")).unwrap();
    std::os::unix::fs::symlink("../2025", year.join("old")).unwrap();
    // The entries, as she left them (the app writes its settings, caches and an automatic
    // backup beside them, by design).
    let before = documents(&data.join("entries"));

    let data_in = data.clone();
    run(async move {
        with_app(&data_in, |app| async move {
            let banner = app.text("versions-banner").await;
            assert!(
                banner.contains("More than one version of 2 entries"),
                "{banner}"
            );
            // After the look at every file a few seconds after the start.
            app.wait_looked().await;
            app.click("nav-entries").await;
            app.wait_count("entry-row", 3).await;
        })
        .await;
    });
    let after = documents(&data.join("entries"));
    assert!(
        after == before,
        "the app moved nothing by reading: before {:?}, after {:?}",
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    assert!(!data.join("trash").exists());

    let data_in = data.clone();
    run(async move {
        with_app(&data_in, |app| async move {
            app.click("versions-open").await;
            app.wait_count("versions-item", 4).await;
            app.wait_count("version-this", 4).await;
            app.screenshot("versions-07-four-versions").await;
            // The first listed is Sam's copy (the others sort after it): keep its words.
            let that = app.text("version-that").await;
            assert!(that.contains("on the phone"), "{that}");
            app.click("keep-that").await;
            app.wait_count("versions-item", 3).await;
            app.wait_count("version-this", 3).await;
            let this = app.text("version-this").await;
            assert!(
                this.contains("on the phone"),
                "compared afresh with the kept: {this}"
            );
            app.click("keep-this").await;
            app.wait_count("versions-item", 2).await;
            app.click("keep-this").await;
            app.wait_count("versions-item", 1).await;
            app.click("keep-both").await;
            app.find("versions-none").await;
        })
        .await;
    });
    let store = Store::open(&data, Box::new(SystemClock)).unwrap();
    assert!(store.two_versions().is_empty());
    assert_eq!(
        store.entry(&synced).unwrap().body,
        "Walked by the river on the phone."
    );
    assert_eq!(
        store.entry(&copied).unwrap().body,
        "A quiet evening with a book."
    );
    assert_eq!(
        store.entry_count(),
        4,
        "three, and the (copy) kept as an entry of its own"
    );
    let trash: Vec<String> = fs::read_dir(data.join("trash"))
        .unwrap()
        .map(|f| fs::read_to_string(f.unwrap().path()).unwrap())
        .collect();
    assert_eq!(trash.len(), 3, "each version not kept, its own file");
    for words in ["after work", "on the laptop", "at the office"] {
        assert!(
            trash.iter().any(|t| t.contains(words)),
            "the version {words:?} is in the trash"
        );
    }
    // The links are still there, as they were.
    assert!(fs::symlink_metadata(year.join("loop"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::symlink_metadata(year.join("old"))
        .unwrap()
        .file_type()
        .is_symlink());
}
