//! The interchange formats: one module each, holding the format's wire types, its exporter and
//! its importer behind the [`Exporter`] and [`Importer`] traits, and one [`Descriptor`] saying
//! what it is. [`FORMATS`] is the one list; adding a format is a new file and a line there.

pub mod dayone;
mod html;
pub mod jrnl_json;
pub mod jrnl_text;
mod markdown;
pub mod minidiary;
mod pdf;
pub mod prompt_and_mood;
pub(crate) mod reading;
pub mod tend_age;
pub mod tend_json;

use std::io::{Read, Seek};
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::dates::DateStyle;
use crate::entry::Entry;
use crate::error::{Error, Result};
use crate::filling::Filling;
use crate::readable;
use crate::selection::Selection;
use crate::vision::Vision;
use crate::voice::Voice;

/// Every format Tend reads or writes, in the order a person is offered them.
pub const FORMATS: &[&Descriptor] = &[
    &tend_json::FORMAT,
    &tend_age::FORMAT,
    &markdown::FOLDER,
    &markdown::SINGLE,
    &html::FORMAT,
    &pdf::FORMAT,
    &jrnl_json::FORMAT,
    &jrnl_text::FORMAT,
    &dayone::FORMAT,
    &minidiary::FORMAT,
];

/// What a format is, for the command line, the app and [`crate::export::describe_export`].
#[derive(Clone, Copy, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Descriptor {
    /// The name on the command line and across IPC: "dayone", "jrnl-text".
    pub id: &'static str,
    /// The name a person reads: "Day One".
    pub label: &'static str,
    /// The file extensions it is read from; the first is the one it is written with.
    #[cfg_attr(feature = "ts", ts(as = "Vec<String>"))]
    pub extensions: &'static [&'static str],
    /// One file, or a folder of files.
    pub layout: Layout,
    /// Which of Tend's documents the format can hold.
    pub carries: Carries,
    pub importable: bool,
    pub exportable: bool,
    /// Whether its export holds the entries' photos (the others say they leave them out).
    pub photos: bool,
    /// For a format that holds less of an entry than Tend: what it keeps, and what it leaves
    /// out, in words for the export screen ([`crate::export::describe_export`] says it).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub keeps: Option<&'static str>,
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    exporter: Option<&'static dyn Exporter>,
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    importer: Option<&'static dyn Importer>,
}

impl std::fmt::Debug for Descriptor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

impl PartialEq for Descriptor {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum Layout {
    File,
    Folder,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum Carries {
    /// Journal entries only (what other journals know).
    Entries,
    /// Entries, worksheet fillings and visions.
    Everything,
}

impl Descriptor {
    const fn new(
        id: &'static str,
        label: &'static str,
        extensions: &'static [&'static str],
    ) -> Self {
        Descriptor {
            id,
            label,
            extensions,
            layout: Layout::File,
            carries: Carries::Everything,
            importable: false,
            exportable: false,
            photos: false,
            keeps: None,
            exporter: None,
            importer: None,
        }
    }

    const fn folder(mut self) -> Self {
        self.layout = Layout::Folder;
        self
    }

    const fn with_photos(mut self) -> Self {
        self.photos = true;
        self
    }

    const fn entries_only(mut self) -> Self {
        self.carries = Carries::Entries;
        self
    }

    const fn keeps(mut self, what: &'static str) -> Self {
        self.keeps = Some(what);
        self
    }

    const fn exports(mut self, exporter: &'static dyn Exporter) -> Self {
        self.exporter = Some(exporter);
        self.exportable = true;
        self
    }

    const fn imports(mut self, importer: &'static dyn Importer) -> Self {
        self.importer = Some(importer);
        self.importable = true;
        self
    }

    /// The extension an export is written with.
    pub fn extension(&self) -> &'static str {
        self.extensions.first().copied().unwrap_or("")
    }

    pub fn exporter(&self) -> Result<&'static dyn Exporter> {
        self.exporter.ok_or_else(|| {
            Error::invalid(format!("format: Tend cannot write {} files", self.label))
        })
    }

    pub fn importer(&self) -> Result<&'static dyn Importer> {
        self.importer
            .ok_or_else(|| Error::invalid(format!("format: Tend cannot read {} files", self.label)))
    }
}

/// The format named `id`, if it can be exported.
pub fn exportable(id: &str) -> Result<&'static Descriptor> {
    named(id, |d| d.exportable)
}

/// The format named `id`, if it can be imported.
pub fn importable(id: &str) -> Result<&'static Descriptor> {
    named(id, |d| d.importable)
}

fn named(id: &str, usable: fn(&Descriptor) -> bool) -> Result<&'static Descriptor> {
    let usable: Vec<&'static Descriptor> = FORMATS.iter().copied().filter(|d| usable(d)).collect();
    usable.iter().copied().find(|d| d.id == id).ok_or_else(|| {
        let names: Vec<&str> = usable.iter().map(|d| d.id).collect();
        Error::invalid(format!("format: {id:?} is not one of {}", names.join(", ")))
    })
}

/// What an export is made with besides the documents: the clock and the user's words, passed
/// in so that the same input gives the same bytes.
#[derive(Debug, Clone)]
pub struct ExportContext {
    pub now: DateTime<FixedOffset>,
    /// How worksheet and vision texts name the partner.
    pub voice: Voice,
    /// For an encrypted export: the passphrase it is encrypted with.
    pub passphrase: Option<age::secrecy::SecretString>,
    /// How a day is written: the system locale's way.
    pub dates: DateStyle,
}

impl ExportContext {
    /// This moment on this computer.
    pub fn now(voice: Voice) -> ExportContext {
        ExportContext {
            now: chrono::Local::now().fixed_offset(),
            voice,
            passphrase: None,
            dates: DateStyle::from_env(),
        }
    }
}

/// A single file, or a folder of files by relative path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    File(Vec<u8>),
    Folder(Vec<(String, Vec<u8>)>),
}

pub trait Exporter: Sync {
    fn export(&self, selection: &Selection, context: &ExportContext) -> Result<Output>;
}

/// What a file holds, read and checked, not yet written.
#[derive(Default)]
pub struct Incoming {
    pub entries: Vec<Entry>,
    pub fillings: Vec<Filling>,
    pub visions: Vec<Vision>,
    /// Items in the file that could not be taken, with why.
    pub rejected: Vec<Rejection>,
    /// The photos the entries name (see [`Entry::attachments`]), read from the file as each
    /// entry is written.
    pub pictures: Option<Box<dyn IncomingPictures>>,
}

impl std::fmt::Debug for Incoming {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Incoming")
            .field("entries", &self.entries.len())
            .field("fillings", &self.fillings.len())
            .field("visions", &self.visions.len())
            .field("rejected", &self.rejected)
            .finish()
    }
}

/// Where an import's photos are read from, when the entry that names one is written.
pub trait IncomingPictures: Send {
    /// The photo `attachment` names, read again and checked to be the one first read (its
    /// hash), ready to keep under that name.
    fn read(&self, attachment: &crate::picture::Attachment) -> Result<crate::picture::Picture>;
}

pub trait Importer: Sync {
    /// Reads the whole file from `input` (at its start), one piece at a time, never holding the
    /// file itself: what it holds is only what will be kept. An error here means nothing is
    /// imported.
    fn read(&self, input: &mut dyn ReadSeek, path: &Path) -> Result<Incoming>;
}

/// What an importer reads from: the file (a zip is read in place).
pub trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct Rejection {
    pub item: String,
    pub reason: String,
}

impl Incoming {
    /// Adds each item's entry, or its rejection with the reason.
    fn take<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        label: impl Fn(usize, &T) -> String,
        convert: impl Fn(&T) -> std::result::Result<Entry, String>,
    ) {
        for (n, item) in items.into_iter().enumerate() {
            match convert(&item) {
                Ok(entry) => self.entries.push(entry),
                Err(reason) => self.rejected.push(Rejection {
                    item: label(n + 1, &item),
                    reason,
                }),
            }
        }
    }
}

/// A value from an imported file, quoted for a message: its first 40 characters. A field can
/// arrive at any length (a 17 MB "uuid"), and a message must stay one a person can read.
pub(crate) fn shown(value: &str) -> String {
    const SHOWN_CHARS: usize = 40;
    let mut chars = value.chars();
    let head: String = chars.by_ref().take(SHOWN_CHARS).collect();
    if chars.next().is_some() {
        format!("{:?}", format!("{head}…"))
    } else {
        format!("{head:?}")
    }
}

pub(crate) fn not_json(path: &Path, what: &str, error: serde_json::Error) -> Error {
    Error::invalid(format!(
        "{} is not {what} ({error}); nothing was imported",
        path.display()
    ))
}

pub(crate) use reading::{one_more_piece, pieces, read_json, Limited};

/// Tend keeps starring as the tag "starred"; the formats that know starring carry it apart.
pub(crate) use crate::entry::STARRED;

pub(crate) fn is_starred(entry: &Entry) -> bool {
    entry.tags.iter().any(|t| t == STARRED)
}

pub(crate) fn tags_but_starred(entry: &Entry) -> impl Iterator<Item = &String> {
    entry.tags.iter().filter(|t| *t != STARRED)
}

/// Every selected document as a person reads it, oldest first within each kind: entries,
/// worksheets, visions, with worksheet and vision texts in the user's words.
pub(crate) fn readables(
    selection: &Selection,
    voice: &Voice,
    dates: &DateStyle,
) -> Vec<readable::Readable> {
    let mut out: Vec<readable::Readable> = selection
        .entries
        .iter()
        .map(|e| readable::entry(e, dates))
        .collect();
    out.extend(
        selection
            .fillings
            .iter()
            .map(|f| readable::filling(f, voice)),
    );
    out.extend(selection.visions.iter().map(|v| readable::vision(v, voice)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_every_format_does_something() {
        let mut ids: Vec<&str> = FORMATS.iter().map(|d| d.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), FORMATS.len(), "two formats share an id");
        for d in FORMATS {
            assert!(d.importable || d.exportable, "{} does nothing", d.id);
            assert_eq!(d.exportable, d.exporter().is_ok());
            assert_eq!(d.importable, d.importer().is_ok());
            assert!(!d.extension().is_empty(), "{} has no extension", d.id);
        }
    }

    #[test]
    fn an_unknown_format_is_refused_with_the_known_ones() {
        let err = importable("pdf").unwrap_err().to_string();
        assert!(
            err.contains("\"pdf\"") && err.contains("jrnl-text"),
            "{err}"
        );
    }
}
