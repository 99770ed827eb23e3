//! jrnl's own journal file, plain text. An entry starts with a line `[YYYY-MM-DD HH:MM] Title`
//! (newer jrnl writes `[2026-11-23 09:15:00 PM]`; both are read), its body follows on the next
//! lines; `@words` anywhere in it are its tags; a `*` ending the title line marks it starred.
//! jrnl holds journal entries only.
//!
//! Tend writes each entry's tags as a last line of `@tags` after a blank line, and reads such a
//! line back as tags, not text. jrnl tags cannot hold spaces: "work day" is written
//! `@work-day` and comes back so. A first line that ends with `*` would read as starring, so
//! such an entry is written with an empty title and its whole text below.
//!
//! jrnl has no prompt or mood (see [`super::prompt_and_mood`]): the prompt is quoted above the
//! text, and the mood opens the tag line (`@mood-4 @feeling-calm`); both are read back so.

use std::io::{BufRead, BufReader};
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};

use super::jrnl_json::{jrnl_entry, local_time, title_and_body};
use super::prompt_and_mood::{mood_from_tags, mood_tags, prompt_from_text, quote_above};
use super::reading::{too_large, too_many, MAX_IMPORT_PIECES};
use super::Limited;
use super::{
    is_starred, tags_but_starred, Descriptor, ExportContext, Exporter, Importer, Incoming, Output,
    ReadSeek, Rejection,
};
use crate::document::content_hash;
use crate::entry::Entry;
use crate::error::{Error, Result};
use crate::selection::Selection;

pub const FORMAT: Descriptor = Descriptor::new("jrnl-text", "jrnl text", &["txt"])
    .entries_only()
    .keeps(
        "jrnl keeps the text, day, time, tags and star; the prompt is quoted above the text \
         and the mood written as tags (@mood-4 @feeling-calm); ticked habits are left out",
    )
    .exports(&JrnlText)
    .imports(&JrnlText);

pub struct JrnlText;

const TIME_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %I:%M %p",
];

impl Exporter for JrnlText {
    fn export(&self, selection: &Selection, _context: &ExportContext) -> Result<Output> {
        let mut out = String::new();
        for entry in &selection.entries {
            write_entry(&mut out, entry);
        }
        Ok(Output::File(out.into_bytes()))
    }
}

fn write_entry(out: &mut String, entry: &Entry) {
    let stamp = format!(
        "[{} {}]",
        entry.date.format("%Y-%m-%d"),
        entry.created.format("%H:%M")
    );
    let star = if is_starred(entry) { " *" } else { "" };
    let text = match &entry.prompt {
        Some(prompt) => quote_above(&prompt.text, entry.body.trim()),
        None => entry.body.clone(),
    };
    let (title, body) = title_and_body(&text);
    // The title line loses trailing spaces and a trailing `*` when read: such a first line
    // goes below the stamp, with the rest.
    if title.ends_with('*') || title.trim_end() != title || title.is_empty() {
        out.push_str(&format!("{stamp}{star}\n{}\n", text.trim()));
    } else if body.is_empty() {
        out.push_str(&format!("{stamp} {title}{star}\n"));
    } else {
        out.push_str(&format!("{stamp} {title}{star}\n{body}\n"));
    }
    let mood = entry.mood.as_ref().map(mood_tags).unwrap_or_default();
    let tags: Vec<String> = (mood.iter().chain(tags_but_starred(entry)))
        .map(|t| format!("@{}", t.split_whitespace().collect::<Vec<_>>().join("-")))
        .collect();
    if !tags.is_empty() {
        out.push_str(&format!("\n{}\n", tags.join(" ")));
    }
    out.push('\n');
}

impl Importer for JrnlText {
    fn read(&self, input: &mut dyn ReadSeek, path: &Path) -> Result<Incoming> {
        let not_utf8 = |e: std::io::Error| {
            Error::invalid(format!(
                "{} is not a jrnl journal file: it is not UTF-8 text ({e}); nothing was imported",
                path.display()
            ))
        };
        let mut incoming = Incoming::default();
        let mut current: Option<Raw> = None;
        let (mut before, mut anything) = (false, false);
        // Line by line, never the whole file: each entry holds only its own lines until it is
        // read into an entry.
        let mut limited = Limited::new(input);
        for line in BufReader::new(&mut limited).lines() {
            let line = match line {
                Ok(line) => line,
                Err(_) if limited.passed().is_some() => return Err(too_large(path)),
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => return Err(not_utf8(e)),
                Err(e) => return Err(Error::io(path, e)),
            };
            anything |= !line.trim().is_empty();
            if let Some((stamp, when, title)) = header(&line) {
                incoming.entries.extend(current.take().map(Raw::into_entry));
                if incoming.entries.len() >= MAX_IMPORT_PIECES {
                    return Err(too_many(path, "entries", MAX_IMPORT_PIECES as u64));
                }
                current = Some(Raw {
                    stamp: stamp.to_string(),
                    when,
                    title: title.to_string(),
                    rest: None,
                });
            } else if let Some(raw) = &mut current {
                raw.push(&line);
            } else {
                before |= !line.trim().is_empty();
            }
        }
        incoming.entries.extend(current.map(Raw::into_entry));
        if incoming.entries.is_empty() && anything {
            return Err(Error::invalid(format!(
                "{} is not a jrnl journal file: no line starts an entry with \
                 [YYYY-MM-DD HH:MM]; nothing was imported",
                path.display()
            )));
        }
        if before {
            incoming.rejected.push(Rejection {
                item: "the text before the first entry".into(),
                reason: "it has no [YYYY-MM-DD HH:MM] line, so it belongs to no day".into(),
            });
        }
        Ok(incoming)
    }
}

/// `[2026-11-23 21:15] Title` → the stamp, its time and the rest of the line.
fn header(line: &str) -> Option<(&str, NaiveDateTime, &str)> {
    let inside = line.strip_prefix('[')?;
    let end = inside.find(']')?;
    let stamp = &inside[..end];
    let when = TIME_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(stamp, f).ok())?;
    let title = &inside[end + 1..];
    Some((stamp, when, title.strip_prefix(' ').unwrap_or(title)))
}

/// One entry as read, before it is understood.
struct Raw {
    stamp: String,
    when: NaiveDateTime,
    title: String,
    /// The lines below the title, joined by new lines: one string, since a line kept on its
    /// own costs 24 bytes however short (a file of empty lines would cost 24 times its size).
    rest: Option<String>,
}

impl Raw {
    fn push(&mut self, line: &str) {
        match &mut self.rest {
            Some(rest) => {
                rest.push('\n');
                rest.push_str(line);
            }
            None => self.rest = Some(line.to_string()),
        }
    }

    fn into_entry(self) -> Entry {
        let all = self.rest.unwrap_or_default();
        let hash = content_hash(&[&self.stamp, &self.title, &all]);
        let mut title = self.title.trim_end();
        let starred = title.ends_with('*');
        if starred {
            title = title[..title.len() - 1].trim_end();
        }
        // The lines but blank ones at the end.
        let mut rest = all.as_str();
        loop {
            let (before, last) = rest.rsplit_once('\n').unwrap_or(("", rest));
            if rest.is_empty() || !last.trim().is_empty() {
                break;
            }
            rest = before;
        }
        // Tend's tag line: the last line, all @tags, after a blank line. Its mood tags are
        // the entry's mood.
        let mut tags = Vec::new();
        if let Some((above, last)) = rest.rsplit_once('\n') {
            let (kept, blank) = above.rsplit_once('\n').unwrap_or(("", above));
            if blank.trim().is_empty() && is_tag_line(last) {
                tags.extend(tags_in(last));
                rest = kept;
            }
        }
        let mood = mood_from_tags(&mut tags);
        let body = if title.trim().is_empty() {
            rest.trim().to_string()
        } else if rest.trim().is_empty() {
            title.trim().to_string()
        } else {
            format!("{}\n{}", title.trim(), rest.trim_end())
        };
        for tag in tags_in(&body) {
            if !tags.iter().any(|t: &String| t.eq_ignore_ascii_case(&tag)) {
                tags.push(tag);
            }
        }
        let (prompt, body) = prompt_from_text(body, None);
        let date: NaiveDate = self.when.date();
        let when = local_time(date, self.when.time());
        Entry {
            prompt,
            mood,
            ..jrnl_entry("jrnl-text", when, date, body, tags, starred, hash)
        }
    }
}

fn is_tag_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    !words.is_empty()
        && words
            .iter()
            .all(|w| tag(w).is_some_and(|t| t.len() + 1 == w.len()))
}

/// jrnl's tags: `@` at the start of a word, then letters, digits and `_-+*#/`.
fn tags_in(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter_map(tag)
        .map(String::from)
        .collect()
}

fn tag(word: &str) -> Option<&str> {
    let name = word.strip_prefix('@')?;
    let end = name
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || "_-+*#/".contains(*c)))
        .map_or(name.len(), |(i, _)| i);
    (end > 0).then(|| &name[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Incoming {
        JrnlText
            .read(&mut std::io::Cursor::new(text), Path::new("j.txt"))
            .unwrap()
    }

    #[test]
    fn a_jrnl_file_reads_with_titles_tags_and_stars() {
        let file = "[2012-03-29 09:00] Called in sick.\nUsed the time with @Tom.\n\n\
                    [2013-07-20 09:00] Best day of my life! *\n\n\
                    [2021-09-19 10:25:52 PM] Late @work-day\n";
        let entries = read(file).entries;
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].body, "Called in sick.\nUsed the time with @Tom.");
        assert_eq!(entries[0].tags, vec!["Tom"]);
        assert_eq!(entries[1].body, "Best day of my life!");
        assert_eq!(entries[1].tags, vec!["starred"]);
        assert_eq!(entries[2].date.to_string(), "2021-09-19");
        assert_eq!(entries[2].created.format("%H:%M").to_string(), "22:25");
        assert_eq!(entries[2].tags, vec!["work-day"]);
    }

    #[test]
    fn text_that_is_not_a_jrnl_file_is_refused() {
        let err = JrnlText
            .read(
                &mut std::io::Cursor::new("just some notes"),
                Path::new("notes.txt"),
            )
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("notes.txt") && err.contains("nothing was imported"),
            "{err}"
        );
    }
}
