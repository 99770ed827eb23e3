//! Backups of the whole journal: made daily on their own, now on request, and restored from a
//! zip chosen in the system dialog (the journal as it was is backed up first). And the journal
//! moved whole to another folder (issue 25).

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

/// Asks for the journal's new folder (a new one, named in the system's save dialog: "Tend" in
/// the folder a sync tool shares, say), then moves the journal there and opens it there. `None`
/// when the user cancels the dialog.
#[tauri::command(async)]
pub fn move_journal_to_chosen(
    app: AppHandle,
    journal: State<Journal>,
) -> Reply<Option<tend::moving::Moved>> {
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Move the journal to a new folder")
        .set_file_name("Tend");
    if let Some(home) = std::env::var_os("HOME") {
        dialog = dialog.set_directory(home);
    }
    let chosen = dialog.blocking_save_file().and_then(|f| f.into_path().ok());
    let Some(to) = chosen else {
        return Ok(None);
    };
    let moved = journal.moved(&to)?;
    now_in(&app, std::path::Path::new(&moved.to))?;
    Ok(Some(moved))
}

/// Asks for a folder to keep this computer's backups of the journal in (a disk of their own,
/// say), then moves the backups made already there, each checked; with `usual`, brings them
/// back to the usual place, without a dialog. `None` when the user cancels the dialog.
#[tauri::command(async)]
pub fn keep_backups_in_chosen(
    app: AppHandle,
    journal: State<Journal>,
    usual: bool,
) -> Reply<Option<tend::moving::BackupsMoved>> {
    let chosen = if usual {
        None
    } else {
        let mut dialog = app
            .dialog()
            .file()
            .set_title("Keep the backups in a folder");
        if let Some(home) = std::env::var_os("HOME") {
            dialog = dialog.set_directory(home);
        }
        let Some(dir) = dialog
            .blocking_pick_folder()
            .and_then(|f| f.into_path().ok())
        else {
            return Ok(None);
        };
        Some(dir)
    };
    journal.with(|store| tend::moving::keep_backups_in(store.root(), chosen.as_deref()).map(Some))
}

/// Asks for a folder that holds a journal already (another computer's, which a sync tool
/// brought), and opens that journal from now on, on this computer; nothing is copied. `None`
/// when the user cancels the dialog. The page loads again after it.
#[tauri::command(async)]
pub fn use_journal_in_chosen(app: AppHandle, journal: State<Journal>) -> Reply<Option<String>> {
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Open the journal in a folder");
    if let Some(home) = std::env::var_os("HOME") {
        dialog = dialog.set_directory(home);
    }
    let chosen = dialog
        .blocking_pick_folder()
        .and_then(|f| f.into_path().ok());
    let Some(dir) = chosen else {
        return Ok(None);
    };
    let dir = tend::moving::use_journal(&dir)?;
    journal.switched(dir.clone());
    now_in(&app, &dir)?;
    // As at start: spelling as its settings say, the first look, today's backup.
    crate::after_open(app);
    Ok(Some(dir.display().to_string()))
}

/// What follows the journal to its new folder: the watch for a sync tool's changes, and the
/// login item, which starts Tend on the folder it names.
fn now_in(app: &AppHandle, dir: &std::path::Path) -> Reply<()> {
    crate::watch::start(app.clone(), dir.to_path_buf());
    if crate::reminder::starts_at_login() {
        crate::reminder::start_at_login(dir, true)?;
    }
    Ok(())
}
