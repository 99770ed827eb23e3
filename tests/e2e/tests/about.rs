//! The About section in Settings (issue 26): the version the packages carry, the licence, what
//! stays private, and the way to the support page.

use tend_e2e::{run, with_app};

#[test]
fn settings_says_which_tend_this_is_and_leads_to_support() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            app.click("nav-settings").await;
            let version = env!("CARGO_PKG_VERSION");
            let about = app
                .wait_text("about", "the version", |t| t.contains(version))
                .await;
            assert!(about.contains("MIT licence"), "{about}");
            let page = app.page_text().await;
            assert!(
                page.contains("Nothing you write leaves this computer")
                    && page.contains("your journal is not encrypted"),
                "{page}"
            );
            app.scroll_to("about").await;
            app.screenshot("about-01-settings").await;
            app.click("about-support").await;
            app.find("support-page").await;
        })
        .await;
    });
}
