//! Parsing for `tend export` and `tend import`.

use tend::export;
use tend::import::ImportFormat;

pub fn parse_export_format(name: &str) -> Result<export::Format, String> {
    export::Format::parse(name).map_err(|e| e.to_string())
}

pub fn parse_import_format(name: &str) -> Result<ImportFormat, String> {
    ImportFormat::parse(name).map_err(|e| e.to_string())
}

pub fn parse_kind(name: &str) -> Result<export::Kind, String> {
    match name {
        "entries" | "entry" => Ok(export::Kind::Entries),
        "worksheets" | "worksheet" => Ok(export::Kind::Worksheets),
        "visions" | "vision" => Ok(export::Kind::Visions),
        other => Err(format!(
            "{other:?} is not one of entries, worksheets, visions"
        )),
    }
}
