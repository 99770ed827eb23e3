//! Accessibility in the real webview (issue 14): axe-core on every screen, in both themes, with
//! no serious or critical WCAG 2 A/AA violation; and the keyboard: a skip link first, focus on
//! the new view after each move, shortcuts with a sheet behind `?`.

use std::time::Duration;

use fantoccini::actions::KeyAction;
use tend::settings::Appearance;
use tend::{Mood, Store, SystemClock};
use tend_e2e::{draft, run, seen, wait_until, with_app, App};

/// A journal with something on every screen: entries (one starred, with a mood), a filling.
fn journal(data: &std::path::Path, theme: Appearance) {
    let mut store = Store::open(data, Box::new(SystemClock)).unwrap();
    let today = chrono::Local::now().date_naive();
    let mut entry = draft(today, "A walk by the river, and a café after.");
    entry.mood = Some(Mood {
        score: 3,
        feelings: vec!["calm".into()],
    });
    entry.tags = vec!["walk".into(), "starred".into()];
    store.save_entry(entry).unwrap();
    store
        .save_entry(draft(
            today - chrono::Days::new(3),
            "Earlier, a harder day.",
        ))
        .unwrap();
    for (n, answer) in ["A note in a coat pocket.", "Cooking a favourite meal."]
        .iter()
        .enumerate()
    {
        store
            .save_filling(tend::FillingDraft {
                id: None,
                worksheet: "love-languages".into(),
                date: today - chrono::Days::new(n as u64),
                status: tend::FillingStatus::Complete,
                answers: [("partner-landed".to_string(), serde_json::json!(answer))].into(),
            })
            .unwrap();
    }
    let mut settings = store.settings().clone();
    settings.theme = theme;
    store.save_settings(settings).unwrap();
}

/// Every section, each checked once it has drawn.
async fn every_screen(app: &App, theme: &str) {
    app.find("prompt-text").await;
    app.axe(&format!("Today ({theme})")).await;
    let sections = [
        ("entries", "entry-row"),
        ("search", "search-input"),
        ("calendar", "mood-chart"),
        ("worksheets", "worksheet-love-languages"),
        ("visions", "vision-grand-vision"),
        ("transfer", "export-from"),
        ("settings", "settings-theme"),
        ("support", "support-emergency"),
    ];
    for (section, ready) in sections {
        app.click(&format!("nav-{section}")).await;
        app.find(ready).await;
        if section == "search" {
            app.type_into("search-input", "cafe").await;
            app.wait_count("search-hit", 1).await;
        }
        app.axe(&format!("{section} ({theme})")).await;
    }
    app.click("nav-worksheets").await;
    app.click("worksheet-love-languages").await;
    app.find("worksheet-title").await;
    app.axe(&format!("a worksheet ({theme})")).await;
    for choose in app.find_all("history-choose").await {
        choose.click().await.unwrap();
    }
    app.click("compare-chosen").await;
    app.find("compare-partner-landed").await;
    app.axe(&format!("compare fillings ({theme})")).await;
    app.click("nav-worksheets").await;
    app.click("worksheet-assessment").await;
    app.find("assessment-me").await;
    app.axe(&format!("the assessment ({theme})")).await;
    app.click("nav-visions").await;
    app.click("vision-grand-vision").await;
    app.find("vision-text-be").await;
    app.axe(&format!("a vision ({theme})")).await;
}

#[test]
fn every_screen_passes_axe_in_the_light_theme() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    journal(&data, Appearance::Light);
    run(async move {
        with_app(
            &data,
            |app| async move { every_screen(&app, "light").await },
        )
        .await;
    });
}

#[test]
fn every_screen_passes_axe_in_the_dark_theme() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    journal(&data, Appearance::Dark);
    run(async move {
        with_app(&data, |app| async move { every_screen(&app, "dark").await }).await;
    });
}

async fn key(app: &App, value: char) {
    app.keys(vec![KeyAction::Down { value }, KeyAction::Up { value }])
        .await;
}

#[test]
fn the_keyboard_reaches_everything_and_focus_is_never_lost() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    journal(&data, Appearance::System);
    run(async move {
        with_app(&data, |app| async move {
            app.find("prompt-text").await;
            wait_until(
                "the editor has focus when Today opens",
                Duration::from_secs(10),
                || async {
                    let now = app.focused().await;
                    seen(now == "editor", format!("focus is on {now}"))
                },
            )
            .await;
            // Alt+2: Entries, focus on its heading.
            app.keys(vec![
                KeyAction::Down { value: '\u{E00A}' },
                KeyAction::Down { value: '2' },
                KeyAction::Up { value: '2' },
                KeyAction::Up { value: '\u{E00A}' },
            ])
            .await;
            app.find("entry-row").await;
            wait_until(
                "focus moves to the new view's heading",
                Duration::from_secs(10),
                || async {
                    let now = app.focused().await;
                    seen(now == "H1", format!("focus is on {now}"))
                },
            )
            .await;
            key(&app, '?').await;
            app.find("shortcut-sheet").await;
            let sheet = app.text("shortcut-sheet").await;
            assert!(sheet.contains("Ctrl+F") && sheet.contains("F1"), "{sheet}");
            app.screenshot("14-shortcuts").await;
            key(&app, '\u{E00C}').await; // Esc
            wait_until("Esc closes the sheet", Duration::from_secs(10), || async {
                let open = app.count("shortcut-sheet").await;
                seen(open == 0, format!("{open} shortcut sheets are open"))
            })
            .await;
            // Ctrl+N: a new entry today, the editor ready for the keys.
            app.ctrl(false, 'n').await;
            app.find("new-entry-note").await;
            app.type_on_focus("Typed without a mouse.").await;
            app.wait_text("save-status", "saved", |t| t == "Saved")
                .await;
        })
        .await;
        let store = Store::open(&data, Box::new(SystemClock)).unwrap();
        assert!(store
            .entries()
            .iter()
            .any(|e| e.body == "Typed without a mouse."));
    });
}

/// Whether anything sticks out of the window sideways (a squeezed column, a wide table).
async fn overflows(app: &App) -> bool {
    let wide = app
        .client
        .execute(
            "return document.documentElement.scrollWidth > window.innerWidth + 1;",
            vec![],
        )
        .await
        .unwrap();
    wide.as_bool().unwrap_or(true)
}

#[test]
fn the_layout_holds_from_a_small_window_to_a_large_one_and_at_the_largest_text() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    journal(&data, Appearance::Light);
    let mut store = Store::open(&data, Box::new(SystemClock)).unwrap();
    let mut settings = store.settings().clone();
    settings.text_size = tend::settings::TextSize::Largest;
    store.save_settings(settings).unwrap();
    drop(store);
    run(async move {
        with_app(&data, |app| async move {
            app.find("prompt-text").await;
            for (width, height) in [(640, 480), (800, 600), (1920, 1080)] {
                app.client.set_window_size(width, height).await.unwrap();
                for section in ["today", "calendar", "visions"] {
                    app.click(&format!("nav-{section}")).await;
                    app.css("main h1").await;
                    if section == "visions" {
                        app.click("vision-grand-vision").await;
                        app.find("vision-text-be").await;
                    }
                    assert!(!overflows(&app).await, "{section} fits {width}×{height}");
                    app.screenshot(&format!("14-{section}-{width}x{height}-largest-text"))
                        .await;
                }
            }
        })
        .await;
    });
}

#[test]
fn settings_save_as_they_change_and_open_the_journal_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    journal(&data, Appearance::Light);
    let opened = tend_e2e::screenshot_dir().join("opened.log");
    let _ = std::fs::remove_file(&opened);
    let log = opened.clone();
    run(async move {
        with_app(&data, |app| async move {
            app.find("prompt-text").await;
            app.click("nav-settings").await;
            // Typed, and left at once: the name is saved on the way out.
            app.type_into("partner-name", "Robin").await;
            app.click("nav-today").await;
            app.find("prompt-text").await;
            app.click("nav-settings").await;
            assert_eq!(app.value("partner-name").await, "Robin");
            // The text size applies at once, everywhere, and is confirmed.
            app.select("settings-text-size", "largest").await;
            app.wait_text("settings-message", "saved", |t| t.starts_with("Saved"))
                .await;
            let size = app
                .client
                .execute(
                    "return getComputedStyle(document.documentElement).fontSize;",
                    vec![],
                )
                .await
                .unwrap();
            assert_eq!(size, "20px");
            app.click("open-data-folder").await;
            wait_until(
                "the folder is handed to the desktop",
                Duration::from_secs(10),
                || async {
                    match std::fs::read_to_string(&log) {
                        Ok(s) if !s.is_empty() => Ok(()),
                        Ok(_) => Err(format!("{} is empty", log.display())),
                        Err(e) => Err(format!("{} cannot be read: {e}", log.display())),
                    }
                },
            )
            .await;
            app.screenshot("14-settings-largest-text").await;
        })
        .await;
        let asked = std::fs::read_to_string(&opened).unwrap();
        assert_eq!(
            asked.trim(),
            data.display().to_string(),
            "the journal's folder, and only it"
        );
        let store = Store::open(&data, Box::new(SystemClock)).unwrap();
        assert_eq!(store.settings().partner, "Robin");
    });
}
