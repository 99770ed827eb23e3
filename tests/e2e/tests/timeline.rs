//! The entry list as a timeline (issue 13): only the rows in view are in the page, read a
//! page at a time, so that years of entries scroll smoothly; the oldest is reached by
//! scrolling.

use chrono::{Days, NaiveDate};
use tend::{Store, SystemClock};
use tend_e2e::{draft, run, seen, wait_until, with_app, App, WAIT};

/// The list's text, the clipped excerpts included (WebDriver's text leaves out what an
/// ellipsis cuts).
async fn list_text(app: &App) -> String {
    let text = app
        .client
        .execute(
            "return document.querySelector('[data-testid=entry-list]').textContent;",
            vec![],
        )
        .await
        .unwrap();
    text.as_str().unwrap_or_default().to_string()
}

#[test]
fn thousands_of_entries_scroll_with_only_the_rows_in_view_in_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let mut store = Store::open(&data, Box::new(SystemClock)).unwrap();
    let first = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
    for n in 0..2_500u64 {
        let body = format!("Entry number {n}, a day among many.");
        store
            .save_entry(draft(first + Days::new(n), &body))
            .unwrap();
    }
    drop(store);
    run(async move {
        with_app(&data, |app| async move {
            app.find("prompt-text").await;
            app.click("nav-entries").await;
            let count = app.text("entry-count").await;
            assert!(count.starts_with("2500 entries"), "{count}");
            app.find("entry-row").await;
            let rows = app.count("entry-row").await;
            assert!(rows < 40, "only the rows in view are in the page: {rows}");
            let shown = list_text(&app).await;
            assert!(shown.contains("Entry number 2499"), "newest first: {shown}");
            app.client
                .execute(
                    "const list = document.querySelector('[data-testid=entry-list]'); \
                     list.scrollTop = list.scrollHeight;",
                    vec![],
                )
                .await
                .unwrap();
            wait_until("the oldest entry, scrolled to", WAIT, || async {
                let shown = list_text(&app).await;
                seen(
                    shown.contains("Entry number 0,"),
                    format!("the list shows {shown:?}"),
                )
            })
            .await;
            assert!(app.count("entry-row").await < 40);
            app.screenshot("13-timeline-end").await;
        })
        .await;
    });
}
