//! The one managed state: the journal opened at start-up, or why it could not be.

use std::path::PathBuf;
use std::sync::Mutex;

use tend::{ErrorReport, Store, SystemClock};

pub struct Journal(Result<Mutex<Store>, ErrorReport>);

impl Journal {
    /// Opens the journal for this app alone; a second app on the same folder gets `Locked`,
    /// which every command then reports and the UI shows in full.
    pub fn open(explicit_dir: Option<PathBuf>) -> Journal {
        let opened = tend::paths::data_dir(explicit_dir)
            .and_then(|dir| Store::open_exclusive(dir, Box::new(SystemClock)));
        Journal(opened.map(Mutex::new).map_err(ErrorReport::from))
    }

    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> tend::Result<T>) -> Result<T, ErrorReport> {
        let store = self.0.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock leaves the store as it was on disk; carry on with it.
        let mut store = store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut store).map_err(ErrorReport::from)
    }
}
