//! The entries' index (issue 12): a cache beside the documents, checked against every file at
//! open, rebuilt quietly when missing or damaged, encrypted with the journal.

mod common;

use std::fs;
use std::path::Path;

use tend::Store;

const INDEX: &str = ".index";

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
    assert!(dir.path().join(INDEX).is_file(), "the index is written");

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
        None,
    ] {
        match damage {
            Some(bytes) => fs::write(dir.path().join(INDEX), bytes).unwrap(),
            None => fs::remove_file(dir.path().join(INDEX)).unwrap(),
        }
        let store = common::open(dir.path());
        assert!(store.problems().is_empty(), "{:?}", store.problems());
        assert_eq!(excerpts(&store), before);
        drop(store);
        let rebuilt = fs::read(dir.path().join(INDEX)).unwrap();
        assert!(
            rebuilt.starts_with(b"TENDIDX2"),
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
    assert!(!dir.path().join(INDEX).exists(), "no plain index");
    let sealed = fs::read(dir.path().join(format!("{INDEX}.age"))).unwrap();
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
