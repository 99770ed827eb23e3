//! The one managed state: the journal, opened at start-up or, if another Tend command held it
//! then (an import, say), at the first request after it lets go.

use std::path::PathBuf;
use std::sync::Mutex;

use tend::{ErrorReport, Store, SystemClock};

pub struct Journal {
    dir: Result<PathBuf, ErrorReport>,
    store: Mutex<Option<Store>>,
}

impl Journal {
    /// Opens the journal for this app alone. A second app on the same folder, or a command
    /// writing to it, gets `Locked`; every request tries again, so the app comes to life as
    /// soon as the command is done.
    pub fn open(explicit_dir: Option<PathBuf>) -> Journal {
        Journal {
            dir: tend::paths::data_dir(explicit_dir).map_err(ErrorReport::from),
            store: Mutex::new(None),
        }
    }

    /// Lets go of the journal for `f` (a restore replaces it on disk), then opens it again,
    /// whatever `f` did.
    pub fn released<T>(
        &self,
        f: impl FnOnce(&std::path::Path) -> tend::Result<T>,
    ) -> Result<T, ErrorReport> {
        let dir = self.dir.as_ref().map_err(Clone::clone)?;
        let mut slot = self
            .store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *slot = None; // drops the app's lock on the journal
        let outcome = f(dir);
        *slot = Store::open_exclusive(dir, Box::new(SystemClock)).ok();
        outcome.map_err(ErrorReport::from)
    }

    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> tend::Result<T>) -> Result<T, ErrorReport> {
        let dir = self.dir.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock leaves the store as it was on disk; carry on with it.
        let mut slot = self
            .store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if slot.is_none() {
            *slot = Some(Store::open_exclusive(dir, Box::new(SystemClock))?);
        }
        let Some(store) = slot.as_mut() else {
            unreachable!("opened just above")
        };
        f(store).map_err(ErrorReport::from)
    }
}
