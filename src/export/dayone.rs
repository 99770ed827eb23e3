//! Day One's JSON export: a zip holding `Journal.json` (`metadata.version`, `entries[]` with
//! `uuid` as 32 hex digits, `creationDate`/`modifiedDate` in UTC ISO-8601, `timeZone` as an
//! IANA name, `text`, `tags`, `starred`). Day One holds journal entries only.

use std::io::{Cursor, Write};

use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::{Deserialize, Serialize};

use super::{ExportContext, Exporter, Output, Selection};
use crate::document::to_pretty_json;
use crate::entry::Entry;
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayOneFile {
    pub metadata: DayOneMetadata,
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
}

pub struct DayOne;

impl Exporter for DayOne {
    fn export(&self, selection: &Selection, context: &ExportContext) -> Result<Output> {
        let journal = DayOneFile {
            metadata: DayOneMetadata {
                version: "1.0".into(),
            },
            entries: selection
                .entries
                .iter()
                .map(|e| to_dayone(e, &context.time_zone))
                .collect(),
        };
        let zipped = zip_one(
            "Journal.json",
            &to_pretty_json(&journal),
            context.now.with_timezone(&Utc),
        )
        .map_err(|e| Error::invalid(format!("the Day One zip could not be made: {e}")))?;
        Ok(Output::File(zipped))
    }
}

fn utc(time: &DateTime<chrono::FixedOffset>) -> String {
    time.with_timezone(&Utc)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn to_dayone(entry: &Entry, time_zone: &str) -> DayOneEntry {
    let mut text = String::new();
    if let Some(prompt) = &entry.prompt {
        text.push_str(&format!("> {}\n\n", prompt.text));
    }
    text.push_str(entry.body.trim_end());
    DayOneEntry {
        uuid: dayone_uuid(&entry.id),
        creation_date: utc(&entry.created),
        modified_date: Some(utc(&entry.updated)),
        time_zone: Some(time_zone.to_string()),
        text,
        tags: entry
            .tags
            .iter()
            .filter(|t| *t != "starred")
            .cloned()
            .collect(),
        starred: entry.tags.iter().any(|t| t == "starred"),
    }
}

/// Day One wants 32 hex digits. Tend's own ids are that already; others (entries imported from
/// jrnl, say) get a stable 32-digit hash of their id.
fn dayone_uuid(id: &str) -> String {
    if id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
        id.to_uppercase()
    } else {
        let backwards: String = id.chars().rev().collect();
        let hash =
            crate::import::content_hash(&[id]) + &crate::import::content_hash(&[&backwards, id]);
        hash.to_uppercase()
    }
}

/// A zip with one file, its timestamp the export's, so the same input gives the same bytes.
fn zip_one(name: &str, bytes: &[u8], when: DateTime<Utc>) -> zip::result::ZipResult<Vec<u8>> {
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
    writer.start_file(name, options)?;
    writer.write_all(bytes)?;
    Ok(writer.finish()?.into_inner())
}
