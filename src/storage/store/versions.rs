//! Two versions of one document: a second file with the same id (a person's copy, a sync
//! tool's conflict copy, a deleted version restored while the document lives). A read never
//! moves either file; the journal shows the one with Tend's own name (see
//! `document::resolve`) and lists the other here, until the person chooses what to keep:
//! this one, that one, both (the other gets an id of its own), or this one as she edits it.
//! What she does not keep goes to the trash, one file per version.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ts")]
use ts_rs::TS;

use super::trash::{entry_title, TrashKind, Trashed};
use super::{index::Indexed, new_id, write_doc, write_turn, Store};
use crate::crypt;
use crate::document::origin::{self, Origin};
use crate::document::{self, Document, Stored};
use crate::entry::{Entry, EntryDraft};
use crate::error::{Error, Result};
use crate::filling::Filling;

/// A file holding a second version of a document the journal shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct OtherVersion {
    pub kind: TrashKind,
    pub id: String,
    pub path: PathBuf,
}

/// A document found in two files, as the app and `tend conflicts` list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct TwoVersions {
    pub id: String,
    pub kind: TrashKind,
    /// The day of the version shown.
    pub date: NaiveDate,
    /// Its opening words, or its worksheet's title.
    pub title: String,
    /// The file of the version shown ("this").
    pub shown: String,
    /// The file of the other version ("that"), left as it was found.
    pub other: String,
    /// Who made the version shown, and when, when its name is a copy's.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shown_origin: Option<Origin>,
    /// Who made the other version, and when, as far as its file's name tells.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_origin: Option<Origin>,
}

/// Both versions of one document, read whole. Short-lived (one comparison), so its size does
/// not matter.
#[allow(clippy::large_enum_variant)]
pub enum VersionPair {
    Entries(Entry, Entry),
    Fillings(Filling, Filling),
}

/// What the person keeps of two versions.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase", tag = "keep")]
pub enum Keep {
    /// The version shown; the other goes to the trash.
    This,
    /// The other version, saved under Tend's own name; the one shown goes to the trash.
    That,
    /// Both: the other becomes a document of its own, with a new id.
    Both,
    /// The version shown with this text (an entry's: she edits one into the other); the other
    /// goes to the trash.
    Edited { body: String },
}

/// What resolving did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Resolved {
    /// The document kept (for "both", the one shown).
    pub id: String,
    /// For "both": the id the other version now has.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_id: Option<String>,
    /// The version put in the trash, if any.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trashed: Option<Trashed>,
}

impl Store {
    /// Every document found in two files, by day then id.
    pub fn two_versions(&self) -> Vec<TwoVersions> {
        let mut list: Vec<TwoVersions> = (self.versions.iter())
            .filter_map(|v| {
                let (shown, date, title) = match v.kind {
                    TrashKind::Entry => {
                        let row = self.entries.get(&v.id)?;
                        let title = crate::entry::shown_excerpt(&row.meta.excerpt);
                        (&row.path, row.meta.date, title)
                    }
                    TrashKind::Filling => {
                        let s = self.fillings.get(&v.id)?;
                        (&s.path, s.doc.date, self.filling_title(&s.doc))
                    }
                };
                let made = |path: &Path| {
                    let name = path.file_name()?.to_string_lossy();
                    origin::origin(&name)
                };
                Some(TwoVersions {
                    id: v.id.clone(),
                    kind: v.kind,
                    date,
                    title,
                    shown_origin: made(shown),
                    other_origin: made(&v.path),
                    shown: shown.display().to_string(),
                    other: v.path.display().to_string(),
                })
            })
            .collect();
        list.sort_by(|a, b| (b.date, &a.id, &a.other).cmp(&(a.date, &b.id, &b.other)));
        list
    }

    /// The second version of `id` in the file `other`, or its first one when `other` is
    /// `None`.
    fn other_version(&self, id: &str, other: Option<&str>) -> Result<OtherVersion> {
        (self.versions.iter())
            .find(|v| v.id == id && other.is_none_or(|o| Path::new(o) == v.path))
            .cloned()
            .ok_or_else(|| Error::NotFound {
                what: "second version of a document",
                id: match other {
                    Some(other) => format!("{id} in {other}"),
                    None => id.to_string(),
                },
            })
    }

    /// Both versions of `id`: the one shown, and the one in `other` (its first other version
    /// when `None`).
    pub fn version_pair(&self, id: &str, other: Option<&str>) -> Result<(VersionPair, String)> {
        let version = self.other_version(id, other)?;
        let pair = match version.kind {
            TrashKind::Entry => {
                let that: Entry = document::read_one(&version.path, &self.codec)?;
                VersionPair::Entries(self.entry(id)?.clone(), that)
            }
            TrashKind::Filling => {
                let that: Filling = document::read_one(&version.path, &self.codec)?;
                VersionPair::Fillings(self.filling(id)?.clone(), that)
            }
        };
        Ok((pair, version.path.display().to_string()))
    }

    /// Keeps what the person chose of the two versions of `id` (the other in `other`, else
    /// its first). Nothing is unlinked: what is not kept is written to the trash first.
    pub fn resolve_versions(
        &mut self,
        id: &str,
        other: Option<&str>,
        keep: Keep,
    ) -> Result<Resolved> {
        let version = self.other_version(id, other)?;
        let (pair, _) = self.version_pair(id, Some(&version.path.display().to_string()))?;
        let resolved = match pair {
            VersionPair::Entries(this, that) => self.keep_entry(this, that, &version.path, keep)?,
            VersionPair::Fillings(this, that) => {
                self.keep_filling(this, that, &version.path, keep)?
            }
        };
        self.versions.retain(|v| *v != version);
        Ok(resolved)
    }

    fn keep_entry(
        &mut self,
        this: Entry,
        that: Entry,
        other: &Path,
        keep: Keep,
    ) -> Result<Resolved> {
        let id = this.id.clone();
        let shown = self.entries[&id].path.clone();
        let now = self.clock.now();
        let mut resolved = Resolved {
            id: id.clone(),
            new_id: None,
            trashed: None,
        };
        match keep {
            Keep::This => {
                resolved.trashed = Some(self.trash_version(
                    TrashKind::Entry,
                    &that,
                    that.date,
                    entry_title(&that),
                    other,
                )?);
            }
            Keep::Edited { body } => {
                let draft = EntryDraft {
                    id: Some(id.clone()),
                    date: this.date,
                    prompt: this.prompt.clone(),
                    body,
                    mood: this.mood.clone(),
                    tags: this.tags.clone(),
                    habits_done: this.habits_done.clone(),
                    base: None,
                };
                self.save_entry(draft)?;
                resolved.trashed = Some(self.trash_version(
                    TrashKind::Entry,
                    &that,
                    that.date,
                    entry_title(&that),
                    other,
                )?);
            }
            Keep::That => {
                // The shown version goes first: that one is then written under Tend's own
                // name, which is often the shown one's. A crash in between leaves only the
                // other file, which the next open shows.
                resolved.trashed = Some(self.trash_version(
                    TrashKind::Entry,
                    &this,
                    this.date,
                    entry_title(&this),
                    &shown,
                )?);
                self.entries.remove(&id);
                let that = Entry {
                    updated: now,
                    ..that
                };
                let path = self.settle(&that, self.new_entry_path(&that), other)?;
                self.entries.insert(id, Indexed::new(path, that));
                self.index_stale = true;
            }
            Keep::Both => {
                let that = Entry {
                    id: new_id(),
                    updated: now,
                    ..that
                };
                // Its photos are its own from now on: copied to its folder before it names
                // them (the version shown keeps its own).
                self.copy_pictures(&id, &that)?;
                let path = self.settle(&that, self.new_entry_path(&that), other)?;
                resolved.new_id = Some(that.id.clone());
                self.entries
                    .insert(that.id.clone(), Indexed::new(path, that));
                self.index_stale = true;
            }
        }
        self.write_index_if_stale();
        Ok(resolved)
    }

    fn keep_filling(
        &mut self,
        this: Filling,
        that: Filling,
        other: &Path,
        keep: Keep,
    ) -> Result<Resolved> {
        let id = this.id.clone();
        let shown = self.fillings[&id].path.clone();
        let now = self.clock.now();
        let mut resolved = Resolved {
            id: id.clone(),
            new_id: None,
            trashed: None,
        };
        match keep {
            Keep::This => {
                let title = self.filling_title(&that);
                resolved.trashed =
                    Some(self.trash_version(TrashKind::Filling, &that, that.date, title, other)?);
            }
            Keep::Edited { .. } => {
                return Err(Error::invalid(
                    "keep: a worksheet's two versions are kept as they are (this, that, or \
                     both); to join them, keep both and copy what you want into one",
                ));
            }
            Keep::That => {
                let title = self.filling_title(&this);
                resolved.trashed = Some(self.trash_version(
                    TrashKind::Filling,
                    &this,
                    this.date,
                    title,
                    &shown,
                )?);
                self.fillings.remove(&id);
                let that = Filling {
                    updated: now,
                    ..that
                };
                let path = self.settle(&that, self.filling_path(&that), other)?;
                self.fillings.insert(id, Stored::written(path, that));
            }
            Keep::Both => {
                let that = Filling {
                    id: new_id(),
                    updated: now,
                    ..that
                };
                let path = self.settle(&that, self.filling_path(&that), other)?;
                resolved.new_id = Some(that.id.clone());
                self.fillings
                    .insert(that.id.clone(), Stored::written(path, that));
            }
        }
        Ok(resolved)
    }

    /// Copies the photos `entry` names from the folder of the entry `from` to its own, in
    /// one write turn. A photo that cannot be read stops it, before anything names the copy.
    fn copy_pictures(&self, from: &str, entry: &Entry) -> Result<()> {
        if entry.attachments.is_empty() {
            return Ok(());
        }
        let pictures = self.pictures();
        let _turn = write_turn(&self.root)?;
        for attachment in &entry.attachments {
            let bytes = pictures.read_attachment(from, attachment)?;
            let picture = crate::picture::Picture {
                attachment: attachment.clone(),
                bytes,
            };
            crate::attachments::Pictures::write(&self.root, &self.codec, &entry.id, &picture)?;
        }
        Ok(())
    }

    /// Writes one version of a document (from the file `path`) to the trash, then removes
    /// the file.
    fn trash_version<T: Document>(
        &self,
        kind: TrashKind,
        doc: &T,
        date: NaiveDate,
        title: String,
        path: &Path,
    ) -> Result<Trashed> {
        let mut about = super::trash::trashed(doc.id(), kind, date, title, self.clock.now());
        let _turn = write_turn(&self.root)?;
        about.file = Some(self.to_trash(&about, path, serde_json::to_value(doc))?);
        Ok(about)
    }

    /// Writes a deleted version of `id` (the trash file `trash_path`, its document `bytes`)
    /// beside the live one as its second version: `<name> (restored).json` next to `target`,
    /// where it lived. The caller removes the trash file.
    pub(super) fn restore_as_version(
        &mut self,
        kind: TrashKind,
        id: &str,
        trash_path: &Path,
        bytes: &[u8],
        target: &Path,
    ) -> Result<()> {
        // Checked as a document of its kind before it is written where documents are read.
        match kind {
            TrashKind::Entry => drop(document::parse::<Entry>(
                trash_path,
                bytes,
                Entry::SCHEMA,
                Entry::migrate,
            )?),
            TrashKind::Filling => drop(document::parse::<Filling>(
                trash_path,
                bytes,
                Filling::SCHEMA,
                Filling::migrate,
            )?),
        }
        let stem = (target.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| id.to_string());
        let dir = target.parent().unwrap_or(&self.root);
        let path = (1..)
            .map(|n| match n {
                1 => dir.join(format!("{stem} (restored).json")),
                n => dir.join(format!("{stem} (restored {n}).json")),
            })
            .find(|path| !crypt::named(path, false).exists() && !crypt::named(path, true).exists())
            .expect("an unbounded range has a free name");
        let path = {
            let _turn = write_turn(&self.root)?;
            crate::fsio::create_dir_durable(dir)?;
            self.codec.write(&path, bytes.to_vec())?
        };
        self.versions.push(OtherVersion {
            kind,
            id: id.to_string(),
            path,
        });
        Ok(())
    }

    /// Lists `path` as a second version of `id`, once. Whether it is new to the list.
    pub(super) fn note_version(&mut self, kind: TrashKind, id: &str, path: PathBuf) -> bool {
        let version = OtherVersion {
            kind,
            id: id.to_string(),
            path,
        };
        let new = !self.versions.contains(&version);
        if new {
            self.versions.push(version);
        }
        new
    }

    /// Whether `path` is listed as a second version's file.
    pub(super) fn is_version_file(&self, path: &Path) -> bool {
        self.versions.iter().any(|v| v.path == path)
    }

    /// Forgets the second versions of `kind` whose file is `gone` (and is not on disk).
    pub(super) fn forget_versions_gone(&mut self, kind: TrashKind, gone: impl Fn(&Path) -> bool) {
        self.versions
            .retain(|v| v.kind != kind || !gone(&v.path) || v.path.exists());
    }

    /// Writes `doc` (what the other version's file `other` held) durably at `path`, Tend's own
    /// name for it, then removes that file. Returns where it was written.
    fn settle<T: Document>(&self, doc: &T, path: PathBuf, other: &Path) -> Result<PathBuf> {
        let saved = write_doc(&self.root, &self.codec, None, None, doc, path)?.path;
        if other != saved {
            let _turn = write_turn(&self.root)?;
            match fs::remove_file(other) {
                // Gone meanwhile (a sync tool took it back): what it held is saved already.
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::io(other, e))
                }
                _ => {}
            }
        }
        Ok(saved)
    }
}
