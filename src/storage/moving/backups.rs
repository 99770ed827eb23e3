//! Where this computer keeps the journal's automatic backups (issue 25): a folder chosen in
//! Settings (a disk of their own, say) instead of the usual one beside the journal's default
//! folder. Like the journal itself, the backups made already are copied, each read back against
//! its original, and only then removed from the old place.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
#[cfg(feature = "ts")]
use ts_rs::TS;

use super::{copy_all, sync_folders, verify};
use crate::error::{Error, IoContext, Result};
use crate::paths;

/// What choosing a folder for the backups did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct BackupsMoved {
    /// Where the journal's backups are now.
    pub dir: String,
    /// How many backups were moved there.
    pub files: u32,
}

/// Keeps this computer's automatic backups in the folder `to` from now on (each journal's in
/// `<to>/<journal id>/`), or in the usual place when `to` is `None`. Every journal's backups
/// in the old place move: the choice is this computer's, for all of them. Refused for a folder
/// inside the journal at `root` (a sync would carry the backups to every computer, and could
/// take them with the journal), for one that is not there, and while the old place is not
/// there (a disk not connected: its backups would be left behind, unseen).
pub fn keep_backups_in(root: &Path, to: Option<&Path>) -> Result<BackupsMoved> {
    let journal = fs::canonicalize(root).at(root)?;
    let new = match to {
        Some(to) => {
            let to = fs::canonicalize(to).at(to)?;
            if to.starts_with(&journal) {
                return Err(Error::invalid(format!(
                    "{} is inside the journal's folder: a sync would carry the backups to every \
                     computer, and a sync that goes wrong would take them with the journal. \
                     Choose a folder outside it.",
                    to.display()
                )));
            }
            to
        }
        None => paths::usual_backups_folder(),
    };
    paths::backups_reachable()?;
    let old = paths::backups_base();
    let same = old == new || fs::canonicalize(&old).ok() == fs::canonicalize(&new).ok();
    // No backup is written while they move.
    let _turn = paths::write_turn(root)?;
    let files = if same {
        Vec::new()
    } else {
        every_backup(&old)?
    };
    let mut made = Vec::new();
    let copied = copy_all(&old, &new, &files, &mut made).and_then(|_| {
        sync_folders(&new, &made)?;
        verify(&old, &new, &files)
    });
    if let Err(e) = copied {
        // Only what this wrote is taken back; the backups are where they were.
        for path in made.iter().rev() {
            let _ = fs::remove_file(path).or_else(|_| fs::remove_dir(path));
        }
        return Err(e);
    }
    paths::choose_backups_folder(to.map(|_| new.as_path()))?;
    for file in &files {
        let path = old.join(file);
        fs::remove_file(&path).at(&path)?;
        // A journal's folder goes once nothing else is in it.
        if let Some(folder) = path.parent() {
            let _ = fs::remove_dir(folder);
        }
    }
    Ok(BackupsMoved {
        dir: paths::backups_dir(root).display().to_string(),
        files: u32::try_from(files.len()).unwrap_or(u32::MAX),
    })
}

/// Every automatic backup in the backups' folder `base`, of every journal, as
/// `<journal id>/<name>`. Nothing else there is touched.
fn every_backup(base: &Path) -> Result<Vec<PathBuf>> {
    let read = match fs::read_dir(base) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(base, e)),
    };
    let mut files = Vec::new();
    for journal in read
        .flatten()
        .filter(|i| i.file_type().is_ok_and(|t| t.is_dir()))
    {
        let id = journal.file_name();
        let Ok(backups) = fs::read_dir(journal.path()) else {
            continue;
        };
        for item in backups.flatten() {
            let name = item.file_name();
            let automatic = name.to_str().and_then(crate::backup::automatic_time);
            if automatic.is_some() && item.file_type().is_ok_and(|t| t.is_file()) {
                files.push(Path::new(&id).join(&name));
            }
        }
    }
    files.sort();
    Ok(files)
}
