//! Backups of the whole data folder, and restoring one.
//!
//! A backup is one zip of every file the journal keeps, paths relative to the data folder and
//! `/`-separated, so any unzip tool can open it. The automatic ones live in `backups/` under
//! names such as `tend-2026-11-23-211500.zip` (the store's local time). Only files with exactly
//! that name are ever removed, and only once a newer backup has been written and read back.
//!
//! Every function here that writes expects its caller to hold the journal's write lock, so that
//! the journal cannot change while it is copied.

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, TimeDelta, Timelike};
use serde::Serialize;
#[cfg(feature = "ts")]
use ts_rs::TS;
use zip::result::ZipError;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::document::Problem;
use crate::error::{Error, IoContext, Result};
use crate::fsio;

mod convert;
mod first_error;
mod restore;

pub(crate) use convert::{all_zips, convert};

pub use restore::{restore, RestoreDone, MAX_RESTORE_BYTES};
pub(crate) use restore::{BEFORE_RESTORE_PREFIX, RESTORE_STAGING_PREFIX};

/// The folder of automatic backups, inside the data folder. Never itself backed up or restored.
pub use crate::paths::BACKUPS;
/// How many automatic backups are kept when the settings do not say.
pub const DEFAULT_KEPT: u32 = crate::settings::DEFAULT_BACKUPS_KEPT;
/// The name of an automatic backup: its time, so names sort oldest first.
const NAME_FORMAT: &str = "tend-%Y-%m-%d-%H%M%S.zip";

/// A backup just written and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Backup {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    /// How many files of the journal it holds.
    pub files: usize,
    /// The size of the zip on disk.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created: DateTime<FixedOffset>,
    /// The files (or folders) of the journal that could not be read, so are not in it, each
    /// with the reason. Everything else is.
    pub skipped: Vec<Problem>,
}

/// An automatic backup in `backups/`, as the app lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    /// When it was made, in the local time its name gives.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created: NaiveDateTime,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size: u64,
}

/// The automatic backups of the journal at `root` (in this computer's folder for them, see
/// [`crate::paths::backups_dir`]), newest first. Other files there are not listed.
pub fn automatic(root: &Path) -> Result<Vec<BackupInfo>> {
    let dir = crate::paths::backups_dir(root);
    let read = match fs::read_dir(&dir) {
        Ok(read) => read,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut found = Vec::new();
    for item in read {
        let item = item.at(&dir)?;
        let Some(created) = item.file_name().to_str().and_then(automatic_time) else {
            continue;
        };
        let path = item.path();
        let meta = item.metadata().at(&path)?;
        if meta.is_file() {
            found.push(BackupInfo {
                path,
                created,
                size: meta.len(),
            });
        }
    }
    found.sort_by_key(|b| std::cmp::Reverse(b.created));
    Ok(found)
}

/// The time in an automatic backup's name, or `None` for any other name (which is then never
/// touched). The name must be exactly what [`NAME_FORMAT`] writes, not merely parse.
pub(crate) fn automatic_time(name: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(name, NAME_FORMAT)
        .ok()
        .filter(|time| time.format(NAME_FORMAT).to_string() == name)
}

/// Writes a new automatic backup of the journal at `root`. Two in the same second get names a second
/// apart, so that one never replaces the other (a restore's safety backup could otherwise
/// replace the very backup being restored).
pub(crate) fn write_automatic(root: &Path, created: DateTime<FixedOffset>) -> Result<Backup> {
    crate::paths::backups_reachable()?;
    let dir = crate::paths::backups_dir(root);
    let mut time = created.naive_local();
    let mut dest = dir.join(time.format(NAME_FORMAT).to_string());
    while dest.exists() {
        time += TimeDelta::seconds(1);
        dest = dir.join(time.format(NAME_FORMAT).to_string());
    }
    write(root, &dest, created)
}

/// Removes the oldest automatic backups beyond `keep` (at least one is always kept).
pub(crate) fn rotate(root: &Path, keep: u32) -> Result<()> {
    let keep = usize::try_from(keep.max(1)).unwrap_or(usize::MAX);
    let old = automatic(root)?;
    for info in old.iter().skip(keep) {
        fs::remove_file(&info.path).at(&info.path)?;
    }
    Ok(())
}

/// Writes a zip of the journal at `root` to `dest`: to a hidden temp file beside it, read back
/// and compared with the journal's files, and only then renamed into place. A backup that does
/// not match is removed and never takes the name. A file or folder that cannot be read is left
/// out and named in [`Backup::skipped`]; everything else is saved.
pub(crate) fn write(root: &Path, dest: &Path, created: DateTime<FixedOffset>) -> Result<Backup> {
    let (mut files, mut skipped) = journal_files(root)?;
    let dir = fsio::parent_or_here(dest)
        .ok_or_else(|| Error::invalid(format!("{} has no parent folder", dest.display())))?;
    fsio::create_dir_durable(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".tend-backup-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .at(dir)?;
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip_time(created));
    {
        // Should writing fail (a full disk), the zip, dropped unfinished, finishes itself into
        // a writer that has stopped, and prints nothing: see `first_error`.
        let mut zip = ZipWriter::new(BufWriter::new(first_error::FirstError::new(
            temp.as_file_mut(),
        )));
        let mut saved = Vec::with_capacity(files.len());
        for (name, path) in files {
            let opened = File::open(&path).and_then(|f| Ok((f.metadata()?.len(), f)));
            let (len, mut source) = match opened {
                Ok(opened) => opened,
                Err(e) => {
                    skipped.push(left_out(&path, &e));
                    continue;
                }
            };
            zip.start_file(&*name, options.large_file(len >= u64::from(u32::MAX)))
                .map_err(|e| zip_error(dest, e))?;
            match copy(&mut source, &path, &mut zip, dest) {
                Ok(_) => saved.push((name, path)),
                // The file failed part way: what of it was copied is taken out again.
                Err(Error::Io {
                    path: failed,
                    source,
                }) if failed == path => {
                    zip.abort_file().map_err(|e| zip_error(dest, e))?;
                    skipped.push(left_out(&path, &source));
                }
                Err(e) => return Err(e),
            }
        }
        files = saved;
        let buffered = zip.finish().map_err(|e| zip_error(dest, e))?;
        buffered
            .into_inner()
            .map_err(|e| Error::io(dest, e.into_error()))?;
    }
    temp.as_file().sync_all().at(dest)?;
    verify(temp.path(), &files, dest)?;
    let bytes = temp.as_file().metadata().at(dest)?.len();
    temp.persist(dest).map_err(|e| Error::io(dest, e.error))?;
    fsio::sync_dir(dir)?;
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Backup {
        path: dest.to_path_buf(),
        files: files.len(),
        bytes,
        created,
        skipped,
    })
}

/// Why a file is not in the backup.
fn left_out(path: &Path, e: &io::Error) -> Problem {
    Problem::new(
        path,
        format!("it could not be read ({e}), so it is not in the backup"),
    )
}

/// Files to back up: (name inside the zip, path on disk).
type Files = Vec<(String, PathBuf)>;

/// Every file a backup holds, in name order; and what below the journal's folder could not be
/// looked into (a folder, a name), each a problem.
fn journal_files(root: &Path) -> Result<(Files, Vec<Problem>)> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    // The journal's own folder unreadable is no backup at all.
    let top = fs::read_dir(root).at(root)?;
    collect(root, root, top, &mut files, &mut skipped);
    files.sort();
    Ok((files, skipped))
}

fn collect(
    root: &Path,
    dir: &Path,
    read: fs::ReadDir,
    out: &mut Files,
    skipped: &mut Vec<Problem>,
) {
    for item in read {
        let item = match item {
            Ok(item) => item,
            Err(e) => {
                // Which of the folder's files are lost is not known: the folder is named.
                skipped.push(Problem::new(dir, folder_left_out(&e)));
                break;
            }
        };
        let name = item.file_name();
        // Dot-names are locks, temp files and restore folders: never the user's writing.
        if name.to_string_lossy().starts_with('.') || (dir == root && name == BACKUPS) {
            continue;
        }
        let path = item.path();
        let kind = match item.file_type() {
            Ok(kind) => kind,
            Err(e) => {
                skipped.push(left_out(&path, &e));
                continue;
            }
        };
        if kind.is_dir() {
            match fs::read_dir(&path) {
                Ok(read) => collect(root, &path, read, out, skipped),
                Err(e) => skipped.push(Problem::new(&path, folder_left_out(&e))),
            }
        } else if kind.is_file() {
            match zip_name(root, &path) {
                Some(name) => out.push((name, path)),
                None => skipped.push(Problem::new(
                    &path,
                    "its name is not valid Unicode, so it is not in the backup; rename it and \
                     back up again",
                )),
            }
        }
        // Links and other special files: Tend never makes them, and they hold no writing.
    }
}

fn folder_left_out(e: &io::Error) -> String {
    format!("this folder could not be read ({e}), so nothing in it is in the backup")
}

fn zip_name(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    parts.map(|parts| parts.join("/"))
}

/// Reads the zip at `zip_path` back and compares every entry with the journal's file.
fn verify(zip_path: &Path, files: &[(String, PathBuf)], shown: &Path) -> Result<()> {
    let mismatch = |what: String| {
        Error::invalid(format!(
            "The backup {} was read back and {what}, so it was not kept. Nothing in the journal \
             changed. Try again; if it happens again, the disk may be failing.",
            shown.display()
        ))
    };
    let file = File::open(zip_path).at(shown)?;
    let mut archive = ZipArchive::new(file).map_err(|e| mismatch(format!("is not a zip ({e})")))?;
    if archive.len() != files.len() {
        return Err(mismatch(format!(
            "holds {} files instead of {}",
            archive.len(),
            files.len()
        )));
    }
    for (name, path) in files {
        let mut entry = archive
            .by_name(name)
            .map_err(|e| mismatch(format!("{name} could not be found in it ({e})")))?;
        let mut source = File::open(path).at(path)?;
        let same = same_bytes(&mut entry, &mut source)
            .map_err(|e| mismatch(format!("{name} could not be read from it ({e})")))?;
        if !same {
            return Err(mismatch(format!("{name} differs from the journal's copy")));
        }
    }
    Ok(())
}

/// Whether two streams hold the same bytes, compared a block at a time.
fn same_bytes(a: &mut impl Read, b: &mut impl Read) -> io::Result<bool> {
    let (mut left, mut right) = (vec![0; 64 * 1024], vec![0; 64 * 1024]);
    loop {
        let n = fill(a, &mut left)?;
        let m = fill(b, &mut right)?;
        if left[..n] != right[..m] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

/// Reads until `buf` is full or the stream ends; the count read.
fn fill(from: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match from.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Copies `from` into `to`, naming the right file when either side fails; the bytes copied.
fn copy(
    from: &mut impl Read,
    from_path: &Path,
    to: &mut impl Write,
    to_path: &Path,
) -> Result<u64> {
    let mut buf = vec![0; 64 * 1024];
    let mut total = 0;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(from_path, e)),
        };
        to.write_all(&buf[..n]).at(to_path)?;
        total += n as u64;
    }
}

fn zip_error(path: &Path, error: ZipError) -> Error {
    match error {
        ZipError::Io(e) => Error::io(path, e),
        other => Error::Unreadable {
            path: path.to_path_buf(),
            reason: other.to_string(),
        },
    }
}

/// The zip's own timestamp for each entry: when the backup was made (zip times have no zone).
fn zip_time(time: DateTime<FixedOffset>) -> zip::DateTime {
    let t = time.naive_local();
    let part = |n: u32| u8::try_from(n).unwrap_or(0);
    u16::try_from(t.year())
        .ok()
        .and_then(|year| {
            zip::DateTime::from_date_and_time(
                year,
                part(t.month()),
                part(t.day()),
                part(t.hour()),
                part(t.minute()),
                // Zip times count seconds in twos.
                part(t.second().min(58)),
            )
            .ok()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_automatic_name_counts_as_an_automatic_backup() {
        assert!(automatic_time("tend-2026-11-23-211500.zip").is_some());
        for other in [
            "tend-2026-11-23-211500.zip.bak",
            "my-tend-2026-11-23-211500.zip",
            "tend-2026-11-23-2115.zip",
            "tend-2026-11-23-211500 (copy).zip",
            "notes.zip",
        ] {
            assert!(
                automatic_time(other).is_none(),
                "{other} is not an automatic backup, so rotation must never remove it"
            );
        }
    }

    #[test]
    fn same_bytes_compares_whole_streams() {
        assert!(same_bytes(&mut &b"abc"[..], &mut &b"abc"[..]).unwrap());
        assert!(!same_bytes(&mut &b"abc"[..], &mut &b"abd"[..]).unwrap());
        assert!(
            !same_bytes(&mut &b"abc"[..], &mut &b"abcd"[..]).unwrap(),
            "a truncated copy is not the same"
        );
    }
}
