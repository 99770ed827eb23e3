//! Worksheets in the real app: fill, leave half-done, resume after a restart, fill again,
//! compare; take the assessment; log contacts and see the rhythm; check a draft's tone.

use std::time::Duration;

use tend_e2e::{run, seen, wait_until, with_app, App, WAIT};

async fn open_worksheet(app: &App, id: &str) {
    app.click("nav-worksheets").await;
    app.click(&format!("worksheet-{id}")).await;
    app.find("worksheet-title").await;
}

async fn write_field(app: &App, field: &str, text: &str) {
    let input = app
        .css(&format!(
            "[data-testid=\"field-{field}\"] textarea, [data-testid=\"field-{field}\"] input"
        ))
        .await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

#[test]
fn love_languages_half_done_resumed_completed_filled_again_and_compared() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            open_worksheet(&app, "love-languages").await;
            app.click("filling-new").await;
            // Completing an empty form says why nothing happens (issue 14).
            app.click("filling-complete").await;
            let empty = app.text("filling-empty").await;
            assert!(empty.contains("Nothing is answered yet"), "{empty}");
            // Move "Physical touch" up to the top of his ranking.
            for _ in 0..4 {
                app.click("up-partner-ranking-touch").await;
            }
            // At the top its up arrow is disabled: focus moved to its down arrow, not lost.
            let focused = app
                .client
                .execute("return document.activeElement.dataset.testid;", vec![])
                .await
                .unwrap();
            assert_eq!(focused, "down-partner-ranking-touch");
            write_field(
                &app,
                "partner-landed",
                "The note I left in his coat pocket.",
            )
            .await;
            app.wait_text("filling-status", "a saved draft", |t| {
                t.starts_with("Draft saved")
            })
            .await;
            app.screenshot("10-worksheet-half-done").await;
        })
        .await;

        with_app(&data, |app| async move {
            open_worksheet(&app, "love-languages").await;
            assert_eq!(
                app.text("history-status").await,
                "Draft",
                "the half-done filling is kept"
            );
            // The draft is offered first, to continue (issue 14).
            app.click("filling-continue").await;
            let first = app.text("rank-partner-ranking-1").await;
            assert!(
                first.starts_with('1') && first.contains("Physical touch"),
                "the ranking was kept, numbered: {first}"
            );
            let landed = app
                .css("[data-testid=\"field-partner-landed\"] textarea")
                .await;
            assert_eq!(
                landed.prop("value").await.unwrap().unwrap(),
                "The note I left in his coat pocket."
            );
            app.click("filling-complete").await;
            app.wait_text("history-status", "complete", |t| t == "Complete")
                .await;

            app.click("filling-new").await;
            write_field(
                &app,
                "partner-landed",
                "Cooking his favourite meal on his birthday.",
            )
            .await;
            app.click("filling-complete").await;
            app.wait_text("worksheet-title", "the overview", |t| t == "Love languages")
                .await;
            let rows = app.find_all("history-row").await;
            assert_eq!(rows.len(), 2, "filling again keeps the first");
            for choose in app.find_all("history-choose").await {
                choose.click().await.unwrap();
            }
            app.click("compare-chosen").await;
            let row = app.text("compare-partner-landed").await;
            let (older, newer) = (row.find("coat pocket"), row.find("favourite meal"));
            assert!(
                older.is_some() && newer.is_some() && older < newer,
                "both answers side by side, the earlier on the left: {row}"
            );
            app.screenshot("11-worksheet-compared").await;
        })
        .await;
    });
}

#[test]
fn the_assessment_scores_each_language_and_keeps_results() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            app.click("nav-worksheets").await;
            app.click("worksheet-assessment").await;
            app.click("assessment-me").await;
            for n in 1..=30 {
                app.click(&format!("pair-p{n:02}-a")).await;
            }
            let live = app
                .wait_text("assessment-live", "scores", |t| t.contains("Quality time"))
                .await;
            app.screenshot("12-assessment-taken").await;
            assert!(live.contains("Words of affirmation"), "{live}");
            app.click("assessment-finish").await;
            let primary = app.text("assessment-primary").await;
            assert!(
                !primary.is_empty() && primary != "—",
                "a primary language is named"
            );
        })
        .await;
        with_app(&data, |app| async move {
            app.click("nav-worksheets").await;
            app.click("worksheet-assessment").await;
            assert_eq!(
                app.find_all("assessment-row").await.len(),
                1,
                "the result is kept"
            );
            app.screenshot("13-assessment-results").await;

            // Left unfinished: said so, continued where it was left, then removed (issue 14).
            app.click("assessment-partner").await;
            for n in 1..=3 {
                app.click(&format!("pair-p{n:02}-b")).await;
            }
            app.click("assessment-finish").await;
            app.wait_count("assessment-row", 2).await;
            app.wait_text("assessment-primary", "unfinished", |t| {
                t.contains("Unfinished: 3 of 30 answered")
            })
            .await;
            app.click("assessment-continue").await;
            assert_eq!(
                app.attr("pair-p02-b", "aria-pressed").await.as_deref(),
                Some("true"),
                "the answers given are there"
            );
            app.click("pair-p04-a").await;
            app.click("assessment-finish").await;
            app.wait_text("assessment-primary", "one more", |t| t.contains("4 of 30"))
                .await;
            app.click("assessment-remove").await;
            app.wait_count("assessment-row", 1).await;
        })
        .await;
    });
}

#[test]
fn three_logged_contacts_show_the_rhythm() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            open_worksheet(&app, "contact-log").await;
            // What the log's buttons and date say comes from its JSON (issue 24).
            assert_eq!(app.text("filling-new").await, "Log a contact");
            for (who, about) in [
                ("partner", "personal"),
                ("partner", "logistics"),
                ("me", "personal"),
                ("me", "personal"),
            ] {
                app.click("filling-new").await;
                if who == "partner" && about == "personal" {
                    assert!(
                        app.page_text().await.contains("When was this contact?"),
                        "the log's date says what it means"
                    );
                    // The first contact was ten days ago: logged on its own day.
                    let day = chrono::Local::now().date_naive() - chrono::Days::new(10);
                    let input = app.find("filling-date").await;
                    app.client
                        .execute(
                            "arguments[0].value = arguments[1];\
                             arguments[0].dispatchEvent(new Event('input', {bubbles: true}));\
                             arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                            vec![
                                serde_json::to_value(&input).unwrap(),
                                serde_json::json!(day.to_string()),
                            ],
                        )
                        .await
                        .unwrap();
                }
                app.click(&format!("choice-about-{about}")).await;
                app.click(&format!("choice-started-by-{who}")).await;
                app.click("choice-how-text").await;
                app.click("scale-went-4").await;
                app.click("filling-complete").await;
                app.find("history-row").await;
            }
            app.click("worksheet-back").await;
            open_worksheet(&app, "contact-log").await;
            let contacts = app.find_all("rhythm-contact").await;
            assert_eq!(contacts.len(), 4);
            let latest = contacts[0].text().await.unwrap();
            assert!(
                latest.contains("I did"),
                "newest first, started by me: {latest}"
            );
            let days = app.text("days-since").await;
            assert!(days.contains("today"), "{days}");
            let note = app.text("rhythm-note").await;
            assert!(
                note.contains("last 2 personal contacts") && note.contains("your own peace"),
                "the note counts personal contacts and speaks of my peace: {note}"
            );
            assert!(
                !app.page_text().await.contains("004"),
                "article titles, never file numbers"
            );
            app.screenshot("14-contact-rhythm").await;
        })
        .await;
        let store = tend::Store::open(&data, Box::new(tend::SystemClock)).unwrap();
        let day = chrono::Local::now().date_naive() - chrono::Days::new(10);
        let dates: Vec<_> = store
            .fillings_of("contact-log")
            .iter()
            .map(|f| f.date)
            .collect();
        assert_eq!(
            dates.last(),
            Some(&day),
            "the contact logged for ten days ago is kept on its own day: {dates:?}"
        );
    });
}

async fn verdict_for(app: &App, draft: &str, verdict: &str) -> String {
    write_field(app, "draft", draft).await;
    let what = format!("{draft:?} should be {verdict}");
    wait_until(&what, WAIT, || async move {
        if app.count("tone-result").await == 0 {
            return Err("there is no tone result".to_string());
        }
        match app.attr("tone-result", "data-verdict").await {
            Some(now) if now == verdict => Ok(app.text("tone-result").await),
            now => Err(format!("the tone result's verdict is {now:?}")),
        }
    })
    .await
}

#[test]
fn the_tone_check_flags_pressure_passes_logistics_and_meets_despair_with_support() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            open_worksheet(&app, "before-reaching-out").await;
            app.click("filling-new").await;
            assert_eq!(
                app.count("field-draft").await,
                0,
                "no message coaching before the safety question is answered"
            );
            app.click("choice-feel-safe-safe").await;
            let flagged = verdict_for(&app, "Why won't you talk to me?", "pressure").await;
            assert!(
                flagged.contains("Calmer ways to begin"),
                "calmer openings shown: {flagged}"
            );
            app.show("tone-result").await;
            app.screenshot("15-tone-flagged").await;
            verdict_for(&app, "u cant just ignore me forever", "pressure").await;
            let clear = verdict_for(&app, "Why don't you take the kids Saturday?", "clear").await;
            assert!(clear.contains("No pressure patterns found"), "{clear}");
            assert_eq!(app.count("tone-finding").await, 0);
            let support = verdict_for(&app, "I don't want to be here anymore", "support").await;
            assert!(
                !support.contains("Calmer ways") && app.count("tone-finding").await == 0,
                "despair gets support, not advice: {support}"
            );
            app.show("tone-result").await;
            app.screenshot("16-tone-support").await;
            app.click("tone-open-support").await;
            app.find("support-page").await;
        })
        .await;
    });
}

#[test]
fn not_feeling_safe_shows_the_abuse_helplines_and_no_contact_coaching() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            open_worksheet(&app, "before-reaching-out").await;
            app.click("filling-new").await;
            app.click("choice-feel-safe-not-safe").await;
            // Brought into view and said aloud, not opened below the fold in silence (issue
            // 27, D31).
            app.wait_said("safety-said", "what the panel is", |t| {
                t.contains("Your safety comes first")
            })
            .await;
            wait_until(
                "the safety panel's heading scrolls into view, above the form's footer",
                Duration::from_secs(5),
                || async {
                    let place = app
                        .client
                        .execute(
                            "const r = document.querySelector('[data-testid=safety-panel]')\
                               .getBoundingClientRect(); \
                             return [r.top >= 0 && r.top + 60 < window.innerHeight - 100, \
                                     r.top, window.innerHeight];",
                            vec![],
                        )
                        .await
                        .unwrap();
                    seen(
                        place[0] == serde_json::json!(true),
                        format!(
                            "the panel's top is at {}, the window {} high",
                            place[1], place[2]
                        ),
                    )
                },
            )
            .await;
            let panel = app.text("safety-panel").await;
            assert!(
                panel.contains("0808 2000 247") && panel.contains("999"),
                "the UK abuse helpline and emergency number: {panel}"
            );
            assert!(
                panel.contains("Some separations happen for good reason"),
                "{panel}"
            );
            for coaching in ["field-draft", "tone-result", "field-whose-turn"] {
                assert_eq!(app.count(coaching).await, 0, "{coaching} is hidden");
            }
            app.show("safety-panel").await;
            app.screenshot("17-not-safe").await;
            app.click("choice-feel-safe-unsure").await;
            app.find("safety-panel").await;
            assert_eq!(
                app.count("field-draft").await,
                0,
                "not sure is not yet safe"
            );
        })
        .await;
    });
}

/// Issue 22: "Staying or going" answered "not sure" showed nothing. Now "not sure" and "no"
/// bring the abuse lines, and "My reasons for staying" waits for a "yes".
#[test]
fn staying_or_going_not_sure_shows_the_abuse_lines_and_no_coaching() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            open_worksheet(&app, "why-stay").await;
            app.click("filling-new").await;
            assert_eq!(
                app.count("field-my-reasons").await,
                0,
                "no reasons for staying before the safety question is answered"
            );
            app.click("choice-feel-safe-unsure").await;
            let panel = app.text("safety-panel").await;
            assert!(
                panel.contains("0808 2000 247"),
                "not sure: the abuse helpline is shown: {panel}"
            );
            for coaching in ["section-reasons", "field-my-reasons", "field-as-they-are"] {
                assert_eq!(app.count(coaching).await, 0, "{coaching} is hidden");
            }
            assert_eq!(
                app.count("field-reasons-to-leave").await,
                1,
                "reasons to go stay open: noticing them is never coaching"
            );
            app.show("safety-panel").await;
            app.screenshot("17b-why-stay-not-sure").await;
            app.click("choice-feel-safe-safe").await;
            app.find("field-my-reasons").await;
            assert_eq!(app.count("safety-panel").await, 0, "yes: the panel goes");
        })
        .await;
    });
}

#[test]
fn every_worksheet_can_be_begun_left_resumed_after_a_restart_and_completed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            for sheet in tend::worksheet::all() {
                let id = sheet.id.as_str();
                open_worksheet(&app, id).await;
                app.click("filling-new").await;
                let first_text = app
                    .css("form.filling textarea, form.filling input:not([type])")
                    .await;
                first_text.send_keys("A first thought.").await.unwrap();
                app.wait_text("filling-status", "a saved draft", |t| {
                    t.starts_with("Draft saved")
                })
                .await;
                app.click("filling-later").await;
                app.find("history-row").await;
            }
        })
        .await;
        with_app(&data, |app| async move {
            for sheet in tend::worksheet::all() {
                let id = sheet.id.as_str();
                open_worksheet(&app, id).await;
                assert_eq!(
                    app.text("history-status").await,
                    "Draft",
                    "{id}: the draft is kept"
                );
                app.click("history-open").await;
                let first_text = app
                    .css("form.filling textarea, form.filling input:not([type])")
                    .await;
                let value = first_text.prop("value").await.unwrap().unwrap_or_default();
                assert_eq!(value, "A first thought.", "{id}: the answer is resumed");
                app.click("filling-complete").await;
                app.wait_text("history-status", "complete", |t| t == "Complete")
                    .await;
            }
        })
        .await;
    });
}
