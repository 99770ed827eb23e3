//! Quick hide (issue "Private even on a shared computer"): Ctrl+Shift+H mid-sentence swaps the
//! window for a blank page under a neutral title; pressed again, the sentence goes on where it
//! stopped, is saved, and is all there after a restart.

use std::time::Duration;

use tend_e2e::{run, seen, wait_until, with_app, with_new_app, App};

const BEGUN: &str = "Tonight I finally told my sister";
const FINISHED: &str = " about the lighthouse.";
const WORDS: &[&str] = &["Tonight", "finally", "told", "sister"];

/// The X window titles on the test's own display (xdotool reads what the taskbar would).
async fn window_titles() -> Vec<String> {
    tokio::task::spawn_blocking(|| {
        let ids = std::process::Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", "."])
            .output()
            .unwrap_or_else(|e| panic!("xdotool reads the window titles: {e}"));
        String::from_utf8_lossy(&ids.stdout)
            .lines()
            .filter_map(|id| {
                let name = std::process::Command::new("xdotool")
                    .args(["getwindowname", id])
                    .output()
                    .ok()?;
                Some(String::from_utf8_lossy(&name.stdout).trim().to_string())
            })
            .filter(|name| !name.is_empty())
            .collect()
    })
    .await
    .unwrap()
}

/// Waits until a window is titled `title` and none has `absent` in its title.
async fn wait_window_title(title: &str, absent: Option<&str>, why: &str) {
    let what = format!("the window should be titled {title:?} ({why})");
    wait_until(&what, Duration::from_secs(10), || async move {
        let titles = window_titles().await;
        let gone = absent.is_none_or(|word| !titles.iter().any(|t| t.contains(word)));
        seen(
            titles.iter().any(|t| t == title) && gone,
            format!("the titles are {titles:?}"),
        )
    })
    .await;
}

async fn js(app: &App, script: &str) -> serde_json::Value {
    app.client.execute(script, vec![]).await.unwrap()
}

/// Checks the window shows nothing of the journal: no text, no title, nothing focusable.
async fn assert_hidden(app: &App, name: &str) {
    app.wait_count("quick-hide-cover", 1).await;
    app.wait_shown("quick-hide-cover", true).await;
    let text = app.page_text().await;
    for word in WORDS.iter().chain(&["Tend", "Today"]) {
        assert!(
            !text.contains(word),
            "hidden, the window shows no {word:?}: its text is {text:?}"
        );
    }
    assert_eq!(
        app.client.title().await.unwrap(),
        "Notes",
        "hidden, the page's title is neutral"
    );
    wait_window_title(
        "Notes",
        Some("Tend"),
        "hidden, the window's own title is neutral",
    )
    .await;
    assert_eq!(
        js(app, "return document.getElementById('app').inert;").await,
        true,
        "hidden, the app is inert: out of reach of keys, clicks and screen readers"
    );
    assert_eq!(
        js(
            app,
            "return getComputedStyle(document.documentElement).overflow;"
        )
        .await,
        "hidden",
        "hidden, no scrollbar tells how long the page underneath is"
    );
    assert_eq!(
        js(app, "return document.activeElement.dataset.testid;").await,
        "quick-hide-note",
        "hidden, keys land in a blank note, not in the editor"
    );
    app.screenshot(name).await;
}

#[test]
fn ctrl_shift_h_hides_mid_sentence_and_the_sentence_is_finished_after() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            app.type_into("editor", BEGUN).await;
            app.ctrl(true, 'h').await;
            assert_hidden(&app, "quick-hide-01-hidden").await;

            // Typed while hidden: goes nowhere, least of all into the hidden editor.
            app.type_on_focus("xyz").await;
            app.ctrl(true, 'h').await;
            app.wait_count("quick-hide-cover", 1).await;
            app.wait_shown("quick-hide-cover", false).await;
            assert_eq!(
                app.client.title().await.unwrap(),
                "Tend",
                "back, the title is Tend again"
            );
            wait_window_title("Tend", None, "back, the window's own title too").await;
            assert_eq!(
                app.value("editor").await,
                BEGUN,
                "the editor kept every character, and nothing typed while hidden"
            );

            // Focus came back to the editor, caret at the end: the keys finish the sentence.
            app.type_on_focus(FINISHED).await;
            assert_eq!(app.value("editor").await, format!("{BEGUN}{FINISHED}"));
            app.wait_text("save-status", "Saved", |t| t == "Saved")
                .await;
            app.screenshot("quick-hide-02-back").await;
        })
        .await;

        with_app(&data, |app| async move {
            assert_eq!(
                app.value("editor").await,
                format!("{BEGUN}{FINISHED}"),
                "the whole sentence was saved"
            );
            // The sidebar's button hides too, on another page; the shortcut brings it back.
            app.click("nav-entries").await;
            app.find("entry-row").await;
            app.click("quick-hide").await;
            assert_hidden(&app, "quick-hide-03-hidden-by-button").await;
            app.ctrl(true, 'h').await;
            app.wait_text("entry-row", "the entry, back on Entries", |row| {
                row.contains("Tonight I finally")
            })
            .await;
        })
        .await;
    });
}

#[test]
fn the_first_run_screen_hides_too_and_keeps_a_name_half_typed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_new_app(&data, |app| async move {
            app.type_into("first-run-name", "Sam").await;
            app.ctrl(true, 'h').await;
            assert_hidden(&app, "quick-hide-04-first-run-hidden").await;
            app.ctrl(true, 'h').await;
            app.type_on_focus("ir").await;
            assert_eq!(
                app.value("first-run-name").await,
                "Samir",
                "back on the first-run screen, the name field kept its text and its focus"
            );
        })
        .await;
    });
}
