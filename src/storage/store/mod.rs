//! The journal on disk: one pretty JSON file per document under the data directory.
//!
//! ```text
//! <data dir>/
//!   settings.json
//!   entries/2026/2026-11-23-<id>.json
//!   worksheets/love-languages/2026-11-23-<id>.json
//!   visions/grand-vision.json      one vision: its latest revisions
//!   vision-history/grand-vision/0001-<hash>.json   each older revision, written once
//!   attachments/<id>/<hash>.jpg   an entry's photos (see crate::attachments)
//!   trash/<id>.json  a deleted entry or filling, restorable for 30 days
//!   trash/attachments/<id>/   a deleted entry's photos
//!   journal-id       the journal's id, written once (see crate::paths)
//!   .stignore        Syncthing's list of what not to sync, written once
//!   identity.age     only when encrypted: the key, encrypted with the passphrase
//! ```
//!
//! The caches (`.index`, `.search`), the locks and the automatic backups belong to one
//! computer: they are kept outside the folder, under the journal's id (see `crate::paths`).
//!
//! An encrypted journal (see [`crate::crypt`]) has the same files, each ending in `.age`
//! (`entries/2026/2026-11-23-<id>.json.age`), and opens only with its key.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

mod attachments;
mod backup;
mod care;
mod conversion;
mod encryption;
mod entries;
mod fillings;
pub mod index;
mod look_back;
mod search;
pub(crate) mod search_index;
pub mod settings;
mod trash;
mod versions;
mod vision_history;
mod vision_versions;
mod visions;
mod write;

use write::{persist, write_doc, Known};

pub use conversion::CutShort;
pub use encryption::RECOVERED;
pub use index::EntryFiles;
pub use trash::{TrashKind, Trashed, KEEP_DAYS};
pub use versions::{Keep, Resolved, TwoVersions, VersionPair};

use chrono::NaiveDate;
use serde::Serialize;
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::care::CareCard;
use crate::crypt::{self, Codec, Key};
use crate::document::{self, Notice, Problem, Stored};
use crate::error::{Error, Result};
use crate::filling::Filling;
use crate::fsio::{self, FileLock};
use crate::prompts::Theme;
use crate::settings::Settings;
use crate::vision::Vision;

pub use crate::clock::{Clock, SystemClock};

/// What the app needs to draw its first screen.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct JournalInfo {
    pub data_dir: String,
    /// Where this computer keeps the journal's automatic backups (outside its folder).
    pub backups_dir: String,
    /// Whether that is a folder chosen for them on this computer, not the usual place.
    pub backups_chosen: bool,
    pub today: NaiveDate,
    pub settings: Settings,
    /// Today's themes, for where the user stands.
    pub themes: Vec<Theme>,
    pub problems: Vec<Problem>,
    /// What Tend did on its own at open that the person should hear of (a change of
    /// encryption that was cut short, finished now).
    pub notices: Vec<Notice>,
    /// The folder cannot be written: the app says so and saves nothing.
    pub read_only: bool,
    /// Nobody has said yet where they stand: the app asks first. Not when settings.json
    /// exists but cannot be read: that journal is not new, and its problem is shown instead.
    pub first_run: bool,
    pub entry_count: usize,
    /// Encrypted at rest: the app locks after the idle time in settings, and on request.
    pub encrypted: bool,
    /// The quiet card pointing to support after several very low days.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub care_card: Option<CareCard>,
}

pub struct Store {
    root: PathBuf,
    clock: Box<dyn Clock>,
    /// Every entry, by id: what the index knows of it, its body read when wanted.
    entries: HashMap<String, index::Indexed>,
    /// The index on disk differs from the entries here: it is written again.
    index_stale: bool,
    /// The entries' folders as they were at open, before anything in them was read: the index
    /// keeps them with its rows (any change since makes a folder differ, so it stays true).
    index_folders: Vec<index::FolderStamp>,
    fillings: HashMap<String, Stored<Filling>>,
    visions: HashMap<String, Stored<Vision>>,
    /// By vision, the numbers whose file in `vision-history/` holds its revision (read or
    /// written there by this store): see `vision_history`.
    vision_history: HashMap<String, std::collections::BTreeSet<u32>>,
    settings: Settings,
    /// settings.json exists but could not be read; it is set aside before it is replaced.
    settings_unreadable: bool,
    problems: Vec<Problem>,
    /// What the open did on its own that the person should hear of.
    notices: Vec<Notice>,
    /// Files holding a second version of a document shown, for the person to resolve.
    versions: Vec<versions::OtherVersion>,
    /// The folder cannot be written (a read-only mount, say): the journal opens to read.
    read_only: bool,
    /// Plain, or encrypting with the journal's key.
    codec: Codec,
    /// During an import batch: the documents written but not yet in place, and their ids
    /// (entries, fillings) to take back if the batch cannot be committed.
    batch: Option<(fsio::Batch, Vec<String>)>,
    /// The search index, read at the first search (see [`crate::search`]).
    search: Option<search_index::SearchIndex>,
    /// The document folders as they were just before they were read (see
    /// [`crate::document::changes`]).
    opened_folders: Option<Vec<crate::document::changes::Folder>>,
    /// Copies merged in memory at open, not yet saved and removed (see `settle_copies`).
    unsettled: Unsettled,
    _instance: Option<FileLock>,
}

/// What an open merged in memory from a sync tool's copies of visions and settings, for an
/// open that holds the journal to save: a read moves nothing.
#[derive(Default)]
struct Unsettled {
    /// Visions that took in another version.
    visions: Vec<String>,
    /// The copies, by vision, with the revisions they hold: removed once those are on disk.
    vision_copies: Vec<(String, PathBuf, Vec<crate::vision::Revision>)>,
    /// The settings differ from `settings.json` after the merge.
    settings_changed: bool,
    /// The settings' copies merged in.
    settings_copies: Vec<PathBuf>,
}

use crate::paths;
pub(crate) use crate::paths::{write_turn, ENTRIES, SETTINGS, VISIONS, WORKSHEETS};
pub(crate) use vision_history::HISTORY as VISION_HISTORY;

impl Store {
    /// Opens (creating if needed) the journal at `root` and loads every readable document.
    /// Whatever cannot be read (a file, a folder, settings.json) is listed in
    /// [`Store::problems`] and left untouched; only a journal folder that cannot be read at all
    /// stops it. A read-only folder opens read-only (see [`Store::read_only`]).
    pub fn open(root: impl Into<PathBuf>, clock: Box<dyn Clock>) -> Result<Store> {
        Self::open_with(root, clock, None)
    }

    /// [`Store::open`] with the key of an encrypted journal (see [`Key::unlock`]); an
    /// encrypted journal without one is [`Error::Encrypted`]. A conversion that a crash cut
    /// short (encryption being turned on or off) is finished first.
    pub fn open_with(
        root: impl Into<PathBuf>,
        clock: Box<dyn Clock>,
        key: Option<Key>,
    ) -> Result<Store> {
        let root = root.into();
        fsio::create_dir_durable(&root)?;
        let top = fs::read_dir(&root).map_err(|e| Error::Unreadable {
            path: root.clone(),
            reason: format!(
                "Tend cannot open its journal folder ({e}). Check that it exists and that your \
                 user may open it, for example with: chmod u+rwx {}",
                root.display()
            ),
        })?;
        // The journal folder itself says whether it may be written (its locks are elsewhere).
        let read_only = !paths::may_write(&root)
            || matches!(
                FileLock::probe(&paths::write_lock(&root)),
                Err(Error::ReadOnly { .. })
            );
        if !read_only {
            paths::settle_layout(&root);
        }
        let codec = codec_for(&root, key)?;
        if codec.seals() {
            // Encryption turned on on another computer: this one's plain caches (every word of
            // her writing, in `.search`) go; the encrypted ones are built in their place.
            let cache = paths::cache_dir(&root);
            for plain in [index::INDEX, search_index::SEARCH] {
                let _ = fs::remove_file(cache.join(plain));
            }
        }
        let mut store = Store {
            root,
            clock,
            entries: HashMap::new(),
            index_stale: false,
            index_folders: Vec::new(),
            fillings: HashMap::new(),
            visions: HashMap::new(),
            vision_history: HashMap::new(),
            settings: Settings::default(),
            settings_unreadable: false,
            problems: Vec::new(),
            notices: Vec::new(),
            versions: Vec::new(),
            read_only,
            codec,
            batch: None,
            search: None,
            opened_folders: None,
            unsettled: Unsettled::default(),
            _instance: None,
        };
        if !read_only {
            // Unfinished, it is no reason not to open: both forms load, and the next open
            // tries again.
            if let Err(e) = store.finish_conversion() {
                let root = store.root.clone();
                store.problems.push(Problem::from_error(&root, e));
            }
        }
        store.note_identity_copies();
        store.load_settings();
        // Temporary files of saves (at the top: settings), deletes and backups.
        // And this computer's caches: a cache write a kill cut short leaves its temporary file
        // there, which may hold every word in plain.
        let shallow = [
            store.root.join("trash"),
            paths::backups_dir(&store.root),
            paths::cache_dir(&store.root),
        ]
        .map(fs::read_dir);
        let mut leftovers: Vec<PathBuf> = shallow
            .into_iter()
            .flatten()
            .flatten()
            .chain(top)
            .filter_map(|item| item.ok())
            .filter(|item| document::is_leftover(&item.file_name().to_string_lossy()))
            .map(|item| item.path())
            .collect();
        store.opened_folders = crate::document::changes::stamp(&store.root);
        let codec = &store.codec;
        let entries = index::load(
            &store.root,
            &store.root.join(ENTRIES),
            codec,
            &mut store.problems,
        );
        let fillings = document::load_all(&store.root.join(WORKSHEETS), codec, &mut store.problems);
        let visions = document::load_all(&store.root.join(VISIONS), codec, &mut store.problems);
        let second = |kind, found: Vec<(String, PathBuf)>| {
            (found.into_iter()).map(move |(id, path)| versions::OtherVersion { kind, id, path })
        };
        store.versions = second(TrashKind::Entry, entries.versions)
            .chain(second(TrashKind::Filling, fillings.versions))
            .collect();
        store.entries = entries.docs;
        store.index_stale = entries.stale;
        store.index_folders = entries.folders;
        store.fillings = fillings.docs;
        store.visions = visions.docs;
        let (history_leftovers, history_versions) = store.load_vision_history();
        for (path, _) in visions.superseded.iter().map(|s| (&s.path, ())) {
            let reason = "another file holds the same vision, saved later; this one is not shown";
            store.problems.push(Problem::new(path, reason));
        }
        // A vision changed on two computers keeps both as revisions.
        let mut vision_versions = store.read_vision_versions(visions.versions);
        vision_versions.extend(history_versions);
        store.take_in_vision_versions(vision_versions);
        leftovers.extend(entries.leftovers);
        leftovers.extend(fillings.leftovers);
        leftovers.extend(visions.leftovers);
        leftovers.extend(history_leftovers);
        store.tidy(leftovers, entries.superseded, fillings.superseded);
        store.purge_trash();
        store.sweep_restore_staging(false);
        store.find_interrupted_restore();
        store.write_index_if_stale();
        store.problems.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(store)
    }

    /// Like [`Store::open`], and holds the journal for this process alone until dropped: a
    /// second app on the same data directory gets [`Error::Locked`] at once. A read-only
    /// journal needs no lock, since nothing can be written to it.
    pub fn open_exclusive(root: impl Into<PathBuf>, clock: Box<dyn Clock>) -> Result<Store> {
        Self::open_holding(root.into(), clock, None, std::time::Duration::ZERO)
    }

    /// [`Store::open_exclusive`] with the key of an encrypted journal.
    pub fn open_exclusive_with(
        root: impl Into<PathBuf>,
        clock: Box<dyn Clock>,
        key: Option<Key>,
    ) -> Result<Store> {
        Self::open_holding(root.into(), clock, key, std::time::Duration::ZERO)
    }

    /// For a command that writes: holds the journal like [`Store::open_exclusive`], but waits
    /// its turn behind another command (a few seconds), so that writers queue rather than
    /// fail. The app is never waited for: its sessions are long, and the error says so.
    pub fn open_to_write(root: impl Into<PathBuf>, clock: Box<dyn Clock>) -> Result<Store> {
        Self::open_holding(root.into(), clock, None, fsio::LOCK_WAIT)
    }

    /// [`Store::open_to_write`] with the key of an encrypted journal.
    pub fn open_to_write_with(
        root: impl Into<PathBuf>,
        clock: Box<dyn Clock>,
        key: Option<Key>,
    ) -> Result<Store> {
        Self::open_holding(root.into(), clock, key, fsio::LOCK_WAIT)
    }

    fn open_holding(
        root: PathBuf,
        clock: Box<dyn Clock>,
        key: Option<Key>,
        wait: std::time::Duration,
    ) -> Result<Store> {
        fsio::create_dir_durable(&root)?;
        paths::held_by_older_tend(&root)?;
        let lock = match FileLock::waiting(&paths::instance_lock(&root), &root, wait) {
            Ok(lock) => Some(lock),
            Err(Error::ReadOnly { .. }) => None,
            Err(e) => return Err(e),
        };
        let mut store = Store::open_with(root, clock, key)?;
        let holding = lock.is_some();
        store._instance = lock;
        if holding {
            store.sweep_restore_staging(true);
            store.settle_copies();
        }
        Ok(store)
    }

    /// For an open that holds the journal to write (the app, a command that writes): what the
    /// open merged from a sync tool's copies of visions and settings is saved, and each copy
    /// whose content is then on disk goes. A read leaves them, showing the merge.
    fn settle_copies(&mut self) {
        if self.read_only {
            return;
        }
        self.settle_vision_versions();
        self.settle_settings_copies();
    }

    /// Whether the journal's folder cannot be written: everything reads, nothing saves.
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// The key an encrypted journal was opened with: to open it again where it has moved.
    pub fn key(&self) -> Option<&Key> {
        self.codec.key()
    }

    /// After a crash: temporary files are removed, and of a document found twice (a move cut
    /// short) the older copy goes to the trash. Only when no writer is at work, since a
    /// writer's temporary file is still in use; otherwise the next open does it.
    fn tidy(
        &mut self,
        leftovers: Vec<PathBuf>,
        entries: Vec<index::Indexed>,
        fillings: Vec<Stored<Filling>>,
    ) {
        if self.read_only || (leftovers.is_empty() && entries.is_empty() && fillings.is_empty()) {
            return;
        }
        let Ok(_turn) = FileLock::try_exclusive(&paths::write_lock(&self.root), &self.root) else {
            return;
        };
        for path in leftovers {
            if let Err(e) = fs::remove_file(&path) {
                let reason = format!("a temporary file Tend could not remove ({e})");
                self.problems.push(Problem::new(&path, reason));
            }
        }
        for older in entries {
            let doc = match older.entry(&self.codec) {
                Ok(doc) => doc.clone(),
                Err(e) => {
                    self.problems.push(Problem::from_error(&older.path, e));
                    continue;
                }
            };
            let older = Stored {
                path: older.path,
                doc,
                stamp: None,
            };
            let title = trash::entry_title(&older.doc);
            self.bury(TrashKind::Entry, &older, older.doc.date, title);
        }
        for older in fillings {
            let title = self.filling_title(&older.doc);
            self.bury(TrashKind::Filling, &older, older.doc.date, title);
        }
    }

    /// Writes the entries' index when it is not what is on disk. A cache: a failure (a
    /// read-only folder) only means the next open looks at the files again.
    fn write_index_if_stale(&mut self) {
        if self.index_stale && !self.read_only {
            let written = index::write(&self.root, &self.codec, &self.entries, &self.index_folders);
            self.index_stale = written.is_err();
        }
    }

    pub fn info(&self) -> JournalInfo {
        JournalInfo {
            data_dir: self.root.display().to_string(),
            backups_dir: paths::backups_dir(&self.root).display().to_string(),
            backups_chosen: paths::chosen_backups_folder().is_some(),
            today: self.today(),
            settings: self.settings.clone(),
            themes: crate::prompts::themes_for(self.settings.stance),
            problems: self.problems.clone(),
            notices: self.notices.clone(),
            read_only: self.read_only,
            first_run: self.settings.stance.is_none() && !self.settings_unreadable,
            entry_count: self.entries.len(),
            encrypted: self.codec.seals(),
            care_card: self.low_mood_card(),
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

    /// What the open did on its own that the person should hear of (see [`Notice`]).
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// The open's problems with anything below the top-level `folders` (`entries`, say): the
    /// documents there that could not be loaded at all.
    pub(crate) fn problems_below<'a>(
        &'a self,
        folders: &'a [&str],
    ) -> impl Iterator<Item = &'a Problem> + 'a {
        self.problems.iter().filter(move |p| {
            let path = Path::new(&p.path);
            folders.iter().any(|f| path.starts_with(self.root.join(f)))
        })
    }
}

/// A fresh document id: 32 hex digits, random.
pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// How the journal at `root` is read and written, given the key the caller has (if any).
fn codec_for(root: &Path, key: Option<Key>) -> Result<Codec> {
    if !crypt::is_encrypted(root) {
        return Ok(Codec::plain());
    }
    let key = key.ok_or_else(|| Error::Encrypted {
        path: root.to_path_buf(),
    })?;
    Ok(if root.join(crypt::DECRYPTING).exists() {
        Codec::unsealing(key)
    } else {
        Codec::sealed(key)
    })
}
