//! The store's search index, brought up to date with the documents before a search asks it
//! (the asking is in `crate::search`, a floor up).

use std::path::Path;

use super::index::{self, relative, relative_str, EntryMeta, Indexed};
use super::search_index::{distinct_words, DocMeta, SearchIndex};
use super::{codec_for, Store};
use crate::crypt::{Codec, Key};
use crate::document::changes as folders;
use crate::document::content_hash_u64;
use crate::error::Result;
use crate::kind::Kind;
use crate::readable::{self, searchable};
use crate::voice::Voice;

impl Store {
    /// The search index brought up to date with the documents, and what a search reads its
    /// hits' files with: the journal's folder, its codec, and the words of worksheet titles.
    pub(crate) fn search_index(&mut self) -> (Option<&SearchIndex>, &Path, &Codec, Voice) {
        self.update_search_index();
        let voice = self.settings.voice();
        (self.search.as_ref(), &self.root, &self.codec, voice)
    }

    /// The search index as written, for a search without opening the journal (`tend
    /// search`): when no document folder changed since the index was written by a journal
    /// that had just read them all; `None` when the journal must be opened. An open of
    /// 100,000 entries looks at every file; this looks at a dozen folders.
    pub(crate) fn unopened_search_index(
        root: &Path,
        key: Option<Key>,
    ) -> Result<Option<(SearchIndex, Codec, Voice)>> {
        let codec = codec_for(root, key)?;
        let index = SearchIndex::read(root, &codec);
        let Some(recorded) = &index.folders else {
            return Ok(None);
        };
        if folders::stamp(root).as_ref() != Some(recorded) {
            return Ok(None);
        }
        let settings = super::settings::read(root, &codec).1.ok().flatten();
        let voice = settings.unwrap_or_default().voice();
        Ok(Some((index, codec, voice)))
    }

    /// Adds to the search index what is new or changed since it was written, and takes out
    /// what is gone; reading only the documents whose words changed. The index is a cache: if
    /// it cannot be written, the next search does this again.
    fn update_search_index(&mut self) {
        let mut index = match self.search.take() {
            Some(index) => index,
            None => SearchIndex::read(&self.root, &self.codec),
        };
        let gone: Vec<String> = (index.ids())
            .filter(|id| {
                !self.entries.contains_key(*id)
                    && !self.fillings.contains_key(*id)
                    && !self.visions.contains_key(*id)
            })
            .map(String::from)
            .collect();
        gone.iter().for_each(|id| index.remove(id));

        let mut changed: Vec<&Indexed> = Vec::new();
        for entry in self.entries.values() {
            let id = &entry.meta.id;
            if index.hash_of(id) != Some(entry.meta.text) {
                changed.push(entry);
            } else if !(index.meta_of(id)).is_some_and(|m| same_meta(m, &self.root, entry)) {
                index.set_meta(id, entry_meta(&self.root, entry));
            }
        }
        // A few thousand at a time: the words of 100,000 entries at once would take a
        // gigabyte before the index held them more compactly.
        for part in changed.chunks(4096) {
            let words = index::map_bodies(part, &self.codec, |e| distinct_words(&e.body));
            for (entry, words) in part.iter().zip(words) {
                let (id, text) = (&entry.meta.id, entry.meta.text);
                match words {
                    Some(words) => {
                        let meta = entry_meta(&self.root, entry);
                        index.add(id, Kind::Entries, text, meta, &words);
                    }
                    None => index.remove(id),
                }
            }
        }
        for (kind, doc, meta) in self.readable_others() {
            let text = searchable(&doc);
            let hash = content_hash_u64(&[&text]);
            if index.hash_of(&doc.id) != Some(hash) {
                index.add(&doc.id, kind, hash, meta, &distinct_words(&text));
            } else if index.meta_of(&doc.id) != Some(&meta) {
                index.set_meta(&doc.id, meta);
            }
        }
        // Whole as of the folders seen at open, if nothing was saved since by anyone.
        let now = folders::stamp(&self.root);
        let whole = now.is_some() && now == self.opened_folders;
        let folders = if whole { now } else { None };
        if index.folders != folders {
            index.folders = folders;
            index.changed = true;
        }
        if !self.read_only {
            let _ = index.write_if_changed(&self.root, &self.codec);
        }
        self.search = Some(index);
    }

    /// The worksheet fillings and visions as a person reads them, with what the index keeps
    /// of each.
    fn readable_others(&self) -> Vec<(Kind, readable::Readable, DocMeta)> {
        let voice = self.settings.voice();
        let time =
            |t: chrono::DateTime<chrono::FixedOffset>| (t.timestamp(), t.timestamp_subsec_nanos());
        let mut out = Vec::new();
        for stored in self.fillings.values() {
            let filling = &stored.doc;
            let meta = DocMeta {
                path: relative(&self.root, &stored.path),
                date: chrono::Datelike::num_days_from_ce(&filling.date),
                created: time(filling.created),
                worksheet: Some(filling.worksheet.clone()),
                ..DocMeta::default()
            };
            out.push((Kind::Worksheets, readable::filling(filling, &voice), meta));
        }
        for stored in self.visions.values() {
            let Some(latest) = stored.doc.latest() else {
                continue;
            };
            let meta = DocMeta {
                path: relative(&self.root, &stored.path),
                date: chrono::Datelike::num_days_from_ce(&latest.updated.date_naive()),
                created: time(latest.updated),
                ..DocMeta::default()
            };
            out.push((Kind::Visions, readable::vision(&stored.doc, &voice), meta));
        }
        out
    }
}

/// What the search index keeps of an entry besides its words.
fn entry_meta(root: &Path, entry: &Indexed) -> DocMeta {
    let meta: &EntryMeta = &entry.meta;
    DocMeta {
        path: relative(root, &entry.path),
        date: chrono::Datelike::num_days_from_ce(&meta.date),
        created: (
            meta.created.timestamp(),
            meta.created.timestamp_subsec_nanos(),
        ),
        mood: meta.mood.as_ref().map(|m| m.score),
        tags: meta.tags.clone(),
        worksheet: None,
    }
}

/// Whether the index's facts of an entry are still its facts, without building them anew (a
/// search in the app looks at every entry on each keystroke).
fn same_meta(kept: &DocMeta, root: &Path, entry: &Indexed) -> bool {
    let meta = &entry.meta;
    kept.date == chrono::Datelike::num_days_from_ce(&meta.date)
        && kept.created
            == (
                meta.created.timestamp(),
                meta.created.timestamp_subsec_nanos(),
            )
        && kept.mood == meta.mood.as_ref().map(|m| m.score)
        && kept.tags == meta.tags
        && relative_str(root, &entry.path) == Some(kept.path.as_str())
}
