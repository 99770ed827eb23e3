//! Search (issue 13): words found whatever their case and accents, prefixes, phrases, filters,
//! and an index that follows every change (the app's, and edits made outside Tend).

mod common;

use std::collections::BTreeMap;
use std::fs;

use tend::export::Kind;
use tend::search::{Found, SearchRequest};
use tend::{FillingDraft, FillingStatus, Store};

fn find(store: &mut Store, text: &str) -> Found {
    let request = SearchRequest {
        text: text.into(),
        ..SearchRequest::default()
    };
    tend::search::search(store, &request).unwrap()
}

fn ids(found: &Found) -> Vec<&str> {
    found.hits.iter().map(|h| h.id.as_str()).collect()
}

/// What the snippet shows, matches in [brackets].
fn marked(found: &Found, n: usize) -> String {
    (found.hits[n].snippet.iter())
        .map(|p| {
            if p.hit {
                format!("[{}]", p.text)
            } else {
                p.text.clone()
            }
        })
        .collect()
}

#[test]
fn a_word_without_its_accent_finds_it_and_the_snippet_marks_it_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    let cafe = (store.save_entry(common::draft(
        "2026-11-17",
        "Coffee at the Café on the corner.",
    )))
    .unwrap();
    store
        .save_entry(common::draft("2026-11-18", "A naïve hope, maybe."))
        .unwrap();
    store
        .save_entry(common::draft("2026-11-19", "Nothing of the sort."))
        .unwrap();

    let found = find(&mut store, "cafe");
    assert_eq!(ids(&found), [cafe.id.as_str()], "cafe finds Café");
    assert_eq!(marked(&found, 0), "Coffee at the [Café] on the corner.");
    let at = found.hits[0]
        .at
        .expect("an entry hit says where the match is");
    assert_eq!(
        at,
        (14, 18),
        "UTF-16 offsets of Café, for the editor's selection"
    );
    assert_eq!(
        find(&mut store, "NAIVE").total,
        1,
        "case and accents do not matter"
    );
    assert_eq!(
        find(&mut store, "ca").total,
        1,
        "a word finds the words it begins"
    );
    assert_eq!(
        find(&mut store, "afe").total,
        0,
        "but not the middle of a word"
    );
}

#[test]
fn a_phrase_needs_its_words_in_order_and_every_word_must_match() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    let calm = store
        .save_entry(common::draft("2026-11-17", "The sea was calm today."))
        .unwrap();
    store
        .save_entry(common::draft("2026-11-18", "Was the sea calm? No."))
        .unwrap();

    assert_eq!(
        find(&mut store, "sea calm").total,
        2,
        "both have both words"
    );
    let phrase = find(&mut store, "\"sea was\"");
    assert_eq!(
        ids(&phrase),
        [calm.id.as_str()],
        "only one has them in that order"
    );
    assert_eq!(marked(&phrase, 0), "The [sea] [was] calm today.");
    assert_eq!(
        find(&mut store, "sea storm").total,
        0,
        "every word must be there"
    );
}

#[test]
fn filters_narrow_by_kind_tag_mood_dates_and_star_and_hits_come_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    let mut old = common::draft("2026-10-01", "A walk in the rain.");
    old.tags = vec!["walk".into(), tend::entry::STARRED.into()];
    let old = store.save_entry(old).unwrap();
    let mut low = common::draft("2026-11-10", "Walked alone, heavy day.");
    low.mood.as_mut().unwrap().score = 1;
    let low = store.save_entry(low).unwrap();
    let filling = store
        .save_filling(FillingDraft {
            id: None,
            worksheet: "self-awareness".into(),
            date: common::day("2026-11-12"),
            status: FillingStatus::Complete,
            answers: BTreeMap::from([("patterns".into(), serde_json::json!("Long walks help."))]),
        })
        .unwrap();

    let all = find(&mut store, "walk");
    assert_eq!(
        ids(&all),
        [&filling.id, &low.id, &old.id],
        "newest first, every kind"
    );
    assert_eq!(all.hits[0].kind, Kind::Worksheets);
    assert_eq!(all.hits[0].worksheet.as_deref(), Some("self-awareness"));
    let with = |change: fn(&mut SearchRequest)| {
        let mut request = SearchRequest {
            text: "walk".into(),
            ..SearchRequest::default()
        };
        change(&mut request);
        request
    };
    let mut search = |request: SearchRequest| {
        let found = tend::search::search(&mut store, &request).unwrap();
        found.hits.into_iter().map(|h| h.id).collect::<Vec<_>>()
    };
    assert_eq!(
        search(with(|r| r.kinds = vec![Kind::Entries])),
        [low.id.as_str(), old.id.as_str()]
    );
    assert_eq!(
        search(with(|r| r.tags = vec!["WALK".into()])),
        [old.id.as_str()],
        "tags, any case"
    );
    assert_eq!(search(with(|r| r.mood = Some(1))), [low.id.as_str()]);
    assert_eq!(search(with(|r| r.starred = true)), [old.id.as_str()]);
    assert_eq!(
        search(with(|r| r.from = Some(common::day("2026-11-01")))),
        [filling.id.as_str(), low.id.as_str()]
    );
    assert_eq!(
        search(with(|r| r.to = Some(common::day("2026-10-31")))),
        [old.id.as_str()]
    );
    let starred_only = SearchRequest {
        starred: true,
        ..SearchRequest::default()
    };
    assert_eq!(
        search(starred_only),
        [old.id.as_str()],
        "filters alone list what they keep"
    );
}

#[test]
fn the_index_follows_edits_deletes_and_changes_made_outside_tend() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    let entry = store
        .save_entry(common::draft("2026-11-17", "Lighthouse at dusk."))
        .unwrap();
    let other = store
        .save_entry(common::draft("2026-11-18", "Harbour lights."))
        .unwrap();
    assert_eq!(find(&mut store, "lighthouse").total, 1);

    let mut edit = tend::EntryDraft::of(&entry);
    edit.body = "Orchard at dawn.".into();
    store.save_entry(edit).unwrap();
    assert_eq!(
        find(&mut store, "lighthouse").total,
        0,
        "old words no longer find it"
    );
    assert_eq!(find(&mut store, "orchard").total, 1, "new ones do");
    store.delete(&other.id).unwrap();
    assert_eq!(
        find(&mut store, "harbour").total,
        0,
        "a deleted entry is not found"
    );
    drop(store);

    // Edited in another editor while Tend was closed: the next search sees the new words.
    let path = common::open(dir.path())
        .entry_path(&entry.id)
        .unwrap()
        .to_path_buf();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("Orchard at dawn.", "Meadow at noon.");
    fs::write(&path, text).unwrap();
    let mut store = common::open(dir.path());
    assert_eq!(find(&mut store, "orchard").total, 0);
    assert_eq!(
        find(&mut store, "meadow").total,
        1,
        "an edit made outside Tend is found"
    );
}

#[test]
fn a_missing_or_damaged_index_is_built_again_from_the_documents() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    store
        .save_entry(common::draft("2026-11-17", "Lantern by the gate."))
        .unwrap();
    assert_eq!(find(&mut store, "lantern").total, 1);
    drop(store);
    let index = tend::paths::cache_dir(dir.path()).join(".search");
    fs::write(&index, b"TENDSRC1 not an index at all").unwrap();
    assert_eq!(
        find(&mut common::open(dir.path()), "lantern").total,
        1,
        "rebuilt after damage"
    );
    fs::remove_file(&index).unwrap();
    assert_eq!(
        find(&mut common::open(dir.path()), "lantern").total,
        1,
        "rebuilt when missing"
    );
    assert!(index.is_file(), "and written again");
}

#[test]
fn many_hits_are_counted_in_full_and_shown_up_to_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    for n in 1..=9 {
        let body = format!("Day {n}: the same quiet street.");
        store
            .save_entry(common::draft(&format!("2026-11-0{n}"), &body))
            .unwrap();
    }
    let request = |text: &str| SearchRequest {
        text: text.into(),
        limit: Some(3),
        ..SearchRequest::default()
    };
    let found = tend::search::search(&mut store, &request("quiet")).unwrap();
    assert_eq!((found.hits.len(), found.total), (3, 9));
    assert_eq!(
        found.hits[0].date,
        common::day("2026-11-09"),
        "the newest first"
    );
    let phrase = tend::search::search(&mut store, &request("\"quiet street\"")).unwrap();
    assert_eq!(
        (phrase.hits.len(), phrase.total),
        (3, 9),
        "phrases are counted past the limit"
    );
}

#[test]
fn a_phrase_of_very_common_words_is_counted_up_to_a_bound_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    for n in 0..2_100 {
        let body = if n % 2 == 0 {
            "the quiet street"
        } else {
            "street, the quiet"
        };
        let date = common::day("2020-01-01") + chrono::Days::new(n);
        store
            .save_entry(common::draft(&date.to_string(), body))
            .unwrap();
    }
    let request = SearchRequest {
        text: "\"quiet street\"".into(),
        limit: Some(10),
        ..SearchRequest::default()
    };
    let found = tend::search::search(&mut store, &request).unwrap();
    assert_eq!(found.hits.len(), 10, "the hits shown are checked");
    assert!(found
        .hits
        .iter()
        .all(|h| h.snippet_text() == "the quiet street"));
    assert!(
        !found.exact,
        "2,100 documents have both words: not all were read"
    );
    // Ten found among the twenty newest; the 2,080 older ones have both words, unchecked.
    assert_eq!(
        found.total,
        10 + 2_080,
        "at most: the hits, and the rest having both words"
    );
}

/// Sets a folder's modification time an hour back, as if its last save were long done.
fn settle(path: &std::path::Path) {
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::open(path).unwrap().set_modified(old).unwrap();
}

#[test]
fn tend_search_answers_from_the_index_alone_until_a_folder_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    let entry = store
        .save_entry(common::draft("2026-11-17", "A lantern by the gate."))
        .unwrap();
    drop(store);
    for folder in ["entries/2026", "entries"] {
        settle(&dir.path().join(folder));
    }
    let request = SearchRequest {
        text: "lantern".into(),
        ..SearchRequest::default()
    };
    let opened = tend::search::search(&mut common::open(dir.path()), &request).unwrap();
    let quick = tend::search::search_unopened(dir.path(), None, &request)
        .unwrap()
        .expect("nothing saved since: answered without opening the journal");
    assert_eq!(
        quick, opened,
        "the same hits, snippets and count either way"
    );
    assert_eq!(ids(&quick), [entry.id.as_str()]);

    // A save anywhere (here, `tend write`'s way: another entry) and the index is not whole.
    let mut store = common::open(dir.path());
    store
        .save_entry(common::draft("2026-11-18", "Another lantern."))
        .unwrap();
    drop(store);
    let after = tend::search::search_unopened(dir.path(), None, &request).unwrap();
    assert!(
        after.is_none(),
        "a folder changed: the journal must be opened"
    );
    assert_eq!(
        tend::search::search(&mut common::open(dir.path()), &request)
            .unwrap()
            .total,
        2
    );
}

#[test]
fn a_tag_or_mood_changed_without_a_word_changed_is_seen_by_the_filters() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    let entry = store
        .save_entry(common::draft("2026-11-17", "Lantern light."))
        .unwrap();
    let tagged = |store: &mut tend::Store, tag: &str| {
        let request = SearchRequest {
            text: "lantern".into(),
            tags: vec![tag.into()],
            ..SearchRequest::default()
        };
        tend::search::search(store, &request).unwrap().total
    };
    assert_eq!(tagged(&mut store, "evening"), 1);
    let mut edit = tend::EntryDraft::of(&entry);
    edit.tags = vec!["morning".into()];
    store.save_entry(edit).unwrap();
    assert_eq!(
        tagged(&mut store, "evening"),
        0,
        "the old tag no longer keeps it"
    );
    assert_eq!(tagged(&mut store, "morning"), 1, "the new one does");
}

/// Issue 28: a snippet shows her words, not Markdown's marks ("a **calm** evening" reads "a
/// calm evening"), a phrase is found across a mark, and the editor still selects the word
/// where it stands in what she wrote, marks and all.
#[test]
fn a_snippet_shows_words_without_markdown_marks_and_selects_the_word_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    let body = "# Sunday\n\nA **calm** evening, *at last*.\n\n- [the park](https://example.org)";
    let entry = store.save_entry(common::draft("2026-11-17", body)).unwrap();

    let found = find(&mut store, "calm");
    assert_eq!(ids(&found), [entry.id.as_str()]);
    let shown = marked(&found, 0);
    assert!(shown.contains("A [calm] evening, at last."), "{shown}");
    assert!(!shown.contains("**") && !shown.contains("# "), "{shown}");
    let at = found.hits[0]
        .at
        .expect("where the word is, in what she wrote");
    let utf16 = |s: &str| s.encode_utf16().count() as u32;
    let start = utf16(&body[..body.find("calm").unwrap()]);
    assert_eq!(
        at,
        (start, start + 4),
        "the editor selects calm between its stars"
    );

    let phrase = find(&mut store, "\"calm evening\"");
    assert_eq!(phrase.total, 1, "a phrase across a mark is found");
    assert_eq!(ids(&phrase), [entry.id.as_str()]);
    assert!(
        marked(&phrase, 0).contains("[calm] [evening]"),
        "{}",
        marked(&phrase, 0)
    );
    let link = marked(&find(&mut store, "park"), 0);
    assert!(
        link.contains("the [park]") && !link.contains("]("),
        "{link}"
    );
}
