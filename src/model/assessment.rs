//! The love-languages self-assessment: thirty forced-choice pairs (content in
//! `prompts/assessment.json`), taken for oneself or as I believe my partner would answer, and
//! scored.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::Value;
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::settings::Stance;
use crate::worksheet::{Answers, Choice};

/// Fillings of the assessment are stored like worksheet fillings, under this id.
pub const ID: &str = "love-languages-assessment";
/// The answer key saying whose answers these are: "me" or "partner".
pub const SUBJECT: &str = "subject";
pub const SUBJECTS: [&str; 2] = ["me", "partner"];

const ASSESSMENT_JSON: &str = include_str!("../../prompts/assessment.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    pub id: String,
    pub title: String,
    pub intro: String,
    pub source: String,
    /// Whose answers a filling can hold: "me", and "partner" (as I believe they would answer).
    pub subjects: Vec<Subject>,
    pub languages: Vec<Choice>,
    pub pairs: Vec<Pair>,
}

/// One way to take the assessment: for myself, or as I believe my partner would answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Subject {
    /// One of [`SUBJECTS`].
    pub id: String,
    pub label: String,
    /// Offered to someone who stands here (empty: to everyone).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stances: Vec<Stance>,
}

impl Assessment {
    /// The assessment as offered to someone who stands at `stance`: moving on, it is taken for
    /// oneself only. Results already taken for the partner still read and score.
    pub fn for_stance(&self, stance: Option<Stance>) -> Assessment {
        Assessment {
            subjects: self
                .subjects
                .iter()
                .filter(|s| Stance::admits(stance, &s.stances))
                .cloned()
                .collect(),
            ..self.clone()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct Pair {
    pub id: String,
    pub a: Statement,
    pub b: Statement,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct Statement {
    pub language: String,
    pub text: String,
}

/// A language's score: how many times it was the one chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct LanguageScore {
    pub language: String,
    pub label: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct AssessmentResult {
    /// Highest first; languages with equal counts keep the definition's order.
    pub scores: Vec<LanguageScore>,
    /// The language(s) with the highest count: more than one is a tie.
    pub primary: Vec<String>,
    pub answered: usize,
    pub total: usize,
}

pub fn definition() -> &'static Assessment {
    static DEF: OnceLock<Assessment> = OnceLock::new();
    DEF.get_or_init(|| {
        serde_json::from_str(ASSESSMENT_JSON).expect("prompts/assessment.json parses")
    })
}

/// Checks a filling's answers: `subject` is "me" or "partner"; each pair maps to "a" or "b".
pub fn check(answers: Answers) -> Result<Answers> {
    let def = definition();
    for (key, value) in &answers {
        if key == SUBJECT {
            if !value.as_str().is_some_and(|s| SUBJECTS.contains(&s)) {
                return Err(Error::invalid(
                    "subject: answer for \"me\" or for \"partner\"",
                ));
            }
        } else if def.pairs.iter().any(|p| &p.id == key) {
            if !matches!(value.as_str(), Some("a" | "b")) {
                return Err(Error::invalid(format!("{key}: choose \"a\" or \"b\"")));
            }
        } else {
            return Err(Error::invalid(format!(
                "{key}: the assessment has no such question"
            )));
        }
    }
    Ok(answers)
}

pub fn score(answers: &Answers) -> AssessmentResult {
    let def = definition();
    let mut scores: Vec<LanguageScore> = def
        .languages
        .iter()
        .map(|l| LanguageScore {
            language: l.id.clone(),
            label: l.label.clone(),
            count: 0,
        })
        .collect();
    let mut answered = 0;
    for pair in &def.pairs {
        let chosen = match answers.get(&pair.id).and_then(Value::as_str) {
            Some("a") => &pair.a,
            Some("b") => &pair.b,
            _ => continue,
        };
        answered += 1;
        if let Some(s) = scores.iter_mut().find(|s| s.language == chosen.language) {
            s.count += 1;
        }
    }
    scores.sort_by_key(|s| std::cmp::Reverse(s.count)); // stable: ties keep the definition's order
    let top = scores.first().map_or(0, |s| s.count);
    let primary = if answered == 0 {
        Vec::new()
    } else {
        scores
            .iter()
            .filter(|s| s.count == top)
            .map(|s| s.language.clone())
            .collect()
    };
    AssessmentResult {
        scores,
        primary,
        answered,
        total: def.pairs.len(),
    }
}
