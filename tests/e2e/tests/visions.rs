//! The Grand Vision in the real app: written over two sittings, the revisions compared and the
//! first restored as a third; two habits pinned, one ticked on Today; all of it after a restart.

use std::time::Duration;

use fantoccini::actions::KeyAction;
use fantoccini::key::Key;
use tend_e2e::{run, seen, wait_until, with_app, App};

const FIRST: &str = "I can build a calm life.";
const MORE: &str = " One day at a time.";

async fn open_grand_vision(app: &App) {
    app.click("nav-visions").await;
    app.click("vision-grand-vision").await;
    app.find("vision-title").await;
}

async fn value(app: &App, id: &str) -> String {
    app.find(id)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[test]
fn the_grand_vision_over_two_sittings_compared_restored_and_habits_ticked() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            open_grand_vision(&app).await;
            app.type_into("vision-text-believe", FIRST).await;
            app.type_into(
                "vision-text-habits",
                "Walk at seven\u{E007}Call a friend on Sundays",
            )
            .await;
            app.wait_text("vision-status", "saved", |t| t == "Saved as revision 1")
                .await;
            app.screenshot("20-vision-first-sitting").await;
        })
        .await;

        with_app(&data, |app| async move {
            open_grand_vision(&app).await;
            assert_eq!(
                value(&app, "vision-text-believe").await,
                FIRST,
                "the first sitting is kept"
            );
            app.type_into("vision-text-believe", MORE).await;
            app.wait_text("vision-status", "a second revision", |t| {
                t == "Saved as revision 2"
            })
            .await;
            assert_eq!(app.find_all("revision-row").await.len(), 2);

            for choose in app.find_all("revision-choose").await {
                choose.click().await.unwrap();
            }
            app.click("compare-revisions").await;
            let added = app.text("diff-added").await;
            assert!(
                added.contains("One day at a time."),
                "the added words are marked: {added}"
            );
            app.show("revision-diff").await;
            app.screenshot("21-vision-compared").await;

            app.click("restore-1").await;
            app.wait_text("vision-status", "restored", |t| t.contains("3"))
                .await;
            assert_eq!(
                value(&app, "vision-text-believe").await,
                FIRST,
                "revision 1 is back"
            );
            assert_eq!(
                app.find_all("revision-row").await.len(),
                3,
                "restored as a third"
            );

            let pins = app.find_all("pin-habit").await;
            assert_eq!(pins.len(), 2, "each habit line can be pinned");
            for (n, pin) in pins.iter().enumerate() {
                pin.click().await.unwrap();
                // One at a time, as the page allows: wait for this pin to land.
                let what = format!("habit {n} is pinned");
                wait_until(&what, Duration::from_secs(10), || async {
                    let now = pin.text().await.unwrap();
                    seen(now == "Pinned to Today", format!("its pin says {now:?}"))
                })
                .await;
            }
            app.screenshot("22-vision-restored-and-pinned").await;

            app.click("nav-today").await;
            let ticks = app.find_all("habit-tick").await;
            assert_eq!(ticks.len(), 2, "the pinned habits are on Today");
            ticks[0].click().await.unwrap();
            app.wait_text("save-status", "saved", |t| t == "Saved")
                .await;
            app.show("habits").await;
            app.screenshot("23-today-habits").await;
        })
        .await;

        with_app(&data, |app| async move {
            let ticks = app.find_all("habit-tick").await;
            assert_eq!(ticks.len(), 2);
            assert!(
                ticks[0].is_selected().await.unwrap(),
                "the tick is kept with the day's entry"
            );
            assert!(!ticks[1].is_selected().await.unwrap());
            open_grand_vision(&app).await;
            let rows = app.find_all("revision-row").await;
            assert_eq!(rows.len(), 3, "three revisions after a restart");
            assert!(rows[0].text().await.unwrap().contains("restored from 1"));

            // Issue 27, D7: the pinned line renamed ("seven" → "eight", key by key, as she
            // would): Today shows the new words at once, and today's tick is still this habit's.
            app.find("vision-text-habits").await.click().await.unwrap();
            let tap = |key: char| [KeyAction::Down { value: key }, KeyAction::Up { value: key }];
            let mut presses = vec![KeyAction::Down {
                value: char::from(Key::Control),
            }];
            presses.extend(tap(char::from(Key::Home)));
            presses.push(KeyAction::Up {
                value: char::from(Key::Control),
            });
            presses.extend(tap(char::from(Key::End)));
            for _ in "seven".chars() {
                presses.extend(tap(char::from(Key::Backspace)));
            }
            app.keys(presses).await;
            app.type_on_focus("eight").await;
            app.wait_text("vision-status", "saved", |t| t.starts_with("Saved"))
                .await;
            app.click("nav-today").await;
            let habits = app
                .wait_text("habits", "the renamed habit", |t| {
                    t.contains("Walk at eight")
                })
                .await;
            assert!(
                !habits.contains("Walk at seven"),
                "no pin is left behind: {habits}"
            );
            let ticks = app.find_all("habit-tick").await;
            assert_eq!(ticks.len(), 2, "the renamed habit is one pin, not two");
            assert!(
                ticks[0].is_selected().await.unwrap(),
                "the day ticked under the old words is still ticked"
            );
            app.show("habits").await;
            app.screenshot("23b-today-habit-renamed").await;
        })
        .await;
    });
}

/// Issue 25: the Grand Vision written on two computers before they met; the sync kept the other
/// one's file as a conflict copy. The app shows both as revisions, the other computer's saying
/// where it came from, and the copy is gone from the folder.
#[test]
fn a_vision_written_on_two_computers_shows_both_as_revisions() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    tend_e2e::answer_first_run(&data);
    {
        let mut store = tend::Store::open(&data, Box::new(tend::SystemClock)).unwrap();
        store
            .save_vision(tend::vision::VisionDraft {
                exercise: "grand-vision".into(),
                session_revision: None,
                sections: [("believe".to_string(), FIRST.to_string())].into(),
            })
            .unwrap();
    }
    let file = data.join("visions/grand-vision.json");
    let mut other: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let revision = &mut other["revisions"][0];
    revision["sections"]["believe"] = "A calm life, by the sea.".into();
    revision["created"] = "2026-11-20T08:00:00+01:00".into();
    revision["updated"] = "2026-11-20T08:00:00+01:00".into();
    let copy = data.join("visions/grand-vision.sync-conflict-20261120-090000-BBBBBBB.json");
    std::fs::write(&copy, serde_json::to_vec_pretty(&other).unwrap()).unwrap();

    let copy_in = copy.clone();
    run(async move {
        tend_e2e::with_new_app(&data, |app| async move {
            open_grand_vision(&app).await;
            let rows = app.find_all("revision-row").await;
            assert_eq!(
                rows.len(),
                2,
                "the other computer's, and hers after it as latest"
            );
            let mut texts = Vec::new();
            for row in &rows {
                texts.push(row.text().await.unwrap());
            }
            assert!(
                (texts.iter()).any(|t| t.contains("from another version")
                    && t.contains("Syncthing")
                    && t.contains("BBBBBBB")),
                "{texts:?}"
            );
            assert_eq!(
                value(&app, "vision-text-believe").await,
                FIRST,
                "the one written last is the vision shown"
            );
            assert!(!copy_in.exists(), "no file is left under a conflict name");
            app.show("revision-row").await;
            app.screenshot("24-vision-from-two-computers").await;
        })
        .await;
    });
}
