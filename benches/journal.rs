//! Timings on generated journals (not tests): `make bench`. A ten-year journal (3,650 entries)
//! and a 100,000-entry one are written straight to disk, then the real store opens them, saves
//! into them and exports them. Medians of several runs, on whatever machine runs it.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{Duration as Days, NaiveDate};
use tend::export::{ExportContext, Filter};
use tend::formats;
use tend::{Entry, EntryDraft, Mood, Store, SystemClock};

const WORDS: &[&str] = &[
    "walked", "river", "calm", "tired", "kids", "morning", "letter", "hope", "coffee", "quiet",
    "friend", "called", "slept", "heavy", "lighter", "garden", "rain", "work", "laughed", "wrote",
];

fn body(n: usize) -> String {
    // About 180 words, different for each entry.
    (0..180)
        .map(|i| WORDS[(n * 7 + i * 13) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn generate(dir: &Path, count: usize) {
    let start = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    for n in 0..count {
        let date = start + Days::days((n * 3650 / count.max(1)) as i64);
        let created = chrono::DateTime::parse_from_rfc3339("2026-01-01T20:00:00+01:00").unwrap();
        let entry = Entry {
            schema: 1,
            id: format!("{n:032x}"),
            date,
            prompt: None,
            body: body(n),
            mood: Some(Mood {
                score: (n % 5 + 1) as u8,
                feelings: vec!["calm".into()],
            }),
            tags: vec![WORDS[n % WORDS.len()].into()],
            habits_done: vec![],
            source: None,
            created,
            updated: created,
        };
        let path = dir.join(format!(
            "entries/{}/{}-{}.json",
            date.format("%Y"),
            date,
            entry.id
        ));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, serde_json::to_vec_pretty(&entry).unwrap()).unwrap();
    }
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    for (label, count, runs) in [
        ("ten-year journal", 3_650, 7),
        ("100,000 entries", 100_000, 3),
    ] {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), count);
        let open = time(runs, || {
            Store::open(dir.path(), Box::new(SystemClock)).unwrap()
        });
        let mut store = Store::open(dir.path(), Box::new(SystemClock)).unwrap();
        let list = time(runs, || store.summaries().len());
        let mut n = 0;
        let save = time(51, || {
            n += 1;
            store
                .save_entry(EntryDraft {
                    id: None,
                    date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
                    prompt: None,
                    body: format!("A new entry, number {n}."),
                    mood: None,
                    tags: vec![],
                    habits_done: vec![],
                })
                .unwrap()
        });
        println!(
            "{label}: open {open:.1?}, list {list:.1?}, durable save (median of 51) {save:.2?}"
        );
        if count <= 10_000 {
            let context = ExportContext::now(store.settings().voice());
            let md = time(3, || {
                let out = tempfile::tempdir().unwrap();
                store
                    .export(
                        &Filter::default(),
                        formats::exportable("md").unwrap(),
                        &context,
                        &out.path().join("md"),
                    )
                    .unwrap()
            });
            let pdf = time(3, || {
                let out = tempfile::tempdir().unwrap();
                store
                    .export(
                        &Filter::default(),
                        formats::exportable("pdf").unwrap(),
                        &context,
                        &out.path().join("x.pdf"),
                    )
                    .unwrap()
            });
            println!("{label}: export to a Markdown folder {md:.1?}, to PDF {pdf:.1?}");
            let single = time(3, || {
                let out = tempfile::tempdir().unwrap();
                store
                    .export(
                        &Filter::default(),
                        formats::exportable("md-single").unwrap(),
                        &context,
                        &out.path().join("one.md"),
                    )
                    .unwrap()
            });
            println!("{label}: export to one Markdown file {single:.1?}");
        }
    }
}
