//! Changes from a folder sync reach the open app (issue 25). The journal's entries are watched
//! (inotify, debounced): when files arrive, change or go, each folder they are in is looked at
//! (outside the journal's lock) and brought up to date, then the page is told, and the lists,
//! the calendar, search and Today's banner read again. What Tend saved itself is known already
//! and tells nothing. An entry open in the editor is not reloaded under her: her next save
//! keeps the other computer's version beside hers (see `tend::store`'s writing).

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

/// The folder watched now, and the watch.
struct Watched {
    entries: PathBuf,
    debouncer: Debouncer<RecommendedWatcher>,
}

static WATCHED: Mutex<Option<Watched>> = Mutex::new(None);

fn watched() -> std::sync::MutexGuard<'static, Option<Watched>> {
    WATCHED.lock().unwrap_or_else(|e| e.into_inner())
}

/// Watches the journal at `root` for as long as the app runs: started once (a lock and an
/// unlock keep the same watch, which looks only while the journal is open), and turned to the
/// journal's new folder when it moves.
pub fn start(handle: AppHandle, root: PathBuf) {
    let entries = root.join(tend::paths::ENTRIES);
    let _ = std::fs::create_dir_all(&entries);
    let mut slot = watched();
    if let Some(now) = slot.as_mut() {
        if now.entries != entries {
            let _ = now.debouncer.watcher().unwatch(&now.entries);
            if let Err(e) = now
                .debouncer
                .watcher()
                .watch(&entries, RecursiveMode::Recursive)
            {
                eprintln!("Tend: changes made outside the app are seen at the next open ({e})");
            }
            now.entries = entries;
        }
        return;
    }
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let made = new_debouncer(GATHER, tx).and_then(|mut debouncer| {
        debouncer
            .watcher()
            .watch(&entries, RecursiveMode::Recursive)?;
        Ok(debouncer)
    });
    match made {
        Ok(debouncer) => *slot = Some(Watched { entries, debouncer }),
        Err(e) => {
            eprintln!("Tend: changes made outside the app are seen at the next open ({e})");
            return;
        }
    }
    std::thread::spawn(move || {
        for events in rx {
            let Ok(events) = events else { continue };
            let Some(entries) = watched().as_ref().map(|w| w.entries.clone()) else {
                continue;
            };
            look(&handle, &entries, &events);
        }
    });
}

/// Brings the folders the `events` are in up to date, and tells the page if anything changed.
fn look(handle: &AppHandle, entries: &Path, events: &[DebouncedEvent]) {
    let folders: BTreeSet<PathBuf> = events
        .iter()
        .filter(|e| !is_own_temporary(&e.path))
        .filter_map(|e| folder_of(entries, &e.path))
        .collect();
    if folders.is_empty() {
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
