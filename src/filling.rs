//! A filling: one dated set of answers to one worksheet. Filling a worksheet again makes a new
//! filling; earlier ones are kept to compare with.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::document::Document;
use crate::worksheet::Answers;

pub const FILLING_SCHEMA: u32 = 1;

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

impl Document for Filling {
    const SCHEMA: u32 = FILLING_SCHEMA;
    fn id(&self) -> &str {
        &self.id
    }
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
