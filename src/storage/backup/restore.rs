//! Restoring a backup: the whole journal replaced by what a zip holds, with no step at which
//! the user's writing exists nowhere.
//!
//! 1. The zip is checked and unpacked into a hidden staging folder inside the data folder
//!    (every path inside the journal, at most [`MAX_RESTORE_BYTES`] inflated, every `.json`
//!    parseable). Until here nothing has changed.
//! 2. The journal as it is is backed up, verified, in `backups/`.
//! 3. The journal's top-level items move into a hidden folder, the staged ones move into place;
//!    a failure moves everything back. Only then is the hidden folder removed.
//!
//! A crash during step 3 leaves the old journal in `.tend-before-restore-*` (reported when the
//! journal opens) and in the backup of step 2.

use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Serialize;
#[cfg(feature = "ts")]
use ts_rs::TS;
use zip::ZipArchive;

use super::{copy, write_automatic, BACKUPS};
use crate::clock::Clock;
use crate::error::{Error, IoContext, Result};
use crate::fsio::{self, FileLock};
use crate::paths::{instance_lock, write_turn, JOURNAL_ID};

/// The most a restore inflates, counted in bytes actually read: a zip that claims little and
/// inflates to more (a zip bomb) is refused when it passes this, never held in memory.
/// A zip of photos inflates to hardly more than its own size, so a larger backup may inflate
/// to four times its size on disk (see [`restore`]); a zip bomb inflates hundreds of times.
pub const MAX_RESTORE_BYTES: u64 = 256 * 1024 * 1024;
/// Where the journal waits while a restore replaces it; a leftover one is reported on open.
pub(crate) const BEFORE_RESTORE_PREFIX: &str = ".tend-before-restore-";
/// Where a restore unpacks the backup before it is swapped in (swept at the next open if a
/// kill left one behind).
pub(crate) const RESTORE_STAGING_PREFIX: &str = ".tend-restore-";

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct RestoreDone {
    pub restored_files: usize,
    /// The backup of the journal as it was just before: restoring it undoes the restore.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub safety_backup: PathBuf,
}

/// Replaces the journal at `root` with the backup `zip`, first backing up the journal as it is.
///
/// Refused with [`Error::Locked`] while an app holds the journal: an app must drop its
/// [`crate::Store`] before calling this, and open the journal again after.
pub fn restore(root: &Path, zip: &Path, clock: &dyn Clock) -> Result<RestoreDone> {
    fsio::create_dir_durable(root)?;
    // A command's brief hold (or a forked child's copy of it, until its exec) is waited out;
    // the app, which holds the journal for its whole session, is refused at once.
    let _instance = FileLock::waiting(&instance_lock(root), root, fsio::LOCK_WAIT)?;
    // Removed with everything in it if any step before the swap fails.
    let staging = tempfile::Builder::new()
        .prefix(RESTORE_STAGING_PREFIX)
        .tempdir_in(root)
        .at(root)?;
    // A journal with photos is far larger than its words: its backup may inflate to four
    // times its size on disk, which a zip bomb's never stays within.
    let on_disk = fs::metadata(zip).map(|m| m.len()).unwrap_or(0);
    let limit = MAX_RESTORE_BYTES.max(on_disk.saturating_mul(4));
    let restored_files = unpack(zip, staging.path(), limit)?;
    // The rotation that follows an automatic backup is left to the next one: the zip being
    // restored may be the oldest backup, which it would remove.
    let _turn = write_turn(root)?;
    let safety = write_automatic(root, clock.now())?;
    if !safety.skipped.is_empty() {
        // The journal would be replaced by a backup, and these would be in no backup at all.
        let named: Vec<String> = (safety.skipped.iter())
            .map(|p| format!("\n  {}: {}", p.path, p.reason))
            .collect();
        return Err(Error::invalid(format!(
            "{} was not restored: the journal as it is could not be backed up whole first, and \
             a restore would lose what is missing from that backup:{}\nNothing was changed. \
             Make these readable (or move them out of the journal's folder), then restore again. \
             The backup of the rest is {}.",
            zip.display(),
            named.concat(),
            safety.path.display()
        )));
    }
    let staged = replaced_items(staging.path())?;
    swap_in(root, staging.path(), &staged, zip, &safety.path)?;
    Ok(RestoreDone {
        restored_files,
        safety_backup: safety.path,
    })
}

/// Checks the zip and unpacks its files into `into`; how many files.
fn unpack(zip: &Path, into: &Path, limit: u64) -> Result<usize> {
    let refuse = |why: String| {
        Error::invalid(format!(
            "{} cannot be restored: {why}. Nothing was changed.",
            zip.display()
        ))
    };
    let file = File::open(zip).at(zip)?;
    let mut archive = ZipArchive::new(BufReader::new(file))
        .map_err(|e| refuse(format!("it is not a zip file Tend can read ({e})")))?;

    // Names and claimed sizes first, without inflating anything: an honest zip that is too
    // large is refused at once. The claims are not trusted beyond that (see below).
    let mut wanted = Vec::new();
    let mut claimed: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|e| refuse(format!("entry {index} cannot be read ({e})")))?;
        let name = entry.name().to_string();
        let Some(parts) =
            target(&name).map_err(|why| refuse(format!("it holds {name:?}, {why}")))?
        else {
            continue;
        };
        claimed = claimed.saturating_add(entry.size());
        wanted.push((index, name, parts, entry.is_dir()));
    }
    let too_large = || {
        refuse(format!(
            "it is too large: it would inflate to more than {} MB, more than a journal holds",
            limit / (1024 * 1024)
        ))
    };
    if claimed > limit {
        return Err(too_large());
    }
    if !wanted.iter().any(|(_, _, _, is_dir)| !is_dir) {
        return Err(refuse("it holds no files".into()));
    }

    let mut left = limit;
    let mut files = 0;
    // A file's name is durable once its folder is synced; each folder once, at the end.
    let mut folders = BTreeSet::new();
    for (index, name, parts, is_dir) in wanted {
        let path = parts
            .iter()
            .fold(into.to_path_buf(), |p, part| p.join(part));
        if is_dir {
            fsio::create_dir_durable(&path)?;
            continue;
        }
        if let Some(parent) = path.parent() {
            fsio::create_dir_durable(parent)?;
            folders.insert(parent.to_path_buf());
        }
        let mut out = match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(out) => out,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                return Err(refuse(format!("it holds {name:?} twice")))
            }
            Err(e) => return Err(Error::io(&path, e)),
        };
        let entry = archive
            .by_index(index)
            .map_err(|e| refuse(format!("{name} in it cannot be read ({e})")))?;
        // Counting what is really inflated: one byte past the limit is enough to know.
        let mut bounded = entry.take(left + 1);
        let written = copy(&mut bounded, zip, &mut out, &path).map_err(|e| match e {
            Error::Io { path: p, source } if p == zip => {
                refuse(format!("{name} in it is damaged ({source})"))
            }
            other => other,
        })?;
        if written > left {
            return Err(too_large());
        }
        left -= written;
        out.sync_all().at(&path)?;
        drop(out);
        if name.ends_with(".json") {
            let reader = BufReader::new(File::open(&path).at(&path)?);
            serde_json::from_reader::<_, serde::de::IgnoredAny>(reader)
                .map_err(|e| refuse(format!("{name} in it is not valid JSON ({e})")))?;
        }
        files += 1;
    }
    for folder in &folders {
        fsio::sync_dir(folder)?;
    }
    Ok(files)
}

/// Where an entry of the zip goes, as folder names under the data folder: `Ok(None)` for a
/// hidden name (a lock or temp file, never writing), an error for any name that could land
/// outside the journal or inside `backups/`.
fn target(name: &str) -> std::result::Result<Option<Vec<String>>, &'static str> {
    let trimmed = name.strip_suffix('/').unwrap_or(name);
    if trimmed.starts_with('/') {
        return Err("an absolute path");
    }
    let parts: Vec<&str> = trimmed.split('/').collect();
    for part in &parts {
        if part.is_empty() || *part == "." || *part == ".." {
            return Err("a path that leads out of the journal's folder");
        }
        // A backslash or a drive colon is a path separator or a root on some systems.
        if part.contains(['\\', ':', '\0']) {
            return Err("a path that is not a plain path inside the journal");
        }
    }
    if parts[0] == BACKUPS {
        return Err("inside backups/, which a restore never touches");
    }
    // Hidden files, and the journal's id: the folder keeps its own (a backup made before the
    // id existed has none, and this computer's backups and caches are filed under it).
    if parts.iter().any(|part| part.starts_with('.')) || parts == [JOURNAL_ID] {
        return Ok(None);
    }
    Ok(Some(parts.into_iter().map(String::from).collect()))
}

/// The names at the top of `dir` that a restore replaces: all but `backups/`, the journal's id
/// and hidden ones (locks, temp files, the restore's own folders).
fn replaced_items(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for item in fs::read_dir(dir).at(dir)? {
        let item = item.at(dir)?;
        let name = item.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') && name != BACKUPS && name != JOURNAL_ID {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// Moves the journal's items aside and the staged ones into place. On failure everything is
/// moved back; if even that fails, the error says where the old journal is.
fn swap_in(
    root: &Path,
    staging: &Path,
    staged: &[String],
    zip: &Path,
    safety: &Path,
) -> Result<()> {
    let current = replaced_items(root)?;
    let aside = tempfile::Builder::new()
        .prefix(BEFORE_RESTORE_PREFIX)
        .tempdir_in(root)
        .at(root)?
        // Kept whatever happens: it holds the user's journal until the new one is in place.
        .keep();
    let failed = |what: String| Error::RestoreFailed {
        zip: zip.to_path_buf(),
        what,
    };

    let mut moved_aside = Vec::new();
    for name in &current {
        if let Err(e) = fs::rename(root.join(name), aside.join(name)) {
            let back = move_all(&moved_aside, &aside, root);
            return Err(failed(undone(name, e, back, &aside, safety)));
        }
        moved_aside.push(name.clone());
    }
    // The journal's items are durably in the aside folder before anything takes their place.
    if let Err(e) = fsio::sync_dir(&aside).and_then(|()| fsio::sync_dir(root)) {
        let back = move_all(&moved_aside, &aside, root);
        return Err(failed(undone("the journal", e, back, &aside, safety)));
    }
    let mut moved_in = Vec::new();
    let mut moved = Ok(());
    for name in staged {
        if let Err(e) = fs::rename(staging.join(name), root.join(name)) {
            moved = Err((name.as_str(), e.to_string()));
            break;
        }
        moved_in.push(name.clone());
    }
    let moved = moved
        .and_then(|()| fsio::sync_dir(root).map_err(|e| ("the restored journal", e.to_string())));
    if let Err((name, e)) = moved {
        let back =
            move_all(&moved_in, root, staging).and_then(|()| move_all(&moved_aside, &aside, root));
        return Err(failed(undone(name, e, back, &aside, safety)));
    }
    // The restored journal is in place and durable; the old one is also in the safety backup,
    // so a folder that cannot be removed costs only space, and is reported on the next open.
    if fs::remove_dir_all(&aside).is_ok() {
        let _ = fsio::sync_dir(root);
    }
    Ok(())
}

/// Renames each of `names` from `from` to `to`, stopping at the first failure.
fn move_all(names: &[String], from: &Path, to: &Path) -> io::Result<()> {
    for name in names {
        fs::rename(from.join(name), to.join(name))?;
    }
    Ok(())
}

/// Says what failed, and whether the journal was put back as it was.
fn undone(
    name: &str,
    error: impl std::fmt::Display,
    back: io::Result<()>,
    aside: &Path,
    safety: &Path,
) -> String {
    match back {
        Ok(()) => {
            let _ = fs::remove_dir(aside); // empty once everything is back
            format!(
                "moving {name} failed ({error}). The journal was put back as it was; \
                 nothing was lost."
            )
        }
        Err(e) => format!(
            "moving {name} failed ({error}), and putting the journal back failed too \
             ({e}). Your journal as it was is kept in {} and in the backup {}.",
            aside.display(),
            safety.display()
        ),
    }
}

#[cfg(test)]
mod tests;
