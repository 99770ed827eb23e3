//! `tend search` (issue 13): finds what `tend write` wrote a moment before, its accents left
//! off, with filters, as text or as JSON.

mod common;

use common::{stderr, stdout, tend};

fn write(dir: &std::path::Path, date: &str, tag: &str, text: &str) -> String {
    let out = tend(dir, &["write", "--date", date, "--tag", tag], text);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).trim().to_string()
}

#[test]
fn search_finds_what_write_just_wrote_without_its_accents() {
    let dir = tempfile::tempdir().unwrap();
    let tuesday = write(
        dir.path(),
        "2026-12-01",
        "walk",
        "Tea at the Café, then a long walk.",
    );
    write(dir.path(), "2026-12-02", "home", "A quiet evening at home.");

    let out = tend(dir.path(), &["search", "cafe"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "one hit: {text}");
    assert!(
        text.contains(&tuesday) && text.contains("2026-12-01"),
        "{text}"
    );
    assert!(
        text.contains("Tea at the Café"),
        "the snippet shows it as written: {text}"
    );

    // Written after the index was first built: found too.
    let later = write(
        dir.path(),
        "2026-12-03",
        "walk",
        "Another café, another walk.",
    );
    let out = tend(
        dir.path(),
        &["search", "--json", "cafe", "--tag", "walk"],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let hits: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let hits = hits.as_array().expect("a JSON array of hits");
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert_eq!(hits[0]["id"], later.as_str(), "newest first");
    assert_eq!(hits[0]["kind"], "entries");
    assert_eq!(hits[0]["date"], "2026-12-03");
    assert_eq!(hits[1]["snippet"], "Tea at the Café, then a long walk.");

    let out = tend(dir.path(), &["search", "cafe", "--to", "2026-12-01"], "");
    assert_eq!(stdout(&out).lines().count(), 1, "--to narrows the dates");
    let out = tend(dir.path(), &["search", "\"long walk\""], "");
    assert!(
        stdout(&out).contains(&tuesday),
        "a quoted phrase: {}",
        stdout(&out)
    );
    let out = tend(dir.path(), &["search", "nowhere"], "");
    assert!(out.status.success());
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("Nothing found"), "{}", stderr(&out));
}
