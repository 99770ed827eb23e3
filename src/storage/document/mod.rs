//! Reading and writing Tend's JSON documents: schema check, migration, pretty output.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::error::{Error, Result};

pub(crate) mod changes;
mod kinds;
pub mod origin;
mod resolve;
mod scan;

pub use resolve::{is_own_name, resolve, Keyed, Sorted};
pub(crate) use scan::read_one;
pub use scan::{
    collect, collect_folders, folders_of, is_leftover, load_all, Loaded, Stamp, Stored,
};

/// A file that could not be loaded. It is left exactly as it is on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
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

    /// Why `path` could not be loaded: the parse's own reason, else the error's message.
    pub fn from_error(path: &Path, error: Error) -> Self {
        match error {
            Error::Unreadable { reason, .. } => Problem::new(path, reason),
            // The path is said once, as the problem's own.
            Error::Io {
                path: failed,
                source,
            } if failed == path => Problem::new(path, format!("it cannot be read ({source})")),
            other => Problem::new(path, other.to_string()),
        }
    }
}

/// Something Tend did on its own that a person should hear of, though nothing is wrong now
/// (a conversion a crash cut short, finished at the next open). Shown beside the problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct Notice {
    pub message: String,
}

/// A kind of document Tend keeps, one JSON file each.
pub trait Document: Serialize + DeserializeOwned {
    /// The schema version this Tend writes; older ones go through [`Document::migrate`].
    const SCHEMA: u32;
    fn id(&self) -> &str;
    fn migrate(value: Value, schema: u32) -> std::result::Result<Value, String> {
        no_migration(value, schema)
    }
    /// When it was last saved: of two files with one id (a move cut short by a crash), the
    /// later one is the document.
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        None
    }
}

/// A document file larger than this is listed as a problem and not loaded: no document Tend
/// writes comes near it, and reading one would cost every start.
pub const MAX_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

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

/// A stable short hash of an entry's content, for sources without ids (FNV-1a, 64 bits: not
/// for security, only to recognise the same text again). Its values are stored in users' files
/// (imported entries' ids and sources), so they must never change: a test pins them.
pub fn content_hash(parts: &[&str]) -> String {
    format!("{:016x}", content_hash_u64(parts))
}

/// [`content_hash`] as the number it is.
pub fn content_hash_u64(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The 32 hex digits Day One wants as an entry's uuid. Tend's own ids are that already; others
/// (entries imported from jrnl, say) get a stable 32-digit hash of their id. Stored in Day One
/// exports, so pinned by a test like [`content_hash`].
pub fn dayone_uuid(id: &str) -> String {
    if id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
        id.to_uppercase()
    } else {
        let backwards: String = id.chars().rev().collect();
        (content_hash(&[id]) + &content_hash(&[&backwards, id])).to_uppercase()
    }
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
    fn stored_hashes_keep_their_values() {
        // These values are in users' journals and exports: changing them makes re-imports
        // duplicate every entry.
        assert_eq!(content_hash(&[]), "cbf29ce484222325");
        assert_eq!(content_hash(&["a", "b"]), "d2b371819297f98a");
        assert_eq!(
            content_hash(&["2026-11-23", "21:15", "Title", "Body"]),
            "320e8b930e5ffba3"
        );
        assert_eq!(
            dayone_uuid("jrnl-0123456789abcdef"),
            "64721275B8F32BE34CDC9DA2F8283A3D"
        );
        assert_eq!(
            dayone_uuid("0a1b2c3d4e5f60718293a4b5c6d7e8f9"),
            "0A1B2C3D4E5F60718293A4B5C6D7E8F9"
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
