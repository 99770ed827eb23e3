//! Moving the journal into another folder (issue 25): into the folder a sync tool shares, say.
//! Every file is copied and checked before anything switches; the old folder is kept whole;
//! a folder that holds anything of hers, or another journal, is refused with nothing written.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{draft, open};
use tend::moving::move_journal;
use tend::Error;

/// Every file below `dir`, relative, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for item in fs::read_dir(&folder).unwrap().flatten() {
            let path = item.path();
            if item.file_type().unwrap().is_dir() {
                todo.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                out.insert(name, fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// A journal with two entries, a worksheet's settings and a photo.
fn journal(dir: &Path) -> String {
    let mut store = open(dir);
    let entry = store.save_entry(draft("2026-11-20", "At home.")).unwrap();
    store.save_entry(draft("2026-11-21", "Rain.")).unwrap();
    let photo = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/photos/plain.gif"));
    store
        .attach(Some(&entry.id), entry.date, photo.unwrap())
        .unwrap();
    entry.id
}

#[test]
fn the_journal_moves_whole_into_a_synced_folder_and_the_old_one_is_kept() {
    let base = tempfile::tempdir().unwrap();
    let old = base.path().join("old");
    let id = journal(&old);
    let before = snapshot(&old);
    // The folder Syncthing shares already holds its own marker.
    let synced = base.path().join("Sync/Tend");
    fs::create_dir_all(synced.join(".stfolder")).unwrap();

    // The folder's own list of what Syncthing ignores is the folder's: kept as it is.
    fs::write(synced.join(".stignore"), "// the sync folder's\n").unwrap();
    let moved = move_journal(&old, &synced).unwrap();

    assert_eq!(
        moved.files as usize,
        before.len() - 1,
        "all but the .stignore"
    );
    assert_eq!(
        fs::read_to_string(synced.join(".stignore")).unwrap(),
        "// the sync folder's\n"
    );
    // Review: copies took the umask's 0644, readable by every account on the computer (and a
    // sync tool carries the mode across). Each is hers alone, as Tend writes them.
    use std::os::unix::fs::PermissionsExt;
    for name in before.keys().filter(|n| *n != ".stignore") {
        let mode = fs::metadata(synced.join(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{name} is {mode:o}");
    }
    assert_eq!(snapshot(&old), before, "the old folder is kept, untouched");
    let mut after = snapshot(&synced);
    after.retain(|name, _| !name.starts_with(".stfolder") && name != ".stignore");
    let mut expected = before.clone();
    expected.remove(".stignore");
    assert_eq!(after, expected, "every file, byte for byte");
    let store = open(&synced);
    assert_eq!(store.entries().len(), 2);
    assert_eq!(store.entry(&id).unwrap().attachments.len(), 1);
    assert_eq!(
        tend::paths::journal_id(&synced),
        tend::paths::journal_id(&old),
        "the same journal: this computer's caches and backups follow it"
    );
}

#[test]
fn a_folder_holding_anything_of_hers_or_another_journal_is_refused_with_nothing_written() {
    let base = tempfile::tempdir().unwrap();
    let old = base.path().join("old");
    journal(&old);
    let before = snapshot(&old);

    let hers = base.path().join("Documents");
    fs::create_dir_all(&hers).unwrap();
    fs::write(hers.join("letter.odt"), "mine").unwrap();
    let other = base.path().join("other");
    open(&other);

    for (to, said) in [(&hers, "not empty"), (&other, "holds a Tend journal")] {
        let kept = snapshot(to);
        match move_journal(&old, to) {
            Err(Error::Invalid(message)) => assert!(message.contains(said), "{message}"),
            wrong => panic!("{} was taken: {wrong:?}", to.display()),
        }
        assert_eq!(snapshot(to), kept, "nothing written in {}", to.display());
    }
    let inside = old.join("entries/elsewhere");
    assert!(move_journal(&old, &inside).is_err(), "not into itself");
    assert_eq!(snapshot(&old), before);
}

/// The world's inputs: a link in the journal (Tend never follows one) stops the move with its
/// name, before anything is copied; so does an app holding the journal.
#[test]
fn a_link_in_the_journal_or_an_app_holding_it_stops_the_move_before_anything_is_copied() {
    let base = tempfile::tempdir().unwrap();
    let old = base.path().join("old");
    journal(&old);
    std::os::unix::fs::symlink(base.path(), old.join("entries/loop")).unwrap();
    let to = base.path().join("new");
    match move_journal(&old, &to) {
        Err(Error::Invalid(message)) => assert!(message.contains("is a link"), "{message}"),
        wrong => panic!("moved past a link: {wrong:?}"),
    }
    assert!(!to.exists(), "nothing copied");
    fs::remove_file(old.join("entries/loop")).unwrap();

    let app = tend::Store::open_exclusive(&old, Box::new(tend::SystemClock)).unwrap();
    match move_journal(&old, &to) {
        Err(Error::Locked { .. }) => {}
        wrong => panic!("moved while the app held it: {wrong:?}"),
    }
    assert!(!to.exists(), "nothing copied");
    drop(app);
    move_journal(&old, &to).expect("once the app lets go");
}

/// The other computer opens the journal the sync tool brought, as it is; a folder with no
/// journal is refused, and a click too far in the folder dialog (its `entries/`) is forgiven.
#[test]
fn the_journal_already_in_a_synced_folder_is_used_as_it_is() {
    let base = tempfile::tempdir().unwrap();
    let synced = base.path().join("Sync/Tend");
    journal(&synced);
    let before = snapshot(&synced);
    let canonical = fs::canonicalize(&synced).unwrap();
    assert_eq!(tend::moving::use_journal(&synced).unwrap(), canonical);
    let inside = synced.join("entries");
    assert_eq!(tend::moving::use_journal(&inside).unwrap(), canonical);
    assert!(
        tend::moving::use_journal(&inside.join("2026")).is_err(),
        "only one level up"
    );
    match tend::moving::use_journal(base.path()) {
        Err(Error::Invalid(message)) => assert!(message.contains("holds no Tend journal")),
        wrong => panic!("{wrong:?}"),
    }
    assert_eq!(snapshot(&synced), before, "nothing written in it");
}
