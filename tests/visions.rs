//! Visions: every writing session is a revision, earlier ones are never lost, any two compare
//! word by word, an old one comes back as a new one; pinned habits are ticked on Today.

mod common;

use std::collections::HashSet;

use common::visions::{pinned_words, sections, write};
use common::{at, day, draft};
use tend::prompts::ARTICLES;
use tend::vision::{self, Change, VisionDraft};
use tend::Store;

#[test]
fn the_three_exercises_are_well_formed() {
    let ids: Vec<&str> = vision::all().iter().map(|e| e.id.as_str()).collect();
    for expected in ["new-marriage", "thriving-on-my-own", "grand-vision"] {
        assert!(
            ids.contains(&expected),
            "{expected} is missing from {ids:?}"
        );
    }
    for exercise in vision::all() {
        let unique: HashSet<_> = exercise.sections.iter().map(|s| &s.id).collect();
        assert_eq!(
            unique.len(),
            exercise.sections.len(),
            "{}: section ids repeat",
            exercise.id
        );
        for section in &exercise.sections {
            assert!(
                ARTICLES.iter().any(|(f, _)| *f == section.source),
                "{}/{}",
                exercise.id,
                section.id
            );
        }
    }
    let grand = vision::find("grand-vision").unwrap();
    let ids: Vec<&str> = grand.sections.iter().map(|s| s.id.as_str()).collect();
    for expected in [
        "spiritual",
        "physical",
        "intellectual",
        "relational",
        "emotional",
        "believe",
        "habits",
        "be",
    ] {
        assert!(ids.contains(&expected), "grand-vision lacks {expected}");
    }
    let habits: Vec<_> = vision::all()
        .iter()
        .flat_map(|e| &e.sections)
        .filter(|s| s.habits)
        .collect();
    assert_eq!(habits.len(), 1, "one section holds the habits to pin");
    assert_eq!(habits[0].id, "habits");
}

#[test]
fn one_session_is_one_revision_and_the_next_session_adds_another() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), at("2026-11-01T09:00:00+01:00")).unwrap();
    let v = write(&mut store, None, &[("believe", "I am")]);
    assert_eq!(v.revisions.len(), 1);
    let v = write(&mut store, Some(1), &[("believe", "I am enough")]);
    assert_eq!(
        v.revisions.len(),
        1,
        "saving again in the same session updates its revision"
    );
    assert_eq!(v.revisions[0].sections["believe"], "I am enough");

    let mut later = Store::open(dir.path(), at("2026-11-08T20:00:00+01:00")).unwrap();
    let unchanged = write(&mut later, None, &[("believe", "I am enough")]);
    assert_eq!(
        unchanged.revisions.len(),
        1,
        "opening without changing anything adds nothing"
    );
    let v = write(
        &mut later,
        None,
        &[("believe", "I am enough, and I am learning.")],
    );
    assert_eq!(v.revisions.len(), 2, "a new session is a new revision");
    assert_eq!(
        v.revisions[0].sections["believe"], "I am enough",
        "the first is untouched"
    );
    assert_eq!(
        v.revisions[1].created.to_rfc3339(),
        "2026-11-08T20:00:00+01:00"
    );

    let reopened = Store::open(dir.path(), at("2026-11-09T08:00:00+01:00")).unwrap();
    let history = reopened.vision("grand-vision").unwrap().history();
    assert_eq!(history.iter().map(|h| h.number).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(history[1].words, 7, "\"I am enough, and I am learning.\"");
}

#[test]
fn an_old_session_number_never_rewrites_an_earlier_revision() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    write(&mut store, None, &[("be", "calm")]);
    write(&mut store, None, &[("be", "calm and kind")]);
    // A stale editor still saving to revision 1 starts a new revision instead.
    let v = write(&mut store, Some(1), &[("be", "steady")]);
    assert_eq!(v.revisions.len(), 3);
    assert_eq!(v.revisions[0].sections["be"], "calm");
    assert_eq!(v.revisions[1].sections["be"], "calm and kind");
}

#[test]
fn restoring_brings_an_old_revision_back_as_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    write(&mut store, None, &[("be", "first words")]);
    write(&mut store, None, &[("be", "second words")]);
    let v = store.restore_revision("grand-vision", 1).unwrap();
    assert_eq!(v.revisions.len(), 3);
    assert_eq!(v.revisions[2].sections["be"], "first words");
    assert_eq!(v.revisions[2].restored_from, Some(1));
    assert_eq!(
        v.revisions[1].sections["be"], "second words",
        "nothing in between is lost"
    );
    assert!(store.restore_revision("grand-vision", 9).is_err());
}

#[test]
fn two_revisions_compare_with_the_changed_words_marked() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    write(&mut store, None, &[("physical", "I walk every morning.")]);
    let v = write(
        &mut store,
        None,
        &[("physical", "I walk every evening."), ("be", "gentle")],
    );
    let exercise = vision::find("grand-vision").unwrap();
    let diff = vision::diff(exercise, &v.revisions[0], &v.revisions[1]);
    let physical = diff.iter().find(|d| d.section == "physical").unwrap();
    assert!(physical
        .parts
        .iter()
        .any(|p| p.change == Change::Removed && p.text.contains("morning")));
    assert!(physical
        .parts
        .iter()
        .any(|p| p.change == Change::Added && p.text.contains("evening")));
    let be = diff.iter().find(|d| d.section == "be").unwrap();
    assert_eq!(
        (be.words_added, be.words_removed),
        (1, 0),
        "a new section is all added"
    );
    assert!(
        diff.iter().all(|d| d.section != "spiritual"),
        "unwritten sections are left out"
    );
}

#[test]
fn unknown_sections_and_empty_first_saves_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    let unknown = store.save_vision(VisionDraft {
        exercise: "grand-vision".into(),
        session_revision: None,
        sections: sections(&[("nonsense", "x")]),
    });
    assert!(unknown.unwrap_err().to_string().starts_with("nonsense:"));
    let empty = store.save_vision(VisionDraft {
        exercise: "grand-vision".into(),
        session_revision: None,
        sections: sections(&[("be", "   ")]),
    });
    assert!(empty.is_err());
    assert!(!dir.path().join("visions").exists());
}

#[test]
fn pinned_habits_are_kept_and_ticked_with_the_days_entry() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    store.pin_habit("Walk at seven", true).unwrap();
    store.pin_habit("Call a friend", true).unwrap();
    store.pin_habit("Call a friend", false).unwrap();
    store.pin_habit(" Read before bed ", true).unwrap();
    let mut entry = draft("2026-11-23", "");
    entry.mood = None;
    entry.tags.clear();
    entry.habits_done = vec!["Walk at seven".into()];
    let saved = store.save_entry(entry).unwrap();

    let store = common::open(dir.path());
    assert_eq!(pinned_words(&store), ["Walk at seven", "Read before bed"]);
    assert_eq!(
        store.entry(&saved.id).unwrap().habits_done,
        ["Walk at seven"]
    );
    assert_eq!(store.latest_on(day("2026-11-23")).unwrap().id, saved.id);
}

/// Settings written before habits had ids (each pin its words alone) still open, and their
/// pins get ids that hold from one read to the next and are kept once saved.
#[test]
fn pins_saved_as_words_alone_open_with_ids_that_hold() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    store.pin_habit("Walk at seven", true).unwrap();
    drop(store);
    let path = dir.path().join("settings.json");
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    json["pinnedHabits"] = serde_json::json!(["Walk at seven", "Read"]);
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();

    let first = common::open(dir.path());
    let ids: Vec<String> = first
        .settings()
        .pinned_habits
        .iter()
        .map(|p| p.id.clone())
        .collect();
    assert_eq!(pinned_words(&first), ["Walk at seven", "Read"]);
    assert!(ids.iter().all(|id| !id.is_empty()) && ids[0] != ids[1]);
    let mut again = common::open(dir.path());
    let again_ids: Vec<String> = again
        .settings()
        .pinned_habits
        .iter()
        .map(|p| p.id.clone())
        .collect();
    assert_eq!(again_ids, ids, "the same ids at every read");
    again.pin_habit(&ids[1], false).unwrap();
    let after = common::open(dir.path());
    assert_eq!(pinned_words(&after), ["Walk at seven"]);
    assert_eq!(
        after.settings().pinned_habits[0].id,
        ids[0],
        "kept once saved"
    );
}

/// Issue 10: a vision's history stays bounded in write cost. Older revisions each get a file
/// of their own, written once; the vision's file keeps the latest few, whatever the years.
#[test]
fn older_revisions_move_to_files_of_their_own_and_a_save_rewrites_only_the_latest() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("visions/grand-vision.json");
    let mut sizes = Vec::new();
    for sitting in 1..=12 {
        let mut store = common::open(dir.path());
        let text = format!("Sitting {sitting}: {}", "a long paragraph ".repeat(300));
        write(&mut store, None, &[("spiritual", &text)]);
        sizes.push(std::fs::metadata(&main).unwrap().len());
    }
    let store = common::open(dir.path());
    let vision = store.vision("grand-vision").unwrap();
    assert_eq!(vision.revisions.len(), 12, "every revision is there");
    assert!(
        vision.revisions[0].sections["spiritual"].starts_with("Sitting 1:"),
        "the first, from its own file"
    );
    let history = std::fs::read_dir(dir.path().join("vision-history/grand-vision"))
        .unwrap()
        .count();
    assert_eq!(
        history, 9,
        "all but the latest three have files of their own"
    );
    assert!(
        sizes[11] <= sizes[3] + 100,
        "the vision's own file does not grow with its history: {sizes:?}"
    );
    assert!(store.problems().is_empty(), "{:?}", store.problems());
}

#[test]
fn a_vision_file_with_every_revision_in_it_still_loads_and_spills_at_its_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    for sitting in 1..=5 {
        write(
            &mut store,
            None,
            &[("spiritual", &format!("Sitting {sitting}."))],
        );
    }
    let whole = store.vision("grand-vision").unwrap().clone();
    drop(store);
    // As an earlier Tend wrote it: every revision in one file, no history folder.
    std::fs::remove_dir_all(dir.path().join("vision-history")).unwrap();
    std::fs::write(
        dir.path().join("visions/grand-vision.json"),
        serde_json::to_vec_pretty(&whole).unwrap(),
    )
    .unwrap();
    let mut store = common::open(dir.path());
    assert_eq!(
        store.vision("grand-vision").unwrap(),
        &whole,
        "loads as it was"
    );
    write(&mut store, None, &[("spiritual", "Sitting 6.")]);
    drop(store);
    let store = common::open(dir.path());
    assert_eq!(store.vision("grand-vision").unwrap().revisions.len(), 6);
    let main: tend::vision::Vision = serde_json::from_slice(
        &std::fs::read(dir.path().join("visions/grand-vision.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(main.revisions.len(), 3, "the older ones moved out");
}
