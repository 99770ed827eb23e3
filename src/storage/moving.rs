//! Moving the journal to another folder (issue 25): into a folder a sync tool shares, say. Every
//! file is copied, made durable and read back against the original before anything switches;
//! then this computer remembers the new folder (for the app and every command), and the old
//! folder is kept, whole, until she removes it herself. Its id goes with it, so this computer's
//! caches and backups for the journal follow without a copy.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::error::{Error, IoContext, Result};
use crate::fsio::{self, FileLock};
use crate::paths;

mod backups;
pub use backups::{keep_backups_in, BackupsMoved};

/// What moving the journal did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Moved {
    /// The folder it was in, kept as it was.
    pub from: String,
    /// The folder it is in now.
    pub to: String,
    pub files: u32,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
}

/// Copies the journal at `from` into `to` (a new folder, or an empty one: a sync tool's own
/// hidden files, such as Syncthing's `.stfolder`, may be there), checks every file, and makes
/// `to` the journal this computer opens. Nothing else may hold the journal meanwhile.
pub fn move_journal(from: &Path, to: &Path) -> Result<Moved> {
    let from = fs::canonicalize(from).at(from)?;
    let to = absolute(to)?;
    if to.starts_with(&from) || from.starts_with(&to) {
        return Err(Error::invalid(format!(
            "{} and {} are one inside the other; choose a folder outside the journal",
            to.display(),
            from.display()
        )));
    }
    check_empty(&to)?;
    // A command's brief hold is waited out; the app's is refused at once.
    let _instance = FileLock::waiting(&paths::instance_lock(&from), &from, fsio::LOCK_WAIT)?;
    let _turn = paths::write_turn(&from)?;
    let mut files = journal_files(&from)?;
    // The sync tool's own list of what to ignore, already there, is the folder's: kept.
    if to.join(paths::STIGNORE).exists() {
        files.retain(|f| f != Path::new(paths::STIGNORE));
    }
    let mut made = Vec::new();
    let copied = copy_all(&from, &to, &files, &mut made).and_then(|bytes| {
        sync_folders(&to, &made)?;
        verify(&from, &to, &files)?;
        Ok(bytes)
    });
    let bytes = match copied {
        Ok(bytes) => bytes,
        Err(e) => {
            // Only what this move wrote is taken back; the journal is where it was.
            for path in made.iter().rev() {
                let _ = fs::remove_file(path).or_else(|_| fs::remove_dir(path));
            }
            return Err(e);
        }
    };
    paths::remember_journal(&to)?;
    Ok(Moved {
        from: from.display().to_string(),
        to: to.display().to_string(),
        files: u32::try_from(files.len()).unwrap_or(u32::MAX),
        bytes,
    })
}

/// Makes the journal already in `dir` (another computer's, brought by a sync tool) the one this
/// computer opens, without copying anything; the journal's folder itself when `dir` is one of
/// its own folders (`entries/`, chosen by a click too far in a folder dialog). Refused unless
/// there is a Tend journal there. Returns its folder.
pub fn use_journal(dir: &Path) -> Result<PathBuf> {
    let chosen = fs::canonicalize(dir).at(dir)?;
    // Its id is written at its first open: a folder without one is no journal, or one still
    // arriving (opened now, it would get an id of its own, and the two computers would argue).
    let holds_journal = |dir: &Path| dir.join(paths::JOURNAL_ID).is_file();
    let own_folder = |dir: &Path| {
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
        let tends = [
            paths::ENTRIES,
            paths::WORKSHEETS,
            paths::VISIONS,
            "attachments",
            "trash",
        ];
        name.is_some_and(|n| tends.contains(&n.as_str()))
    };
    let found = if holds_journal(&chosen) {
        Some(chosen.clone())
    } else {
        (chosen.parent())
            .filter(|_| own_folder(&chosen))
            .filter(|parent| holds_journal(parent))
            .map(Path::to_path_buf)
    };
    let Some(dir) = found else {
        return Err(Error::invalid(format!(
            "{} holds no Tend journal (or not yet all of one: wait until the sync tool has \
             brought its journal-id); to move yours there, use move-journal",
            chosen.display()
        )));
    };
    paths::remember_journal(&dir)?;
    Ok(dir)
}

fn absolute(path: &Path) -> Result<PathBuf> {
    if path.is_absolute() {
        return Ok(path.to_path_buf());
    }
    let here = std::env::current_dir().at(path)?;
    Ok(here.join(path))
}

/// `to` may not exist yet, or hold only hidden names (a sync tool's); never a journal, nor
/// anything of hers.
fn check_empty(to: &Path) -> Result<()> {
    let read = match fs::read_dir(to) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(to, e)),
    };
    for item in read {
        let name = item.at(to)?.file_name().to_string_lossy().into_owned();
        if name == paths::JOURNAL_ID {
            return Err(Error::invalid(format!(
                "{} holds a Tend journal already; open it with --data-dir, or choose an \
                 empty folder",
                to.display()
            )));
        }
        if !name.starts_with('.') {
            return Err(Error::invalid(format!(
                "{} is not empty (it holds {name}); choose an empty folder, or a new one",
                to.display()
            )));
        }
    }
    Ok(())
}

/// Every file of the journal, relative to its folder: all but a save's temporary files, an
/// older Tend's `backups/`, and links (Tend never follows a link inside the journal; the move says so rather than copy
/// what it points to).
fn journal_files(root: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut todo = vec![PathBuf::new()];
    while let Some(relative) = todo.pop() {
        let folder = root.join(&relative);
        for item in fs::read_dir(&folder).at(&folder)? {
            let item = item.at(&folder)?;
            let name = item.file_name();
            let path = relative.join(&name);
            let kind = item.file_type().at(item.path())?;
            if kind.is_symlink() {
                return Err(Error::invalid(format!(
                    "{} is a link; Tend does not follow links in the journal, so it cannot \
                     move one. Move what it points to into the journal, or remove it, first",
                    item.path().display()
                )));
            }
            // An older Tend's backups (moved out of the folder at its next open) stay behind.
            if kind.is_dir() && path == Path::new(paths::BACKUPS) {
                continue;
            }
            if kind.is_dir() {
                todo.push(path);
            } else if !crate::document::is_leftover(&name.to_string_lossy()) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Copies each file, durably; `made` gathers every file and folder created, in order.
fn copy_all(from: &Path, to: &Path, files: &[PathBuf], made: &mut Vec<PathBuf>) -> Result<u64> {
    let mut bytes = 0;
    for relative in files {
        let target = to.join(relative);
        if let Some(parent) = target.parent() {
            let mut missing: Vec<&Path> = parent.ancestors().take_while(|a| !a.exists()).collect();
            missing.reverse();
            use std::os::unix::fs::DirBuilderExt;
            (fs::DirBuilder::new().recursive(true).mode(0o700))
                .create(parent)
                .at(parent)?;
            made.extend(missing.into_iter().map(Path::to_path_buf));
        }
        let source = from.join(relative);
        // For her eyes only, as Tend writes every file (a copy would take the umask's 0644,
        // and a sync tool carries the mode to the other computer).
        use std::os::unix::fs::OpenOptionsExt;
        let mut out = fs::File::options()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&target)
            .at(&target)?;
        made.push(target.clone());
        bytes += std::io::copy(&mut fs::File::open(&source).at(&source)?, &mut out).at(&target)?;
        out.sync_all().at(&target)?;
    }
    Ok(bytes)
}

/// Makes the new names durable: each folder that got one, and the folder above `to`.
fn sync_folders(to: &Path, made: &[PathBuf]) -> Result<()> {
    let mut folders: Vec<&Path> = made.iter().filter_map(|p| p.parent()).collect();
    folders.sort();
    folders.dedup();
    for folder in folders {
        fsio::sync_dir(folder)?;
    }
    match to.parent() {
        Some(parent) => fsio::sync_dir(parent),
        None => Ok(()),
    }
}

/// Reads every copy back against its original, byte for byte.
fn verify(from: &Path, to: &Path, files: &[PathBuf]) -> Result<()> {
    for relative in files {
        let (a, b) = (from.join(relative), to.join(relative));
        if !same_bytes(&a, &b)? {
            return Err(Error::Unreadable {
                path: b,
                reason: "its copy differs from the journal's file; nothing was moved".into(),
            });
        }
    }
    Ok(())
}

fn same_bytes(a: &Path, b: &Path) -> Result<bool> {
    let (mut fa, mut fb) = (fs::File::open(a).at(a)?, fs::File::open(b).at(b)?);
    let (mut ba, mut bb) = (vec![0; 64 * 1024], vec![0; 64 * 1024]);
    loop {
        let na = read_full(&mut fa, &mut ba).at(a)?;
        let nb = read_full(&mut fb, &mut bb).at(b)?;
        if na != nb || ba[..na] != bb[..nb] {
            return Ok(false);
        }
        if na == 0 {
            return Ok(true);
        }
    }
}

/// Fills `buf` as far as the file allows: the number read, less than its length only at the end.
fn read_full(file: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}
