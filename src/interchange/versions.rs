//! Two versions of one document side by side, as a person reads them, the differences marked
//! word by word (see [`crate::store`] for how they are found and resolved).

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::dates::DateStyle;
use crate::error::Result;
use crate::readable::{self, Block, Readable};
use crate::store::{Store, TrashKind, VersionPair};
use crate::vision::{diff_text, SectionDiff};

/// One of the two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Version {
    /// Its file.
    pub path: String,
    pub date: NaiveDate,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated: DateTime<FixedOffset>,
    /// An entry's text, to edit one into the other (empty for a worksheet).
    pub body: String,
}

/// Both versions of a document, and what differs between them: each section's words, those
/// only in this version `removed`, those only in that one `added`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Compared {
    pub id: String,
    pub kind: TrashKind,
    /// The version shown.
    pub this: Version,
    /// The other.
    pub that: Version,
    pub diffs: Vec<SectionDiff>,
}

/// The two versions of `id` (the other in `other`, else its first), compared.
pub fn compare(store: &Store, id: &str, other: Option<&str>) -> Result<Compared> {
    let (pair, other) = store.version_pair(id, other)?;
    let this_path = match &pair {
        VersionPair::Entries(..) => store.entry_path(id)?.display().to_string(),
        VersionPair::Fillings(..) => store.filling_path_of(id)?.display().to_string(),
    };
    let voice = store.settings().voice();
    let (kind, this, that, a, b) = match &pair {
        VersionPair::Entries(a, b) => (
            TrashKind::Entry,
            version(this_path, a.date, a.updated, &a.body),
            version(other, b.date, b.updated, &b.body),
            entry_sections(a),
            entry_sections(b),
        ),
        VersionPair::Fillings(a, b) => (
            TrashKind::Filling,
            version(this_path, a.date, a.updated, ""),
            version(other, b.date, b.updated, ""),
            sections(&readable::filling(a, &voice)),
            sections(&readable::filling(b, &voice)),
        ),
    };
    // What only describes the document (its day, its mood and tags, a worksheet's status)
    // is shown only where the two differ; its words are what she compares.
    let diffs = compare_sections(&a, &b)
        .into_iter()
        .filter(|d| !DESCRIBING.contains(&d.title.as_str()) || d.words_added + d.words_removed > 0)
        .collect();
    Ok(Compared {
        id: id.to_string(),
        kind,
        this,
        that,
        diffs,
    })
}

/// The sections that describe a document rather than hold its words.
const DESCRIBING: [&str; 3] = ["Day", "Mood and tags", "Details"];

fn version(path: String, date: NaiveDate, updated: DateTime<FixedOffset>, body: &str) -> Version {
    Version {
        path,
        date,
        updated,
        body: body.to_string(),
    }
}

/// An entry as titled pieces: its day, its prompt, its mood and tags, its text.
fn entry_sections(entry: &crate::Entry) -> Vec<(String, String)> {
    let dates = DateStyle::from_env();
    let shown = readable::entry(entry, &dates);
    let mut out = vec![("Day".to_string(), dates.long(entry.date))];
    if let Some(prompt) = &entry.prompt {
        out.push(("Prompt".into(), prompt.text.clone()));
    }
    out.push(("Mood and tags".into(), shown.facts_line()));
    out.push(("What you wrote".into(), entry.body.clone()));
    out
}

/// A worksheet as titled pieces: each answer under its question.
fn sections(doc: &Readable) -> Vec<(String, String)> {
    let mut out = vec![("Day".to_string(), DateStyle::from_env().long(doc.date))];
    out.push(("Details".into(), doc.facts_line()));
    let mut title = String::new();
    for block in &doc.blocks {
        match block {
            Block::Heading(t) | Block::Question(t) => title = t.clone(),
            Block::Text(text) | Block::Markdown(text) => out.push((title.clone(), text.clone())),
            Block::Picture(_) => {}
        }
    }
    out
}

/// Each title of either side, in this side's order then that side's, with its two texts
/// compared; a title neither side fills is left out.
fn compare_sections(this: &[(String, String)], that: &[(String, String)]) -> Vec<SectionDiff> {
    let mut titles: Vec<&str> = this.iter().map(|(t, _)| t.as_str()).collect();
    for (t, _) in that {
        if !titles.contains(&t.as_str()) {
            titles.push(t);
        }
    }
    let text = |side: &[(String, String)], title: &str| {
        side.iter()
            .filter(|(t, _)| t == title)
            .map(|(_, text)| text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    titles
        .into_iter()
        .enumerate()
        .filter_map(|(n, title)| {
            let (a, b) = (text(this, title), text(that, title));
            (!a.is_empty() || !b.is_empty()).then(|| diff_text(&n.to_string(), title, &a, &b))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vision::Change;

    #[test]
    fn words_only_in_one_version_are_marked_on_their_side() {
        let this = vec![("Text".to_string(), "I walked by the river".to_string())];
        let that = vec![("Text".to_string(), "I walked by the sea".to_string())];
        let diffs = compare_sections(&this, &that);
        let parts: Vec<(Change, &str)> = (diffs[0].parts.iter())
            .map(|p| (p.change, p.text.as_str()))
            .collect();
        assert_eq!(
            parts,
            [
                (Change::Same, "I walked by the "),
                (Change::Removed, "river"),
                (Change::Added, "sea"),
            ]
        );
    }

    #[test]
    fn a_section_only_one_version_has_is_compared_with_nothing() {
        let this = vec![("Day".to_string(), "Monday".to_string())];
        let that = vec![
            ("Day".to_string(), "Monday".to_string()),
            ("Prompt".to_string(), "What helped?".to_string()),
        ];
        let diffs = compare_sections(&this, &that);
        assert_eq!(diffs.len(), 2);
        assert_eq!(diffs[1].title, "Prompt");
        assert_eq!(diffs[1].words_added, 2);
    }
}
