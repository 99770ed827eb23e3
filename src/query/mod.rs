//! Questions asked of a journal: search and the insights (moods, words, rhythm), over storage.

pub mod insights;
pub mod search;
