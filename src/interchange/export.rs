//! Export: the user's writing, whole or filtered, written in one of the [`FORMATS`]. What a
//! format can hold is said before it is written ([`describe_export`]).

use std::path::{Path, PathBuf};

use serde::Serialize;
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::error::{Error, IoContext, Result};
use crate::formats::{Carries, Descriptor, Layout};
use crate::fsio;
use crate::store::Store;

pub use crate::formats::{ExportContext, Output, FORMATS};
pub use crate::selection::{DocumentRef, Filter, Kind, Selection, Snapshot};

/// Where an export went, for the app to say so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct ExportDone {
    pub path: String,
    pub documents: usize,
}

/// Exports what `filter` selects to `dest` (a file, or a folder for Markdown).
pub fn export_journal(
    store: &Store,
    filter: &Filter,
    format: &Descriptor,
    context: &ExportContext,
    dest: &Path,
) -> Result<usize> {
    export(
        &crate::selection::select(store, filter),
        format,
        context,
        dest,
    )
}

/// The name an export is offered under: "tend-2026-11-26.pdf", or a folder "tend-2026-11-26".
pub fn suggested_name(format: &Descriptor, context: &ExportContext) -> String {
    let stem = format!("tend-{}", context.now.format("%Y-%m-%d"));
    match format.layout {
        Layout::Folder => stem,
        Layout::File => format!("{stem}.{}", format.extension()),
    }
}

/// Where an export goes once the user has picked `picked` in the system dialog: a file is
/// written where picked; a folder of files goes into a new folder, named for the export,
/// inside the folder picked (never loose among what is already there).
pub fn destination(format: &Descriptor, picked: PathBuf, context: &ExportContext) -> PathBuf {
    match format.layout {
        Layout::Folder => picked.join(suggested_name(format, context)),
        Layout::File => picked,
    }
}

/// What `format` will actually write of `selection`, in a sentence: "4 journal entries; jrnl
/// keeps the text, …; ticked habits are left out; worksheets and visions are not part of a jrnl
/// JSON file".
pub fn describe_export(format: &Descriptor, selection: &Selection) -> String {
    let count = |n: usize, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    };
    let entries = count(selection.entries.len(), "journal entry", "journal entries");
    let fillings = count(selection.fillings.len(), "worksheet", "worksheets");
    let visions = count(selection.visions.len(), "vision", "visions");
    let written: Vec<String> = match format.carries {
        Carries::Everything => [entries, fillings, visions].into_iter().flatten().collect(),
        Carries::Entries => entries.into_iter().collect(),
    };
    let mut text = if written.is_empty() {
        "nothing".to_string()
    } else {
        written.join(", ")
    };
    if let (Some(keeps), false) = (format.keeps, selection.entries.is_empty()) {
        text.push_str(&format!("; {keeps}"));
    }
    let photos: usize = selection.entries.iter().map(|e| e.attachments.len()).sum();
    if !format.photos && photos > 0 {
        let what = if photos == 1 {
            "1 photo is".to_string()
        } else {
            format!("{photos} photos are")
        };
        let holds = if format.id == "md-single" {
            "the Markdown folder, HTML, PDF and Day One exports hold them".to_string()
        } else {
            format!("a {} file has no place for them", format.label)
        };
        text.push_str(&format!("; {what} left out ({holds})"));
    }
    let left_out = selection.fillings.len() + selection.visions.len();
    if format.carries == Carries::Entries && left_out > 0 {
        text.push_str(&format!(
            "; worksheets and visions are not part of a {} file",
            format.label
        ));
    }
    text
}

/// How many documents `format` writes of `selection`.
fn written(format: &Descriptor, selection: &Selection) -> usize {
    match format.carries {
        Carries::Everything => selection.len(),
        Carries::Entries => selection.entries.len(),
    }
}

/// Renders `selection` in `format` and writes it to `dest`; returns how many documents.
///
/// A file of the selection that could not be read ([`Selection::skipped`]) is never left out
/// silently: the rest is written, and then [`Error::ExportIncomplete`] names each such file
/// (the export at `dest` stays, holding everything else).
pub fn export(
    selection: &Selection,
    format: &Descriptor,
    context: &ExportContext,
    dest: &Path,
) -> Result<usize> {
    let exporter = format.exporter()?;
    let unread: Vec<(String, String)> = (selection.skipped.iter())
        .filter(|(kind, _)| format.carries == Carries::Everything || *kind == Kind::Entries)
        .map(|(_, p)| (p.path.clone(), p.reason.clone()))
        .collect();
    let incomplete = |documents| Error::ExportIncomplete {
        path: dest.to_path_buf(),
        documents,
        unread: unread.clone(),
    };
    if selection.is_empty() {
        if !unread.is_empty() {
            return Err(incomplete(0));
        }
        return Err(Error::invalid(
            "filter: nothing matches; widen the dates, kinds or tags",
        ));
    }
    let documents = written(format, selection);
    if documents == 0 && !unread.is_empty() {
        return Err(incomplete(0));
    }
    if documents == 0 {
        return Err(Error::invalid(format!(
            "filter: {} files hold journal entries only, and none is chosen",
            format.label
        )));
    }
    let output = exporter.export(selection, context)?;
    write_output(&output, dest)?;
    if !unread.is_empty() {
        return Err(incomplete(documents));
    }
    Ok(documents)
}

/// Writes a file atomically; or a folder, which must be new or empty (an export never mixes
/// into, or overwrites, another folder's files). The folder's files are written into a hidden
/// folder beside it, which is renamed into place at the end: a crash never leaves half an
/// export under the chosen name. The files are copies of what the journal keeps durably, so they
/// are not fsynced one by one.
pub fn write_output(output: &Output, dest: &Path) -> Result<()> {
    let files = match output {
        Output::File(bytes) => return fsio::write_atomic(dest, bytes),
        Output::Folder(files) => files,
    };
    if std::fs::read_dir(dest).is_ok_and(|mut d| d.next().is_some()) {
        return Err(Error::invalid(format!(
            "out: {} already has files in it; choose a new or empty folder",
            dest.display()
        )));
    }
    let parent = fsio::parent_or_here(dest).unwrap_or(Path::new("."));
    fsio::create_dir_durable(parent)?;
    let partial = tempfile::Builder::new()
        .prefix(".tend-export-")
        .tempdir_in(parent)
        .at(parent)?;
    for (relative, bytes) in files {
        let path = partial.path().join(relative);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).at(dir)?;
        }
        std::fs::write(&path, bytes).at(&path)?;
    }
    if dest.exists() {
        std::fs::remove_dir(dest).at(dest)?; // empty, checked above
    }
    let partial = partial.keep();
    std::fs::rename(&partial, dest).at(dest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voice::{Pronouns, Voice};

    #[test]
    fn a_folder_export_goes_into_a_new_folder_inside_the_one_picked() {
        let context = ExportContext {
            now: chrono::DateTime::parse_from_rfc3339("2026-11-26T20:00:00+01:00").unwrap(),
            voice: Voice::new("Sam", Pronouns::He),
            passphrase: None,
            dates: Default::default(),
        };
        let folder = crate::formats::exportable("md").unwrap();
        let pdf = crate::formats::exportable("pdf").unwrap();
        assert_eq!(
            destination(folder, PathBuf::from("/home/me/Documents"), &context),
            PathBuf::from("/home/me/Documents/tend-2026-11-26"),
            "never loose among the files already there"
        );
        assert_eq!(suggested_name(pdf, &context), "tend-2026-11-26.pdf");
        assert_eq!(
            destination(pdf, PathBuf::from("/tmp/mine.pdf"), &context),
            PathBuf::from("/tmp/mine.pdf")
        );
    }
}
