//! Encryption at rest (issue 11): turning it on and off, changing the passphrase, damaged
//! files, backups, and a writer killed in the middle of a conversion.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use std::collections::BTreeMap;

use common::secret;
use serde_json::json;
use tend::crypt::{self, Key};
use tend::search::SearchRequest;
use tend::vision::{Revision, Vision};
use tend::{Error, Filling, FillingStatus, Store, SystemClock};

/// scrypt's work factor for tests: the real one (about a second) would make them crawl.
const QUICK: Option<u8> = Some(2);
const MARKER: &str = "zanzibarquokka";

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for item in fs::read_dir(dir).unwrap() {
        let path = item.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every file under `dir` (or `dir` itself, a file) whose bytes hold `word` (zips are searched inflated too).
/// The files holding `word` in the journal at `dir`, and in what this computer keeps for it
/// outside its folder (caches, backups).
fn holding_anywhere(dir: &Path, word: &str) -> Vec<PathBuf> {
    let mut found = holding(dir, word);
    for local in [tend::paths::cache_dir(dir), tend::paths::backups_dir(dir)] {
        if local.exists() {
            found.extend(holding(&local, word));
        }
    }
    found
}

fn holding(dir: &Path, word: &str) -> Vec<PathBuf> {
    let mut all = Vec::new();
    if dir.is_file() {
        all.push(dir.to_path_buf());
    } else {
        files(dir, &mut all);
    }
    all.into_iter()
        .filter(|path| {
            let bytes = fs::read(path).unwrap();
            let found = |b: &[u8]| b.windows(word.len()).any(|w| w == word.as_bytes());
            if found(&bytes) {
                return true;
            }
            let Ok(mut zip) = zip::ZipArchive::new(fs::File::open(path).unwrap()) else {
                return false;
            };
            (0..zip.len()).any(|i| {
                let mut inner = Vec::new();
                std::io::Read::read_to_end(&mut zip.by_index(i).unwrap(), &mut inner).unwrap();
                found(&inner)
            })
        })
        .collect()
}

/// A journal with writing of every kind: entries, a filling, a vision with history, a deleted
/// entry, settings naming the partner, and a backup.
fn journal(dir: &Path) -> Store {
    let mut store = common::open(dir);
    let mut settings = store.settings().clone();
    settings.partner = format!("Sam {MARKER}");
    store.save_settings(settings).unwrap();
    for n in 1..=5 {
        let body = format!("entry {n} about {MARKER}");
        let date = format!("2026-11-0{n}");
        store.save_entry(common::draft(&date, &body)).unwrap();
    }
    let gone = store
        .save_entry(common::draft("2026-10-01", &format!("deleted {MARKER}")))
        .unwrap();
    store.delete(&gone.id).unwrap();
    let time = common::fixture::time("2026-11-01T10:00:00+01:00");
    store
        .insert_filling(Filling {
            schema: tend::filling::FILLING_SCHEMA,
            id: "f1".into(),
            worksheet: "love-languages".into(),
            date: common::day("2026-11-01"),
            status: FillingStatus::Complete,
            answers: BTreeMap::from([("his-landed".into(), json!(MARKER))]),
            created: time,
            updated: time,
        })
        .unwrap();
    let revision = |number: u32| Revision {
        number,
        created: time,
        updated: time,
        sections: BTreeMap::from([("believe".into(), format!("{number} {MARKER}"))]),
        restored_from: None,
        taken_from: None,
    };
    store
        .insert_vision(Vision {
            schema: 1,
            id: "grand-vision".into(),
            revisions: (1..=6).map(revision).collect(),
        })
        .unwrap();
    store.backup(None).unwrap();
    store
}

fn unlock(dir: &Path, pass: &str) -> Store {
    let key = Key::unlock(dir, &secret(pass)).unwrap();
    Store::open_with(dir, common::at("2026-11-23T21:15:00+01:00"), Some(key)).unwrap()
}

#[test]
fn turned_on_nothing_holds_plaintext_and_everything_still_reads() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("j");
    let mut store = journal(&dir);
    let before: Vec<String> = store.entries().iter().map(|e| e.body.clone()).collect();
    assert!(
        !holding_anywhere(&dir, MARKER).is_empty(),
        "the marker is written"
    );
    // A search writes its index of every word (issue 13): it must not stay plain either.
    let search = |store: &mut Store| {
        let request = SearchRequest {
            text: MARKER.into(),
            ..SearchRequest::default()
        };
        tend::search::search(store, &request).unwrap().total
    };
    assert_eq!(
        search(&mut store),
        7,
        "five entries, the filling and the vision"
    );
    let cache = tend::paths::cache_dir(&dir);
    assert!(
        cache.join(".search").is_file(),
        "the search index is written"
    );
    assert!(
        !holding(&cache, MARKER).is_empty(),
        "in plain, before encryption is on"
    );

    let key = store
        .encryption_on(&secret("a long passphrase"), QUICK)
        .unwrap();
    assert!(store.encrypted());
    // Writing after turning on is encrypted too.
    store
        .save_entry(common::draft("2026-11-20", &format!("after {MARKER}")))
        .unwrap();
    assert_eq!(
        search(&mut store),
        8,
        "the new entry is found, in the encrypted index"
    );
    drop(store);

    assert_eq!(
        holding_anywhere(&dir, MARKER),
        Vec::<PathBuf>::new(),
        "no plaintext left, in the journal or in this computer's caches and backups"
    );
    let mut all = Vec::new();
    files(&dir, &mut all);
    for path in &all {
        let name = path.file_name().unwrap().to_string_lossy();
        assert!(
            name.ends_with(".age")
                || name.ends_with(".zip")
                || name.starts_with('.')
                || name == tend::paths::JOURNAL_ID,
            "every document is encrypted: {}",
            path.display()
        );
    }

    assert!(matches!(
        Store::open(&dir, Box::new(SystemClock)),
        Err(Error::Encrypted { .. })
    ));
    assert!(matches!(
        Key::unlock(&dir, &secret("not the passphrase")),
        Err(Error::WrongPassphrase)
    ));
    let store = unlock(&dir, "a long passphrase");
    assert!(store.problems().is_empty(), "{:?}", store.problems());
    let mut after: Vec<String> = store.entries().iter().map(|e| e.body.clone()).collect();
    after.retain(|b| !b.starts_with("after"));
    assert_eq!(after, before);
    assert!(store.settings().partner.contains(MARKER));
    assert_eq!(store.trash().unwrap().len(), 1, "the deleted entry is kept");
    let vision = store.vision("grand-vision").unwrap();
    assert_eq!(vision.revisions.len(), 6, "older revisions read too");

    // The recovery key opens the journal without the passphrase.
    let recovery = crypt::secrecy::ExposeSecret::expose_secret(&key.recovery_key()).to_string();
    let by_key = Key::unlock(&dir, &secret(&recovery)).unwrap();
    let store = Store::open_with(&dir, Box::new(SystemClock), Some(by_key)).unwrap();
    assert_eq!(store.entry_count(), 6);
    // Another journal's recovery key does not.
    let other = Key::generate().recovery_key();
    assert!(matches!(
        Key::unlock(&dir, &other),
        Err(Error::WrongPassphrase)
    ));
}

#[test]
fn turned_off_every_file_is_plain_again_and_the_identity_is_gone() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("j");
    let mut store = journal(&dir);
    store
        .encryption_on(&secret("a long passphrase"), QUICK)
        .unwrap();
    drop(store);
    let mut store = unlock(&dir, "a long passphrase");
    assert!(matches!(
        store.encryption_off(&secret("wrong passphrase")),
        Err(Error::WrongPassphrase)
    ));
    store.encryption_off(&secret("a long passphrase")).unwrap();
    drop(store);
    assert!(!crypt::is_encrypted(&dir));
    let mut all = Vec::new();
    files(&dir, &mut all);
    assert!(
        all.iter().all(|p| !p.to_string_lossy().ends_with(".age")),
        "{all:?}"
    );
    let store = Store::open(&dir, Box::new(SystemClock)).unwrap();
    assert!(store.problems().is_empty(), "{:?}", store.problems());
    assert_eq!(store.entry_count(), 5);
    // The backup made while plain, encrypted with the journal, is plain again and restores.
    let backup = &store.backups().unwrap()[0];
    assert!(!holding(&backup.path, MARKER).is_empty());
}

#[test]
fn a_new_passphrase_rewrites_only_the_identity() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("j");
    let mut store = journal(&dir);
    store
        .encryption_on(&secret("first passphrase"), QUICK)
        .unwrap();
    let snapshot = |dir: &Path| {
        let mut all = Vec::new();
        files(dir, &mut all);
        all.sort();
        all.into_iter()
            .filter(|p| !p.ends_with(crypt::IDENTITY))
            .map(|p| (p.display().to_string(), fs::read(&p).unwrap()))
            .collect::<BTreeMap<_, _>>()
    };
    let before = snapshot(&dir);
    assert!(matches!(
        store.change_passphrase(
            &secret("guessed wrong"),
            &secret("second passphrase"),
            QUICK
        ),
        Err(Error::WrongPassphrase)
    ));
    store
        .change_passphrase(
            &secret("first passphrase"),
            &secret("second passphrase"),
            QUICK,
        )
        .unwrap();
    drop(store);
    let after = snapshot(&dir);
    let changed: Vec<&String> = after
        .keys()
        .filter(|p| before.get(*p) != after.get(*p))
        .collect();
    assert_eq!(after.len(), before.len());
    let shown: Vec<String> = (changed.iter())
        .map(|p| {
            let text = |m: &BTreeMap<String, Vec<u8>>| String::from_utf8_lossy(&m[*p]).into_owned();
            format!("{p}: {:?} → {:?}", text(&before), text(&after))
        })
        .collect();
    assert!(changed.is_empty(), "no document was rewritten: {shown:?}");
    assert!(matches!(
        Key::unlock(&dir, &secret("first passphrase")),
        Err(Error::WrongPassphrase)
    ));
    assert_eq!(unlock(&dir, "second passphrase").entry_count(), 5);
}

#[test]
fn a_tampered_or_truncated_document_is_damaged_and_the_rest_loads() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("j");
    let mut store = journal(&dir);
    store
        .encryption_on(&secret("a long passphrase"), QUICK)
        .unwrap();
    let mut paths: Vec<PathBuf> = store
        .entries()
        .iter()
        .map(|e| store.entry_path(&e.id).unwrap().to_path_buf())
        .collect();
    paths.sort();
    drop(store);
    let mut bytes = fs::read(&paths[0]).unwrap();
    let at = bytes.len() - 10;
    bytes[at] ^= 0x20;
    fs::write(&paths[0], bytes).unwrap();
    let bytes = fs::read(&paths[1]).unwrap();
    fs::write(&paths[1], &bytes[..bytes.len() / 2]).unwrap();

    let store = unlock(&dir, "a long passphrase");
    assert_eq!(store.entry_count(), 3, "the other entries load");
    let damaged: Vec<&str> = store.problems().iter().map(|p| p.reason.as_str()).collect();
    assert_eq!(damaged.len(), 2, "{damaged:?}");
    assert!(damaged.iter().all(|r| r.contains("damaged")), "{damaged:?}");
}

#[test]
fn the_passphrase_must_be_long_enough() {
    let base = tempfile::tempdir().unwrap();
    let mut store = journal(&base.path().join("j"));
    let error = store.encryption_on(&secret("short"), QUICK).unwrap_err();
    assert!(error.to_string().contains("at least 8"), "{error}");
    assert!(!store.encrypted());
}

const CHILD_DIR: &str = "TEND_ENCRYPTION_KILL_DIR";
const PASS: &str = "kill test passphrase";

/// The child: turns encryption on and off for ever, until killed. Does nothing when run as an
/// ordinary test.
#[test]
fn toggling_child() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let dir = Path::new(&dir);
    loop {
        let key = crypt::is_encrypted(dir).then(|| Key::unlock(dir, &secret(PASS)).unwrap());
        let mut store = Store::open_to_write_with(dir, Box::new(SystemClock), key).unwrap();
        if store.encrypted() {
            store.encryption_off(&secret(PASS)).unwrap();
        } else {
            store.encryption_on(&secret(PASS), QUICK).unwrap();
        }
    }
}

#[test]
fn a_conversion_killed_at_any_instant_loses_nothing_and_the_next_open_finishes_it() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("j");
    let expected: Vec<String> = {
        let store = journal(&dir);
        store.entries().iter().map(|e| e.body.clone()).collect()
    };
    let me = std::env::current_exe().unwrap();
    let mut seed: u64 = 0xc0ffee;
    let mut states = [0usize; 2];
    for kill in 0..60 {
        let mut child = Command::new(&me)
            .args([
                "toggling_child",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DIR, &dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        std::thread::sleep(Duration::from_millis(5 + (seed >> 33) % 150));
        child.kill().unwrap();
        child.wait().unwrap();

        let encrypted = crypt::is_encrypted(&dir);
        let cut_short = tend::store::CutShort::find(&dir);
        let store = if encrypted {
            unlock(&dir, PASS)
        } else {
            Store::open(&dir, Box::new(SystemClock)).unwrap()
        };
        states[usize::from(store.encrypted())] += 1;
        // Issue 23: an open that finishes (or undoes) a cut-short change says so.
        let told: Vec<&str> = (store.notices().iter())
            .map(|n| n.message.as_str())
            .collect();
        match cut_short {
            Some(_) => assert!(
                told.len() == 1
                    && (told[0].contains("which was cut short")
                        || told[0].contains("cut short before any file was encrypted")),
                "after kill {kill}, the open that finished {cut_short:?} says so: {told:?}"
            ),
            None => assert!(
                told.is_empty(),
                "after kill {kill}, nothing to tell: {told:?}"
            ),
        }
        assert_eq!(store.info().notices, store.notices(), "the app is told too");
        assert!(
            store.problems().is_empty(),
            "after kill {kill}, every file reads: {:?}",
            store.problems()
        );
        let bodies: Vec<String> = store.entries().iter().map(|e| e.body.clone()).collect();
        assert_eq!(bodies, expected, "after kill {kill}, every entry is whole");
        assert_eq!(store.trash().unwrap().len(), 1, "after kill {kill}");
        assert!(
            store.settings().partner.contains(MARKER),
            "after kill {kill}"
        );
        // The open finished the job: every file in the journal's one form.
        let mut all = Vec::new();
        files(&dir, &mut all);
        for path in all {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            // The journal's id is no writing of hers: it stays plain, for every computer.
            if name.starts_with('.')
                || name.ends_with(".zip")
                || name == crypt::IDENTITY
                || name == tend::paths::JOURNAL_ID
            {
                assert!(!name.starts_with(".tend-"), "after kill {kill}: {name}");
                continue;
            }
            assert_eq!(
                name.ends_with(".age"),
                store.encrypted(),
                "after kill {kill}, {} is in the journal's form",
                path.display()
            );
        }
        if store.encrypted() {
            drop(store);
            assert_eq!(
                holding_anywhere(&dir, MARKER),
                Vec::<PathBuf>::new(),
                "after kill {kill}"
            );
        }
    }
    assert!(
        states[0] > 0 && states[1] > 0,
        "kills found the journal both ways: {states:?}"
    );
}

#[test]
fn an_encrypted_export_opens_with_its_passphrase_and_imports_as_tend_json() {
    let base = tempfile::tempdir().unwrap();
    let store = journal(&base.path().join("j"));
    let format = tend::formats::exportable("tend-age").unwrap();
    let mut context = common::fixture::context();
    let out = base.path().join("export.age");
    let missing = tend::export::export(
        &tend::selection::select(&store, &Default::default()),
        format,
        &context,
        &out,
    );
    assert!(missing
        .unwrap_err()
        .to_string()
        .contains("needs a passphrase"));

    context.passphrase = Some(secret("export passphrase"));
    tend::export::export(
        &tend::selection::select(&store, &Default::default()),
        format,
        &context,
        &out,
    )
    .unwrap();
    assert_eq!(
        holding(&out, MARKER),
        Vec::<PathBuf>::new(),
        "nothing readable"
    );
    let mut identity = age::scrypt::Identity::new(secret("export passphrase"));
    identity.set_max_work_factor(22);
    let plain = age::decrypt(&identity, &fs::read(&out).unwrap()).unwrap();
    let json = base.path().join("export.json");
    fs::write(&json, plain).unwrap();

    let mut other = common::open(&base.path().join("other"));
    let tend_json = tend::formats::importable("tend").unwrap();
    let report = tend::import::import(&mut other, tend_json, &json).unwrap();
    assert_eq!(report.imported, 7, "5 entries, a filling and a vision");
    assert_eq!(other.entry_count(), 5);
}

/// The lock screen's "Need support?" shows her country's lines (issue 22): the helplines'
/// country is kept outside the encryption, and only that; a plain journal has no such file,
/// and turning encryption off takes it away.
#[test]
fn the_helplines_country_is_readable_while_locked_and_nothing_else_is() {
    use tend::store::settings::{lock_screen, LOCK_SCREEN};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), Box::new(SystemClock)).unwrap();
    let settings = tend::Settings {
        country: Some("GB".into()),
        partner: "Alex".into(),
        ..store.settings().clone()
    };
    store.save_settings(settings).unwrap();
    assert!(
        !dir.path().join(LOCK_SCREEN).exists(),
        "a plain journal has no lock screen, and no file for it"
    );
    store
        .encryption_on(&secret("a long enough passphrase"), QUICK)
        .unwrap();
    assert_eq!(lock_screen(dir.path()).country.as_deref(), Some("GB"));
    let kept = fs::read_to_string(dir.path().join(LOCK_SCREEN)).unwrap();
    assert!(!kept.contains("Alex"), "only the country: {kept}");
    let settings = tend::Settings {
        country: Some("IE".into()),
        ..store.settings().clone()
    };
    store.save_settings(settings).unwrap();
    assert_eq!(
        lock_screen(dir.path()).country.as_deref(),
        Some("IE"),
        "a change in Settings reaches the lock screen"
    );
    store
        .encryption_off(&secret("a long enough passphrase"))
        .unwrap();
    assert!(!dir.path().join(LOCK_SCREEN).exists(), "no lock, no file");

    // Turning encryption off, cut short after its first step (the marker written): the open
    // that finishes it takes the lock screen's file away too.
    let mut store = Store::open(dir.path(), Box::new(SystemClock)).unwrap();
    let key = store
        .encryption_on(&secret("a long enough passphrase"), QUICK)
        .unwrap();
    assert!(dir.path().join(LOCK_SCREEN).exists());
    drop(store);
    fs::write(dir.path().join(".decrypting"), b"").unwrap();
    let store = Store::open_with(dir.path(), Box::new(SystemClock), Some(key)).unwrap();
    assert!(!store.encrypted(), "the cut-short decryption is finished");
    assert!(
        !dir.path().join(LOCK_SCREEN).exists(),
        "a plain journal keeps no lock screen file"
    );
}
