//! Worksheet fillings in the store: `worksheets/<worksheet>/<date>-<id>.json`.

use std::path::PathBuf;

use super::{new_id, persist, Store, WORKSHEETS};
use crate::document;
use crate::error::{Error, Result};
use crate::filling::{Filling, FillingDraft, FillingStatus, FillingSummary, FILLING_SCHEMA};
use crate::worksheet::Answers;
use crate::{assessment, worksheet};

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
        persist(
            &self.root,
            &self.codec,
            None,
            &mut self.fillings,
            filling,
            path,
        )
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

    fn filling_path(&self, filling: &Filling) -> PathBuf {
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

/// The assessment is filled like a worksheet but checked by its own rules.
fn check_answers(worksheet: &str, answers: Answers) -> Result<Answers> {
    if worksheet == assessment::ID {
        assessment::check(answers)
    } else {
        worksheet::find(worksheet)?.check(answers)
    }
}
