//! A filling: one dated set of answers to one worksheet. Filling a worksheet again makes a new
//! filling; earlier ones are kept to compare with.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::worksheet::Answers;

/// 2: answers that named the partner "him" (who started a contact, whose answers an
/// assessment holds) say "partner", since Tend speaks of any partner.
/// 3: fields whose ids said "his" or "he" have ids for any partner ([`RENAMED_FIELDS`]).
pub const FILLING_SCHEMA: u32 = 3;

/// The answers whose value "him" meant the partner in schema 1.
const PARTNER_ANSWERS: [&str; 3] = ["started-by", "whose-turn", "subject"];

/// Field ids as schema 2 and earlier wrote them, and as they are now: (worksheet, old, new).
/// A filling is read under the new ids; its file changes only when it is saved again.
pub const RENAMED_FIELDS: [(&str, &str, &str); 11] = [
    ("core-needs", "his-important", "partner-important"),
    ("core-needs", "his-secure", "partner-secure"),
    ("core-needs", "his-connected", "partner-connected"),
    ("core-needs", "his-told-me", "partner-told-me"),
    ("core-needs", "my-told-him", "my-told-partner"),
    ("love-languages", "his-ranking", "partner-ranking"),
    ("love-languages", "his-landed", "partner-landed"),
    ("love-languages", "his-missed", "partner-missed"),
    ("love-languages", "his-if-together", "partner-if-together"),
    ("love-languages", "his-now", "partner-now"),
    ("why-stay", "as-he-is", "as-they-are"),
];

/// Answers of `worksheet` under today's field ids: an old id becomes its new one. Should both
/// be present (a hand-edited file), the new one's answer is kept and the old one's stays under
/// its old id, so that nothing is lost.
pub fn rename_fields(worksheet: &str, answers: &mut Answers) {
    for (_, old, new) in RENAMED_FIELDS.iter().filter(|(w, ..)| *w == worksheet) {
        if answers.contains_key(*new) {
            continue;
        }
        if let Some(value) = answers.remove(*old) {
            answers.insert((*new).to_string(), value);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum FillingStatus {
    /// Begun, to come back to.
    Draft,
    Complete,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Filling {
    pub schema: u32,
    pub id: String,
    /// The worksheet's id, e.g. "love-languages".
    pub worksheet: String,
    pub date: NaiveDate,
    pub status: FillingStatus,
    #[cfg_attr(
        feature = "ts",
        ts(type = "Record<string, string | number | string[]>")
    )]
    pub answers: Answers,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created: DateTime<FixedOffset>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated: DateTime<FixedOffset>,
}

impl Filling {
    /// This filling under the current schema (an import may bring older ones).
    pub fn migrated(self) -> std::result::Result<Filling, String> {
        if self.schema >= FILLING_SCHEMA {
            return Ok(self);
        }
        let schema = self.schema;
        let value = serde_json::to_value(self).map_err(|e| e.to_string())?;
        serde_json::from_value(migrate(value, schema)?).map_err(|e| e.to_string())
    }
}

/// Brings a filling of an older schema up to this one (on load and on import).
pub fn migrate(mut value: Value, schema: u32) -> std::result::Result<Value, String> {
    if !(1..FILLING_SCHEMA).contains(&schema) {
        return Err(format!("schema {schema} is not one Tend has ever written"));
    }
    let worksheet = value
        .get("worksheet")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if let Some(answers) = value.get_mut("answers").and_then(Value::as_object_mut) {
        if schema == 1 {
            for key in PARTNER_ANSWERS {
                if let Some(answer) = answers.get_mut(key) {
                    if answer.as_str() == Some("him") {
                        *answer = Value::String("partner".into());
                    }
                }
            }
        }
    }
    if let Some(answers) = value.get_mut("answers") {
        let mut renamed: Answers =
            serde_json::from_value(answers.take()).map_err(|e| format!("answers: {e}"))?;
        rename_fields(&worksheet, &mut renamed);
        *answers = serde_json::to_value(renamed).map_err(|e| format!("answers: {e}"))?;
    }
    value["schema"] = Value::from(FILLING_SCHEMA);
    Ok(value)
}

/// What the form sends: a new filling when `id` is absent, else an update of that filling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct FillingDraft {
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub id: Option<String>,
    pub worksheet: String,
    pub date: NaiveDate,
    pub status: FillingStatus,
    #[cfg_attr(
        feature = "ts",
        ts(type = "Record<string, string | number | string[]>")
    )]
    pub answers: Answers,
}

/// One line of a worksheet's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct FillingSummary {
    pub id: String,
    pub worksheet: String,
    pub date: NaiveDate,
    pub status: FillingStatus,
    /// How many fields have an answer.
    pub answered: usize,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated: DateTime<FixedOffset>,
}

impl Filling {
    pub fn summary(&self) -> FillingSummary {
        FillingSummary {
            id: self.id.clone(),
            worksheet: self.worksheet.clone(),
            date: self.date,
            status: self.status,
            answered: self.answers.len(),
            updated: self.updated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schema_1_filling_that_said_him_says_partner() {
        let old = serde_json::json!({
            "schema": 1, "answers": {"started-by": "him", "how": "him and me"}
        });
        let new = migrate(old, 1).unwrap();
        assert_eq!(new["schema"], FILLING_SCHEMA);
        assert_eq!(new["answers"]["started-by"], "partner");
        assert_eq!(
            new["answers"]["how"], "him and me",
            "free text is the user's own and is never changed"
        );
    }
}
