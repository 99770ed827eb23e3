//! A vision's older revisions, each in a file of its own in `vision-history/<exercise>/`,
//! written once: a save rewrites a few revisions, never years of them.
//!
//! Two computers number their revisions apart (issue 25): each may write its own revision 4
//! while they cannot see each other. So a file is named by its revision's number and by what
//! the revision is (`0004-<hash of when it was begun and its words>.json`): the two computers'
//! revisions 4 are two files, never one written over the other, and the sync carries both. At
//! open, a file whose revision the vision holds already is passed over, and one whose number
//! the vision gives another revision is taken in (see `vision_versions`). Files named by their
//! number alone (`0004.json`, before this) are read as they are, never written again. A sync
//! tool's copy (`0004.sync-conflict-….json`) is another version of the vision too.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::vision_versions::{removable, VisionVersion};
use super::visions::latest_of;
use super::{write_turn, Store};
use crate::crypt;
use crate::document::{self, origin, Problem};
use crate::error::{IoContext, Result};
use crate::vision::{Revision, Vision};

pub(crate) const HISTORY: &str = "vision-history";
const HISTORY_SCHEMA: u32 = 1;

/// `vision-history/<exercise>/<number>-<hash>.json`: one older revision, readable without Tend.
#[derive(Serialize, Deserialize)]
struct HistoryFile {
    schema: u32,
    vision: String,
    revision: Revision,
}

impl Store {
    /// The file of `revision` of `vision`: its number, and a hash of when it was begun and
    /// of its words, which no other revision has.
    fn history_path(&self, vision: &str, revision: &Revision) -> PathBuf {
        let words = serde_json::to_string(&revision.sections).unwrap_or_default();
        let hash = document::content_hash(&[&revision.created.to_rfc3339(), &words]);
        let name = format!("{:04}-{}.json", revision.number, &hash[..8]);
        self.codec
            .path(&self.root.join(HISTORY).join(vision).join(name))
    }

    fn read_history(&self, path: &Path) -> Result<HistoryFile> {
        fs::read(path)
            .at(path)
            .and_then(|bytes| self.codec.decode(path, bytes))
            .and_then(|bytes| {
                document::parse::<HistoryFile>(path, &bytes, HISTORY_SCHEMA, document::no_migration)
            })
    }

    /// Writes each older revision of `doc` (all but the latest few) that is not in a file yet,
    /// and returns where the latest begin. A revision's file is named for it alone, so no file
    /// is ever written over (see the module).
    pub(super) fn write_vision_history(&mut self, doc: &Vision) -> Result<usize> {
        let split = doc.revisions.len() - latest_of(&doc.revisions).len();
        let mut known = self.vision_history.remove(&doc.id).unwrap_or_default();
        let written = (|| {
            let older = doc.revisions[..split].iter();
            let missing: Vec<&Revision> = older.filter(|r| !known.contains(&r.number)).collect();
            if missing.is_empty() {
                return Ok(());
            }
            let _turn = write_turn(&self.root)?;
            for revision in missing {
                let path = self.history_path(&doc.id, revision);
                if !path.exists() {
                    let file = HistoryFile {
                        schema: HISTORY_SCHEMA,
                        vision: doc.id.clone(),
                        revision: revision.clone(),
                    };
                    let bytes = self.codec.encode(document::to_pretty_json(&file));
                    crate::fsio::write_atomic(&path, &bytes)?;
                }
                known.insert(revision.number);
            }
            Ok(())
        })();
        self.vision_history.insert(doc.id.clone(), known);
        written.map(|()| split)
    }

    /// Adds each loaded vision's older revisions from `vision-history/`. What cannot be read
    /// is a listed problem; the vision shows every revision that can. Returns the temporary
    /// files left, and the other versions found: a copy of a file (its name a sync tool's or a
    /// person's), and a revision the vision does not hold under a number it gives another (the
    /// other computer's), or at or past its latest few (a history that ran on elsewhere).
    pub(super) fn load_vision_history(&mut self) -> (Vec<PathBuf>, Vec<VisionVersion>) {
        let mut leftovers = Vec::new();
        let mut versions = Vec::new();
        let ids: Vec<String> = self.visions.keys().cloned().collect();
        for id in ids {
            let dir = self.root.join(HISTORY).join(&id);
            let read = match fs::read_dir(&dir) {
                Ok(read) => read,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    let reason =
                        format!("this folder cannot be read ({e}); older revisions are not shown");
                    self.problems.push(Problem::new(&dir, reason));
                    continue;
                }
            };
            let mut older: Vec<(Revision, PathBuf)> = Vec::new();
            for item in read.flatten() {
                let path = item.path();
                let name = item.file_name().to_string_lossy().into_owned();
                if document::is_leftover(&name) {
                    leftovers.push(path);
                    continue;
                }
                let json = crypt::named(&path, false)
                    .extension()
                    .is_some_and(|x| x == "json");
                // An encrypted copy's mark follows `.json` (`0004.json.sync-conflict-….age`).
                let copy = origin::origin(&name).is_some();
                if name.starts_with('.') || !(json || copy) {
                    continue;
                }
                match self.read_history(&path) {
                    Ok(file) if file.vision == id && copy => versions.push(VisionVersion {
                        id: id.clone(),
                        revisions: vec![file.revision],
                        remove: removable(&path),
                        path,
                    }),
                    Ok(file) if file.vision == id => older.push((file.revision, path)),
                    Ok(_) => {
                        let reason = "it belongs to another vision than its folder says";
                        self.problems.push(Problem::new(&path, reason));
                    }
                    Err(e) => self.problems.push(Problem::from_error(&path, e)),
                }
            }
            let Some(stored) = self.visions.get_mut(&id) else {
                continue;
            };
            let revisions = &mut stored.doc.revisions;
            // Where the vision's own file begins: what its history holds comes before.
            let first_latest = revisions.iter().map(|r| r.number).min().unwrap_or(u32::MAX);
            // The same order on every computer, whatever order the folder lists its files in.
            older.sort_by(|(a, pa), (b, pb)| {
                (a.number, a.created, pa.file_name()).cmp(&(b.number, b.created, pb.file_name()))
            });
            let mut known = BTreeSet::new();
            for (revision, path) in older {
                // The same revision twice (in the vision's own file too, a crash between the
                // two writes; plain and encrypted, a conversion cut short): shown once.
                if let Some(kept) = revisions.iter().find(|kept| kept.same_session(&revision)) {
                    if kept.number == revision.number {
                        known.insert(revision.number);
                    }
                    continue;
                }
                let taken = revisions.iter().any(|kept| kept.number == revision.number);
                if taken || revision.number >= first_latest {
                    // Another computer's: kept as a revision, its file left where it is.
                    versions.push(VisionVersion {
                        id: id.clone(),
                        revisions: vec![revision],
                        remove: false,
                        path,
                    });
                    continue;
                }
                known.insert(revision.number);
                revisions.push(revision);
            }
            revisions.sort_by_key(|r| r.number);
            self.vision_history.insert(id, known);
        }
        (leftovers, versions)
    }
}
