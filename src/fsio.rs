//! Durable file primitives: atomic writes, optional reads, and the data-directory locks.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Replaces `path` with `bytes` so that a crash at any instant leaves either the old or the new
/// file, never a torn one: temp file in the same folder, write, fsync, rename, fsync the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent_or_here(path)
        .ok_or_else(|| Error::invalid(format!("{} has no parent folder", path.display())))?;
    create_dir_durable(dir)?;
    // A dot-prefixed temp name: the loader skips it if a crash leaves it behind.
    let mut temp = tempfile::Builder::new()
        .prefix(".tend-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    temp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    sync_dir(dir)
}

/// Reads a file that may not exist yet: a missing file is `Ok(None)`.
pub fn read_optional(path: &Path) -> Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Creates `dir` and any missing parents, fsyncing each new folder's parent so the new
/// entries survive a crash too.
pub fn create_dir_durable(dir: &Path) -> Result<()> {
    // "" is the working directory: the parent of a bare name such as `out.html`.
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        create_dir_durable(parent)?;
    }
    match fs::create_dir(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    }
    match parent_or_here(dir) {
        Some(parent) => sync_dir(parent),
        None => Ok(()),
    }
}

/// The folder `path` is in: for a bare name such as `out.html`, the working directory (".").
/// `None` only for a root, which is in no folder.
pub fn parent_or_here(path: &Path) -> Option<&Path> {
    match path.parent() {
        Some(parent) if parent.as_os_str().is_empty() => Some(Path::new(".")),
        other => other,
    }
}

/// Makes a folder's new, renamed or removed names durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(dir, e))
}

/// An OS advisory lock on a file in the data directory, released when dropped (or when the
/// process dies, so a crash never leaves the journal locked).
#[derive(Debug)]
pub struct FileLock {
    _file: File,
}

impl FileLock {
    fn open(path: &Path) -> Result<File> {
        OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(|e| Error::io(path, e))
    }

    /// Takes the lock or fails at once with [`Error::Locked`].
    pub fn try_exclusive(path: &Path, locked_dir: &Path) -> Result<FileLock> {
        let file = Self::open(path)?;
        match file.try_lock() {
            Ok(()) => Ok(FileLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => Err(Error::Locked {
                path: locked_dir.to_path_buf(),
            }),
            Err(fs::TryLockError::Error(e)) => Err(Error::io(path, e)),
        }
    }

    /// Waits for the lock: writers take turns instead of failing.
    pub fn exclusive(path: &Path) -> Result<FileLock> {
        let file = Self::open(path)?;
        file.lock().map_err(|e| Error::io(path, e))?;
        Ok(FileLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/doc.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(
            fs::read(&path).unwrap(),
            b"two",
            "second write replaces the first"
        );
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["doc.json"], "no temp file may be left behind");
    }

    #[test]
    fn a_bare_file_name_is_in_the_working_directory() {
        assert_eq!(parent_or_here(Path::new("out.html")), Some(Path::new(".")));
        assert_eq!(
            parent_or_here(Path::new("a/out.html")),
            Some(Path::new("a"))
        );
        create_dir_durable(Path::new("")).expect("the working directory exists already");
    }

    #[test]
    fn a_missing_file_reads_as_none() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_optional(&dir.path().join("nope.json")).unwrap(), None);
    }

    #[test]
    fn a_second_exclusive_holder_is_refused_until_the_first_drops() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join(".lock");
        let first = FileLock::try_exclusive(&lock, dir.path()).unwrap();
        let second = FileLock::try_exclusive(&lock, dir.path());
        assert!(
            matches!(second, Err(Error::Locked { .. })),
            "a second holder must be refused while the first holds the lock"
        );
        drop(first);
        FileLock::try_exclusive(&lock, dir.path()).expect("free again once released");
    }
}
