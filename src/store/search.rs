//! Search in the store: the index brought up to date with the documents, then asked.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::{index, Store};
use crate::document::content_hash_u64;
use crate::entry::STARRED;
use crate::error::Result;
use crate::formats::readable::{self, Block, Readable};
use crate::search::index::{distinct_words, SearchIndex};
use crate::search::{self, Found, Hit, Part, Query, SearchRequest, DEFAULT_LIMIT};
use crate::selection::Kind;

/// How many documents past the hits shown are read to count a phrase's hits exactly.
const PHRASES_COUNTED: usize = 2_000;

/// A document the search found, before its snippet: what sorting and filtering need.
struct Candidate<'a> {
    id: &'a str,
    kind: Kind,
    date: NaiveDate,
    created: DateTime<FixedOffset>,
}

impl Store {
    /// Searches the journal: the words of `request` (see [`crate::search`]) in every document
    /// its filters keep, newest first.
    pub fn search(&mut self, request: &SearchRequest) -> Result<Found> {
        self.update_search_index();
        let Some(index) = &self.search else {
            return Ok(Found::default());
        };
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
        let mut candidates: Vec<Candidate> = (found.numbers())
            .map(|n| index.doc(n))
            .filter(|doc| request.kinds.is_empty() || request.kinds.contains(&doc.kind))
            .filter_map(|doc| self.candidate(&doc.id, doc.kind, request))
            .collect();
        candidates.sort_by(|a, b| (b.date, b.created, b.id).cmp(&(a.date, a.created, a.id)));
        let limit = match request.limit.unwrap_or(DEFAULT_LIMIT) {
            0 => usize::MAX,
            n => n as usize,
        };
        let mut hits = Vec::new();
        let mut checked = 0;
        for candidate in &candidates {
            if hits.len() >= limit {
                break;
            }
            checked += 1;
            hits.extend(self.hit(candidate, &query)?);
        }
        // Past the hits shown, a phrase is only checked (on every core, nothing kept), and
        // only up to a bound: with words as common as "the day", checking 100,000 entries
        // would take seconds. Past it, the count is of the documents having every word.
        let rest = &candidates[checked..];
        let exact = !query.has_phrase() || rest.len() <= PHRASES_COUNTED;
        let more = if query.has_phrase() && exact {
            self.count_phrase_hits(rest, &query)
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

    /// Adds to the search index what is new or changed since it was written, and takes out
    /// what is gone; reading only the documents that changed. The index is a cache: if it
    /// cannot be written, the next search does this again.
    fn update_search_index(&mut self) {
        let mut index = match self.search.take() {
            Some(index) => index,
            None => SearchIndex::read(&self.root, &self.codec),
        };
        let gone: Vec<String> = (index.ids())
            .filter(|id| {
                !self.entries.contains_key(*id)
                    && !self.fillings.contains_key(*id)
                    && !self.visions.contains_key(*id)
            })
            .map(String::from)
            .collect();
        gone.iter().for_each(|id| index.remove(id));

        let changed: Vec<&index::Indexed> = (self.entries.values())
            .filter(|e| index.hash_of(&e.meta.id) != Some(e.meta.text))
            .collect();
        // A few thousand at a time: the words of 100,000 entries at once would take a
        // gigabyte before the index held them more compactly.
        for part in changed.chunks(4096) {
            let words = index::map_bodies(part, &self.codec, |e| distinct_words(&e.body));
            for (entry, words) in part.iter().zip(words) {
                match words {
                    Some(words) => {
                        index.add(&entry.meta.id, Kind::Entries, entry.meta.text, &words)
                    }
                    None => index.remove(&entry.meta.id),
                }
            }
        }
        let others = self.readable_others();
        for (kind, doc) in others {
            let text = searchable(&doc);
            let hash = content_hash_u64(&[&text]);
            if index.hash_of(&doc.id) != Some(hash) {
                index.add(&doc.id, kind, hash, &distinct_words(&text));
            }
        }
        if !self.read_only {
            let _ = index.write_if_changed(&self.root, &self.codec);
        }
        self.search = Some(index);
    }

    /// The worksheet fillings and visions as a person reads them, in their words.
    fn readable_others(&self) -> Vec<(Kind, Readable)> {
        let voice = self.settings.voice();
        let fillings =
            (self.fillings.values()).map(|f| (Kind::Worksheets, readable::filling(&f.doc, &voice)));
        let visions =
            (self.visions.values()).map(|v| (Kind::Visions, readable::vision(&v.doc, &voice)));
        fillings.chain(visions).collect()
    }

    /// The document `id` if the filters of `request` keep it.
    fn candidate<'a>(
        &self,
        id: &'a str,
        kind: Kind,
        request: &SearchRequest,
    ) -> Option<Candidate<'a>> {
        let in_range = |date: NaiveDate| {
            request.from.is_none_or(|f| date >= f) && request.to.is_none_or(|t| date <= t)
        };
        // Only entries have tags, moods and stars: a filter by one of those keeps entries only.
        let entry_filters = !request.tags.is_empty() || request.mood.is_some() || request.starred;
        let (date, created) = match kind {
            Kind::Entries => {
                let meta = &self.entries.get(id)?.meta;
                let tagged = request.tags.is_empty()
                    || (meta.tags.iter())
                        .any(|t| request.tags.iter().any(|w| w.eq_ignore_ascii_case(t)));
                let mood = request
                    .mood
                    .is_none_or(|m| meta.mood.as_ref().is_some_and(|x| x.score == m));
                let starred = !request.starred || meta.tags.iter().any(|t| t == STARRED);
                (tagged && mood && starred).then_some((meta.date, meta.created))?
            }
            Kind::Worksheets if !entry_filters => {
                let filling = &self.fillings.get(id)?.doc;
                (filling.date, filling.created)
            }
            Kind::Visions if !entry_filters => {
                let latest = self.visions.get(id)?.doc.latest()?;
                (latest.updated.date_naive(), latest.updated)
            }
            _ => return None,
        };
        in_range(date).then_some(Candidate {
            id,
            kind,
            date,
            created,
        })
    }

    /// The hit for `candidate`, with its snippet; `None` when a phrase of the query is not
    /// in its text after all.
    fn hit(&self, candidate: &Candidate, query: &Query) -> Result<Option<Hit>> {
        let voice = self.settings.voice();
        let (text, title, worksheet, starred, mood) = match candidate.kind {
            Kind::Entries => {
                let entry = self.entry(candidate.id)?;
                let title = entry
                    .prompt
                    .as_ref()
                    .map(|p| p.text.clone())
                    .unwrap_or_default();
                let starred = entry.tags.iter().any(|t| t == STARRED);
                let mood = entry.mood.as_ref().map(|m| m.score);
                (entry.body.clone(), title, None, starred, mood)
            }
            Kind::Worksheets => {
                let filling = self.filling(candidate.id)?;
                let doc = readable::filling(filling, &voice);
                (
                    searchable(&doc),
                    doc.title,
                    Some(filling.worksheet.clone()),
                    false,
                    None,
                )
            }
            Kind::Visions => {
                let Some(vision) = self.vision(candidate.id) else {
                    return Ok(None);
                };
                let doc = readable::vision(vision, &voice);
                (searchable(&doc), doc.title, None, false, None)
            }
        };
        let Some(snippet) = search::snippet(&text, query) else {
            return Ok(None);
        };
        let at = (snippet.first)
            .filter(|_| candidate.kind == Kind::Entries)
            .map(|range| {
                (
                    utf16_len(&text[..range.start]),
                    utf16_len(&text[..range.end]),
                )
            });
        Ok(Some(Hit {
            id: candidate.id.to_string(),
            kind: candidate.kind,
            date: candidate.date,
            title,
            worksheet,
            snippet: snippet.parts,
            at,
            starred,
            mood,
        }))
    }

    /// How many of `candidates` have the query's phrases in order.
    fn count_phrase_hits(&self, candidates: &[Candidate], query: &Query) -> usize {
        let entries: Vec<&index::Indexed> = (candidates.iter())
            .filter(|c| c.kind == Kind::Entries)
            .filter_map(|c| self.entries.get(c.id))
            .collect();
        let checked = index::map_bodies(&entries, &self.codec, |e| {
            search::snippet(&e.body, query).is_some()
        });
        let others = (candidates.iter())
            .filter(|c| c.kind != Kind::Entries)
            .filter(|c| self.hit(c, query).ok().flatten().is_some())
            .count();
        checked.into_iter().filter(|c| *c == Some(true)).count() + others
    }
}

/// The words a person wrote in a filling or vision (not the questions around them).
fn searchable(doc: &Readable) -> String {
    let texts = doc.blocks.iter().filter_map(|b| match b {
        Block::Text(text) => Some(text.as_str()),
        _ => None,
    });
    texts.collect::<Vec<_>>().join("\n\n")
}

fn utf16_len(text: &str) -> u32 {
    u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX)
}
