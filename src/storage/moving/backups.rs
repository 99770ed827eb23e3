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

/// Keeps the automatic backups of the journal at `root` in the folder `to` from now on (in
/// `<to>/<journal id>/`), or in the usual place when `to` is `None`. Refused for a folder
/// inside the journal (a sync would carry the backups to every computer, and could take them
/// with the journal) and for one that is not there.
pub fn keep_backups_in(root: &Path, to: Option<&Path>) -> Result<BackupsMoved> {
    let journal = fs::canonicalize(root).at(root)?;
    let base = match to {
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
    let from = paths::backups_dir(root);
    let new = base.join(paths::journal_id(root));
    let same = |a: &Path, b: &Path| a == b || fs::canonicalize(a).ok() == fs::canonicalize(b).ok();
    // No backup is written while they move.
    let _turn = paths::write_turn(root)?;
    let names: Vec<PathBuf> = if same(&from, &new) || !from.is_dir() {
        Vec::new()
    } else {
        (crate::backup::automatic(root)?.into_iter())
            .filter_map(|b| b.path.file_name().map(PathBuf::from))
            .collect()
    };
    let mut made = Vec::new();
    let copied = copy_all(&from, &new, &names, &mut made).and_then(|_| {
        sync_folders(&new, &made)?;
        verify(&from, &new, &names)
    });
    if let Err(e) = copied {
        // Only what this wrote is taken back; the backups are where they were.
        for path in made.iter().rev() {
            let _ = fs::remove_file(path).or_else(|_| fs::remove_dir(path));
        }
        return Err(e);
    }
    paths::choose_backups_folder(to.map(|_| base.as_path()))?;
    for name in &names {
        let old = from.join(name);
        fs::remove_file(&old).at(&old)?;
    }
    // The old folder goes if nothing else is in it.
    let _ = fs::remove_dir(&from);
    Ok(BackupsMoved {
        dir: paths::backups_dir(root).display().to_string(),
        files: u32::try_from(names.len()).unwrap_or(u32::MAX),
    })
}
