//! The daily journal in the real app: write, quit, start again, find it; meet a corrupt file.

use std::fs;

use std::time::Duration;
use tend::{EntryDraft, Mood, Store, SystemClock};

use tend_e2e::{run, seen, stays, with_app};

const TEXT: &str = "Tonight I walked by the river and felt steadier.";

#[test]
fn an_entry_written_today_is_there_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            let prompt = app.text("prompt-text").await;
            assert!(
                !prompt.is_empty() && !prompt.contains('{'),
                "a prompt is shown: {prompt:?}"
            );
            app.type_into("editor", TEXT).await;
            app.click("mood-4").await;
            app.click("feeling-hopeful").await;
            app.type_into("tags-input", "evening, walk").await;
            app.wait_text("save-status", "Saved", |t| t == "Saved")
                .await;
            app.screenshot("01-today-written").await;
        })
        .await;

        // Quit: the session is gone and so is the app. The entry is a readable file.
        let files: Vec<_> = fs::read_dir(data.join("entries"))
            .unwrap()
            .flat_map(|year| fs::read_dir(year.unwrap().path()).unwrap())
            .map(|f| f.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1, "one entry file on disk: {files:?}");
        let json: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&files[0]).unwrap()).unwrap();
        assert_eq!(json["body"], TEXT);
        assert_eq!(json["mood"]["score"], 4);
        assert_eq!(json["mood"]["feelings"][0], "hopeful");
        assert_eq!(json["tags"], serde_json::json!(["evening", "walk"]));
        assert!(
            json["prompt"]["text"].is_string(),
            "the prompt is kept with the entry"
        );

        with_app(&data, |app| async move {
            assert_eq!(
                app.value("editor").await,
                TEXT,
                "Today reopens today's entry"
            );
            assert_eq!(
                app.attr("mood-4", "aria-pressed").await.as_deref(),
                Some("true")
            );
            app.click("nav-entries").await;
            let rows = app.find_all("entry-row").await;
            assert_eq!(rows.len(), 1);
            let row = rows[0].text().await.unwrap();
            assert!(
                row.contains("Tonight I walked"),
                "the list shows the text: {row}"
            );
            assert!(row.contains("Mood 4"), "the list shows the mood: {row}");
            app.screenshot("02-entries-after-restart").await;
            rows[0].click().await.unwrap();
            assert_eq!(
                app.value("editor").await,
                TEXT,
                "the entry reopens for editing"
            );
        })
        .await;
    });
}

#[test]
fn a_corrupt_file_is_reported_and_everything_else_loads() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let mut store = Store::open(&data, Box::new(SystemClock)).unwrap();
    store
        .save_entry(EntryDraft {
            id: None,
            date: chrono_date("2026-10-02"),
            prompt: None,
            body: "An earlier, readable entry.".into(),
            mood: Some(Mood {
                score: 3,
                feelings: vec![],
            }),
            tags: vec![],
            habits_done: vec![],
            base: None,
        })
        .unwrap();
    drop(store);
    let corrupt = data.join("entries/2026/2026-10-03-corrupt.json");
    fs::write(&corrupt, "{\"schema\": 1, \"body\": \"cut off").unwrap();

    run(async move {
        with_app(&data, |app| async move {
            let banner = app.text("problems").await;
            assert!(
                banner.contains("2026-10-03-corrupt.json") && banner.contains("not valid JSON"),
                "the banner names the file and the reason: {banner}"
            );
            app.screenshot("03-corrupt-file-reported").await;
            app.click("nav-entries").await;
            let rows = app.find_all("entry-row").await;
            assert_eq!(rows.len(), 1, "the readable entry still loads");
            assert!(rows[0]
                .text()
                .await
                .unwrap()
                .contains("An earlier, readable entry."));
        })
        .await;
    });
    let still = fs::read_to_string(dir.path().join("entries/2026/2026-10-03-corrupt.json"));
    assert_eq!(
        still.unwrap(),
        "{\"schema\": 1, \"body\": \"cut off",
        "the corrupt file is left exactly as it was"
    );
}

#[test]
fn how_prompts_name_the_partner_is_a_setting_that_sticks() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            let first = app.text("prompt-text").await;
            app.click("another-prompt").await;
            app.wait_text("prompt-text", "another prompt", |t| t != first)
                .await;
            app.click("nav-settings").await;
            // Saved as typed: no Save button (issue 14).
            app.type_into("partner-name", "Sam").await;
            app.wait_text("settings-message", "a confirmation", |t| {
                t.contains("“Sam”")
            })
            .await;
            app.screenshot("04-settings").await;
            // Prompts now say "Sam": ask for others until one speaks of the partner.
            app.click("nav-today").await;
            let mut seen = Vec::new();
            for _ in 0..30 {
                let text = app.text("prompt-text").await;
                if text.contains("Sam") {
                    app.screenshot("05-prompt-with-name").await;
                    return;
                }
                seen.push(text.clone());
                app.click("another-prompt").await;
                app.wait_text("prompt-text", "the next prompt", |t| t != text)
                    .await;
            }
            panic!("no prompt named the partner in 30 tries: {seen:?}");
        })
        .await;
        with_app(&data, |app| async move {
            app.click("nav-settings").await;
            assert_eq!(
                app.value("partner-name").await,
                "Sam",
                "the name is remembered"
            );
        })
        .await;
    });
}

fn chrono_date(text: &str) -> chrono::NaiveDate {
    text.parse().unwrap()
}

/// Regression (issue 13): "Another prompt" after writing re-filed the saved entry under the
/// new prompt. Now the new prompt begins a new entry, and the first keeps its own.
#[test]
fn another_prompt_after_writing_begins_a_new_entry_and_moves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            app.find("prompt-text").await;
            app.type_into("editor", "Under the first question.").await;
            app.wait_text("save-status", "saved", |t| t == "Saved")
                .await;
            app.click("another-prompt").await;
            // Where the words went is said, with their opening (issue 27, D19: they seemed to
            // vanish).
            let note = app.text("new-entry-note").await;
            assert!(note.contains("Under the first question"), "{note}");
            assert_eq!(
                app.value("editor").await,
                "",
                "a fresh page for the new prompt"
            );
            app.type_into("editor", "Under the second.").await;
            app.wait_text("save-status", "saved", |t| t == "Saved")
                .await;
            // Today can delete the entry being written (D19), and undo it.
            app.type_into("editor", " A line too many.").await;
            app.click("today-delete").await;
            app.wait_focus("deleted-notice", "Delete on Today").await;
            app.wait_value("editor", "the day's other entry", |t| {
                t.contains("Under the first question")
            })
            .await;
            app.click("undo-delete").await;
            app.wait_value("editor", "the entry back", |t| {
                t.contains("A line too many")
            })
            .await;
        })
        .await;
        let store = Store::open(&data, Box::new(SystemClock)).unwrap();
        let entries = store.entries();
        assert_eq!(entries.len(), 2, "two entries today");
        let prompts: Vec<_> = entries
            .iter()
            .map(|e| e.prompt.as_ref().map(|p| p.id.clone()))
            .collect();
        assert_ne!(
            prompts[0], prompts[1],
            "each under its own prompt: {prompts:?}"
        );
    });
}

/// Several entries a day (issue 13): "New entry" on Today begins another, and the list shows
/// each with its time.
#[test]
fn new_entry_begins_another_for_the_same_day_and_each_shows_its_time() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            app.type_into("editor", "Morning pages.").await;
            app.wait_text("save-status", "saved", |t| t == "Saved")
                .await;
            app.click("new-entry").await;
            assert_eq!(app.value("editor").await, "", "a fresh page");
            app.type_into("editor", "Evening pages.").await;
            app.wait_text("save-status", "saved", |t| t == "Saved")
                .await;
            app.click("nav-entries").await;
            let rows = app.find_all("entry-row").await;
            assert_eq!(rows.len(), 2, "two entries today");
            let first = rows[0].text().await.unwrap();
            let time = first.split(" · ").nth(1).unwrap_or_default();
            // As the locale writes it: "20:15", or "8:15 PM" where the clock has 12 hours.
            let (hours, rest) = time.split_once(':').unwrap_or_default();
            let shown = (1..=2).contains(&hours.len())
                && hours.bytes().all(|b| b.is_ascii_digit())
                && rest.len() >= 2
                && rest.as_bytes()[..2].iter().all(u8::is_ascii_digit);
            assert!(shown, "each shows its time: {first}");
        })
        .await;
    });
}

/// Writing for an earlier day, and starring (issue 13): last Tuesday is chosen on Today and
/// written for, starred; Today comes back with a fresh page; Entries marks the starred one.
#[test]
fn an_earlier_day_is_written_for_and_a_starred_entry_is_found_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let today = chrono::Local::now().date_naive();
    let tuesday = tend_e2e::last_tuesday();
    run(async move {
        with_app(&data, |app| async move {
            app.find("prompt-text").await;
            app.choose_date("write-for-day", tuesday).await;
            app.find("back-to-today").await;
            let heading = app.text("today-date").await;
            assert!(heading.contains("Tuesday"), "the chosen day: {heading}");
            app.type_into("editor", "Catching up on Tuesday, the hard talk.")
                .await;
            app.click("star").await;
            app.wait_text("save-status", "saved", |t| t == "Saved")
                .await;
            assert_eq!(
                app.attr("star", "aria-pressed").await.as_deref(),
                Some("true")
            );
            app.screenshot("13-earlier-day-starred").await;
            app.click("back-to-today").await;
            app.css(&format!("[data-testid=editor][data-date='{today}']"))
                .await;
            assert_eq!(app.value("editor").await, "", "a fresh page for today");
            assert_eq!(app.count("back-to-today").await, 0);
            app.type_into("editor", "Today, quieter.").await;
            app.wait_text("save-status", "saved", |t| t == "Saved")
                .await;

            app.click("nav-entries").await;
            app.wait_count("entry-row", 2).await;
            assert_eq!(app.count("entry-star").await, 1, "one starred");
            app.screenshot("13-entries-starred").await;
        })
        .await;
        let store = Store::open(&data, Box::new(SystemClock)).unwrap();
        let entries = store.entries();
        assert_eq!(entries.len(), 2);
        let earlier = entries
            .iter()
            .find(|e| e.date == tuesday)
            .expect("Tuesday's");
        assert!(
            earlier.tags.iter().any(|t| t == "starred"),
            "{:?}",
            earlier.tags
        );
        let todays = entries.iter().find(|e| e.date == today).expect("today's");
        assert!(todays.tags.is_empty(), "{:?}", todays.tags);
    });
}

/// Issue 27, D8: the date field acted on each digit of a year being typed ("0002", "0020",
/// …), the page jumped, and year 0026 was saved under entries/0026/ (shown as 1926). Now only
/// a whole date from 1900 to today is acted on.
#[test]
fn the_date_field_acts_only_on_a_whole_date_from_1900_to_today() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let data_in = data.clone();
    run(async move {
        with_app(&data_in, |app| async move {
            let today = chrono::Local::now().date_naive();
            let heading = app.text("today-date").await;
            assert_eq!(
                app.attr("write-for-day", "min").await.as_deref(),
                Some("1900-01-01")
            );
            assert_eq!(
                app.attr("write-for-day", "max").await,
                Some(today.to_string())
            );
            // A year as it is typed, digit by digit, then a day to come: nothing moves.
            for typed in ["0002-11-20", "0020-11-20", "0202-11-20", "0026-11-20"] {
                app.choose_date("write-for-day", chrono_date(typed)).await;
            }
            app.choose_date("write-for-day", today + chrono::Days::new(1))
                .await;
            stays(
                "the page stays on today",
                Duration::from_millis(500),
                || async {
                    let shown = app.text("today-date").await;
                    let back = app.count("back-to-today").await;
                    seen(
                        shown == heading && back == 0,
                        format!("it shows {shown:?}, with {back} way back to today"),
                    )
                },
            )
            .await;
            // A whole date in bounds is.
            app.choose_date("write-for-day", chrono_date("2026-11-20"))
                .await;
            app.find("back-to-today").await;
            app.type_into("editor", "For that Friday.").await;
            app.wait_text("save-status", "saved", |t| t == "Saved")
                .await;
        })
        .await;
    });
    assert!(!data.join("entries/0026").exists());
    assert!(!data.join("entries/0202").exists());
    assert!(data.join("entries/2026").is_dir());
}
