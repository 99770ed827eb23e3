//! jrnl's JSON export, read: title and body joined, "@" dropped from tags, starred kept as the
//! tag "starred". jrnl has no ids, so duplicates are told by a hash of date, time and text.

use std::path::Path;

use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use super::{content_hash, not_json, Importer, Incoming, Rejection};
use crate::entry::{Entry, Source, ENTRY_SCHEMA};
use crate::error::Result;
use crate::export::jrnl::{JrnlEntry, JrnlFile};

pub struct Jrnl;

impl Importer for Jrnl {
    fn read(&self, bytes: &[u8], path: &Path) -> Result<Incoming> {
        let file: JrnlFile =
            serde_json::from_slice(bytes).map_err(|e| not_json(path, "a jrnl JSON export", e))?;
        let mut incoming = Incoming::default();
        for (n, item) in file.entries.into_iter().enumerate() {
            match to_entry(&item) {
                Ok(entry) => incoming.entries.push(entry),
                Err(reason) => incoming.rejected.push(Rejection {
                    item: format!("jrnl entry {} ({:?})", n + 1, item.title),
                    reason,
                }),
            }
        }
        Ok(incoming)
    }
}

fn to_entry(item: &JrnlEntry) -> std::result::Result<Entry, String> {
    let date = NaiveDate::parse_from_str(&item.date, "%Y-%m-%d")
        .map_err(|_| format!("date {:?} is not YYYY-MM-DD", item.date))?;
    let time = NaiveTime::parse_from_str(&item.time, "%H:%M")
        .map_err(|_| format!("time {:?} is not HH:MM", item.time))?;
    // jrnl writes local wall-clock times; they are taken as this computer's zone.
    let when = Local
        .from_local_datetime(&NaiveDateTime::new(date, time))
        .earliest()
        .ok_or_else(|| {
            format!(
                "{} {} does not exist in this time zone",
                item.date, item.time
            )
        })?
        .fixed_offset();
    let body = if item.body.trim().is_empty() {
        item.title.clone()
    } else {
        format!("{}\n{}", item.title, item.body)
    };
    let mut tags: Vec<String> = item
        .tags
        .iter()
        .map(|t| t.trim_start_matches(['@', '#']).to_string())
        .collect();
    if item.starred {
        tags.push("starred".into());
    }
    let hash = content_hash(&[&item.date, &item.time, &item.title, &item.body]);
    Ok(Entry {
        schema: ENTRY_SCHEMA,
        id: format!("jrnl-{hash}"),
        date,
        prompt: None,
        body,
        mood: None,
        tags,
        habits_done: Vec::new(),
        source: Some(Source {
            format: "jrnl".into(),
            id: hash,
        }),
        created: when,
        updated: when,
    })
}
