//! The journal's id: written once in its folder (`journal-id`), so that every computer sharing
//! the folder agrees on which journal it is, and this computer's caches and backups for it are
//! filed under it and follow it when it moves.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{locks_dir, JOURNAL_ID};
use crate::error::{Error, IoContext, Result};

/// The id of the journal at `root`: what its `journal-id` file says, written there the first
/// time (a new random id). Where the folder cannot be written (read-only, not there yet), an
/// id of its place on this computer stands in. The same for the whole process, once known.
pub fn journal_id(root: &Path) -> String {
    let place = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    let known = known.get_or_insert_with(HashMap::new);
    if let Some(id) = known.get(&place) {
        return id.clone();
    }
    let id = match read_id(root).or_else(|| write_id(root).ok()) {
        Some(id) => id,
        // Not kept: once the folder can be written, its own id is used.
        None => return place_id(&place),
    };
    known.insert(place, id.clone());
    id
}

/// The ids known in this process, by the journal folder's place.
static KNOWN: Mutex<Option<HashMap<PathBuf, String>>> = Mutex::new(None);

/// Two computers that each gave the journal an id before they met: the sync tool keeps both
/// (`journal-id.sync-conflict-…`, `journal-id (conflicted copy …)`). Each computer keeps the
/// smaller, so that they agree, and the copies go: an id is no writing of hers. This
/// computer's backups, filed under the id it had, move to the one it has now.
pub(super) fn settle_id(root: &Path) {
    let copy = |name: &str| {
        name.starts_with(JOURNAL_ID)
            && name != JOURNAL_ID
            && ["sync-conflict", "conflicted copy", "_conflict-"]
                .iter()
                .any(|mark| name.contains(mark))
    };
    let copies: Vec<PathBuf> = (fs::read_dir(root).into_iter().flatten().flatten())
        .filter(|item| copy(&item.file_name().to_string_lossy()))
        .map(|item| item.path())
        .collect();
    if !copies.is_empty() {
        let current = read_id(root);
        let mut ids: Vec<String> = (copies.iter())
            .filter_map(|c| read_id_at(c))
            .chain(current.clone())
            .collect();
        ids.sort();
        if let Some(least) = ids.first() {
            if current.as_ref() != Some(least) {
                let text = format!("{least}\n");
                if crate::fsio::write_atomic(&root.join(JOURNAL_ID), text.as_bytes()).is_err() {
                    return;
                }
            }
            for copy in &copies {
                let _ = fs::remove_file(copy);
            }
        }
        let place = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
        known.get_or_insert_with(HashMap::new).remove(&place);
    }
    follow_id(root);
}

/// Moves this computer's backups of the journal at `root` to its id's folder when the id it
/// last had here was another (see [`settle_id`]).
fn follow_id(root: &Path) {
    let now = journal_id(root);
    let seen_file = locks_dir(root).join(JOURNAL_ID);
    let seen = read_id_at(&seen_file);
    if seen.as_deref() == Some(now.as_str()) {
        return;
    }
    if let Some(before) = seen {
        let base = super::backups_base();
        let (from, to) = (base.join(&before), base.join(&now));
        if from.is_dir() && (!to.exists() || fs::remove_dir(&to).is_ok()) {
            let _ = fs::rename(&from, &to);
        }
    }
    let _ = crate::fsio::write_atomic(&seen_file, format!("{now}\n").as_bytes());
}

fn read_id(root: &Path) -> Option<String> {
    read_id_at(&root.join(JOURNAL_ID))
}

fn read_id_at(path: &Path) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    let id = text.trim();
    let fits = (8..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric());
    fits.then(|| id.to_string())
}

/// Writes a new id, unless another process wrote one first (its id is then the one).
fn write_id(root: &Path) -> Result<String> {
    if !root.is_dir() {
        return Err(Error::invalid("the journal folder is not there yet"));
    }
    let id = uuid::Uuid::new_v4().simple().to_string();
    let path = root.join(JOURNAL_ID);
    let temp = root.join(format!(".tend-{id}.tmp"));
    fs::write(&temp, format!("{id}\n")).at(&temp)?;
    // A link never replaces a name: of two processes writing at once, one id is the journal's.
    let linked = fs::hard_link(&temp, &path);
    let _ = fs::remove_file(&temp);
    let written = match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return read_id(root).ok_or_else(|| Error::invalid("the journal's id cannot be read"));
        }
        // A disk without hard links (exFAT, some network mounts): a file made only if none is
        // there, which still keeps two processes from both writing one.
        Err(_) => write_new(&path, &id),
    };
    match written {
        Ok(()) => {
            crate::fsio::sync_dir(root)?;
            Ok(id)
        }
        Err(_) => read_id(root).ok_or_else(|| Error::invalid("the journal's id cannot be read")),
    }
}

/// Writes `id` to a new file at `path`, durably; fails if there is one.
fn write_new(path: &Path, id: &str) -> Result<()> {
    use std::io::Write;
    let mut file = fs::File::options()
        .write(true)
        .create_new(true)
        .open(path)
        .at(path)?;
    file.write_all(format!("{id}\n").as_bytes()).at(path)?;
    file.sync_all().at(path)
}

/// An id for a journal whose folder cannot hold one: a hash of where it is.
pub(super) fn place_id(place: &Path) -> String {
    use sha2::Digest;
    let hash = sha2::Sha256::digest(place.as_os_str().as_encoded_bytes());
    let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("place-{hex}")
}
