//! A vision changed on two computers keeps both as revisions (issue 25): the other version, a
//! sync tool's conflict copy or the file a save found changed under it, is taken in, says
//! where it came from, and leaves no file behind under a conflict name.

mod common;

use std::fs;
use std::path::Path;

use common::copy_tree;
use serde_json::{json, Value};
use tend::vision::{Vision, VisionDraft};
use tend::Store;

const VISION: &str = "grand-vision";

/// The journal at `dir` opened as the app and every command that writes open it: holding it,
/// so that what it merges from copies is saved (a read only shows it).
fn open(dir: &Path) -> Store {
    Store::open_to_write(dir, common::at("2026-11-23T21:15:00+01:00")).unwrap()
}

fn draft(text: &str, session: Option<u32>) -> VisionDraft {
    VisionDraft {
        exercise: VISION.into(),
        session_revision: session,
        sections: [("believe".to_string(), text.to_string())].into(),
    }
}

fn file(dir: &Path) -> std::path::PathBuf {
    dir.join("visions").join(format!("{VISION}.json"))
}

/// The other computer's version of the vision's file: `from` rewritten to `to` in its latest
/// revision, begun (created) and saved at `when`, as a new session of its own.
fn other_version(dir: &Path, to: &str, when: &str) -> Value {
    let mut doc: Value = serde_json::from_str(&fs::read_to_string(file(dir)).unwrap()).unwrap();
    let revisions = doc["revisions"].as_array_mut().unwrap();
    let mut latest = revisions.last().unwrap().clone();
    latest["number"] = json!(latest["number"].as_u64().unwrap() + 1);
    latest["created"] = json!(when);
    latest["updated"] = json!(when);
    latest["sections"] = json!({ "believe": to });
    revisions.push(latest);
    doc
}

/// Every file under `dir` whose name is not Tend's own for a document.
fn copies(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for sub in ["visions", "vision-history/grand-vision"] {
        let Ok(read) = fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for item in read.flatten() {
            let name = item.file_name().to_string_lossy().into_owned();
            let own = name == format!("{VISION}.json") || is_history_name(&name);
            if !own {
                out.push(name);
            }
        }
    }
    out
}

/// Tend's name for an older revision's file: `0004-<8 hex>.json` (`.json.age` encrypted).
fn is_history_name(name: &str) -> bool {
    let stem = name.trim_end_matches(".age").trim_end_matches(".json");
    let (number, hash) = stem.split_once('-').unwrap_or((stem, ""));
    number.len() == 4
        && number.bytes().all(|b| b.is_ascii_digit())
        && hash.len() == 8
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The file of revision `number` in `history`, by Tend's name for it.
fn history_file(history: &Path, number: &str) -> std::path::PathBuf {
    (fs::read_dir(history).unwrap().flatten())
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(number) && is_history_name(&name)
        })
        .unwrap_or_else(|| panic!("no file of revision {number} in {}", history.display()))
}

/// Each writing session once, as the vision lists them, with the one shown last.
fn no_session_twice(vision: &Vision) {
    let mut seen = std::collections::BTreeSet::new();
    for r in &vision.revisions[..vision.revisions.len() - 1] {
        let session = format!("{} {:?}", r.created, r.sections);
        assert!(seen.insert(session), "a session twice: {:?}", texts(vision));
    }
}

fn texts(vision: &Vision) -> Vec<String> {
    (vision.revisions.iter())
        .map(|r| r.sections["believe"].clone())
        .collect()
}

/// Guards the other computer's vision written over, or named as a problem and never shown:
/// a save over a vision file the sync replaced keeps both as revisions.
#[test]
fn a_vision_the_sync_replaced_under_a_save_keeps_both_as_revisions() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let saved = store.save_vision(draft("A calm life.", None)).unwrap();
    let other = other_version(
        dir.path(),
        "A calm life, by the sea.",
        "2026-11-22T08:00:00+01:00",
    );
    fs::write(file(dir.path()), serde_json::to_vec_pretty(&other).unwrap()).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    fs::File::options()
        .write(true)
        .open(file(dir.path()))
        .unwrap()
        .set_modified(later)
        .unwrap();

    let saved = store
        .save_vision(draft("A calm life, in the hills.", saved.session_revision))
        .unwrap();

    let words = texts(&saved.vision);
    assert!(
        words.contains(&"A calm life, by the sea.".to_string()),
        "{words:?}"
    );
    assert_eq!(
        words.last().unwrap(),
        "A calm life, in the hills.",
        "hers, written last, is the vision shown"
    );
    let taken = (saved.vision.revisions.iter()).find(|r| r.sections["believe"].contains("sea"));
    assert!(
        taken
            .unwrap()
            .taken_from
            .as_deref()
            .unwrap()
            .contains("changed outside Tend"),
        "{taken:?}"
    );
    assert!(copies(dir.path()).is_empty(), "{:?}", copies(dir.path()));
    drop(store);
    let store = open(dir.path());
    assert_eq!(texts(store.vision(VISION).unwrap()), words, "as saved");
    assert!(store.problems().is_empty(), "{:?}", store.problems());
}

/// A Syncthing conflict copy of the vision's file: its revisions join the vision's at the
/// next open, each saying it came from the other device, and the copy goes. The other
/// computer, taking in this one's copy, ends with the same writing sessions.
#[test]
fn a_conflict_copy_of_a_vision_joins_its_revisions_and_the_two_computers_agree() {
    let base = tempfile::tempdir().unwrap();
    let (a, b) = (base.path().join("a"), base.path().join("b"));
    let mut store = open(&a);
    let first = store.save_vision(draft("A calm life.", None)).unwrap();
    store
        .save_vision(draft("A calm life, with friends.", first.session_revision))
        .unwrap();
    drop(store);
    copy_tree(&a, &b);
    // Each computer began a new session on the same day, while they could not see each other.
    let at_a = other_version(
        &a,
        "A life of my own, at home.",
        "2026-11-22T20:00:00+01:00",
    );
    let at_b = other_version(
        &b,
        "A life of my own, by the sea.",
        "2026-11-22T21:00:00+01:00",
    );
    fs::write(file(&a), serde_json::to_vec_pretty(&at_a).unwrap()).unwrap();
    fs::write(file(&b), serde_json::to_vec_pretty(&at_b).unwrap()).unwrap();
    let conflict = "grand-vision.sync-conflict-20261122-211000-BBBBBBB.json";
    fs::copy(file(&b), a.join("visions").join(conflict)).unwrap();
    let conflict_at_b = "grand-vision.sync-conflict-20261122-211000-AAAAAAA.json";
    fs::copy(file(&a), b.join("visions").join(conflict_at_b)).unwrap();

    let at_a = open(&a);
    let at_b = open(&b);

    let (va, vb) = (at_a.vision(VISION).unwrap(), at_b.vision(VISION).unwrap());
    for words in [
        "A life of my own, at home.",
        "A life of my own, by the sea.",
    ] {
        assert!(texts(va).contains(&words.to_string()), "{:?}", texts(va));
        assert!(texts(vb).contains(&words.to_string()), "{:?}", texts(vb));
    }
    assert_eq!(
        sessions(va),
        sessions(vb),
        "both keep the same writing sessions"
    );
    let numbered = |v: &Vision| -> Vec<String> {
        (v.revisions.iter())
            .map(|r| format!("{} {} {:?}", r.number, r.created, r.sections))
            .collect()
    };
    assert_eq!(
        numbered(va),
        numbered(vb),
        "and number them alike, with no gap"
    );
    assert_eq!(
        texts(va).last(),
        texts(vb).last(),
        "both show the one written last"
    );
    assert_eq!(texts(va).last().unwrap(), "A life of my own, by the sea.");
    let from_b = (va.revisions.iter()).find(|r| r.sections["believe"].contains("sea"));
    let said = from_b.unwrap().taken_from.clone().unwrap_or_default();
    assert!(
        said.contains("Syncthing") && said.contains("BBBBBBB"),
        "{said}"
    );
    assert!(
        copies(&a).is_empty() && copies(&b).is_empty(),
        "no copy is left"
    );
    assert!(at_a.problems().is_empty(), "{:?}", at_a.problems());

    // The sync then brings each side's file to the other: nothing more is added.
    let count = va.revisions.len();
    drop((at_a, at_b));
    fs::copy(file(&b), a.join("visions").join(conflict)).unwrap();
    let again = open(&a);
    assert_eq!(again.vision(VISION).unwrap().revisions.len(), count);
    assert!(copies(&a).is_empty());
}

/// Two computers that each moved an older revision to `vision-history/` wrote the same file
/// with different words; the sync kept one as a conflict copy. Its revision joins the vision.
#[test]
fn a_conflict_copy_of_an_older_revision_joins_the_vision() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    for text in ["One.", "Two.", "Three.", "Four.", "Five."] {
        store.save_vision(draft(text, None)).unwrap();
    }
    drop(store);
    let history = dir.path().join("vision-history").join(VISION);
    let own = history_file(&history, "0001");
    let mut other: Value = serde_json::from_str(&fs::read_to_string(&own).unwrap()).unwrap();
    other["revision"]["sections"] = json!({ "believe": "One, as the laptop had it." });
    other["revision"]["created"] = json!("2026-11-20T07:00:00+01:00");
    let copy = history.join("0001.sync-conflict-20261122-101010-CCCCCCC.json");
    fs::write(&copy, serde_json::to_vec_pretty(&other).unwrap()).unwrap();

    let store = open(dir.path());

    let words = texts(store.vision(VISION).unwrap());
    assert!(
        words.contains(&"One, as the laptop had it.".to_string()),
        "{words:?}"
    );
    assert!(words.contains(&"One.".to_string()), "{words:?}");
    assert_eq!(words.last().unwrap(), "Five.", "the latest stays hers");
    assert!(!copy.exists(), "taken in, the copy goes");
    drop(store);
    let store = open(dir.path());
    assert_eq!(texts(store.vision(VISION).unwrap()), words);
}

/// What cannot be read is never removed: an unreadable copy is named, and stays.
#[test]
fn an_unreadable_copy_of_a_vision_stays_and_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    store.save_vision(draft("A calm life.", None)).unwrap();
    drop(store);
    let copy = dir
        .path()
        .join("visions/grand-vision (conflicted copy 2026-11-22 101010).json");
    fs::write(&copy, b"{ half written").unwrap();

    let store: Store = open(dir.path());

    assert!(copy.exists());
    assert!(
        (store.problems().iter()).any(|p| p.path.contains("conflicted copy")),
        "{:?}",
        store.problems()
    );
    assert_eq!(texts(store.vision(VISION).unwrap()), ["A calm life."]);
}

/// The writing sessions a vision keeps, whatever their numbers.
fn sessions(vision: &Vision) -> std::collections::BTreeSet<String> {
    (vision.revisions.iter())
        .map(|r| format!("{} {:?}", r.created, r.sections))
        .collect()
}

/// Saves a new revision of the vision at `dir`, begun and saved at `when`.
fn new_revision(dir: &Path, text: &str, when: &str) {
    let mut store = Store::open(dir, common::at(when)).unwrap();
    store.save_vision(draft(text, None)).unwrap();
}

/// Review: the two computers number their revisions apart. The laptop wrote its revision 4;
/// the desktop, apart, wrote its own 4 to 7, and moved its 4 to `vision-history/`, which the
/// sync brought to the laptop beside its vision file (Nextcloud keeps the first one
/// up as the file, the other as the conflict copy). The laptop's 4 was dropped at the next open
/// (its number taken), and then never written to its file. Every session is kept, at every
/// open, also after the laptop's 4 leaves the vision's own file.
#[test]
fn revisions_the_two_computers_numbered_alike_are_all_kept() {
    let base = tempfile::tempdir().unwrap();
    let (laptop, desktop) = (base.path().join("laptop"), base.path().join("desktop"));
    for (n, text) in ["One.", "Two.", "Three."].iter().enumerate() {
        new_revision(&laptop, text, &format!("2026-11-0{}T09:00:00+01:00", n + 1));
    }
    copy_tree(&laptop, &desktop);
    new_revision(&laptop, "Four, on the laptop.", "2026-11-10T09:00:00+01:00");
    for (n, text) in ["Four", "Five", "Six", "Seven"].iter().enumerate() {
        let when = format!("2026-11-1{}T20:00:00+01:00", n + 1);
        new_revision(&desktop, &format!("{text}, on the desktop."), &when);
    }
    let history = |dir: &Path| dir.join("vision-history").join(VISION);
    // Every older revision's file of the desktop's comes over (those both had are one file).
    for item in fs::read_dir(history(&desktop)).unwrap().flatten() {
        fs::copy(item.path(), history(&laptop).join(item.file_name())).unwrap();
    }
    let conflict = "grand-vision (conflicted copy 2026-11-15 101010).json";
    fs::copy(file(&desktop), laptop.join("visions").join(conflict)).unwrap();
    let every: std::collections::BTreeSet<String> = [
        "One.",
        "Two.",
        "Three.",
        "Four, on the laptop.",
        "Four, on the desktop.",
        "Five, on the desktop.",
        "Six, on the desktop.",
        "Seven, on the desktop.",
    ]
    .iter()
    .map(|t| t.to_string())
    .collect();
    let kept = |dir: &Path| -> std::collections::BTreeSet<String> {
        texts(open(dir).vision(VISION).unwrap())
            .into_iter()
            .collect()
    };

    assert_eq!(kept(&laptop), every, "at the first open");
    assert_eq!(kept(&laptop), every, "at the next");
    let vision = open(&laptop).vision(VISION).unwrap().clone();
    no_session_twice(&vision);
    assert_eq!(
        texts(&vision).last().unwrap(),
        "Seven, on the desktop.",
        "the sitting written last is the vision shown"
    );
    for (n, text) in ["Eight.", "Nine.", "Ten."].iter().enumerate() {
        new_revision(&laptop, text, &format!("2026-11-2{n}T09:00:00+01:00"));
    }
    let now = kept(&laptop);
    assert!(
        now.is_superset(&every),
        "after the laptop's 4 left the file: {now:?}"
    );
    assert!(copies(&laptop).is_empty(), "{:?}", copies(&laptop));
}

/// Review: in an encrypted journal, a sync tool's copy of an older revision's file
/// (`0001.json.sync-conflict-….age`: the mark follows `.json`) was passed over unseen. It joins
/// the vision like a plain one, and goes.
#[test]
fn an_encrypted_copy_of_an_older_revision_joins_the_vision() {
    let dir = tempfile::tempdir().unwrap();
    for (n, text) in ["One.", "Two.", "Three.", "Four."].iter().enumerate() {
        new_revision(
            dir.path(),
            text,
            &format!("2026-11-0{}T09:00:00+01:00", n + 1),
        );
    }
    let pass = common::secret("a long passphrase");
    open(dir.path()).encryption_on(&pass, Some(2)).unwrap();
    let key = tend::crypt::Key::unlock(dir.path(), &pass).unwrap();
    let history = dir.path().join("vision-history").join(VISION);
    let own = history_file(&history, "0001");
    let plain = key.open(&own, &fs::read(&own).unwrap()).unwrap();
    let mut other: Value = serde_json::from_slice(&plain).unwrap();
    other["revision"]["sections"] = json!({ "believe": "One, as the laptop had it." });
    other["revision"]["created"] = json!("2026-11-01T07:00:00+01:00");
    let copy = history.join("0001.json.sync-conflict-20261122-101010-CCCCCCC.age");
    fs::write(&copy, key.seal(&serde_json::to_vec_pretty(&other).unwrap())).unwrap();

    let store = Store::open_to_write_with(
        dir.path(),
        common::at("2026-11-23T21:15:00+01:00"),
        Some(key),
    )
    .unwrap();

    let words = texts(store.vision(VISION).unwrap());
    assert!(
        words.contains(&"One, as the laptop had it.".to_string()),
        "{words:?}"
    );
    assert!(!copy.exists(), "taken in, the copy goes");
    assert!(store.problems().is_empty(), "{:?}", store.problems());
}

/// Review: a person's own copy of the vision is read in, never removed: it is hers.
#[test]
fn a_persons_copy_of_a_vision_is_read_in_and_stays() {
    let dir = tempfile::tempdir().unwrap();
    new_revision(dir.path(), "A calm life.", "2026-11-01T09:00:00+01:00");
    let copy = dir.path().join("visions/grand-vision (copy).json");
    fs::copy(file(dir.path()), &copy).unwrap();
    new_revision(
        dir.path(),
        "A calm life, in the hills.",
        "2026-11-02T09:00:00+01:00",
    );
    let mut other: Value = serde_json::from_str(&fs::read_to_string(&copy).unwrap()).unwrap();
    other["revisions"][0]["sections"]["believe"] = json!("A calm life, by the sea.");
    fs::write(&copy, serde_json::to_vec_pretty(&other).unwrap()).unwrap();

    let store = open(dir.path());

    assert!(copy.exists(), "her copy stays");
    let words = texts(store.vision(VISION).unwrap());
    assert!(
        words.contains(&"A calm life, by the sea.".to_string()),
        "{words:?}"
    );
}
