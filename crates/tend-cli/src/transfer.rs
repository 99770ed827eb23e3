//! `tend export` and `tend import`, and the parsing of their formats and kinds: the formats
//! come from the core's one list.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;
use tend::export;
use tend::formats::{self, Descriptor};

use crate::{parse_date, Journal};

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, value_parser = parse_export_format,
          help = format!("One of: {}", names(|d| d.exportable)))]
    format: &'static Descriptor,
    /// The file to write (a new or empty folder for md).
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
    #[arg(long, value_parser = parse_date)]
    from: Option<NaiveDate>,
    #[arg(long, value_parser = parse_date)]
    to: Option<NaiveDate>,
    /// entries, worksheets or visions; repeat for more (default: all).
    #[arg(long = "kind", value_parser = parse_kind)]
    kinds: Vec<export::Kind>,
    /// Only entries with this tag; repeat for more.
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// Only this document; repeat for more.
    #[arg(long = "id")]
    ids: Vec<String>,
}

#[derive(Args)]
pub struct ImportArgs {
    #[arg(long, value_parser = parse_import_format,
          help = format!("One of: {}", names(|d| d.importable)))]
    format: &'static Descriptor,
    path: PathBuf,
}

/// Writes the selection in the format asked; what could not be read is left out, each file
/// named, and exits 1.
pub fn export(journal: &Journal, args: ExportArgs) -> tend::Result<ExitCode> {
    let ExportArgs {
        format,
        out,
        from,
        to,
        kinds,
        tags,
        ids,
    } = args;
    let store = journal.read()?;
    let filter = export::Filter {
        from,
        to,
        kinds,
        tags,
        ids,
    };
    let selection = tend::selection::select(&store, &filter);
    let what = export::describe_export(format, &selection);
    let mut context = export::ExportContext::now(store.settings().voice());
    if format.id == formats::tend_age::FORMAT.id {
        context.passphrase = Some(journal.passphrases.new_passphrase()?);
    } else if store.encrypted() {
        eprintln!(
            "tend: note: the journal is encrypted, but this export is not: anyone who \
             opens {} can read it (--format tend-age encrypts it).",
            out.display()
        );
    }
    let done = export::export(&selection, format, &context, &out);
    // As for `list`: a reading open holds nothing to release.
    std::mem::forget(store);
    match done {
        Ok(_) => println!("Exported {what} to {}", out.display()),
        // Written without what could not be read: each file named, and exit 1.
        Err(e @ tend::Error::ExportIncomplete { .. }) => {
            eprintln!("tend: {e}");
            return Ok(ExitCode::FAILURE);
        }
        Err(e) => return Err(e),
    }
    Ok(ExitCode::SUCCESS)
}

/// Adds what is not here yet; running it twice adds nothing.
pub fn import(journal: &Journal, args: ImportArgs) -> tend::Result<()> {
    let mut store = journal.write()?;
    let report = tend::import::import(&mut store, args.format, &args.path)?;
    println!(
        "Imported {}, skipped {} already here, rejected {}.",
        report.imported,
        report.duplicates,
        report.rejected.len()
    );
    for r in &report.rejected {
        println!("  rejected {}: {}", r.item, r.reason);
    }
    Ok(())
}

pub fn parse_export_format(name: &str) -> Result<&'static Descriptor, String> {
    formats::exportable(name).map_err(|e| e.to_string())
}

pub fn parse_import_format(name: &str) -> Result<&'static Descriptor, String> {
    formats::importable(name).map_err(|e| e.to_string())
}

pub fn parse_kind(name: &str) -> Result<export::Kind, String> {
    match name {
        "entries" | "entry" => Ok(export::Kind::Entries),
        "worksheets" | "worksheet" => Ok(export::Kind::Worksheets),
        "visions" | "vision" => Ok(export::Kind::Visions),
        other => Err(format!(
            "{other:?} is not one of entries, worksheets, visions"
        )),
    }
}

/// "tend, md, …" for the help text.
pub fn names(usable: fn(&Descriptor) -> bool) -> String {
    let names: Vec<&str> = formats::FORMATS
        .iter()
        .filter(|d| usable(d))
        .map(|d| d.id)
        .collect();
    names.join(", ")
}
