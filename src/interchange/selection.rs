//! Which documents an export takes: a filter (dates, kinds, tags, ids), the selection it makes
//! from the store, and a snapshot of it to export without holding the store.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::attachments::Pictures;
use crate::document::Problem;
use crate::entry::Entry;
use crate::filling::Filling;
use crate::store::{Store, ENTRIES, VISIONS, VISION_HISTORY, WORKSHEETS};
use crate::vision::Vision;

pub use crate::kind::Kind;

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

/// The documents a filter chose, oldest first, and the files that may hold more of them but
/// could not be read.
#[derive(Debug, Default)]
pub struct Selection<'a> {
    pub entries: Vec<&'a Entry>,
    pub fillings: Vec<&'a Filling>,
    pub visions: Vec<&'a Vision>,
    /// Each file of a kind chosen that could not be read, so that what uses the selection
    /// (an export) names it rather than leaving it out silently: a chosen entry whose file
    /// failed when its text was read, and a file (or folder) the open could not load, unless
    /// its name shows that the filter would not have chosen it. With the kind it would be.
    pub skipped: Vec<(Kind, Problem)>,
    /// The journal's photos, read as an export comes to each.
    pub pictures: Pictures,
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

/// What `filter` selects of the journal.
pub fn select<'a>(store: &'a Store, filter: &Filter) -> Selection<'a> {
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
    let mut entries: Vec<&Entry> = Vec::new();
    let mut skipped = Vec::new();
    // What the open could not load, in the folders of a kind chosen.
    let mut unloaded = |kind, folders: &[&str]| {
        let named = (store.problems_below(folders)).filter(|p| may_hold(&p.path, filter));
        skipped.extend(named.map(|p| (kind, p.clone())));
    };
    if wants(Kind::Entries) {
        unloaded(Kind::Entries, &[ENTRIES]);
    }
    if wants(Kind::Worksheets) && no_tag_filter {
        unloaded(Kind::Worksheets, &[WORKSHEETS]);
    }
    if wants(Kind::Visions) && no_tag_filter {
        unloaded(Kind::Visions, &[VISIONS, VISION_HISTORY]);
    }
    if wants(Kind::Entries) {
        let unread;
        (entries, unread) =
            store.entries_read_where(|e| in_range(e.date) && chosen(&e.id) && tagged(&e.tags));
        skipped.extend(unread.into_iter().map(|p| (Kind::Entries, p)));
    }
    entries.reverse(); // oldest first
    skipped.sort_by(|a, b| a.1.path.cmp(&b.1.path));
    let fillings = if wants(Kind::Worksheets) && no_tag_filter {
        store
            .all_fillings()
            .into_iter()
            .filter(|f| in_range(f.date) && chosen(&f.id))
            .collect()
    } else {
        Vec::new()
    };
    let visions = if wants(Kind::Visions) && no_tag_filter {
        store
            .all_visions()
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
        skipped,
        pictures: store.pictures(),
    }
}

/// A copy of what `filter` selects, to export without holding the store meanwhile.
pub fn snapshot(store: &Store, filter: &Filter) -> Snapshot {
    let selection = select(store, filter);
    Snapshot {
        entries: selection.entries.into_iter().cloned().collect(),
        fillings: selection.fillings.into_iter().cloned().collect(),
        visions: selection.visions.into_iter().cloned().collect(),
        skipped: selection.skipped,
        pictures: selection.pictures,
    }
}

/// Whether the document file (or folder) at `path`, which could not be read, may hold what
/// `filter` chooses, as far as its name tells: Tend names a document file
/// `<date>-<id>.json`, so a date outside the filter's, or another id than those chosen, rules
/// it out. Any other name may hold anything.
fn may_hold(path: &str, filter: &Filter) -> bool {
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let date = name
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let in_range = date.is_none_or(|date| {
        filter.from.is_none_or(|from| date >= from) && filter.to.is_none_or(|to| date <= to)
    });
    let chosen = filter.ids.is_empty() || filter.ids.iter().any(|id| name.contains(id.as_str()));
    in_range && chosen
}

/// Selected documents, copied out of the store.
#[derive(Debug, Default)]
pub struct Snapshot {
    entries: Vec<Entry>,
    fillings: Vec<Filling>,
    visions: Vec<Vision>,
    skipped: Vec<(Kind, Problem)>,
    pictures: Pictures,
}

impl Snapshot {
    pub fn selection(&self) -> Selection<'_> {
        Selection {
            entries: self.entries.iter().collect(),
            fillings: self.fillings.iter().collect(),
            visions: self.visions.iter().collect(),
            skipped: self.skipped.clone(),
            pictures: self.pictures.clone(),
        }
    }
}
