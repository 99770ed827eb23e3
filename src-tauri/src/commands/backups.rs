//! Backups of the whole journal: made daily on their own, now on request, and restored from a
//! zip chosen in the system dialog (the journal as it was is backed up first).

use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tend::{Backup, BackupInfo, RestoreDone, SystemClock};

use super::Reply;
use crate::state::Journal;

/// The automatic backups, newest first.
#[tauri::command(async)]
pub fn list_backups(journal: State<Journal>) -> Reply<Vec<BackupInfo>> {
    journal.with(|store| store.backups())
}

#[tauri::command(async)]
pub fn backup_now(journal: State<Journal>) -> Reply<Backup> {
    journal.with(|store| store.backup(None))
}

/// Asks which backup to restore, then restores it. `None` when the user cancels the dialog.
#[tauri::command(async)]
pub fn restore_from_chosen(app: AppHandle, journal: State<Journal>) -> Reply<Option<RestoreDone>> {
    let folder = journal.with(|store| Ok(tend::paths::backups_dir(store.root())))?;
    let chosen = app
        .dialog()
        .file()
        .set_title("Restore Tend from a backup")
        .set_directory(folder)
        .add_filter("Tend backup", &["zip"])
        .blocking_pick_file()
        .and_then(|f| f.into_path().ok());
    let Some(zip) = chosen else {
        return Ok(None);
    };
    journal.released(|root| tend::backup::restore(root, &zip, &SystemClock).map(Some))
}
