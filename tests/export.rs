//! Export and import: each exporter against a golden file (same input, same bytes); the
//! published jrnl and Day One shapes read right; bad files rejected with nothing changed; and
//! export to Tend JSON then import into an empty journal gives the same documents.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use chrono::DateTime;
use common::{at, day};
use proptest::prelude::*;
use serde_json::json;
use tend::entry::Source;
use tend::export::{ExportContext, Filter, Format, Kind};
use tend::import::ImportFormat;
use tend::vision::{Revision, Vision};
use tend::{Entry, EntryPrompt, Filling, FillingStatus, Mood, Store};

fn time(text: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn context() -> ExportContext {
    ExportContext {
        now: time("2026-11-23T21:00:00+01:00"),
        time_zone: "Europe/Paris".into(),
        voice: tend::Voice::new("Sam", tend::Pronouns::He),
    }
}

fn entry(id: &str, date: &str, body: &str) -> Entry {
    Entry {
        schema: 1,
        id: id.into(),
        date: day(date),
        prompt: None,
        body: body.into(),
        mood: None,
        tags: vec![],
        habits_done: vec![],
        source: None,
        created: time(&format!("{date}T20:15:00+01:00")),
        updated: time(&format!("{date}T20:45:00+01:00")),
    }
}

/// A small journal with fixed ids and times: two entries (accents, a prompt, a mood, tags), a
/// worksheet filling and a vision with two revisions.
fn fixture(dir: &Path) -> Store {
    let mut store = Store::open(dir, at("2026-11-23T21:00:00+01:00")).unwrap();
    let mut first = entry(
        "e1",
        "2026-10-02",
        "Café with Léa.\nI felt heard, & calmer <than> before.",
    );
    first.prompt = Some(EntryPrompt {
        id: "calm-or-panic".into(),
        text: "What would calm look like today?".into(),
    });
    first.mood = Some(Mood {
        score: 4,
        feelings: vec!["hopeful".into()],
    });
    first.tags = vec!["friends".into(), "starred".into()];
    store.insert_entry(first).unwrap();
    store
        .insert_entry(entry("e2", "2026-11-20", "A quiet walk."))
        .unwrap();
    store
        .insert_filling(Filling {
            schema: tend::filling::FILLING_SCHEMA,
            id: "f1".into(),
            worksheet: "love-languages".into(),
            date: day("2026-11-01"),
            status: FillingStatus::Complete,
            answers: BTreeMap::from([
                (
                    "his-ranking".into(),
                    json!(["time", "words", "touch", "service", "gifts"]),
                ),
                ("his-landed".into(), json!("The note in his coat.")),
            ]),
            created: time("2026-11-01T10:00:00+01:00"),
            updated: time("2026-11-01T10:30:00+01:00"),
        })
        .unwrap();
    let revision = |number: u32, text: &str| Revision {
        number,
        created: time("2026-11-05T09:00:00+01:00"),
        updated: time("2026-11-05T09:30:00+01:00"),
        sections: BTreeMap::from([("believe".into(), text.into())]),
        restored_from: None,
    };
    store
        .insert_vision(Vision {
            schema: 1,
            id: "grand-vision".into(),
            revisions: vec![
                revision(1, "I am enough."),
                revision(2, "I am enough, and learning."),
            ],
        })
        .unwrap();
    store
}

fn export_bytes(store: &Store, format: Format, dest: &Path) -> Vec<u8> {
    store
        .export(&Filter::default(), format, &context(), dest)
        .unwrap();
    fs::read(dest).unwrap()
}

/// Compares with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites it.
fn golden(name: &str, actual: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read(&path).unwrap_or_else(|_| panic!("no golden file {}", path.display()));
    assert!(
        expected == actual,
        "{name} differs from its golden file; if the change is intended run UPDATE_GOLDEN=1 cargo test --test export\n--- actual ---\n{}",
        String::from_utf8_lossy(actual)
    );
}

#[test]
fn each_exporter_matches_its_golden_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(&dir.path().join("journal"));
    for (format, name) in [
        (Format::Tend, "export.tend.json"),
        (Format::MdSingle, "export.md"),
        (Format::Html, "export.html"),
        (Format::Jrnl, "export.jrnl.json"),
    ] {
        golden(name, &export_bytes(&store, format, &dir.path().join(name)));
    }
    let zip = export_bytes(&store, Format::Dayone, &dir.path().join("dayone.zip"));
    let again = export_bytes(&store, Format::Dayone, &dir.path().join("dayone-2.zip"));
    assert_eq!(zip, again, "the Day One zip is the same bytes every time");
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    let mut journal = Vec::new();
    archive
        .by_name("Journal.json")
        .unwrap()
        .read_to_end(&mut journal)
        .unwrap();
    golden("export.dayone.json", &journal);
}

#[test]
fn the_markdown_folder_has_one_browsable_file_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(&dir.path().join("journal"));
    let out = dir.path().join("md");
    store
        .export(&Filter::default(), Format::Md, &context(), &out)
        .unwrap();
    let mut files: Vec<String> = walk(&out);
    files.sort();
    assert_eq!(
        files,
        [
            "entries/2026/2026-10-02 café-with-léa-i-felt-heard.md",
            "entries/2026/2026-11-20 a-quiet-walk.md",
            "visions/grand-vision-one-year-from-now.md",
            "worksheets/love-languages/2026-11-01.md",
        ]
    );
    let text =
        fs::read_to_string(out.join("entries/2026/2026-10-02 café-with-léa-i-felt-heard.md"))
            .unwrap();
    golden("export-folder-entry.md", text.as_bytes());
    let again = store.export(&Filter::default(), Format::Md, &context(), &out);
    assert!(
        again.is_err(),
        "an export never writes into a folder that has files"
    );
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for item in fs::read_dir(dir).unwrap() {
        let path = item.unwrap().path();
        if path.is_dir() {
            out.extend(
                walk(&path)
                    .into_iter()
                    .map(|p| format!("{}/{p}", path.file_name().unwrap().to_string_lossy())),
            );
        } else {
            out.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    out
}

#[test]
fn filters_choose_by_date_kind_tag_and_id() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(dir.path());
    let count = |filter: Filter| store.select(&filter).len();
    assert_eq!(count(Filter::default()), 4);
    assert_eq!(
        count(Filter {
            from: Some(day("2026-11-01")),
            ..Filter::default()
        }),
        3,
        "e2, f1, the vision"
    );
    assert_eq!(
        count(Filter {
            to: Some(day("2026-10-31")),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            kinds: vec![Kind::Worksheets, Kind::Visions],
            ..Filter::default()
        }),
        2
    );
    assert_eq!(
        count(Filter {
            tags: vec!["Friends".into()],
            ..Filter::default()
        }),
        1,
        "tags match in any case"
    );
    assert_eq!(
        count(Filter {
            ids: vec!["e2".into(), "f1".into()],
            ..Filter::default()
        }),
        2
    );
    let refs = store.select(&Filter::default()).refs();
    let titles: Vec<&str> = refs.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Café with Léa. I felt heard, & calmer",
            "A quiet walk.",
            "Love languages",
            "Grand Vision: one year from now"
        ],
        "each piece listed with a title a person recognises"
    );
    let empty = store.export(
        &Filter {
            tags: vec!["none".into()],
            ..Filter::default()
        },
        Format::Html,
        &context(),
        &dir.path().join("x.html"),
    );
    assert!(empty.unwrap_err().to_string().contains("nothing matches"));
}

#[test]
fn the_html_export_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(&dir.path().join("j"));
    let html = String::from_utf8(export_bytes(
        &store,
        Format::Html,
        &dir.path().join("x.html"),
    ))
    .unwrap();
    for forbidden in ["<script", "src=", "href=", "@import", "url("] {
        assert!(
            !html.contains(forbidden),
            "no {forbidden} in a self-contained file"
        );
    }
    assert!(
        html.contains("&amp; calmer &lt;than&gt;"),
        "text is escaped"
    );
    assert!(html.contains("@media print") && html.contains("break-before:page"));
}

#[test]
fn a_tend_export_imports_into_an_empty_journal_whole_and_only_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(&dir.path().join("a"));
    let file = dir.path().join("all.json");
    export_bytes(&store, Format::Tend, &file);
    let mut fresh = Store::open(dir.path().join("b"), at("2026-11-24T08:00:00Z")).unwrap();
    let report = fresh.import(ImportFormat::Tend, &file).unwrap();
    assert_eq!((report.imported, report.duplicates), (4, 0), "{report:?}");
    assert_eq!(fresh.entries(), store.entries());
    assert_eq!(fresh.all_fillings(), store.all_fillings());
    assert_eq!(
        fresh.all_visions(),
        store.all_visions(),
        "vision revisions included"
    );
    let again = fresh.import(ImportFormat::Tend, &file).unwrap();
    assert_eq!((again.imported, again.duplicates), (0, 4));
}

const JRNL: &str = r#"{
  "tags": {"@work": 1},
  "entries": [
    {"date": "2026-03-01", "time": "07:45", "title": "Early start.", "body": "Coffee, then the long walk.", "starred": true, "tags": ["@work"]},
    {"date": "2026-03-02", "time": "22:10", "title": "Short one.", "body": "", "starred": false, "tags": []}
  ]
}"#;

#[test]
fn a_jrnl_export_imports_with_dates_times_and_tags_and_only_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("jrnl.json");
    fs::write(&file, JRNL).unwrap();
    let mut store = common::open(&dir.path().join("j"));
    let report = store.import(ImportFormat::Jrnl, &file).unwrap();
    assert_eq!(report.imported, 2, "{report:?}");
    let early = store
        .entries()
        .into_iter()
        .find(|e| e.date == day("2026-03-01"))
        .unwrap()
        .clone();
    assert_eq!(early.body, "Early start.\nCoffee, then the long walk.");
    assert_eq!(early.created.format("%H:%M").to_string(), "07:45");
    assert_eq!(early.tags, ["work", "starred"]);
    let again = store.import(ImportFormat::Jrnl, &file).unwrap();
    assert_eq!(
        (again.imported, again.duplicates),
        (0, 2),
        "importing twice adds nothing"
    );
}

fn dayone_json() -> String {
    json!({
        "metadata": {"version": "1.0"},
        "entries": [
            {
                "uuid": "0F1E2D3C4B5A69788796A5B4C3D2E1F0",
                "creationDate": "2026-11-24T03:30:00Z",
                "modifiedDate": "2026-11-24T04:00:00Z",
                "timeZone": "America/New_York",
                "text": "Late thoughts\\. 1\\. Breathe \\- then sleep\\!",
                "tags": ["night"],
                "starred": true
            },
            {
                "uuid": "A1B2C3D4E5F60718293A4B5C6D7E8F90",
                "creationDate": "2026-06-01T10:00:00Z",
                "timeZone": "Asia/Tokyo",
                "text": "Morning in Tokyo.",
                "tags": [],
                "starred": false
            }
        ]
    })
    .to_string()
}

fn zipped(name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    writer
        .start_file(name, zip::write::SimpleFileOptions::default())
        .unwrap();
    writer.write_all(bytes).unwrap();
    writer.finish().unwrap().into_inner()
}

#[test]
fn a_day_one_export_lands_on_the_local_day_without_escapes_and_only_once() {
    let dir = tempfile::tempdir().unwrap();
    let zip_file = dir.path().join("dayone.zip");
    fs::write(&zip_file, zipped("Journal.json", dayone_json().as_bytes())).unwrap();
    let json_file = dir.path().join("Journal.json");
    fs::write(&json_file, dayone_json()).unwrap();

    let mut store = common::open(&dir.path().join("j"));
    let report = store.import(ImportFormat::Dayone, &zip_file).unwrap();
    assert_eq!(report.imported, 2, "{report:?}");
    let late = store.entry("0f1e2d3c4b5a69788796a5b4c3d2e1f0").unwrap();
    assert_eq!(
        late.date,
        day("2026-11-23"),
        "03:30 UTC is the evening before in New York"
    );
    assert_eq!(late.created.to_rfc3339(), "2026-11-23T22:30:00-05:00");
    assert_eq!(late.body, "Late thoughts. 1. Breathe - then sleep!");
    assert_eq!(late.tags, ["night", "starred"]);
    let tokyo = store.entry("a1b2c3d4e5f60718293a4b5c6d7e8f90").unwrap();
    assert_eq!(tokyo.created.to_rfc3339(), "2026-06-01T19:00:00+09:00");

    let again = store.import(ImportFormat::Dayone, &json_file).unwrap();
    assert_eq!(
        (again.imported, again.duplicates),
        (0, 2),
        "the zip and its Journal.json are the same entries"
    );
}

#[test]
fn bad_imports_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fixture(&dir.path().join("j"));
    let before = walk(&dir.path().join("j"));
    let cases: [(&str, ImportFormat, Vec<u8>, &str); 5] = [
        (
            "truncated.json",
            ImportFormat::Tend,
            b"{\"format\": \"tend-export\", \"entries\": [".to_vec(),
            "not a Tend export",
        ),
        (
            "jrnl-as-tend.json",
            ImportFormat::Tend,
            JRNL.as_bytes().to_vec(),
            "not a Tend export",
        ),
        (
            "tend-as-dayone.json",
            ImportFormat::Dayone,
            b"{\"entries\": 3}".to_vec(),
            "not a Day One JSON export",
        ),
        (
            "photos.zip",
            ImportFormat::Dayone,
            zipped("photo.jpg", b"\xff\xd8"),
            "no Journal.json",
        ),
        (
            "broken.zip",
            ImportFormat::Dayone,
            b"PK\x03\x04garbage".to_vec(),
            "cannot be read",
        ),
    ];
    for (name, format, bytes, expected) in cases {
        let file = dir.path().join(name);
        fs::write(&file, bytes).unwrap();
        let err = store.import(format, &file).unwrap_err().to_string();
        assert!(
            err.contains(expected) && err.contains(name),
            "{name}: {err}"
        );
    }
    assert_eq!(
        walk(&dir.path().join("j")),
        before,
        "the journal is untouched"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn export_then_import_gives_the_same_entries(
        bodies in proptest::collection::vec("\\PC{1,200}", 1..6),
        scores in proptest::collection::vec(proptest::option::of(1u8..=5), 6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = common::open(&dir.path().join("a"));
        for (n, body) in bodies.iter().enumerate() {
            let mut e = entry(&format!("p{n}"), "2026-01-01", body);
            e.mood = scores[n].map(|score| Mood { score, feelings: vec![] });
            e.source = (n % 2 == 0).then(|| Source { format: "jrnl".into(), id: format!("s{n}") });
            store.insert_entry(e).unwrap();
        }
        let file = dir.path().join("x.json");
        store.export(&Filter::default(), Format::Tend, &context(), &file).unwrap();
        let mut fresh = common::open(&dir.path().join("b"));
        fresh.import(ImportFormat::Tend, &file).unwrap();
        prop_assert_eq!(fresh.entries(), store.entries());
    }
}

#[test]
fn the_pdf_has_selectable_text_with_accents_and_a_page_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(&dir.path().join("j"));
    let file = dir.path().join("all.pdf");
    let bytes = export_bytes(&store, Format::Pdf, &file);
    assert!(bytes.starts_with(b"%PDF-"), "a real PDF");
    let again = export_bytes(&store, Format::Pdf, &dir.path().join("again.pdf"));
    assert!(bytes == again, "same input, same PDF bytes");
    let run = |tool: &str, args: &[&str]| {
        let out = std::process::Command::new(tool)
            .args(args)
            .output()
            .unwrap_or_else(|e| {
                panic!(
                    "{tool} is needed for this test (poppler-utils; `make test` installs it): {e}"
                )
            });
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run("pdftotext", &[file.to_str().unwrap(), "-"]);
    for expected in [
        "Café with Léa.",
        "I felt heard, & calmer <than> before.",
        "A quiet walk.",
        "Love languages",
        "1. Quality time",
        "I am enough, and learning.",
    ] {
        assert!(
            text.contains(expected),
            "the PDF's text has {expected:?}:\n{text}"
        );
    }
    let info = run("pdfinfo", &[file.to_str().unwrap()]);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.ends_with(" 4")),
        "one page per document: {info}"
    );
}

/// Regression (review): a newer schema is refused, not written as a file Tend then cannot read;
/// a different vision is reported, not silently counted as a duplicate.
#[test]
fn newer_documents_and_differing_visions_are_reported_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(&dir.path().join("a"));
    let file = dir.path().join("all.json");
    export_bytes(&store, Format::Tend, &file);
    let mut export: serde_json::Value = serde_json::from_slice(&fs::read(&file).unwrap()).unwrap();
    export["entries"][0]["schema"] = json!(99);
    fs::write(&file, serde_json::to_vec(&export).unwrap()).unwrap();

    let mut other = common::open(&dir.path().join("b"));
    other
        .save_vision(tend::vision::VisionDraft {
            exercise: "grand-vision".into(),
            session_revision: None,
            sections: BTreeMap::from([("be".into(), "my own words".into())]),
        })
        .unwrap();
    let report = other.import(ImportFormat::Tend, &file).unwrap();
    assert_eq!(report.imported, 2, "e2 and the filling: {report:?}");
    let reasons: Vec<&str> = report.rejected.iter().map(|r| r.reason.as_str()).collect();
    assert!(
        reasons.iter().any(|r| r.contains("newer Tend")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.contains("different vision")),
        "{reasons:?}"
    );
    assert_eq!(
        other.vision("grand-vision").unwrap().revisions[0].sections["be"],
        "my own words",
        "the vision here is left as it was"
    );
    assert!(
        common::open(&dir.path().join("b")).problems().is_empty(),
        "nothing unreadable was written"
    );
}

/// The app exports from a copy taken under the store's lock (so saves go on meanwhile); it must
/// give the same bytes as exporting from the store itself, which the golden files pin.
#[test]
fn exporting_a_snapshot_gives_the_same_bytes_as_exporting_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(&dir.path().join("j"));
    let direct = export_bytes(&store, Format::Html, &dir.path().join("direct.html"));
    let snapshot = store.snapshot(&Filter::default());
    drop(store);
    let copy = dir.path().join("copy.html");
    let count =
        tend::export::export(&snapshot.selection(), Format::Html, &context(), &copy).unwrap();
    assert_eq!(count, 4);
    assert!(
        fs::read(&copy).unwrap() == direct,
        "same document, same bytes"
    );
}
