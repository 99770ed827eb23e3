//! Worksheets: definitions, fillings, the love-languages assessment, the tone check and the
//! contact rhythm.

use tauri::State;
use tend::assessment::{self, Assessment, AssessmentResult};
use tend::contacts::ContactRhythm;
use tend::tone::ToneCheck;
use tend::worksheet::{Answers, Worksheet};
use tend::{Filling, FillingDraft, FillingSummary};

use super::Reply;
use crate::state::Journal;

/// The worksheets for where the user stands, to the question, in their words.
#[tauri::command(async)]
pub fn list_worksheets(journal: State<Journal>) -> Reply<Vec<Worksheet>> {
    journal.with(|store| Ok(store.worksheets_as_shown()))
}

#[tauri::command(async)]
pub fn worksheet_history(journal: State<Journal>, worksheet: String) -> Reply<Vec<FillingSummary>> {
    journal.with(|store| Ok(store.filling_summaries(&worksheet)))
}

#[tauri::command(async)]
pub fn get_filling(journal: State<Journal>, id: String) -> Reply<Filling> {
    journal.with(|store| store.filling(&id).cloned())
}

#[tauri::command(async)]
pub fn save_filling(journal: State<Journal>, draft: FillingDraft) -> Reply<Filling> {
    journal.with(|store| store.save_filling(draft))
}

#[tauri::command(async)]
pub fn get_assessment(journal: State<Journal>) -> Reply<Assessment> {
    journal.with(|store| Ok(store.assessment_as_shown()))
}

#[tauri::command(async)]
pub fn score_assessment(answers: Answers) -> AssessmentResult {
    assessment::score(&answers)
}

#[tauri::command(async)]
pub fn check_tone(journal: State<Journal>, draft: String) -> Reply<ToneCheck> {
    journal.with(|store| store.check_tone(&draft))
}

#[tauri::command(async)]
pub fn contact_rhythm(journal: State<Journal>) -> Reply<ContactRhythm> {
    journal.with(|store| Ok(store.contact_rhythm_as_shown()))
}
