//! Photos in the store: adding one to an entry, taking one out, and what becomes of them when
//! their entry is deleted (they go to `trash/attachments/<id>/` with it), restored (they come
//! back) or purged (they go for good).

use std::fs;
use std::io;
use std::path::Path;

use chrono::NaiveDate;

use super::trash::TRASH;
use super::{new_id, write_turn, Store};
use crate::attachments::{Pictures, ATTACHMENTS};
use crate::crypt;
use crate::document::Problem;
use crate::entry::{Entry, EntryDraft};
use crate::error::{Error, IoContext, Result};
use crate::fsio;
use crate::picture::{Picture, MAX_PICTURES};

impl Store {
    /// The journal's photos, to read: for the app's picture addresses and for exports.
    pub fn pictures(&self) -> Pictures {
        Pictures::new(&self.root, &self.codec)
    }

    /// Adds the photo `bytes` to the entry `entry_id`, or to a new entry of `date` when there
    /// is none yet. Its location and camera data are taken out first (see [`crate::picture`]);
    /// a file that is no photo, or too large, is refused and nothing is written. The photo is
    /// on disk before the entry names it.
    pub fn attach(
        &mut self,
        entry_id: Option<&str>,
        date: NaiveDate,
        bytes: Vec<u8>,
    ) -> Result<Entry> {
        if self.read_only {
            return Err(Error::ReadOnly {
                path: self.root.clone(),
            });
        }
        let picture = Picture::take(bytes)?;
        let now = self.clock.now();
        let (mut entry, path) = match entry_id {
            Some(id) => {
                let entry = self.entry(id)?.clone();
                let path = crypt::named(&self.entries[id].path, false);
                (entry, path)
            }
            None => {
                let draft = EntryDraft {
                    id: None,
                    date,
                    prompt: None,
                    body: String::new(),
                    mood: None,
                    tags: Vec::new(),
                    habits_done: Vec::new(),
                    base: None,
                }
                .validated()?;
                super::entries::not_after_today(&draft, now)?;
                let entry = draft.into_entry(new_id(), now, now, None);
                let path = self.new_entry_path(&entry);
                (entry, path)
            }
        };
        if entry
            .attachments
            .iter()
            .any(|a| a.hash == picture.attachment.hash)
        {
            return Ok(entry);
        }
        if entry.attachments.len() >= MAX_PICTURES {
            return Err(Error::invalid(format!(
                "picture: an entry holds at most {MAX_PICTURES} photos; begin a new entry for more"
            )));
        }
        {
            let _turn = write_turn(&self.root)?;
            Pictures::write(&self.root, &self.codec, &entry.id, &picture)?;
        }
        entry.attachments.push(picture.attachment);
        entry.updated = now;
        self.persist_entry(entry, path)
    }

    /// Takes the photo `file` out of the entry `entry_id`, and removes it from the journal.
    pub fn detach(&mut self, entry_id: &str, file: &str) -> Result<Entry> {
        let mut entry = self.entry(entry_id)?.clone();
        let before = entry.attachments.len();
        entry.attachments.retain(|a| a.file != file);
        if entry.attachments.len() == before {
            return Err(Error::NotFound {
                what: "photo",
                id: format!("{entry_id}/{file}"),
            });
        }
        entry.updated = self.clock.now();
        let path = crypt::named(&self.entries[entry_id].path, false);
        let entry = self.persist_entry(entry, path)?;
        // Named by the entry no more: a failure here leaves a file nothing shows, never a
        // photo the entry names and cannot find.
        let _turn = write_turn(&self.root)?;
        Pictures::remove(&self.root, entry_id, file)?;
        Ok(entry)
    }

    /// Imports: `picture` of the (new) entry `entry_id`, staged with the batch's documents.
    pub(crate) fn stage_picture(&mut self, entry_id: &str, picture: &Picture) -> Result<()> {
        let target = Pictures::target(&self.root, &self.codec, entry_id, &picture.attachment.file)?;
        match self.batch.as_mut() {
            Some((batch, _)) => batch.stage(&target, &self.codec.encode(picture.bytes.clone())),
            None => {
                let _turn = write_turn(&self.root)?;
                Pictures::write(&self.root, &self.codec, entry_id, picture).map(drop)
            }
        }
    }

    /// `tend doctor`: how many photos the entries name, and each that cannot be read (missing,
    /// or damaged), as a problem naming its entry.
    pub fn check_pictures(&self) -> (usize, Vec<Problem>) {
        let pictures = self.pictures();
        let mut count = 0;
        let mut problems = Vec::new();
        for entry in self.entries() {
            for a in &entry.attachments {
                count += 1;
                if let Err(e) = pictures.read_attachment(&entry.id, a) {
                    let path = Pictures::folder(&self.root, &entry.id).join(&a.file);
                    let reason =
                        format!("a photo of the entry of {} cannot be read: {e}", entry.date);
                    problems.push(Problem::new(&path, reason));
                }
            }
        }
        (count, problems)
    }

    /// A deleted entry's photos go to the trash with it. The caller holds the write turn.
    pub(super) fn trash_pictures(&self, id: &str) -> Result<()> {
        let to = self.root.join(TRASH).join(ATTACHMENTS).join(id);
        move_folder(&Pictures::folder(&self.root, id), &to)
    }

    /// A restored entry's photos come back from the trash.
    pub(super) fn restore_pictures(&self, id: &str) -> Result<()> {
        let from = self.root.join(TRASH).join(ATTACHMENTS).join(id);
        let _turn = write_turn(&self.root)?;
        move_folder(&from, &Pictures::folder(&self.root, id))
    }

    /// The photos of the entries whose trash files were just `purged`: removed for good, unless
    /// the trash still holds a file of that id (another deletion of it, or one it cannot read),
    /// or the entry lives again (then they go back to it). The caller holds the write turn; a
    /// failure is a listed problem.
    pub(super) fn purge_trashed_pictures(&mut self, purged: &[String]) {
        let trash = self.root.join(TRASH);
        let named: Vec<String> = fs::read_dir(&trash)
            .map(|read| {
                (read.flatten())
                    .map(|item| item.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        for id in purged {
            let folder = trash.join(ATTACHMENTS).join(id);
            if !folder.exists() || named.iter().any(|n| n.starts_with(id.as_str())) {
                continue;
            }
            let done = if self.entries.contains_key(id) {
                move_folder(&folder, &Pictures::folder(&self.root, id))
            } else {
                fs::remove_dir_all(&folder).at(&folder)
            };
            if let Err(e) = done {
                self.problems.push(Problem::from_error(&folder, e));
            }
        }
    }
}

/// Moves every file of the folder `from` into `to` (made if missing), then removes `from`. A
/// file already in `to` under the same name is the same photo (a name is given once): the
/// one in `from` goes.
fn move_folder(from: &Path, to: &Path) -> Result<()> {
    let read = match fs::read_dir(from) {
        Ok(read) => read,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(from, e)),
    };
    fsio::create_dir_durable(to)?;
    for item in read {
        let item = item.at(from)?;
        let target = to.join(item.file_name());
        if target.exists() {
            fs::remove_file(item.path()).at(item.path())?;
        } else {
            fs::rename(item.path(), &target).at(item.path())?;
        }
    }
    fsio::sync_dir(to)?;
    fs::remove_dir(from).at(from)?;
    if let Some(parent) = from.parent() {
        fsio::sync_dir(parent)?;
    }
    Ok(())
}
