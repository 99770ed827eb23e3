//! jrnl's JSON export format: `tags` (counts) and `entries` with `date` (%Y-%m-%d), `time`
//! (%H:%M), `title`, `body`, `starred`, `tags` (with jrnl's "@"). jrnl holds journal entries
//! only. Read back: title and body joined, "@" dropped from tags, starred kept as the tag
//! "starred". jrnl has no ids, so an entry's source id is a hash of its date, time and text.
//! jrnl has no prompt or mood: both go in a `tend` field of each entry, which jrnl never reads
//! (see [`super::prompt_and_mood`]).

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{
    DateTime, Duration, FixedOffset, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
};
use serde::{Deserialize, Serialize};

use super::prompt_and_mood::{prompt_from_text, TendFields};
use super::{
    is_starred, read_json, shown, tags_but_starred, Descriptor, ExportContext, Exporter, Importer,
    Incoming, Output, ReadSeek, STARRED,
};
use crate::document::{content_hash, to_pretty_json};
use crate::entry::{Entry, Source, ENTRY_SCHEMA};
use crate::error::Result;
use crate::selection::Selection;

pub const FORMAT: Descriptor = Descriptor::new("jrnl", "jrnl JSON", &["json"])
    .entries_only()
    .keeps(
        "jrnl keeps the text, day, time, tags and star; the prompt and the mood go in a field \
         only Tend reads; ticked habits are left out",
    )
    .exports(&Jrnl)
    .imports(&Jrnl);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JrnlFile {
    #[serde(default)]
    pub tags: BTreeMap<String, u32>,
    #[serde(deserialize_with = "super::pieces")]
    pub entries: Vec<JrnlEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JrnlEntry {
    pub date: String,
    pub time: String,
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub starred: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    /// The prompt and the mood, which jrnl has no field for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tend: Option<TendFields>,
}

pub struct Jrnl;

impl Exporter for Jrnl {
    fn export(&self, selection: &Selection, _context: &ExportContext) -> Result<Output> {
        let entries: Vec<JrnlEntry> = selection.entries.iter().map(|e| to_jrnl(e)).collect();
        let mut tags = BTreeMap::new();
        for tag in entries.iter().flat_map(|e| &e.tags) {
            *tags.entry(tag.clone()).or_insert(0) += 1;
        }
        Ok(Output::File(to_pretty_json(&JrnlFile { tags, entries })))
    }
}

impl Importer for Jrnl {
    fn read(&self, input: &mut dyn ReadSeek, path: &Path) -> Result<Incoming> {
        let file: JrnlFile = read_json(input, path, "a jrnl JSON export")?;
        let mut incoming = Incoming::default();
        incoming.take(
            file.entries,
            |n, item| format!("jrnl entry {n} ({})", shown(&item.title)),
            to_entry,
        );
        Ok(incoming)
    }
}

/// jrnl's title is the first line; the rest is the body, as written (indents kept).
pub(crate) fn title_and_body(text: &str) -> (&str, &str) {
    let text = text.trim();
    text.split_once('\n').unwrap_or((text, ""))
}

fn to_jrnl(entry: &Entry) -> JrnlEntry {
    let (title, body) = title_and_body(&entry.body);
    JrnlEntry {
        date: entry.date.format("%Y-%m-%d").to_string(),
        time: entry.created.format("%H:%M").to_string(),
        title: title.to_string(),
        body: body.to_string(),
        starred: is_starred(entry),
        // Kept whole, spaces and all: the JSON lists tags apart from the text.
        tags: tags_but_starred(entry).map(|t| format!("@{t}")).collect(),
        tend: TendFields::of(entry),
    }
}

/// jrnl writes local wall-clock times; they are taken as this computer's zone.
pub(crate) fn local_time(date: NaiveDate, time: NaiveTime) -> DateTime<FixedOffset> {
    wall_time_in(&Local, NaiveDateTime::new(date, time))
}

/// A wall-clock time in `zone`. A time the clocks skipped (the hour of a spring change) is
/// taken as the moment they resumed, an hour on, rather than refusing the entry.
fn wall_time_in<Z: TimeZone>(zone: &Z, wall: NaiveDateTime) -> DateTime<FixedOffset> {
    zone.from_local_datetime(&wall)
        .earliest()
        .or_else(|| {
            zone.from_local_datetime(&(wall + Duration::hours(1)))
                .earliest()
        })
        .map_or_else(|| wall.and_utc().fixed_offset(), |t| t.fixed_offset())
}

/// An entry read from jrnl: its id and source are a hash of what jrnl wrote.
pub(crate) fn jrnl_entry(
    format: &str,
    when: DateTime<FixedOffset>,
    date: NaiveDate,
    body: String,
    mut tags: Vec<String>,
    starred: bool,
    hash: String,
) -> Entry {
    if starred {
        tags.push(STARRED.into());
    }
    Entry {
        schema: ENTRY_SCHEMA,
        id: format!("jrnl-{hash}"),
        date,
        prompt: None,
        body,
        mood: None,
        tags,
        habits_done: Vec::new(),
        attachments: Vec::new(),
        source: Some(Source {
            format: format.into(),
            id: hash,
        }),
        created: when,
        updated: when,
    }
}

fn to_entry(item: &JrnlEntry) -> std::result::Result<Entry, String> {
    let date = NaiveDate::parse_from_str(&item.date, "%Y-%m-%d")
        .map_err(|_| format!("date {} is not YYYY-MM-DD", shown(&item.date)))?;
    let time = NaiveTime::parse_from_str(&item.time, "%H:%M")
        .map_err(|_| format!("time {} is not HH:MM", shown(&item.time)))?;
    let when = local_time(date, time);
    let body = if item.body.trim().is_empty() {
        item.title.clone()
    } else {
        format!("{}\n{}", item.title, item.body)
    };
    let tags = item
        .tags
        .iter()
        .map(|t| t.trim_start_matches(['@', '#']).to_string())
        .collect();
    let hash = content_hash(&[&item.date, &item.time, &item.title, &item.body]);
    let tend = item.tend.clone().unwrap_or_default();
    // The prompt is in the field; a jrnl file made from Tend's jrnl journal file quotes it.
    let (prompt, body) = prompt_from_text(body, tend.prompt);
    Ok(Entry {
        prompt,
        mood: tend.mood,
        ..jrnl_entry("jrnl", when, date, body, tags, item.starred, hash)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_the_clocks_skipped_is_kept_not_refused() {
        let zone: chrono_tz::Tz = "America/New_York".parse().unwrap();
        let wall = NaiveDateTime::parse_from_str("2026-03-08 02:30", "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(
            wall_time_in(&zone, wall).to_rfc3339(),
            "2026-03-08T03:30:00-04:00"
        );
    }
}
