//! Deleting, undoably: a document goes to the journal's trash for 30 days.

use tauri::State;
use tend::store::Trashed;

use super::Reply;
use crate::state::Journal;

/// Moves an entry or a worksheet filling to the trash.
#[tauri::command(async)]
pub fn delete_document(journal: State<Journal>, id: String) -> Reply<Trashed> {
    journal.with(|store| store.delete(&id))
}

/// Brings a deleted document back to its place (also "Undo" right after a delete).
#[tauri::command(async)]
pub fn restore_deleted(journal: State<Journal>, id: String) -> Reply<Trashed> {
    journal.with(|store| store.restore_deleted(&id))
}

/// What is in the trash, deleted last first.
#[tauri::command(async)]
pub fn list_trash(journal: State<Journal>) -> Reply<Vec<Trashed>> {
    journal.with(|store| store.trash())
}
