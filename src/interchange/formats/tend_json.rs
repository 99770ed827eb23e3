//! Tend's own export: every selected document exactly as stored, re-importable without loss.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{
    read_json, shown, Descriptor, ExportContext, Exporter, Importer, Incoming, Output, ReadSeek,
};
use crate::document::to_pretty_json;
use crate::entry::Entry;
use crate::error::{Error, Result};
use crate::filling::Filling;
use crate::selection::Selection;
use crate::vision::Vision;

pub const FORMAT: Descriptor = Descriptor::new("tend", "Tend JSON", &["json"])
    .exports(&TendJson)
    .imports(&TendJson);

/// The `format` value that marks a Tend export.
pub const FORMAT_NAME: &str = "tend-export";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TendExport {
    /// Always "tend-export": tells this file from any other JSON.
    pub format: String,
    pub version: u32,
    pub exported: DateTime<FixedOffset>,
    #[serde(default, deserialize_with = "super::pieces")]
    pub entries: Vec<Entry>,
    #[serde(default, deserialize_with = "super::pieces")]
    pub fillings: Vec<Filling>,
    #[serde(default, deserialize_with = "super::pieces")]
    pub visions: Vec<Vision>,
}

pub struct TendJson;

impl Exporter for TendJson {
    fn export(&self, selection: &Selection, context: &ExportContext) -> Result<Output> {
        let export = TendExport {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            exported: context.now,
            entries: selection.entries.iter().map(|e| (*e).clone()).collect(),
            fillings: selection.fillings.iter().map(|f| (*f).clone()).collect(),
            visions: selection.visions.iter().map(|v| (*v).clone()).collect(),
        };
        Ok(Output::File(to_pretty_json(&export)))
    }
}

impl Importer for TendJson {
    fn read(&self, input: &mut dyn ReadSeek, path: &Path) -> Result<Incoming> {
        let export: TendExport = read_json(input, path, "a Tend export")?;
        if export.format != FORMAT_NAME {
            return Err(Error::invalid(format!(
                "{} is not a Tend export (its format is {}); nothing was imported",
                path.display(),
                shown(&export.format)
            )));
        }
        Ok(Incoming {
            entries: export.entries,
            fillings: export.fillings,
            visions: export.visions,
            rejected: Vec::new(),
            pictures: None,
        })
    }
}
