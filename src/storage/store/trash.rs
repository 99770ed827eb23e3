//! Deleting, undoably: an entry or a worksheet filling moves to `trash/<id>.json` (the document
//! as it was, where it lived, when it was deleted), from which it can be restored to its place.
//! One file per deletion, never per id: a second deletion of one id (deleted, restored,
//! deleted again; or the older half of a cut-short date move) is `trash/<id>-2.json`, and so
//! on, so that nothing in the trash is ever written over.
//! The trash is never loaded as live documents. What has been there longer than 30 days is
//! removed when the journal opens.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;
#[cfg(feature = "ts")]
use ts_rs::TS;

use super::{persist, write_turn, Store};
use crate::crypt::{self, Codec};
use crate::document::{self, Document, Problem, Stored};
use crate::entry::{Entry, ENTRY_SCHEMA};
use crate::error::{Error, IoContext, Result};

pub(super) const TRASH: &str = "trash";

/// An entry as the trash lists it: its opening words.
pub(super) fn entry_title(entry: &crate::entry::Entry) -> String {
    entry
        .body
        .split_whitespace()
        .take(8)
        .collect::<Vec<_>>()
        .join(" ")
}
const TRASH_SCHEMA: u32 = 1;
/// How long a deleted document can be restored.
pub const KEEP_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum TrashKind {
    Entry,
    Filling,
}

impl TrashKind {
    pub fn label(self) -> &'static str {
        match self {
            TrashKind::Entry => "journal entry",
            TrashKind::Filling => "worksheet filling",
        }
    }
}

/// A deleted document, as the app lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Trashed {
    pub id: String,
    pub kind: TrashKind,
    pub date: NaiveDate,
    pub title: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub deleted: DateTime<FixedOffset>,
    /// The trash file it is in (`<id>.json`, `<id>-2.json`, …), as the trash lists it: which
    /// of several deletions of one id a restore means. Not kept in the file itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub file: Option<String>,
}

/// `trash/<id>.json`: readable without Tend, like every other file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TrashFile {
    schema: u32,
    #[serde(flatten)]
    about: Trashed,
    /// Where the document lived, relative to the data directory ("entries/2026/….json").
    path: String,
    document: Value,
}

impl Store {
    /// Moves an entry or a worksheet filling to the trash. Nothing is unlinked: the document is
    /// written to the trash before its file is removed.
    pub fn delete(&mut self, id: &str) -> Result<Trashed> {
        // Deleted, the shown version would leave the other as the document at the next open:
        // the entry she deleted would come back. She chooses between them first.
        if self.versions.iter().any(|v| v.id == id) {
            return Err(Error::invalid(
                "id: this is in two versions (a copy, or a sync tool's copy from another \
                 computer); choose between them first (the Two versions page, or `tend \
                 conflicts`), then delete the one you keep",
            ));
        }
        let deleted = self.clock.now();
        let (mut about, path, document) = if let Some(s) = self.entries.get(id) {
            let doc = s.entry(&self.codec)?;
            let about = trashed(id, TrashKind::Entry, doc.date, entry_title(doc), deleted);
            (about, s.path.clone(), serde_json::to_value(doc))
        } else if let Some(s) = self.fillings.get(id) {
            let title = self.filling_title(&s.doc);
            let about = trashed(id, TrashKind::Filling, s.doc.date, title, deleted);
            (about, s.path.clone(), serde_json::to_value(&s.doc))
        } else {
            return Err(Error::NotFound {
                what: "entry or worksheet filling",
                id: id.to_string(),
            });
        };
        {
            let _turn = write_turn(&self.root)?;
            // The photos first: should the document's move fail, they come back at the next
            // open (the purge returns a live entry's photos to it).
            if about.kind == TrashKind::Entry {
                self.trash_pictures(id)?;
            }
            about.file = Some(self.to_trash(&about, &path, document)?);
        }
        match about.kind {
            TrashKind::Entry => self.entries.remove(id).map(drop),
            TrashKind::Filling => self.fillings.remove(id).map(drop),
        };
        Ok(about)
    }

    /// A filling as the trash lists it: its worksheet's title, in the user's words.
    pub(super) fn filling_title(&self, filling: &crate::filling::Filling) -> String {
        crate::worksheet::find(&filling.worksheet).map_or_else(
            |_| filling.worksheet.clone(),
            |w| self.settings.voice().render(&w.title),
        )
    }

    /// Writes `document` (which lived at `path`) to the trash, then removes its file. The
    /// caller holds the write turn.
    pub(super) fn to_trash(
        &self,
        about: &Trashed,
        path: &Path,
        document: serde_json::Result<Value>,
    ) -> Result<String> {
        // The plain name: the document goes back in whatever form the journal then uses.
        let relative = crypt::named(path, false);
        let relative = relative
            .strip_prefix(&self.root)
            .map_err(|_| Error::invalid(format!("{} is outside the journal", path.display())))?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let file = TrashFile {
            schema: TRASH_SCHEMA,
            about: about.clone(),
            path: relative,
            // Our own plain structs always serialise.
            document: document.map_err(|e| Error::invalid(e.to_string()))?,
        };
        let written = self.codec.write(
            &self.free_trash_path(&about.id),
            document::to_pretty_json(&file),
        )?;
        fs::remove_file(path).at(path)?;
        // Its name, as the trash lists it: which deletion of the id this is.
        Ok(written
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default())
    }

    /// The older copy of a document found twice (a move a crash cut short) goes to the trash,
    /// never to "unreadable". The caller holds the write turn; a failure is a listed problem.
    pub(super) fn bury<T: Document>(
        &mut self,
        kind: TrashKind,
        older: &Stored<T>,
        date: NaiveDate,
        title: String,
    ) {
        let about = trashed(older.doc.id(), kind, date, title, self.clock.now());
        if let Err(e) = self.to_trash(&about, &older.path, serde_json::to_value(&older.doc)) {
            self.problems.push(Problem::from_error(&older.path, e));
        }
    }

    /// Brings a deleted document back to the file it was deleted from: of several deletions
    /// of one id, the latest.
    pub fn restore_deleted(&mut self, id: &str) -> Result<Trashed> {
        self.restore_deleted_from(id, None)
    }

    /// [`Store::restore_deleted`], of the deletion in the trash file `file` (as
    /// [`Store::trash`] lists it) when given: the row she chose, not the latest of its id.
    pub fn restore_deleted_from(&mut self, id: &str, file: Option<&str>) -> Result<Trashed> {
        let not_found = || Error::NotFound {
            what: "deleted document",
            id: id.to_string(),
        };
        if !document::is_valid_id(id) {
            return Err(not_found());
        }
        // Of several deletions of one id, the latest comes back; the others stay listed.
        let (trash_path, _) = self
            .trash_files()?
            .into_iter()
            .filter(|(path, t)| {
                t.id == id && file.is_none_or(|f| path.file_name().is_some_and(|n| n == f))
            })
            .max_by_key(|(path, t)| (t.deleted, deletion_number(path, id)))
            .ok_or_else(not_found)?;
        let bytes = self
            .codec
            .decode(&trash_path, fs::read(&trash_path).at(&trash_path)?)?;
        let file = read_trash_file(&trash_path, &bytes)?;
        let target =
            self.root
                .join(safe_relative(&file.path).ok_or_else(|| Error::Unreadable {
                    path: trash_path.clone(),
                    reason: format!("its path {:?} is not inside the journal", file.path),
                })?);
        let bytes = document::to_pretty_json(&file.document);
        let live = match file.about.kind {
            TrashKind::Entry => self.entries.contains_key(id),
            TrashKind::Filling => self.fillings.contains_key(id),
        };
        if live {
            // Its id lives again (restored before, imported, or the other half of two
            // versions): it comes back as a second version, for the person to choose.
            self.restore_as_version(file.about.kind, id, &trash_path, &bytes, &target)?;
            if file.about.kind == TrashKind::Entry {
                self.restore_pictures(id)?;
            }
        } else {
            match file.about.kind {
                TrashKind::Entry => {
                    let entry: crate::entry::Entry =
                        document::parse(&trash_path, &bytes, ENTRY_SCHEMA, Entry::migrate)?;
                    self.persist_entry(entry, target)?;
                    self.restore_pictures(id)?;
                }
                TrashKind::Filling => {
                    let docs = &mut self.fillings;
                    restore(&self.root, &self.codec, docs, &trash_path, &bytes, target)?
                }
            }
        }
        fs::remove_file(&trash_path).at(&trash_path)?;
        let name = trash_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        Ok(Trashed {
            file: name,
            ..file.about
        })
    }

    /// Undoes a delete: the same as [`Store::restore_deleted`].
    pub fn undo_delete(&mut self, id: &str) -> Result<Trashed> {
        self.restore_deleted(id)
    }

    /// What is in the trash, deleted last first. Files that cannot be read are left out.
    pub fn trash(&self) -> Result<Vec<Trashed>> {
        let mut list: Vec<Trashed> = self.trash_files()?.into_iter().map(|(_, t)| t).collect();
        list.sort_by(|a, b| (b.deleted, &b.id).cmp(&(a.deleted, &a.id)));
        Ok(list)
    }

    /// Removes what has been in the trash longer than [`KEEP_DAYS`]; a failure is listed as a
    /// problem, never stops the journal from opening.
    pub(super) fn purge_trash(&mut self) {
        if self.read_only {
            return;
        }
        let cutoff = self.clock.now() - Duration::days(KEEP_DAYS);
        let files = match self.trash_files() {
            Ok(files) => files,
            Err(e) => {
                self.problems
                    .push(Problem::from_error(&self.root.join(TRASH), e));
                return;
            }
        };
        let (old, purged): (Vec<PathBuf>, Vec<String>) = files
            .into_iter()
            .filter(|(_, t)| t.deleted < cutoff)
            .map(|(path, t)| (path, t.id))
            .unzip();
        if old.is_empty() {
            return;
        }
        let _turn = match write_turn(&self.root) {
            Ok(turn) => turn,
            Err(e) => return self.problems.push(Problem::from_error(&self.root, e)),
        };
        for path in old {
            if let Err(e) = fs::remove_file(&path) {
                self.problems.push(Problem::new(&path, e.to_string()));
            }
        }
        self.purge_trashed_pictures(&purged);
    }

    /// Where a new deletion of `id` goes: `trash/<id>.json`, or the first of `<id>-2.json`,
    /// `<id>-3.json`, … that holds nothing yet, in either form (plain or encrypted).
    fn free_trash_path(&self, id: &str) -> PathBuf {
        let dir = self.root.join(TRASH);
        (1..)
            .map(|n| match n {
                1 => dir.join(format!("{id}.json")),
                n => dir.join(format!("{id}-{n}.json")),
            })
            .find(|path| !crypt::named(path, false).exists() && !crypt::named(path, true).exists())
            .expect("an unbounded range has a free name")
    }

    fn trash_files(&self) -> Result<Vec<(PathBuf, Trashed)>> {
        let dir = self.root.join(TRASH);
        let read = match fs::read_dir(&dir) {
            Ok(read) => read,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(&dir, e)),
        };
        let mut files = Vec::new();
        for item in read {
            let path = item.at(&dir)?.path();
            let named = crypt::named(&path, false)
                .extension()
                .is_some_and(|e| e == "json");
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if !named || hidden {
                continue;
            }
            let bytes = fs::read(&path).at(&path)?;
            let plain = self.codec.decode(&path, bytes);
            if let Ok(file) = plain.and_then(|bytes| read_trash_file(&path, &bytes)) {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                files.push((
                    path,
                    Trashed {
                        file: name,
                        ..file.about
                    },
                ));
            }
        }
        Ok(files)
    }
}

/// Which deletion of `id` a trash file holds: 1 for `<id>.json`, n for `<id>-n.json` (the
/// order they were made in, for two deleted within one clock tick).
fn deletion_number(path: &Path, id: &str) -> u32 {
    let name = crypt::named(path, false);
    let stem = name
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    stem.strip_prefix(id)
        .and_then(|rest| rest.strip_prefix('-'))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}

pub(super) fn trashed(
    id: &str,
    kind: TrashKind,
    date: NaiveDate,
    title: String,
    deleted: DateTime<FixedOffset>,
) -> Trashed {
    Trashed {
        id: id.to_string(),
        kind,
        date,
        title,
        deleted,
        file: None,
    }
}

fn read_trash_file(path: &Path, bytes: &[u8]) -> Result<TrashFile> {
    document::parse(path, bytes, TRASH_SCHEMA, document::no_migration)
}

/// A stored relative path, if it stays inside the journal ("entries/…", no "..").
fn safe_relative(path: &str) -> Option<PathBuf> {
    let relative = crypt::named(Path::new(path), false);
    let inside = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    let known = relative.starts_with(super::ENTRIES) || relative.starts_with(super::WORKSHEETS);
    (inside && known && relative.extension().is_some_and(|e| e == "json")).then_some(relative)
}

/// Puts a trashed document back at `target` (its id is not live).
fn restore<T: Document + Clone>(
    root: &Path,
    codec: &Codec,
    docs: &mut HashMap<String, Stored<T>>,
    trash_path: &Path,
    bytes: &[u8],
    target: PathBuf,
) -> Result<()> {
    let doc: T = document::parse(trash_path, bytes, T::SCHEMA, T::migrate)?;
    persist(root, codec, None, docs, doc, target).map(drop)
}
