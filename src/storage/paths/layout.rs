//! The journal folder as this version of Tend lays it out: its id and a `.stignore` written
//! once, and what an older Tend kept there that belongs to one computer moved out of it.

use std::fs;
use std::path::Path;

use super::journal_id::settle_id;
use super::{backups_dir, BACKUPS, STIGNORE};
use crate::error::{Error, Result};
use crate::fsio::FileLock;

/// What Tend puts in a new `.stignore`: its temporary files, and what older versions of Tend
/// kept in the folder (caches, locks, backups).
const STIGNORE_TEXT: &str = "// Written once by Tend: files that belong to one computer, never \
synced. Yours to change; Tend does not write this file again.
(?d).tend-*
(?d).index*
(?d).search*
(?d).instance.lock
(?d).write.lock
(?d)/backups
";

/// What an older Tend kept in the journal folder, which belongs to one computer: removed from
/// the folder at an open that may write (the caches are built again where they belong now).
pub(crate) const OLD_LAYOUT: [&str; 6] = [
    ".index",
    ".index.age",
    ".search",
    ".search.age",
    ".instance.lock",
    ".write.lock",
];

/// An older Tend's lock in the journal folder, held by that Tend still running: the journal is
/// its until it stops (this version's locks are elsewhere, so it would not see them).
pub(crate) fn held_by_older_tend(root: &Path) -> Result<()> {
    let path = root.join(".instance.lock");
    if path.exists() {
        if let Err(e @ Error::Locked { .. }) = FileLock::try_exclusive(&path, root) {
            return Err(e);
        }
    }
    Ok(())
}

/// Tidies the journal folder as this version of Tend lays it out, where it may write: writes
/// its id and a `.stignore` once, and removes what an older Tend kept there that belongs to
/// one computer (caches, locks). Nothing of hers is touched.
pub(crate) fn settle_layout(root: &Path) {
    settle_id(root);
    let ignore = root.join(STIGNORE);
    if !ignore.exists() {
        let _ = crate::fsio::write_atomic(&ignore, STIGNORE_TEXT.as_bytes());
    }
    for old in OLD_LAYOUT {
        let path = root.join(old);
        // An older Tend still running (the login item's app, all day) holds its lock: left.
        if old.ends_with(".lock") && path.exists() {
            if let Ok(_held) = FileLock::try_exclusive(&path, root) {
                let _ = fs::remove_file(&path);
            }
            continue;
        }
        let _ = fs::remove_file(path);
    }
    // And the sync tools' conflict copies of them (`.sync-conflict-…-ABCDEFG.index`), which
    // piled up while two computers wrote the caches of one synced folder.
    for item in fs::read_dir(root).into_iter().flatten().flatten() {
        let name = item.file_name().to_string_lossy().into_owned();
        let cache = [".index", ".search", ".lock"]
            .iter()
            .any(|c| name.contains(c));
        if name.starts_with('.') && name.contains("sync-conflict") && cache {
            let _ = fs::remove_file(item.path());
        }
    }
    move_old_backups(root);
}

/// Moves the zips an older Tend kept in the journal folder's `backups/` to this computer's
/// backups folder for the journal. Each is renamed (or, across file systems, copied whole,
/// checked by its size, then removed); one that cannot move stays where it is.
fn move_old_backups(root: &Path) {
    let old = root.join(BACKUPS);
    let Ok(read) = fs::read_dir(&old) else {
        return;
    };
    let new = backups_dir(root);
    for item in read.flatten() {
        let name = item.file_name();
        let zip = name.to_string_lossy().ends_with(".zip");
        if !zip || !item.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let to = new.join(&name);
        if to.exists() || fs::create_dir_all(&new).is_err() {
            continue;
        }
        let from = item.path();
        if fs::rename(&from, &to).is_ok() {
            continue;
        }
        let copied = fs::copy(&from, &to);
        let whole = copied.is_ok_and(|n| fs::metadata(&from).is_ok_and(|m| m.len() == n));
        if whole {
            let _ = fs::remove_file(&from);
        } else {
            let _ = fs::remove_file(&to);
        }
    }
    // Removed only when empty: anything else she kept there stays.
    let _ = fs::remove_dir(&old);
}
