//! Finding and loading the documents of a folder: which files there are (and, for the index,
//! what `stat` says of each), reading one within bounds, and sorting what was loaded by id.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::resolve::resolve;
use super::{is_valid_id, parse, Document, Problem, MAX_DOCUMENT_BYTES};
use crate::crypt::Codec;
use crate::error::{Error, IoContext, Result};

/// What loading one folder of documents found.
pub struct Loaded<T> {
    pub docs: HashMap<String, Stored<T>>,
    /// Older copies of a document found twice (a move a crash cut short): for the trash.
    pub superseded: Vec<Stored<T>>,
    /// Temporary files a crash left behind (`.tend-*.tmp`), and the old form of a document
    /// found both plain and encrypted (a conversion a crash cut short).
    pub leftovers: Vec<PathBuf>,
    /// Second versions of a document (a copy, a sync tool's conflict copy): its id, and the
    /// file, which is left as it is for the person to choose (see [`super::Sorted::versions`]).
    pub versions: Vec<(String, PathBuf)>,
}

/// A loaded document and the file it came from (where its next save goes).
pub struct Stored<T> {
    pub path: PathBuf,
    pub doc: T,
    /// The file's stamp when it was read or written: a save over a file changed since (by a
    /// sync tool, by hand) keeps that file as a second version (see `store::write`).
    pub stamp: Option<Stamp>,
}

impl<T> Stored<T> {
    /// `doc`, just written at `path`.
    pub fn written(path: PathBuf, doc: T) -> Stored<T> {
        let stamp = Stamp::of(&path);
        Stored { path, doc, stamp }
    }
}

/// Loads every readable document below `dir`, by id, decrypting with `codec` what is
/// encrypted. What cannot be read (a file or a whole folder) is added to `problems` and left
/// on disk as it is; everything else loads. Of two files with one id, see [`resolve`].
pub fn load_all<T: Document>(dir: &Path, codec: &Codec, problems: &mut Vec<Problem>) -> Loaded<T> {
    let (files, mut leftovers) = collect(dir, false, problems);
    let mut found = Vec::with_capacity(files.len());
    for (path, _) in files {
        // Taken before the read: a change in between makes the stamp older than what was
        // read, and a save then keeps the file as a second version rather than write over it.
        let stamp = Stamp::of(&path);
        let doc = match read_one::<T>(&path, codec) {
            Ok(doc) => doc,
            Err(error) => {
                problems.push(Problem::from_error(&path, error));
                continue;
            }
        };
        if !is_valid_id(doc.id()) {
            let reason = format!("its id {:?} is not one Tend makes", doc.id());
            problems.push(Problem::new(&path, reason));
            continue;
        }
        found.push(Stored { path, doc, stamp });
    }
    let sorted = resolve(found, codec);
    leftovers.extend(sorted.doubles);
    Loaded {
        docs: sorted.docs,
        superseded: sorted.superseded,
        leftovers,
        versions: sorted.versions,
    }
}

/// Whether a file named `name` may hold a document: `*.json`, `*.json.age`, and a sync
/// tool's copy of either. Syncthing puts its mark before the last extension, so its copy of
/// `X.json.age` is `X.json.sync-conflict-<when>-<who>.age` (and that copy, decrypted when
/// encryption is turned off, `X.json.sync-conflict-<when>-<who>`); Nextcloud and Dropbox put
/// theirs there too (`X.json (conflicted copy 2026-12-06 101010).age`).
fn is_document_name(name: &str) -> bool {
    name.ends_with(".json")
        || name.ends_with(".json.age")
        || (name.ends_with(".age") && name.contains(".json."))
        || name.contains(".json.sync-conflict-")
        || super::origin::is_copy_of_document(name)
}

/// Every document file below `dir` (with its size and modification time, when `stat`), and the
/// temporary files a crash left there.
#[allow(clippy::type_complexity)]
pub fn collect(
    dir: &Path,
    stat: bool,
    problems: &mut Vec<Problem>,
) -> (Vec<(PathBuf, Option<Stamp>)>, Vec<PathBuf>) {
    let mut files = Vec::new();
    let mut leftovers = Vec::new();
    if !stat {
        collect_json_files(dir, stat, &mut files, &mut leftovers, problems);
        return (files, leftovers);
    }
    let folders = folders_of(dir);
    if folders.len() < 2 {
        collect_json_files(dir, stat, &mut files, &mut leftovers, problems);
        return (files, leftovers);
    }
    collect_folders(dir, &folders, problems)
}

/// The plain folders in `dir` (not links, not hidden), sorted.
pub fn folders_of(dir: &Path) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(read) => read
            .flatten()
            .filter(|item| item.file_type().is_ok_and(|k| k.is_dir()))
            .filter(|item| !item.file_name().to_string_lossy().starts_with('.'))
            .map(|item| item.path())
            .collect(),
        Err(_) => Vec::new(),
    };
    folders.sort();
    folders
}

/// [`collect`], with each file's stamp, of what is at the top of `dir` and in `folders` (plain
/// folders in it, from [`folders_of`]) alone: the others are known unchanged.
#[allow(clippy::type_complexity)]
pub fn collect_folders(
    dir: &Path,
    folders: &[PathBuf],
    problems: &mut Vec<Problem>,
) -> (Vec<(PathBuf, Option<Stamp>)>, Vec<PathBuf>) {
    let mut files = Vec::new();
    let mut leftovers = Vec::new();
    // What is not a plain folder at the top (files, links) is collected here, alone.
    collect_json_files_shallow(dir, &mut files, &mut leftovers, problems);
    // Looking at every file is most of an open: the folders (one a year) are shared out
    // between two threads, each with its own lists, joined in order after.
    let half = folders.len().div_ceil(2);
    let (first, second) = folders.split_at(half);
    let walk = |part: &[PathBuf]| {
        let (mut files, mut leftovers, mut problems) = (Vec::new(), Vec::new(), Vec::new());
        for folder in part {
            collect_json_files(folder, true, &mut files, &mut leftovers, &mut problems);
        }
        (files, leftovers, problems)
    };
    let (a, b) = std::thread::scope(|scope| {
        let other = scope.spawn(|| walk(second));
        let mine = walk(first);
        (mine, joined(other.join(), second))
    });
    for (f, l, p) in [a, b] {
        files.extend(f);
        leftovers.extend(l);
        problems.extend(p);
    }
    (files, leftovers)
}

type Walked = (Vec<(PathBuf, Option<Stamp>)>, Vec<PathBuf>, Vec<Problem>);

/// What a worker thread found; if it panicked, a problem for each folder it was given, so that
/// a fault while reading is told and never a silent gap of a year's documents (issue 24).
/// Those folders are then looked into again at the next open (a folder with a problem is never
/// taken from the index as unchanged).
fn joined(result: std::thread::Result<Walked>, part: &[PathBuf]) -> Walked {
    result.unwrap_or_else(|_| {
        let problems = (part.iter())
            .map(|folder| {
                Problem::new(
                    folder,
                    "reading this folder stopped on a fault in Tend; nothing in it was changed, \
                     and it is read again at the next start",
                )
            })
            .collect();
        (Vec::new(), Vec::new(), problems)
    })
}

/// A document file's bytes, unless it is larger than any document Tend writes: its size comes
/// from the open file (the one look `fs::read` takes anyway), so a huge file is never read.
/// One document: read within bounds, decrypted when its name says it is encrypted, parsed and
/// brought to this Tend's schema.
pub(crate) fn read_one<T: Document>(path: &Path, codec: &Codec) -> Result<T> {
    let bytes = read_bounded(path)?;
    let bytes = codec.decode(path, bytes)?;
    parse::<T>(path, &bytes, T::SCHEMA, T::migrate)
}

pub(crate) fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut file = fs::File::open(path).at(path)?;
    let size = file.metadata().at(path)?.len();
    if size > MAX_DOCUMENT_BYTES {
        return Err(Error::Unreadable {
            path: path.to_path_buf(),
            reason: format!(
                "it is {} MB, larger than any document Tend writes ({} MB at most), so it was \
                 not opened",
                size / 1_000_000,
                MAX_DOCUMENT_BYTES / 1_000_000
            ),
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.read_to_end(&mut bytes).at(path)?;
    Ok(bytes)
}

/// Whether a file name is one of Tend's temporary files (see `fsio::write_atomic`).
pub fn is_leftover(name: &str) -> bool {
    name.starts_with(".tend-") && name.ends_with(".tmp")
}

/// Every `*.json` and `*.json.age` below `dir` with its size, skipping dot-files (locks, and temporary files a
/// crash left behind, which go to `leftovers`). A folder or file that cannot be read is a
/// problem, never a reason to stop.
fn collect_json_files(
    dir: &Path,
    stat: bool,
    out: &mut Vec<(PathBuf, Option<Stamp>)>,
    leftovers: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
) {
    collect_in(dir, stat, true, out, leftovers, problems)
}

/// The files at the top of `dir`, and what is below its links to folders (not its plain
/// folders).
fn collect_json_files_shallow(
    dir: &Path,
    out: &mut Vec<(PathBuf, Option<Stamp>)>,
    leftovers: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
) {
    collect_in(dir, true, false, out, leftovers, problems)
}

fn collect_in(
    dir: &Path,
    stat: bool,
    into_folders: bool,
    out: &mut Vec<(PathBuf, Option<Stamp>)>,
    leftovers: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
) {
    let read = match fs::read_dir(dir) {
        Ok(read) => read,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return,
        Err(e) => return problems.push(Problem::new(dir, folder_reason(&e))),
    };
    for item in read {
        let item = match item {
            Ok(item) => item,
            Err(e) => return problems.push(Problem::new(dir, folder_reason(&e))),
        };
        let path = item.path();
        let name = item.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            if is_leftover(&name) {
                leftovers.push(path);
            }
            continue;
        }
        // The folder listing says what each item is without another look. A link is never
        // followed: a link to a folder of the journal would show its documents twice, a loop
        // would never end, and neither may ever be a reason to move a file (issue 23).
        let link = item.file_type().map(|kind| kind.is_symlink()).ok();
        if link == Some(true) {
            problems.push(Problem::new(&path, LINK_REASON));
            continue;
        }
        let is_dir = match item.file_type() {
            Ok(kind) => Ok(kind.is_dir()),
            Err(e) => Err(e),
        };
        match is_dir {
            Ok(true) if !into_folders && link == Some(false) => {} // walked by a thread
            Ok(true) => collect_json_files(&path, stat, out, leftovers, problems),
            Ok(false) if is_document_name(&name) => {
                // Looked at from the open folder (fstatat): no walk down the whole path again.
                let meta = match (stat, link) {
                    (false, _) => None,
                    (true, Some(false)) => item.metadata().ok().and_then(|m| Stamp::from_meta(&m)),
                    (true, _) => Stamp::of(&path),
                };
                out.push((path, meta));
            }
            Ok(false) => {}
            Err(e) => problems.push(Problem::new(&path, format!("it cannot be read ({e})"))),
        }
    }
}

/// What a link inside the journal is told to be.
pub const LINK_REASON: &str = "it is a link, and Tend does not follow links inside the journal \
    (so that nothing is read twice, and a loop cannot stop it); move the folder or file itself \
    here to have it read";

fn folder_reason(error: &io::Error) -> String {
    format!("this folder cannot be read ({error}); the documents in it are not shown")
}

/// A file as last seen: when it changes, its size or its modification time does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    size: u64,
    /// Nanoseconds since 1970.
    mtime: u64,
}

impl Stamp {
    pub(crate) fn of(path: &Path) -> Option<Stamp> {
        Stamp::from_meta(&fs::metadata(path).ok()?)
    }

    fn from_meta(meta: &fs::Metadata) -> Option<Stamp> {
        let mtime = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        Some(Stamp {
            size: meta.len(),
            mtime: u64::try_from(mtime.as_nanos()).ok()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_worker_that_panics_is_a_problem_naming_each_of_its_folders() {
        let part = [
            PathBuf::from("/journal/entries/2025"),
            PathBuf::from("/journal/entries/2026"),
        ];
        let (files, _, problems) = joined(Err(Box::new("a fault")), &part);
        assert!(files.is_empty());
        let named: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(named, ["/journal/entries/2025", "/journal/entries/2026"]);
        assert!(problems[0].reason.contains("fault in Tend"));
    }
}
