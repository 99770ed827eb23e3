//! `tend`: the journal from the command line, on the same data as the app.

use std::io::{self, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use tend::crypt::{self, secrecy::SecretString, Codec, Key};
use tend::export;
use tend::formats::Descriptor;
use tend::{prompts, EntryDraft, EntryPrompt, Mood, Store, SystemClock};
use transfer::{names, parse_export_format, parse_import_format, parse_kind};
use visions::VisionCommand;
use worksheets::WorksheetCommand;

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
    Prompt {
        /// The day (YYYY-MM-DD); today if absent.
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Only prompts of this theme.
        #[arg(long)]
        theme: Option<String>,
        /// Another prompt for the same day: 1, 2, …
        #[arg(long, default_value_t = 0)]
        another: usize,
    },
    /// Write an entry; its text comes on standard input.
    Write {
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// How the day feels, from 1 (very low) to 5 (very good).
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
        mood: Option<u8>,
        /// A feeling word; repeat for more. Needs --mood.
        #[arg(long = "feeling", requires = "mood")]
        feelings: Vec<String>,
        /// A tag; repeat for more.
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// The id of the prompt the entry answers (see `tend prompt`).
        #[arg(long)]
        prompt: Option<String>,
    },
    /// List entries, newest first.
    List(list::ListArgs),
    /// Find words or "a phrase" in entries, worksheets and visions.
    Search(search::SearchArgs),
    /// Show one entry.
    Show { id: String },
    /// Check the journal: counts, and every file that cannot be read, with the reason.
    Doctor,
    /// Reflection worksheets: list, show, fill, history.
    #[command(subcommand)]
    Worksheet(WorksheetCommand),
    /// Visions: list, show, history.
    #[command(subcommand)]
    Vision(VisionCommand),
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
    Export {
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
    },
    /// Import another journal's export (Day One: the zip or its JSON). Running it twice adds
    /// nothing.
    Import {
        #[arg(long, value_parser = parse_import_format,
              help = format!("One of: {}", names(|d| d.importable)))]
        format: &'static Descriptor,
        path: PathBuf,
    },
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
    /// Encryption at rest: on, off, change-passphrase, status.
    #[command(subcommand)]
    Encryption(encryption::EncryptionCommand),
}

mod backup;
mod care;
mod encryption;
mod list;
mod recover;
mod search;
mod transfer;
mod versions;
mod visions;
mod worksheets;

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

fn run(cli: Cli) -> tend::Result<ExitCode> {
    let journal = Journal {
        dir: cli.data_dir.clone(),
        passphrases: encryption::Passphrases::new(cli.passphrase_fd),
        unlocked: std::cell::OnceCell::new(),
    };
    let open = || journal.read();
    match cli.command {
        Command::Prompt {
            date,
            theme,
            another,
        } => {
            let store = open()?;
            let date = date.unwrap_or_else(|| store.today());
            let shown = store.prompt_for(date, theme.as_deref(), another)?;
            println!("{}", shown.text);
            println!("  ({} · {} · from {})", shown.id, shown.theme, shown.source);
        }
        Command::Write {
            date,
            mood,
            feelings,
            tags,
            prompt,
        } => {
            let mut body = String::new();
            io::stdin()
                .read_to_string(&mut body)
                .map_err(|e| tend::Error::invalid(format!("standard input: {e}")))?;
            if body.trim().is_empty() {
                return Err(tend::Error::invalid(
                    "the entry is empty: give its text on standard input",
                ));
            }
            let prompt = match prompt {
                Some(id) => Some(prompts::find(&id).ok_or_else(|| {
                    tend::Error::invalid(format!("--prompt: there is no prompt with id {id:?}"))
                })?),
                None => None,
            };
            let kept = body.clone();
            // One file written, the journal not opened: quick however long the journal is.
            let saved = journal.key().and_then(|key| {
                let dir = journal.dir()?;
                Store::write_new_entry(&dir, Box::new(SystemClock), key, |settings, today| {
                    let voice = settings.voice();
                    EntryDraft {
                        id: None,
                        date: date.unwrap_or(today),
                        prompt: prompt.map(|p| EntryPrompt {
                            id: p.id.clone(),
                            text: voice.render(&p.text),
                        }),
                        body,
                        mood: mood.map(|score| Mood { score, feelings }),
                        tags,
                        habits_done: Vec::new(),
                    }
                })
                .map(|(entry, path, notices)| {
                    tell(&notices);
                    (entry.id, path)
                })
            });
            match saved {
                Ok((id, path)) => {
                    println!("{id}");
                    eprintln!("saved to {}", path.display());
                }
                // Text given on standard input exists nowhere else: it is never dropped.
                Err(e) => return Err(recover::keep(&journal, &kept, e)),
            }
        }
        Command::List(args) => {
            let store = open()?;
            list::run(&store, args)?;
            warn_problems(&store);
            // Nothing to release (a reading open holds no lock): the process ends now, and
            // freeing a hundred thousand entries one by one would only make it end later.
            std::mem::forget(store);
        }
        Command::Search(args) => search::run(&journal, args)?,
        Command::Show { id } => {
            let store = open()?;
            let entry = store.entry(&id)?;
            println!(
                "{}",
                tend::formats::dates::DateStyle::from_env().long(entry.date)
            );
            if let Some(prompt) = &entry.prompt {
                println!("Prompt: {}", prompt.text);
            }
            if let Some(mood) = &entry.mood {
                println!("Mood: {}/5 {}", mood.score, mood.feelings.join(", "));
            }
            if !entry.tags.is_empty() {
                println!("Tags: {}", entry.tags.join(", "));
            }
            println!("\n{}", entry.body.trim_end());
            eprintln!("\n({})", store.entry_path(&id)?.display());
        }
        Command::Doctor => {
            let store = open()?;
            println!("Journal: {}", store.root().display());
            println!("Entries: {}", store.entry_count());
            // Every file read, whatever the index says (issue 23): a file edited in place, or
            // made unreadable, is named even where the cache would trust it.
            let problems = store.check_every_file();
            let two = store.two_versions().len();
            if two > 0 {
                println!(
                    "Documents in two versions: {two}, each left as it was found (`tend \
                     conflicts` shows them)."
                );
            }
            if problems.is_empty() {
                println!("Every file could be read.");
            } else {
                println!(
                    "Files that cannot be read ({}), left as they are:",
                    problems.len()
                );
                for p in &problems {
                    println!("  {}: {}", p.path, p.reason);
                }
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Settings(args) => care::settings(&journal, args)?,
        Command::Tone { json } => care::tone(&journal, json)?,
        Command::Support { country } => {
            print!(
                "{}",
                tend::support::to_text(&open()?.support_page(country.as_deref()))
            );
        }
        Command::Worksheet(command) => worksheets::run(&journal, command)?,
        Command::Vision(command) => visions::run(&journal, command)?,
        Command::Export {
            format,
            out,
            from,
            to,
            kinds,
            tags,
            ids,
        } => {
            let store = open()?;
            let filter = export::Filter {
                from,
                to,
                kinds,
                tags,
                ids,
            };
            let selection = store.select(&filter);
            let what = export::describe_export(format, &selection);
            let mut context = export::ExportContext::now(store.settings().voice());
            if format.id == tend::formats::tend_age::FORMAT.id {
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
        }
        Command::Import { format, path } => {
            let mut store = journal.write()?;
            let report = store.import(format, &path)?;
            println!(
                "Imported {}, skipped {} already here, rejected {}.",
                report.imported,
                report.duplicates,
                report.rejected.len()
            );
            for r in &report.rejected {
                println!("  rejected {}: {}", r.item, r.reason);
            }
        }
        Command::Delete { id } => {
            let mut store = journal.write()?;
            let gone = store.delete(&id)?;
            println!(
                "Moved to the trash: {} of {} ({}). `tend restore-deleted {id}` brings it back \
                 within 30 days.",
                gone.kind.label(),
                gone.date,
                gone.title
            );
        }
        Command::RestoreDeleted { id } => {
            let mut store = journal.write()?;
            let back = store.restore_deleted(&id)?;
            println!(
                "Restored {} of {} ({}).",
                back.kind.label(),
                back.date,
                back.title
            );
            if store.two_versions().iter().any(|v| v.id == id) {
                println!(
                    "Its id is in the journal already, so it came back beside that one as a                      second version: `tend conflicts` shows both, and `tend resolve {id} --keep                      this|that|both` keeps what you choose."
                );
            }
        }
        Command::Trash => {
            let store = open()?;
            for t in store.trash()? {
                println!(
                    "{}  {}  {:<18}  deleted {}  {}",
                    t.date,
                    t.id,
                    t.kind.label(),
                    t.deleted.format("%Y-%m-%d %H:%M"),
                    t.title
                );
            }
        }
        Command::Conflicts => return versions::list(&journal),
        Command::Resolve { id, keep, other } => {
            return versions::resolve(&journal, &id, keep, other.as_deref())
        }
        Command::Backup { out } => return backup::backup(&journal, out.as_deref()),
        Command::Backups => backup::list(&journal)?,
        Command::Restore { file } => backup::restore(&journal, &file)?,
        Command::Encryption(command) => encryption::run(&journal, command)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens the journal: freely to read; to write, only while no app has it open (the app would
/// not see the change, and could write over it).
pub struct Journal {
    dir: Option<PathBuf>,
    passphrases: encryption::Passphrases,
    /// An encrypted journal's key, and the passphrase that unlocked it, once asked.
    unlocked: std::cell::OnceCell<(Key, SecretString)>,
}

impl Journal {
    /// The journal's folder, as the core resolves it.
    pub fn dir(&self) -> tend::Result<PathBuf> {
        tend::paths::data_dir(self.dir.clone())
    }

    pub fn read(&self) -> tend::Result<Store> {
        let store = Store::open_with(self.dir()?, Box::new(SystemClock), self.key()?)?;
        tell(store.notices());
        Ok(store)
    }

    /// The key of an encrypted journal (asked for once), or `None` for a plain one.
    pub fn key(&self) -> tend::Result<Option<Key>> {
        let dir = self.dir()?;
        if !crypt::is_encrypted(&dir) {
            return Ok(None);
        }
        if let Some((key, _)) = self.unlocked.get() {
            return Ok(Some(key.clone()));
        }
        let (key, secret) = self.passphrases.unlock(&dir)?;
        let _ = self.unlocked.set((key.clone(), secret));
        Ok(Some(key))
    }

    /// The passphrase (or recovery key) that unlocked the journal, asked for if not yet.
    pub fn secret(&self) -> tend::Result<SecretString> {
        if self.key()?.is_none() {
            return Err(tend::Error::invalid("The journal is not encrypted."));
        }
        Ok(self
            .unlocked
            .get()
            .map(|(_, s)| s.clone())
            .unwrap_or_default())
    }

    /// How to write beside the journal: plain, encrypted with its key, or `None` when it is
    /// encrypted and still locked (then nothing may be written in plain text).
    pub fn codec(&self) -> Option<Codec> {
        let dir = self.dir().ok()?;
        if !crypt::is_encrypted(&dir) {
            return Some(Codec::plain());
        }
        self.unlocked
            .get()
            .map(|(key, _)| Codec::sealed(key.clone()))
    }

    /// To write: waits a few seconds behind another command; the app's open journal is an
    /// error that says so.
    pub fn write(&self) -> tend::Result<Store> {
        let store = Store::open_to_write_with(self.dir()?, Box::new(SystemClock), self.key()?)?;
        tell(store.notices());
        Ok(store)
    }
}

/// What the open did on its own (a change of encryption cut short, finished now), on standard
/// error, whatever the command.
fn tell(notices: &[tend::Notice]) {
    for notice in notices {
        eprintln!("tend: {}", notice.message);
    }
}

pub(crate) fn warn_problems(store: &Store) {
    // A problem of the journal as a whole (a change of encryption cut short) is said whole.
    let (whole, files): (Vec<_>, Vec<_>) =
        (store.problems().iter()).partition(|p| std::path::Path::new(&p.path) == store.root());
    for p in whole {
        eprintln!("tend: {}", p.reason);
    }
    let n = files.len();
    if n > 0 {
        eprintln!("tend: {n} file(s) could not be read; run `tend doctor` to see which");
    }
    let two = store.two_versions().len();
    if two > 0 {
        eprintln!("tend: {two} document(s) in two versions; run `tend conflicts` to see them");
    }
}
