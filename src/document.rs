//! Reading and writing Tend's JSON documents: schema check, migration, pretty output.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::crypt::{self, Codec};
use crate::error::{Error, Result};

/// A file that could not be loaded. It is left exactly as it is on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct Problem {
    pub path: String,
    pub reason: String,
}

impl Problem {
    pub fn new(path: &Path, reason: impl Into<String>) -> Self {
        Problem {
            path: path.display().to_string(),
            reason: reason.into(),
        }
    }

    /// Why `path` could not be loaded: the parse's own reason, else the error's message.
    pub fn from_error(path: &Path, error: Error) -> Self {
        match error {
            Error::Unreadable { reason, .. } => Problem::new(path, reason),
            other => Problem::new(path, other.to_string()),
        }
    }
}

/// A kind of document Tend keeps, one JSON file each.
pub trait Document: Serialize + DeserializeOwned {
    /// The schema version this Tend writes; older ones go through [`Document::migrate`].
    const SCHEMA: u32;
    fn id(&self) -> &str;
    fn migrate(value: Value, schema: u32) -> std::result::Result<Value, String> {
        no_migration(value, schema)
    }
    /// When it was last saved: of two files with one id (a move cut short by a crash), the
    /// later one is the document.
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        None
    }
}

/// A document file larger than this is listed as a problem and not loaded: no document Tend
/// writes comes near it, and reading one would cost every start.
pub const MAX_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

/// What loading one folder of documents found.
pub struct Loaded<T> {
    pub docs: HashMap<String, Stored<T>>,
    /// Older copies of a document found twice (a move a crash cut short): for the trash.
    pub superseded: Vec<Stored<T>>,
    /// Temporary files a crash left behind (`.tend-*.tmp`), and the old form of a document
    /// found both plain and encrypted (a conversion a crash cut short).
    pub leftovers: Vec<PathBuf>,
}

/// A loaded document and the file it came from (where its next save goes).
pub struct Stored<T> {
    pub path: PathBuf,
    pub doc: T,
}

/// Loads every readable document below `dir`, by id, decrypting with `codec` what is
/// encrypted. What cannot be read (a file or a whole folder) is added to `problems` and left
/// on disk as it is; everything else loads. Of two files with one id, the one saved later is
/// the document and the other is superseded.
pub fn load_all<T: Document>(dir: &Path, codec: &Codec, problems: &mut Vec<Problem>) -> Loaded<T> {
    let (files, mut leftovers) = collect(dir, false, problems);
    let mut found = Vec::with_capacity(files.len());
    for (path, _) in files {
        let doc = match read_bounded(&path)
            .and_then(|bytes| codec.decode(&path, bytes))
            .and_then(|bytes| parse::<T>(&path, &bytes, T::SCHEMA, T::migrate))
        {
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
        found.push(Stored { path, doc });
    }
    let (docs, superseded, doubles) = resolve(found, codec, problems);
    leftovers.extend(doubles);
    Loaded {
        docs,
        superseded,
        leftovers,
    }
}

/// A loaded document, or what stands for one, as [`resolve`] sorts them.
pub trait Keyed {
    fn key(&self) -> &str;
    fn path(&self) -> &Path;
    fn updated(&self) -> Option<DateTime<FixedOffset>>;
}

impl<T: Document> Keyed for Stored<T> {
    fn key(&self) -> &str {
        self.doc.id()
    }
    fn path(&self) -> &Path {
        &self.path
    }
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        self.doc.updated()
    }
}

/// Sorts what was loaded by id. Of two files with one id, the one saved later is kept and the
/// other is superseded (for the trash); one file in both forms (a conversion a crash cut
/// short) keeps the form the journal uses, and the other is returned to be removed; two that
/// cannot be told apart keep the first, and the second is a problem.
pub fn resolve<K: Keyed>(
    found: Vec<K>,
    codec: &Codec,
    problems: &mut Vec<Problem>,
) -> (HashMap<String, K>, Vec<K>, Vec<PathBuf>) {
    let mut docs: HashMap<String, K> = HashMap::with_capacity(found.len());
    let mut superseded = Vec::new();
    let mut doubles = Vec::new();
    for stored in found {
        // One look into the map for the usual case, a new id.
        let first = match docs.entry(stored.key().to_string()) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(stored);
                continue;
            }
            std::collections::hash_map::Entry::Occupied(slot) => slot.remove(),
        };
        // The new form was written whole before the old one is removed.
        if crypt::named(first.path(), false) == crypt::named(stored.path(), false) {
            let (kept, old) = if crypt::is_sealed(stored.path()) == codec.seals() {
                (stored, first)
            } else {
                (first, stored)
            };
            doubles.push(old.path().to_path_buf());
            docs.insert(kept.key().to_string(), kept);
            continue;
        }
        match (first.updated(), stored.updated()) {
            (Some(a), Some(b)) => {
                let (newer, older) = if b > a {
                    (stored, first)
                } else {
                    (first, stored)
                };
                docs.insert(newer.key().to_string(), newer);
                superseded.push(older);
            }
            _ => {
                let reason = format!("its id is already used by {}", first.path().display());
                problems.push(Problem::new(stored.path(), reason));
                docs.insert(first.key().to_string(), first);
            }
        }
    }
    (docs, superseded, doubles)
}

/// Every document file below `dir` (with what `stat` says of it, when `stat`), and the
/// temporary files a crash left there.
#[allow(clippy::type_complexity)]
pub fn collect(
    dir: &Path,
    stat: bool,
    problems: &mut Vec<Problem>,
) -> (Vec<(PathBuf, Option<fs::Metadata>)>, Vec<PathBuf>) {
    let mut files = Vec::new();
    let mut leftovers = Vec::new();
    if !stat {
        collect_json_files(dir, stat, &mut files, &mut leftovers, problems);
        return (files, leftovers);
    }
    // Looking at every file is most of an open: the folders (one a year) are shared out
    // between two threads, each with its own lists, joined in order after.
    let mut folders: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(read) => read
            .flatten()
            .filter(|item| item.file_type().is_ok_and(|k| k.is_dir()))
            .filter(|item| !item.file_name().to_string_lossy().starts_with('.'))
            .map(|item| item.path())
            .collect(),
        Err(_) => Vec::new(),
    };
    if folders.len() < 2 {
        collect_json_files(dir, stat, &mut files, &mut leftovers, problems);
        return (files, leftovers);
    }
    folders.sort();
    // What is not a plain folder at the top (files, links) is collected here, alone.
    collect_top_files(dir, &mut files, &mut leftovers, problems);
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
        (mine, other.join().unwrap_or_default())
    });
    for (f, l, p) in [a, b] {
        files.extend(f);
        leftovers.extend(l);
        problems.extend(p);
    }
    (files, leftovers)
}

/// The top of `dir` but its plain folders (which the threads of [`collect`] walk).
fn collect_top_files(
    dir: &Path,
    files: &mut Vec<(PathBuf, Option<fs::Metadata>)>,
    leftovers: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
) {
    let mut top = Vec::new();
    collect_json_files_shallow(dir, &mut top, leftovers, problems);
    files.extend(top);
}

/// A document file's bytes, unless it is larger than any document Tend writes: its size comes
/// from the open file (the one look `fs::read` takes anyway), so a huge file is never read.
pub(crate) fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut file = fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
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
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
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
    out: &mut Vec<(PathBuf, Option<fs::Metadata>)>,
    leftovers: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
) {
    collect_in(dir, stat, true, out, leftovers, problems)
}

/// The files at the top of `dir`, and what is below its links to folders (not its plain
/// folders).
fn collect_json_files_shallow(
    dir: &Path,
    out: &mut Vec<(PathBuf, Option<fs::Metadata>)>,
    leftovers: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
) {
    collect_in(dir, true, false, out, leftovers, problems)
}

fn collect_in(
    dir: &Path,
    stat: bool,
    into_folders: bool,
    out: &mut Vec<(PathBuf, Option<fs::Metadata>)>,
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
        // The folder listing says what each item is without another look, except for links,
        // which are followed as reading does: a link to a folder is a folder; a loop is a problem.
        let link = item.file_type().map(|kind| kind.is_symlink()).ok();
        let is_dir = match item.file_type() {
            Ok(kind) if kind.is_symlink() => fs::metadata(&path).map(|m| m.is_dir()),
            Ok(kind) => Ok(kind.is_dir()),
            Err(e) => Err(e),
        };
        match is_dir {
            Ok(true) if !into_folders && link == Some(false) => {} // walked by a thread
            Ok(true) => collect_json_files(&path, stat, out, leftovers, problems),
            Ok(false) if name.ends_with(".json") || name.ends_with(".json.age") => {
                // Looked at from the open folder (fstatat): no walk down the whole path again.
                let meta = match (stat, link) {
                    (false, _) => None,
                    (true, Some(false)) => item.metadata().ok(),
                    (true, _) => fs::metadata(&path).ok(),
                };
                out.push((path, meta));
            }
            Ok(false) => {}
            Err(e) => problems.push(Problem::new(&path, format!("it cannot be read ({e})"))),
        }
    }
}

fn folder_reason(error: &io::Error) -> String {
    format!("this folder cannot be read ({error}); the documents in it are not shown")
}

/// Parses a document of a kind whose current schema is `current`. Older schemas go through
/// `migrate` (which takes the value and its version); newer ones are refused, since this Tend
/// cannot know what they hold.
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    bytes: &[u8],
    current: u32,
    migrate: fn(Value, u32) -> std::result::Result<Value, String>,
) -> Result<T> {
    let unreadable = |reason: String| Error::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let text = std::str::from_utf8(bytes)
        .map_err(|e| unreadable(format!("it is not UTF-8 text ({e})")))?;
    let value: Value = serde_json::from_str(text)
        .map_err(|e| unreadable(format!("it is not valid JSON ({e})")))?;
    let schema = value
        .get("schema")
        .and_then(Value::as_u64)
        .ok_or_else(|| unreadable("it has no \"schema\" version number".into()))?;
    let schema = u32::try_from(schema).unwrap_or(u32::MAX);
    if schema > current {
        return Err(unreadable(format!(
            "it was written by a newer Tend (schema {schema}; this one reads up to {current}). \
             Update Tend to open it."
        )));
    }
    let value = if schema < current {
        migrate(value, schema).map_err(unreadable)?
    } else {
        value
    };
    serde_json::from_value(value)
        .map_err(|e| unreadable(format!("it does not have the expected fields ({e})")))
}

/// Migration for kinds that have only ever had one schema.
pub fn no_migration(_: Value, schema: u32) -> std::result::Result<Value, String> {
    Err(format!("schema {schema} is not one Tend has ever written"))
}

/// Pretty, UTF-8, newline-terminated: readable in any text editor.
pub fn to_pretty_json<T: Serialize>(doc: &T) -> Vec<u8> {
    // Serialising our own plain structs cannot fail (no maps with non-string keys).
    let mut bytes = serde_json::to_vec_pretty(doc).expect("documents serialise to JSON");
    bytes.push(b'\n');
    bytes
}

/// Ids name files, so they are kept to a safe alphabet: no path can be smuggled in one.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A stable short hash of an entry's content, for sources without ids (FNV-1a, 64 bits: not
/// for security, only to recognise the same text again). Its values are stored in users' files
/// (imported entries' ids and sources), so they must never change: a test pins them.
pub fn content_hash(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The 32 hex digits Day One wants as an entry's uuid. Tend's own ids are that already; others
/// (entries imported from jrnl, say) get a stable 32-digit hash of their id. Stored in Day One
/// exports, so pinned by a test like [`content_hash`].
pub fn dayone_uuid(id: &str) -> String {
    if id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
        id.to_uppercase()
    } else {
        let backwards: String = id.chars().rev().collect();
        (content_hash(&[id]) + &content_hash(&[&backwards, id])).to_uppercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct Doc {
        #[allow(dead_code)]
        schema: u32,
    }

    fn reason(bytes: &[u8]) -> String {
        parse::<Doc>(Path::new("/d/x.json"), bytes, 1, no_migration)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn unreadable_files_are_explained_with_their_path() {
        assert!(reason(b"\xff\xfe").contains("not UTF-8"));
        assert!(reason(b"{\"schema\": 1").contains("not valid JSON"));
        assert!(reason(b"{}").contains("no \"schema\""));
        let newer = reason(b"{\"schema\": 9}");
        assert!(
            newer.contains("newer Tend") && newer.contains("/d/x.json"),
            "{newer}"
        );
    }

    #[test]
    fn stored_hashes_keep_their_values() {
        // These values are in users' journals and exports: changing them makes re-imports
        // duplicate every entry.
        assert_eq!(content_hash(&[]), "cbf29ce484222325");
        assert_eq!(content_hash(&["a", "b"]), "d2b371819297f98a");
        assert_eq!(
            content_hash(&["2026-11-23", "21:15", "Title", "Body"]),
            "320e8b930e5ffba3"
        );
        assert_eq!(
            dayone_uuid("jrnl-0123456789abcdef"),
            "64721275B8F32BE34CDC9DA2F8283A3D"
        );
        assert_eq!(
            dayone_uuid("0a1b2c3d4e5f60718293a4b5c6d7e8f9"),
            "0A1B2C3D4E5F60718293A4B5C6D7E8F9"
        );
    }

    #[test]
    fn ids_cannot_carry_paths() {
        assert!(is_valid_id("a1b2-c3_d4"));
        for bad in ["", "../x", "a/b", "a.b", &"x".repeat(65)] {
            assert!(!is_valid_id(bad), "{bad:?} must be refused");
        }
    }
}
