//! The JSON exports of Mini Diary and of Mini Diarium (which writes the same shape): an object
//! with `metadata` and `entries`, the entries keyed by day, "YYYY-MM-DD" → `{ dateUpdated,
//! title, text }` (an array of entries each with its `date` is read too). Mini Diary's text is
//! Markdown and is kept as it is; Mini Diarium's is HTML, made plain text here: paragraphs and
//! line breaks become new lines, entities are decoded, other tags dropped. Read only.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;

use super::{read_json, shown, Descriptor, Importer, Incoming, ReadSeek};
use crate::document::content_hash;
use crate::entry::{Entry, Source, ENTRY_SCHEMA};
use crate::error::Result;

pub const FORMAT: Descriptor = Descriptor::new("minidiary", "Mini Diary", &["json"])
    .entries_only()
    .imports(&MiniDiary);

pub struct MiniDiary;

#[derive(Debug, Deserialize)]
struct MiniDiaryFile {
    #[serde(default)]
    metadata: Metadata,
    entries: Entries,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Metadata {
    #[serde(default)]
    application: String,
}

#[derive(Debug)]
enum Entries {
    ByDay(BTreeMap<String, MiniEntry>),
    List(Vec<MiniEntry>),
}

/// By day or as a list, read as it comes (serde's untagged enums hold the whole value first),
/// and refused past the pieces one import takes.
impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Either;
        impl<'de> serde::de::Visitor<'de> for Either {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("entries by day, or a list of entries")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Entries, A::Error> {
                let mut days = BTreeMap::new();
                while let Some((day, entry)) = map.next_entry::<String, MiniEntry>()? {
                    super::one_more_piece(days.len())?;
                    days.insert(day, entry);
                }
                Ok(Entries::ByDay(days))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Entries, A::Error> {
                let mut list = Vec::new();
                while let Some(entry) = seq.next_element::<MiniEntry>()? {
                    super::one_more_piece(list.len())?;
                    list.push(entry);
                }
                Ok(Entries::List(list))
            }
        }
        d.deserialize_any(Either)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct MiniEntry {
    #[serde(default)]
    date: String,
    #[serde(default)]
    date_updated: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
}

impl Importer for MiniDiary {
    fn read(&self, input: &mut dyn ReadSeek, path: &Path) -> Result<Incoming> {
        let file: MiniDiaryFile =
            read_json(input, path, "a Mini Diary or Mini Diarium JSON export")?;
        let html = file.metadata.application.contains("Diarium");
        let items: Vec<MiniEntry> = match file.entries {
            Entries::ByDay(days) => days
                .into_iter()
                .map(|(date, item)| MiniEntry { date, ..item })
                .collect(),
            Entries::List(items) => items,
        };
        let mut incoming = Incoming::default();
        incoming.take(
            items,
            |n, item| format!("Mini Diary entry {n} ({})", shown(&item.date)),
            |item| to_entry(item, html),
        );
        Ok(incoming)
    }
}

fn to_entry(item: &MiniEntry, html: bool) -> std::result::Result<Entry, String> {
    let date = NaiveDate::parse_from_str(item.date.trim(), "%Y-%m-%d")
        .map_err(|_| format!("date {} is not YYYY-MM-DD", shown(&item.date)))?;
    let plain = |text: &str| {
        if html || looks_like_html(text) {
            html_to_text(text)
        } else {
            text.trim().to_string()
        }
    };
    let (title, text) = (plain(&item.title), plain(&item.text));
    let body = match (title.is_empty(), text.is_empty()) {
        (true, _) => text,
        (false, true) => title,
        (false, false) => format!("{title}\n\n{text}"),
    };
    if body.is_empty() {
        return Err("it has no text".into());
    }
    let noon = date
        .and_hms_opt(12, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .fixed_offset();
    let updated: DateTime<FixedOffset> =
        DateTime::parse_from_rfc3339(item.date_updated.trim()).unwrap_or(noon);
    let created = if updated.date_naive() == date {
        updated
    } else {
        noon
    };
    let hash = content_hash(&[&item.date, &item.title, &item.text]);
    Ok(Entry {
        schema: ENTRY_SCHEMA,
        id: format!("minidiary-{hash}"),
        date,
        prompt: None,
        body,
        mood: None,
        tags: Vec::new(),
        habits_done: Vec::new(),
        attachments: Vec::new(),
        source: Some(Source {
            format: "minidiary".into(),
            id: hash,
        }),
        created,
        updated: updated.max(created),
    })
}

fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start();
    ["<p>", "<p ", "<br", "<div", "<h1", "<h2", "<ul", "<ol"]
        .iter()
        .any(|tag| t.starts_with(tag))
}

/// HTML as a person would read it in plain text.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..start]));
        let Some(end) = rest[start..].find('>') else {
            out.push_str(&decode_entities(&rest[start..]));
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end].trim().to_ascii_lowercase();
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect();
        match name.as_str() {
            "br" | "br/" => out.push('\n'),
            "/p" | "/div" | "/h1" | "/h2" | "/h3" | "/h4" | "/h5" | "/h6" | "/li"
            | "/blockquote" => out.push('\n'),
            "li" => out.push_str("- "),
            _ => {}
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(&decode_entities(rest));
    let lines: Vec<&str> = out.lines().map(str::trim_end).collect();
    let mut text = lines.join("\n");
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    text.trim().to_string()
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = &after[..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Incoming {
        MiniDiary
            .read(&mut std::io::Cursor::new(json), Path::new("md.json"))
            .unwrap()
    }

    #[test]
    fn a_mini_diary_export_reads_by_day_with_titles() {
        let incoming = read(
            r#"{"metadata":{"application":"Mini Diary","version":"3.3.0"},
               "entries":{"2020-05-01":{"dateUpdated":"2020-05-01T20:01:02.000Z",
               "title":"Walk","text":"By the *river*.\n\nCalm."}}}"#,
        );
        let e = &incoming.entries[0];
        assert_eq!(e.date.to_string(), "2020-05-01");
        assert_eq!(e.body, "Walk\n\nBy the *river*.\n\nCalm.");
    }

    #[test]
    fn mini_diarium_html_becomes_plain_text() {
        let incoming = read(
            r#"{"metadata":{"application":"Mini Diarium"},
               "entries":{"2025-01-02":{"dateUpdated":"x","title":"",
               "text":"<p>Tom &amp; me</p><p>line<br>break &lt;3 &#233;t&eacute;</p><ul><li>one</li></ul>"}}}"#,
        );
        assert_eq!(
            incoming.entries[0].body,
            "Tom & me\nline\nbreak <3 ét&eacute;\n- one"
        );
    }

    #[test]
    fn an_array_of_entries_is_read_too() {
        let incoming = read(r#"{"entries":[{"date":"2024-02-03","title":"","text":"Hi"}]}"#);
        assert_eq!(incoming.entries[0].body, "Hi");
        assert_eq!(incoming.entries[0].date.to_string(), "2024-02-03");
    }
}
