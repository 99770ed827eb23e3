//! Journal entries in the store: `entries/<year>/<date>-<id>.json`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::index::{self, EntryMeta, Indexed};
use super::trash::TrashKind;
use super::{codec_for, new_id, write_doc, Clock, Known, Store, ENTRIES, SETTINGS};
use crate::crypt;
use crate::document::{self, Notice, Problem};
use crate::entry::{Entry, EntryDraft, EntryPage, EntrySummary};
use crate::error::{Error, Result};
use crate::fsio::{self, FileLock};
use crate::settings::{Settings, SETTINGS_SCHEMA};

impl Store {
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// Every entry's index row, in no order: for a question about a few of them.
    pub(crate) fn entry_metas_unsorted(&self) -> impl Iterator<Item = &EntryMeta> {
        self.entries.values().map(|i| &i.meta)
    }

    fn metas(&self) -> Vec<&Indexed> {
        let mut list: Vec<&Indexed> = self.entries.values().collect();
        list.sort_by(|a, b| {
            let (a, b) = (&a.meta, &b.meta);
            (b.date, b.created, &b.id).cmp(&(a.date, a.created, &a.id))
        });
        list
    }

    /// Every entry, whole, newest first. Reads every body not read yet: for what needs the
    /// text (an export); lists use [`Store::summaries`]. An entry whose file can no longer be
    /// read is left out.
    pub fn entries(&self) -> Vec<&Entry> {
        self.entries_where(|_| true)
    }

    /// The entries whose index row passes `wanted`, whole, newest first: only their bodies are
    /// read.
    pub fn entries_where(&self, wanted: impl Fn(&EntryMeta) -> bool) -> Vec<&Entry> {
        self.entries_read_where(wanted).0
    }

    /// [`Store::entries_where`], and each chosen entry whose file could not be read (changed
    /// or made unreadable since the index last saw it), as a problem naming it: for what must
    /// never leave an entry out silently (an export).
    pub fn entries_read_where(
        &self,
        wanted: impl Fn(&EntryMeta) -> bool,
    ) -> (Vec<&Entry>, Vec<Problem>) {
        let chosen: Vec<&Indexed> = (self.metas().into_iter())
            .filter(|i| wanted(&i.meta))
            .collect();
        index::read_bodies(&chosen, &self.codec);
        let mut read = Vec::with_capacity(chosen.len());
        let mut unread = Vec::new();
        for row in chosen {
            match row.entry(&self.codec) {
                Ok(entry) => read.push(entry),
                Err(e) => unread.push(Problem::from_error(&row.path, e)),
            }
        }
        (read, unread)
    }

    /// What the index knows of every entry, newest first (no body is read).
    pub fn entry_metas(&self) -> Vec<&EntryMeta> {
        self.metas().into_iter().map(|i| &i.meta).collect()
    }

    pub fn summaries(&self) -> Vec<EntrySummary> {
        self.metas().into_iter().map(|i| i.meta.summary()).collect()
    }

    /// `limit` entries from the `offset`th, newest first, and how many there are: the list
    /// asks for the rows it shows, not 100,000 at once.
    pub fn summaries_page(&self, offset: usize, limit: usize) -> EntryPage {
        let metas = self.metas();
        EntryPage {
            total: u32::try_from(metas.len()).unwrap_or(u32::MAX),
            entries: (metas.into_iter().skip(offset).take(limit))
                .map(|i| i.meta.summary())
                .collect(),
        }
    }

    pub fn entry(&self, id: &str) -> Result<&Entry> {
        self.entries
            .get(id)
            .ok_or_else(|| Error::NotFound {
                what: "entry",
                id: id.to_string(),
            })?
            .entry(&self.codec)
    }

    /// Every entry's file read whole, whatever the index says of it: what `tend doctor` does, so
    /// that a file changed in place without its size or time moving (or made unreadable) is
    /// named, never trusted to the cache. The problems found at open come first.
    pub fn check_every_file(&self) -> Vec<Problem> {
        let mut problems = self.problems().to_vec();
        let mut rows: Vec<&Indexed> = self.entries.values().collect();
        rows.sort_by(|a, b| a.path.cmp(&b.path));
        for row in rows {
            if let Err(e) = row.entry(&self.codec) {
                problems.push(Problem::from_error(&row.path, e));
            }
        }
        problems
    }

    /// The entry to open for `date`: the one written last that day, if any.
    pub fn latest_on(&self, date: NaiveDate) -> Option<&Entry> {
        let latest = self
            .entries
            .values()
            .filter(|i| i.meta.date == date)
            .max_by(|a, b| (a.meta.created, &a.meta.id).cmp(&(b.meta.created, &b.meta.id)))?;
        latest.entry(&self.codec).ok()
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
        let mut stale = false;
        let (entry, path) = match &draft.id {
            Some(id) => {
                let old = self.entry(id)?;
                // Only a date moved to a day to come is refused: an entry already dated later
                // (an import, a time zone ahead) still saves its edits.
                if draft.date != old.date {
                    not_after_today(&draft, now)?;
                }
                let stored_path = &self.entries[id].path;
                let mut draft = draft;
                // A saved entry keeps the prompt it was written under: writing is never moved
                // under another question (a new prompt begins a new entry).
                if !old.body.trim().is_empty() {
                    draft.prompt = old.prompt.clone();
                }
                if draft.matches(old) {
                    return Ok(old.clone());
                }
                let stored_path = stored_path.clone();
                stale = draft.base.is_some_and(|base| base != old.updated);
                let (id, created, source) = (old.id.clone(), old.created, old.source.clone());
                let attachments = old.attachments.clone();
                let mut entry = draft.into_entry(id, created, now, source);
                // The editor's draft never holds the photos: they stay as they are.
                entry.attachments = attachments;
                // An entry stays in the file it was loaded from unless its date moved.
                let path = if old.date == entry.date {
                    crypt::named(&stored_path, false)
                } else {
                    self.new_entry_path(&entry)
                };
                (entry, path)
            }
            None => {
                not_after_today(&draft, now)?;
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
        self.persist_entry_from(entry, path, stale)
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
        self.persist_entry(entry, path).map(|_| ())
    }

    /// Adds one new entry to the journal at `root` without opening it: only the settings are
    /// read (for the partner's name in a prompt), and one file is written. `make` gets the
    /// settings and today's date. The locks are taken as [`Store::open_to_write`] takes them.
    /// The index learns of the entry at the next open, which finds its file new. A journal with
    /// anything to finish first (a conversion) is opened whole instead: its notices (see
    /// [`Store::notices`]) come back with the entry and its file.
    pub fn write_new_entry(
        root: &Path,
        clock: Box<dyn Clock>,
        key: Option<crate::crypt::Key>,
        make: impl FnOnce(&Settings, NaiveDate) -> EntryDraft,
    ) -> Result<(Entry, PathBuf, Vec<Notice>)> {
        let unfinished = [crypt::ENCRYPTING, crypt::DECRYPTING]
            .iter()
            .any(|marker| root.join(marker).exists());
        let settings_path = root.join(SETTINGS);
        if unfinished || !root.is_dir() {
            let mut store = Store::open_to_write_with(root, clock, key)?;
            let draft = make(store.settings(), store.today());
            let entry = store.save_entry(draft)?;
            let path = store.entry_path(&entry.id)?.to_path_buf();
            return Ok((entry, path, store.notices));
        }
        let _instance =
            FileLock::waiting(&crate::paths::instance_lock(root), root, fsio::LOCK_WAIT)?;
        let codec = codec_for(root, key)?;
        // Settings that cannot be read are the next open's to report; the defaults name the
        // partner meanwhile.
        let settings = codec
            .read_either(&settings_path)
            .ok()
            .flatten()
            .and_then(|(found, bytes)| {
                document::parse::<Settings>(&found, &bytes, SETTINGS_SCHEMA, document::no_migration)
                    .ok()
            })
            .unwrap_or_default();
        let now = clock.now();
        let draft = make(&settings, now.date_naive()).validated()?;
        not_after_today(&draft, now)?;
        if draft.is_empty() {
            return Err(Error::invalid(
                "body: the entry is empty; write something before saving",
            ));
        }
        let entry = draft.into_entry(new_id(), now, now, None);
        let path = entry_file(root, &entry);
        let path = write_doc(root, &codec, None, None, &entry, path)?.path;
        Ok((entry, path, Vec::new()))
    }

    /// Writes `entry` durably at `path` and records it, and its index row.
    pub(super) fn persist_entry(&mut self, entry: Entry, path: PathBuf) -> Result<Entry> {
        self.persist_entry_from(entry, path, false)
    }

    /// [`Store::persist_entry`], for a writer that began from another version than the one
    /// Tend holds when `stale`: the file is then kept as the entry's second version.
    pub(super) fn persist_entry_from(
        &mut self,
        entry: Entry,
        path: PathBuf,
        stale: bool,
    ) -> Result<Entry> {
        let old = self.entries.get(&entry.id).map(|row| {
            let known = Known {
                stamp: row.stamp,
                doc: row.read(),
                stale,
            };
            (row.path.as_path(), known)
        });
        let batch = self.batch.as_mut();
        let importing = batch.is_some();
        let written = write_doc(&self.root, &self.codec, batch, old, &entry, path)?;
        let path = written.path;
        // An import's entries are not kept in memory: a hundred thousand of them would hold
        // the whole file's text twice (see `MAX_IMPORT_BYTES` of the formats' reading). Their text is
        // read from the file when it is first asked for, as after an open.
        let row = if importing {
            Indexed::unread(path, &entry)
        } else {
            Indexed::new(path, entry.clone())
        };
        self.entries.insert(entry.id.clone(), row);
        self.index_stale = true;
        if let Some(kept) = written.kept {
            self.note_version(TrashKind::Entry, &entry.id, kept);
        }
        Ok(entry)
    }

    pub(super) fn new_entry_path(&self, entry: &Entry) -> PathBuf {
        entry_file(&self.root, entry)
    }
}

/// An entry is written for today or a day before, never a day to come.
pub(super) fn not_after_today(draft: &EntryDraft, now: DateTime<FixedOffset>) -> Result<()> {
    if draft.date > now.date_naive() {
        return Err(Error::invalid(format!(
            "date: {} is after today; an entry is for today or a day before",
            draft.date
        )));
    }
    Ok(())
}

/// `entries/<year>/<date>-<id>.json` under `root`.
fn entry_file(root: &Path, entry: &Entry) -> PathBuf {
    root.join(ENTRIES)
        .join(entry.date.format("%Y").to_string())
        .join(format!(
            "{}-{}.json",
            entry.date.format("%Y-%m-%d"),
            entry.id
        ))
}
