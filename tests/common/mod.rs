#![allow(dead_code)] // each test file uses its own part of this

pub mod fixture;
pub mod visions;
pub mod worksheets;

use chrono::{DateTime, FixedOffset, NaiveDate};
use tend::crypt::secrecy::SecretString;
use tend::{Clock, EntryDraft, Mood, Store};

/// A clock stopped at a given instant, so results do not depend on when tests run.
pub struct FixedClock(pub DateTime<FixedOffset>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<FixedOffset> {
        self.0
    }
}

pub fn at(rfc3339: &str) -> Box<FixedClock> {
    Box::new(FixedClock(DateTime::parse_from_rfc3339(rfc3339).unwrap()))
}

pub fn open(dir: &std::path::Path) -> Store {
    Store::open(dir, at("2026-11-23T21:15:00+01:00")).unwrap()
}

pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub fn draft(date: &str, body: &str) -> EntryDraft {
    EntryDraft {
        id: None,
        date: day(date),
        prompt: None,
        body: body.into(),
        mood: Some(Mood {
            score: 4,
            feelings: vec!["hopeful".into()],
        }),
        tags: vec!["evening".into()],
        habits_done: vec![],
        base: None,
    }
}

pub fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_string())
}
