//! `tend search`: words and phrases across entries, worksheet fillings and visions, newest
//! first, each hit with a snippet (its matches in bold on a terminal).

use std::io::{self, BufWriter, IsTerminal, Write};

use chrono::NaiveDate;
use clap::Args;
use tend::export::Kind;
use tend::search::{Hit, SearchRequest, DEFAULT_LIMIT};
use tend::IoContext;

use crate::transfer::parse_kind;
use crate::{parse_date, Journal};

#[derive(Args)]
pub struct SearchArgs {
    /// Words to find (each also finds the words it begins); "quoted words" find a phrase.
    /// Case and accents do not matter: cafe finds Café.
    #[arg(required = true)]
    query: Vec<String>,
    /// entries, worksheets or visions; repeat for more (default: all).
    #[arg(long = "kind", value_parser = parse_kind)]
    kinds: Vec<Kind>,
    /// Only entries with this tag; repeat for any of several.
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// Only entries with this mood (1 to 5).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    mood: Option<u8>,
    /// Only starred entries.
    #[arg(long)]
    starred: bool,
    /// From this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    from: Option<NaiveDate>,
    /// Up to this day.
    #[arg(long, value_parser = parse_date)]
    to: Option<NaiveDate>,
    /// At most this many hits, newest first; 0 for all. Default: 50, or all with --json.
    #[arg(long, short = 'n')]
    limit: Option<u32>,
    /// The hits as a JSON array: id, kind, date, title and snippet of each.
    #[arg(long)]
    json: bool,
}

pub fn run(journal: &Journal, args: SearchArgs) -> tend::Result<()> {
    let request = SearchRequest {
        text: args.query.join(" "),
        kinds: args.kinds,
        tags: args.tags,
        mood: args.mood,
        from: args.from,
        to: args.to,
        starred: args.starred,
        limit: Some(
            args.limit
                .unwrap_or(if args.json { 0 } else { DEFAULT_LIMIT }),
        ),
    };
    // From the search index alone when it is whole; else the journal is opened (its every
    // file looked at) and the index brought up to date.
    let quick = tend::search::search_unopened(&journal.dir()?, journal.key()?, &request)?;
    let found = match quick {
        Some(found) => found,
        None => {
            let mut store = journal.read()?;
            let found = tend::search::search(&mut store, &request)?;
            crate::doctor::warn_problems(&store);
            std::mem::forget(store); // as for list: nothing to release
            found
        }
    };
    let out = BufWriter::new(crate::output::Stdout);
    let bold = !args.json && io::stdout().is_terminal();
    let written = if args.json {
        write_json(&found.hits, out)
    } else {
        write_text(&found.hits, bold, out)
    };
    // A reader that has all it wanted (`tend search walk | head -3`) is no error: see `output`.
    written.at("standard output")?;
    let shown = found.hits.len();
    if found.total as usize > shown {
        let of = if found.exact { "" } else { "at most " };
        eprintln!(
            "{shown} of {of}{} shown, newest first (--limit 0 shows all)",
            found.total
        );
    } else if shown == 0 {
        eprintln!("Nothing found.");
    }
    Ok(())
}

/// The hits as JSON, each snippet as plain text.
fn write_json(hits: &[Hit], mut out: impl Write) -> io::Result<()> {
    let hits: Vec<serde_json::Value> = (hits.iter())
        .map(|h| {
            let mut hit = serde_json::json!({
                "id": h.id,
                "kind": h.kind,
                "date": h.date,
                "title": h.title,
                "snippet": h.snippet_text(),
                "starred": h.starred,
            });
            if let Some(worksheet) = &h.worksheet {
                hit["worksheet"] = worksheet.as_str().into();
            }
            if let Some(mood) = h.mood {
                hit["mood"] = mood.into();
            }
            hit
        })
        .collect();
    serde_json::to_writer_pretty(&mut out, &hits)?;
    writeln!(out)?;
    out.flush()
}

fn write_text(hits: &[Hit], bold: bool, mut out: impl Write) -> io::Result<()> {
    for hit in hits {
        let kind = match hit.kind {
            Kind::Entries => "entry",
            Kind::Worksheets => "worksheet",
            Kind::Visions => "vision",
        };
        let star = if hit.starred { " ★" } else { "" };
        write!(out, "{}  {}  {kind}{star}  ", hit.date, hit.id)?;
        for part in &hit.snippet {
            match (part.hit, bold) {
                (true, true) => write!(out, "\x1b[1m{}\x1b[0m", part.text)?,
                _ => write!(out, "{}", part.text)?,
            }
        }
        writeln!(out)?;
    }
    out.flush()
}
