//! Reading and writing Tend's JSON documents: schema check, migration, pretty output.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::error::{Error, Result};

/// A file that could not be loaded. It is left exactly as it is on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Problem {
    pub path: String,
    pub reason: String,
}

impl Problem {
    pub fn new(path: &Path, reason: impl Into<String>) -> Self {
        Problem {
            path: path.display().to_string(),
            reason: reason.into(),
        }
    }
}

/// Parses a document of a kind whose current schema is `current`. Older schemas go through
/// `migrate` (which takes the value and its version); newer ones are refused, since this Tend
/// cannot know what they hold.
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    bytes: &[u8],
    current: u32,
    migrate: fn(Value, u32) -> std::result::Result<Value, String>,
) -> Result<T> {
    let unreadable = |reason: String| Error::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let text = std::str::from_utf8(bytes)
        .map_err(|e| unreadable(format!("it is not UTF-8 text ({e})")))?;
    let value: Value = serde_json::from_str(text)
        .map_err(|e| unreadable(format!("it is not valid JSON ({e})")))?;
    let schema = value
        .get("schema")
        .and_then(Value::as_u64)
        .ok_or_else(|| unreadable("it has no \"schema\" version number".into()))?;
    let schema = u32::try_from(schema).unwrap_or(u32::MAX);
    if schema > current {
        return Err(unreadable(format!(
            "it was written by a newer Tend (schema {schema}; this one reads up to {current}). \
             Update Tend to open it."
        )));
    }
    let value = if schema < current {
        migrate(value, schema).map_err(unreadable)?
    } else {
        value
    };
    serde_json::from_value(value)
        .map_err(|e| unreadable(format!("it does not have the expected fields ({e})")))
}

/// Migration for kinds that have only ever had one schema.
pub fn no_migration(_: Value, schema: u32) -> std::result::Result<Value, String> {
    Err(format!("schema {schema} is not one Tend has ever written"))
}

/// Pretty, UTF-8, newline-terminated: readable in any text editor.
pub fn to_pretty_json<T: Serialize>(doc: &T) -> Vec<u8> {
    // Serialising our own plain structs cannot fail (no maps with non-string keys).
    let mut bytes = serde_json::to_vec_pretty(doc).expect("documents serialise to JSON");
    bytes.push(b'\n');
    bytes
}

/// Ids name files, so they are kept to a safe alphabet: no path can be smuggled in one.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct Doc {
        #[allow(dead_code)]
        schema: u32,
    }

    fn reason(bytes: &[u8]) -> String {
        parse::<Doc>(Path::new("/d/x.json"), bytes, 1, no_migration)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn unreadable_files_are_explained_with_their_path() {
        assert!(reason(b"\xff\xfe").contains("not UTF-8"));
        assert!(reason(b"{\"schema\": 1").contains("not valid JSON"));
        assert!(reason(b"{}").contains("no \"schema\""));
        let newer = reason(b"{\"schema\": 9}");
        assert!(
            newer.contains("newer Tend") && newer.contains("/d/x.json"),
            "{newer}"
        );
    }

    #[test]
    fn ids_cannot_carry_paths() {
        assert!(is_valid_id("a1b2-c3_d4"));
        for bad in ["", "../x", "a/b", "a.b", &"x".repeat(65)] {
            assert!(!is_valid_id(bad), "{bad:?} must be refused");
        }
    }
}
