//! Export: each exporter against a golden file (same input, same bytes); filters; what each
//! format says it will write.

mod common;

use std::fs;
use std::io::{Cursor, Read};
use std::path::Path;

use common::day;
use common::fixture::{context, export_bytes, fixture, format, walk};
use tend::export::{Filter, Kind};

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
        (format("tend"), "export.tend.json"),
        (format("md-single"), "export.md"),
        (format("html"), "export.html"),
        (format("jrnl"), "export.jrnl.json"),
    ] {
        golden(name, &export_bytes(&store, format, &dir.path().join(name)));
    }
    let zip = export_bytes(&store, format("dayone"), &dir.path().join("dayone.zip"));
    let again = export_bytes(&store, format("dayone"), &dir.path().join("dayone-2.zip"));
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
    tend::export::export_journal(&store, &Filter::default(), format("md"), &context(), &out)
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
    let again =
        tend::export::export_journal(&store, &Filter::default(), format("md"), &context(), &out);
    assert!(
        again.is_err(),
        "an export never writes into a folder that has files"
    );
}

#[test]
fn filters_choose_by_date_kind_tag_and_id() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(dir.path());
    let count = |filter: Filter| tend::selection::select(&store, &filter).len();
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
    let refs = tend::selection::select(&store, &Filter::default()).refs();
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
    let empty = tend::export::export_journal(
        &store,
        &Filter {
            tags: vec!["none".into()],
            ..Filter::default()
        },
        format("html"),
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
        format("html"),
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
fn the_pdf_has_selectable_text_with_accents_and_a_page_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(&dir.path().join("j"));
    let file = dir.path().join("all.pdf");
    let bytes = export_bytes(&store, format("pdf"), &file);
    assert!(bytes.starts_with(b"%PDF-"), "a real PDF");
    let again = export_bytes(&store, format("pdf"), &dir.path().join("again.pdf"));
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
/// The app exports from a copy taken under the store's lock (so saves go on meanwhile); it must
/// give the same bytes as exporting from the store itself, which the golden files pin.
#[test]
fn exporting_a_snapshot_gives_the_same_bytes_as_exporting_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(&dir.path().join("j"));
    let direct = export_bytes(&store, format("html"), &dir.path().join("direct.html"));
    let snapshot = tend::selection::snapshot(&store, &Filter::default());
    drop(store);
    let copy = dir.path().join("copy.html");
    let count =
        tend::export::export(&snapshot.selection(), format("html"), &context(), &copy).unwrap();
    assert_eq!(count, 4);
    assert!(
        fs::read(&copy).unwrap() == direct,
        "same document, same bytes"
    );
}

#[test]
fn each_format_says_what_it_will_write_of_a_selection() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(dir.path());
    let all = tend::selection::select(&store, &Filter::default());
    assert_eq!(
        tend::export::describe_export(format("jrnl"), &all),
        "2 journal entries; jrnl keeps the text, day, time, tags and star; the prompt and the \
         mood go in a field only Tend reads; ticked habits are left out; worksheets and visions \
         are not part of a jrnl JSON file",
        "what jrnl leaves out of an entry, then of the rest (issue 27, D10)"
    );
    let entries_only = tend::selection::select(
        &store,
        &Filter {
            kinds: vec![Kind::Entries],
            ..Filter::default()
        },
    );
    assert_eq!(
        tend::export::describe_export(format("jrnl-text"), &entries_only),
        "2 journal entries; jrnl keeps the text, day, time, tags and star; the prompt is quoted \
         above the text and the mood written as tags (@mood-4 @feeling-calm); ticked habits are \
         left out",
        "jrnl's own file has no field: the mood is in its tags"
    );
    assert_eq!(
        tend::export::describe_export(format("dayone"), &entries_only),
        "2 journal entries; Day One keeps the text, day, time, tags and star, and shows the \
         prompt quoted above the text; the mood goes in a field only Tend reads; ticked habits \
         are left out",
        "Day One shows the prompt, not the mood"
    );
    assert_eq!(
        tend::export::describe_export(format("md"), &all),
        "2 journal entries, 1 worksheet, 1 vision"
    );
    let worksheets_only = tend::selection::select(
        &store,
        &Filter {
            kinds: vec![Kind::Worksheets],
            ..Filter::default()
        },
    );
    assert_eq!(
        tend::export::describe_export(format("dayone"), &worksheets_only),
        "nothing; worksheets and visions are not part of a Day One file"
    );
    let err = tend::export::export_journal(
        &store,
        &worksheets_only
            .refs()
            .iter()
            .fold(Filter::default(), |mut f, r| {
                f.ids.push(r.id.clone());
                f
            }),
        format("dayone"),
        &context(),
        &dir.path().join("x.zip"),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("Day One") && err.contains("entries only"),
        "{err}"
    );
}

/// Issue 28: an entry is Markdown. The HTML export shows its formatting and keeps raw HTML as
/// the words it is; the Markdown export writes it as written; the PDF holds its words without
/// the marks; and each says when in the day it was written, so that four entries of one day
/// can be told apart.
#[test]
fn an_entry_in_markdown_is_formatted_in_html_as_written_in_markdown_and_plain_in_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let body = "# Sunday\n\n**Slept** well, *finally*.\n\n- tea\n- a walk\n\n\
                <script>alert(1)</script>\n\nSee [the group](https://example.org).";
    let mut store = common::open(&dir.path().join("journal"));
    store.save_entry(common::draft("2026-11-22", body)).unwrap();

    let html = String::from_utf8(export_bytes(
        &store,
        format("html"),
        &dir.path().join("a.html"),
    ))
    .unwrap();
    for shown in [
        "<h3>Sunday</h3>",
        "<strong>Slept</strong>",
        "<em>finally</em>",
        "<li>tea</li>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "the group (https://example.org)",
        "time: 21:15",
    ] {
        assert!(html.contains(shown), "{shown} in {html}");
    }
    assert!(!html.contains("<script") && !html.contains("<a "), "{html}");

    let md = String::from_utf8(export_bytes(
        &store,
        format("md-single"),
        &dir.path().join("a.md"),
    ))
    .unwrap();
    assert!(md.contains(body), "the body as written: {md}");
    assert!(md.contains("21:15"), "{md}");

    let pdf = dir.path().join("a.pdf");
    fs::write(&pdf, export_bytes(&store, format("pdf"), &pdf)).unwrap();
    let text = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils, which make test installs) reads the PDF");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Slept well, finally."), "{text}");
    assert!(text.contains("- tea") && text.contains("21:15"), "{text}");
    assert!(!text.contains("**") && !text.contains("# Sunday"), "{text}");

    // Tagged, for a screen reader: pdfinfo says so, and its structure reads in order, the
    // entry's day a heading and her words paragraphs (the page number left out).
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
        "{info}"
    );
    let structure = std::process::Command::new("pdfinfo")
        .args(["-struct-text"])
        .arg(&pdf)
        .output()
        .unwrap();
    let structure = String::from_utf8_lossy(&structure.stdout);
    let at = |what: &str| {
        structure
            .find(what)
            .unwrap_or_else(|| panic!("{what} in {structure}"))
    };
    assert!(at("H1") < at("November 22, 2026") && at("November 22, 2026") < at("Slept well"));
    assert!(at("P ") < at("Slept well"), "{structure}");
    assert!(
        !structure.contains("1 / 1"),
        "the page number is no text: {structure}"
    );
}
