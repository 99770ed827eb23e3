//! The first run tells the truth (issue 27, D2, D15): who can read the journal, and the offer
//! of a passphrase; the helplines' country asked (with LANG=C.UTF-8 it silently became
//! "somewhere else"); "my husband" and "my wife" offered as Settings offers them; and "Begin"
//! leaves her in Today's editor (D3), or, when she asked for a passphrase, on the button that
//! sets one.

use tend::{Store, SystemClock};
use tend_e2e::{run, with_new_app};

#[test]
fn the_first_run_says_who_can_read_the_journal_and_asks_what_it_needs() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let data_in = data.clone();
    run(async move {
        with_new_app(&data_in, |app| async move {
            app.find("first-run").await;
            // What she sees first: who can read the journal, and the offer of a passphrase.
            app.screenshot("first-run-privacy-and-passphrase").await;
            let privacy = app.text("first-run-privacy").await;
            assert!(
                privacy.contains("plain files") && privacy.contains("anyone who can use"),
                "{privacy}"
            );
            app.find("first-run-encrypt").await;
            app.click("stance-unsure").await;
            app.click("first-run-partner-wife").await;
            app.select("first-run-country", "IE").await;
            app.click("first-run-safe-safe").await;
            app.screenshot("first-run-answered").await;
            app.axe("the first run").await;
            app.click("first-run-begin").await;
            app.wait_focus("editor", "the first run's Begin").await;
        })
        .await;
    });
    let store = Store::open(&data, Box::new(SystemClock)).unwrap();
    let settings = store.settings();
    assert_eq!(settings.partner, "my wife");
    assert_eq!(settings.country.as_deref(), Some("IE"));
}

#[test]
fn asking_for_a_passphrase_in_the_first_run_leads_to_setting_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_new_app(&data, |app| async move {
            app.find("first-run").await;
            app.click("stance-moving-on").await;
            app.click("first-run-encrypt").await;
            app.click("first-run-begin").await;
            app.wait_focus("encryption-start", "Begin, with a passphrase asked for")
                .await;
            app.screenshot("first-run-then-passphrase").await;
        })
        .await;
    });
}
