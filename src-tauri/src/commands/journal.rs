//! The daily journal: the first screen, prompts, entries, settings.

use chrono::NaiveDate;
use tauri::State;
use tend::prompts::{self, ShownPrompt};
use tend::store::JournalInfo;
use tend::{Entry, EntryDraft, EntrySummary, Settings};

use super::Reply;
use crate::state::Journal;

#[tauri::command(async)]
pub fn open_journal(journal: State<Journal>) -> Reply<JournalInfo> {
    journal.with(|store| Ok(store.info()))
}

#[tauri::command(async)]
pub fn prompt_for(
    journal: State<Journal>,
    date: NaiveDate,
    theme: Option<String>,
    offset: usize,
) -> Reply<ShownPrompt> {
    journal.with(|store| {
        let prompt = prompts::for_date(date, theme.as_deref(), offset)?;
        Ok(prompts::show(prompt, &store.settings().partner))
    })
}

#[tauri::command(async)]
pub fn list_entries(journal: State<Journal>) -> Reply<Vec<EntrySummary>> {
    journal.with(|store| Ok(store.summaries()))
}

#[tauri::command(async)]
pub fn get_entry(journal: State<Journal>, id: String) -> Reply<Entry> {
    journal.with(|store| store.entry(&id).cloned())
}

#[tauri::command(async)]
pub fn entry_on(journal: State<Journal>, date: NaiveDate) -> Reply<Option<Entry>> {
    journal.with(|store| Ok(store.latest_on(date).cloned()))
}

#[tauri::command(async)]
pub fn save_entry(journal: State<Journal>, draft: EntryDraft) -> Reply<Entry> {
    journal.with(|store| store.save_entry(draft))
}

#[tauri::command(async)]
pub fn save_settings(journal: State<Journal>, settings: Settings) -> Reply<Settings> {
    journal.with(|store| store.save_settings(settings))
}
