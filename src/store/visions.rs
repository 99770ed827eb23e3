//! Visions in the store: `visions/<exercise>.json`, every revision in one document.

use super::{persist, Store, VISIONS};
use crate::error::{Error, Result};
use crate::settings::Settings;
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
                    "sections: nothing is written yet; write a little before saving",
                ))
            }
            None => Vision {
                schema: VISION_SCHEMA,
                id: exercise.id.clone(),
                revisions: Vec::new(),
            },
        };
        let Some(written) = doc.apply(draft.session_revision, sections, now) else {
            return Ok(VisionSave {
                vision: doc,
                session_revision: draft.session_revision,
            });
        };
        Ok(VisionSave {
            vision: self.put_vision(doc)?,
            session_revision: Some(written),
        })
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

    /// Pins a habit to Today, or unpins it.
    pub fn pin_habit(&mut self, habit: &str, pinned: bool) -> Result<Settings> {
        let habit = habit.trim().to_string();
        let mut settings = self.settings().clone();
        settings.pinned_habits.retain(|h| *h != habit);
        if pinned {
            settings.pinned_habits.push(habit);
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

    fn put_vision(&mut self, doc: Vision) -> Result<Vision> {
        let path = self.root.join(VISIONS).join(format!("{}.json", doc.id));
        persist(&self.root, &mut self.visions, doc, path)
    }
}
