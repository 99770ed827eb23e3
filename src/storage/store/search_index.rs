//! The search index: for every word, the documents that have it. Kept in `.search` beside the
//! documents (`.search.age`, encrypted with the journal, when it is encrypted), as a cache:
//! it holds each document's hash, is brought up to date from the documents before each search,
//! and a missing or damaged one is built again from them.
//!
//! Documents are numbered in the order they were added. A changed or deleted document is
//! marked dead and its new text added at the end, so that a save changes the lists of its own
//! words only; once a quarter of the numbers are dead, the index is written compact again.
//!
//! On disk: an 8-byte tag, the length of the table (postcard: the documents, and each word
//! with where its list lies), then every word's list, one after another, as varint gaps.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::crypt::Codec;
use crate::document::changes::Folder;
use crate::error::{Error, Result};
use crate::fsio;
use crate::kind::Kind;
pub(crate) use postings::Matches;
use postings::Postings;

/// The index file, at the top of the data folder. Hidden: never backed up or restored.
pub(crate) const SEARCH: &str = ".search";

/// The search index of the journal at `root`, in this computer's cache for it.
pub(crate) fn search_file(root: &Path) -> std::path::PathBuf {
    crate::paths::cache_dir(root).join(SEARCH)
}
const TAG: &[u8; 8] = b"TENDSRC2";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Doc {
    pub id: String,
    pub kind: Kind,
    /// A hash of the text as it was indexed: another hash means it changed.
    pub hash: u64,
    pub live: bool,
    pub meta: DocMeta,
}

/// What a search needs of a document besides its words: where its file is, and what filters
/// and the order of hits look at. A search answers from the index and its hits' files alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DocMeta {
    /// Relative to the data folder, `/`-separated.
    pub path: String,
    /// Days since 1 January of year 1 (`NaiveDate::num_days_from_ce`).
    pub date: i32,
    /// When it was begun: seconds and nanoseconds since 1970, for the order of a day's hits.
    pub created: (i64, u32),
    pub mood: Option<u8>,
    pub tags: Vec<String>,
    /// A worksheet filling's worksheet.
    pub worksheet: Option<String>,
}

#[derive(Default)]
pub(crate) struct SearchIndex {
    /// The document folders as they were when the documents indexed were read, if no save
    /// came between (see [`crate::document::changes`]): unchanged, the index is whole.
    pub folders: Option<Vec<Folder>>,
    docs: Vec<Doc>,
    at: HashMap<String, u32>,
    terms: BTreeMap<Box<str>, Postings>,
    dead: usize,
    /// Differs from the file on disk.
    pub changed: bool,
}

#[derive(Serialize, Deserialize)]
struct Table {
    folders: Option<Vec<Folder>>,
    docs: Vec<Doc>,
    /// Each word, its last number and the length of its list.
    terms: Vec<(String, u32, u32)>,
}

impl SearchIndex {
    /// The index on disk, or an empty one when it is missing, damaged or of another layout.
    pub fn read(root: &Path, codec: &Codec) -> SearchIndex {
        let path = codec.path(&search_file(root));
        let parsed = (fsio::read_optional(&path).ok().flatten())
            .and_then(|bytes| codec.decode(&path, bytes).ok())
            .and_then(|plain| Self::parse(&plain));
        parsed.unwrap_or_else(|| SearchIndex {
            changed: true,
            ..SearchIndex::default()
        })
    }

    fn parse(plain: &[u8]) -> Option<SearchIndex> {
        let rest = plain.strip_prefix(TAG.as_slice())?;
        let (len, rest) = rest.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        let (table, mut lists) = (rest.get(..len)?, rest.get(len..)?);
        let table: Table = postcard::from_bytes(table).ok()?;
        let mut terms = BTreeMap::new();
        for (term, last, len) in table.terms {
            let (gaps, rest) = lists.split_at_checked(len as usize)?;
            lists = rest;
            let gaps = gaps.to_vec();
            terms.insert(term.into_boxed_str(), Postings { gaps, last });
        }
        let at = (table.docs.iter().enumerate())
            .filter(|(_, d)| d.live)
            .map(|(n, d)| (d.id.clone(), n as u32))
            .collect();
        let dead = table.docs.iter().filter(|d| !d.live).count();
        Some(SearchIndex {
            folders: table.folders,
            docs: table.docs,
            at,
            terms,
            dead,
            changed: false,
        })
    }

    /// Writes the index (in the codec's form) when it differs from the file.
    pub fn write_if_changed(&mut self, root: &Path, codec: &Codec) -> Result<()> {
        if !self.changed {
            return Ok(());
        }
        if self.dead * 4 > self.docs.len() {
            self.compact();
        }
        let mut lists = Vec::new();
        let mut terms = Vec::with_capacity(self.terms.len());
        for (term, postings) in &self.terms {
            lists.extend_from_slice(&postings.gaps);
            terms.push((term.to_string(), postings.last, postings.gaps.len() as u32));
        }
        let table = Table {
            folders: self.folders.clone(),
            docs: self.docs.clone(),
            terms,
        };
        let table = postcard::to_stdvec(&table).map_err(|e| Error::invalid(e.to_string()))?;
        let mut bytes = TAG.to_vec();
        bytes.extend((table.len() as u64).to_le_bytes());
        bytes.extend(table);
        bytes.extend(lists);
        codec.write(&search_file(root), bytes)?;
        self.changed = false;
        Ok(())
    }

    /// The hash a document was indexed with, if it is in the index.
    pub fn hash_of(&self, id: &str) -> Option<u64> {
        let n = *self.at.get(id)?;
        Some(self.docs[n as usize].hash)
    }

    /// The ids of the documents in the index.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.at.keys().map(String::as_str)
    }

    /// What the index holds of document `id` besides its words.
    pub fn meta_of(&self, id: &str) -> Option<&DocMeta> {
        let n = *self.at.get(id)?;
        Some(&self.docs[n as usize].meta)
    }

    /// Brings a document's facts up to date when only they changed (a tag, a mood).
    pub fn set_meta(&mut self, id: &str, meta: DocMeta) {
        if let Some(n) = self.at.get(id) {
            self.docs[*n as usize].meta = meta;
            self.changed = true;
        }
    }

    /// Adds a document's words (replacing what it had).
    pub fn add(&mut self, id: &str, kind: Kind, hash: u64, meta: DocMeta, words: &[Box<str>]) {
        self.remove(id);
        let number = self.docs.len() as u32;
        self.docs.push(Doc {
            id: id.to_string(),
            kind,
            hash,
            live: true,
            meta,
        });
        self.at.insert(id.to_string(), number);
        for word in words {
            match self.terms.get_mut(word) {
                Some(postings) => postings.push(number),
                None => {
                    let mut postings = Postings::default();
                    postings.push(number);
                    self.terms.insert(word.clone(), postings);
                }
            }
        }
        self.changed = true;
    }

    pub fn remove(&mut self, id: &str) {
        if let Some(n) = self.at.remove(id) {
            self.docs[n as usize].live = false;
            self.dead += 1;
            self.changed = true;
        }
    }

    pub fn doc(&self, number: u32) -> &Doc {
        &self.docs[number as usize]
    }

    /// The live documents having a word equal to `word`, or beginning with it.
    pub fn having(&self, word: &str, prefix: bool) -> Matches {
        let mut found = Matches::none(self.docs.len());
        let from = (std::ops::Bound::Included(word), std::ops::Bound::Unbounded);
        let lists = (self.terms.range::<str, _>(from)).take_while(|(term, _)| {
            if prefix {
                term.starts_with(word)
            } else {
                &***term == word
            }
        });
        for (_, postings) in lists {
            postings.numbers().for_each(|n| found.insert(n));
        }
        for (n, doc) in self.docs.iter().enumerate() {
            if !doc.live {
                found.remove(n as u32);
            }
        }
        found
    }

    /// Every live document.
    pub fn all(&self) -> Matches {
        let mut found = Matches::none(self.docs.len());
        self.at.values().for_each(|n| found.insert(*n));
        found
    }

    /// Renumbers the live documents from 0, leaving out the dead.
    fn compact(&mut self) {
        let mut renumber = vec![u32::MAX; self.docs.len()];
        let mut docs = Vec::with_capacity(self.at.len());
        for (n, doc) in self.docs.drain(..).enumerate() {
            if doc.live {
                renumber[n] = docs.len() as u32;
                docs.push(doc);
            }
        }
        self.terms.retain(|_, postings| {
            let mut kept = Postings::default();
            for n in postings.numbers() {
                if renumber[n as usize] != u32::MAX {
                    kept.push(renumber[n as usize]);
                }
            }
            *postings = kept;
            !postings.gaps.is_empty()
        });
        self.at = (docs.iter().enumerate())
            .map(|(n, d)| (d.id.clone(), n as u32))
            .collect();
        self.docs = docs;
        self.dead = 0;
    }
}

/// Removes the search index in both forms: the next search builds it again (after encryption
/// is turned on or off, say, so that no plain copy of the words is left).
pub(crate) fn forget(root: &Path) -> Result<()> {
    let plain = search_file(root);
    for path in [crate::crypt::named(&plain, true), plain] {
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
    }
    Ok(())
}

/// The distinct folded words of a text, sorted: what the index keeps of it.
pub(crate) fn distinct_words(text: &str) -> Vec<Box<str>> {
    let mut found: Vec<Box<str>> = (crate::words::words(text))
        .map(|(_, w)| w.into_boxed_str())
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Box<str>> {
        distinct_words(text)
    }

    fn ids(index: &SearchIndex, found: &Matches) -> Vec<String> {
        let mut ids: Vec<_> = found.numbers().map(|n| index.doc(n).id.clone()).collect();
        ids.sort();
        ids
    }

    #[test]
    fn words_prefixes_and_changes() {
        let mut index = SearchIndex::default();
        index.add(
            "a",
            Kind::Entries,
            1,
            DocMeta::default(),
            &words("Walking by the sea"),
        );
        index.add(
            "b",
            Kind::Entries,
            2,
            DocMeta::default(),
            &words("A walk, then tea"),
        );
        assert_eq!(ids(&index, &index.having("walk", true)), ["a", "b"]);
        assert_eq!(ids(&index, &index.having("walk", false)), ["b"]);
        // A changed text replaces the old one: its old words no longer find it.
        index.add(
            "a",
            Kind::Entries,
            3,
            DocMeta::default(),
            &words("Rain all day"),
        );
        assert_eq!(ids(&index, &index.having("walk", true)), ["b"]);
        assert_eq!(index.hash_of("a"), Some(3));
        index.remove("b");
        assert!(ids(&index, &index.having("walk", true)).is_empty());
    }

    #[test]
    fn the_index_reads_back_what_was_written_and_compacts_away_the_dead() {
        let root = tempfile::tempdir().unwrap();
        let codec = Codec::plain();
        let mut index = SearchIndex::default();
        for n in 0..300 {
            let text = format!("day {n} walk{}", n % 7);
            index.add(
                &format!("e{n}"),
                Kind::Entries,
                n,
                DocMeta::default(),
                &words(&text),
            );
        }
        for n in 0..200 {
            index.remove(&format!("e{n}"));
        }
        index.write_if_changed(root.path(), &codec).unwrap();
        let back = SearchIndex::read(root.path(), &codec);
        assert!(!back.changed, "the index written is the one read");
        assert_eq!(back.docs.len(), 100, "the dead were left out");
        let walk3 = ids(&back, &back.having("walk3", false));
        let expected: Vec<_> = (200..300)
            .filter(|n| n % 7 == 3)
            .map(|n| format!("e{n}"))
            .collect();
        let mut expected = expected;
        expected.sort();
        assert_eq!(walk3, expected);
        assert_eq!(back.hash_of("e250"), Some(250));
    }

    #[test]
    fn a_damaged_index_is_an_empty_one_to_build_again() {
        let root = tempfile::tempdir().unwrap();
        let mut index = SearchIndex::default();
        index.add("a", Kind::Entries, 1, DocMeta::default(), &words("sea"));
        index
            .write_if_changed(root.path(), &Codec::plain())
            .unwrap();
        let path = search_file(root.path());
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.truncate(bytes.len() - 2);
        std::fs::write(&path, bytes).unwrap();
        let back = SearchIndex::read(root.path(), &Codec::plain());
        assert!(
            back.changed && back.ids().next().is_none(),
            "rebuilt from nothing"
        );
    }
}

mod postings;
