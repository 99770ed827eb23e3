//! `tend worksheet …`

use std::io::{self, Read};

use chrono::NaiveDate;
use clap::Subcommand;
use tend::{worksheet, FillingDraft, FillingStatus};

use crate::{parse_date, Journal};

#[derive(Subcommand)]
pub enum WorksheetCommand {
    /// One worksheet a line: its id, then its title (for where you stand, as in Settings).
    List,
    /// The blank worksheet as readable text, as the app shows it: the partner's name and
    /// pronouns from Settings, and the questions for where you stand.
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

pub fn run(journal: &Journal, command: WorksheetCommand) -> tend::Result<()> {
    match command {
        WorksheetCommand::List => {
            for sheet in journal.read()?.worksheets_as_shown() {
                println!("{}\t{}", sheet.id, sheet.title);
            }
        }
        WorksheetCommand::Show { kind } => {
            print!("{}", journal.read()?.worksheet_as_shown(&kind)?.to_text());
        }
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
            let mut store = journal.write()?;
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
            let store = journal.read()?;
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
