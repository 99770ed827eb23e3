//! Writing visions and reading pinned habits, for the tests of visions and their regressions.

use std::collections::BTreeMap;

use tend::vision::VisionDraft;
use tend::Store;

pub fn sections(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub fn save(
    store: &mut Store,
    session: Option<u32>,
    pairs: &[(&str, &str)],
) -> tend::vision::VisionSave {
    store
        .save_vision(VisionDraft {
            exercise: "grand-vision".into(),
            session_revision: session,
            sections: sections(pairs),
        })
        .unwrap()
}

pub fn write(
    store: &mut Store,
    session: Option<u32>,
    pairs: &[(&str, &str)],
) -> tend::vision::Vision {
    save(store, session, pairs).vision
}

/// The words of the habits pinned to Today, in order.
pub fn pinned_words(store: &Store) -> Vec<String> {
    store
        .settings()
        .pinned_habits
        .iter()
        .map(|p| p.words.clone())
        .collect()
}
