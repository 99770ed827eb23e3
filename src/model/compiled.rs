//! Content compiled in from `prompts/`: build.rs lists every worksheet and vision file, so adding
//! one is adding a file. Its validity is checked by the content tests, so a parse failure here can
//! only come from a build that skipped them.

use serde::de::DeserializeOwned;

mod files {
    include!(concat!(env!("OUT_DIR"), "/worksheets.rs"));
    include!(concat!(env!("OUT_DIR"), "/visions.rs"));
}

pub(crate) fn worksheets<T: DeserializeOwned>() -> Vec<T> {
    parse_all("worksheets", files::WORKSHEET_FILES)
}

pub(crate) fn visions<T: DeserializeOwned>() -> Vec<T> {
    parse_all("visions", files::VISION_FILES)
}

fn parse_all<T: DeserializeOwned>(folder: &str, files: &[(&str, &str)]) -> Vec<T> {
    files
        .iter()
        .map(|(name, text)| {
            serde_json::from_str(text)
                .unwrap_or_else(|e| panic!("prompts/{folder}/{name} does not parse: {e}"))
        })
        .collect()
}
