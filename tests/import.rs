//! Import: the published jrnl and Day One shapes read right; bad files are refused with nothing
//! changed; a Tend export imports whole into an empty journal, and only once.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::{Cursor, Write};

use common::fixture::{context, entry, export_bytes, fixture, format, walk};
use common::{at, day};
use proptest::prelude::*;
use serde_json::json;
use tend::entry::Source;
use tend::export::Filter;
use tend::formats::Descriptor;
use tend::{Mood, Store};

#[test]
fn a_tend_export_imports_into_an_empty_journal_whole_and_only_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(&dir.path().join("a"));
    let file = dir.path().join("all.json");
    export_bytes(&store, format("tend"), &file);
    let mut fresh = Store::open(dir.path().join("b"), at("2026-11-24T08:00:00Z")).unwrap();
    let report = fresh.import(format("tend"), &file).unwrap();
    assert_eq!((report.imported, report.duplicates), (4, 0), "{report:?}");
    assert_eq!(fresh.entries(), store.entries());
    assert_eq!(fresh.all_fillings(), store.all_fillings());
    assert_eq!(
        fresh.all_visions(),
        store.all_visions(),
        "vision revisions included"
    );
    let again = fresh.import(format("tend"), &file).unwrap();
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
    let report = store.import(format("jrnl"), &file).unwrap();
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
    let again = store.import(format("jrnl"), &file).unwrap();
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
    let report = store.import(format("dayone"), &zip_file).unwrap();
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

    let again = store.import(format("dayone"), &json_file).unwrap();
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
    let cases: [(&str, &Descriptor, Vec<u8>, &str); 5] = [
        (
            "truncated.json",
            format("tend"),
            b"{\"format\": \"tend-export\", \"entries\": [".to_vec(),
            "not a Tend export",
        ),
        (
            "jrnl-as-tend.json",
            format("tend"),
            JRNL.as_bytes().to_vec(),
            "not a Tend export",
        ),
        (
            "tend-as-dayone.json",
            format("dayone"),
            b"{\"entries\": 3}".to_vec(),
            "not a Day One JSON export",
        ),
        (
            "photos.zip",
            format("dayone"),
            zipped("photo.jpg", b"\xff\xd8"),
            "no Journal.json",
        ),
        (
            "broken.zip",
            format("dayone"),
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
        store.export(&Filter::default(), format("tend"), &context(), &file).unwrap();
        let mut fresh = common::open(&dir.path().join("b"));
        fresh.import(format("tend"), &file).unwrap();
        prop_assert_eq!(fresh.entries(), store.entries());
    }
}

/// Regression (review): a newer schema is refused, not written as a file Tend then cannot read;
/// a different vision is reported, not silently counted as a duplicate.
#[test]
fn newer_documents_and_differing_visions_are_reported_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(&dir.path().join("a"));
    let file = dir.path().join("all.json");
    export_bytes(&store, format("tend"), &file);
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
    let report = other.import(format("tend"), &file).unwrap();
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
