//! The cross-format import (issue 27, item D10): a journal exported by Tend to jrnl and to Day
//! One, both files imported into one journal, gives each entry once, with its prompt and mood
//! wherever the format has a place for them.

mod common;

use std::fs;
use std::path::Path;

use common::at;
use common::fixture::{entry, export_bytes, format, time};
use tend::{Entry, EntryPrompt, Mood, Store};

/// The prompt of the day as the app saves it: the library's text, `{partner}` filled in.
const CALM_OR_PANIC: &str = "Before I reach out to Sam, is the pull coming from calm or from \
                             panic? What does my body tell me about which one it is?";

/// Five entries as a person writes them: prompts (one of Tend's, one whose text is no longer
/// in the library), moods with feelings, tags, a star, a mood with no words, and a text that
/// opens with a quote of her own.
fn journal(dir: &Path) -> Store {
    let mut store = Store::open(dir, at("2026-11-23T21:00:00+01:00")).unwrap();
    let mut first = entry(
        "e1",
        "2026-10-02",
        "Café with Léa.\nI felt heard, & calmer <than> before.",
    );
    first.prompt = Some(EntryPrompt {
        id: "calm-or-panic".into(),
        text: CALM_OR_PANIC.into(),
    });
    first.mood = Some(Mood {
        score: 4,
        feelings: vec!["hopeful".into(), "calm".into()],
    });
    first.tags = vec!["friends".into(), "starred".into()];
    let mut second = entry(
        "e2",
        "2026-10-05",
        "Noticed the light.\n\nThen rain. 1. Walk, C:\\temp\\notes.",
    );
    second.prompt = Some(EntryPrompt {
        id: "an-older-prompt".into(),
        text: "What did I notice today?".into(),
    });
    second.mood = Some(Mood {
        score: 2,
        feelings: vec!["tired".into()],
    });
    let mut third = entry("e3", "2026-11-20", "A quiet walk.");
    third.tags = vec!["work day".into()];
    let mut fourth = entry("e4", "2026-11-21", "");
    fourth.mood = Some(Mood {
        score: 3,
        feelings: vec![],
    });
    let fifth = entry(
        "e5",
        "2026-11-22",
        "> A line I copied from a book.\n\nAnd what I made of it.",
    );
    for e in [first, second, third, fourth, fifth] {
        store.insert_entry(e).unwrap();
    }
    store
}

/// The entry imported for `original`: the one on its day.
fn imported<'a>(store: &'a Store, original: &Entry) -> &'a Entry {
    let on_day: Vec<&Entry> = (store.entries().into_iter())
        .filter(|e| e.date == original.date)
        .collect();
    assert_eq!(
        on_day.len(),
        1,
        "one entry for {} ({}), found {on_day:#?}",
        original.date,
        original.id
    );
    on_day[0]
}

/// What `id` keeps of an entry: the text, the prompt and the mood (each of the three formats
/// has a place for them, see `describe_export`), the tags, the time of day. jrnl's own file
/// has no field to name a prompt: it quotes it above the text, and only a quote of one of
/// Tend's prompts is read back as a prompt.
fn assert_kept(id: &str, original: &Entry, back: &Entry) {
    let (prompt, body) = match &original.prompt {
        Some(p) if id == "jrnl-text" && tend::prompts::find(&p.id).is_none() => {
            (None, format!("> {}\n\n{}", p.text, original.body))
        }
        _ => (original.prompt.clone(), original.body.clone()),
    };
    assert_eq!(
        back.body.trim(),
        body.trim(),
        "{id}: the text of {}, without the prompt quoted above it",
        original.id
    );
    assert_eq!(
        back.prompt, prompt,
        "{id}: the prompt of {} comes back as its prompt",
        original.id
    );
    assert_eq!(
        back.mood, original.mood,
        "{id}: the mood of {}, its feelings included",
        original.id
    );
    let hyphened: Vec<String> = (original.tags.iter())
        .map(|t| t.replace(' ', "-"))
        .collect();
    let mut back_tags = back.tags.clone();
    let mut expected = if id == "jrnl-text" {
        hyphened
    } else {
        original.tags.clone()
    };
    back_tags.sort();
    expected.sort();
    assert_eq!(
        back_tags, expected,
        "{id}: the tags of {} and no more (the mood is not a tag once read back)",
        original.id
    );
    assert_eq!(
        back.created.format("%H:%M").to_string(),
        original.created.format("%H:%M").to_string(),
        "{id}: the time of day of {}",
        original.id
    );
}

#[test]
fn the_cross_format_import_adds_each_entry_once_with_its_prompt_and_mood() {
    let dir = tempfile::tempdir().unwrap();
    let store = journal(&dir.path().join("journal"));
    let originals: Vec<Entry> = store.entries().into_iter().cloned().collect();
    let files: Vec<(&str, std::path::PathBuf)> = ["jrnl", "dayone", "jrnl-text"]
        .into_iter()
        .map(|id| {
            let file = dir.path().join(format!("export-{id}"));
            export_bytes(&store, format(id), &file);
            (id, file)
        })
        .collect();
    for (first, first_file) in &files {
        for (second, second_file) in &files {
            if first == second {
                continue;
            }
            let place = dir.path().join(format!("{first}-then-{second}"));
            let mut fresh = Store::open(&place, at("2026-11-24T08:00:00Z")).unwrap();
            let report = tend::import::import(&mut fresh, format(first), first_file).unwrap();
            assert_eq!(
                (report.imported, report.duplicates, report.rejected.len()),
                (5, 0, 0),
                "{first} into an empty journal: {report:?}"
            );
            let report = tend::import::import(&mut fresh, format(second), second_file).unwrap();
            assert_eq!(
                (report.imported, report.duplicates, report.rejected.len()),
                (0, 5, 0),
                "{second} after {first}: each entry is here already, though {second} writes \
                 its prompt and mood otherwise: {report:?}"
            );
            assert_eq!(fresh.entries().len(), 5, "{first} then {second}: no copies");
            for original in &originals {
                assert_kept(first, original, imported(&fresh, original));
            }
        }
    }
}

/// Tend's Day One export before this change: the prompt folded into the text as a quote, no
/// field of Tend's, the mood left out.
fn dayone_as_tend_wrote_it() -> String {
    serde_json::json!({
        "metadata": {"version": "1.0"},
        "entries": [{
            "uuid": "C3D38A18F1147AB4C0058C1E0D186123",
            "creationDate": "2026-10-02T19:15:00Z",
            "modifiedDate": "2026-10-02T19:45:00Z",
            "timeZone": "Etc/GMT-1",
            "text": format!("> {CALM_OR_PANIC}\n\nCafé with Léa.\nI felt heard, & calmer <than> before."),
            "tags": ["friends"],
            "starred": true
        }, {
            "uuid": "C3D78A18F118638B672E6162F9E13F23",
            "creationDate": "2026-10-05T19:15:00Z",
            "timeZone": "Etc/GMT-1",
            "text": "> What did I notice today?\n\nNoticed the light.\n\nThen rain. 1. Walk, C:\\\\temp\\\\notes.",
            "tags": [],
            "starred": false
        }]
    })
    .to_string()
}

/// Tend's jrnl export before this change: no prompt, no mood.
const JRNL_AS_TEND_WROTE_IT: &str = r#"{"tags": {"@friends": 1}, "entries": [
  {"date": "2026-10-02", "time": "20:15", "title": "Café with Léa.", "body": "I felt heard, & calmer <than> before.", "starred": true, "tags": ["@friends"]},
  {"date": "2026-10-05", "time": "20:15", "title": "Noticed the light.", "body": "\nThen rain. 1. Walk, C:\\temp\\notes.", "starred": false, "tags": []}
]}"#;

#[test]
fn files_tend_wrote_before_the_prompt_had_a_field_still_match_and_keep_tends_prompts() {
    let dir = tempfile::tempdir().unwrap();
    let dayone = dir.path().join("old-dayone.json");
    fs::write(&dayone, dayone_as_tend_wrote_it()).unwrap();
    let jrnl = dir.path().join("old-jrnl.json");
    fs::write(&jrnl, JRNL_AS_TEND_WROTE_IT).unwrap();

    let mut store = Store::open(dir.path().join("a"), at("2026-11-24T08:00:00Z")).unwrap();
    let report = tend::import::import(&mut store, format("dayone"), &dayone).unwrap();
    assert_eq!(report.imported, 2, "{report:?}");
    let calm = store.entry("c3d38a18f1147ab4c0058c1e0d186123").unwrap();
    assert_eq!(
        calm.prompt,
        Some(EntryPrompt {
            id: "calm-or-panic".into(),
            text: CALM_OR_PANIC.into()
        }),
        "a quote that is one of Tend's prompts, the partner's name filled in, is that prompt"
    );
    assert_eq!(
        calm.body,
        "Café with Léa.\nI felt heard, & calmer <than> before."
    );
    let noticed = store.entry("c3d78a18f118638b672e6162f9e13f23").unwrap();
    assert_eq!(
        (noticed.prompt.as_ref(), noticed.body.as_str()),
        (
            None,
            "> What did I notice today?\n\nNoticed the light.\n\nThen rain. 1. Walk, C:\\temp\\notes."
        ),
        "a quote Tend does not know as a prompt is the writer's own text, and stays so"
    );
    let report = tend::import::import(&mut store, format("jrnl"), &jrnl).unwrap();
    assert_eq!(
        (report.imported, report.duplicates),
        (0, 2),
        "the jrnl file's entries are the Day One file's, the quoted prompt aside: {report:?}"
    );

    // The other way round: the jrnl file first, then the Day One file.
    let mut store = Store::open(dir.path().join("b"), at("2026-11-24T08:00:00Z")).unwrap();
    assert_eq!(
        tend::import::import(&mut store, format("jrnl"), &jrnl)
            .unwrap()
            .imported,
        2
    );
    let report = tend::import::import(&mut store, format("dayone"), &dayone).unwrap();
    assert_eq!(
        (report.imported, report.duplicates),
        (0, 2),
        "each Day One entry is one from the jrnl file, its quoted prompt aside: {report:?}"
    );
}

#[test]
fn entries_imported_before_with_the_prompt_in_their_text_are_recognised() {
    // An older Tend imported Day One's quote as text: the entry is here with the prompt in its
    // body. Tend's jrnl export of the same entry (the prompt in a field) matches it.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("a"), at("2026-11-24T08:00:00Z")).unwrap();
    let mut before = entry(
        "dayone-imported",
        "2026-10-05",
        "> What did I notice today?\n\nNoticed the light.",
    );
    before.created = time("2026-10-05T20:15:00+01:00");
    store.insert_entry(before).unwrap();

    let source = journal(&dir.path().join("journal"));
    let jrnl = dir.path().join("jrnl.json");
    export_bytes(&source, format("jrnl"), &jrnl);
    let written: serde_json::Value = serde_json::from_slice(&fs::read(&jrnl).unwrap()).unwrap();
    let mut second = written["entries"][1].clone();
    second["body"] = "".into();
    let one = serde_json::json!({"tags": {}, "entries": [second]});
    fs::write(&jrnl, one.to_string()).unwrap();

    let report = tend::import::import(&mut store, format("jrnl"), &jrnl).unwrap();
    assert_eq!(
        (report.imported, report.duplicates),
        (0, 1),
        "the same day and words, once the quoted prompt is set aside: {report:?}"
    );
}
