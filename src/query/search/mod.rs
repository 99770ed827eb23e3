//! Full-text search across entries, worksheet fillings and visions. Case and accents do not
//! matter ("cafe" finds "Café"), a word finds the words it begins ("walk" finds "walking"),
//! and a "quoted phrase" finds those words in that order. Filters narrow by kind, tag, mood,
//! dates and star. Each hit comes with a snippet of its text, the matches marked.
//!
//! The words live in an index beside the documents ([`index`]): found there, then each hit's
//! text is read for its snippet, newest first, until enough are shown.

mod query;
pub(crate) mod run;
mod snippet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ts")]
use ts_rs::TS;

pub use query::{Part, Query};
pub use snippet::{snippet, Snippet};

use crate::crypt::Key;
use crate::error::Result;
use crate::kind::Kind;
use crate::store::Store;
use run::Files;

/// How many hits a search shows when it is not told.
pub const DEFAULT_LIMIT: u32 = 50;

/// A search: its words and its filters. Empty words with filters list what the filters keep.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase", default)]
pub struct SearchRequest {
    pub text: String,
    /// Empty: every kind.
    pub kinds: Vec<Kind>,
    /// Any of these tags (entries only have tags).
    pub tags: Vec<String>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub mood: Option<u8>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub from: Option<NaiveDate>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub to: Option<NaiveDate>,
    pub starred: bool,
    /// At most this many hits (newest first); [`DEFAULT_LIMIT`] when absent, all when 0.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub limit: Option<u32>,
}

impl SearchRequest {
    /// Whether anything narrows the search beyond its words.
    pub fn filters(&self) -> bool {
        !self.kinds.is_empty()
            || !self.tags.is_empty()
            || self.mood.is_some()
            || self.from.is_some()
            || self.to.is_some()
            || self.starred
    }
}

/// A piece of a snippet: words as written, and whether they are what was searched for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// One document found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    pub id: String,
    pub kind: Kind,
    pub date: NaiveDate,
    /// The worksheet's or vision's title, or the prompt an entry answers ("" if none).
    pub title: String,
    /// For a worksheet filling: which worksheet, to open it there.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worksheet: Option<String>,
    pub snippet: Vec<SnippetPart>,
    /// Where the first match is in an entry's text, in UTF-16 units as the editor counts:
    /// the entry opens with it selected.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<(u32, u32)>,
    pub starred: bool,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mood: Option<u8>,
}

impl Hit {
    /// The snippet as plain text.
    pub fn snippet_text(&self) -> String {
        self.snippet.iter().map(|p| p.text.as_str()).collect()
    }
}

/// What a search found: the hits shown, and how many there are in all.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Found {
    pub hits: Vec<Hit>,
    /// How many in all; for a phrase found very often, at most this many (see `exact`).
    pub total: u32,
    /// False when `total` counts documents having the phrase's words, not checked for their
    /// order: a phrase of very common words, past the hits shown.
    pub exact: bool,
}

/// Searches the journal: the words of `request` in every document its filters keep, newest
/// first.
pub fn search(store: &mut Store, request: &SearchRequest) -> Result<Found> {
    let (index, root, codec, voice) = store.search_index();
    let Some(index) = index else {
        return Ok(Found::default());
    };
    let files = Files {
        root,
        codec,
        voice: &voice,
    };
    run::run(index, &files, request)
}

/// [`search`] without opening the journal (`tend search`): answered from the search index and
/// the hits' files when no document folder changed since the index was written by a journal
/// that had just read them all; `None` when the journal must be opened.
pub fn search_unopened(
    root: &std::path::Path,
    key: Option<Key>,
    request: &SearchRequest,
) -> Result<Option<Found>> {
    let Some((index, codec, voice)) = Store::unopened_search_index(root, key)? else {
        return Ok(None);
    };
    let files = Files {
        root,
        codec: &codec,
        voice: &voice,
    };
    run::run(&index, &files, request).map(Some)
}
