//! Durable file primitives: atomic writes, optional reads, and the data-directory locks.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::{Error, IoContext, Result};

/// Replaces `path` with `bytes` so that a crash at any instant leaves either the old or the new
/// file, never a torn one: temp file in the same folder, write, fsync, rename, fsync the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let (dir, temp) = temp_beside(path, bytes)?;
    temp.as_file().sync_all().at(path)?;
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    sync_dir(dir)
}

/// `bytes` in a new temporary file in `path`'s folder (made if missing), not yet synced, and
/// that folder. A dot-prefixed temp name: the loader skips it if a crash leaves it behind.
fn temp_beside<'a>(path: &'a Path, bytes: &[u8]) -> Result<(&'a Path, tempfile::NamedTempFile)> {
    let dir = parent_or_here(path)
        .ok_or_else(|| Error::invalid(format!("{} has no parent folder", path.display())))?;
    create_dir_durable(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".tend-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .at(dir)?;
    temp.write_all(bytes).at(path)?;
    Ok((dir, temp))
}

/// Many files written together, at disk speed: each goes to a temporary file beside its
/// place, then one `syncfs` makes them all durable at once, then each is renamed into place,
/// then each folder is synced once. Until [`Batch::commit`] nothing is in place (dropped, the
/// batch leaves nothing); a crash during the renames leaves each file whole, old or new.
#[derive(Default)]
pub struct Batch {
    staged: Vec<(tempfile::TempPath, std::path::PathBuf)>,
}

impl Batch {
    /// Writes `bytes` for `path`, not yet in place.
    pub fn stage(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        let (_, temp) = temp_beside(path, bytes)?;
        self.staged
            .push((temp.into_temp_path(), path.to_path_buf()));
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.staged.is_empty()
    }

    /// Makes every staged file durable and puts it in place. `root` is any folder on the same
    /// file system (the data folder): its file system is synced once.
    pub fn commit(self, root: &Path) -> Result<Vec<std::path::PathBuf>> {
        if self.staged.is_empty() {
            return Ok(Vec::new());
        }
        let folder = File::open(root).at(root)?;
        if rustix::fs::syncfs(&folder).is_err() {
            // No syncfs here: each file, one by one.
            for (temp, path) in &self.staged {
                File::open(temp).and_then(|f| f.sync_all()).at(path)?;
            }
        }
        let mut dirs = std::collections::BTreeSet::new();
        let mut placed = Vec::with_capacity(self.staged.len());
        for (temp, path) in self.staged {
            temp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
            if let Some(dir) = parent_or_here(&path) {
                dirs.insert(dir.to_path_buf());
            }
            placed.push(path);
        }
        for dir in dirs {
            sync_dir(&dir)?;
        }
        Ok(placed)
    }
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
    File::open(dir).and_then(|d| d.sync_all()).at(dir)
}

/// An OS advisory lock on a file in the data directory, released when dropped (or when the
/// process dies, so a crash never leaves the journal locked). The holder writes who it is into
/// the file, so that whoever waits can be told ("the Tend app", "the command `tend import`").
#[derive(Debug)]
pub struct FileLock {
    _file: File,
}

/// How long a writer waits for its turn before it says who holds the journal.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

impl FileLock {
    fn open(path: &Path) -> Result<File> {
        OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(path)
            .map_err(|e| match e.kind() {
                // The folder cannot be written: the journal can still be read.
                io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied => {
                    Error::ReadOnly {
                        path: path.parent().unwrap_or(path).to_path_buf(),
                    }
                }
                _ => Error::io(path, e),
            })
    }

    /// Whether the lock file can be opened for writing: [`Error::ReadOnly`] when the folder
    /// cannot be written. Takes no lock.
    pub fn probe(path: &Path) -> Result<()> {
        Self::open(path).map(drop)
    }

    /// Takes the lock or fails at once with [`Error::Locked`], naming who holds it.
    pub fn try_exclusive(path: &Path, locked_dir: &Path) -> Result<FileLock> {
        Self::waiting(path, locked_dir, Duration::ZERO)
    }

    /// Waits for the lock, up to [`LOCK_WAIT`]: writers take turns; a turn that never comes
    /// ends in [`Error::Locked`], naming who holds it.
    pub fn exclusive(path: &Path) -> Result<FileLock> {
        Self::waiting(path, path.parent().unwrap_or(path), LOCK_WAIT)
    }

    /// Waits for the lock up to `wait`.
    pub fn waiting(path: &Path, locked_dir: &Path, wait: Duration) -> Result<FileLock> {
        let mut file = Self::open(path)?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(fs::TryLockError::WouldBlock) => {
                    let holder = read_holder(&mut file);
                    // The app holds a journal for its whole session: no use waiting for it.
                    if start.elapsed() >= wait || holder == APP {
                        return Err(Error::Locked {
                            path: locked_dir.to_path_buf(),
                            holder,
                        });
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(fs::TryLockError::Error(e)) => return Err(Error::io(path, e)),
            }
        }
        // Who holds it, for whoever waits; a lock file that cannot be written to is no reason
        // to refuse the turn.
        let _ = file
            .set_len(0)
            .and_then(|()| file.write_all(holder_name().as_bytes()));
        Ok(FileLock { _file: file })
    }
}

const APP: &str = "the Tend app";

fn read_holder(file: &mut File) -> String {
    let mut holder = String::new();
    let _ = file.seek(io::SeekFrom::Start(0));
    let _ = file.read_to_string(&mut holder);
    let holder = holder.trim();
    if holder.is_empty() {
        "another Tend".into()
    } else {
        holder.chars().take(100).collect()
    }
}

/// This process, as a person would name it: "the Tend app", "the command `tend write`".
fn holder_name() -> String {
    let mut args = std::env::args();
    let program = args
        .next()
        .map(|p| {
            Path::new(&p)
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_default();
    match program.as_str() {
        "tend-app" => APP.into(),
        "tend" => match command_of(args) {
            Some(command) => format!("the command `tend {command}`"),
            None => "the command `tend`".into(),
        },
        _ => format!(
            "another program using Tend ({program}, process {})",
            std::process::id()
        ),
    }
}

/// The command line's global options that take a value (`tend --data-dir /tmp/j import`):
/// their value is not the command.
const OPTIONS_WITH_A_VALUE: [&str; 2] = ["--data-dir", "--passphrase-fd"];

/// The subcommand in `tend`'s arguments: the first that is neither an option nor an option's
/// value.
fn command_of(mut args: impl Iterator<Item = String>) -> Option<String> {
    while let Some(arg) = args.next() {
        if OPTIONS_WITH_A_VALUE.contains(&arg.as_str()) {
            args.next();
        } else if !arg.starts_with('-') {
            return Some(arg);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_holder_is_named_by_its_command_not_its_data_dir() {
        let command = |args: &[&str]| command_of(args.iter().map(|a| a.to_string()));
        for args in [
            &["--data-dir", "/tmp/j", "import", "x.zip"][..],
            &["--data-dir=/tmp/j", "import"],
            &["--passphrase-fd", "3", "--data-dir", "/tmp/j", "import"],
            &["import", "--format", "dayone", "x.zip"],
        ] {
            assert_eq!(
                command(args).as_deref(),
                Some("import"),
                "the command of `tend {}` is import, not an option's value",
                args.join(" ")
            );
        }
    }

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
