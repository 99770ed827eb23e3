//! jrnl's JSON export format: `tags` (counts) and `entries` with `date` (%Y-%m-%d), `time`
//! (%H:%M), `title`, `body`, `starred`, `tags` (with jrnl's "@"). jrnl holds journal entries
//! only; worksheets and visions go to the other formats.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{ExportContext, Exporter, Output, Selection};
use crate::document::to_pretty_json;
use crate::entry::Entry;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JrnlFile {
    #[serde(default)]
    pub tags: BTreeMap<String, u32>,
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

fn to_jrnl(entry: &Entry) -> JrnlEntry {
    // jrnl's title is the first line; the rest is the body.
    let text = entry.body.trim();
    let (title, body) = text.split_once('\n').unwrap_or((text, ""));
    JrnlEntry {
        date: entry.date.format("%Y-%m-%d").to_string(),
        time: entry.created.format("%H:%M").to_string(),
        title: title.trim().to_string(),
        body: body.trim().to_string(),
        starred: entry.tags.iter().any(|t| t == "starred"),
        tags: entry
            .tags
            .iter()
            .filter(|t| *t != "starred")
            .map(|t| format!("@{}", t.replace(' ', "-")))
            .collect(),
    }
}
