//! Issue 25, proof with the real engine: two journals on one machine, kept in step by two real
//! Syncthing instances (Debian's 1.19). What either side writes reaches the other; the same
//! entry changed on both sides while they cannot see each other comes back as Syncthing's
//! conflict copy, which `tend conflicts` lists on both sides and `tend resolve` settles, the
//! version not kept going to the trash: nothing is lost.
//!
//! Both instances, and every call to their REST API, run in a network namespace of the test's
//! own in which only the loopback is up: nothing can leave the machine, whatever a setting
//! forgets. Without Syncthing (or without root for the namespace) the tests fail and say why;
//! they never pass without having looked.

#[path = "../common/mod.rs"]
mod common;
mod harness;
mod journals;

use std::fs;
use std::path::Path;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::{stderr, stdout};
use harness::{Link, Side};
use journals::{
    conflict_copies, documents, edit_entry, entry_file, files, holds, is_tends_working_file,
};
use serde_json::Value;

/// The ids `tend list --json` gives, in order.
fn listed_ids(side: &Side) -> Vec<String> {
    let list: Value = serde_json::from_str(&side.tend(&["list", "--json"], "")).unwrap();
    (list.as_array().unwrap().iter())
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

/// The passphrase of the encrypted pass, given on standard input (`--passphrase-fd 0`).
const PASSPHRASE: &str = "correct horse battery";

/// `tend ARGS` on an encrypted journal, the passphrase on standard input; it must succeed.
fn tend_encrypted(side: &Side, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--passphrase-fd", "0"]);
    side.tend(&all, PASSPHRASE)
}

/// A photo of the repository's fixtures, as a path to give `tend attach`.
fn photo(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/photos")
        .join(name);
    path.to_string_lossy().into_owned()
}

/// Entries cross both ways; a conflict made while the link is paused is listed on both sides
/// and resolved on one, the version not kept in the trash on both.
#[test]
fn two_journals_synced_by_syncthing_converge_and_a_conflict_is_resolved() {
    let started = Instant::now();
    let mut link = Link::start();

    // 1. A starts the journal; B receives it, adds to it, and A receives that.
    let first = link
        .a
        .tend(&["write", "--date", "2026-11-20"], "Walked by the river.\n");
    let first = first.trim().to_string();
    link.a
        .tend(&["write", "--date", "2026-11-21"], "Slept well.\n");
    link.wait_in_sync("B has A's two entries", |l| {
        documents(&l.b.journal).keys().any(|p| p.contains(&first))
    });
    assert_eq!(
        listed_ids(&link.b),
        listed_ids(&link.a),
        "B lists A's entries as A does"
    );
    let third = link
        .b
        .tend(&["write", "--date", "2026-11-22"], "Rain all day.\n");
    let third = third.trim().to_string();
    link.wait_in_sync("A has B's entry", |l| {
        documents(&l.a.journal).keys().any(|p| p.contains(&third))
    });
    let ids = listed_ids(&link.a);
    assert_eq!(ids.len(), 3, "every entry on A: {ids:?}");
    assert_eq!(listed_ids(&link.b), ids, "every entry on B, as on A");

    // 2. The link paused, the same entry changed differently on each side, the link resumed.
    link.pause(true);
    edit_entry(&entry_file(&link.a.journal, &first), "Walked by the sea.\n");
    link.a.scan();
    // A second apart, so that Syncthing's choice (the older change becomes the conflict copy)
    // does not hang on a tie.
    sleep(Duration::from_millis(1100));
    edit_entry(
        &entry_file(&link.b.journal, &first),
        "Walked up the hills.\n",
    );
    link.b.scan();
    link.pause(false);
    link.wait_in_sync("both sides hold the entry and one conflict copy", |l| {
        conflict_copies(&l.a.journal).len() == 1
    });
    eprintln!("  conflict copy: {:?}", conflict_copies(&link.a.journal));

    // 3. Both sides see the two versions; nothing is lost.
    for side in [&link.a, &link.b] {
        let out = side.run_tend(&["conflicts"], "");
        let said = stdout(&out);
        assert!(out.status.success(), "side {}: {}", side.name, stderr(&out));
        assert!(
            said.contains(&first) && said.contains(".sync-conflict-"),
            "side {}: `tend conflicts` lists entry {first} and Syncthing's copy of it: {said}",
            side.name
        );
        // Nothing lost: one version is the entry shown, the other is in Syncthing's copy.
        let shown = side.tend(&["show", &first], "");
        let copy = side.journal.join(&conflict_copies(&side.journal)[0]);
        let copy = fs::read_to_string(copy).unwrap();
        for body in ["Walked by the sea.", "Walked up the hills."] {
            assert!(
                shown.contains(body) != copy.contains(body),
                "side {}: {body:?} is either the entry shown or the conflict copy\n{shown}\n{copy}",
                side.name
            );
        }
        assert!(
            said.contains("sea") && said.contains("hills"),
            "side {}: `tend conflicts` marks both versions' words: {said}",
            side.name
        );
        assert_eq!(
            listed_ids(side),
            ids,
            "side {}: the entry in two versions is listed once",
            side.name
        );
    }

    // 4. A keeps the version it shows; the other goes to its trash, and that reaches B.
    let kept = link.a.tend(&["show", &first], "");
    let (kept_body, other_body) = if kept.contains("Walked by the sea.") {
        ("Walked by the sea.", "Walked up the hills.")
    } else {
        ("Walked up the hills.", "Walked by the sea.")
    };
    let said = link.a.tend(&["resolve", &first, "--keep", "this"], "");
    assert!(
        said.contains("trash"),
        "resolve says where the other went: {said}"
    );
    link.wait_in_sync("the resolution reaches B", |l| {
        conflict_copies(&l.a.journal).is_empty() && conflict_copies(&l.b.journal).is_empty()
    });
    for side in [&link.a, &link.b] {
        let said = side.tend(&["conflicts"], "");
        assert!(
            said.contains("No document is in two versions"),
            "side {}: nothing left in two versions: {said}",
            side.name
        );
        let shown = side.tend(&["show", &first], "");
        assert!(
            shown.contains(kept_body),
            "side {}: the version kept is the entry: {shown}",
            side.name
        );
        let trash = side.tend(&["trash"], "");
        assert!(
            trash.contains(&first),
            "side {}: the version not kept is in the trash: {trash}",
            side.name
        );
        assert!(
            holds(&side.journal.join("trash"), other_body),
            "side {}: the trash holds {other_body:?}",
            side.name
        );
        assert_eq!(
            listed_ids(side),
            ids,
            "side {}: every entry still there",
            side.name
        );
    }
    // Both sides may have given the journal an id before they met; each run of tend settles
    // on the smaller, and the sync then carries one file that both agree on.
    link.wait_in_sync("both sides agree on the journal's id", |l| {
        let id = |dir: &Path| fs::read_to_string(dir.join("journal-id")).unwrap_or_default();
        let copies = |dir: &Path| {
            files(dir)
                .into_keys()
                .filter(|p| p.starts_with("journal-id."))
                .count()
        };
        id(&l.a.journal) == id(&l.b.journal) && copies(&l.a.journal) + copies(&l.b.journal) == 0
    });
    let stray: Vec<String> = (files(&link.a.journal).into_keys())
        .filter(|path| path.contains(".sync-conflict-"))
        .collect();
    eprintln!(
        "  conflict copies left of Tend's working files (the second test's subject): {stray:?}"
    );
    eprintln!("  whole scenario: {:.1} s", started.elapsed().as_secs_f64());
}

/// Tend's caches, locks and temporary files belong to the computer that made them: none may
/// reach the other side. B never runs `tend` here, so anything of the kind on B came from A.
/// Regression: until 847eff9, `.index`, `.search` and both locks were kept in the journal
/// folder and crossed over (and their conflict copies piled up on both sides).
#[test]
fn no_cache_lock_or_temporary_file_crosses_over() {
    let mut link = Link::start();
    let id = link
        .a
        .tend(&["write", "--date", "2026-11-20"], "Walked by the river.\n");
    let id = id.trim().to_string();
    link.a
        .tend(&["write", "--date", "2026-11-21"], "Slept well.\n");
    // The commands that make the caches: a list opens the journal, a search its word index.
    link.a.tend(&["list"], "");
    link.a.tend(&["search", "river"], "");
    link.wait_in_sync("B has A's entries", |l| {
        documents(&l.b.journal).keys().any(|p| p.contains(&id))
    });
    let crossed: Vec<String> = files(&link.b.journal)
        .into_keys()
        .filter(|path| is_tends_working_file(path))
        .collect();
    assert!(
        crossed.is_empty(),
        "Tend's own working files came over from A to B, which never ran tend: {crossed:?} \
         (A holds {:?})",
        files(&link.a.journal)
            .into_keys()
            .filter(|path| is_tends_working_file(path))
            .collect::<Vec<_>>()
    );
}

/// The same on an encrypted journal: Syncthing's copy of `X.json.age` is
/// `X.json.sync-conflict-…age`. The command line cannot change an encrypted entry's text, so
/// each side adds a different photo to the same entry while the link is paused.
#[test]
fn an_encrypted_journal_converges_and_its_conflict_is_resolved() {
    let started = Instant::now();
    let mut link = Link::start();
    let id = link
        .a
        .tend(&["write", "--date", "2026-11-20"], "Walked by the river.\n");
    let id = id.trim().to_string();
    tend_encrypted(&link.a, &["encryption", "on"]);
    link.wait_in_sync("B has A's encrypted journal", |l| {
        documents(&l.b.journal)
            .keys()
            .any(|p| p.contains(&id) && p.ends_with(".json.age"))
    });
    assert!(
        !holds(&link.b.journal, "river"),
        "B's copy of the encrypted journal holds no plaintext"
    );
    let listed = tend_encrypted(&link.b, &["list"]);
    assert!(
        listed.contains("Walked by the river."),
        "B reads A's entry: {listed}"
    );

    link.pause(true);
    tend_encrypted(&link.a, &["attach", &id, &photo("gps.jpg")]);
    link.a.scan();
    sleep(Duration::from_millis(1100));
    tend_encrypted(&link.b, &["attach", &id, &photo("plain.gif")]);
    link.b.scan();
    link.pause(false);
    link.wait_in_sync("both sides hold the entry and one conflict copy", |l| {
        conflict_copies(&l.a.journal).len() == 1
    });
    let copy = conflict_copies(&link.a.journal).remove(0);
    assert!(
        copy.ends_with(".age"),
        "Syncthing's copy of an encrypted entry is encrypted too: {copy}"
    );
    for side in [&link.a, &link.b] {
        let said = tend_encrypted(side, &["conflicts"]);
        assert!(
            said.contains(&id) && said.contains(&copy),
            "side {}: `tend conflicts` lists entry {id} and Syncthing's copy {copy}: {said}",
            side.name
        );
    }

    // B keeps the other version (the older change, A's photo); its own goes to the trash.
    let said = tend_encrypted(&link.b, &["resolve", &id, "--keep", "that"]);
    assert!(
        said.contains("trash"),
        "resolve says where the other went: {said}"
    );
    link.wait_in_sync("the resolution reaches A", |l| {
        conflict_copies(&l.a.journal).is_empty() && conflict_copies(&l.b.journal).is_empty()
    });
    for side in [&link.a, &link.b] {
        let shown = tend_encrypted(side, &["show", &id]);
        assert!(
            shown.contains("Walked by the river.") && shown.contains(".jpg"),
            "side {}: the entry is the version kept, with A's photo: {shown}",
            side.name
        );
        let trash = tend_encrypted(side, &["trash"]);
        assert!(
            trash.contains(&id),
            "side {}: the version not kept is in the trash: {trash}",
            side.name
        );
        let doctor = tend_encrypted(side, &["doctor"]);
        assert!(
            doctor.contains("Every file could be read."),
            "side {}: every photo an entry names is there: {doctor}",
            side.name
        );
    }
    eprintln!("  whole scenario: {:.1} s", started.elapsed().as_secs_f64());
}

/// Writes a new revision of the Grand Vision on `side`, as the app saves a sitting (the command
/// line does not write visions).
fn write_vision(side: &Side, text: &str) {
    let mut store = tend::Store::open(&side.journal, Box::new(tend::SystemClock)).unwrap();
    let draft = tend::vision::VisionDraft {
        exercise: "grand-vision".into(),
        session_revision: None,
        sections: [("believe".to_string(), text.to_string())].into(),
    };
    store.save_vision(draft).unwrap();
}

/// Settings and the Grand Vision changed on both sides while the link is paused: Syncthing
/// keeps a conflict copy of each. The next `tend` that writes on one side merges the settings field by
/// field and keeps both visions as revisions, and removes the copies; that reaches the other
/// side, and both end with the same settings and every revision.
#[test]
fn settings_and_a_vision_changed_on_both_sides_merge_into_one() {
    let started = Instant::now();
    let mut link = Link::start();
    link.a.tend(&["settings", "--partner", "Sam"], "");
    write_vision(&link.a, "A calm life.");
    link.wait_in_sync("B has A's settings and vision", |l| {
        documents(&l.b.journal).contains_key("visions/grand-vision.json")
    });

    link.pause(true);
    link.a.tend(&["settings", "--partner", "Alex"], "");
    write_vision(&link.a, "A calm life, by the sea.");
    link.a.scan();
    sleep(Duration::from_millis(1100));
    link.b
        .tend(&["settings", "--country", "GB", "--backups-kept", "9"], "");
    write_vision(&link.b, "A calm life, in the hills.");
    link.b.scan();
    link.pause(false);
    link.wait_in_sync("a conflict copy of the settings and of the vision", |l| {
        conflict_copies(&l.a.journal).len() == 2
    });
    eprintln!("  conflict copies: {:?}", conflict_copies(&link.a.journal));

    // A command that writes (as the app opens it) settles the copies; a read only shows them.
    let said = link.a.tend(&["settings", "--country", "GB"], "");
    link.wait_in_sync("the merge reaches B", |l| {
        conflict_copies(&l.a.journal).is_empty() && conflict_copies(&l.b.journal).is_empty()
    });
    for side in [&link.a, &link.b] {
        let settings = side.tend(&["settings"], "");
        for wanted in ["Alex", "GB", "9"] {
            assert!(
                settings.contains(wanted),
                "side {}: {wanted} in the merged settings: {settings}\n(A said {said})",
                side.name
            );
        }
        let history = side.tend(&["vision", "history", "grand-vision"], "");
        assert!(
            history.contains("from another version") && history.contains("Syncthing"),
            "side {}: the other side's revision says where it came from: {history}",
            side.name
        );
        let vision: Vec<String> = (history.lines())
            .filter_map(|line| line.split_whitespace().next())
            .map(|n| side.tend(&["vision", "show", "grand-vision", "--revision", n], ""))
            .collect();
        for words in ["A calm life.", "by the sea.", "in the hills."] {
            assert!(
                vision.iter().any(|v| v.contains(words)),
                "side {}: {words:?} is a revision: {vision:?}",
                side.name
            );
        }
        let shown = side.tend(&["vision", "show", "grand-vision"], "");
        assert!(
            shown.contains("in the hills."),
            "side {}: the one written last is the vision: {shown}",
            side.name
        );
    }
    eprintln!("  whole scenario: {:.1} s", started.elapsed().as_secs_f64());
}
