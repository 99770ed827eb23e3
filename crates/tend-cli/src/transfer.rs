//! Parsing for `tend export` and `tend import`: the formats come from the core's one list.

use tend::export;
use tend::formats::{self, Descriptor};

pub fn parse_export_format(name: &str) -> Result<&'static Descriptor, String> {
    formats::exportable(name).map_err(|e| e.to_string())
}

pub fn parse_import_format(name: &str) -> Result<&'static Descriptor, String> {
    formats::importable(name).map_err(|e| e.to_string())
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

/// "tend, md, …" for the help text.
pub fn names(usable: fn(&Descriptor) -> bool) -> String {
    let names: Vec<&str> = formats::FORMATS
        .iter()
        .filter(|d| usable(d))
        .map(|d| d.id)
        .collect();
    names.join(", ")
}
