//! The journal on disk: one pretty JSON file per document under the data directory.
//!
//! ```text
//! <data dir>/
//!   settings.json
//!   entries/2026/2026-11-23-<id>.json
//!   worksheets/love-languages/2026-11-23-<id>.json
//!   visions/grand-vision.json      every revision of one vision
//!   trash/<id>.json  a deleted entry or filling, restorable for 30 days
//!   backups/tend-2026-11-23-211500.zip   automatic backups (see crate::backup)
//!   .instance.lock   held by the app while it runs: one app per journal
//!   .write.lock      held for each save, by the app and the command line alike
//! ```

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

mod backup;
mod care;
mod entries;
mod fillings;
mod trash;
mod visions;

pub use trash::{TrashKind, Trashed, KEEP_DAYS};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::care::CareCard;
use crate::document::{self, Document, Problem, Stored};
use crate::entry::Entry;
use crate::error::{Error, Result};
use crate::filling::Filling;
use crate::fsio::{self, FileLock};
use crate::prompts::Theme;
use crate::settings::{Settings, SETTINGS_SCHEMA};
use crate::vision::Vision;

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
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct JournalInfo {
    pub data_dir: String,
    pub today: NaiveDate,
    pub settings: Settings,
    /// Today's themes, for where the user stands.
    pub themes: Vec<Theme>,
    pub problems: Vec<Problem>,
    pub entry_count: usize,
    /// The quiet card pointing to support after several very low days.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub care_card: Option<CareCard>,
}

pub struct Store {
    root: PathBuf,
    clock: Box<dyn Clock>,
    entries: HashMap<String, Stored<Entry>>,
    fillings: HashMap<String, Stored<Filling>>,
    visions: HashMap<String, Stored<Vision>>,
    settings: Settings,
    /// settings.json exists but could not be read; it is set aside before it is replaced.
    settings_unreadable: bool,
    problems: Vec<Problem>,
    _instance: Option<FileLock>,
}

const ENTRIES: &str = "entries";
/// Held by the app (and by a restore) for as long as it has the journal.
pub(crate) const INSTANCE_LOCK: &str = ".instance.lock";
const SETTINGS: &str = "settings.json";
const WORKSHEETS: &str = "worksheets";
const VISIONS: &str = "visions";

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
            fillings: HashMap::new(),
            visions: HashMap::new(),
            settings: Settings::default(),
            settings_unreadable: false,
            problems: Vec::new(),
            _instance: None,
        };
        store.load_settings()?;
        store.load_entries()?;
        store.load_fillings()?;
        store.load_visions()?;
        store.purge_trash();
        store.find_interrupted_restore();
        store.problems.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(store)
    }

    /// Like [`Store::open`], and holds the journal for this process alone until dropped: a
    /// second app on the same data directory gets [`Error::Locked`].
    pub fn open_exclusive(root: impl Into<PathBuf>, clock: Box<dyn Clock>) -> Result<Store> {
        let root = root.into();
        fsio::create_dir_durable(&root)?;
        let lock = FileLock::try_exclusive(&root.join(INSTANCE_LOCK), &root)?;
        let mut store = Store::open(root, clock)?;
        store._instance = Some(lock);
        Ok(store)
    }

    pub fn info(&self) -> JournalInfo {
        JournalInfo {
            data_dir: self.root.display().to_string(),
            today: self.today(),
            settings: self.settings.clone(),
            themes: crate::prompts::themes_for(self.settings.stance),
            problems: self.problems.clone(),
            entry_count: self.entries.len(),
            care_card: self.care_card(),
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

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn save_settings(&mut self, settings: Settings) -> Result<Settings> {
        let settings = settings.validated()?;
        let path = self.root.join(SETTINGS);
        let _turn = write_turn(&self.root)?;
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
                    self.problems.push(Problem::from_error(&path, e));
                }
            }
        }
        Ok(())
    }
}

pub(crate) fn write_turn(root: &Path) -> Result<FileLock> {
    FileLock::exclusive(&root.join(".write.lock"))
}

/// A fresh document id: 32 hex digits, random.
fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// A file in the way of a new document is one Tend could not read (else it would be loaded).
/// It is never overwritten: it is renamed beside, where it is still listed as unreadable.
fn set_aside(path: &Path) -> Result<()> {
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let aside = path.with_file_name(format!("{stem}.unreadable-{}.json", &new_id()[..8]));
    fs::rename(path, &aside).map_err(|e| Error::io(path, e))
}

/// Writes `doc` durably at `path` and records it in `docs`. When the document moved (its date
/// changed), the old file is removed only once the new one is safely on disk.
fn persist<T: Document + Clone>(
    root: &Path,
    docs: &mut HashMap<String, Stored<T>>,
    doc: T,
    path: PathBuf,
) -> Result<T> {
    {
        let _turn = write_turn(root)?;
        let ours = docs.get(doc.id()).is_some_and(|s| s.path == path);
        if !ours && path.exists() {
            set_aside(&path)?;
        }
        fsio::write_atomic(&path, &document::to_pretty_json(&doc))?;
    }
    if let Some(old) = docs.get(doc.id()).map(|s| s.path.clone()) {
        if old != path {
            fs::remove_file(&old).map_err(|e| Error::io(&old, e))?;
        }
    }
    docs.insert(
        doc.id().to_string(),
        Stored {
            path,
            doc: doc.clone(),
        },
    );
    Ok(doc)
}
