//! Hear her when it matters (issue 22), in the real app: words of despair in an entry bring
//! the quiet support card once; the first run asks whether she feels safe, and "not sure"
//! points to help; the lock screen's "Need support?" lists her own country's lines.

use std::time::Duration;
use tend::crypt::secrecy::SecretString;
use tend::settings::FeelsSafe;
use tend::{Settings, Stance, Store, SystemClock};

use tend_e2e::{run, seen, stays, with_app, with_new_app};

#[test]
fn an_entry_that_sounds_like_despair_brings_the_support_card_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            app.find("prompt-text").await;
            assert_eq!(
                app.count("care-card").await,
                0,
                "no card on a fresh journal"
            );
            app.type_into("editor", "I don't want to wake up tomorrow.")
                .await;
            // The card comes once the entry is saved (a moment after typing stops).
            app.wait_count("care-card", 1).await;
            let card = app.text("care-card").await;
            assert!(
                card.contains("sounds very heavy") && card.contains("support page"),
                "a kind word and a door to support: {card}"
            );
            app.screenshot("hear-her-01-care-card-from-writing").await;
            app.click("care-support").await;
            app.find("support-emergency").await;
            app.screenshot("hear-her-02-support-from-card").await;
            app.click("nav-today").await;
            app.find("editor").await;
            app.click("care-dismiss").await;
            assert_eq!(app.count("care-card").await, 0, "put away");
            app.type_into("editor", " Still so heavy, I just want it all to stop.")
                .await;
            // Saved, the moment the card came the first time; then watched a while.
            app.wait_text("save-status", "saved", |t| t == "Saved")
                .await;
            stays(
                "once a day at most: put away, it does not come back today",
                Duration::from_millis(2000),
                || async {
                    let cards = app.count("care-card").await;
                    seen(cards == 0, format!("{cards} care card shown"))
                },
            )
            .await;
        })
        .await;
        with_app(&data, |app| async move {
            app.find("prompt-text").await;
            assert_eq!(app.count("care-card").await, 0, "nor at the next start");
        })
        .await;
        let store = Store::open(&data, Box::new(SystemClock)).unwrap();
        let settings = std::fs::read_to_string(data.join("settings.json")).unwrap();
        assert!(
            !settings.contains("wake up") && !settings.contains("heavy"),
            "nothing of what was found is stored: {settings}"
        );
        assert!(store.settings().care_card_dismissed.is_some());
    });
}

#[test]
fn the_first_run_asks_if_she_feels_safe_and_not_sure_points_to_help() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_new_app(&data, |app| async move {
            app.find("first-run").await;
            app.click("stance-reconcile").await;
            assert_eq!(app.count("first-run-safety-note").await, 0);
            app.click("first-run-safe-unsure").await;
            let note = app.text("first-run-safety-note").await;
            assert!(note.contains("will not suggest contact"), "{note}");
            app.screenshot("hear-her-03-first-run-not-sure").await;
            app.click("first-run-begin").await;
            app.find("prompt-text").await;
        })
        .await;
        let store = Store::open(&data, Box::new(SystemClock)).unwrap();
        assert_eq!(store.settings().stance, Some(Stance::Reconcile));
        assert_eq!(store.settings().feels_safe, Some(FeelsSafe::Unsure));
        let coaching: Vec<&str> = tend::prompts::catalog()
            .prompts
            .iter()
            .filter(|p| p.coaching)
            .map(|p| p.id.as_str())
            .collect();
        let today = chrono::Local::now().date_naive();
        for offset in 0..40 {
            let shown = store.prompt_for(today, None, offset).unwrap();
            assert!(
                !coaching.contains(&shown.id.as_str()),
                "not sure: no prompt suggests contact ({})",
                shown.id
            );
        }
    });
}

#[test]
fn the_lock_screen_support_shows_the_lines_of_her_country() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let mut store = Store::open(&data, Box::new(SystemClock)).unwrap();
    let settings = Settings {
        stance: Some(Stance::Unsure),
        country: Some("IE".into()),
        ..store.settings().clone()
    };
    store.save_settings(settings).unwrap();
    store
        .encryption_on(
            &SecretString::from("harbour lights at dusk".to_string()),
            Some(2),
        )
        .unwrap();
    drop(store);
    run(async move {
        with_new_app(&data, |app| async move {
            app.find("unlock-passphrase").await;
            app.click("locked-support").await;
            app.find("support-emergency").await;
            let page = app
                .wait_text("support-page", "Ireland's lines", |t| t.contains("Pieta"))
                .await;
            assert!(
                page.contains("Ireland") && !page.contains("If your country is not listed"),
                "her country's lines, not the fallback: {page}"
            );
            app.screenshot("hear-her-04-locked-support-ireland").await;
        })
        .await;
    });
}

/// Someone who began before the first run asked about safety is asked once, on Today; "not
/// sure" points to help, and no prompt that suggests contact is drawn.
#[test]
fn today_asks_once_about_safety_when_the_first_run_did_not() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let mut store = Store::open(&data, Box::new(SystemClock)).unwrap();
    let settings = Settings {
        stance: Some(Stance::Unsure),
        partner: "Alex".into(),
        ..store.settings().clone()
    };
    store.save_settings(settings).unwrap();
    drop(store);
    run(async move {
        with_new_app(&data, |app| async move {
            let question = app.text("safety-question").await;
            assert!(
                question.contains("do you feel safe with Alex?"),
                "asked by her partner's name: {question}"
            );
            app.screenshot("hear-her-05-today-asks-safety").await;
            app.click("today-safe-unsure").await;
            let answered = app.text("safety-answered").await;
            assert!(
                answered.contains("will not suggest reaching out"),
                "{answered}"
            );
            app.screenshot("hear-her-06-today-safety-answered").await;
        })
        .await;
        let store = Store::open(&data, Box::new(SystemClock)).unwrap();
        assert_eq!(store.settings().feels_safe, Some(FeelsSafe::Unsure));
        drop(store);
        with_new_app(&data, |app| async move {
            app.find("prompt-text").await;
            assert_eq!(app.count("safety-question").await, 0, "asked once");
        })
        .await;
    });
}
