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

/// Copies the folder `from` into `to`, everything in it: another computer's copy of a journal.
pub fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for item in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(item.file_name());
        if item.file_type().unwrap().is_dir() {
            copy_tree(&item.path(), &target);
        } else {
            std::fs::copy(item.path(), &target).unwrap();
        }
    }
}

pub fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_string())
}
