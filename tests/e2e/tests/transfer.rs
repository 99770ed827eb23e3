//! Export and import in the real app, through the system file dialog.

use std::fs;

use tend::{EntryDraft, Mood, Store, SystemClock};
use tend_e2e::{answer_file_dialog, render_page, run, with_app, Dialog};

const JRNL: &str = r#"{"tags": {"@walk": 1}, "entries": [
  {"date": "2026-03-01", "time": "07:45", "title": "Early start.", "body": "Coffee, then the long walk.", "starred": false, "tags": ["@walk"]},
  {"date": "2026-03-02", "time": "22:10", "title": "Short one.", "body": "", "starred": true, "tags": []}
]}"#;

#[test]
fn export_to_html_and_pdf_and_import_a_jrnl_file_twice() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("journal");
    let out = dir.path().join("out");
    fs::create_dir_all(&out).unwrap();
    let mut store = Store::open(&data, Box::new(SystemClock)).unwrap();
    store
        .save_entry(EntryDraft {
            id: None,
            date: "2026-11-02".parse().unwrap(),
            prompt: None,
            body: "Un café avec Léa; I felt calmer.".into(),
            mood: Some(Mood {
                score: 4,
                feelings: vec![],
            }),
            tags: vec!["friends".into()],
            habits_done: vec![],
            base: None,
        })
        .unwrap();
    drop(store);
    let jrnl = dir.path().join("jrnl.json");
    fs::write(&jrnl, JRNL).unwrap();

    let (html, pdf) = (out.join("journal.html"), out.join("journal.pdf"));
    let chosen = out.join("chosen.json");
    let (html2, pdf2, jrnl2, chosen2) = (html.clone(), pdf.clone(), jrnl.clone(), chosen.clone());
    run(async move {
        with_app(&data, |app| async move {
            app.click("nav-transfer").await;
            app.wait_text("export-count", "what it writes", |t| {
                t.contains("1 journal entry")
            })
            .await;
            app.click("format-html").await;
            app.click("export-run").await;
            answer_file_dialog("Export from Tend", Dialog::Save, &html2).await;
            let done = app
                .wait_text("export-done", "done", |t| t.contains("Exported 1"))
                .await;
            assert!(done.contains("journal.html"), "{done}");

            app.click("format-pdf").await;
            app.click("export-run").await;
            answer_file_dialog("Export from Tend", Dialog::Save, &pdf2).await;
            app.wait_text("export-done", "done", |t| t.contains("journal.pdf"))
                .await;

            for round in ["first", "second"] {
                app.select("import-format", "jrnl").await;
                app.click("import-run").await;
                answer_file_dialog("Import into Tend", Dialog::Open, &jrnl2).await;
                let report = app
                    .wait_text("import-report", "a report", |t| t.contains("Imported"))
                    .await;
                let expected = if round == "first" {
                    "Imported 2; 0 already here"
                } else {
                    "Imported 0; 2 already here"
                };
                assert!(report.contains(expected), "{round} import: {report}");
            }
            // The export counts the imported entries at once (issue 27, D13: it said the
            // count from before until the page was left).
            app.wait_text("export-count", "three entries", |t| {
                t.contains("3 journal entries")
            })
            .await;
            app.screenshot("30-export-import").await;
            // Nothing to export says why, rather than a button that does nothing (D13).
            app.type_into("export-tags", "no-such-tag").await;
            app.wait_text("export-count", "why nothing", |t| {
                t.contains("Nothing to export")
            })
            .await;
            // Typed away as she would (Backspace), so the field hears each key.
            let back = "\u{E003}".repeat("no-such-tag".len());
            app.type_into("export-tags", &back).await;

            // Choose one particular piece and export only that.
            app.wait_text("export-count", "three entries", |t| {
                t.contains("3 journal entries")
            })
            .await;
            app.click("choose-toggle").await;
            let first = &app.find_all("choose-doc").await[0];
            first.click().await.unwrap();
            app.wait_text("export-count", "one chosen", |t| {
                t.contains("1 journal entry")
            })
            .await;
            app.click("format-tend").await;
            app.click("export-run").await;
            answer_file_dialog("Export from Tend", Dialog::Save, &chosen2).await;
            app.wait_text("export-done", "done", |t| t.contains("Exported 1"))
                .await;
            app.click("nav-entries").await;
            assert_eq!(
                app.find_all("entry-row").await.len(),
                3,
                "the two jrnl entries are in the list"
            );
        })
        .await;
    });
    assert!(
        fs::read(&pdf).unwrap().starts_with(b"%PDF-"),
        "a PDF was written"
    );
    let backup: serde_json::Value = serde_json::from_slice(&fs::read(&chosen).unwrap()).unwrap();
    assert_eq!(
        backup["entries"].as_array().unwrap().len(),
        1,
        "only the chosen piece"
    );
    // The HTML export, opened in a real browser engine: it renders, self-contained.
    let dom = render_page(&html, "31-html-export-rendered");
    assert!(
        dom.contains("<article>"),
        "the page rendered its documents: {dom}"
    );
    assert!(
        dom.contains("Un café avec Léa; I felt calmer."),
        "accents render: {dom}"
    );
}

/// A long import shows how far it has come, and the app stays usable meanwhile (issue 10).
#[test]
fn a_long_import_shows_its_progress() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("journal");
    let file = dir.path().join("long.json");
    let entries: Vec<String> = (0..1500)
        .map(|n| {
            let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
                + chrono::Days::new(n as u64);
            format!(
                r#"{{"date": "{day}", "time": "21:00", "title": "Evening {n}.", "body": "A quiet one.", "starred": false, "tags": []}}"#
            )
        })
        .collect();
    fs::write(
        &file,
        format!(r#"{{"tags": {{}}, "entries": [{}]}}"#, entries.join(",")),
    )
    .unwrap();
    run(async move {
        with_app(&data, |app| async move {
            app.click("nav-transfer").await;
            app.select("import-format", "jrnl").await;
            app.click("import-run").await;
            answer_file_dialog("Import into Tend", Dialog::Open, &file).await;
            let report = app
                .wait_text("import-report", "a report", |t| t.contains("Imported"))
                .await;
            assert!(report.contains("Imported 1500"), "{report}");
            // The bar went the whole way (batches at disk speed can be over in a blink, so it
            // stays, full, beside the report).
            assert_eq!(app.count("import-progress").await, 1, "the progress bar");
            let text = app.page_text().await;
            assert!(
                text.contains("1500 of 1500"),
                "the bar shows every piece done: {text}"
            );
            app.screenshot("31-import-progress").await;
        })
        .await;
    });
}
