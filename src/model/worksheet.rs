//! Worksheets: reflection forms defined as data in `prompts/worksheets/`, and the checking of
//! answers against their definition.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::Value;
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::settings::Stance;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Worksheet {
    pub id: String,
    pub title: String,
    pub intro: String,
    pub sources: Vec<String>,
    /// Shown to someone who stands here (empty: to everyone).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stances: Vec<Stance>,
    /// What the worksheet is for, when it does more than hold a reflection: the page shows
    /// what goes with it from this, never from the worksheet's id (issue 24).
    #[serde(default)]
    pub purpose: Purpose,
    /// The words of the button that begins a filling ("Log a contact"); absent: "Begin", then
    /// "Fill in again".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub begin_label: Option<String>,
    /// What the date of a filling means ("When was this contact?"); absent: "Dated".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub date_label: Option<String>,
    pub sections: Vec<Section>,
}

/// What a worksheet is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum Purpose {
    /// A reflection: each filling kept, any two compared.
    #[default]
    Reflection,
    /// One filling a contact with the partner: the page shows the rhythm of contacts over it.
    ContactLog,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Section {
    pub id: String,
    pub title: String,
    pub help: String,
    /// The article the section draws on; absent for Tend's own safety questions, since the
    /// articles leave safety out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub source: Option<String>,
    /// Coaches contact or reconnection: shown only once the user has said they feel safe.
    #[serde(default)]
    pub coaching: bool,
    /// Shown to someone who stands here (empty: to everyone).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stances: Vec<Stance>,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Field {
    pub id: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub help: Option<String>,
    /// A message draft: the form checks its tone as it is written (see `tone.rs`).
    #[serde(default)]
    pub tone_check: bool,
    /// "Do I feel safe with my partner?": a choice whose option [`SAFE`] alone lets the
    /// worksheet's coaching sections show.
    #[serde(default)]
    pub safety: bool,
    /// Shown to someone who stands here (empty: to everyone).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stances: Vec<Stance>,
    /// Not asked of someone who stands where the user does now; kept in the worksheet only so
    /// that answers given earlier still show with their question (see [`Worksheet::for_stance`]).
    #[serde(default)]
    pub answered_only: bool,
    #[serde(flatten)]
    pub kind: FieldKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum FieldKind {
    ShortText,
    LongText,
    /// Put every option in order, most important first.
    Ranking {
        options: Vec<Choice>,
    },
    Scale {
        min: u8,
        max: u8,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        min_label: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        max_label: Option<String>,
    },
    Choice {
        options: Vec<Choice>,
    },
    Checklist {
        options: Vec<Choice>,
    },
    List {
        item_label: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// Answers by field id. A value's JSON type follows its field's kind: text, choice → string;
/// scale → number; ranking, checklist, list → array of strings.
pub type Answers = BTreeMap<String, Value>;

const MAX_TEXT_CHARS: usize = 200_000;

/// The safety question's answer that means "I feel safe"; "unsure" and "not-safe" do not.
pub const SAFE: &str = "safe";

/// Where a filling stands on the safety question, if its worksheet asks one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum Safety {
    /// The worksheet does not ask.
    NotAsked,
    /// Asked, not answered yet: coaching waits.
    Unanswered,
    Safe,
    /// "Not sure" or "not safe": support is shown, and no contact coaching.
    NotSafe,
}
const MAX_LIST_ITEMS: usize = 200;

/// Every worksheet compiled in, in file-name order.
pub fn all() -> &'static [Worksheet] {
    static ALL: OnceLock<Vec<Worksheet>> = OnceLock::new();
    ALL.get_or_init(crate::model::compiled::worksheets)
}

pub fn find(id: &str) -> Result<&'static Worksheet> {
    all()
        .iter()
        .find(|w| w.id == id)
        .ok_or_else(|| Error::NotFound {
            what: "worksheet",
            id: id.to_string(),
        })
}

impl Worksheet {
    /// The worksheet as someone who stands at `stance` is shown it: sections and fields for
    /// other stances are left out, unless `answered` names a field (an earlier filling answered
    /// it). Such a field stays, marked [`Field::answered_only`], so that no answer ever loses its
    /// question; a blank form leaves it out. A section left with no field goes too.
    pub fn for_stance(&self, stance: Option<Stance>, answered: &dyn Fn(&str) -> bool) -> Worksheet {
        let sections = self
            .sections
            .iter()
            .filter_map(|section| {
                let section_admitted = Stance::admits(stance, &section.stances);
                let fields: Vec<Field> = section
                    .fields
                    .iter()
                    .filter_map(|field| {
                        if section_admitted && Stance::admits(stance, &field.stances) {
                            Some(field.clone())
                        } else if answered(&field.id) {
                            Some(Field {
                                answered_only: true,
                                ..field.clone()
                            })
                        } else {
                            None
                        }
                    })
                    .collect();
                (!fields.is_empty()).then(|| Section {
                    fields,
                    ..section.clone()
                })
            })
            .collect();
        Worksheet {
            sections,
            ..self.clone()
        }
    }

    /// The blank worksheet as plain text, for reading or printing.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n\n{}\n", self.title, self.intro);
        for section in &self.sections {
            out.push_str(&format!("\n## {}\n{}\n", section.title, section.help));
            if section.coaching && self.fields().any(|f| f.safety) {
                out.push_str(
                    "(In the app, these questions come only once the safety question above is \
                     answered \"yes\"; \"not sure\" or \"no\" brings support instead: `tend support`.)\n",
                );
            }
            for field in section.fields.iter().filter(|f| !f.answered_only) {
                out.push_str(&format!("\n- {} [{}]\n", field.label, field.id));
                if let Some(help) = &field.help {
                    out.push_str(&format!("  {help}\n"));
                }
                let how = match &field.kind {
                    FieldKind::ShortText => "a line of text".to_string(),
                    FieldKind::LongText => "text".to_string(),
                    FieldKind::Scale {
                        min,
                        max,
                        min_label,
                        max_label,
                    } => format!(
                        "a number from {min}{} to {max}{}",
                        min_label
                            .as_ref()
                            .map(|l| format!(" ({l})"))
                            .unwrap_or_default(),
                        max_label
                            .as_ref()
                            .map(|l| format!(" ({l})"))
                            .unwrap_or_default()
                    ),
                    FieldKind::Choice { options } => format!("one of: {}", ids(options)),
                    FieldKind::Checklist { options } => format!("any of: {}", ids(options)),
                    FieldKind::Ranking { options } => format!("all of, in order: {}", ids(options)),
                    FieldKind::List { item_label } => format!("a list, each item {item_label}"),
                };
                out.push_str(&format!("  answer: {how}\n"));
            }
        }
        out
    }

    /// Whether the answers say the user feels safe with their partner. Coaching sections are
    /// shown only for [`Safety::Safe`] (or when the worksheet does not ask).
    pub fn safety(&self, answers: &Answers) -> Safety {
        let Some(question) = self.fields().find(|f| f.safety) else {
            return Safety::NotAsked;
        };
        match answers.get(&question.id).and_then(Value::as_str) {
            None => Safety::Unanswered,
            Some(SAFE) => Safety::Safe,
            Some(_) => Safety::NotSafe,
        }
    }

    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.sections.iter().flat_map(|s| s.fields.iter())
    }

    /// Checks answers against this worksheet. Unanswered fields are fine (a draft may be half
    /// done); an answer that does not fit its field is an error naming the field. Blank text
    /// and empty lists are dropped, so the saved file holds only what was answered.
    pub fn check(&self, answers: Answers) -> Result<Answers> {
        let mut out = Answers::new();
        for (id, value) in answers {
            let field = self.fields().find(|f| f.id == id).ok_or_else(|| {
                Error::invalid(format!(
                    "{id}: the worksheet \"{}\" has no such field",
                    self.title
                ))
            })?;
            if let Some(value) = field.check(value)? {
                out.insert(id, value);
            }
        }
        Ok(out)
    }
}

impl Field {
    fn check(&self, value: Value) -> Result<Option<Value>> {
        let id = &self.id;
        let wrong = |expected: &str| Error::invalid(format!("{id}: expected {expected}"));
        match &self.kind {
            FieldKind::ShortText | FieldKind::LongText => {
                let text = value.as_str().ok_or_else(|| wrong("text"))?;
                if text.chars().count() > MAX_TEXT_CHARS {
                    return Err(Error::invalid(format!(
                        "{id}: the answer is longer than {MAX_TEXT_CHARS} characters"
                    )));
                }
                Ok((!text.trim().is_empty()).then_some(value))
            }
            FieldKind::Scale { min, max, .. } => {
                let n = value.as_u64().ok_or_else(|| wrong("a whole number"))?;
                if n < u64::from(*min) || n > u64::from(*max) {
                    return Err(Error::invalid(format!(
                        "{id}: {n} is outside the scale {min} to {max}"
                    )));
                }
                Ok(Some(value))
            }
            FieldKind::Choice { options } => {
                let choice = value.as_str().ok_or_else(|| wrong("one of the choices"))?;
                if !options.iter().any(|o| o.id == choice) {
                    return Err(Error::invalid(format!(
                        "{id}: {choice:?} is not one of the choices"
                    )));
                }
                Ok(Some(value))
            }
            FieldKind::Checklist { options } => {
                let ticked = strings(&value).ok_or_else(|| wrong("a list of choices"))?;
                let mut seen = HashSet::new();
                for t in &ticked {
                    if !options.iter().any(|o| &o.id == t) {
                        return Err(Error::invalid(format!(
                            "{id}: {t:?} is not one of the choices"
                        )));
                    }
                    if !seen.insert(t) {
                        return Err(Error::invalid(format!("{id}: {t:?} is ticked twice")));
                    }
                }
                Ok((!ticked.is_empty()).then_some(value))
            }
            FieldKind::Ranking { options } => {
                let order = strings(&value).ok_or_else(|| wrong("the options in order"))?;
                let mut given: Vec<&String> = order.iter().collect();
                let mut expected: Vec<&String> = options.iter().map(|o| &o.id).collect();
                given.sort();
                expected.sort();
                if given != expected {
                    return Err(Error::invalid(format!(
                        "{id}: a ranking must put each of the {} options in order exactly once",
                        options.len()
                    )));
                }
                Ok(Some(value))
            }
            FieldKind::List { .. } => {
                let items = strings(&value).ok_or_else(|| wrong("a list of items"))?;
                if items.len() > MAX_LIST_ITEMS {
                    return Err(Error::invalid(format!(
                        "{id}: at most {MAX_LIST_ITEMS} items"
                    )));
                }
                if items.iter().any(|i| i.chars().count() > MAX_TEXT_CHARS) {
                    return Err(Error::invalid(format!("{id}: an item is too long")));
                }
                let kept: Vec<Value> = items
                    .into_iter()
                    .filter(|i| !i.trim().is_empty())
                    .map(Value::String)
                    .collect();
                Ok((!kept.is_empty()).then_some(Value::Array(kept)))
            }
        }
    }
}

fn ids(options: &[Choice]) -> String {
    options
        .iter()
        .map(|o| format!("{} ({})", o.id, o.label))
        .collect::<Vec<_>>()
        .join(", ")
}

fn strings(value: &Value) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect()
}
