//! Which documents an export takes: a filter (dates, kinds, tags, ids), the selection it makes
//! from the store, and a snapshot of it to export without holding the store.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::entry::Entry;
use crate::filling::Filling;
use crate::store::Store;
use crate::vision::Vision;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    Entries,
    Worksheets,
    Visions,
}

/// Which documents to export. Empty lists mean "all".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase", default)]
pub struct Filter {
    #[cfg_attr(feature = "ts", ts(optional))]
    pub from: Option<NaiveDate>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub to: Option<NaiveDate>,
    pub kinds: Vec<Kind>,
    /// Entries with any of these tags (worksheets and visions have no tags, so a tag filter
    /// keeps entries only).
    pub tags: Vec<String>,
    /// Chosen documents by id.
    pub ids: Vec<String>,
}

/// The documents a filter chose, oldest first.
#[derive(Debug, Default)]
pub struct Selection<'a> {
    pub entries: Vec<&'a Entry>,
    pub fillings: Vec<&'a Filling>,
    pub visions: Vec<&'a Vision>,
}

/// One selected document, as the export screen lists it for choosing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct DocumentRef {
    pub id: String,
    pub kind: Kind,
    pub date: NaiveDate,
    pub title: String,
}

impl Selection<'_> {
    /// The selected documents by kind, date and a title a person recognises.
    pub fn refs(&self) -> Vec<DocumentRef> {
        let entries = self.entries.iter().map(|e| {
            let opening: String = e
                .body
                .split_whitespace()
                .take(8)
                .collect::<Vec<_>>()
                .join(" ");
            (Kind::Entries, e.id.clone(), e.date, opening)
        });
        let fillings = self.fillings.iter().map(|f| {
            let title = crate::worksheet::find(&f.worksheet)
                .map_or_else(|_| f.worksheet.clone(), |w| w.title.clone());
            (Kind::Worksheets, f.id.clone(), f.date, title)
        });
        let visions = self.visions.iter().map(|v| {
            let title =
                crate::vision::find(&v.id).map_or_else(|_| v.id.clone(), |e| e.title.clone());
            let date = v
                .latest()
                .map_or(NaiveDate::MIN, |r| r.updated.date_naive());
            (Kind::Visions, v.id.clone(), date, title)
        });
        entries
            .chain(fillings)
            .chain(visions)
            .map(|(kind, id, date, title)| DocumentRef {
                id,
                kind,
                date,
                title,
            })
            .collect()
    }

    pub fn len(&self) -> usize {
        self.entries.len() + self.fillings.len() + self.visions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Store {
    pub fn select(&self, filter: &Filter) -> Selection<'_> {
        let wants = |kind| filter.kinds.is_empty() || filter.kinds.contains(&kind);
        let in_range = |date: NaiveDate| {
            filter.from.is_none_or(|from| date >= from) && filter.to.is_none_or(|to| date <= to)
        };
        let chosen = |id: &str| filter.ids.is_empty() || filter.ids.iter().any(|i| i == id);
        let tagged = |tags: &[String]| {
            filter.tags.is_empty()
                || tags
                    .iter()
                    .any(|t| filter.tags.iter().any(|f| f.eq_ignore_ascii_case(t)))
        };
        let no_tag_filter = filter.tags.is_empty();
        let mut entries: Vec<&Entry> = if wants(Kind::Entries) {
            self.entries_where(|e| in_range(e.date) && chosen(&e.id) && tagged(&e.tags))
        } else {
            Vec::new()
        };
        entries.reverse(); // oldest first
        let fillings = if wants(Kind::Worksheets) && no_tag_filter {
            self.all_fillings()
                .into_iter()
                .filter(|f| in_range(f.date) && chosen(&f.id))
                .collect()
        } else {
            Vec::new()
        };
        let visions = if wants(Kind::Visions) && no_tag_filter {
            self.all_visions()
                .into_iter()
                .filter(|v| {
                    chosen(&v.id) && v.latest().is_some_and(|r| in_range(r.updated.date_naive()))
                })
                .collect()
        } else {
            Vec::new()
        };
        Selection {
            entries,
            fillings,
            visions,
        }
    }

    /// A copy of what `filter` selects, to export without holding the store meanwhile.
    pub fn snapshot(&self, filter: &Filter) -> Snapshot {
        let selection = self.select(filter);
        Snapshot {
            entries: selection.entries.into_iter().cloned().collect(),
            fillings: selection.fillings.into_iter().cloned().collect(),
            visions: selection.visions.into_iter().cloned().collect(),
        }
    }
}

/// Selected documents, copied out of the store.
#[derive(Debug, Default)]
pub struct Snapshot {
    entries: Vec<Entry>,
    fillings: Vec<Filling>,
    visions: Vec<Vision>,
}

impl Snapshot {
    pub fn selection(&self) -> Selection<'_> {
        Selection {
            entries: self.entries.iter().collect(),
            fillings: self.fillings.iter().collect(),
            visions: self.visions.iter().collect(),
        }
    }
}
