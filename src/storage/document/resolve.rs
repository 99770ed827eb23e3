//! Choosing between files of one document: a date move a crash cut short, one file in both
//! forms (plain and encrypted), or two versions (a copy, a sync tool's conflict copy) that only
//! the person can choose between. Nothing here moves a file; it says what each one is.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::scan::Stored;
use super::Document;
use crate::crypt::{self, Codec};

/// What [`resolve`] made of the documents found, by id.
pub struct Sorted<K> {
    pub docs: HashMap<String, K>,
    /// The older half of a date move a crash cut short: for the trash.
    pub superseded: Vec<K>,
    /// The old form of a document found both plain and encrypted: to be removed.
    pub doubles: Vec<PathBuf>,
    /// Files that hold another version of a document shown (its id, and the file). Never
    /// moved by a read: the person chooses what to keep.
    pub versions: Vec<(String, PathBuf)>,
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

/// Sorts what was loaded by id. Of two files with one id: a date move a crash cut short keeps
/// the later save, and the other is superseded (for the trash); one file in both forms (a
/// conversion a crash cut short) keeps the form the journal uses, and the other is returned
/// to be removed; any other pair is two versions, one shown and the other listed in
/// [`Sorted::versions`], never moved.
pub fn resolve<K: Keyed>(found: impl IntoIterator<Item = K>, codec: &Codec) -> Sorted<K> {
    let found = found.into_iter();
    let (least, most) = found.size_hint();
    let mut docs: HashMap<String, K> = HashMap::with_capacity(most.unwrap_or(least));
    let mut superseded = Vec::new();
    let mut doubles = Vec::new();
    let mut versions = Vec::new();
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
        // Two files with one id. Only a date move a crash cut short is settled here: both
        // files carry Tend's own name for the document, a day apart, and the later save wins
        // (the other goes to the trash, as the move meant). Anything else (a copy, a sync
        // tool's conflict copy, a file put back by hand) is a second version: the one with
        // Tend's own name (else the later) is shown, and the other is listed as its second
        // version and left exactly where it is. A read never moves a person's file.
        let (a_own, b_own) = (own_name(&first), own_name(&stored));
        let dated = |k: &K| own_date(k).is_some();
        let moved = a_own
            && b_own
            && dated(&first)
            && dated(&stored)
            && own_date(&first) != own_date(&stored);
        let later = match (first.updated(), stored.updated()) {
            (Some(a), Some(b)) => Some(b > a),
            _ => None,
        };
        if moved {
            if let Some(stored_is_later) = later {
                let (newer, older) = if stored_is_later {
                    (stored, first)
                } else {
                    (first, stored)
                };
                docs.insert(newer.key().to_string(), newer);
                superseded.push(older);
                continue;
            }
        }
        let keep_stored = match (a_own, b_own) {
            (false, true) => true,
            (true, false) => false,
            _ => later.unwrap_or(false),
        };
        let (shown, other) = if keep_stored {
            (stored, first)
        } else {
            (first, stored)
        };
        versions.push((other.key().to_string(), other.path().to_path_buf()));
        docs.insert(shown.key().to_string(), shown);
    }
    Sorted {
        docs,
        superseded,
        doubles,
        versions,
    }
}

/// Whether `path` carries Tend's own name for the document `id`: `<id>.json` or
/// `<yyyy-mm-dd>-<id>.json` (encrypted or not), not a copy's or a sync tool's name.
pub fn is_own_name(path: &Path, id: &str) -> bool {
    let Some(stem) = path
        .file_name()
        .and_then(|n| n.to_str())
        .map(|name| name.trim_end_matches(".age").trim_end_matches(".json"))
    else {
        return false;
    };
    stem == id || own_date_of(stem, id).is_some()
}

fn own_name<K: Keyed>(doc: &K) -> bool {
    is_own_name(doc.path(), doc.key())
}

/// The date in an entry's own name (`2026-11-23-<id>.json`), if it has one.
fn own_date<K: Keyed>(doc: &K) -> Option<&str> {
    let name = doc.path().file_name()?.to_str()?;
    own_date_of(
        name.trim_end_matches(".age").trim_end_matches(".json"),
        doc.key(),
    )
}

fn own_date_of<'a>(stem: &'a str, id: &str) -> Option<&'a str> {
    let date = stem.strip_suffix(id)?.strip_suffix('-')?;
    (date.len() == 10 && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok())
        .then_some(date)
}
