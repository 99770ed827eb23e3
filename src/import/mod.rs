//! Import from Tend JSON, jrnl JSON and Day One (the zip or its Journal.json). The whole file is
//! read and checked before anything is written, so a file that is not what it claims changes
//! nothing. Importing the same file twice adds nothing: entries are matched on the source's id,
//! else on a hash of their content; Tend documents on their own ids.

mod dayone;
mod jrnl;
mod tend_json;

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::entry::{Entry, EntryDraft};
use crate::error::{Error, Result};
use crate::filling::Filling;
use crate::store::Store;
use crate::vision::Vision;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ImportFormat {
    Tend,
    Jrnl,
    Dayone,
}

impl ImportFormat {
    pub fn parse(name: &str) -> Result<ImportFormat> {
        match name {
            "tend" => Ok(ImportFormat::Tend),
            "jrnl" => Ok(ImportFormat::Jrnl),
            "dayone" => Ok(ImportFormat::Dayone),
            other => Err(Error::invalid(format!(
                "format: {other:?} is not one of tend, jrnl, dayone"
            ))),
        }
    }

    fn importer(self) -> Box<dyn Importer> {
        match self {
            ImportFormat::Tend => Box::new(tend_json::TendJson),
            ImportFormat::Jrnl => Box::new(jrnl::Jrnl),
            ImportFormat::Dayone => Box::new(dayone::DayOne),
        }
    }
}

/// What a file holds, read and checked, not yet written.
#[derive(Debug, Default)]
pub struct Incoming {
    pub entries: Vec<Entry>,
    pub fillings: Vec<Filling>,
    pub visions: Vec<Vision>,
    /// Items in the file that could not be taken, with why.
    pub rejected: Vec<Rejection>,
}

pub trait Importer {
    /// Reads the whole file; an error here means nothing is imported.
    fn read(&self, bytes: &[u8], path: &Path) -> Result<Incoming>;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Rejection {
    pub item: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub imported: usize,
    pub duplicates: usize,
    pub rejected: Vec<Rejection>,
}

impl Store {
    pub fn import(&mut self, format: ImportFormat, path: &Path) -> Result<ImportReport> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let incoming = format.importer().read(&bytes, path)?;
        let mut report = ImportReport {
            rejected: incoming.rejected,
            ..ImportReport::default()
        };
        for entry in incoming.entries {
            let known = self.entry(&entry.id).is_ok()
                || entry.source.as_ref().is_some_and(|s| {
                    self.entries()
                        .iter()
                        .any(|e| e.source.as_ref() == Some(s) || e.id.eq_ignore_ascii_case(&s.id))
                });
            if known {
                report.duplicates += 1;
                continue;
            }
            let label = format!("entry of {}", entry.date);
            match check_entry(entry).and_then(|e| self.insert_entry(e)) {
                Ok(()) => report.imported += 1,
                Err(e @ (Error::Invalid(_) | Error::NotFound { .. })) => {
                    report.rejected.push(Rejection {
                        item: label,
                        reason: e.to_string(),
                    })
                }
                Err(e) => return Err(e),
            }
        }
        for filling in incoming.fillings {
            if self.filling(&filling.id).is_ok() {
                report.duplicates += 1;
                continue;
            }
            let label = format!("{} filling of {}", filling.worksheet, filling.date);
            match self.insert_filling(filling) {
                Ok(()) => report.imported += 1,
                Err(e @ (Error::Invalid(_) | Error::NotFound { .. })) => {
                    report.rejected.push(Rejection {
                        item: label,
                        reason: e.to_string(),
                    })
                }
                Err(e) => return Err(e),
            }
        }
        for vision in incoming.visions {
            if self.vision(&vision.id).is_some() {
                report.duplicates += 1;
                continue;
            }
            let label = format!("vision {}", vision.id);
            match self.insert_vision(vision) {
                Ok(()) => report.imported += 1,
                Err(e @ (Error::Invalid(_) | Error::NotFound { .. })) => {
                    report.rejected.push(Rejection {
                        item: label,
                        reason: e.to_string(),
                    })
                }
                Err(e) => return Err(e),
            }
        }
        Ok(report)
    }
}

/// An incoming entry passes the same checks as one written here.
fn check_entry(entry: Entry) -> Result<Entry> {
    if !crate::document::is_valid_id(&entry.id) {
        return Err(Error::invalid(format!(
            "id: {:?} is not a valid id",
            entry.id
        )));
    }
    let draft = EntryDraft {
        id: None,
        date: entry.date,
        prompt: entry.prompt.clone(),
        body: entry.body.clone(),
        mood: entry.mood.clone(),
        tags: entry.tags.clone(),
        habits_done: entry.habits_done.clone(),
    }
    .validated()?;
    Ok(Entry {
        mood: draft.mood,
        tags: draft.tags,
        ..entry
    })
}

/// A stable short hash of an entry's content, for sources without ids (FNV-1a, 64 bits: not
/// for security, only to recognise the same text again).
pub(crate) fn content_hash(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

pub(crate) fn not_json(path: &Path, what: &str, error: serde_json::Error) -> Error {
    Error::invalid(format!(
        "{} is not {what} ({error}); nothing was imported",
        path.display()
    ))
}
