//! The one managed state: the journal, opened at start-up or, if another Tend command held it
//! then (an import, say), at the first request after it lets go. An encrypted journal opens
//! only through [`Journal::unlock`], and [`Journal::lock`] drops it: the store, every decrypted
//! document and the key go with it.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use tend::crypt::{secrecy::SecretString, Key};
use tend::store::JournalInfo;
use tend::{ErrorReport, Store, SystemClock};

pub struct Journal {
    /// Its folder: where it was opened, until it is moved (see [`Journal::moved`]).
    dir: Mutex<Result<PathBuf, ErrorReport>>,
    store: Mutex<Option<Store>>,
    /// Wrong passphrases in a row: each is answered after a longer pause.
    failures: Mutex<u32>,
}

/// What [`Journal::peek`] found.
pub enum Peek<T> {
    Open(T),
    /// Not open: locked, or not yet opened.
    Closed,
    /// Another request holds it.
    Busy,
}

/// The pause before a wrong passphrase is answered: 1, 2, 4, 8, 16, then 30 seconds. Calm for
/// a person who mistyped, slow for someone guessing.
pub fn pause_after(failures: u32) -> Duration {
    Duration::from_secs((1u64 << failures.saturating_sub(1).min(5)).min(30))
}

fn held<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves the store as it was on disk; carry on with it.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Journal {
    /// Opens the journal for this app alone. A second app on the same folder, or a command
    /// writing to it, gets `Locked`; every request tries again, so the app comes to life as
    /// soon as the command is done.
    pub fn open(explicit_dir: Option<PathBuf>) -> Journal {
        Journal {
            dir: Mutex::new(tend::paths::data_dir(explicit_dir).map_err(ErrorReport::from)),
            store: Mutex::new(None),
            failures: Mutex::new(0),
        }
    }

    /// The journal's folder.
    pub fn dir(&self) -> Result<PathBuf, ErrorReport> {
        held(&self.dir).clone()
    }

    /// The helplines' country the lock screen may know without the key.
    pub fn locked_country(&self) -> Option<String> {
        self.lock_screen().country
    }

    /// What the lock screen may know without the key: the country, the theme, the text size.
    pub fn lock_screen(&self) -> tend::store::settings::LockScreen {
        self.dir()
            .map(|dir| tend::store::settings::lock_screen(&dir))
            .unwrap_or_default()
    }

    /// Lets go of the journal for `f` (a restore replaces it on disk), then opens it again,
    /// whatever `f` did. An encrypted journal stays locked: the backup may hold another key.
    pub fn released<T>(&self, f: impl FnOnce(&Path) -> tend::Result<T>) -> Result<T, ErrorReport> {
        let dir = self.dir()?;
        let mut slot = held(&self.store);
        *slot = None; // drops the app's lock on the journal
        let outcome = f(&dir);
        *slot = Store::open_exclusive(&dir, Box::new(SystemClock)).ok();
        outcome.map_err(ErrorReport::from)
    }

    /// Moves the journal to `to` (see `tend::moving`), letting go of it meanwhile, and opens it
    /// there. An encrypted journal is opened with the key it had: nothing about it changed.
    /// On failure it opens where it was.
    pub fn moved(&self, to: &Path) -> Result<tend::moving::Moved, ErrorReport> {
        let dir = self.dir()?;
        let mut slot = held(&self.store);
        let key = slot.as_ref().and_then(|s| s.key().cloned());
        *slot = None; // drops the app's lock on the journal
        let outcome = tend::moving::move_journal(&dir, to);
        let now = match &outcome {
            Ok(moved) => PathBuf::from(&moved.to),
            Err(_) => dir,
        };
        *held(&self.dir) = Ok(now.clone());
        *slot = Store::open_exclusive_with(&now, Box::new(SystemClock), key).ok();
        outcome.map_err(ErrorReport::from)
    }

    /// Lets go of this journal and opens the one in `to` from the next request (an encrypted
    /// one asks for its passphrase).
    pub fn switched(&self, to: PathBuf) {
        let mut slot = held(&self.store);
        *slot = None;
        *held(&self.dir) = Ok(to);
        *held(&self.failures) = 0;
    }

    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> tend::Result<T>) -> Result<T, ErrorReport> {
        let dir = self.dir()?;
        let mut slot = held(&self.store);
        if slot.is_none() {
            // An encrypted journal is `Encrypted` here: the UI shows the unlock screen.
            *slot = Some(Store::open_exclusive(dir, Box::new(SystemClock))?);
        }
        let Some(store) = slot.as_mut() else {
            unreachable!("opened just above")
        };
        f(store).map_err(ErrorReport::from)
    }

    /// Opens an encrypted journal with its passphrase or recovery key. A wrong one is answered
    /// after a pause that grows with each in a row.
    pub fn unlock(&self, secret: SecretString) -> Result<JournalInfo, ErrorReport> {
        let dir = self.dir()?;
        let mut failures = held(&self.failures);
        let key = match Key::unlock(&dir, &secret) {
            Ok(key) => key,
            Err(e @ tend::Error::WrongPassphrase) => {
                *failures += 1;
                std::thread::sleep(pause_after(*failures));
                return Err(e.into());
            }
            Err(e) => return Err(e.into()),
        };
        *failures = 0;
        let mut slot = held(&self.store);
        let mut store = Store::open_exclusive_with(dir, Box::new(SystemClock), Some(key))?;
        // Her helplines' country, for the lock screen the next time (see lock-screen.json).
        store.keep_lock_screen();
        let info = store.info();
        *slot = Some(store);
        Ok(info)
    }

    /// Locks an encrypted journal: the store goes, with the key and every decrypted document.
    /// A plain journal has nothing to lock.
    pub fn lock(&self) {
        let mut slot = held(&self.store);
        if slot.as_ref().is_some_and(Store::encrypted) {
            *slot = None;
        }
    }

    /// `f` on the journal if it is open and free this moment: never waits, and never opens it.
    pub fn peek<T>(&self, f: impl FnOnce(&Store) -> T) -> Peek<T> {
        let slot = match self.store.try_lock() {
            Ok(slot) => slot,
            Err(std::sync::TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return Peek::Busy,
        };
        match slot.as_ref() {
            Some(store) => Peek::Open(f(store)),
            None => Peek::Closed,
        }
    }

    /// `f` on the journal if it is open, waiting its turn; `None` when it is not open (locked):
    /// never opens it.
    pub fn peek_wait<T>(&self, f: impl FnOnce(&Store) -> tend::Result<T>) -> Option<T> {
        held(&self.store).as_ref().and_then(|store| f(store).ok())
    }

    /// Whether the journal is open (an encrypted one, unlocked).
    pub fn is_open(&self) -> bool {
        held(&self.store).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_wrong_passphrase_waits_longer_up_to_half_a_minute() {
        let pauses: Vec<u64> = (1..=8).map(|n| pause_after(n).as_secs()).collect();
        assert_eq!(pauses, [1, 2, 4, 8, 16, 30, 30, 30]);
    }
}
