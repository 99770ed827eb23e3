//! Visions in the store. `visions/<exercise>.json` holds the latest revisions (the ones a
//! writing session may still change); older revisions, which never change again, each have a
//! file of their own in `vision-history/<exercise>/` (see `vision_history`), written once. So a save
//! rewrites a few revisions, never years of them. A vision file from before (every revision
//! in one document) still loads, and spills its older revisions at its next save.

use super::write::{write_doc, Known};
use super::{Store, VISIONS};
use crate::document::{Problem, Stored};
use crate::error::{Error, Result};
use crate::settings::{PinnedHabit, Settings};
use crate::vision::Revision;
use crate::vision::{self, SectionDiff, Vision, VisionDraft, VisionSave, VISION_SCHEMA};

impl Store {
    pub fn vision(&self, exercise: &str) -> Option<&Vision> {
        self.visions.get(exercise).map(|s| &s.doc)
    }

    /// Every vision, by exercise id.
    pub fn all_visions(&self) -> Vec<&Vision> {
        let mut list: Vec<&Vision> = self.visions.values().map(|s| &s.doc).collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        list
    }

    /// Saves a writing session: updates the session's revision, or begins a new one. An
    /// unchanged save writes nothing and leaves the session as it was.
    pub fn save_vision(&mut self, draft: VisionDraft) -> Result<VisionSave> {
        let exercise = vision::find(&draft.exercise)?;
        let sections = exercise.check(draft.sections)?;
        let now = self.clock.now();
        let mut doc = match self.vision(&exercise.id) {
            Some(existing) => existing.clone(),
            None if sections.is_empty() => {
                return Err(Error::invalid(
                    "Nothing is written yet: write a little before saving.",
                ))
            }
            None => Vision {
                schema: VISION_SCHEMA,
                id: exercise.id.clone(),
                revisions: Vec::new(),
            },
        };
        let habits_before = habits_of(exercise, doc.latest());
        let Some(written) = doc.apply(draft.session_revision, sections, now) else {
            return Ok(VisionSave {
                vision: doc,
                session_revision: draft.session_revision,
                settings: None,
            });
        };
        let habits_after = habits_of(exercise, doc.latest());
        let hers = doc.latest().map(|r| r.sections.clone());
        let saved = self.put_vision(doc)?;
        // Another computer's version taken in meanwhile may have brought hers back under a new
        // number, as the latest: the session goes on there, not in a revision of its own.
        let session = (saved.latest())
            .filter(|latest| Some(&latest.sections) == hers.as_ref())
            .map_or(written, |latest| latest.number);
        let settings = self.follow_renamed_habits(&habits_before, &habits_after)?;
        Ok(VisionSave {
            vision: saved,
            session_revision: Some(session),
            settings,
        })
    }

    /// A pinned habit whose line was rewritten stays pinned under its new words: the line that
    /// took its place (same position, words not there before). The pin keeps its id and knows
    /// its old words, so the days ticked before the rename stay ticked (issue 27, D7: the ticks
    /// split in two). The settings, when a pin moved, for the page to show.
    fn follow_renamed_habits(
        &mut self,
        before: &[String],
        after: &[String],
    ) -> Result<Option<Settings>> {
        let mut settings = self.settings().clone();
        let mut moved = false;
        for pin in settings.pinned_habits.iter_mut() {
            if after.contains(&pin.words) {
                continue;
            }
            let Some(at) = before.iter().position(|h| *h == pin.words) else {
                continue;
            };
            if let Some(renamed) = after.get(at).filter(|h| !before.contains(h)) {
                pin.rename(renamed.clone());
                moved = true;
            }
        }
        if !moved {
            return Ok(None);
        }
        // Two pins renamed to the same words are one habit.
        let mut seen = Vec::new();
        settings.pinned_habits.retain(|p| {
            let first = !seen.contains(&p.words);
            seen.push(p.words.clone());
            first
        });
        self.save_settings(settings).map(Some)
    }

    /// Revision `old` and revision `new` compared section by section, in the user's words.
    pub fn compare_revisions(
        &self,
        exercise: &str,
        old: u32,
        new: u32,
    ) -> Result<Vec<SectionDiff>> {
        let definition = self.settings().voice().personalise(vision::find(exercise)?);
        let doc = self.vision(exercise).ok_or_else(|| Error::NotFound {
            what: "vision",
            id: exercise.to_string(),
        })?;
        Ok(vision::diff(
            &definition,
            doc.revision(old)?,
            doc.revision(new)?,
        ))
    }

    /// Brings back revision `number` as a new revision; nothing earlier is changed.
    pub fn restore_revision(&mut self, exercise: &str, number: u32) -> Result<Vision> {
        let mut doc = self
            .vision(exercise)
            .cloned()
            .ok_or_else(|| Error::NotFound {
                what: "vision",
                id: exercise.to_string(),
            })?;
        doc.restore(number, self.clock.now())?;
        self.put_vision(doc)
    }

    /// Pins a habit to Today by its words, or unpins it by its words or its pin's id. Pinning
    /// words already pinned keeps that pin (and its id).
    pub fn pin_habit(&mut self, habit: &str, pinned: bool) -> Result<Settings> {
        let habit = habit.trim().to_string();
        let mut settings = self.settings().clone();
        let present = settings
            .pinned_habits
            .iter()
            .any(|p| p.words == habit || p.id == habit);
        if !pinned {
            settings
                .pinned_habits
                .retain(|p| p.words != habit && p.id != habit);
        } else if !present {
            settings
                .pinned_habits
                .push(PinnedHabit::new(super::new_id(), habit));
        }
        self.save_settings(settings)
    }

    /// Adds a vision with all its revisions, for import, after checking every revision.
    pub fn insert_vision(&mut self, mut doc: Vision) -> Result<()> {
        let exercise = vision::find(&doc.id)?;
        if self.visions.contains_key(&doc.id) {
            return Err(Error::invalid(format!(
                "{}: a vision exists already",
                doc.id
            )));
        }
        for revision in &mut doc.revisions {
            revision.sections = exercise.check(std::mem::take(&mut revision.sections))?;
        }
        self.put_vision(doc).map(|_| ())
    }

    /// Writes a vision: its older revisions to their own files first (once each; see
    /// `vision_history`), then the document with the latest few. A crash between the two
    /// leaves a revision in both places, which loading merges.
    pub(super) fn put_vision(&mut self, doc: Vision) -> Result<Vision> {
        let split = self.write_vision_history(&doc)?;
        let latest = Vision {
            revisions: doc.revisions[split..].to_vec(),
            ..doc.clone()
        };
        let path = self.root.join(VISIONS).join(format!("{}.json", doc.id));
        // What the file holds is the latest few revisions, not every one held in memory: that
        // is what a file changed under this save is compared with.
        let then = self.visions.get(&doc.id).map(|s| {
            let trimmed = Vision {
                revisions: latest_of(&s.doc.revisions).to_vec(),
                ..s.doc.clone()
            };
            (s.path.clone(), s.stamp, trimmed)
        });
        let old = then.as_ref().map(|(path, stamp, trimmed)| {
            let known = Known {
                stamp: *stamp,
                doc: Some(trimmed),
                stale: false,
            };
            (path.as_path(), known)
        });
        let written = write_doc(&self.root, &self.codec, None, old, &latest, path)?;
        // Every revision stays in memory.
        let id = doc.id.clone();
        self.visions
            .insert(id.clone(), Stored::written(written.path, doc));
        if let Some(kept) = written.kept {
            // The file had changed under this save (another computer's version): both are
            // kept as revisions, and the file kept beside goes once they are saved.
            if let Err(e) = self.take_in_kept_vision(&id, &kept) {
                self.problems.push(Problem::from_error(&kept, e));
            }
        }
        Ok(self.visions[&id].doc.clone())
    }
}

/// How many of the latest revisions the vision's own file keeps.
const LATEST_KEPT: usize = 3;

/// The revisions the vision's own file keeps.
pub(super) fn latest_of(revisions: &[Revision]) -> &[Revision] {
    &revisions[revisions.len().saturating_sub(LATEST_KEPT)..]
}

/// The habit lines of a revision (one a line, bullets and repeats taken out), as the vision page
/// shows them for pinning.
fn habits_of(exercise: &vision::Exercise, revision: Option<&vision::Revision>) -> Vec<String> {
    let Some(revision) = revision else {
        return Vec::new();
    };
    let mut lines: Vec<String> = Vec::new();
    for section in exercise.sections.iter().filter(|s| s.habits) {
        let text = revision
            .sections
            .get(&section.id)
            .map_or("", String::as_str);
        for line in text.lines() {
            let line = line.trim();
            let line = line.strip_prefix(['-', '*', '•']).unwrap_or(line).trim();
            if !line.is_empty() && !lines.iter().any(|l| l == line) {
                lines.push(line.to_string());
            }
        }
    }
    lines
}
