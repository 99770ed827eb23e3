//! A search over the index: the documents having every word, kept by the filters, newest
//! first, each hit's text read from its file for its snippet. The same for the app (its
//! journal open) and for `tend search` (without opening it, when the index is whole).

use std::path::Path;

use chrono::NaiveDate;

use super::{Found, Hit, Part, Query, SearchRequest, DEFAULT_LIMIT};
use crate::crypt::Codec;
use crate::document::{self, Document};
use crate::entry::{Entry, STARRED};
use crate::error::{Error, Result};
use crate::filling::Filling;
use crate::kind::Kind;
use crate::readable::{self, searchable, Readable};
use crate::store::search_index::{Doc, SearchIndex};
use crate::vision::Vision;
use crate::voice::Voice;

/// How many documents past the hits shown are read to count a phrase's hits exactly.
const PHRASES_COUNTED: usize = 2_000;

/// Where the documents are, how to read them, and in whose words (titles of worksheets).
pub(crate) struct Files<'a> {
    pub root: &'a Path,
    pub codec: &'a Codec,
    pub voice: &'a Voice,
}

pub(crate) fn run(index: &SearchIndex, files: &Files, request: &SearchRequest) -> Result<Found> {
    let query = Query::parse(&request.text);
    let mut found = index.all();
    for part in &query.parts {
        match part {
            Part::Prefix(word) => found.and(&index.having(word, true)),
            Part::Phrase(words) => {
                for word in words {
                    found.and(&index.having(word, false));
                }
            }
        }
    }
    let mut candidates: Vec<&Doc> = (found.numbers())
        .map(|n| index.doc(n))
        .filter(|doc| keeps(doc, request))
        .collect();
    candidates.sort_by(|a, b| {
        let key = |d: &Doc| (d.meta.date, d.meta.created);
        key(b).cmp(&key(a)).then_with(|| b.id.cmp(&a.id))
    });
    let limit = match request.limit.unwrap_or(DEFAULT_LIMIT) {
        0 => usize::MAX,
        n => n as usize,
    };
    let mut hits = Vec::new();
    let mut checked = 0;
    for doc in &candidates {
        if hits.len() >= limit {
            break;
        }
        checked += 1;
        hits.extend(hit(doc, files, &query));
    }
    // Past the hits shown, a phrase is only checked (on every core, nothing kept), and only up
    // to a bound: with words as common as "the day", checking 100,000 entries would take
    // seconds. Past it, the count is of the documents having every word.
    let rest = &candidates[checked..];
    let exact = !query.has_phrase() || rest.len() <= PHRASES_COUNTED;
    let more = if query.has_phrase() && exact {
        let has_phrase = |doc: &&Doc| {
            let text = read_text(doc, files).ok()?;
            super::snippet(&text.text, &query).map(|_| ())
        };
        crate::store::index::on_every_core(rest, has_phrase).len()
    } else {
        rest.len()
    };
    let total = hits.len() + more;
    Ok(Found {
        hits,
        total: u32::try_from(total).unwrap_or(u32::MAX),
        exact,
    })
}

/// Whether the filters of `request` keep `doc`. Only entries have tags, moods and stars: a
/// filter by one of those keeps entries only.
fn keeps(doc: &Doc, request: &SearchRequest) -> bool {
    let meta = &doc.meta;
    if !request.kinds.is_empty() && !request.kinds.contains(&doc.kind) {
        return false;
    }
    let Some(date) = NaiveDate::from_num_days_from_ce_opt(meta.date) else {
        return false;
    };
    if request.from.is_some_and(|f| date < f) || request.to.is_some_and(|t| date > t) {
        return false;
    }
    let entry_filters = !request.tags.is_empty() || request.mood.is_some() || request.starred;
    if doc.kind != Kind::Entries {
        return !entry_filters;
    }
    let tagged = request.tags.is_empty()
        || (meta.tags.iter()).any(|t| request.tags.iter().any(|w| w.eq_ignore_ascii_case(t)));
    let mood = request.mood.is_none_or(|m| meta.mood == Some(m));
    let starred = !request.starred || meta.tags.iter().any(|t| t == STARRED);
    tagged && mood && starred
}

/// A document's searchable words, and the title its hit shows.
struct Text {
    /// The words as read: an entry's without Markdown's marks, which its snippet shows.
    text: String,
    title: String,
    /// An entry's body as written, marks and all, where its editor selects a match; `None`
    /// when it is `text` itself.
    written: Option<String>,
}

/// The hit for `doc`, with its snippet; `None` when its file cannot be read now, or a phrase
/// of the query is not in its text after all.
fn hit(doc: &Doc, files: &Files, query: &Query) -> Option<Hit> {
    let Text {
        text,
        title,
        written,
    } = read_text(doc, files).ok()?;
    let snippet = super::snippet(&text, query)?;
    let utf16 = |s: &str| u32::try_from(s.encode_utf16().count()).unwrap_or(u32::MAX);
    // The editor selects in what she wrote: a match found only across a mark ("calm evening"
    // in "**calm** evening") is shown, and the entry opens without a selection.
    let at = match &written {
        Some(body) => super::snippet(body, query).and_then(|s| s.first.map(|r| (body, r))),
        None => snippet.first.clone().map(|r| (&text, r)),
    };
    let at = (at.filter(|_| doc.kind == Kind::Entries))
        .map(|(body, range)| (utf16(&body[..range.start]), utf16(&body[..range.end])));
    Some(Hit {
        id: doc.id.clone(),
        kind: doc.kind,
        date: NaiveDate::from_num_days_from_ce_opt(doc.meta.date)?,
        title,
        worksheet: doc.meta.worksheet.clone(),
        snippet: snippet.parts,
        at,
        starred: doc.meta.tags.iter().any(|t| t == STARRED),
        mood: doc.meta.mood,
    })
}

fn read_text(doc: &Doc, files: &Files) -> Result<Text> {
    let path = files.root.join(&doc.meta.path);
    fn read<T: Document>(path: &Path, codec: &Codec, id: &str) -> Result<T> {
        let doc: T = document::read_one(path, codec)?;
        if doc.id() != id {
            return Err(Error::Unreadable {
                path: path.to_path_buf(),
                reason: "it changed since the search index was written".into(),
            });
        }
        Ok(doc)
    }
    Ok(match doc.kind {
        Kind::Entries => {
            let entry: Entry = read(&path, files.codec, &doc.id)?;
            let title = entry.prompt.map(|p| p.text).unwrap_or_default();
            match crate::markup::plain(&entry.body) {
                std::borrow::Cow::Borrowed(_) => Text {
                    title,
                    text: entry.body,
                    written: None,
                },
                std::borrow::Cow::Owned(text) => Text {
                    title,
                    text,
                    written: Some(entry.body),
                },
            }
        }
        Kind::Worksheets => {
            let filling: Filling = read(&path, files.codec, &doc.id)?;
            readable_text(readable::filling(&filling, files.voice))
        }
        Kind::Visions => {
            let vision: Vision = read(&path, files.codec, &doc.id)?;
            readable_text(readable::vision(&vision, files.voice))
        }
    })
}

fn readable_text(doc: Readable) -> Text {
    Text {
        text: searchable(&doc),
        title: doc.title,
        written: None,
    }
}
