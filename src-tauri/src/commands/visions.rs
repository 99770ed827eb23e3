//! Visions: exercises, writing sessions, revisions, comparison, restore, pinned habits.

use tauri::State;
use tend::vision::{Exercise, SectionDiff, Vision, VisionDraft, VisionSave};
use tend::Settings;

use super::Reply;
use crate::state::Journal;

/// The exercises for where the user stands, in their words.
#[tauri::command(async)]
pub fn list_exercises(journal: State<Journal>) -> Reply<Vec<Exercise>> {
    journal.with(|store| Ok(store.exercises()))
}

#[tauri::command(async)]
pub fn get_vision(journal: State<Journal>, exercise: String) -> Reply<Option<Vision>> {
    journal.with(|store| Ok(store.vision(&exercise).cloned()))
}

#[tauri::command(async)]
pub fn save_vision(journal: State<Journal>, draft: VisionDraft) -> Reply<VisionSave> {
    journal.with(|store| store.save_vision(draft))
}

#[tauri::command(async)]
pub fn restore_revision(journal: State<Journal>, exercise: String, number: u32) -> Reply<Vision> {
    journal.with(|store| store.restore_revision(&exercise, number))
}

#[tauri::command(async)]
pub fn compare_revisions(
    journal: State<Journal>,
    exercise: String,
    old: u32,
    new: u32,
) -> Reply<Vec<SectionDiff>> {
    journal.with(|store| store.compare_revisions(&exercise, old, new))
}

#[tauri::command(async)]
pub fn pin_habit(journal: State<Journal>, habit: String, pinned: bool) -> Reply<Settings> {
    journal.with(|store| store.pin_habit(&habit, pinned))
}
