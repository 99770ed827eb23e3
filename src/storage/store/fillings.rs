//! Worksheet fillings in the store: `worksheets/<worksheet>/<date>-<id>.json`.

use std::path::{Path, PathBuf};

use super::trash::TrashKind;
use super::{new_id, persist, Store, WORKSHEETS};
use crate::assessment::Assessment;
use crate::contacts::{self, ContactRhythm};
use crate::document;
use crate::error::{Error, Result};
use crate::filling::{Filling, FillingDraft, FillingStatus, FillingSummary, FILLING_SCHEMA};
use crate::worksheet::{Answers, Worksheet};
use crate::{assessment, worksheet};

/// What the app, the command line and a person reading see of worksheets: for where the user
/// stands (Settings' stance) and in their words. Every caller goes through these, so that all
/// of them show the same worksheet.
impl Store {
    /// The worksheets listed for where the user stands (one already filled in stays), each
    /// without the sections and questions that are for another stance; a question an earlier
    /// filling answered stays, marked `answered_only`, so that its answers keep their question.
    pub fn worksheets_as_shown(&self) -> Vec<Worksheet> {
        self.worksheets()
            .into_iter()
            .map(|w| self.fit_to_stance(w))
            .collect()
    }

    /// One worksheet as [`Store::worksheets_as_shown`] shows it, listed or not.
    pub fn worksheet_as_shown(&self, id: &str) -> Result<Worksheet> {
        Ok(self.fit_to_stance(self.worksheet(id)?))
    }

    fn fit_to_stance(&self, sheet: Worksheet) -> Worksheet {
        let fillings = self.fillings_of(&sheet.id);
        let answered = |field: &str| fillings.iter().any(|f| f.answers.contains_key(field));
        sheet.for_stance(self.settings().stance, &answered)
    }

    /// The assessment as offered for where the user stands: moving on, for oneself only.
    pub fn assessment_as_shown(&self) -> Assessment {
        self.assessment().for_stance(self.settings().stance)
    }

    /// The contact log's rhythm, its note in words for where the user stands.
    pub fn contact_rhythm_as_shown(&self) -> ContactRhythm {
        let fillings = self.fillings_of(contacts::WORKSHEET);
        let settings = self.settings();
        contacts::rhythm_for(&fillings, self.today(), &settings.voice(), settings.stance)
    }
}

impl Store {
    /// Every filling of `worksheet`, newest first.
    pub fn fillings_of(&self, worksheet: &str) -> Vec<&Filling> {
        let mut list: Vec<&Filling> = self
            .fillings
            .values()
            .map(|s| &s.doc)
            .filter(|f| f.worksheet == worksheet)
            .collect();
        list.sort_by(|a, b| (b.date, b.created, &b.id).cmp(&(a.date, a.created, &a.id)));
        list
    }

    /// Every filling of every worksheet, oldest first.
    pub fn all_fillings(&self) -> Vec<&Filling> {
        let mut list: Vec<&Filling> = self.fillings.values().map(|s| &s.doc).collect();
        list.sort_by(|a, b| (a.date, a.created, &a.id).cmp(&(b.date, b.created, &b.id)));
        list
    }

    pub fn filling_summaries(&self, worksheet: &str) -> Vec<FillingSummary> {
        self.fillings_of(worksheet)
            .into_iter()
            .map(Filling::summary)
            .collect()
    }

    pub fn filling(&self, id: &str) -> Result<&Filling> {
        self.fillings
            .get(id)
            .map(|s| &s.doc)
            .ok_or_else(|| Error::NotFound {
                what: "worksheet filling",
                id: id.to_string(),
            })
    }

    /// Creates (no id) or updates (id) a filling, after checking every answer against the
    /// worksheet. Saving what is already saved writes nothing.
    pub fn save_filling(&mut self, draft: FillingDraft) -> Result<Filling> {
        let answers = check_answers(&draft.worksheet, draft.answers)?;
        let now = self.clock.now();
        let (filling, path) = match &draft.id {
            Some(id) => {
                let stored = self.fillings.get(id).ok_or_else(|| Error::NotFound {
                    what: "worksheet filling",
                    id: id.clone(),
                })?;
                let old = &stored.doc;
                if old.worksheet != draft.worksheet {
                    return Err(Error::invalid(format!(
                        "worksheet: filling {id} belongs to \"{}\", not \"{}\"",
                        old.worksheet, draft.worksheet
                    )));
                }
                if old.date == draft.date && old.status == draft.status && old.answers == answers {
                    return Ok(old.clone());
                }
                let filling = Filling {
                    date: draft.date,
                    status: draft.status,
                    answers,
                    updated: now,
                    ..old.clone()
                };
                let path = if old.date == filling.date {
                    stored.path.clone()
                } else {
                    self.filling_path(&filling)
                };
                (filling, path)
            }
            None => {
                if answers.is_empty() && draft.status == FillingStatus::Draft {
                    return Err(Error::invalid(
                        "answers: nothing is answered yet; answer a question before saving",
                    ));
                }
                let filling = Filling {
                    schema: FILLING_SCHEMA,
                    id: new_id(),
                    worksheet: draft.worksheet,
                    date: draft.date,
                    status: draft.status,
                    answers,
                    created: now,
                    updated: now,
                };
                let path = self.filling_path(&filling);
                (filling, path)
            }
        };
        let (filling, kept) = persist(
            &self.root,
            &self.codec,
            None,
            &mut self.fillings,
            filling,
            path,
        )?;
        if let Some(kept) = kept {
            self.note_version(TrashKind::Filling, &filling.id, kept);
        }
        Ok(filling)
    }

    /// Adds a filling as it is (ids and times kept), for import, after checking its answers.
    pub fn insert_filling(&mut self, mut filling: Filling) -> Result<()> {
        if !document::is_valid_id(&filling.id) || self.fillings.contains_key(&filling.id) {
            return Err(Error::invalid(format!(
                "id: {:?} is taken or not valid",
                filling.id
            )));
        }
        filling.answers = check_answers(&filling.worksheet, filling.answers)?;
        let path = self.filling_path(&filling);
        persist(
            &self.root,
            &self.codec,
            self.batch.as_mut(),
            &mut self.fillings,
            filling,
            path,
        )
        .map(|_| ())
    }

    /// The file a filling was loaded from, or last saved to.
    pub fn filling_path_of(&self, id: &str) -> Result<&Path> {
        (self.fillings.get(id))
            .map(|s| s.path.as_path())
            .ok_or_else(|| Error::NotFound {
                what: "worksheet filling",
                id: id.to_string(),
            })
    }

    pub(super) fn filling_path(&self, filling: &Filling) -> PathBuf {
        self.root
            .join(WORKSHEETS)
            .join(&filling.worksheet)
            .join(format!(
                "{}-{}.json",
                filling.date.format("%Y-%m-%d"),
                filling.id
            ))
    }
}

/// The assessment is filled like a worksheet but checked by its own rules. Answers given under
/// a field's former id (an older export, a script) are taken under its id of today.
fn check_answers(worksheet: &str, mut answers: Answers) -> Result<Answers> {
    crate::filling::rename_fields(worksheet, &mut answers);
    if worksheet == assessment::ID {
        assessment::check(answers)
    } else {
        worksheet::find(worksheet)?.check(answers)
    }
}

impl Store {
    /// Worksheet fillings that arrived while the journal is open (another computer's, through
    /// a folder sync): a new filling is added, and a second version of one (a sync tool's
    /// conflict copy) is listed for her to choose. A filling already here is left as Tend holds
    /// it, even if its file changed: a worksheet open in the app may be saving it, and its save
    /// then keeps the changed file beside as the second version (see `write`). The next open
    /// reads it. Returns how many were added or listed.
    pub fn catch_up_fillings(&mut self) -> usize {
        let mut problems = Vec::new();
        let found =
            document::load_all::<Filling>(&self.root.join(WORKSHEETS), &self.codec, &mut problems);
        let mut count = 0;
        for (id, stored) in found.docs {
            if self.fillings.contains_key(&id) || self.is_version_file(&stored.path) {
                continue;
            }
            self.fillings.insert(id, stored);
            count += 1;
        }
        for (id, path) in found.versions {
            let shown = self.fillings.get(&id).is_some_and(|s| s.path == path);
            if shown || self.is_version_file(&path) {
                continue;
            }
            let kind = TrashKind::Filling;
            self.versions
                .push(super::versions::OtherVersion { kind, id, path });
            count += 1;
        }
        count
    }
}
