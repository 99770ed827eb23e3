//! Looking back (issue 13): "on this day" is off until turned on, and never shows what the
//! settings keep out of it; the calendar's days and the streak come from the index.

mod common;

use tend::settings::DaySpan;

#[test]
fn on_this_day_is_off_by_default_and_keeps_hidden_tags_and_days_out_for_good() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()); // today is 23 November 2026
    let mut write = |date: &str, tag: &str| {
        let mut draft = common::draft(date, &format!("Written on {date}"));
        draft.tags = vec![tag.into()];
        store.save_entry(draft).unwrap().id
    };
    let last_year = write("2025-11-23", "walk");
    let anniversary = write("2024-11-23", "Anniversary");
    write("2023-11-23", "court");
    write("2026-11-22", "walk"); // yesterday: not an earlier year
    let mut store = common::open(dir.path());
    assert!(store.on_this_day().is_empty(), "off unless turned on");

    let mut settings = store.settings().clone();
    settings.on_this_day = true;
    store.save_settings(settings.clone()).unwrap();
    let shown: Vec<_> = store
        .on_this_day()
        .into_iter()
        .map(|s| s.date.to_string())
        .collect();
    assert_eq!(
        shown,
        ["2025-11-23", "2024-11-23", "2023-11-23"],
        "newest first"
    );

    settings.on_this_day_hidden_tags = vec!["#anniversary".into()];
    settings.on_this_day_hidden_days = vec![DaySpan {
        from: common::day("2023-11-30"),
        to: common::day("2023-11-01"), // given backwards: read as the span it means
    }];
    store.save_settings(settings).unwrap();
    let kept = common::open(dir.path());
    let shown: Vec<_> = kept.on_this_day().into_iter().map(|s| s.id).collect();
    assert_eq!(
        shown,
        [last_year],
        "the tag (any case) and the days stay hidden"
    );
    assert!(!shown.contains(&anniversary));
    assert_eq!(kept.settings().on_this_day_hidden_tags, ["anniversary"]);
}

#[test]
fn insights_count_the_days_written_and_the_streak() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path()); // today is 23 November 2026
    for date in [
        "2026-11-20",
        "2026-11-21",
        "2026-11-22",
        "2026-11-22",
        "2026-10-02",
    ] {
        store
            .save_entry(common::draft(date, "A few words here."))
            .unwrap();
    }
    let month = tend::insights::of(
        &store,
        Some(common::day("2026-11-01")),
        common::day("2026-11-30"),
    );
    let days: Vec<_> = month
        .days
        .iter()
        .map(|d| (d.date.to_string(), d.entries))
        .collect();
    assert_eq!(
        days,
        [
            ("2026-11-20".into(), 1),
            ("2026-11-21".into(), 1),
            ("2026-11-22".into(), 2)
        ]
    );
    assert_eq!(month.days[2].mood, Some(4.0), "the drafts' mood");
    assert_eq!(
        (month.streak.current, month.streak.longest),
        (3, 3),
        "to yesterday"
    );
    assert_eq!(month.feelings[0].word, "hopeful");
    let all = tend::insights::of(&store, None, common::day("2026-11-23"));
    assert_eq!(
        all.from,
        common::day("2026-10-02"),
        "all time begins at the first entry"
    );
}

/// The daily reminder stays quiet on a day with writing: an entry for the day, or anything
/// saved that day (an entry for an earlier day, a worksheet).
#[test]
fn a_day_has_writing_when_anything_was_written_or_saved_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let today = common::day("2026-11-23");
    let mut store = common::open(dir.path()); // today is 23 November 2026
    assert!(!store.wrote_on(today), "a new journal");
    store
        .save_entry(common::draft(
            "2026-11-22",
            "Yesterday's page, written today",
        ))
        .unwrap();
    let yesterday = common::day("2026-11-22");
    // Written today, for yesterday: the clock says today.
    assert!(store.wrote_on(today));
    assert!(store.wrote_on(yesterday));
    assert!(!store.wrote_on(common::day("2026-11-21")));

    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    let ranking = ["time", "words", "touch", "service", "gifts"];
    let answers = serde_json::json!({ "his-ranking": ranking });
    store
        .save_filling(tend::FillingDraft {
            id: None,
            worksheet: "love-languages".into(),
            date: common::day("2026-10-01"),
            status: tend::FillingStatus::Draft,
            answers: serde_json::from_value(answers).unwrap(),
        })
        .unwrap();
    assert!(store.wrote_on(today), "a worksheet saved today");
}

/// The reminder is off until turned on, and its time is kept as hours and minutes; a time
/// that is not one is refused in words, and an older settings file without it still loads.
#[test]
fn the_reminder_is_off_by_default_and_its_time_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    let settings = store.settings().clone();
    assert!(!settings.reminder && !settings.start_at_login);
    assert_eq!(settings.reminder_at, "20:00");

    let saved = store
        .save_settings(tend::Settings {
            reminder: true,
            reminder_at: "7:05".into(),
            ..settings.clone()
        })
        .unwrap();
    assert_eq!(saved.reminder_at, "07:05");
    assert!(common::open(dir.path()).settings().reminder, "kept");

    let refused = store
        .save_settings(tend::Settings {
            reminder_at: "25:00".into(),
            ..settings
        })
        .unwrap_err();
    assert!(refused.to_string().contains("such as 20:30"), "{refused}");

    let old = r#"{"schema":1,"partner":"Sam"}"#;
    std::fs::write(dir.path().join("settings.json"), old).unwrap();
    let settings = common::open(dir.path()).settings().clone();
    assert_eq!(
        (settings.reminder, settings.reminder_at.as_str()),
        (false, "20:00")
    );
}
