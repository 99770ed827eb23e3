//! Import from Tend JSON, jrnl JSON and Day One (the zip or its Journal.json). The whole file is
//! read and checked before anything is written, so a file that is not what it claims changes
//! nothing. Importing the same file twice adds nothing: entries are matched on the source's id,
//! else on a hash of their content; Tend documents on their own ids.

mod dayone;
mod jrnl;
mod tend_json;

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::entry::{Entry, EntryDraft, ENTRY_SCHEMA};
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
        // What is here already, gathered once: ids, and the sources of imported entries.
        let mut known_ids = HashSet::new();
        let mut known_sources = HashSet::new();
        for e in self.entries() {
            known_ids.insert(e.id.to_ascii_lowercase());
            known_sources.extend(e.source.clone());
        }
        for entry in incoming.entries {
            let known = known_ids.contains(&entry.id.to_ascii_lowercase())
                || entry.source.as_ref().is_some_and(|s| {
                    known_sources.contains(s) || known_ids.contains(&s.id.to_ascii_lowercase())
                });
            if known {
                report.duplicates += 1;
                continue;
            }
            let label = format!("entry of {}", entry.date);
            let (id, source) = (entry.id.to_ascii_lowercase(), entry.source.clone());
            if report.record(label, check_entry(entry).and_then(|e| self.insert_entry(e)))? {
                known_ids.insert(id);
                known_sources.extend(source);
            }
        }
        for filling in incoming.fillings {
            if self.filling(&filling.id).is_ok() {
                report.duplicates += 1;
                continue;
            }
            let label = format!("{} filling of {}", filling.worksheet, filling.date);
            let checked = check_schema(filling.schema, crate::filling::FILLING_SCHEMA)
                .and_then(|()| filling.migrated().map_err(Error::invalid));
            report.record(label, checked.and_then(|f| self.insert_filling(f)))?;
        }
        for vision in incoming.visions {
            let label = format!("vision {}", vision.id);
            match self.vision(&vision.id) {
                Some(here) if here.revisions == vision.revisions => {
                    report.duplicates += 1;
                    continue;
                }
                Some(_) => {
                    // Never merged or replaced: each side's revisions stay whole.
                    report.rejected.push(Rejection {
                        item: label,
                        reason: "a different vision for this exercise is here already; it was \
                                 left as it is (import into an empty journal to see the other)"
                            .into(),
                    });
                    continue;
                }
                None => {}
            }
            let checked = check_schema(vision.schema, crate::vision::VISION_SCHEMA);
            let vision = Vision {
                schema: crate::vision::VISION_SCHEMA,
                ..vision
            };
            report.record(label, checked.and_then(|()| self.insert_vision(vision)))?;
        }
        Ok(report)
    }
}

impl ImportReport {
    /// Counts one item's outcome: imported, or rejected when the item itself was at fault (bad
    /// content). Any other error (the disk, say) stops the import and is returned.
    fn record(&mut self, item: String, outcome: Result<()>) -> Result<bool> {
        match outcome {
            Ok(()) => {
                self.imported += 1;
                Ok(true)
            }
            Err(e @ (Error::Invalid(_) | Error::NotFound { .. })) => {
                self.rejected.push(Rejection {
                    item,
                    reason: e.to_string(),
                });
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }
}

/// A document from a newer Tend may hold what this one cannot keep: it is refused, not cut.
fn check_schema(schema: u32, current: u32) -> Result<()> {
    if schema > current {
        return Err(Error::invalid(format!(
            "it was written by a newer Tend (schema {schema}); update Tend to import it"
        )));
    }
    Ok(())
}

/// An incoming entry passes the same checks as one written here.
fn check_entry(entry: Entry) -> Result<Entry> {
    check_schema(entry.schema, ENTRY_SCHEMA)?;
    if !crate::document::is_valid_id(&entry.id) {
        return Err(Error::invalid(format!(
            "id: {:?} is not a valid id",
            entry.id
        )));
    }
    let draft = EntryDraft::of(&entry).validated()?;
    Ok(draft.into_entry(entry.id, entry.created, entry.updated, entry.source))
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
