//! Worksheets: definitions, fillings, the love-languages assessment, the tone check and the
//! contact rhythm.

use tauri::State;
use tend::assessment::{self, Assessment, AssessmentResult};
use tend::contacts::{self, ContactRhythm};
use tend::tone::{self, ToneCheck};
use tend::worksheet::{self, Answers, Worksheet};
use tend::{Filling, FillingDraft, FillingSummary};

use super::Reply;
use crate::state::Journal;

#[tauri::command(async)]
pub fn list_worksheets() -> Vec<Worksheet> {
    worksheet::all().to_vec()
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
pub fn get_assessment() -> Assessment {
    assessment::definition().clone()
}

#[tauri::command(async)]
pub fn score_assessment(answers: Answers) -> AssessmentResult {
    assessment::score(&answers)
}

#[tauri::command(async)]
pub fn check_tone(draft: String) -> ToneCheck {
    tone::check(&draft)
}

#[tauri::command(async)]
pub fn contact_rhythm(journal: State<Journal>) -> Reply<ContactRhythm> {
    journal.with(|store| {
        let fillings = store.fillings_of(contacts::WORKSHEET);
        Ok(contacts::rhythm(&fillings, store.today()))
    })
}
