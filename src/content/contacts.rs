//! The rhythm of contact, drawn from the contact-log worksheet's fillings: who started each
//! contact, what it was about, and how long since the last one. Only personal contacts count
//! toward the note: arranging the children, money or the home is not a step anyone takes
//! toward or away from anyone.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::filling::Filling;
use crate::settings::Stance;
use crate::voice::Voice;

pub const WORKSHEET: &str = "contact-log";
const STARTED_BY: &str = "started-by";
const ABOUT: &str = "about";
/// The "about" answer for children, money, the home and other practical matters.
pub const LOGISTICS: &str = "logistics";
const RECENT: usize = 10;
const NOTE_SOURCE: &str = "004_8e824c0e73f16572.txt";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub id: String,
    pub date: NaiveDate,
    /// "me", "partner" or "both"; absent when not answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub started_by: Option<String>,
    /// "logistics" or "personal"; absent when not answered (counted as personal).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub about: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub how: Option<String>,
}

impl Contact {
    pub fn is_personal(&self) -> bool {
        self.about.as_deref() != Some(LOGISTICS)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct ContactRhythm {
    /// Newest first, personal and practical alike.
    pub recent: Vec<Contact>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "number"))]
    pub days_since_last: Option<i64>,
    /// How many of the latest personal contacts in a row the user started.
    pub started_by_me_in_a_row: usize,
    /// A gentle word, about the user's own peace, when they started several in a row.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub note: Option<String>,
    /// The title of the article the note draws on.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub note_source: Option<String>,
}

/// `fillings` newest first, as the store lists them; the note as for someone who has not said
/// where they stand.
pub fn rhythm(fillings: &[&Filling], today: NaiveDate, voice: &Voice) -> ContactRhythm {
    rhythm_for(fillings, today, voice, None)
}

/// The rhythm, with a note for where the user stands. Moving on, the note never suggests
/// leaving room for the partner to reach out (that waits for a reunion): it speaks only of her
/// own needs and peace, in Tend's own words, so it names no article.
pub fn rhythm_for(
    fillings: &[&Filling],
    today: NaiveDate,
    voice: &Voice,
    stance: Option<Stance>,
) -> ContactRhythm {
    let moving_on = stance == Some(Stance::MovingOn);
    let text =
        |f: &Filling, key: &str| f.answers.get(key).and_then(Value::as_str).map(String::from);
    let recent: Vec<Contact> = fillings
        .iter()
        .take(RECENT)
        .map(|f| Contact {
            id: f.id.clone(),
            date: f.date,
            started_by: text(f, STARTED_BY),
            about: text(f, ABOUT),
            how: text(f, "how"),
        })
        .collect();
    let in_a_row = recent
        .iter()
        .filter(|c| c.is_personal())
        .take_while(|c| c.started_by.as_deref() == Some("me"))
        .count();
    let note = (in_a_row >= 2).then(|| {
        if moving_on {
            return format!(
                "You started the last {in_a_row} personal contacts. Before the next one, it may \
                 help to ask what you need right now, and whether a friend, or you yourself, \
                 could give it. Your days do not have to wait on a reply."
            );
        }
        voice.render(&format!(
            "You started the last {in_a_row} personal contacts. Before the next one, it may help \
             to ask what you need right now, and to leave room for {{partner}} to reach out when \
             {{they}} {{is}} ready. That pause is for your own peace too: your days do not have \
             to wait on a reply."
        ))
    });
    ContactRhythm {
        days_since_last: recent.first().map(|c| (today - c.date).num_days()),
        recent,
        started_by_me_in_a_row: in_a_row,
        note_source: note
            .as_ref()
            .filter(|_| !moving_on)
            .and_then(|_| crate::prompts::source_line(NOTE_SOURCE))
            .map(String::from),
        note,
    }
}
