//! Search in the real app (issue 13): a word typed without its accent finds an earlier day's
//! entry, which opens with the word selected; filters narrow; writing just done is found.

use std::time::Duration;

use tend::search::SearchRequest;
use tend::settings::Appearance;
use tend::{Mood, Store, SystemClock};
use tend_e2e::{draft, last_tuesday, run, seen, wait_until, with_app, App};

const TUESDAY: &str = "Met Jo at the Café on Mill Street. We talked it through.";

/// Two entries today and one for last Tuesday, as the new user writes them.
fn journal(data: &std::path::Path) {
    let today = chrono::Local::now().date_naive();
    let mut store = Store::open(data, Box::new(SystemClock)).unwrap();
    store
        .save_entry(draft(today, "Quiet morning, coffee by the window."))
        .unwrap();
    store
        .save_entry(draft(today, "Evening: tired, but okay."))
        .unwrap();
    let mut tuesday = draft(last_tuesday(), TUESDAY);
    tuesday.mood = Some(Mood {
        score: 2,
        feelings: vec!["tender".into()],
    });
    tuesday.tags = vec!["talk".into()];
    store.save_entry(tuesday).unwrap();
}

/// What is in a field replaced by `text`, as typing does it (Ctrl+A, Backspace, the text): a
/// WebDriver clear would not tell the page.
async fn retype(app: &App, id: &str, text: &str) {
    app.type_into(id, "\u{E009}a\u{E000}\u{E003}").await;
    if !text.is_empty() {
        app.type_into(id, text).await;
    }
}

async fn search_for(app: &App, text: &str) {
    app.click("nav-search").await;
    app.type_into("search-input", text).await;
}

#[test]
fn a_word_without_its_accent_finds_last_tuesday_and_opens_it_at_the_word() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    journal(&data);
    let tuesday = last_tuesday();
    run(async move {
        with_app(&data, |app| async move {
            app.find("prompt-text").await;
            search_for(&app, "cafe").await;
            app.wait_count("search-hit", 1).await;
            let mark = app.css("[data-testid=search-snippet] mark").await;
            assert_eq!(mark.text().await.unwrap(), "Café", "the match as written");
            let count = app.text("search-count").await;
            assert!(count.starts_with("1 found"), "{count}");
            app.screenshot("13-search-light").await;

            app.click("search-hit").await;
            let editor = app
                .css(&format!("[data-testid=editor][data-date='{tuesday}']"))
                .await;
            assert_eq!(
                editor.prop("value").await.unwrap().as_deref(),
                Some(TUESDAY)
            );
            let selected = app
                .client
                .execute(
                    "const a = document.activeElement; \
                     return a.value.slice(a.selectionStart, a.selectionEnd);",
                    vec![],
                )
                .await
                .unwrap();
            assert_eq!(selected, "Café", "the entry opens with the match selected");

            app.click("back-to-results").await;
            app.wait_count("search-hit", 1).await;
            // Filters: the mood of that day keeps it, another mood does not.
            app.select("search-mood", "2").await;
            app.wait_text("search-count", "one hit", |t| t.starts_with("1 found"))
                .await;
            app.select("search-mood", "5").await;
            app.wait_text("search-count", "none", |t| t == "Nothing found.")
                .await;
            app.select("search-mood", "").await;
            app.wait_count("search-hit", 1).await;
        })
        .await;
    });
}

#[test]
fn writing_just_done_is_found_and_search_reads_well_in_the_dark() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    journal(&data);
    let mut store = Store::open(&data, Box::new(SystemClock)).unwrap();
    let mut settings = store.settings().clone();
    settings.theme = Appearance::Dark;
    store.save_settings(settings).unwrap();
    drop(store);
    run(async move {
        with_app(&data, |app| async move {
            app.click("new-entry").await;
            app.type_into("editor", "A lighthouse on the postcard from Naïma.")
                .await;
            app.wait_text("save-status", "saved", |t| t == "Saved")
                .await;
            // Ctrl+F from anywhere opens search.
            app.ctrl(false, 'f').await;
            app.type_into("search-input", "naima").await;
            app.wait_count("search-hit", 1).await;
            let snippet = app.text("search-snippet").await;
            assert!(snippet.contains("Naïma"), "{snippet}");
            retype(&app, "search-input", "\"by the\"").await;
            app.wait_count("search-hit", 1).await;
            // No words, a filter alone: every entry, the newest first.
            retype(&app, "search-input", "").await;
            app.select("search-kind", "entries").await;
            app.wait_count("search-hit", 4).await;
            app.screenshot("13-search-dark").await;
        })
        .await;
        // What `tend search` does, on the journal the app left: the new entry is found.
        let mut store = Store::open(&data, Box::new(SystemClock)).unwrap();
        let request = SearchRequest {
            text: "lighthouse".into(),
            ..SearchRequest::default()
        };
        assert_eq!(tend::search::search(&mut store, &request).unwrap().total, 1);
    });
}

/// The text selected in the focused field, if any.
async fn selected(app: &App) -> String {
    let found = app
        .client
        .execute(
            "const a = document.activeElement; \
             return a && a.value !== undefined ? a.value.slice(a.selectionStart, a.selectionEnd) : '';",
            vec![],
        )
        .await
        .unwrap();
    found.as_str().unwrap_or_default().to_string()
}

#[test]
fn a_worksheet_or_vision_hit_opens_where_the_words_are() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let mut store = Store::open(&data, Box::new(SystemClock)).unwrap();
    let today = chrono::Local::now().date_naive();
    store
        .save_filling(tend::FillingDraft {
            id: None,
            worksheet: "self-awareness".into(),
            date: today,
            status: tend::FillingStatus::Complete,
            answers: [(
                "patterns".to_string(),
                serde_json::json!("Long walks by the harbour help me think."),
            )]
            .into(),
        })
        .unwrap();
    store
        .save_vision(tend::vision::VisionDraft {
            exercise: "grand-vision".into(),
            session_revision: None,
            sections: [(
                "be".to_string(),
                "Calm, and kind to myself, near the lighthouse.".to_string(),
            )]
            .into(),
        })
        .unwrap();
    drop(store);
    run(async move {
        with_app(&data, |app| async move {
            search_for(&app, "harbour").await;
            app.wait_count("search-hit", 1).await;
            app.click("search-hit").await;
            app.find("worksheet-title").await;
            wait_until(
                "the filling opens at its words",
                Duration::from_secs(10),
                || async {
                    let now = selected(&app).await;
                    seen(now == "harbour", format!("the selection is {now:?}"))
                },
            )
            .await;
            search_for(&app, "lighthouse").await;
            app.wait_count("search-hit", 1).await;
            app.click("search-hit").await;
            app.find("vision-text-be").await;
            wait_until(
                "the vision opens at its words",
                Duration::from_secs(10),
                || async {
                    let now = selected(&app).await;
                    seen(now == "lighthouse", format!("the selection is {now:?}"))
                },
            )
            .await;
        })
        .await;
    });
}
