//! Day One's JSON export: a zip holding `Journal.json` (`metadata.version`, `entries[]` with
//! `uuid` as 32 hex digits, `creationDate`/`modifiedDate` in UTC ISO-8601, `timeZone` as an
//! IANA name, `text`, `tags`, `starred`). Day One holds journal entries only.
//!
//! Each entry lands on its own day both ways: Day One places an entry on the day its UTC
//! `creationDate` falls on in its `timeZone`, so Tend writes the entry's date at the time of
//! day it was written, in a zone of the entry's own offset. The text is Markdown: Day One
//! escapes punctuation it did not mean as Markdown ("1\. Walk", "\#kids"); reading removes
//! those escapes, so writing escapes every backslash, and text comes back byte for byte.
//!
//! Day One has no prompt or mood: the prompt is quoted above the text, where Day One shows it,
//! and both go in a `tend` field Day One passes over (see [`super::prompt_and_mood`]).
//!
//! Photos travel as Day One keeps them: each in the zip's `photos/<md5>.<type>`, listed in
//! the entry's `photos` by an identifier, and shown where the text says
//! `![](dayone-moment://<identifier>)`. Tend shows an entry's photos after its words: the
//! export puts the references at the end of the text, and the import takes them out of it.
//! A photo's location, which Day One lists beside it, is never read.

use std::io::{Cursor, Write};
use std::path::Path;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, Offset, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::prompt_and_mood::{prompt_from_text, quote_above, TendFields};
use super::reading::MAX_SOURCE_ID_CHARS;
use super::{
    is_starred, read_json, shown, tags_but_starred, Descriptor, ExportContext, Exporter, Importer,
    Incoming, Output, ReadSeek, STARRED,
};
use crate::document::{content_hash, dayone_uuid, is_valid_id, to_pretty_json};

mod photos;
use crate::entry::{Entry, Source, ENTRY_SCHEMA};
use crate::error::{Error, IoContext, Result};
use crate::picture::PictureKind;
use crate::selection::Selection;
use photos::PhotoReader;

pub const FORMAT: Descriptor = Descriptor::new("dayone", "Day One", &["zip", "json"])
    .entries_only()
    .with_photos()
    .keeps(
        "Day One keeps the text, day, time, tags and star, and shows the prompt quoted above \
         the text; the mood goes in a field only Tend reads; ticked habits are left out",
    )
    .exports(&DayOne)
    .imports(&DayOne);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayOneFile {
    pub metadata: DayOneMetadata,
    #[serde(deserialize_with = "super::pieces")]
    pub entries: Vec<DayOneEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayOneMetadata {
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DayOneEntry {
    pub uuid: String,
    pub creation_date: String,
    #[serde(default)]
    pub modified_date: Option<String>,
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub starred: bool,
    /// The prompt and the mood, which Day One has no field for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tend: Option<TendFields>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<DayOnePhoto>,
}

/// A photo as Day One lists it (its other fields, the location among them, are not read).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DayOnePhoto {
    pub identifier: String,
    pub md5: String,
    /// "jpeg", "png", "webp", "gif" (also the file's extension in `photos/`).
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub order_in_entry: u32,
}

/// Day One's type names (the extension of a file in `photos/`).
pub(super) fn dayone_type(kind: PictureKind) -> &'static str {
    match kind {
        PictureKind::Jpeg => "jpeg",
        PictureKind::Png => "png",
        PictureKind::Webp => "webp",
        PictureKind::Gif => "gif",
    }
}

/// The address by which Day One's text shows a photo.
const MOMENT: &str = "dayone-moment://";

pub struct DayOne;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

impl Exporter for DayOne {
    fn export(&self, selection: &Selection, context: &ExportContext) -> Result<Output> {
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut entries = Vec::with_capacity(selection.entries.len());
        for entry in &selection.entries {
            let mut item = to_dayone(entry);
            photos::export(entry, &selection.pictures, &mut item, &mut files);
            entries.push(item);
        }
        let journal = DayOneFile {
            metadata: DayOneMetadata {
                version: "1.0".into(),
            },
            entries,
        };
        files.insert(0, ("Journal.json".into(), to_pretty_json(&journal)));
        let zipped = zip_files(&files, context.now.with_timezone(&Utc))
            .map_err(|e| Error::invalid(format!("the Day One zip could not be made: {e}")))?;
        Ok(Output::File(zipped))
    }
}

impl Importer for DayOne {
    fn read(&self, input: &mut dyn ReadSeek, path: &Path) -> Result<Incoming> {
        let mut magic = [0; ZIP_MAGIC.len()];
        let start = input
            .read(&mut magic)
            .and_then(|n| input.rewind().map(|()| n))
            .at(path)?;
        let zipped = magic[..start] == *ZIP_MAGIC;
        let file = if zipped {
            journal_from_zip(&mut *input, path)?
        } else {
            read_json(&mut *input, path, WHAT)?
        };
        let mut incoming = Incoming::default();
        let mut photos = PhotoReader::default();
        if zipped {
            photos = PhotoReader::of(input, path, &file.entries)?;
        }
        incoming.take(
            file.entries,
            |n, item| format!("Day One entry {n} ({})", shown(&item.uuid)),
            |item| to_entry(item).map(|entry| photos.attach(entry, item)),
        );
        incoming.rejected.append(&mut photos.unread);
        if !photos.names.is_empty() {
            incoming.pictures = Some(Box::new(photos));
        }
        Ok(incoming)
    }
}

fn utc(time: &DateTime<Utc>) -> String {
    time.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The zone and the instant Day One is given for `entry`: its date at the time of day it was
/// written, in a fixed-offset zone of its own offset ("Etc/GMT-1" is UTC+1: the IANA names
/// count the other way). An offset that is not a whole hour has no such zone: UTC is used, at
/// the time of day it was in UTC. Either way Day One's day is the entry's date.
fn dayone_time(entry: &Entry) -> (String, DateTime<Utc>) {
    let seconds = entry.created.offset().local_minus_utc();
    let hours = seconds / 3600;
    let (zone, offset) = if seconds % 3600 == 0 && hours != 0 && (-12..=14).contains(&hours) {
        let sign = if hours > 0 { '-' } else { '+' };
        (
            format!("Etc/GMT{sign}{}", hours.abs()),
            *entry.created.offset(),
        )
    } else {
        ("UTC".to_string(), Utc.fix())
    };
    let wall = entry.created.with_timezone(&offset).time();
    let instant = offset
        .from_local_datetime(&NaiveDateTime::new(entry.date, wall))
        .single()
        .map_or_else(
            || entry.created.with_timezone(&Utc),
            |t| t.with_timezone(&Utc),
        );
    (zone, instant)
}

fn to_dayone(entry: &Entry) -> DayOneEntry {
    let body = escape_markdown(entry.body.trim_end());
    let text = match &entry.prompt {
        Some(prompt) => quote_above(&escape_markdown(&prompt.text), &body),
        None => body,
    };
    let (zone, created) = dayone_time(entry);
    DayOneEntry {
        uuid: dayone_uuid(&entry.id),
        creation_date: utc(&created),
        modified_date: Some(utc(&entry.updated.with_timezone(&Utc))),
        time_zone: Some(zone),
        text,
        tags: tags_but_starred(entry).cloned().collect(),
        starred: is_starred(entry),
        tend: TendFields::of(entry),
        photos: Vec::new(),
    }
}

/// What [`unescape_markdown`] undoes: a backslash is written as two, so every backslash the
/// user typed comes back, and nothing else is touched.
pub fn escape_markdown(text: &str) -> String {
    text.replace('\\', "\\\\")
}

/// A zip of `files`, their timestamp the export's, so the same input gives the same bytes.
fn zip_files(files: &[(String, Vec<u8>)], when: DateTime<Utc>) -> zip::result::ZipResult<Vec<u8>> {
    let stamp = zip::DateTime::from_date_and_time(
        when.year().clamp(1980, 2107) as u16,
        when.month() as u8,
        when.day() as u8,
        when.hour() as u8,
        when.minute() as u8,
        when.second() as u8,
    )
    .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(stamp);
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        // A photo is compressed already: stored as it is.
        let method = if name.ends_with(".json") {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        writer.start_file(name.as_str(), options.compression_method(method))?;
        writer.write_all(bytes)?;
    }
    Ok(writer.finish()?.into_inner())
}
const WHAT: &str = "a Day One JSON export";

/// The journal in the zip, read as it inflates: a zip bomb is never inflated into memory, and
/// [`read_json`] stops at the limit, whatever the zip claims.
fn journal_from_zip(input: &mut dyn ReadSeek, path: &Path) -> Result<DayOneFile> {
    let bad =
        |what: String| Error::invalid(format!("{}: {what}; nothing was imported", path.display()));
    let mut archive =
        zip::ZipArchive::new(input).map_err(|e| bad(format!("the zip cannot be read ({e})")))?;
    // Day One names the file after the journal: Journal.json by default, any *.json otherwise.
    let name = (0..archive.len())
        .filter_map(|i| archive.name_for_index(i).map(String::from))
        .filter(|n| n.ends_with(".json") && !n.contains("__MACOSX"))
        .min_by_key(|n| (n.rsplit('/').next() != Some("Journal.json"), n.clone()))
        .ok_or_else(|| bad("the zip has no Journal.json (is it a Day One JSON export?)".into()))?;
    let json = archive
        .by_name(&name)
        .map_err(|e| bad(format!("{name} cannot be read from the zip ({e})")))?;
    read_json(json, path, WHAT)
}

fn parse_utc(text: &str) -> std::result::Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| format!("date {} is not an ISO-8601 time", shown(text)))
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
    // Day One's uuid is 32 hex digits. One far longer is not Day One's own: it is kept as its
    // hash rather than refused (the entry's writing is fine), which keeps the entry's file
    // small (a 17 MB uuid once made a file Tend then refused to read or delete) and still
    // knows the entry when the same file is imported again.
    let source_id = if uuid.is_empty() {
        content_hash(&[&item.creation_date, &item.text])
    } else if uuid.chars().count() > MAX_SOURCE_ID_CHARS {
        content_hash(&[uuid])
    } else {
        uuid.to_uppercase()
    };
    let mut tags = item.tags.clone();
    if item.starred {
        tags.push(STARRED.into());
    }
    let id = if is_valid_id(uuid) {
        uuid.to_lowercase()
    } else {
        format!("dayone-{}", content_hash(&[&source_id]))
    };
    let tend = item.tend.clone().unwrap_or_default();
    let (prompt, body) = prompt_from_text(unescape_markdown(&item.text), tend.prompt);
    Ok(Entry {
        schema: ENTRY_SCHEMA,
        id,
        date: created.date_naive(),
        prompt,
        body,
        mood: tend.mood,
        tags,
        habits_done: Vec::new(),
        attachments: Vec::new(),
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

    fn entry(date: &str, created: &str, body: &str) -> Entry {
        let created = DateTime::parse_from_rfc3339(created).unwrap();
        Entry {
            schema: ENTRY_SCHEMA,
            id: "0a1b2c3d4e5f60718293a4b5c6d7e8f9".into(),
            date: date.parse().unwrap(),
            prompt: None,
            body: body.into(),
            mood: None,
            tags: vec![],
            habits_done: vec![],
            source: None,
            attachments: Vec::new(),
            created,
            updated: created,
        }
    }

    fn round_trip(e: &Entry) -> Entry {
        to_entry(&to_dayone(e)).unwrap()
    }

    #[test]
    fn dayone_export_keeps_the_entrys_own_day() {
        // Written for the 20th, just after midnight on the 23rd in Paris.
        let e = entry("2026-11-20", "2026-11-23T00:30:00+01:00", "Late.");
        let written = to_dayone(&e);
        assert_eq!(written.creation_date, "2026-11-19T23:30:00Z");
        assert_eq!(written.time_zone.as_deref(), Some("Etc/GMT-1"));
        let back = round_trip(&e);
        assert_eq!(
            back.date, e.date,
            "the entry's own day, not the day its file was written"
        );
        assert_eq!(back.created.to_rfc3339(), "2026-11-20T00:30:00+01:00");
    }

    #[test]
    fn dayone_export_keeps_the_day_in_half_hour_zones_and_west_of_utc() {
        for (date, created) in [
            ("2026-03-01", "2026-03-01T23:50:00+05:30"),
            ("2026-03-01", "2026-03-01T23:50:00-08:00"),
            ("2026-03-01", "2026-03-02T00:10:00+14:00"),
            ("2026-03-01", "2026-03-01T23:10:00+00:00"),
        ] {
            let e = entry(date, created, "x");
            assert_eq!(round_trip(&e).date, e.date, "written at {created}");
        }
    }

    #[test]
    fn backslashes_survive_a_dayone_round_trip() {
        let text = r"C:\.cache a\*b \\ end\";
        let e = entry("2026-11-20", "2026-11-20T10:00:00+01:00", text);
        assert_eq!(round_trip(&e).body, text);
    }

    #[test]
    fn real_dayone_escapes_still_read_well() {
        let item = DayOneEntry {
            uuid: "ABC".into(),
            creation_date: "2026-11-20T10:00:00Z".into(),
            modified_date: None,
            time_zone: None,
            text: r"1\. Walk \#kids".into(),
            tags: vec![],
            starred: false,
            tend: None,
            photos: vec![],
        };
        assert_eq!(to_entry(&item).unwrap().body, "1. Walk #kids");
    }
}
