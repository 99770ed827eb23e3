//! A small journal with fixed ids and times, and the export helpers the export and import
//! tests share.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use chrono::DateTime;
use serde_json::json;
use tend::export::{ExportContext, Filter};
use tend::formats::{self, Descriptor};
use tend::vision::{Revision, Vision};
use tend::{Entry, EntryPrompt, Filling, FillingStatus, Mood, Store};

use super::{at, day};

/// A format from the one list, by its id.
pub fn format(id: &str) -> &'static Descriptor {
    formats::FORMATS
        .iter()
        .copied()
        .find(|d| d.id == id)
        .unwrap()
}

pub fn time(text: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

pub fn context() -> ExportContext {
    ExportContext {
        now: time("2026-11-23T21:00:00+01:00"),
        voice: tend::Voice::new("Sam", tend::Pronouns::He),
        passphrase: None,
        dates: Default::default(),
    }
}

pub fn entry(id: &str, date: &str, body: &str) -> Entry {
    Entry {
        schema: 1,
        id: id.into(),
        date: day(date),
        prompt: None,
        body: body.into(),
        mood: None,
        tags: vec![],
        habits_done: vec![],
        source: None,
        attachments: Vec::new(),
        created: time(&format!("{date}T20:15:00+01:00")),
        updated: time(&format!("{date}T20:45:00+01:00")),
    }
}

/// A small journal with fixed ids and times: two entries (accents, a prompt, a mood, tags), a
/// worksheet filling and a vision with two revisions.
pub fn fixture(dir: &Path) -> Store {
    let mut store = Store::open(dir, at("2026-11-23T21:00:00+01:00")).unwrap();
    let mut first = entry(
        "e1",
        "2026-10-02",
        "Café with Léa.\nI felt heard, & calmer <than> before.",
    );
    first.prompt = Some(EntryPrompt {
        id: "calm-or-panic".into(),
        text: "What would calm look like today?".into(),
    });
    first.mood = Some(Mood {
        score: 4,
        feelings: vec!["hopeful".into()],
    });
    first.tags = vec!["friends".into(), "starred".into()];
    store.insert_entry(first).unwrap();
    store
        .insert_entry(entry("e2", "2026-11-20", "A quiet walk."))
        .unwrap();
    store
        .insert_filling(Filling {
            schema: tend::filling::FILLING_SCHEMA,
            id: "f1".into(),
            worksheet: "love-languages".into(),
            date: day("2026-11-01"),
            status: FillingStatus::Complete,
            answers: BTreeMap::from([
                (
                    "his-ranking".into(),
                    json!(["time", "words", "touch", "service", "gifts"]),
                ),
                ("his-landed".into(), json!("The note in his coat.")),
            ]),
            created: time("2026-11-01T10:00:00+01:00"),
            updated: time("2026-11-01T10:30:00+01:00"),
        })
        .unwrap();
    let revision = |number: u32, text: &str| Revision {
        number,
        created: time("2026-11-05T09:00:00+01:00"),
        updated: time("2026-11-05T09:30:00+01:00"),
        sections: BTreeMap::from([("believe".into(), text.into())]),
        restored_from: None,
        taken_from: None,
    };
    store
        .insert_vision(Vision {
            schema: 1,
            id: "grand-vision".into(),
            revisions: vec![
                revision(1, "I am enough."),
                revision(2, "I am enough, and learning."),
            ],
        })
        .unwrap();
    store
}

pub fn export_bytes(store: &Store, format: &Descriptor, dest: &Path) -> Vec<u8> {
    tend::export::export_journal(store, &Filter::default(), format, &context(), dest).unwrap();
    fs::read(dest).unwrap()
}

/// Every file below `dir`, as relative paths, sorted.
pub fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for item in fs::read_dir(dir).unwrap() {
        let path = item.unwrap().path();
        if path.is_dir() {
            out.extend(
                walk(&path)
                    .into_iter()
                    .map(|p| format!("{}/{p}", path.file_name().unwrap().to_string_lossy())),
            );
        } else {
            out.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    out
}
