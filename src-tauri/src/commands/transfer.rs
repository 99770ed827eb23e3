//! Export and import. The destination or source is chosen in the system dialog, opened here in
//! Rust: the webview never names a path, and needs no dialog or file permission of its own.

use std::path::PathBuf;

use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;
use tend::export::{self, DocumentRef, ExportContext, ExportDone, Filter};
use tend::formats::{self, Descriptor, Layout};
use tend::import::ImportReport;
use tend::ErrorReport;

use super::Reply;

/// Pieces written per turn with the journal: a few hundred milliseconds of work at most.
const IMPORT_BATCH: usize = 200;
use crate::state::Journal;

/// Every format, as the core lists them: the UI offers what it finds here.
#[tauri::command(async)]
pub fn list_formats() -> Vec<Descriptor> {
    formats::FORMATS.iter().map(|f| **f).collect()
}

/// What a filter selects, to count and to choose from.
#[tauri::command(async)]
pub fn list_selection(journal: State<Journal>, filter: Filter) -> Reply<Vec<DocumentRef>> {
    journal.with(|store| Ok(tend::selection::select(store, &filter).refs()))
}

/// What `format` will write of the selection, in a sentence for the export screen.
#[tauri::command(async)]
pub fn describe_export(journal: State<Journal>, format: String, filter: Filter) -> Reply<String> {
    journal.with(|store| {
        let format = formats::exportable(&format)?;
        Ok(export::describe_export(
            format,
            &tend::selection::select(store, &filter),
        ))
    })
}

/// Asks where to save, then exports there. `None` when the user cancels the dialog.
#[tauri::command(async)]
pub fn export_to_chosen(
    app: AppHandle,
    journal: State<Journal>,
    format: String,
    filter: Filter,
    passphrase: Option<String>,
) -> Reply<Option<ExportDone>> {
    let format = formats::exportable(&format).map_err(ErrorReport::from)?;
    let voice = journal.with(|store| Ok(store.settings().voice()))?;
    let mut context = ExportContext::now(voice);
    context.passphrase = passphrase.map(Into::into);
    if let Some(passphrase) = &context.passphrase {
        // Said before the save dialog, not after the person has chosen where.
        tend::crypt::check_passphrase(passphrase)?;
    }
    let dialog = app.dialog().file().set_title("Export from Tend");
    let picked = match format.layout {
        // Opened in the home folder, as restore opens in backups/: GTK's folder chooser starts
        // on its empty "Recent" view otherwise, with Open disabled (issue 27, D12).
        Layout::Folder => match std::env::var_os("HOME") {
            Some(home) => dialog.set_directory(home).blocking_pick_folder(),
            None => dialog.blocking_pick_folder(),
        },
        Layout::File => dialog
            .set_file_name(export::suggested_name(format, &context))
            .add_filter(format.label, &[format.extension()])
            .blocking_save_file(),
    };
    let chosen = picked
        .and_then(|f| f.into_path().ok())
        .map(|picked| export::destination(format, picked, &context));
    let Some(path) = chosen else {
        return Ok(None);
    };
    // Copied under the lock, rendered and written outside it: saves go on meanwhile.
    let snapshot = journal.with(|store| Ok(tend::selection::snapshot(store, &filter)))?;
    let documents = export::export(&snapshot.selection(), format, &context, &path)
        .map_err(ErrorReport::from)?;
    Ok(Some(ExportDone {
        path: path.display().to_string(),
        documents,
    }))
}

/// Asks which file to import, then imports it. `None` when the user cancels the dialog.
#[tauri::command(async)]
pub fn import_from_chosen(
    app: AppHandle,
    journal: State<Journal>,
    format: String,
) -> Reply<Option<ImportReport>> {
    let format = formats::importable(&format).map_err(ErrorReport::from)?;
    let chosen: Option<PathBuf> = app
        .dialog()
        .file()
        .set_title("Import into Tend")
        .add_filter(format.label, format.extensions)
        .blocking_pick_file()
        .and_then(|f| f.into_path().ok());
    let Some(path) = chosen else {
        return Ok(None);
    };
    // In batches: the journal is let go between them, so the app stays usable meanwhile.
    let mut job = journal.with(|store| tend::import::start_import(store, format, &path))?;
    while !job.is_done() {
        journal.with(|store| tend::import::import_batch(store, &mut job, IMPORT_BATCH))?;
        let _ = app.emit("import-progress", job.progress());
    }
    Ok(Some(job.report()))
}
