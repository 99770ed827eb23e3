//! `tend prompt`, `tend write` and `tend show`: the prompt of the day, and one entry written
//! and read.

use std::io::{self, Read};

use chrono::NaiveDate;
use clap::Args;
use tend::{prompts, EntryDraft, EntryPrompt, Mood, Store, SystemClock};

use crate::journal::tell;
use crate::{parse_date, recover, Journal};

#[derive(Args)]
pub struct PromptArgs {
    /// The day (YYYY-MM-DD); today if absent.
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Only prompts of this theme.
    #[arg(long)]
    theme: Option<String>,
    /// Another prompt for the same day: 1, 2, …
    #[arg(long, default_value_t = 0)]
    another: usize,
}

#[derive(Args)]
pub struct WriteArgs {
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
}

pub fn prompt(journal: &Journal, args: PromptArgs) -> tend::Result<()> {
    let PromptArgs {
        date,
        theme,
        another,
    } = args;
    let store = journal.read()?;
    let date = date.unwrap_or_else(|| store.today());
    let shown = store.prompt_for(date, theme.as_deref(), another)?;
    println!("{}", shown.text);
    println!("  ({} · {} · from {})", shown.id, shown.theme, shown.source);
    Ok(())
}

/// Saves the entry on standard input as one new file; text that cannot be saved is kept
/// elsewhere (see `recover`).
pub fn write(journal: &Journal, args: WriteArgs) -> tend::Result<()> {
    let WriteArgs {
        date,
        mood,
        feelings,
        tags,
        prompt,
    } = args;
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
                base: None,
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
        Err(e) => return Err(recover::keep(journal, &kept, e)),
    }
    Ok(())
}

pub fn show(journal: &Journal, id: &str) -> tend::Result<()> {
    let store = journal.read()?;
    let entry = store.entry(id)?;
    println!("{}", tend::dates::DateStyle::from_env().long(entry.date));
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
    if !entry.attachments.is_empty() {
        println!("\nPhotos:");
        for a in &entry.attachments {
            let path = tend::attachments::Pictures::folder(store.root(), &entry.id).join(&a.file);
            let path = store.codec().path(&path);
            println!("  {} ({:.1} kB)", path.display(), a.bytes as f64 / 1000.0);
        }
    }
    eprintln!("\n({})", store.entry_path(id)?.display());
    Ok(())
}

/// `tend attach ID FILE`: the photo added, its location gone; prints where it is kept.
pub fn attach(journal: &Journal, id: &str, file: &std::path::Path) -> tend::Result<()> {
    use std::io::Read;
    let mut bytes = Vec::new();
    // Read to one byte past the limit, whatever the file's size says (a pipe has none).
    std::fs::File::open(file)
        .and_then(|f| {
            f.take(tend::picture::MAX_PICTURE_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
        })
        .map_err(|e| tend::Error::io(file, e))?;
    let mut store = journal.write()?;
    let date = store.entry(id)?.date;
    let entry = store.attach(Some(id), date, bytes)?;
    let added = entry
        .attachments
        .last()
        .map(|a| a.file.clone())
        .unwrap_or_default();
    let path = tend::attachments::Pictures::folder(store.root(), &entry.id).join(&added);
    println!("{}", store.codec().path(&path).display());
    eprintln!(
        "added to the entry of {} without its location or camera data ({} photo(s) now)",
        entry.date,
        entry.attachments.len()
    );
    Ok(())
}
