//! Property tests: saving and loading round-trips any entry; the loader survives any bytes.

mod common;

use std::fs;

use proptest::prelude::*;
use tend::{EntryDraft, Mood};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_valid_entry_reads_back_as_saved(
        body in "\\PC{0,400}",
        score in proptest::option::of(1u8..=5),
        tags in proptest::collection::vec("[a-z]{1,10}", 0..4),
        // Up to 2025: an entry is for today or a day before (the fixed clock is in 2026).
        day in 0i64..13000,
    ) {
        prop_assume!(!body.trim().is_empty() || score.is_some());
        let dir = tempfile::tempdir().unwrap();
        let date = chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Duration::days(day);
        let saved = common::open(dir.path()).save_entry(EntryDraft {
            id: None,
            date,
            prompt: None,
            body,
            mood: score.map(|score| Mood { score, feelings: vec![] }),
            tags,
            habits_done: vec![],
            base: None,
        }).unwrap();
        let store = common::open(dir.path());
        prop_assert_eq!(store.entry(&saved.id).unwrap(), &saved);
        prop_assert!(store.problems().is_empty());
    }

    #[test]
    fn the_loader_never_panics_and_reports_what_it_cannot_read(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let dir = tempfile::tempdir().unwrap();
        let year = dir.path().join("entries/2026");
        fs::create_dir_all(&year).unwrap();
        fs::write(year.join("2026-01-01-x.json"), &bytes).unwrap();
        let store = common::open(dir.path());
        prop_assert_eq!(store.entries().len() + store.problems().len(), 1,
            "the file is either loaded or listed as a problem");
        prop_assert_eq!(fs::read(year.join("2026-01-01-x.json")).unwrap(), bytes);
    }
}
