//! Import: the published jrnl and Day One shapes read right; bad files are refused with nothing
//! changed; a Tend export imports whole into an empty journal, and only once.

mod common;

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
    let report = tend::import::import(&mut fresh, format("tend"), &file).unwrap();
    assert_eq!((report.imported, report.duplicates), (4, 0), "{report:?}");
    assert_eq!(fresh.entries(), store.entries());
    assert_eq!(fresh.all_fillings(), store.all_fillings());
    assert_eq!(
        fresh.all_visions(),
        store.all_visions(),
        "vision revisions included"
    );
    let again = tend::import::import(&mut fresh, format("tend"), &file).unwrap();
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
    let report = tend::import::import(&mut store, format("jrnl"), &file).unwrap();
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
    let again = tend::import::import(&mut store, format("jrnl"), &file).unwrap();
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
    let report = tend::import::import(&mut store, format("dayone"), &zip_file).unwrap();
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

    let again = tend::import::import(&mut store, format("dayone"), &json_file).unwrap();
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
        let err = tend::import::import(&mut store, format, &file)
            .unwrap_err()
            .to_string();
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
        tend::export::export_journal(&store, &Filter::default(), format("tend"), &context(), &file).unwrap();
        let mut fresh = common::open(&dir.path().join("b"));
        tend::import::import(&mut fresh, format("tend"), &file).unwrap();
        prop_assert_eq!(fresh.entries(), store.entries());
    }
}

/// Issue 23, item 6: a 17 MB Day One `uuid` imported as "Imported 1" and wrote an entry file
/// past the 16 MB Tend reads, which it then refused to read or delete.
#[test]
fn a_17_mb_dayone_uuid_imports_as_an_entry_tend_reads_again_and_deletes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Journal.json");
    let uuid = "A".repeat(17 * 1024 * 1024);
    let journal = json!({
        "metadata": {"version": "1.0"},
        "entries": [{"uuid": uuid, "creationDate": "2026-11-20T10:00:00Z", "text": "Hello."}]
    });
    fs::write(&file, serde_json::to_vec(&journal).unwrap()).unwrap();
    let root = dir.path().join("j");
    let mut store = common::open(&root);
    let report = tend::import::import(&mut store, format("dayone"), &file).unwrap();
    assert_eq!(report.imported, 1, "the writing is fine: {report:?}");

    let mut again = common::open(&root);
    assert!(
        again.problems().is_empty(),
        "every file the import wrote reads back: {:?}",
        again.problems()
    );
    let entry = again.entries()[0].clone();
    assert_eq!(entry.body, "Hello.");
    let source = entry
        .source
        .as_ref()
        .expect("a Day One entry keeps its source");
    assert!(
        source.id.len() <= 64,
        "an over-long uuid is kept as its hash, not whole ({} bytes)",
        source.id.len()
    );
    let twice = tend::import::import(&mut again, format("dayone"), &file).unwrap();
    assert_eq!(
        (twice.imported, twice.duplicates),
        (0, 1),
        "the hash still knows the entry on a second import"
    );
    again.delete(&entry.id).expect("the entry can be deleted");
}

/// Issue 23, item 6: every field that is stored on import has a limit, and a value past it is
/// refused by name, in a message a person can read (it once quoted the value whole).
#[test]
fn over_long_fields_are_refused_by_name_in_a_short_message() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(1024 * 1024);
    let entry = |id: &str, source_id: &str| {
        json!({
            "schema": 1, "id": id, "date": "2026-11-20", "body": "Hello.", "tags": [],
            "source": {"format": "dayone", "id": source_id},
            "created": "2026-11-20T10:00:00Z", "updated": "2026-11-20T10:00:00Z"
        })
    };
    let tend_export = json!({
        "format": "tend-export", "version": 1, "exported": "2026-11-23T21:00:00Z",
        "entries": [entry("e-long-source", &long), entry(&long, "S1")],
        "fillings": [{
            "schema": 3, "id": "f1", "worksheet": long, "date": "2026-11-20",
            "status": "complete", "answers": {},
            "created": "2026-11-20T10:00:00Z", "updated": "2026-11-20T10:00:00Z"
        }],
        "visions": [{"schema": 1, "id": long, "revisions": []}]
    });
    let jrnl = json!({"entries": [
        {"date": "2026-11-20", "time": "10:00", "title": "t".repeat(2_100_000), "body": ""},
        {"date": long, "time": "10:00", "title": "A day.", "body": ""}
    ]});
    let minidiary = json!({"entries": {long.clone(): {"title": "", "text": "Hi"}}});
    let dayone = json!({"metadata": {"version": "1.0"}, "entries": [
        {"uuid": "0F1E2D3C4B5A69788796A5B4C3D2E1F0", "creationDate": long, "text": "Hi"}
    ]});
    let cases = [
        (
            "tend",
            tend_export,
            4,
            ["source:", "id:", "worksheet:", "exercise"].as_slice(),
        ),
        ("jrnl", jrnl, 2, &["body:", "date"]),
        ("minidiary", minidiary, 1, &["date"]),
        ("dayone", dayone, 1, &["date"]),
    ];
    let root = dir.path().join("j");
    let mut store = common::open(&root);
    for (name, document, refused, named) in cases {
        let file = dir.path().join(format!("{name}.json"));
        fs::write(&file, serde_json::to_vec(&document).unwrap()).unwrap();
        let report = tend::import::import(&mut store, format(name), &file).unwrap();
        assert_eq!(
            (report.imported, report.rejected.len()),
            (0, refused),
            "{name}: each over-long piece is refused: {:?}",
            report
                .rejected
                .iter()
                .map(|r| &r.reason)
                .collect::<Vec<_>>()
        );
        let said: Vec<String> = (report.rejected.iter())
            .map(|r| format!("{}: {}", r.item, r.reason))
            .collect();
        for said in &said {
            assert!(
                said.len() < 400,
                "{name}: a refusal quotes no more of a value than a person can read ({} \
                 bytes): {}",
                said.len(),
                said.chars().take(300).collect::<String>()
            );
        }
        for field in named {
            assert!(
                said.iter().any(|s| s.contains(field)),
                "{name}: a refusal names the field {field}: {said:?}"
            );
        }
    }
    assert!(
        common::open(&root).problems().is_empty(),
        "nothing unreadable was written"
    );
}

/// Issue 23, item 6: each answer of a filling has a limit, and together they could still make
/// a file past the 16 MB Tend reads back: such a filling is refused, not written.
#[test]
fn a_filling_too_large_for_tend_to_read_back_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // 16 answers of 200,000 characters that JSON writes six bytes each ("\u0001"): 19 MB.
    let answer = "\u{1}".repeat(200_000);
    let export = json!({
        "format": "tend-export", "version": 1, "exported": "2026-11-23T21:00:00Z",
        "fillings": [{
            "schema": 3, "id": "f1", "worksheet": "core-needs", "date": "2026-11-20",
            "status": "complete", "answers": {"partner-told-me": vec![answer; 16]},
            "created": "2026-11-20T10:00:00Z", "updated": "2026-11-20T10:00:00Z"
        }]
    });
    let file = dir.path().join("big.json");
    fs::write(&file, serde_json::to_vec(&export).unwrap()).unwrap();
    let root = dir.path().join("j");
    let report = tend::import::import(&mut common::open(&root), format("tend"), &file).unwrap();
    assert_eq!(report.imported, 0, "{:?}", report.rejected);
    assert!(
        report.rejected[0].reason.contains("MB Tend reads back"),
        "{:?}",
        report.rejected
    );
    assert!(
        common::open(&root).problems().is_empty(),
        "no file Tend cannot read was written"
    );
}
