//! Day One's JSON export, read from the zip or from Journal.json itself. Each entry lands on the
//! calendar day it was written where it was written: its UTC `creationDate` is moved into its
//! `timeZone`. Day One's Markdown backslash escapes are removed; tags and starring are kept.

use std::io::{Cursor, Read};
use std::path::Path;

use chrono::{DateTime, FixedOffset, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use super::{content_hash, not_json, Importer, Incoming, Rejection};
use crate::entry::{Entry, Source, ENTRY_SCHEMA};
use crate::error::{Error, Result};
use crate::export::dayone::{DayOneEntry, DayOneFile};

pub struct DayOne;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

impl Importer for DayOne {
    fn read(&self, bytes: &[u8], path: &Path) -> Result<Incoming> {
        let json = if bytes.starts_with(ZIP_MAGIC) {
            journal_from_zip(bytes, path)?
        } else {
            bytes.to_vec()
        };
        let file: DayOneFile = serde_json::from_slice(&json)
            .map_err(|e| not_json(path, "a Day One JSON export", e))?;
        let mut incoming = Incoming::default();
        for (n, item) in file.entries.iter().enumerate() {
            match to_entry(item) {
                Ok(entry) => incoming.entries.push(entry),
                Err(reason) => incoming.rejected.push(Rejection {
                    item: format!("Day One entry {} ({})", n + 1, item.uuid),
                    reason,
                }),
            }
        }
        Ok(incoming)
    }
}

fn journal_from_zip(bytes: &[u8], path: &Path) -> Result<Vec<u8>> {
    let bad =
        |what: String| Error::invalid(format!("{}: {what}; nothing was imported", path.display()));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(format!("the zip cannot be read ({e})")))?;
    // Day One names the file after the journal: Journal.json by default, any *.json otherwise.
    let name = (0..archive.len())
        .filter_map(|i| archive.name_for_index(i).map(String::from))
        .filter(|n| n.ends_with(".json") && !n.contains("__MACOSX"))
        .min_by_key(|n| (n.rsplit('/').next() != Some("Journal.json"), n.clone()))
        .ok_or_else(|| bad("the zip has no Journal.json (is it a Day One JSON export?)".into()))?;
    let mut json = Vec::new();
    archive
        .by_name(&name)
        .and_then(|mut f| f.read_to_end(&mut json).map_err(Into::into))
        .map_err(|e| bad(format!("{name} cannot be read from the zip ({e})")))?;
    Ok(json)
}

fn parse_utc(text: &str) -> std::result::Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| format!("date {text:?} is not an ISO-8601 time"))
}

/// The time in the entry's own zone; an unknown or missing zone keeps UTC.
fn local(time: DateTime<Utc>, zone: Option<&str>) -> DateTime<FixedOffset> {
    match zone.and_then(|z| z.parse::<Tz>().ok()) {
        Some(tz) => {
            let local = time.with_timezone(&tz);
            let offset = local.offset().fix();
            offset.from_utc_datetime(&time.naive_utc())
        }
        None => time.fixed_offset(),
    }
}

fn to_entry(item: &DayOneEntry) -> std::result::Result<Entry, String> {
    let created = local(parse_utc(&item.creation_date)?, item.time_zone.as_deref());
    let updated = match &item.modified_date {
        Some(m) => local(parse_utc(m)?, item.time_zone.as_deref()),
        None => created,
    };
    let uuid = item.uuid.trim();
    let source_id = if uuid.is_empty() {
        content_hash(&[&item.creation_date, &item.text])
    } else {
        uuid.to_uppercase()
    };
    let mut tags = item.tags.clone();
    if item.starred {
        tags.push("starred".into());
    }
    let id = if crate::document::is_valid_id(uuid) {
        uuid.to_lowercase()
    } else {
        format!("dayone-{}", content_hash(&[&source_id]))
    };
    Ok(Entry {
        schema: ENTRY_SCHEMA,
        id,
        date: created.date_naive(),
        prompt: None,
        body: unescape_markdown(&item.text),
        mood: None,
        tags,
        habits_done: Vec::new(),
        source: Some(Source {
            format: "dayone".into(),
            id: source_id,
        }),
        created,
        updated,
    })
}

/// Day One escapes Markdown punctuation it did not mean as Markdown ("1\. Walk", "\#kids");
/// the backslashes are removed so the text reads as it was written.
pub fn unescape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_are_removed_and_plain_backslashes_kept() {
        assert_eq!(
            unescape_markdown(r"1\. Walk \- then rest\! C:\Users"),
            r"1. Walk - then rest! C:\Users"
        );
    }

    #[test]
    fn a_late_evening_in_new_york_stays_on_its_own_day() {
        let utc = parse_utc("2026-11-24T03:30:00Z").unwrap();
        let local = local(utc, Some("America/New_York"));
        assert_eq!(local.to_rfc3339(), "2026-11-23T22:30:00-05:00");
        assert_eq!(local.date_naive().to_string(), "2026-11-23");
    }
}
