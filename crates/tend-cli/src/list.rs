//! `tend list`: the journal, newest first, filtered, written through one buffer.

use std::io::{self, BufWriter, Write};

use chrono::NaiveDate;
use clap::Args;
use tend::export::{Filter, Kind};
use tend::{IoContext, Store};

use crate::doctor::warn_problems;
use crate::transfer::parse_kind;
use crate::{parse_date, Journal};

#[derive(Args)]
pub struct ListArgs {
    /// Every entry in full, as a JSON array.
    #[arg(long)]
    json: bool,
    /// From this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    from: Option<NaiveDate>,
    /// Up to this day.
    #[arg(long, value_parser = parse_date)]
    to: Option<NaiveDate>,
    /// Only entries with this tag; repeat for any of several.
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// Only starred entries.
    #[arg(long)]
    starred: bool,
    /// Only entries with this mood (1 to 5).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    mood: Option<u8>,
    /// entries (the default), worksheets or visions; repeat for more.
    #[arg(long = "kind", value_parser = parse_kind)]
    kinds: Vec<Kind>,
    /// At most this many, newest first.
    #[arg(long, short = 'n')]
    limit: Option<usize>,
}

pub fn run(journal: &Journal, args: ListArgs) -> tend::Result<()> {
    let store = journal.read()?;
    let out = BufWriter::new(crate::output::Stdout);
    // A reader that has all it wanted (`tend list | head -3`) is no error: see `output`.
    write_list(&store, args, out).at("standard output")?;
    warn_problems(&store);
    // Nothing to release (a reading open holds no lock): the process ends now, and
    // freeing a hundred thousand entries one by one would only make it end later.
    std::mem::forget(store);
    Ok(())
}

fn write_list(store: &Store, args: ListArgs, mut out: impl Write) -> io::Result<()> {
    let kinds = if args.kinds.is_empty() {
        vec![Kind::Entries]
    } else {
        args.kinds
    };
    let limit = args.limit.unwrap_or(usize::MAX);
    // Entries from the index alone, newest first: no body is read unless --json asks for it.
    let in_range = |date| args.from.is_none_or(|f| date >= f) && args.to.is_none_or(|t| date <= t);
    let tagged = |tags: &[String]| {
        args.tags.is_empty()
            || tags
                .iter()
                .any(|t| args.tags.iter().any(|f| f.eq_ignore_ascii_case(t)))
    };
    let metas: Vec<_> = if kinds.contains(&Kind::Entries) {
        store
            .entry_metas()
            .into_iter()
            .filter(|e| in_range(e.date) && tagged(&e.tags))
            .filter(|e| !args.starred || e.tags.iter().any(|t| t == tend::entry::STARRED))
            .filter(|e| {
                args.mood
                    .is_none_or(|m| e.mood.as_ref().is_some_and(|x| x.score == m))
            })
            .take(limit)
            .collect()
    } else {
        Vec::new()
    };
    // Worksheet fillings and visions, newest first, from the selection that export makes.
    let others: Vec<Kind> = kinds.into_iter().filter(|k| *k != Kind::Entries).collect();
    let filter = Filter {
        from: args.from,
        to: args.to,
        kinds: others.clone(),
        tags: args.tags,
        ids: Vec::new(),
    };
    // Only when asked for: selecting looks at every document, and a plain `tend list` reads
    // the index alone.
    let selection = (!others.is_empty()).then(|| tend::selection::select(store, &filter));
    let mut refs: Vec<_> = (selection.iter())
        .flat_map(|s| s.refs())
        .filter(|r| r.kind != Kind::Entries)
        .collect();
    refs.sort_by_key(|r| std::cmp::Reverse(r.date));
    refs.truncate(limit);
    if args.json {
        // Each document in full, as stored: entries first, then the others, as in text.
        let mut documents: Vec<Vec<u8>> = Vec::new();
        for m in &metas {
            if let Ok(entry) = store.entry(&m.id) {
                documents.push(serde_json::to_vec_pretty(entry)?);
            }
        }
        let chosen = selection
            .iter()
            .flat_map(|s| refs.iter().map(move |r| (s, r)));
        for (selection, r) in chosen {
            let document = match r.kind {
                Kind::Worksheets => (selection.fillings.iter())
                    .find(|f| f.id == r.id)
                    .map(serde_json::to_vec_pretty),
                Kind::Visions => (selection.visions.iter())
                    .find(|v| v.id == r.id)
                    .map(serde_json::to_vec_pretty),
                Kind::Entries => None,
            };
            documents.extend(document.transpose()?);
        }
        write_array(&mut out, &documents)?;
        return out.flush();
    }
    for m in metas {
        let s = m.summary();
        let mood = s.mood.map(|m| format!("mood {m}")).unwrap_or_default();
        let tags: Vec<String> = s.tags.iter().map(|t| format!("#{t}")).collect();
        writeln!(
            out,
            "{}  {}  {:<6}  {}  {}",
            s.date,
            s.id,
            mood,
            tags.join(" "),
            s.excerpt
        )?;
    }
    for r in refs {
        let kind = if r.kind == Kind::Visions {
            "vision"
        } else {
            "worksheet"
        };
        writeln!(out, "{}  {}  {kind}  {}", r.date, r.id, r.title)?;
    }
    out.flush()
}

/// Pretty JSON documents as one pretty JSON array, as `serde_json::to_writer_pretty` writes
/// one (the documents are of three kinds, with no one type to serialise them as).
fn write_array(out: &mut impl Write, documents: &[Vec<u8>]) -> io::Result<()> {
    if documents.is_empty() {
        return writeln!(out, "[]");
    }
    writeln!(out, "[")?;
    for (n, document) in documents.iter().enumerate() {
        for (i, line) in document.split(|b| *b == b'\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(b"  ")?;
            out.write_all(line)?;
        }
        out.write_all(if n + 1 < documents.len() {
            b",\n"
        } else {
            b"\n"
        })?;
    }
    writeln!(out, "]")
}
