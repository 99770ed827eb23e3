//! Deleting, undoably: a document goes to the journal's trash for 30 days. And two versions
//! of one document, resolved by the person: what she does not keep goes to the trash too.

use tauri::State;
use tend::store::{Keep, Resolved, Trashed, TwoVersions};
use tend::versions::Compared;

use super::Reply;
use crate::state::Journal;

/// Moves an entry or a worksheet filling to the trash.
#[tauri::command(async)]
pub fn delete_document(journal: State<Journal>, id: String) -> Reply<Trashed> {
    journal.with(|store| store.delete(&id))
}

/// Brings a deleted document back to its place (also "Undo" right after a delete): the
/// deletion in the trash file `file` when given (the row chosen), else the latest of `id`.
#[tauri::command(async)]
pub fn restore_deleted(
    journal: State<Journal>,
    id: String,
    file: Option<String>,
) -> Reply<Trashed> {
    journal.with(|store| store.restore_deleted_from(&id, file.as_deref()))
}

/// What is in the trash, deleted last first.
#[tauri::command(async)]
pub fn list_trash(journal: State<Journal>) -> Reply<Vec<Trashed>> {
    journal.with(|store| store.trash())
}

/// Every document found in two files (a copy, a sync tool's conflict copy).
#[tauri::command(async)]
pub fn list_two_versions(journal: State<Journal>) -> Reply<Vec<TwoVersions>> {
    journal.with(|store| Ok(store.two_versions()))
}

/// The two versions of a document side by side, the differences marked word by word.
#[tauri::command(async)]
pub fn compare_versions(journal: State<Journal>, id: String, other: String) -> Reply<Compared> {
    journal.with(|store| tend::versions::compare(store, &id, Some(&other)))
}

/// Keeps what the person chose of two versions; what is not kept goes to the trash.
#[tauri::command(async)]
pub fn resolve_versions(
    journal: State<Journal>,
    id: String,
    other: String,
    keep: Keep,
) -> Reply<Resolved> {
    journal.with(|store| store.resolve_versions(&id, Some(&other), keep))
}
