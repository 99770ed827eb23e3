//! `tend`: the journal from the command line, on the same data as the app.
//!
//! This file holds the commands' table and sends each to the file of its group.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

// std's printing macros panic on a closed pipe (`tend doctor | head -1`); these shadow them
// in the whole crate (defined before the modules, so they see them), and print through
// `output`, which ends quietly instead. See `output.rs`.
macro_rules! print {
    ($($arg:tt)*) => { $crate::output::print(format_args!($($arg)*)) };
}
macro_rules! println {
    () => { $crate::output::print(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::print(format_args!("{}\n", format_args!($($arg)*))) };
}
macro_rules! eprintln {
    () => { $crate::output::eprint(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::eprint(format_args!("{}\n", format_args!($($arg)*))) };
}

mod output;

/// See the note on mimalloc in Cargo.toml: opening the journal is mostly small allocations.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "tend", version, about = "A private self-care journal")]
struct Cli {
    /// The journal's folder (default: $TEND_DATA_DIR, else ~/.local/share/tend).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// For scripts: read the passphrase of an encrypted journal from this file descriptor
    /// (one per line) instead of asking on the terminal.
    #[arg(long, global = true, value_name = "N")]
    passphrase_fd: Option<u32>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the prompt of the day.
    Prompt(write::PromptArgs),
    /// Write an entry; its text comes on standard input.
    Write(write::WriteArgs),
    /// List entries, newest first.
    List(list::ListArgs),
    /// Find words or "a phrase" in entries, worksheets and visions.
    Search(search::SearchArgs),
    /// Show one entry: its Markdown as written, and its photos.
    Show { id: String },
    /// Add a photo (JPEG, PNG, WebP or GIF, at most 25 MB) to an entry. Its location and
    /// camera data are taken out first.
    Attach {
        /// The entry's id (`tend list --ids`, or what `tend write` printed).
        id: String,
        /// The photo's file.
        file: std::path::PathBuf,
    },
    /// Check the journal: counts, and every file that cannot be read, with the reason.
    Doctor,
    /// Reflection worksheets: list, show, fill, history.
    #[command(subcommand)]
    Worksheet(worksheets::WorksheetCommand),
    /// Visions: list, show, history.
    #[command(subcommand)]
    Vision(visions::VisionCommand),
    /// Print the settings, or change them.
    Settings(care::SettingsArgs),
    /// Check a draft message (on standard input) for pressure, or for words that call for
    /// support.
    Tone {
        /// The verdict as JSON: {"verdict": …, "found": [{"id", "kind", "phrase"}]}.
        #[arg(long)]
        json: bool,
    },
    /// Print the support page: danger, crisis and abuse lines, a grounding exercise.
    Support {
        /// A country code such as GB (default: the one in settings, else the system's).
        #[arg(long)]
        country: Option<String>,
    },
    /// Export writing, whole or filtered by date, kind, tag or id.
    Export(transfer::ExportArgs),
    /// Import another journal's export (Day One: the zip or its JSON). Running it twice adds
    /// nothing.
    Import(transfer::ImportArgs),
    /// Delete an entry or a worksheet filling: it goes to the trash, kept 30 days.
    Delete { id: String },
    /// Bring a deleted entry or filling back from the trash to its place.
    RestoreDeleted { id: String },
    /// What is in the trash, with when it was deleted.
    Trash,
    /// Documents found in two files (a copy, a sync tool's conflict copy), each difference
    /// marked.
    Conflicts,
    /// Keep what you choose of a document's two versions; what you do not keep goes to the
    /// trash.
    Resolve {
        id: String,
        #[arg(long, value_enum)]
        keep: versions::KeepArg,
        /// The other version's file, when there are several (default: the first listed).
        #[arg(long, value_name = "FILE")]
        other: Option<String>,
    },
    /// Back up the whole journal to one zip (default: a new automatic backup in backups/).
    Backup {
        /// The zip to write instead, e.g. on a USB stick.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// List the automatic backups, newest first.
    Backups,
    /// Replace the journal with a backup; the journal as it is is backed up first.
    Restore {
        /// The backup zip, e.g. one that `tend backups` lists.
        file: PathBuf,
    },
    /// Where this computer keeps the journal's automatic backups: said, or moved to DIR (a disk
    /// of their own, say), or back to the usual place with --usual. Those made already move
    /// too, each checked.
    BackupsFolder {
        /// The folder to keep them in (they go in a folder named by the journal's id there).
        #[arg(conflicts_with = "usual")]
        dir: Option<PathBuf>,
        /// Back to the usual place, beside the journal's default folder.
        #[arg(long)]
        usual: bool,
    },
    /// Move the journal to another folder (an empty one, or one a sync tool shares): every file
    /// is copied and checked, then this computer opens it there; the old folder is kept.
    MoveJournal {
        /// The folder to move it to.
        dir: PathBuf,
    },
    /// Open the journal already in another folder from now on, on this computer (another
    /// computer's, in a folder a sync tool shares). Nothing is copied.
    UseJournal {
        /// The folder that holds the journal.
        dir: PathBuf,
    },
    /// Encryption at rest: on, off, change-passphrase, status.
    #[command(subcommand)]
    Encryption(encryption::EncryptionCommand),
    /// For packaging (make package): writes the manual pages and the shell completions into
    /// a folder. Not shown in the help.
    #[command(hide = true, name = "package-files")]
    PackageFiles { dir: PathBuf },
}

mod backup;
mod care;
mod doctor;
mod encryption;
mod journal;
mod list;
mod package;
mod recover;
mod search;
mod transfer;
mod trash;
mod versions;
mod visions;
mod worksheets;
mod write;

pub use journal::Journal;

pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date; use YYYY-MM-DD, e.g. 2026-11-23"))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            let _ = e.print(); // --help, --version
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // One line naming the problem; clap's usage hint would only bury it.
            let rendered = e.to_string();
            let line = rendered.lines().next().unwrap_or("invalid arguments");
            eprintln!("tend: {}", line.trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
    let code = match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tend: {e}");
            ExitCode::FAILURE
        }
    };
    // A closed pipe is a reader that had what it wanted; any other failure to print is not.
    match output::finish() {
        Some(e) => {
            eprintln!("tend: standard output could not be written ({e})");
            ExitCode::FAILURE
        }
        None => code,
    }
}

/// Each command to the file of its group. A command that chooses its exit code (doctor,
/// export, backup: 1 for a file it could not read) returns it; the others succeed or err.
fn run(cli: Cli) -> tend::Result<ExitCode> {
    let journal = &Journal::new(cli.data_dir, cli.passphrase_fd);
    if let Command::PackageFiles { dir } = &cli.command {
        return package::write(<Cli as clap::CommandFactory>::command(), dir)
            .map(|()| ExitCode::SUCCESS);
    }
    match cli.command {
        Command::Prompt(args) => write::prompt(journal, args)?,
        Command::Write(args) => write::write(journal, args)?,
        Command::List(args) => list::run(journal, args)?,
        Command::Search(args) => search::run(journal, args)?,
        Command::Show { id } => write::show(journal, &id)?,
        Command::Attach { id, file } => write::attach(journal, &id, &file)?,
        Command::Doctor => return doctor::run(journal),
        Command::Settings(args) => care::settings(journal, args)?,
        Command::Tone { json } => care::tone(journal, json)?,
        Command::Support { country } => care::support(journal, country.as_deref())?,
        Command::Worksheet(command) => worksheets::run(journal, command)?,
        Command::Vision(command) => visions::run(journal, command)?,
        Command::Export(args) => return transfer::export(journal, args),
        Command::Import(args) => transfer::import(journal, args)?,
        Command::Delete { id } => trash::delete(journal, &id)?,
        Command::RestoreDeleted { id } => trash::restore(journal, &id)?,
        Command::Trash => trash::list(journal)?,
        Command::Conflicts => return versions::list(journal),
        Command::Resolve { id, keep, other } => {
            return versions::resolve(journal, &id, keep, other.as_deref())
        }
        Command::Backup { out } => return backup::backup(journal, out.as_deref()),
        Command::Backups => backup::list(journal)?,
        Command::Restore { file } => backup::restore(journal, &file)?,
        Command::MoveJournal { dir } => backup::move_journal(journal, &dir)?,
        Command::BackupsFolder { dir, usual } => backup::backups_folder(journal, dir, usual)?,
        Command::UseJournal { dir } => {
            let dir = tend::moving::use_journal(&dir)?;
            println!(
                "Tend opens the journal in {} from now on, on this computer.",
                dir.display()
            );
        }
        Command::Encryption(command) => encryption::run(journal, command)?,
        Command::PackageFiles { .. } => unreachable!("written above"),
    }
    Ok(ExitCode::SUCCESS)
}
