//! Export: the user's writing, whole or filtered, in the formats other tools read. One format,
//! one module, behind the [`Exporter`] trait; adding a format is a new file and a line in
//! [`Format::exporter`].

pub(crate) mod dayone;
mod html;
pub(crate) mod jrnl;
mod markdown;
mod pdf;
mod readable;
mod tend_json;

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::entry::Entry;
use crate::error::{Error, Result};
use crate::filling::Filling;
use crate::fsio;
use crate::store::Store;
use crate::vision::Vision;
use crate::voice::Voice;

pub use tend_json::TendExport;

/// The `format` value that marks a Tend export.
pub fn tend_json_format() -> &'static str {
    tend_json::FORMAT_NAME
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    Entries,
    Worksheets,
    Visions,
}

/// Which documents to export. Empty lists mean "all".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Filter {
    #[ts(optional)]
    pub from: Option<NaiveDate>,
    #[ts(optional)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
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

/// What an export is made with besides the documents: the clock and the time zone, passed in
/// so that the same input gives the same bytes.
#[derive(Debug, Clone)]
pub struct ExportContext {
    pub now: DateTime<FixedOffset>,
    /// The IANA name of the user's time zone (Day One wants one per entry).
    pub time_zone: String,
    /// How worksheet and vision texts name the partner.
    pub voice: Voice,
}

impl ExportContext {
    /// This moment on this computer, in its time zone (UTC when the zone cannot be told).
    pub fn now(voice: Voice) -> ExportContext {
        ExportContext {
            now: chrono::Local::now().fixed_offset(),
            time_zone: iana_time_zone::get_timezone().unwrap_or_else(|_| "UTC".into()),
            voice,
        }
    }
}

/// Where an export went, for the app to say so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportDone {
    pub path: String,
    pub documents: usize,
}

/// A single file, or a folder of files by relative path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    File(Vec<u8>),
    Folder(Vec<(String, Vec<u8>)>),
}

pub trait Exporter {
    fn export(&self, selection: &Selection, context: &ExportContext) -> Result<Output>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Format {
    /// Tend's own JSON: lossless, re-importable.
    Tend,
    /// A folder of Markdown files with YAML front matter.
    Md,
    /// One combined Markdown file.
    MdSingle,
    Html,
    Pdf,
    Jrnl,
    Dayone,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Tend,
        Format::Md,
        Format::MdSingle,
        Format::Html,
        Format::Pdf,
        Format::Jrnl,
        Format::Dayone,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Tend => "tend",
            Format::Md => "md",
            Format::MdSingle => "md-single",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Jrnl => "jrnl",
            Format::Dayone => "dayone",
        }
    }

    pub fn parse(name: &str) -> Result<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| {
                let names: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
                Error::invalid(format!(
                    "format: {name:?} is not one of {}",
                    names.join(", ")
                ))
            })
    }

    fn exporter(self) -> Box<dyn Exporter> {
        match self {
            Format::Tend => Box::new(tend_json::TendJson),
            Format::Md => Box::new(markdown::Markdown { single: false }),
            Format::MdSingle => Box::new(markdown::Markdown { single: true }),
            Format::Html => Box::new(html::Html),
            Format::Jrnl => Box::new(jrnl::Jrnl),
            Format::Dayone => Box::new(dayone::DayOne),
            Format::Pdf => Box::new(pdf::Pdf),
        }
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
            self.entries()
                .into_iter()
                .filter(|e| in_range(e.date) && chosen(&e.id) && tagged(&e.tags))
                .collect()
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

    /// Exports what `filter` selects to `dest` (a file, or a folder for Markdown).
    pub fn export(
        &self,
        filter: &Filter,
        format: Format,
        context: &ExportContext,
        dest: &Path,
    ) -> Result<usize> {
        export(&self.select(filter), format, context, dest)
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

/// Renders `selection` in `format` and writes it to `dest`; returns how many documents.
pub fn export(
    selection: &Selection,
    format: Format,
    context: &ExportContext,
    dest: &Path,
) -> Result<usize> {
    if selection.is_empty() {
        return Err(Error::invalid(
            "filter: nothing matches; widen the dates, kinds or tags",
        ));
    }
    let output = format.exporter().export(selection, context)?;
    write_output(&output, dest)?;
    Ok(selection.len())
}

/// Writes a file atomically; or a folder, which must be new or empty (an export never mixes
/// into, or overwrites, another folder's files). The folder's files are written into a hidden
/// folder beside it, which is renamed into place at the end: a crash never leaves half an
/// export under the chosen name. The files are copies of what the journal keeps durably, so they
/// are not fsynced one by one.
pub fn write_output(output: &Output, dest: &Path) -> Result<()> {
    let Output::Folder(files) = output else {
        let Output::File(bytes) = output else {
            unreachable!()
        };
        return fsio::write_atomic(dest, bytes);
    };
    if std::fs::read_dir(dest).is_ok_and(|mut d| d.next().is_some()) {
        return Err(Error::invalid(format!(
            "out: {} already has files in it; choose a new or empty folder",
            dest.display()
        )));
    }
    let parent = dest.parent().unwrap_or(Path::new("."));
    fsio::create_dir_durable(parent)?;
    let partial = tempfile::Builder::new()
        .prefix(".tend-export-")
        .tempdir_in(parent)
        .map_err(|e| Error::io(parent, e))?;
    for (relative, bytes) in files {
        let path = partial.path().join(relative);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
    }
    if dest.exists() {
        std::fs::remove_dir(dest).map_err(|e| Error::io(dest, e))?; // empty, checked above
    }
    let partial = partial.keep();
    std::fs::rename(&partial, dest).map_err(|e| Error::io(dest, e))
}

/// A short, file-name-safe form of a text: "Tonight I walked…" → "tonight-i-walked".
pub(crate) fn slug(text: &str, words: usize) -> String {
    let slug = text
        .split_whitespace()
        .take(words)
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "untitled".into()
    } else {
        slug
    }
}
