//! Where the journal lives.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fsio::FileLock;

// The names inside a journal folder (docs/storage.md draws the whole tree).
pub(crate) const ENTRIES: &str = "entries";
pub(crate) const WORKSHEETS: &str = "worksheets";
pub(crate) const VISIONS: &str = "visions";
pub(crate) const SETTINGS: &str = "settings.json";
/// The automatic backups' folder.
pub const BACKUPS: &str = "backups";
/// Held by the app (and by a restore) for as long as it has the journal.
pub(crate) const INSTANCE_LOCK: &str = ".instance.lock";
pub(crate) const WRITE_LOCK: &str = ".write.lock";

/// The environment variable that overrides the data directory (tests always set one).
pub const DATA_DIR_ENV: &str = "TEND_DATA_DIR";

/// `--data-dir` if given, else `TEND_DATA_DIR`, else the OS data directory
/// (`~/.local/share/tend` on Linux).
pub fn data_dir(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "tend")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| {
            Error::invalid(format!(
                "no home folder was found for the journal; set {DATA_DIR_ENV} or pass --data-dir"
            ))
        })
}

/// The turn to write: writers wait for one another (a few seconds at most, then the error says
/// who holds the journal).
pub(crate) fn write_turn(root: &Path) -> Result<FileLock> {
    FileLock::exclusive(&root.join(WRITE_LOCK))
}
