//! Round trips through every format Tend both writes and reads: arbitrary entries (any day,
//! any Unicode with backslashes, Markdown, emoji and right-to-left text, short and long bodies,
//! tags with spaces) exported, then imported into an empty journal, come back with the same
//! day, text and tags, and whatever else the format carries; importing the same file again,
//! into that journal or into the one it came from, adds nothing.

mod common;

use std::fs;
use std::io::{Cursor, Read};
use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use proptest::prelude::*;
use tend::export::{ExportContext, Filter};
use tend::formats::{self, Descriptor};
use tend::{Entry, EntryPrompt, Mood, Store};

const PIECES: &[&str] = &[
    "\\",
    r"C:\.cache",
    r"a\*b",
    r"1\. Walk",
    r"\#kids",
    "*",
    "**bold**",
    "_",
    "#",
    "> quote",
    "1. ",
    "- item",
    "[link](x)",
    "`code`",
    "😀",
    "🌿👨‍👩‍👧",
    "שלום עולם",
    "مرحبا بك",
    "\n",
    "\n\n",
    " ",
    "   ",
    "word",
    "Émilie",
    "&amp; <b>",
    "ends with *",
];

fn body() -> impl Strategy<Value = String> {
    let pieces = proptest::collection::vec(
        prop_oneof![
            3 => proptest::sample::select(PIECES).prop_map(String::from),
            1 => "\\PC{1,12}",
        ],
        1..30,
    )
    .prop_map(|p| p.concat());
    prop_oneof![
        6 => pieces,
        1 => (1usize..3000).prop_map(|n| "long words ".repeat(n)),
        1 => Just(".".to_string()),
    ]
}

fn tags() -> impl Strategy<Value = Vec<String>> {
    (
        proptest::collection::vec("[a-z]{1,6}( [a-z]{1,6})?", 0..4),
        any::<bool>(),
    )
        .prop_map(|(mut tags, starred)| {
            tags.sort();
            tags.dedup();
            if starred {
                tags.push("starred".into());
            }
            tags
        })
}

fn entry() -> impl Strategy<Value = (i64, i64, u32, i32, String, Vec<String>)> {
    (
        0i64..20000,     // day
        -2i64..=2,       // the day the file was written, around it
        0u32..(24 * 60), // minute of the day
        prop_oneof![
            Just(0),
            Just(3600),
            Just(-5 * 3600),
            Just(19800),
            Just(14 * 3600),
            Just(-12 * 3600)
        ],
        body(),
        tags(),
    )
}

fn build(n: usize, raw: &(i64, i64, u32, i32, String, Vec<String>), at_sign: bool) -> Entry {
    let (day, written, minute, offset, body, tags) = raw;
    let date = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + Duration::days(*day);
    let time = NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).unwrap();
    let created = FixedOffset::east_opt(*offset)
        .unwrap()
        .from_local_datetime(&(date + Duration::days(*written)).and_time(time))
        .unwrap();
    // jrnl reads `@words` in the text as tags: its own rule, tested apart.
    let body = if at_sign {
        body.clone()
    } else {
        body.replace('@', "(at)")
    };
    Entry {
        schema: 1,
        id: format!("{:032x}", n + 1),
        date,
        prompt: None,
        body,
        mood: None,
        tags: tags.clone(),
        habits_done: vec![],
        source: None,
        attachments: Vec::new(),
        created,
        updated: created + Duration::minutes(5),
    }
}

fn key(e: &Entry) -> (NaiveDate, String) {
    (
        e.date,
        e.body.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

fn sorted(mut tags: Vec<String>) -> Vec<String> {
    tags.sort();
    tags
}

fn export(store: &Store, format: &Descriptor, file: &Path) {
    let context = ExportContext {
        now: DateTime::parse_from_rfc3339("2026-11-23T21:00:00+01:00").unwrap(),
        voice: tend::Voice::new("Sam", tend::Pronouns::He),
        passphrase: None,
        dates: Default::default(),
    };
    tend::export::export_journal(store, &Filter::default(), format, &context, file).unwrap();
}

/// Exports `entries` in `format`, imports into an empty journal, checks with `same`, imports
/// again (there and into the source): nothing more is added.
fn round_trip(
    id: &str,
    entries: &[Entry],
    same: impl Fn(&Entry, &Entry) -> Result<(), TestCaseError>,
) -> Result<(), TestCaseError> {
    let format = formats::exportable(id).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut source = common::open(&dir.path().join("source"));
    for e in entries {
        source.insert_entry(e.clone()).unwrap();
    }
    let file = dir.path().join(format!("out.{}", format.extension()));
    export(&source, format, &file);
    let mut files = vec![file.clone()];
    if id == "dayone" {
        // Day One's JSON alone, as well as its zip.
        let mut zip = zip::ZipArchive::new(Cursor::new(fs::read(&file).unwrap())).unwrap();
        let mut json = Vec::new();
        zip.by_name("Journal.json")
            .unwrap()
            .read_to_end(&mut json)
            .unwrap();
        let journal = dir.path().join("Journal.json");
        fs::write(&journal, json).unwrap();
        files.push(journal);
    }
    for (n, file) in files.iter().enumerate() {
        let mut fresh = common::open(&dir.path().join(format!("fresh-{n}")));
        let report = tend::import::import(&mut fresh, format, file).unwrap();
        prop_assert!(
            report.rejected.is_empty(),
            "{id}: rejected {:?}",
            report.rejected
        );
        prop_assert_eq!(report.imported, entries.len(), "{}: all imported", id);
        let mut back: Vec<&Entry> = fresh.entries();
        back.sort_by_key(|e| key(e));
        let mut sent: Vec<&Entry> = entries.iter().collect();
        sent.sort_by_key(|e| key(e));
        for (before, after) in sent.iter().zip(&back) {
            prop_assert_eq!(before.date, after.date, "{}: the entry's own day", id);
            same(before, after)?;
        }
        let again = tend::import::import(&mut fresh, format, file).unwrap();
        prop_assert_eq!(again.imported, 0, "{}: a second import adds nothing", id);
        let home = tend::import::import(&mut source, format, file).unwrap();
        prop_assert_eq!(
            home.imported,
            0,
            "{}: importing its own export adds nothing",
            id
        );
    }
    Ok(())
}

fn distinct(entries: &[Entry]) -> bool {
    let mut keys: Vec<_> = entries.iter().map(key).collect();
    keys.sort();
    keys.dedup();
    keys.len() == entries.len() && entries.iter().all(|e| !e.body.trim().is_empty())
}

fn whole_hour(offset: &FixedOffset) -> bool {
    let s = offset.local_minus_utc();
    s % 3600 == 0 && (-12..=14).contains(&(s / 3600))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn tend_json_round_trips_every_entry_whole(raw in proptest::collection::vec(entry(), 1..4)) {
        let entries: Vec<Entry> = raw.iter().enumerate().map(|(n, r)| build(n, r, true)).collect();
        prop_assume!(distinct(&entries));
        round_trip("tend", &entries, |a, b| {
            prop_assert_eq!(a, b);
            Ok(())
        })?;
    }

    #[test]
    fn dayone_round_trips_day_text_tags_and_time(raw in proptest::collection::vec(entry(), 1..4)) {
        let entries: Vec<Entry> = raw.iter().enumerate().map(|(n, r)| build(n, r, true)).collect();
        prop_assume!(distinct(&entries));
        round_trip("dayone", &entries, |a, b| {
            prop_assert_eq!(a.body.trim_end(), b.body.as_str(), "text byte for byte");
            prop_assert_eq!(sorted(a.tags.clone()), sorted(b.tags.clone()));
            prop_assert_eq!(&a.id, &b.id, "Day One keeps the uuid");
            if whole_hour(a.created.offset()) {
                prop_assert_eq!(a.created.time(), b.created.time());
                prop_assert_eq!(a.created.offset(), b.created.offset());
            }
            Ok(())
        })?;
    }

    #[test]
    fn jrnl_json_round_trips_day_text_tags_and_time(raw in proptest::collection::vec(entry(), 1..4)) {
        let entries: Vec<Entry> = raw.iter().enumerate().map(|(n, r)| build(n, r, true)).collect();
        prop_assume!(distinct(&entries));
        round_trip("jrnl", &entries, |a, b| {
            prop_assert_eq!(a.body.trim(), b.body.as_str());
            prop_assert_eq!(sorted(a.tags.clone()), sorted(b.tags.clone()));
            prop_assert_eq!(a.created.format("%H:%M").to_string(), b.created.format("%H:%M").to_string());
            Ok(())
        })?;
    }

    #[test]
    fn jrnl_text_round_trips_day_text_tags_and_time(raw in proptest::collection::vec(entry(), 1..4)) {
        let entries: Vec<Entry> = raw.iter().enumerate().map(|(n, r)| build(n, r, false)).collect();
        prop_assume!(distinct(&entries));
        round_trip("jrnl-text", &entries, |a, b| {
            prop_assert_eq!(a.body.trim(), b.body.as_str());
            // jrnl tags cannot hold spaces: "work day" is written, and read, as "work-day".
            let hyphened: Vec<String> = a.tags.iter().map(|t| t.replace(' ', "-")).collect();
            prop_assert_eq!(sorted(hyphened), sorted(b.tags.clone()));
            prop_assert_eq!(a.created.format("%H:%M").to_string(), b.created.format("%H:%M").to_string());
            Ok(())
        })?;
    }
}

/// A prompt as an entry keeps it: one of Tend's, as the app shows it, or one Tend no longer has
/// (a library since changed, a file from elsewhere).
fn prompt() -> impl Strategy<Value = Option<EntryPrompt>> {
    let library = &tend::prompts::catalog().prompts;
    prop_oneof![
        1 => Just(None),
        2 => (0..library.len()).prop_map(|n| {
            let prompt = &tend::prompts::catalog().prompts[n];
            Some(EntryPrompt {
                id: prompt.id.clone(),
                text: tend::Voice::new("Sam", tend::Pronouns::He).render(&prompt.text),
            })
        }),
        1 => "[A-Z][A-Za-zé ,.'’]{0,60}[a-z?]".prop_map(|text| Some(EntryPrompt {
            id: "from-elsewhere".into(),
            text,
        })),
    ]
}

fn mood() -> impl Strategy<Value = Option<Mood>> {
    proptest::option::of((
        1u8..=5,
        proptest::sample::subsequence(vec!["calm", "hopeful", "let down", "tired"], 0..=4),
    ))
    .prop_map(|m| {
        m.map(|(score, feelings)| Mood {
            score,
            feelings: feelings.into_iter().map(String::from).collect(),
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Issue 27, D10: jrnl and Day One have no field for either; Tend's own round trip keeps
    /// both. jrnl's own file names no prompt: it quotes it, and reads back a quote of Tend's.
    #[test]
    fn prompts_and_moods_come_back_from_jrnl_and_day_one(
        raw in proptest::collection::vec((entry(), prompt(), mood()), 1..4),
        id in proptest::sample::select(vec!["jrnl", "jrnl-text", "dayone"]),
    ) {
        let entries: Vec<Entry> = (raw.iter().enumerate())
            .map(|(n, (r, prompt, mood))| Entry {
                prompt: prompt.clone(),
                mood: mood.clone(),
                ..build(n, r, id != "jrnl-text")
            })
            .collect();
        prop_assume!(distinct(&entries));
        round_trip(id, &entries, |a, b| {
            let (mut prompt, mut body) = (a.prompt.clone(), a.body.trim().to_string());
            let mut mood = a.mood.clone();
            if id == "jrnl-text" {
                if let Some(p) = prompt.take_if(|p| tend::prompts::find(&p.id).is_none()) {
                    body = format!("> {}\n\n{body}", p.text);
                }
                // jrnl tags cannot hold spaces, and the feelings are tags there.
                for feeling in mood.iter_mut().flat_map(|m| &mut m.feelings) {
                    *feeling = feeling.replace(' ', "-");
                }
            }
            prop_assert_eq!(&b.prompt, &prompt, "{}: the prompt", id);
            prop_assert_eq!(&b.mood, &mood, "{}: the mood, feelings and all", id);
            prop_assert_eq!(b.body.trim(), body.as_str(), "{}: the text, the prompt apart", id);
            prop_assert_eq!(sorted(a.tags.iter().map(|t| t.replace(' ', "-")).collect()),
                sorted(b.tags.iter().map(|t| t.replace(' ', "-")).collect()),
                "{}: the tags, and no mood among them", id);
            Ok(())
        })?;
    }
}

/// An entry as written in Tend: a mood, and a body whose spacing jrnl does not keep.
fn written(id: &str, date: &str, body: &str) -> Entry {
    let created = DateTime::parse_from_rfc3339(&format!("{date}T21:15:00+01:00")).unwrap();
    Entry {
        schema: 1,
        id: id.into(),
        date: common::day(date),
        prompt: None,
        body: body.into(),
        mood: Some(tend::Mood {
            score: 4,
            feelings: vec!["calm".into()],
        }),
        tags: vec!["kids".into(), "work day".into()],
        habits_done: vec![],
        source: None,
        attachments: Vec::new(),
        created,
        updated: created,
    }
}

#[test]
fn reimporting_a_jrnl_export_adds_nothing() {
    for id in ["jrnl", "jrnl-text", "dayone"] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = common::open(dir.path());
        let entries = [
            written(
                "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
                "2026-11-20",
                "  Tired.  \n\n  A long   day.\n",
            ),
            written("jrnl-from-before", "2026-11-21", "Walked.\nSlept well."),
        ];
        for e in &entries {
            store.insert_entry(e.clone()).unwrap();
        }
        let file = dir.path().join(format!("out-{id}"));
        export(&store, formats::exportable(id).unwrap(), &file);
        let report =
            tend::import::import(&mut store, formats::importable(id).unwrap(), &file).unwrap();
        assert_eq!(
            (report.imported, report.duplicates),
            (0, 2),
            "{id}: every entry is already here (other spacing)"
        );
        assert_eq!(store.entries().len(), 2, "{id}: no copies");
    }
}

#[test]
fn two_entries_with_the_same_words_on_one_day_are_both_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(&dir.path().join("a"));
    store
        .insert_entry(written("aaaa", "2026-11-20", "Same."))
        .unwrap();
    let mut second = written("bbbb", "2026-11-20", "Same.");
    second.created += Duration::hours(1);
    store.insert_entry(second).unwrap();
    let file = dir.path().join("out.json");
    export(&store, formats::exportable("jrnl").unwrap(), &file);
    let mut fresh = common::open(&dir.path().join("b"));
    let report =
        tend::import::import(&mut fresh, formats::importable("jrnl").unwrap(), &file).unwrap();
    assert_eq!(report.imported, 2, "each one is an entry of its own");
    let again =
        tend::import::import(&mut store, formats::importable("jrnl").unwrap(), &file).unwrap();
    assert_eq!(again.imported, 0, "and each matches one already here");
}
