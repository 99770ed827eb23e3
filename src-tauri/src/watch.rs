//! Changes from a folder sync reach the open app (issue 25). The journal's entries are watched
//! (inotify, debounced): when files arrive, change or go, each folder they are in is looked at
//! (outside the journal's lock) and brought up to date, then the page is told, and the lists,
//! the calendar, search and Today's banner read again. What Tend saved itself is known already
//! and tells nothing. An entry open in the editor is not reloaded under her: her next save
//! keeps the other computer's version beside hers (see `tend::store`'s writing).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{new_debouncer, DebounceEventResult};
use tauri::{AppHandle, Emitter, Manager};

use crate::state::Journal;

/// Told to the page when entries changed on disk, not through this app.
pub const JOURNAL_CHANGED: &str = "tend:journal-changed";

/// How long a burst of changes is gathered before the look: well inside the two seconds a
/// change has to reach the page.
const GATHER: Duration = Duration::from_millis(300);

/// Watches the journal at `root` for as long as the app runs (started once; a lock and an
/// unlock keep the same watch, and it looks only while the journal is open).
pub fn start(handle: AppHandle, root: PathBuf) {
    static STARTED: AtomicBool = AtomicBool::new(false);
    if STARTED.swap(true, Ordering::SeqCst) {
        return;
    }
    std::thread::spawn(move || {
        if let Err(e) = watch(&handle, &root) {
            eprintln!("Tend: changes made outside the app are seen at the next open ({e})");
        }
    });
}

fn watch(handle: &AppHandle, root: &Path) -> notify_debouncer_mini::notify::Result<()> {
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(GATHER, tx)?;
    let entries = root.join(tend::paths::ENTRIES);
    std::fs::create_dir_all(&entries).ok();
    debouncer
        .watcher()
        .watch(&entries, RecursiveMode::Recursive)?;
    for events in rx {
        let Ok(events) = events else { continue };
        let folders: BTreeSet<PathBuf> = events
            .iter()
            .filter(|e| !is_own_temporary(&e.path))
            .filter_map(|e| folder_of(&entries, &e.path))
            .collect();
        if folders.is_empty() {
            continue;
        }
        let journal = handle.state::<Journal>();
        if !journal.is_open() {
            continue; // locked: the unlock looks at everything
        }
        let mut changed = 0;
        for folder in folders {
            let files = tend::Store::entry_files(&folder);
            changed += journal.with(|s| Ok(s.catch_up(files))).unwrap_or(0);
        }
        if changed > 0 {
            let _ = handle.emit(JOURNAL_CHANGED, changed);
        }
    }
    Ok(())
}

/// A save's temporary file (`.tend-*.tmp`): nothing to look at.
fn is_own_temporary(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with(".tend-"))
}

/// The folder of entries (one of `Store::entry_folders`) that `path` is in: the year's, or
/// `entries/` itself for a file at its top (a year folder that arrived whole is its own).
fn folder_of(entries: &Path, path: &Path) -> Option<PathBuf> {
    let inside = path.strip_prefix(entries).ok()?;
    let mut parts = inside.components();
    let first = parts.next()?;
    if parts.next().is_some() || path.is_dir() {
        Some(entries.join(first))
    } else {
        Some(entries.to_path_buf())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_looked_at_in_its_years_folder() {
        let entries = Path::new("/j/entries");
        let year = Path::new("/j/entries/2026/2026-12-06-ab.json");
        assert_eq!(
            folder_of(entries, year),
            Some(PathBuf::from("/j/entries/2026"))
        );
        let top = Path::new("/j/entries/2026-12-06-ab.json");
        assert_eq!(folder_of(entries, top), Some(PathBuf::from("/j/entries")));
        assert_eq!(folder_of(entries, Path::new("/j/trash/x.json")), None);
        assert!(is_own_temporary(Path::new("/j/entries/2026/.tend-x1.tmp")));
    }
}
