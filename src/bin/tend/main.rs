//! `tend`: the journal from the command line, on the same data as the app.

use std::io::{self, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use tend::export;
use tend::import::ImportFormat;
use tend::{
    prompts, vision, worksheet, EntryDraft, EntryPrompt, FillingDraft, FillingStatus, Mood, Store,
    SystemClock,
};

#[derive(Parser)]
#[command(name = "tend", version, about = "A private self-care journal")]
struct Cli {
    /// The journal's folder (default: $TEND_DATA_DIR, else ~/.local/share/tend).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
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
    List {
        /// Every entry in full, as a JSON array.
        #[arg(long)]
        json: bool,
    },
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
    /// Export writing: tend, md, md-single, html, pdf, jrnl or dayone.
    Export {
        #[arg(long, value_parser = parse_export_format)]
        format: export::Format,
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
    /// Import from tend, jrnl or dayone (the zip or Journal.json). Running it twice adds nothing.
    Import {
        #[arg(long, value_parser = parse_import_format)]
        format: ImportFormat,
        path: PathBuf,
    },
}

fn parse_export_format(name: &str) -> Result<export::Format, String> {
    export::Format::parse(name).map_err(|e| e.to_string())
}

fn parse_import_format(name: &str) -> Result<ImportFormat, String> {
    ImportFormat::parse(name).map_err(|e| e.to_string())
}

fn parse_kind(name: &str) -> Result<export::Kind, String> {
    match name {
        "entries" | "entry" => Ok(export::Kind::Entries),
        "worksheets" | "worksheet" => Ok(export::Kind::Worksheets),
        "visions" | "vision" => Ok(export::Kind::Visions),
        other => Err(format!(
            "{other:?} is not one of entries, worksheets, visions"
        )),
    }
}

#[derive(Subcommand)]
enum VisionCommand {
    /// One exercise a line: its id, then its title.
    List,
    /// The vision as written: the latest revision, or --revision N.
    Show {
        id: String,
        #[arg(long)]
        revision: Option<u32>,
    },
    /// Every revision with its date and size.
    History { id: String },
}

#[derive(Subcommand)]
enum WorksheetCommand {
    /// One worksheet a line: its id, then its title.
    List,
    /// The blank worksheet as readable text.
    Show { kind: String },
    /// Fill a worksheet: answers as a JSON object on standard input, by field id.
    Fill {
        kind: String,
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Keep it as a draft to come back to (default: complete).
        #[arg(long)]
        draft: bool,
    },
    /// Every filling of a worksheet, newest first.
    History {
        kind: String,
        /// Every filling in full, as a JSON array.
        #[arg(long)]
        json: bool,
    },
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
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
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tend: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> tend::Result<ExitCode> {
    let open = || {
        Store::open(
            tend::paths::data_dir(cli.data_dir.clone())?,
            Box::new(SystemClock),
        )
    };
    match cli.command {
        Command::Prompt {
            date,
            theme,
            another,
        } => {
            let store = open()?;
            let date = date.unwrap_or_else(|| store.today());
            let prompt = prompts::for_date(date, theme.as_deref(), another)?;
            let shown = prompts::show(prompt, &store.settings().partner);
            println!("{}", shown.text);
            println!(
                "  ({} · {} · from “{}”)",
                shown.id, shown.theme, shown.source_title
            );
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
            let mut store = open()?;
            let partner = store.settings().partner.clone();
            let entry = store.save_entry(EntryDraft {
                id: None,
                date: date.unwrap_or_else(|| store.today()),
                prompt: prompt.map(|p| EntryPrompt {
                    id: p.id.clone(),
                    text: prompts::render(&p.text, &partner),
                }),
                body,
                mood: mood.map(|score| Mood { score, feelings }),
                tags,
                habits_done: Vec::new(),
            })?;
            println!("{}", entry.id);
            eprintln!("saved to {}", store.entry_path(&entry.id)?.display());
        }
        Command::List { json } => {
            let store = open()?;
            if json {
                let entries = store.entries();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&entries).unwrap_or_default()
                );
            } else {
                for s in store.summaries() {
                    let mood = s.mood.map(|m| format!("mood {m}")).unwrap_or_default();
                    let tags: Vec<String> = s.tags.iter().map(|t| format!("#{t}")).collect();
                    println!(
                        "{}  {}  {:<6}  {}  {}",
                        s.date,
                        s.id,
                        mood,
                        tags.join(" "),
                        s.excerpt
                    );
                }
            }
            warn_problems(&store);
        }
        Command::Show { id } => {
            let store = open()?;
            let entry = store.entry(&id)?;
            println!("{}", entry.date.format("%A %-d %B %Y"));
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
            let problems = store.problems();
            if problems.is_empty() {
                println!("Every file could be read.");
            } else {
                println!(
                    "Files that cannot be read ({}), left as they are:",
                    problems.len()
                );
                for p in problems {
                    println!("  {}: {}", p.path, p.reason);
                }
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Worksheet(command) => run_worksheet(open, command)?,
        Command::Vision(command) => run_vision(open, command)?,
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
            let count = store.export(&filter, format, &export::ExportContext::now(), &out)?;
            println!("Exported {count} document(s) to {}", out.display());
        }
        Command::Import { format, path } => {
            let mut store = open()?;
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
    }
    Ok(ExitCode::SUCCESS)
}

fn run_worksheet(
    store: impl FnOnce() -> tend::Result<Store>,
    command: WorksheetCommand,
) -> tend::Result<()> {
    match command {
        WorksheetCommand::List => {
            for sheet in worksheet::all() {
                println!("{}\t{}", sheet.id, sheet.title);
            }
        }
        WorksheetCommand::Show { kind } => print!("{}", worksheet::find(&kind)?.to_text()),
        WorksheetCommand::Fill { kind, date, draft } => {
            let mut input = String::new();
            io::stdin()
                .read_to_string(&mut input)
                .map_err(|e| tend::Error::invalid(format!("standard input: {e}")))?;
            let answers: worksheet::Answers = serde_json::from_str(&input).map_err(|e| {
                tend::Error::invalid(format!(
                    "standard input: expected a JSON object of answers by field id ({e})"
                ))
            })?;
            let mut store = store()?;
            let filling = store.save_filling(FillingDraft {
                id: None,
                date: date.unwrap_or_else(|| store.today()),
                worksheet: kind,
                status: if draft {
                    FillingStatus::Draft
                } else {
                    FillingStatus::Complete
                },
                answers,
            })?;
            println!("{}", filling.id);
        }
        WorksheetCommand::History { kind, json } => {
            worksheet::find(&kind).map(|_| ()).or_else(|e| {
                if kind == tend::assessment::ID {
                    Ok(())
                } else {
                    Err(e)
                }
            })?;
            let store = store()?;
            if json {
                let fillings = store.fillings_of(&kind);
                println!(
                    "{}",
                    serde_json::to_string_pretty(&fillings).unwrap_or_default()
                );
            } else {
                for f in store.filling_summaries(&kind) {
                    let status = match f.status {
                        FillingStatus::Draft => "draft",
                        FillingStatus::Complete => "complete",
                    };
                    println!(
                        "{}  {}  {:<8}  {} answered",
                        f.date, f.id, status, f.answered
                    );
                }
            }
        }
    }
    Ok(())
}

fn run_vision(
    store: impl FnOnce() -> tend::Result<Store>,
    command: VisionCommand,
) -> tend::Result<()> {
    match command {
        VisionCommand::List => {
            for exercise in vision::all() {
                println!("{}\t{}", exercise.id, exercise.title);
            }
        }
        VisionCommand::Show { id, revision } => {
            let exercise = vision::find(&id)?;
            let store = store()?;
            let Some(doc) = store.vision(&id) else {
                println!("{}\n\nNothing written yet.", exercise.title);
                return Ok(());
            };
            let shown = match revision {
                Some(n) => doc.revision(n)?,
                None => doc
                    .latest()
                    .ok_or_else(|| tend::Error::invalid("the vision has no revisions"))?,
            };
            println!(
                "{} (revision {}, {})",
                exercise.title,
                shown.number,
                shown.updated.format("%Y-%m-%d %H:%M")
            );
            for section in &exercise.sections {
                if let Some(text) = shown.sections.get(&section.id) {
                    println!("\n## {}\n\n{}", section.title, text.trim_end());
                }
            }
        }
        VisionCommand::History { id } => {
            vision::find(&id)?;
            let store = store()?;
            for r in store.vision(&id).map(|v| v.history()).unwrap_or_default() {
                let restored = r
                    .restored_from
                    .map(|n| format!("  (restored from {n})"))
                    .unwrap_or_default();
                println!(
                    "{:>3}  {}  {:>6} words{restored}",
                    r.number,
                    r.updated.format("%Y-%m-%d %H:%M"),
                    r.words
                );
            }
        }
    }
    Ok(())
}

fn warn_problems(store: &Store) {
    let n = store.problems().len();
    if n > 0 {
        eprintln!("tend: {n} file(s) could not be read; run `tend doctor` to see which");
    }
}
