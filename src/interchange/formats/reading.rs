//! Reading an imported file within bounds: as it is parsed, never whole, and refused as soon
//! as it passes a limit (the limits below), whatever it claims.

use std::fmt;
use std::io::{BufReader, Read};
use std::marker::PhantomData;
use std::path::Path;

use serde::de::{self, DeserializeOwned};
use serde::{Deserialize, Deserializer};

use super::not_json;
use crate::error::{Error, Result};

/// The most an import reads (the file, or what a zip inflates to). It bounds the import's
/// memory, which must stay under 300 MB whatever the file claims: the file is read as it is
/// parsed, and what it holds is kept until written (each written entry's text is not kept: it
/// is read back from its file when asked for), and the parser holds the longest string whole.
/// 256 MB is forty years of 3,000 words a day, beyond a real journal's export; what Tend does
/// not keep (Day One's rich text, places and weather) is passed over as it is read.
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

pub(crate) fn too_large(path: &Path) -> Error {
    Error::invalid(format!(
        "{} is too large to import: Tend reads at most {} MB from one file. Nothing was imported.",
        path.display(),
        MAX_IMPORT_BYTES / 1024 / 1024
    ))
}

/// The most pieces (entries, fillings, visions) one import takes: each costs about a kilobyte
/// besides its text while the import runs (the journal keeps what it writes), so that, with
/// [`MAX_IMPORT_BYTES`] of text, an import stays under 300 MB. Five entries a day for fifty
/// years.
pub const MAX_IMPORT_PIECES: usize = 100_000;

/// The most JSON values (counted by their `[`, `{` and `,`) an import reads. Each kept value
/// costs a few dozen bytes however short it is in the file (`"",` is three bytes, a `String`
/// twenty-four), so a file of empty tags would otherwise cost eight times its size. Day One
/// writes about a hundred values an entry, places, weather and photos included: forty
/// thousand entries at the least.
pub const MAX_JSON_VALUES: u64 = 4_000_000;

/// The longest JSON string an import reads: the parser holds a string whole (and, growing its
/// buffer, briefly twice), so one string that never ends (a zip bomb's) would take up to
/// [`MAX_IMPORT_BYTES`] twice over. An entry's text is at most 2,000,000 characters, which
/// JSON writes in at most 12 MB (escapes), and Day One's rich text of it in about twice that.
pub const MAX_JSON_STRING_BYTES: u64 = 32 * 1024 * 1024;

/// A file that holds more `what` than an import takes (`most`).
pub(crate) fn too_many(path: &Path, what: &str, most: u64) -> Error {
    Error::invalid(format!(
        "{} holds more {what} than Tend imports from one file ({most} at most). Nothing was \
         imported.",
        path.display()
    ))
}

/// The longest source id kept with an imported entry: Day One's uuids are 32 hex digits, the
/// hashes Tend makes for other formats 16. A source is stored in the entry's file and read at
/// every open, so it is kept small (see [`crate::formats::dayone`] for a longer uuid).
pub(crate) const MAX_SOURCE_ID_CHARS: usize = 64;
/// Reads JSON from `input` as it parses it, never holding the file whole, and at most
/// [`MAX_IMPORT_BYTES`] of it, whatever the file (or a zip) claims.
pub(crate) fn read_json<T: DeserializeOwned>(
    input: impl Read,
    path: &Path,
    what: &str,
) -> Result<T> {
    let mut limited = Limited::json(input);
    let parsed = serde_json::from_reader(BufReader::new(&mut limited));
    match limited.passed() {
        Some(Passed::Bytes) => Err(too_large(path)),
        Some(Passed::JsonValues) => Err(too_many(path, "JSON values", MAX_JSON_VALUES)),
        Some(Passed::JsonString) => Err(Error::invalid(format!(
            "{} holds a text longer than Tend imports ({} MB at most in one field; an entry \
             holds at most 2,000,000 characters). Nothing was imported.",
            path.display(),
            MAX_JSON_STRING_BYTES / 1024 / 1024
        ))),
        None => parsed.map_err(|e| {
            // A list of more pieces than an import takes, refused as it is read.
            if e.to_string().starts_with(TOO_MANY_PIECES) {
                too_many(path, "entries", MAX_IMPORT_PIECES as u64)
            } else {
                not_json(path, what, e)
            }
        }),
    }
}

const TOO_MANY_PIECES: &str = "more pieces than an import takes";

/// For `#[serde(deserialize_with = "super::pieces")]` on a list of pieces (entries,
/// fillings, visions): refused as soon as it holds more than [`MAX_IMPORT_PIECES`], so a file
/// of a million tiny entries never gets them all into memory.
pub(crate) fn pieces<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> std::result::Result<Vec<T>, D::Error> {
    deserializer.deserialize_seq(Pieces(PhantomData))
}

struct Pieces<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> de::Visitor<'de> for Pieces<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Vec<T>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            one_more_piece(items.len())?;
            items.push(item);
        }
        Ok(items)
    }
}

/// Counts one more piece, as [`pieces`] does (Mini Diary's entries by day are a map).
pub(crate) fn one_more_piece<E: de::Error>(so_far: usize) -> std::result::Result<(), E> {
    if so_far >= MAX_IMPORT_PIECES {
        return Err(E::custom(TOO_MANY_PIECES));
    }
    Ok(())
}

/// Why a [`Limited`] reader stopped the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Passed {
    Bytes,
    JsonValues,
    JsonString,
}

/// A reader that gives at most [`MAX_IMPORT_BYTES`] (and, for JSON, [`MAX_JSON_VALUES`] and
/// strings of [`MAX_JSON_STRING_BYTES`]), then fails, and says which limit was why: a zip that claims little and inflates to gigabytes is
/// stopped there, without being held.
pub(crate) struct Limited<R> {
    inner: R,
    left: u64,
    passed: Option<Passed>,
    /// For JSON: the values counted so far, and where the scan is (in a string, after `\`).
    json: Option<JsonCount>,
}

#[derive(Default)]
struct JsonCount {
    values: u64,
    in_string: bool,
    escaped: bool,
    /// The bytes of the string the scan is in.
    string: u64,
}

impl<R: Read> Limited<R> {
    pub(crate) fn new(inner: R) -> Self {
        Limited {
            inner,
            left: MAX_IMPORT_BYTES,
            passed: None,
            json: None,
        }
    }

    /// The same, counting JSON values as they pass.
    pub(crate) fn json(inner: R) -> Self {
        Limited {
            json: Some(JsonCount::default()),
            ..Limited::new(inner)
        }
    }

    /// The limit the file passed, if it did.
    pub(crate) fn passed(&self) -> Option<Passed> {
        self.passed
    }

    fn stop(&mut self, why: Passed) -> std::io::Error {
        self.passed = Some(why);
        std::io::Error::other("the file passes an import limit")
    }
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            // At the limit: one byte more means the file passes it.
            if buf.is_empty() || self.inner.read(&mut [0])? == 0 {
                return Ok(0);
            }
            return Err(self.stop(Passed::Bytes));
        }
        let most = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..most])?;
        self.left -= n as u64;
        if let Some(count) = &mut self.json {
            for &b in &buf[..n] {
                match (count.in_string, count.escaped, b) {
                    (true, true, _) => count.escaped = false,
                    (true, false, b'\\') => count.escaped = true,
                    (true, false, b'"') => count.in_string = false,
                    (false, _, b'"') => (count.in_string, count.string) = (true, 0),
                    (false, _, b'[' | b'{' | b',') => count.values += 1,
                    _ => {}
                }
                count.string += u64::from(count.in_string);
            }
            if count.values > MAX_JSON_VALUES {
                return Err(self.stop(Passed::JsonValues));
            }
            if count.string > MAX_JSON_STRING_BYTES {
                return Err(self.stop(Passed::JsonString));
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(json: &str) -> u64 {
        let mut limited = Limited::json(json.as_bytes());
        std::io::copy(&mut limited, &mut std::io::sink()).unwrap();
        limited.json.map_or(0, |c| c.values)
    }

    #[test]
    fn json_values_are_counted_outside_strings_only() {
        assert_eq!(
            values(r#"{"a": [1, 2], "b": {}}"#),
            5,
            "two objects, a list, two commas"
        );
        assert_eq!(
            values(r#"["[,{", "a \"quoted\", [part]", "\\"]"#),
            3,
            "brackets and commas in strings, escaped quotes and a closing backslash are text"
        );
    }
}
