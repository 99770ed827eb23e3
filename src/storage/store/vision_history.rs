//! A vision's older revisions, each in a file of its own, `vision-history/<exercise>/<number>.json`,
//! written once: a save rewrites a few revisions, never years of them.
//!
//! Two computers number their revisions apart (issue 25): each may write its own revision 4
//! while they cannot see each other, and the sync brings one computer's `0004.json` to the
//! other, whose own revision 4 is another. So a file is trusted to hold the vision's revision
//! of its number only once this store has read or written it there; any other is read first,
//! and a revision of another computer's found in it is taken into the vision before the file
//! is written with this one's. A sync tool's copy (`0004.sync-conflict-….json`) is another
//! version of the vision (see `vision_versions`).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::vision_versions::{removable, VisionVersion};
use super::visions::latest_of;
use super::write::set_aside;
use super::{write_turn, Store};
use crate::crypt;
use crate::document::{self, origin, Problem};
use crate::error::{IoContext, Result};
use crate::vision::{Revision, Vision};

pub(crate) const HISTORY: &str = "vision-history";
const HISTORY_SCHEMA: u32 = 1;

/// `vision-history/<exercise>/<number>.json`: one older revision, readable without Tend.
#[derive(Serialize, Deserialize)]
struct HistoryFile {
    schema: u32,
    vision: String,
    revision: Revision,
}

/// What writing a vision's older revisions left for the vision's own file.
pub(super) struct Spilled {
    /// Where the revisions the vision's own file keeps begin.
    pub main_from: usize,
    /// Revisions whose number's file held another computer's revision (taken in): written
    /// there once the vision's own file, which keeps them meanwhile, is on disk.
    pub pending: Vec<Revision>,
}

impl Store {
    fn history_path(&self, vision: &str, number: u32) -> PathBuf {
        let name = format!("{number:04}.json");
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

    /// Writes the older revisions of `doc` (all but the latest few), each to its file. A file
    /// this store has not read or written under its number is read first (see the module):
    /// another computer's revision in it is taken into `doc`, and the file is written over
    /// only after the vision's own file, which keeps the revisions from there on meanwhile. A
    /// file that cannot be read is kept beside, never written over.
    pub(super) fn write_vision_history(&mut self, doc: &mut Vision) -> Result<Spilled> {
        let mut known = self.vision_history.remove(&doc.id).unwrap_or_default();
        let spilled = self.spill(doc, &mut known);
        self.vision_history.insert(doc.id.clone(), known);
        spilled
    }

    fn spill(&mut self, doc: &mut Vision, known: &mut BTreeSet<u32>) -> Result<Spilled> {
        if doc.revisions.len() == latest_of(&doc.revisions).len() {
            return Ok(Spilled {
                main_from: 0,
                pending: Vec::new(),
            });
        }
        let _turn = write_turn(&self.root)?;
        let mut over: BTreeSet<u32> = BTreeSet::new();
        // Taking revisions in adds revisions, which may meet more files: looked at again.
        loop {
            let split = doc.revisions.len() - latest_of(&doc.revisions).len();
            let mut theirs = Vec::new();
            for revision in &doc.revisions[..split] {
                let number = revision.number;
                let path = self.history_path(&doc.id, number);
                if known.contains(&number) || over.contains(&number) || !path.exists() {
                    continue;
                }
                match self.read_history(&path) {
                    Ok(file) if file.revision.same_session(revision) => {
                        known.insert(number);
                    }
                    Ok(file) => {
                        if !doc.revisions.iter().any(|r| r.same_session(&file.revision)) {
                            theirs.push(file.revision);
                        }
                        over.insert(number);
                    }
                    Err(_) => set_aside(&path)?,
                }
            }
            if theirs.is_empty() {
                break;
            }
            doc.take_in(theirs, "another computer's revision of the same number");
        }
        let split = doc.revisions.len() - latest_of(&doc.revisions).len();
        let main_from = (doc.revisions[..split].iter())
            .position(|r| over.contains(&r.number))
            .unwrap_or(split);
        for revision in &doc.revisions[..main_from] {
            if known.contains(&revision.number) {
                continue;
            }
            self.write_history_file(&doc.id, revision)?;
            known.insert(revision.number);
        }
        let pending = (doc.revisions[main_from..split].iter())
            .filter(|r| over.contains(&r.number))
            .cloned()
            .collect();
        Ok(Spilled { main_from, pending })
    }

    fn write_history_file(&self, vision: &str, revision: &Revision) -> Result<()> {
        let file = HistoryFile {
            schema: HISTORY_SCHEMA,
            vision: vision.to_string(),
            revision: revision.clone(),
        };
        let path = self.history_path(vision, revision.number);
        crate::fsio::write_atomic(&path, &self.codec.encode(document::to_pretty_json(&file)))
    }

    /// Once the vision's own file keeps them: each pending revision written to its number's
    /// file, over the other computer's revision (in the vision now under another number).
    pub(super) fn write_pending_history(&mut self, vision: &str, pending: &[Revision]) {
        if pending.is_empty() {
            return;
        }
        let written = write_turn(&self.root).and_then(|_turn| {
            for revision in pending {
                self.write_history_file(vision, revision)?;
            }
            Ok(())
        });
        match written {
            Ok(()) => {
                let known = self.vision_history.entry(vision.to_string()).or_default();
                known.extend(pending.iter().map(|r| r.number));
            }
            // Kept in the vision's own file meanwhile: the next save tries again.
            Err(e) => {
                let path = self.root.join(HISTORY).join(vision);
                self.problems.push(Problem::from_error(&path, e));
            }
        }
    }

    /// Adds each loaded vision's older revisions from `vision-history/`. What cannot be read
    /// is a listed problem; the vision shows every revision that can. Returns the temporary
    /// files left, and the other versions found: a sync tool's copy of a file (its name not
    /// Tend's), and a file whose number the vision's own file gives another revision.
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
                let plain = crypt::named(&path, false);
                let json = plain.extension().is_some_and(|x| x == "json");
                // An encrypted copy's mark follows `.json` (`0004.json.sync-conflict-….age`).
                if name.starts_with('.') || !(json || origin::is_copy_of_document(&name)) {
                    continue;
                }
                let numbered = json
                    && (plain.file_stem())
                        .is_some_and(|s| s.to_string_lossy().bytes().all(|b| b.is_ascii_digit()));
                match self.read_history(&path) {
                    Ok(file) if file.vision == id && !numbered => versions.push(VisionVersion {
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
            let mut known = BTreeSet::new();
            for (revision, path) in older {
                match revisions.iter().find(|kept| kept.number == revision.number) {
                    // The same revision in both forms (plain and encrypted: a conversion a
                    // crash cut short), or in the vision's file too (a crash between the two
                    // writes): shown once.
                    Some(kept) if kept.same_session(&revision) => {}
                    // Another computer's revision under a number the vision's own file gives
                    // another: both are kept; the file is not this vision's revision yet.
                    Some(_) => versions.push(VisionVersion {
                        id: id.clone(),
                        revisions: vec![revision],
                        remove: false,
                        path,
                    }),
                    None => {
                        known.insert(revision.number);
                        revisions.push(revision);
                    }
                }
            }
            revisions.sort_by_key(|r| r.number);
            self.vision_history.insert(id, known);
        }
        (leftovers, versions)
    }
}
