//! Dates as the system's locale writes them (issue 27, D16), in the real app: WebKit follows a
//! locale the C library has (setup makes en_GB and de_DE), and every date Tend writes goes
//! through it. An empty date filter says "any day", not today's date in grey as if it were set.

use tend::{Store, SystemClock};
use tend_e2e::{draft, run, with_app_env};

fn journal(data: &std::path::Path) {
    let mut store = Store::open(data, Box::new(SystemClock)).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    store
        .save_entry(draft(day, "A walk by the river."))
        .unwrap();
}

#[test]
fn dates_follow_the_systems_locale_and_an_empty_filter_says_any_day() {
    let missing: Vec<&str> = ["en_GB", "de_DE"]
        .into_iter()
        .filter(|l| {
            let out = std::process::Command::new("locale")
                .arg("-a")
                .output()
                .unwrap();
            !String::from_utf8_lossy(&out.stdout)
                .lines()
                .any(|have| have.eq_ignore_ascii_case(&format!("{l}.utf8")))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "this test needs the {missing:?} locales: make setup-test generates them"
    );
    for (locale, day) in [
        ("en_GB.UTF-8", "Friday, 20 November 2026"),
        ("de_DE.UTF-8", "Freitag, 20. November 2026"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().to_path_buf();
        journal(&data);
        let env = [("LANG", locale.to_string()), ("LC_ALL", locale.to_string())];
        run(async move {
            with_app_env(&data, &env, |app| async move {
                app.click("nav-entries").await;
                let row = app.text("entry-row").await;
                assert!(row.starts_with(day), "{locale}: the entry's day: {row}");

                app.click("nav-search").await;
                app.show("search-from-unset").await;
                assert_eq!(
                    app.text("search-from-unset").await,
                    "any day",
                    "{locale}: an empty filter says so"
                );
                let from = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
                app.choose_date("search-from", from).await;
                app.wait_count("search-from-unset", 0).await;
                assert_eq!(
                    app.count("search-to-unset").await,
                    1,
                    "the other is still empty"
                );
                app.screenshot(&format!("dates-search-{}", &locale[..5]))
                    .await;
            })
            .await;
        });
    }
}
