//! Focus after each action (issue 27, D3): it fell to the page's body after opening a
//! worksheet, "Begin" / "Fill in again", "Mark complete", opening an entry, "Delete this
//! entry", "Undo", "Restore" in Recently deleted and "New entry" (the first run's "Begin": see
//! first_run.rs), so a screen-reader user heard nothing and lost her place. Each now puts it
//! somewhere that says what happened, or where to go on.

use std::time::Duration;
use tend::{Store, SystemClock};

use tend_e2e::{draft, run, seen, wait_until, with_app, App, WAIT};

/// Whether focus is inside the element `selector` names.
async fn focus_inside(app: &App, selector: &str) -> bool {
    let script = format!("return !!document.activeElement.closest({selector:?});");
    let found = app.client.execute(&script, vec![]).await.unwrap();
    found.as_bool().unwrap_or(false)
}

#[test]
fn focus_lands_where_the_action_leads() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    {
        let mut store = Store::open(&data, Box::new(SystemClock)).unwrap();
        let day = chrono::Local::now().date_naive() - chrono::Days::new(2);
        store
            .save_entry(draft(day, "A walk by the river."))
            .unwrap();
        store
            .save_entry(draft(day - chrono::Days::new(1), "A quiet day."))
            .unwrap();
    }
    run(async move {
        with_app(&data, |app| async move {
            // Today: "New entry" puts her in the fresh editor.
            app.type_into("editor", "Morning pages.").await;
            app.wait_text("save-status", "saved", |t| t == "Saved")
                .await;
            app.click("new-entry").await;
            app.wait_focus("editor", "New entry").await;

            // Worksheets: the worksheet's title, then its first field, then its title again.
            app.click("nav-worksheets").await;
            app.click("worksheet-self-awareness").await;
            app.wait_focus("worksheet-title", "opening a worksheet")
                .await;
            app.click("filling-new").await;
            wait_until(
                "after Begin, focus is in the form's first field",
                Duration::from_secs(10),
                || async {
                    let inside = focus_inside(&app, "form.filling").await;
                    seen(inside, format!("it is on {}", app.focused().await))
                },
            )
            .await;
            app.css("form.filling textarea")
                .await
                .send_keys("Kindness, and patience.")
                .await
                .unwrap();
            app.click("filling-complete").await;
            app.wait_focus("worksheet-title", "Mark complete").await;
            app.click("filling-new").await; // now "Fill in again"
            assert!(app.text("worksheet-back").await.contains("Self-awareness"));
            app.click("worksheet-back").await;
            app.wait_focus("worksheet-title", "back from a filling")
                .await;
            app.click("worksheet-back").await;
            app.wait_focus("worksheet-self-awareness", "back to the list")
                .await;

            // Entries: the entry's heading; the notice after a delete; the heading after Undo;
            // what was done after a restore from Recently deleted.
            // In a small window, where the entry's page scrolls down to its delete button.
            app.click("nav-entries").await;
            app.wait_count("entry-row", 3).await;
            let size = app.client.get_window_size().await.unwrap();
            app.client.set_window_size(640, 480).await.unwrap();
            // The page has taken the new size before the entry is opened.
            wait_until("the page lays out at 640 px", WAIT, || async {
                let width = app
                    .client
                    .execute("return document.documentElement.clientWidth;", vec![])
                    .await
                    .unwrap();
                seen(
                    width.as_u64().is_some_and(|w| w <= 640),
                    format!("{width} px wide"),
                )
            })
            .await;
            app.find_all("entry-row").await[1].click().await.unwrap();
            app.wait_focus("H1", "opening an entry").await;
            app.click("delete-entry").await;
            app.wait_focus("deleted-notice", "Delete this entry").await;
            let scrolled = app
                .client
                .execute("return document.getElementById('main').scrollTop;", vec![])
                .await
                .unwrap();
            assert_eq!(
                scrolled.as_f64(),
                Some(0.0),
                "after a delete, Entries starts at its top, its heading in view"
            );
            app.screenshot("focus-after-delete-640x480").await;
            app.client
                .set_window_size(size.0 as u32, size.1 as u32)
                .await
                .unwrap();
            app.click("undo-delete").await;
            app.wait_focus("H1", "Undo").await;
            app.wait_count("entry-row", 3).await;
            app.find_all("entry-row").await[1].click().await.unwrap();
            app.click("delete-entry").await;
            app.wait_count("entry-row", 2).await;
            app.click("recently-deleted").await;
            app.click("trash-restore").await;
            app.wait_focus("restored-said", "Restore").await;
            app.wait_count("entry-row", 3).await;
            app.screenshot("focus-after-restore").await;
        })
        .await;
    });
}
