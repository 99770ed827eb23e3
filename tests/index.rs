//! The entries' index (issue 12): a cache beside the documents, checked against the folders at
//! open (and every file in a folder that changed), rebuilt quietly when missing or damaged,
//! encrypted with the journal.

mod common;

use std::fs;
use std::path::Path;

use tend::Store;

const INDEX: &str = ".index";

/// The index of the journal at `dir`: in this computer's cache for it, not in the journal.
fn index_of(dir: &std::path::Path) -> std::path::PathBuf {
    tend::paths::cache_dir(dir).join(INDEX)
}

fn journal(dir: &Path) -> Vec<String> {
    let mut store = common::open(dir);
    (1..=3)
        .map(|n| {
            let body = format!("Entry number {n}, about the garden.");
            store
                .save_entry(common::draft(&format!("2026-11-0{n}"), &body))
                .unwrap()
                .id
        })
        .collect()
}

fn excerpts(store: &Store) -> Vec<String> {
    store.summaries().into_iter().map(|s| s.excerpt).collect()
}

#[test]
fn a_second_open_reads_the_index_not_the_documents_and_bodies_load_when_wanted() {
    let dir = tempfile::tempdir().unwrap();
    let ids = journal(dir.path());
    drop(common::open(dir.path())); // the open after the saves writes the index
    assert!(index_of(dir.path()).is_file(), "the index is written");

    // Same size, same modification time, other bytes: only a read of the file would notice.
    let store = common::open(dir.path());
    let path = store.entry_path(&ids[0]).unwrap().to_path_buf();
    drop(store);
    let file = fs::OpenOptions::new().write(true).open(&path).unwrap();
    let when = file.metadata().unwrap().modified().unwrap();
    let len = file.metadata().unwrap().len() as usize;
    fs::write(&path, "x".repeat(len)).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(when)
        .unwrap();

    let store = common::open(dir.path());
    assert!(
        store.problems().is_empty(),
        "the open did not read the file: {:?}",
        store.problems()
    );
    assert_eq!(store.summaries().len(), 3, "the list comes from the index");
    let error = store.entry(&ids[0]).unwrap_err().to_string();
    assert!(
        error.contains("not valid JSON"),
        "the body is read when opened: {error}"
    );
    assert!(store.entry(&ids[1]).unwrap().body.contains("number 2"));
}

#[test]
fn an_edit_made_outside_tend_is_seen_at_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let ids = journal(dir.path());
    drop(common::open(dir.path()));
    let store = common::open(dir.path());
    let path = store.entry_path(&ids[1]).unwrap().to_path_buf();
    drop(store);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("number 2", "number two, edited by hand"),
    )
    .unwrap();
    fs::remove_file(common::open(dir.path()).entry_path(&ids[2]).unwrap()).unwrap();

    let store = common::open(dir.path());
    let seen = excerpts(&store);
    assert_eq!(
        seen.len(),
        2,
        "a file removed outside Tend is gone: {seen:?}"
    );
    assert!(
        seen.iter()
            .any(|e| e.contains("number two, edited by hand")),
        "{seen:?}"
    );
}

#[test]
fn a_missing_or_damaged_index_is_rebuilt_quietly() {
    let dir = tempfile::tempdir().unwrap();
    journal(dir.path());
    let before = excerpts(&common::open(dir.path()));
    for damage in [
        Some(&b"{\"schema\": 1, \"entr"[..]),
        Some(&b"\xff\xfe"[..]),
        // The layout of an earlier build: its tag says so, and it is not read as this one.
        Some(&b"TENDIDX1\x01\x02"[..]),
        Some(&b"TENDIDX3\x01\x02"[..]),
        None,
    ] {
        match damage {
            Some(bytes) => fs::write(index_of(dir.path()), bytes).unwrap(),
            None => fs::remove_file(index_of(dir.path())).unwrap(),
        }
        let store = common::open(dir.path());
        assert!(store.problems().is_empty(), "{:?}", store.problems());
        assert_eq!(excerpts(&store), before);
        drop(store);
        let rebuilt = fs::read(index_of(dir.path())).unwrap();
        assert!(
            rebuilt.starts_with(b"TENDIDX4"),
            "the index is written again"
        );
        // Read back: the next open takes every entry from it (no file is read).
        let again = common::open(dir.path());
        assert_eq!(excerpts(&again), before);
    }
}

#[test]
fn an_encrypted_journal_keeps_its_index_encrypted() {
    use tend::crypt::{secrecy::SecretString, Key};
    let dir = tempfile::tempdir().unwrap();
    journal(dir.path());
    let mut store = common::open(dir.path());
    let pass = SecretString::from("index passphrase".to_string());
    store.encryption_on(&pass, Some(2)).unwrap();
    drop(store);
    let key = Key::unlock(dir.path(), &pass).unwrap();
    let store = Store::open_with(
        dir.path(),
        common::at("2026-11-23T21:15:00+01:00"),
        Some(key),
    )
    .unwrap();
    assert_eq!(store.summaries().len(), 3);
    drop(store);
    assert!(!index_of(dir.path()).exists(), "no plain index");
    let sealed = fs::read(tend::paths::cache_dir(dir.path()).join(format!("{INDEX}.age"))).unwrap();
    assert!(
        !sealed.windows(6).any(|w| w == b"garden"),
        "the encrypted index holds no first words in plain text"
    );
}

/// Guards the index's numeric dates: read back from the index alone, each entry keeps its day,
/// its times to the nanosecond and its offset from UTC, however far from UTC it was written.
#[test]
fn the_index_keeps_each_entrys_day_time_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    let times = [
        "2026-11-23T23:59:59.123456789+05:45",
        "2026-11-24T00:00:01-09:30",
    ];
    for when in times {
        let mut store = Store::open(dir.path(), common::at(when)).unwrap();
        store
            .save_entry(common::draft("2026-02-28", "Written far from Greenwich."))
            .unwrap();
    }
    drop(common::open(dir.path())); // writes the index
    let store = common::open(dir.path());
    let metas = store.entry_metas();
    assert_eq!(metas.len(), 2);
    for meta in metas {
        let entry = store.entry(&meta.id).unwrap();
        // Equal instants are not enough: the offset is what the list shows the time in.
        assert_eq!(meta.created.to_rfc3339(), entry.created.to_rfc3339());
        assert_eq!(meta.updated.to_rfc3339(), entry.updated.to_rfc3339());
        assert!(
            times.contains(&meta.created.to_rfc3339().as_str()),
            "{}",
            meta.created
        );
        assert_eq!(meta.date, common::day("2026-02-28"));
    }
}

/// Sets every folder of entries an hour back, as folders are once their last save is past.
fn settle_folders(dir: &Path) {
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for year in fs::read_dir(dir.join("entries")).unwrap() {
        let year = year.unwrap().path();
        fs::File::open(&year)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }
}

/// The app's look a few seconds after it opens: each folder of entries, one at a time.
fn catch_up(store: &mut Store, root: &Path) -> usize {
    (Store::entry_folders(root).iter())
        .map(|folder| store.catch_up(Store::entry_files(folder)))
        .sum()
}

fn folder_time(file: &Path) -> std::time::SystemTime {
    fs::metadata(file.parent().unwrap())
        .unwrap()
        .modified()
        .unwrap()
}

/// An open takes the rows of a folder unchanged since the index was written, without looking
/// at its files: a file rewritten in place, its folder's time kept, is not seen then. The app's
/// look at every file afterwards (`catch_up`) finds it, and the index keeps it from then on.
#[test]
fn an_unchanged_folder_is_taken_from_the_index_and_catch_up_finds_an_edit_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let ids = journal(dir.path());
    settle_folders(dir.path());
    drop(common::open(dir.path())); // the index now keeps the folders' settled times
    let path = common::open(dir.path())
        .entry_path(&ids[1])
        .unwrap()
        .to_path_buf();
    let folder_was = folder_time(&path);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("number 2", "number two, rewritten in place"),
    )
    .unwrap();
    assert_eq!(
        folder_time(&path),
        folder_was,
        "an edit in place leaves the folder alone"
    );

    let mut store = common::open(dir.path());
    assert!(
        !excerpts(&store).iter().any(|e| e.contains("rewritten")),
        "the open did not look into the unchanged folder"
    );
    assert_eq!(catch_up(&mut store, dir.path()), 1, "one entry changed");
    assert!(excerpts(&store).iter().any(|e| e.contains("rewritten")));
    assert_eq!(catch_up(&mut store, dir.path()), 0, "nothing more");
    // A file removed by another program while Tend runs is dropped by the same look.
    fs::remove_file(store.entry_path(&ids[0]).unwrap()).unwrap();
    assert_eq!(catch_up(&mut store, dir.path()), 1);
    assert_eq!(excerpts(&store).len(), 2);
    drop(store);
    let store = common::open(dir.path());
    let seen = excerpts(&store);
    assert!(
        seen.len() == 2 && seen.iter().any(|e| e.contains("rewritten")),
        "the index was written again with it: {seen:?}"
    );
}

/// A save, a delete or a new file changes the folder's time: the next open looks at each file
/// in that folder again, and sees them all.
#[test]
fn a_folder_that_changed_is_looked_into_again() {
    let dir = tempfile::tempdir().unwrap();
    let ids = journal(dir.path());
    settle_folders(dir.path());
    drop(common::open(dir.path()));
    let mut store = common::open(dir.path());
    let gone = store.entry_path(&ids[0]).unwrap().to_path_buf();
    store
        .save_entry(common::draft("2026-11-05", "A new one, about the sea."))
        .unwrap();
    drop(store);
    fs::remove_file(&gone).unwrap(); // removed by hand, outside Tend
    let store = common::open(dir.path());
    let seen = excerpts(&store);
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(seen.iter().any(|e| e.contains("the sea")));
    assert!(!seen.iter().any(|e| e.contains("number 1")));
}

/// A damaged file in a folder is told of at every open, not only at the first: a folder with a
/// problem is never taken from the index unlooked.
#[test]
fn a_damaged_file_is_told_of_at_every_open() {
    let dir = tempfile::tempdir().unwrap();
    journal(dir.path());
    let year = dir.path().join("entries/2026");
    fs::write(year.join("broken.json"), "{ not json").unwrap();
    settle_folders(dir.path());
    let written = || {
        let meta = fs::metadata(index_of(dir.path())).unwrap();
        (
            meta.modified().unwrap(),
            std::os::unix::fs::MetadataExt::ino(&meta),
        )
    };
    let mut index_after = Vec::new();
    for open in 1..=3 {
        let store = common::open(dir.path());
        assert_eq!(
            store.problems().len(),
            1,
            "open {open}: {:?}",
            store.problems()
        );
        assert_eq!(excerpts(&store).len(), 3);
        drop(store);
        index_after.push(written());
    }
    // Nor is the index written again at every open for it: the folder is simply looked into.
    assert_eq!(index_after[1], index_after[2]);
}

/// Entries filed by hand (or by a sync tool) in a folder inside a year's folder are in every
/// open, and so is one added there later: a year's folder keeps its time when a folder inside
/// it changes, so such a year is looked into file by file at every open.
#[test]
fn entries_in_a_folder_inside_a_year_are_in_every_open() {
    let dir = tempfile::tempdir().unwrap();
    let ids = journal(dir.path());
    let inner = dir.path().join("entries/2026/filed");
    fs::create_dir(&inner).unwrap();
    let store = common::open(dir.path());
    let first = store.entry_path(&ids[0]).unwrap().to_path_buf();
    let second = store.entry_path(&ids[1]).unwrap().to_path_buf();
    drop(store);
    fs::rename(&first, inner.join(first.file_name().unwrap())).unwrap();
    settle_folders(dir.path());
    for open in 1..=3 {
        let seen = excerpts(&common::open(dir.path()));
        assert_eq!(seen.len(), 3, "open {open}: {seen:?}");
    }
    // A new one written straight into the inner folder: the year's folder's time stays.
    let year_was = folder_time(&second);
    let new_id = "0123456789abcdef0123456789abcdef";
    let text = fs::read_to_string(&second).unwrap();
    fs::write(
        inner.join(format!("2026-11-04-{new_id}.json")),
        text.replace(&ids[1], new_id)
            .replace("number 2", "number 4, filed by hand"),
    )
    .unwrap();
    assert_eq!(folder_time(&second), year_was);
    let seen = excerpts(&common::open(dir.path()));
    assert_eq!(seen.len(), 4, "{seen:?}");
    assert!(seen.iter().any(|e| e.contains("filed by hand")));
}
