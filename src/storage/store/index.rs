//! The entries' index: what the lists, Today and the care card need of every entry (date, time,
//! mood and feelings, tags, first words, word count), kept in `.index` beside the
//! documents with each file's size and modification time, and each folder's (one a year).
//! A cache, never the only copy. At every open each folder is looked at (one `stat`): a folder
//! unchanged since the index was written is taken from the index whole, and in any other each
//! file is looked at (one `stat`, no read) and only a file that is new or changed since is
//! read. An edit made in place by another program changes no folder: the app looks at every
//! file a few seconds after it opens ([`crate::Store::catch_up`]). A missing or damaged index
//! is rebuilt from the documents, quietly. Bodies load when wanted.
//!
//! An encrypted journal keeps its index encrypted too (`.index.age`): it holds each entry's
//! first words.
//!
//! The file is binary (postcard, after an 8-byte tag naming the format and its version): it
//! is Tend's own cache, read at every start, and parses several times faster than JSON.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::crypt::{self, Codec};
pub(crate) use crate::document::Stamp;
use crate::document::{self, Problem};
use crate::entry::{Entry, EntrySummary, Mood, Source};
use crate::error::{Error, Result};
use crate::fsio;

/// The index file, at the top of the data folder. Hidden: never backed up or restored.
pub(crate) const INDEX: &str = ".index";

/// The index of the journal at `root`, in this computer's cache for it (see `crate::paths`).
pub(crate) fn index_file(root: &Path) -> PathBuf {
    crate::paths::cache_dir(root).join(INDEX)
}
/// The first bytes of the file: what it is, and which layout. Anything else is rebuilt.
/// Version 4 keeps each entry's first photo; an index of an earlier version is rebuilt from
/// the documents, once.
const TAG: &[u8; 8] = b"TENDIDX4";

/// What the index keeps of one entry: everything but its body, and a few words of that.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryMeta {
    pub id: String,
    // Dates and times as numbers: as text (chrono's own form) they were most of the reading.
    #[serde(with = "compact::date")]
    pub date: NaiveDate,
    #[serde(with = "compact::time")]
    pub created: DateTime<FixedOffset>,
    #[serde(with = "compact::time")]
    pub updated: DateTime<FixedOffset>,
    // No `skip_serializing_if` here: the binary layout has no field names to miss.
    pub mood: Option<Mood>,
    pub tags: Vec<String>,
    /// Boxed, as most entries have none: the rows of 100,000 entries stay small.
    pub source: Option<Box<Source>>,
    /// The opening words as written, marks and all (the list shows them without).
    pub excerpt: String,
    pub words: usize,
    /// A hash of the day and the words, to recognise the same text on import.
    pub text: u64,
    /// The first photo's file, for the list's thumbnail.
    pub picture: Option<String>,
}

impl EntryMeta {
    pub fn of(entry: &Entry) -> EntryMeta {
        EntryMeta {
            id: entry.id.clone(),
            date: entry.date,
            created: entry.created,
            updated: entry.updated,
            mood: entry.mood.clone(),
            tags: entry.tags.clone(),
            source: entry.source.clone().map(Box::new),
            excerpt: entry.opening(),
            words: crate::entry::word_count(&entry.body),
            text: text_key(entry.date, &entry.body),
            picture: entry.attachments.first().map(|a| a.file.clone()),
        }
    }

    pub fn summary(&self) -> EntrySummary {
        EntrySummary {
            id: self.id.clone(),
            date: self.date,
            excerpt: crate::entry::shown_excerpt(&self.excerpt),
            mood: self.mood.as_ref().map(|m| m.score),
            tags: self.tags.clone(),
            words: self.words,
            time: self.created.format("%H:%M").to_string(),
            updated: self.updated,
            picture: self.picture.clone(),
        }
    }
}

/// The same words on the same day, however they are spaced: how an import recognises an entry
/// it has seen, when the source had no ids.
pub fn text_key(date: NaiveDate, body: &str) -> u64 {
    let words: Vec<&str> = body.split_whitespace().collect();
    document::content_hash_u64(&[&date.to_string(), &words.join(" ")])
}

/// One entry in the store: its file, what the index knows, and its body once read.
#[derive(Debug)]
pub(crate) struct Indexed {
    pub path: PathBuf,
    pub meta: EntryMeta,
    pub stamp: Option<Stamp>,
    /// Boxed: an entry not yet read costs a pointer, and the rows move cheaply.
    body: OnceCell<Box<Entry>>,
}

impl Indexed {
    pub(crate) fn new(path: PathBuf, entry: Entry) -> Indexed {
        let stamp = Stamp::of(&path);
        let indexed = Indexed {
            path,
            meta: EntryMeta::of(&entry),
            stamp,
            body: OnceCell::new(),
        };
        let _ = indexed.body.set(Box::new(entry));
        indexed
    }

    /// A row whose entry is read from its file when first asked for.
    pub(crate) fn unread(path: PathBuf, entry: &Entry) -> Indexed {
        Indexed {
            stamp: Stamp::of(&path),
            meta: EntryMeta::of(entry),
            path,
            body: OnceCell::new(),
        }
    }

    /// The whole entry, if it has been read.
    pub(crate) fn read(&self) -> Option<&Entry> {
        self.body.get().map(|b| &**b)
    }

    /// The whole entry, read from its file the first time.
    pub(crate) fn entry(&self, codec: &Codec) -> Result<&Entry> {
        if let Some(entry) = self.body.get() {
            return Ok(entry);
        }
        let entry = read_entry(&self.path, codec)?;
        if entry.id != self.meta.id {
            return Err(Error::Unreadable {
                path: self.path.clone(),
                reason: "it changed since Tend opened the journal; open it again".into(),
            });
        }
        Ok(self.body.get_or_init(|| Box::new(entry)))
    }
}

pub(super) fn read_entry(path: &Path, codec: &Codec) -> Result<Entry> {
    document::read_one(path, codec)
}

#[derive(Serialize, Deserialize)]
struct IndexFile {
    entries: Vec<Row>,
    /// The entries' folders (one a year) as they were when `entries` was all of them.
    folders: Vec<FolderStamp>,
}

#[derive(Serialize, Deserialize)]
struct Row {
    /// Relative to the data folder, `/`-separated.
    path: String,
    stamp: Stamp,
    meta: EntryMeta,
}

/// What loading the entries found.
pub(crate) struct Loaded {
    pub docs: HashMap<String, Indexed>,
    pub superseded: Vec<Indexed>,
    pub leftovers: Vec<PathBuf>,
    /// Second versions of an entry (see [`document::Sorted::versions`]).
    pub versions: Vec<(String, PathBuf)>,
    /// The index on disk is not what was found: it is written again.
    pub stale: bool,
    /// The folders to keep in the index with the rows: settled, and read without a problem.
    pub folders: Vec<FolderStamp>,
}

/// Loads every entry below `dir` through the index at `root`. The rows of a folder unchanged
/// since the index was written are taken as they are; in the other folders each file is
/// looked at (one `stat`), and only a file new or changed since is read. An edit made in
/// place by another program leaves its folder's time alone: [`Store::catch_up`] sees it.
///
/// [`Store::catch_up`]: crate::Store::catch_up
pub(crate) fn load(root: &Path, dir: &Path, codec: &Codec, problems: &mut Vec<Problem>) -> Loaded {
    let problems_before = problems.len();
    let (rows, known, mut stale) = read_index(root, codec);
    let looked = folders::look(root, dir, &known);
    let (files, leftovers) = document::collect_folders(dir, &looked.walked, problems);
    let (kept, mut rows, mut nested) = Rows::new(rows, |folder| looked.unchanged.contains(folder));
    let kept = kept.into_iter().map(|row| Indexed {
        path: root.join(&row.path),
        meta: row.meta,
        stamp: Some(row.stamp),
        body: OnceCell::new(),
    });
    // Matched as they are resolved, with no list of them all in between: less fresh memory.
    let mut unreadable = Vec::new();
    let found = files.into_iter().filter_map(|(path, stamp)| {
        let relative = relative_str(root, &path);
        if let Some((year, true)) = relative.map(year_folder) {
            nested.insert(year.to_string());
        }
        let row = relative.and_then(|relative| rows.take(relative));
        let had_row = row.is_some();
        let meta = match row.filter(|row| stamp.is_some_and(|s| s == row.stamp)) {
            Some(row) => row.meta,
            None => match read_entry(&path, codec) {
                // The body is not kept: a rebuild of years of entries would hold them all.
                Ok(entry) => {
                    stale = true;
                    EntryMeta::of(&entry)
                }
                Err(error) => {
                    // Its row, if any, goes; a file never read has none to write.
                    stale |= had_row;
                    unreadable.push(Problem::from_error(&path, error));
                    return None;
                }
            },
        };
        if !document::is_valid_id(&meta.id) {
            let reason = format!("its id {:?} is not one Tend makes", meta.id);
            unreadable.push(Problem::new(&path, reason));
            return None;
        }
        Some(Indexed {
            path,
            meta,
            stamp,
            body: OnceCell::new(),
        })
    });
    let sorted = document::resolve(kept.chain(found), codec);
    problems.extend(unreadable);
    stale |= rows.left > 0; // files gone since
    let unsettled: Vec<String> = (problems[problems_before..].iter())
        .map(|p| p.path.clone())
        .chain(sorted.versions.iter().map(|(_, p)| p.display().to_string()))
        .collect();
    let (folders, new_times) = folders::keep(looked.stamps, root, &unsettled, &nested, &known);
    stale |= new_times;
    let mut leftovers = leftovers;
    leftovers.extend(sorted.doubles);
    Loaded {
        docs: sorted.docs,
        superseded: sorted.superseded,
        leftovers,
        versions: sorted.versions,
        stale,
        folders,
    }
}

impl document::Keyed for Indexed {
    fn key(&self) -> &str {
        &self.meta.id
    }
    fn path(&self) -> &Path {
        &self.path
    }
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        Some(self.meta.updated)
    }
}

/// The rows of the index, found by relative path. The rows stay in one list and the map holds
/// only where each is: at 100,000 entries that is a fifth of the memory a map of whole rows
/// touched, and fresh memory is much of what an open costs.
struct Rows {
    rows: Vec<Option<Row>>,
    at: HashMap<String, u32>,
    /// Rows not taken yet: entries whose files are gone.
    left: usize,
}

impl Rows {
    /// The rows of the folders `unchanged` says are (taken as they are), the others, to be
    /// matched with the files found, and the folders with rows in a folder inside them.
    fn new(rows: Vec<Row>, unchanged: impl Fn(&str) -> bool) -> (Vec<Row>, Rows, HashSet<String>) {
        let mut kept = Vec::new();
        let mut at = HashMap::new();
        let mut others = Vec::new();
        let mut nested = HashSet::new();
        for mut row in rows {
            let (folder, deeper) = year_folder(&row.path);
            if deeper {
                nested.insert(folder.to_string());
            }
            if unchanged(folder) {
                kept.push(row);
            } else {
                at.insert(std::mem::take(&mut row.path), others.len() as u32);
                others.push(Some(row));
            }
        }
        let rows = Rows {
            left: others.len(),
            rows: others,
            at,
        };
        (kept, rows, nested)
    }

    fn take(&mut self, relative: &str) -> Option<Row> {
        let n = *self.at.get(relative)?;
        let row = self.rows.get_mut(n as usize)?.take()?;
        self.left -= 1;
        Some(row)
    }
}

/// The folder whose time is kept for the file at `relative` (its year's, `entries/2026`), and
/// whether the file lies deeper, in a folder inside it: a folder's time speaks only for the
/// files directly in it, so such a year is looked into at every open. `""` for a file at the
/// top of `entries/`, which is always looked at.
fn year_folder(relative: &str) -> (&str, bool) {
    let mut slashes = relative.match_indices('/').map(|(at, _)| at);
    match (slashes.next(), slashes.next()) {
        (Some(_), Some(year)) => (&relative[..year], slashes.next().is_some()),
        _ => ("", false),
    }
}

/// The rows of the index, the folders' times they go with, and whether it must be written
/// again (missing, damaged, from another version, or in the other form of a journal being
/// converted).
fn read_index(root: &Path, codec: &Codec) -> (Vec<Row>, HashMap<String, u64>, bool) {
    let path = codec.path(&index_file(root));
    let Ok(Some(bytes)) = fsio::read_optional(&path) else {
        return (Vec::new(), HashMap::new(), true);
    };
    let Ok(plain) = codec.decode(&path, bytes) else {
        return (Vec::new(), HashMap::new(), true);
    };
    if let Some(body) = plain.strip_prefix(TAG.as_slice()) {
        if let Ok(file) = postcard::from_bytes::<IndexFile>(body) {
            let folders = (file.folders.into_iter()).map(|f| (f.path, f.mtime));
            return (file.entries, folders.collect(), false);
        }
    }
    (Vec::new(), HashMap::new(), true)
}

/// Writes the index of `entries` (in the codec's form; the other form, if any, goes), with the
/// times of the `folders` they were found in.
pub(crate) fn write(
    root: &Path,
    codec: &Codec,
    entries: &HashMap<String, Indexed>,
    folders: &[FolderStamp],
) -> Result<()> {
    let rows: Vec<Row> = entries
        .values()
        .filter_map(|e| {
            Some(Row {
                path: relative(root, &e.path),
                stamp: e.stamp?,
                meta: e.meta.clone(),
            })
        })
        .collect();
    let file = IndexFile {
        entries: rows,
        folders: folders.to_vec(),
    };
    let mut bytes = TAG.to_vec();
    bytes.extend(postcard::to_stdvec(&file).map_err(|e| Error::invalid(e.to_string()))?);
    codec.write(&index_file(root), bytes)?;
    // The JSON index of earlier builds would go stale beside this one (and hold first words).
    for old in [".index.json", ".index.json.age"] {
        let _ = fs::remove_file(root.join(old));
    }
    Ok(())
}

/// Removes the index in both forms (and the JSON one of earlier builds): the next open
/// rebuilds it (after a conversion, say).
pub(crate) fn forget(root: &Path) -> Result<()> {
    let old = root.join(".index.json");
    for path in [
        index_file(root),
        crypt::named(&index_file(root), true),
        crypt::named(&old, true),
        old,
    ] {
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
    }
    Ok(())
}

/// `path` relative to `root` as the index names it, without building a string: on Linux the
/// separators already are `/`.
pub(crate) fn relative_str<'a>(root: &Path, path: &'a Path) -> Option<&'a str> {
    path.strip_prefix(root).ok()?.to_str()
}

pub(crate) fn relative(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

mod bodies;
mod catch_up;
mod compact;
mod folders;

pub(crate) use bodies::{map_bodies, on_every_core, read_bodies};
pub use catch_up::EntryFiles;
pub(crate) use folders::FolderStamp;
