//! Changes from a folder sync reach the open app (issue 25). The journal's entries and
//! worksheets are watched (inotify, debounced): when files arrive, change or go, each folder of
//! entries they are in is looked at (outside the journal's lock) and brought up to date, and
//! fillings that arrived are added; then the page is told, and the lists, the calendar, search,
//! a worksheet's history and Today's banner read again. What Tend saved itself is known already
//! and tells nothing. An entry open in the editor is not reloaded under her: her next save
//! keeps the other computer's version beside hers (see `tend::store`'s writing); nor is a
//! filling already here (see `Store::catch_up_fillings`). Visions and settings from the other
//! computer are read at the next open; a save here merges with them meanwhile.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, DebouncedEvent, Debouncer};
use tauri::{AppHandle, Emitter, Manager};

use crate::state::Journal;

/// Told to the page when entries changed on disk, not through this app.
pub const JOURNAL_CHANGED: &str = "tend:journal-changed";

/// How long a burst of changes is gathered before the look: well inside the two seconds a
/// change has to reach the page.
const GATHER: Duration = Duration::from_millis(300);

/// The journal watched now, and the watch.
struct Watched {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher>,
}

/// The journal's folders watched.
fn folders(root: &Path) -> [PathBuf; 2] {
    [
        root.join(tend::paths::ENTRIES),
        root.join(tend::paths::WORKSHEETS),
    ]
}

/// Watches each of the journal's folders (made if missing, so that what arrives is seen).
fn watch_all(watcher: &mut dyn notify_debouncer_mini::notify::Watcher, root: &Path) {
    for folder in folders(root) {
        let _ = std::fs::create_dir_all(&folder);
        if let Err(e) = watcher.watch(&folder, RecursiveMode::Recursive) {
            eprintln!("Tend: changes made outside the app are seen at the next open ({e})");
        }
    }
}

static WATCHED: Mutex<Option<Watched>> = Mutex::new(None);

fn watched() -> std::sync::MutexGuard<'static, Option<Watched>> {
    WATCHED.lock().unwrap_or_else(|e| e.into_inner())
}

/// Watches the journal at `root` for as long as the app runs: started once (a lock and an
/// unlock keep the same watch, which looks only while the journal is open), and turned to the
/// journal's new folder when it moves.
pub fn start(handle: AppHandle, root: PathBuf) {
    let mut slot = watched();
    if let Some(now) = slot.as_mut() {
        if now.root != root {
            for folder in folders(&now.root) {
                let _ = now.debouncer.watcher().unwatch(&folder);
            }
            watch_all(now.debouncer.watcher(), &root);
            now.root = root;
        }
        return;
    }
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    match new_debouncer(GATHER, tx) {
        Ok(mut debouncer) => {
            watch_all(debouncer.watcher(), &root);
            *slot = Some(Watched { root, debouncer });
        }
        Err(e) => {
            eprintln!("Tend: changes made outside the app are seen at the next open ({e})");
            return;
        }
    }
    std::thread::spawn(move || {
        for events in rx {
            let Ok(events) = events else { continue };
            let Some(root) = watched().as_ref().map(|w| w.root.clone()) else {
                continue;
            };
            look(&handle, &root, &events);
        }
    });
}

/// Brings what the `events` touched up to date, and tells the page if anything changed.
fn look(handle: &AppHandle, root: &Path, events: &[DebouncedEvent]) {
    let [entries, worksheets] = folders(root);
    let events: Vec<&DebouncedEvent> = events
        .iter()
        .filter(|e| !is_own_temporary(&e.path))
        .collect();
    let folders: BTreeSet<PathBuf> = (events.iter())
        .filter_map(|e| folder_of(&entries, &e.path))
        .collect();
    let fillings = events.iter().any(|e| e.path.starts_with(&worksheets));
    if folders.is_empty() && !fillings {
        return;
    }
    let journal = handle.state::<Journal>();
    if !journal.is_open() {
        return; // locked: the unlock looks at everything
    }
    let mut changed = 0;
    for folder in folders {
        let files = tend::Store::entry_files(&folder);
        changed += journal.with(|s| Ok(s.catch_up(files))).unwrap_or(0);
    }
    if fillings {
        changed += journal.with(|s| Ok(s.catch_up_fillings())).unwrap_or(0);
    }
    if changed > 0 {
        let _ = handle.emit(JOURNAL_CHANGED, changed);
    }
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
