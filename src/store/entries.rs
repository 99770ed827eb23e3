//! Journal entries in the store: `entries/<year>/<date>-<id>.json`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{new_id, persist, Store, ENTRIES};
use crate::entry::{Entry, EntryDraft, EntrySummary};
use crate::error::{Error, Result};

impl Store {
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// Newest first: by date, then by when written.
    pub fn entries(&self) -> Vec<&Entry> {
        let mut list: Vec<&Entry> = self.entries.values().map(|s| &s.doc).collect();
        list.sort_by(|a, b| (b.date, b.created, &b.id).cmp(&(a.date, a.created, &a.id)));
        list
    }

    pub fn summaries(&self) -> Vec<EntrySummary> {
        self.entries().into_iter().map(Entry::summary).collect()
    }

    pub fn entry(&self, id: &str) -> Result<&Entry> {
        self.entries
            .get(id)
            .map(|s| &s.doc)
            .ok_or_else(|| Error::NotFound {
                what: "entry",
                id: id.to_string(),
            })
    }

    /// The entry to open for `date`: the one written last that day, if any.
    pub fn latest_on(&self, date: NaiveDate) -> Option<&Entry> {
        self.entries().into_iter().find(|e| e.date == date)
    }

    pub fn entry_path(&self, id: &str) -> Result<&Path> {
        self.entries
            .get(id)
            .map(|s| s.path.as_path())
            .ok_or_else(|| Error::NotFound {
                what: "entry",
                id: id.to_string(),
            })
    }

    /// Creates (no id) or updates (id) an entry, durably. Saving what is already saved writes
    /// nothing, so an eager autosave costs no disk work.
    pub fn save_entry(&mut self, draft: EntryDraft) -> Result<Entry> {
        let draft = draft.validated()?;
        let now = self.clock.now();
        let (entry, path) = match &draft.id {
            Some(id) => {
                let stored = self.entries.get(id).ok_or_else(|| Error::NotFound {
                    what: "entry",
                    id: id.clone(),
                })?;
                let old = &stored.doc;
                let mut draft = draft;
                // A saved entry keeps the prompt it was written under: writing is never moved
                // under another question (a new prompt begins a new entry).
                if !old.body.trim().is_empty() {
                    draft.prompt = old.prompt.clone();
                }
                if draft.matches(old) {
                    return Ok(old.clone());
                }
                let (id, created, source) = (old.id.clone(), old.created, old.source.clone());
                let entry = draft.into_entry(id, created, now, source);
                // An entry stays in the file it was loaded from unless its date moved.
                let path = if old.date == entry.date {
                    stored.path.clone()
                } else {
                    self.new_entry_path(&entry)
                };
                (entry, path)
            }
            None => {
                if draft.is_empty() {
                    return Err(Error::invalid(
                        "body: the entry is empty; write something before saving",
                    ));
                }
                let entry = draft.into_entry(new_id(), now, now, None);
                let path = self.new_entry_path(&entry);
                (entry, path)
            }
        };
        persist(&self.root, &self.codec, &mut self.entries, entry, path)
    }

    /// Adds an entry as it is (ids and times kept), for import. The caller has checked it.
    pub fn insert_entry(&mut self, entry: Entry) -> Result<()> {
        if self.entries.contains_key(&entry.id) {
            return Err(Error::invalid(format!(
                "id: an entry {} exists already",
                entry.id
            )));
        }
        let path = self.new_entry_path(&entry);
        persist(&self.root, &self.codec, &mut self.entries, entry, path).map(|_| ())
    }

    pub(super) fn new_entry_path(&self, entry: &Entry) -> PathBuf {
        self.root
            .join(ENTRIES)
            .join(entry.date.format("%Y").to_string())
            .join(format!(
                "{}-{}.json",
                entry.date.format("%Y-%m-%d"),
                entry.id
            ))
    }
}
