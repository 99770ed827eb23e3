//! The journal on disk: one pretty JSON file per document under the data directory.
//!
//! ```text
//! <data dir>/
//!   settings.json
//!   entries/2026/2026-11-23-<id>.json
//!   .instance.lock   held by the app while it runs: one app per journal
//!   .write.lock      held for each save, by the app and the command line alike
//! ```

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::document::{self, Problem, Stored};
use crate::entry::{Entry, EntryDraft, EntrySummary, ENTRY_SCHEMA};
use crate::error::{Error, Result};
use crate::fsio::{self, FileLock};
use crate::prompts::Theme;
use crate::settings::{Settings, SETTINGS_SCHEMA};

/// The time source; tests pass a fixed one so that results do not depend on when they run.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<FixedOffset>;
}

/// The computer's clock, in its local time zone.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        chrono::Local::now().fixed_offset()
    }
}

/// What the app needs to draw its first screen.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JournalInfo {
    pub data_dir: String,
    pub today: NaiveDate,
    pub settings: Settings,
    pub themes: Vec<Theme>,
    pub problems: Vec<Problem>,
    pub entry_count: usize,
}

pub struct Store {
    root: PathBuf,
    clock: Box<dyn Clock>,
    entries: HashMap<String, Stored<Entry>>,
    settings: Settings,
    /// settings.json exists but could not be read; it is set aside before it is replaced.
    settings_unreadable: bool,
    problems: Vec<Problem>,
    _instance: Option<FileLock>,
}

const ENTRIES: &str = "entries";
const SETTINGS: &str = "settings.json";

impl Store {
    /// Opens (creating if needed) the journal at `root` and loads every readable document.
    /// Unreadable files are listed in [`Store::problems`] and left untouched.
    pub fn open(root: impl Into<PathBuf>, clock: Box<dyn Clock>) -> Result<Store> {
        let root = root.into();
        fsio::create_dir_durable(&root)?;
        let mut store = Store {
            root,
            clock,
            entries: HashMap::new(),
            settings: Settings::default(),
            settings_unreadable: false,
            problems: Vec::new(),
            _instance: None,
        };
        store.load_settings()?;
        store.load_entries()?;
        store.problems.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(store)
    }

    /// Like [`Store::open`], and holds the journal for this process alone until dropped: a
    /// second app on the same data directory gets [`Error::Locked`].
    pub fn open_exclusive(root: impl Into<PathBuf>, clock: Box<dyn Clock>) -> Result<Store> {
        let root = root.into();
        fsio::create_dir_durable(&root)?;
        let lock = FileLock::try_exclusive(&root.join(".instance.lock"), &root)?;
        let mut store = Store::open(root, clock)?;
        store._instance = Some(lock);
        Ok(store)
    }

    pub fn info(&self) -> JournalInfo {
        JournalInfo {
            data_dir: self.root.display().to_string(),
            today: self.today(),
            settings: self.settings.clone(),
            themes: crate::prompts::catalog().themes.clone(),
            problems: self.problems.clone(),
            entry_count: self.entries.len(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.now().date_naive()
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

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
                if old.date == draft.date
                    && old.prompt == draft.prompt
                    && old.body == draft.body
                    && old.mood == draft.mood
                    && old.tags == draft.tags
                {
                    return Ok(old.clone());
                }
                let entry = Entry {
                    date: draft.date,
                    prompt: draft.prompt,
                    body: draft.body,
                    mood: draft.mood,
                    tags: draft.tags,
                    updated: now,
                    ..old.clone()
                };
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
                let entry = Entry {
                    schema: ENTRY_SCHEMA,
                    id: uuid::Uuid::new_v4().simple().to_string(),
                    date: draft.date,
                    prompt: draft.prompt,
                    body: draft.body,
                    mood: draft.mood,
                    tags: draft.tags,
                    created: now,
                    updated: now,
                };
                let path = self.new_entry_path(&entry);
                (entry, path)
            }
        };
        {
            let _turn = self.write_turn()?;
            fsio::write_atomic(&path, &document::to_pretty_json(&entry))?;
        }
        if let Some(old) = self.entries.get(&entry.id).map(|s| s.path.clone()) {
            if old != path {
                // The new file is durable; only now may the old one go.
                fs::remove_file(&old).map_err(|e| Error::io(&old, e))?;
            }
        }
        self.entries.insert(
            entry.id.clone(),
            Stored {
                path,
                doc: entry.clone(),
            },
        );
        Ok(entry)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn save_settings(&mut self, settings: Settings) -> Result<Settings> {
        let settings = settings.validated()?;
        let path = self.root.join(SETTINGS);
        let _turn = self.write_turn()?;
        if self.settings_unreadable {
            // Never overwrite a file we could not read: keep it beside, under a dated name.
            let aside = self.root.join(format!(
                "settings.unreadable-{}.json",
                self.clock.now().format("%Y%m%d-%H%M%S")
            ));
            fs::rename(&path, &aside).map_err(|e| Error::io(&path, e))?;
            self.settings_unreadable = false;
        }
        fsio::write_atomic(&path, &document::to_pretty_json(&settings))?;
        self.settings = settings.clone();
        Ok(settings)
    }

    fn write_turn(&self) -> Result<FileLock> {
        FileLock::exclusive(&self.root.join(".write.lock"))
    }

    fn new_entry_path(&self, entry: &Entry) -> PathBuf {
        self.root
            .join(ENTRIES)
            .join(entry.date.format("%Y").to_string())
            .join(format!(
                "{}-{}.json",
                entry.date.format("%Y-%m-%d"),
                entry.id
            ))
    }

    fn load_settings(&mut self) -> Result<()> {
        let path = self.root.join(SETTINGS);
        if let Some(bytes) = fsio::read_optional(&path)? {
            match document::parse::<Settings>(
                &path,
                &bytes,
                SETTINGS_SCHEMA,
                document::no_migration,
            ) {
                Ok(settings) => self.settings = settings,
                Err(e) => {
                    self.settings_unreadable = true;
                    self.problems.push(problem_from(&path, e));
                }
            }
        }
        Ok(())
    }

    fn load_entries(&mut self) -> Result<()> {
        self.entries = document::load_all(&self.root.join(ENTRIES), &mut self.problems)?;
        Ok(())
    }
}

fn problem_from(path: &Path, error: Error) -> Problem {
    match error {
        Error::Unreadable { reason, .. } => Problem::new(path, reason),
        other => Problem::new(path, other.to_string()),
    }
}
