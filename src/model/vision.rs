//! Visions: long-form guided writing (exercises in `prompts/visions/`), kept with every
//! revision. A revision is one writing session; earlier revisions are never changed.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::entry::word_count;
use crate::error::{Error, Result};

pub const VISION_SCHEMA: u32 = 1;
const MAX_SECTION_CHARS: usize = 500_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Exercise {
    pub id: String,
    pub title: String,
    pub intro: String,
    pub sources: Vec<String>,
    /// Shown to someone who stands here (empty: to everyone).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stances: Vec<crate::settings::Stance>,
    pub sections: Vec<ExerciseSection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct ExerciseSection {
    pub id: String,
    pub title: String,
    pub guidance: String,
    pub source: String,
    /// One habit a line: each can be pinned to Today as a daily checklist.
    #[serde(default)]
    pub habits: bool,
}

/// Everything written for one exercise: every revision, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Vision {
    pub schema: u32,
    /// The exercise's id: one vision per exercise.
    pub id: String,
    pub revisions: Vec<Revision>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Revision {
    /// 1, 2, 3…: the order of writing sessions.
    pub number: u32,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created: DateTime<FixedOffset>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated: DateTime<FixedOffset>,
    /// Text by section id; sections not written are absent.
    pub sections: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub restored_from: Option<u32>,
    /// Written in another version of this vision and taken in from it: who kept that version
    /// ("Syncthing's conflict copy, from device ABCDEFG"), as far as its file's name told.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub taken_from: Option<String>,
}

/// What the editor sends: the text of every section, and the revision this writing session
/// has been saving to (absent for the session's first save).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct VisionDraft {
    pub exercise: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub session_revision: Option<u32>,
    pub sections: BTreeMap<String, String>,
}

/// A saved writing session: the vision, and the revision this session writes to from now on
/// (absent until it has written one). The editor sends it back with its next save.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct VisionSave {
    pub vision: Vision,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub session_revision: Option<u32>,
    /// The settings, when this save moved a pinned habit to its line's new words.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub settings: Option<crate::settings::Settings>,
}

/// One line of a vision's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct RevisionSummary {
    pub number: u32,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created: DateTime<FixedOffset>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated: DateTime<FixedOffset>,
    pub words: usize,
    pub chars: usize,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub restored_from: Option<u32>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub taken_from: Option<String>,
}

/// A piece of a section's text in a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct DiffPart {
    pub change: Change,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum Change {
    Same,
    Added,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct SectionDiff {
    pub section: String,
    pub title: String,
    pub parts: Vec<DiffPart>,
    pub words_added: usize,
    pub words_removed: usize,
}

pub fn all() -> &'static [Exercise] {
    static ALL: OnceLock<Vec<Exercise>> = OnceLock::new();
    ALL.get_or_init(crate::model::compiled::visions)
}

pub fn find(id: &str) -> Result<&'static Exercise> {
    all()
        .iter()
        .find(|e| e.id == id)
        .ok_or_else(|| Error::NotFound {
            what: "vision exercise",
            id: id.to_string(),
        })
}

impl Exercise {
    /// Keeps the written sections, checked: each must be one of this exercise's; blank ones
    /// are dropped so that "nothing written" compares equal however it is sent.
    pub fn check(&self, sections: BTreeMap<String, String>) -> Result<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        for (id, text) in sections {
            if !self.sections.iter().any(|s| s.id == id) {
                return Err(Error::invalid(format!(
                    "{id}: \"{}\" has no such section",
                    self.title
                )));
            }
            if text.chars().count() > MAX_SECTION_CHARS {
                return Err(Error::invalid(format!(
                    "{id}: this section is longer than {MAX_SECTION_CHARS} characters"
                )));
            }
            if !text.trim().is_empty() {
                out.insert(id, text);
            }
        }
        Ok(out)
    }
}

impl Vision {
    pub fn latest(&self) -> Option<&Revision> {
        self.revisions.last()
    }

    pub fn revision(&self, number: u32) -> Result<&Revision> {
        self.revisions
            .iter()
            .find(|r| r.number == number)
            .ok_or_else(|| Error::NotFound {
                what: "revision",
                id: format!("{number} of {}", self.id),
            })
    }

    pub fn history(&self) -> Vec<RevisionSummary> {
        self.revisions
            .iter()
            .map(|r| RevisionSummary {
                number: r.number,
                created: r.created,
                updated: r.updated,
                words: r.sections.values().map(|t| word_count(t)).sum(),
                chars: r.sections.values().map(|t| t.chars().count()).sum(),
                restored_from: r.restored_from,
                taken_from: r.taken_from.clone(),
            })
            .collect()
    }

    /// Applies a writing session's save. The session's own revision (the latest) is updated;
    /// otherwise a new revision is added, unless nothing changed. Returns the number of the
    /// revision written, or None when nothing was.
    pub fn apply(
        &mut self,
        session: Option<u32>,
        sections: BTreeMap<String, String>,
        now: DateTime<FixedOffset>,
    ) -> Option<u32> {
        match self.revisions.last_mut() {
            Some(latest) if latest.sections == sections => None,
            Some(latest) if session == Some(latest.number) => {
                latest.sections = sections;
                latest.updated = now;
                Some(latest.number)
            }
            _ => Some(self.push(sections, now, None)),
        }
    }

    /// Brings an older revision back as a new one; the revisions between stay as they were.
    pub fn restore(&mut self, number: u32, now: DateTime<FixedOffset>) -> Result<()> {
        let sections = self.revision(number)?.sections.clone();
        self.push(sections, now, Some(number));
        Ok(())
    }

    fn push(
        &mut self,
        sections: BTreeMap<String, String>,
        now: DateTime<FixedOffset>,
        from: Option<u32>,
    ) -> u32 {
        let number = self.latest().map_or(1, |r| r.number + 1);
        self.revisions.push(Revision {
            number,
            created: now,
            updated: now,
            sections,
            restored_from: from,
            taken_from: None,
        });
        number
    }

    /// Takes in the revisions of another version of this vision (another computer's, kept
    /// beside by a sync tool or by a save), so that both are kept as revisions: each one not
    /// here already (the same session, begun at the same instant with the same words) is
    /// added after the latest, in the order they were written, and says where it came from.
    /// If this vision's latest was written after all of them (or with the last), it moves
    /// after them, so the vision shown is the one written last (the latest is in the vision's
    /// own file, never yet in a file of its own, so its number may be given to another).
    /// Returns how many were added.
    ///
    /// Two computers taking in each other's versions agree: what each adds is already in the
    /// other, so a further round adds nothing.
    pub fn take_in(&mut self, other: Vec<Revision>, from: &str) -> usize {
        let mut new: Vec<Revision> = other
            .into_iter()
            .filter(|r| !self.revisions.iter().any(|kept| kept.same_session(r)))
            .collect();
        new.sort_by_key(|r| (r.updated, r.created));
        new.dedup_by(|a, b| a.same_session(b));
        let Some(last_new) = new.last().map(|r| r.updated) else {
            return 0;
        };
        let ours = self.latest().filter(|l| l.updated >= last_new).cloned();
        let added = new.len();
        // Written after them, this vision's latest moves after them, and the first of them
        // takes its number: one session is one revision, the numbers have no gap, and the
        // other computer, taking in this one's, numbers them alike.
        let mut number = match &ours {
            Some(ours) => {
                self.revisions.retain(|r| r.number != ours.number);
                ours.number
            }
            None => self.latest().map_or(1, |r| r.number + 1),
        };
        for revision in new {
            self.revisions.push(Revision {
                number,
                restored_from: None, // its number was the other version's
                taken_from: Some(revision.taken_from.unwrap_or_else(|| from.to_string())),
                ..revision
            });
            number += 1;
        }
        if let Some(ours) = ours {
            self.revisions.push(Revision { number, ..ours });
        }
        added
    }
}

impl Revision {
    /// Whether two revisions are one writing session's: begun at the same instant, with the
    /// same words now.
    pub fn same_session(&self, other: &Revision) -> bool {
        self.created == other.created && self.sections == other.sections
    }
}

/// Compares two revisions section by section, word by word.
pub fn diff(exercise: &Exercise, old: &Revision, new: &Revision) -> Vec<SectionDiff> {
    exercise
        .sections
        .iter()
        .filter_map(|section| {
            let before = old.sections.get(&section.id).map_or("", String::as_str);
            let after = new.sections.get(&section.id).map_or("", String::as_str);
            if before.is_empty() && after.is_empty() {
                return None;
            }
            Some(diff_text(&section.id, &section.title, before, after))
        })
        .collect()
}

/// The words of `before` and `after` marked as the same, added or removed, under a section's
/// `id` and `title`.
pub fn diff_text(id: &str, title: &str, before: &str, after: &str) -> SectionDiff {
    let mut parts: Vec<DiffPart> = Vec::new();
    let (mut added, mut removed) = (0, 0);
    for change in TextDiff::from_words(before, after).iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => Change::Same,
            ChangeTag::Insert => Change::Added,
            ChangeTag::Delete => Change::Removed,
        };
        let text = change.value();
        match kind {
            Change::Added => added += word_count(text),
            Change::Removed => removed += word_count(text),
            Change::Same => {}
        }
        // Runs of one kind are joined, so the UI draws one mark per change.
        match parts.last_mut() {
            Some(last) if last.change == kind => last.text.push_str(text),
            _ => parts.push(DiffPart {
                change: kind,
                text: text.to_string(),
            }),
        }
    }
    SectionDiff {
        section: id.to_string(),
        title: title.to_string(),
        parts,
        words_added: added,
        words_removed: removed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_marks_the_words_added_and_removed() {
        let d = diff_text(
            "s",
            "S",
            "I walk every morning.",
            "I walk every evening by the sea.",
        );
        let marked: Vec<(Change, &str)> = d
            .parts
            .iter()
            .map(|p| (p.change, p.text.as_str()))
            .collect();
        assert_eq!(
            marked,
            [
                (Change::Same, "I walk every "),
                (Change::Removed, "morning."),
                (Change::Added, "evening by the sea."),
            ]
        );
        assert_eq!((d.words_added, d.words_removed), (4, 1));
    }
}
