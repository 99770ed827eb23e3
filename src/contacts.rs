//! The rhythm of contact, drawn from the contact-log worksheet's fillings: who started each
//! contact, and how long since the last one.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::filling::Filling;

pub const WORKSHEET: &str = "contact-log";
const STARTED_BY: &str = "started-by";
const RECENT: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub id: String,
    pub date: NaiveDate,
    /// "me", "him" or "both"; absent when not answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub started_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub how: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct ContactRhythm {
    /// Newest first.
    pub recent: Vec<Contact>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "number"))]
    pub days_since_last: Option<i64>,
    /// How many of the latest contacts in a row the user started.
    pub started_by_me_in_a_row: usize,
    /// A gentle word when the user has started several in a row.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub note: Option<String>,
}

/// `fillings` newest first, as the store lists them.
pub fn rhythm(fillings: &[&Filling], today: NaiveDate) -> ContactRhythm {
    let text =
        |f: &Filling, key: &str| f.answers.get(key).and_then(Value::as_str).map(String::from);
    let recent: Vec<Contact> = fillings
        .iter()
        .take(RECENT)
        .map(|f| Contact {
            id: f.id.clone(),
            date: f.date,
            started_by: text(f, STARTED_BY),
            how: text(f, "how"),
        })
        .collect();
    let in_a_row = recent
        .iter()
        .take_while(|c| c.started_by.as_deref() == Some("me"))
        .count();
    let note = (in_a_row >= 2).then(|| {
        format!(
            "You started the last {in_a_row} contacts. Article 004 (“How Do I Make My Husband Miss \
             Me During The Separation?”) suggests that after a contact you begin, you leave the \
             next one to him. That pause can give you both room, and it can be a kindness to \
             yourself too."
        )
    });
    ContactRhythm {
        days_since_last: recent.first().map(|c| (today - c.date).num_days()),
        recent,
        started_by_me_in_a_row: in_a_row,
        note,
    }
}
