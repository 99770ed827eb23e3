//! Tend's own export, read back.

use std::path::Path;

use super::{not_json, Importer, Incoming};
use crate::error::{Error, Result};
use crate::export::TendExport;

pub struct TendJson;

impl Importer for TendJson {
    fn read(&self, bytes: &[u8], path: &Path) -> Result<Incoming> {
        let export: TendExport =
            serde_json::from_slice(bytes).map_err(|e| not_json(path, "a Tend export", e))?;
        if export.format != crate::export::tend_json_format() {
            return Err(Error::invalid(format!(
                "{} is not a Tend export (its format is {:?}); nothing was imported",
                path.display(),
                export.format
            )));
        }
        Ok(Incoming {
            entries: export.entries,
            fillings: export.fillings,
            visions: export.visions,
            rejected: Vec::new(),
        })
    }
}
