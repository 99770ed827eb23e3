//! Where the journal lives.

use std::path::PathBuf;

use crate::error::{Error, Result};

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
