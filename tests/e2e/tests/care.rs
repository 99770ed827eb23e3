//! Safe for the person who uses it, in the real app: the first-run question, the support page
//! one key away, every screen speaking of Sarah as "she", and the low-mood card.

use chrono::{Days, Local};
use tend::{EntryDraft, Mood, Pronouns, Settings, Stance, Store, SystemClock};
use tend_e2e::{draft, run, with_app, with_new_app, App};

const F1: &str = "\u{E031}";

/// Whole words that must never name Sarah.
fn gendered_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| ["he", "him", "his", "himself", "husband"].contains(&w.to_lowercase().as_str()))
        .map(String::from)
        .collect()
}

fn settings(data: &std::path::Path, change: impl FnOnce(&mut Settings)) {
    let mut store = Store::open(data, Box::new(SystemClock)).unwrap();
    let mut settings = store.settings().clone();
    change(&mut settings);
    store.save_settings(settings).unwrap();
}

#[test]
fn the_first_run_asks_where_i_stand_and_then_today_follows_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_new_app(&data, |app| async move {
            app.find("first-run").await;
            app.screenshot("20-first-run-light").await;
            app.click("first-run-begin").await;
            app.find("first-run").await; // no stance chosen: it stays, and says why
            app.click("stance-moving-on").await;
            app.type_into("first-run-name", "Sarah").await;
            app.click("first-run-pronouns-she").await;
            app.click("first-run-begin").await;
            app.find("prompt-text").await;
            let themes = app.text("theme-select").await;
            assert!(
                !themes.contains("Reaching out"),
                "someone moving on is not offered reaching out: {themes}"
            );
        })
        .await;
        let store = Store::open(&data, Box::new(SystemClock)).unwrap();
        assert_eq!(store.settings().stance, Some(Stance::MovingOn));
        assert_eq!(store.settings().partner, "Sarah");
        assert_eq!(store.settings().pronouns, Pronouns::She);
        drop(store);
        with_new_app(&data, |app| async move {
            app.find("prompt-text").await;
            assert_eq!(app.count("first-run").await, 0, "asked once");
        })
        .await;
        settings(&data, |s| {
            s.stance = None;
            s.theme = tend::settings::Appearance::Dark;
        });
        with_new_app(&data, |app| async move {
            app.find("first-run").await;
            app.screenshot("21-first-run-dark").await;
        })
        .await;
    });
}

#[test]
fn the_support_page_is_one_key_away_with_the_lines_for_my_country() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            app.find("prompt-text").await;
            app.press(F1).await;
            // The page is there at once; its lines come a moment after (from the core).
            app.find("support-emergency").await;
            let page = app.text("support-page").await;
            for fact in ["999", "116 123", "0808 2000 247"] {
                assert!(page.contains(fact), "the UK page shows {fact}: {page}");
            }
            assert!(app.text("support-grounding").await.contains("five things"));
            app.screenshot("22-support-light").await;
            // Another country, kept for next time.
            app.select("support-country", "AU").await;
            app.wait_text("support-page", "Australia's lines", |t| {
                t.contains("13 11 14") && t.contains("1800 737 732") && t.contains("000")
            })
            .await;
        })
        .await;
        settings(&data, |s| s.theme = tend::settings::Appearance::Dark);
        with_app(&data, |app| async move {
            app.click("nav-support").await;
            app.wait_text("support-page", "the kept country", |t| {
                t.contains("13 11 14")
            })
            .await;
            app.screenshot("23-support-dark").await;
        })
        .await;
    });
}

async fn walk_worksheets(app: &App) -> Vec<String> {
    let mut problems = Vec::new();
    for sheet in tend::worksheet::all() {
        app.click("nav-worksheets").await;
        app.click(&format!("worksheet-{}", sheet.id)).await;
        app.find("worksheet-title").await;
        app.click("filling-new").await;
        if app.count("choice-feel-safe-safe").await > 0 {
            app.click("choice-feel-safe-safe").await; // shows every section
        }
        app.find("filling-status").await;
        let text = app.page_text().await;
        let found = gendered_words(&text);
        if !found.is_empty() {
            problems.push(format!("worksheet {}: {found:?}", sheet.id));
        }
        app.click("filling-later").await;
    }
    problems
}

#[test]
fn every_screen_speaks_of_sarah_as_she_never_him() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    settings(&data, |s| {
        s.partner = "Sarah".into();
        s.pronouns = Pronouns::She;
        s.stance = Some(Stance::Unsure);
    });
    run(async move {
        with_app(&data, |app| async move {
            let mut problems = walk_worksheets(&app).await;
            // The love-languages worksheet names her in its own sections.
            app.click("nav-worksheets").await;
            app.click("worksheet-love-languages").await;
            app.click("filling-new").await;
            let text = app.page_text().await;
            assert!(text.contains("Sarah's love languages"), "{text}");
            app.screenshot("24-sarah-love-languages").await;

            app.click("nav-worksheets").await;
            app.find("worksheet-assessment").await; // the list is in
            let list = app.page_text().await;
            assert!(list.contains("as I believe Sarah would answer"), "{list}");
            app.click("worksheet-assessment").await;
            app.click("assessment-partner").await;
            let text = app.page_text().await;
            assert!(text.contains("Answer as you believe Sarah would"), "{text}");
            problems.extend(
                gendered_words(&text)
                    .iter()
                    .map(|w| format!("assessment: {w}")),
            );

            for exercise in tend::vision::all() {
                app.click("nav-visions").await;
                // The list is in (the view and its exercises load after the click).
                app.css(".card-grid [data-testid^='vision-']").await;
                let listed = app.page_text().await;
                problems.extend(
                    gendered_words(&listed)
                        .iter()
                        .map(|w| format!("visions: {w}")),
                );
                if app.count(&format!("vision-{}", exercise.id)).await == 0 {
                    continue; // not for someone unsure
                }
                app.click(&format!("vision-{}", exercise.id)).await;
                app.find("vision-title").await;
                let text = app.page_text().await;
                problems.extend(
                    gendered_words(&text)
                        .iter()
                        .map(|w| format!("vision {}: {w}", exercise.id)),
                );
            }

            app.click("nav-worksheets").await;
            app.click("worksheet-before-reaching-out").await;
            app.click("filling-new").await;
            app.click("choice-feel-safe-safe").await;
            let draft = app.css("[data-testid=\"field-draft\"] textarea").await;
            draft.send_keys("Answer me by tonight.").await.unwrap();
            app.wait_text("tone-result", "pressure", |t| t.contains("Calmer ways"))
                .await;
            let text = app.page_text().await;
            problems.extend(gendered_words(&text).iter().map(|w| format!("tone: {w}")));
            assert!(problems.is_empty(), "texts that say him: {problems:?}");
        })
        .await;
    });
}

#[test]
fn three_very_low_days_bring_a_quiet_card_that_can_be_put_away() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    {
        let mut store = Store::open(&data, Box::new(SystemClock)).unwrap();
        let today = Local::now().date_naive();
        for back in 0..3 {
            store
                .save_entry(EntryDraft {
                    mood: Some(Mood {
                        score: 1,
                        feelings: vec![],
                    }),
                    ..draft(today - Days::new(back), "A very hard day.")
                })
                .unwrap();
        }
    }
    run(async move {
        with_app(&data, |app| async move {
            let card = app.text("care-card").await;
            assert!(card.contains("support page"), "{card}");
            app.screenshot("25-care-card").await;
            app.click("care-dismiss").await;
            assert_eq!(app.count("care-card").await, 0, "put away");
        })
        .await;
        with_app(&data, |app| async move {
            app.find("prompt-text").await;
            assert_eq!(app.count("care-card").await, 0, "it stays away today");
        })
        .await;
        settings(&data, |s| {
            s.care_card_dismissed = None;
            s.low_mood_card = false;
        });
        with_app(&data, |app| async move {
            app.find("prompt-text").await;
            assert_eq!(app.count("care-card").await, 0, "the setting turns it off");
        })
        .await;
    });
}
