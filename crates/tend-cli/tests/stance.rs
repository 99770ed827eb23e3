//! Issue 22, item 7: the command line shows what the app shows. `tend worksheet show` fills in
//! the partner's name and pronouns and follows the stance, with no raw `{placeholder}` left;
//! `tend worksheet list` and `tend vision list` follow the stance; `tend settings` prints every
//! setting.

mod common;

use common::{stderr, stdout, tend};

const WORKSHEETS: [&str; 10] = [
    "before-reaching-out",
    "contact-log",
    "core-needs",
    "five-dimensions",
    "joy-and-care",
    "love-languages",
    "my-part",
    "rituals",
    "self-awareness",
    "why-stay",
];

fn run(dir: &std::path::Path, args: &[&str]) -> String {
    let out = tend(dir, args, "");
    assert!(
        out.status.success(),
        "tend {args:?} failed: {}",
        stderr(&out)
    );
    stdout(&out)
}

fn ids(listing: &str) -> Vec<String> {
    listing
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn worksheet_show_speaks_of_the_partner_as_settings_say_for_every_stance() {
    let dir = tempfile::tempdir().unwrap();
    for (partner, pronouns) in [("Sam", "he"), ("Sarah", "she"), ("Alex", "they")] {
        for stance in ["reconcile", "unsure", "moving-on"] {
            run(
                dir.path(),
                &[
                    "settings",
                    "--partner",
                    partner,
                    "--pronouns",
                    pronouns,
                    "--stance",
                    stance,
                ],
            );
            for sheet in WORKSHEETS {
                let shown = run(dir.path(), &["worksheet", "show", sheet]);
                assert!(
                    !shown.contains('{') && !shown.contains('}'),
                    "{sheet} ({partner}, {pronouns}, {stance}): no raw placeholder:\n{shown}"
                );
            }
        }
    }
    let love = run(dir.path(), &["worksheet", "show", "love-languages"]);
    assert!(
        love.contains("How would I order the five for Alex, from what matters most to them"),
        "the name and pronouns of Settings are in the questions:\n{love}"
    );
}

#[test]
fn moving_on_the_command_line_hides_what_leans_toward_reconciling() {
    let dir = tempfile::tempdir().unwrap();
    run(
        dir.path(),
        &[
            "settings",
            "--partner",
            "Sam",
            "--pronouns",
            "he",
            "--stance",
            "reconcile",
        ],
    );
    let love = run(dir.path(), &["worksheet", "show", "love-languages"]);
    assert!(
        love.contains("If we were together, what would I do for Sam in his language?"),
        "hoping to reconcile, the question is asked:\n{love}"
    );
    let visions = ids(&run(dir.path(), &["vision", "list"]));
    assert!(
        visions.contains(&"new-marriage".to_string()),
        "hoping to reconcile, our new marriage is listed: {visions:?}"
    );

    run(dir.path(), &["settings", "--stance", "moving-on"]);
    let love = run(dir.path(), &["worksheet", "show", "love-languages"]);
    assert!(
        !love.contains("If we were together") && !love.contains("partner-now"),
        "moving on, no question leans toward reconciling:\n{love}"
    );
    assert!(
        love.contains("[partner-ranking]") && love.contains("[my-ranking]"),
        "the love languages themselves stay:\n{love}"
    );
    let before = run(dir.path(), &["worksheet", "show", "before-reaching-out"]);
    assert!(
        !before.contains("[whose-turn]") && before.contains("[draft]"),
        "moving on, no rhythm of turns; the draft and its tone check stay:\n{before}"
    );
    let why = run(dir.path(), &["worksheet", "show", "why-stay"]);
    assert!(
        !why.contains("My reasons for staying") && why.contains("[feel-safe]"),
        "moving on, no reasons for staying married; the safety question stays:\n{why}"
    );
    let visions = ids(&run(dir.path(), &["vision", "list"]));
    assert_eq!(
        visions,
        ["grand-vision", "thriving-on-my-own"],
        "moving on, our new marriage is not offered"
    );
    let sheets = ids(&run(dir.path(), &["worksheet", "list"]));
    assert_eq!(
        sheets, WORKSHEETS,
        "every worksheet has something for someone moving on (only parts of them are hidden)"
    );
}

#[test]
fn moving_on_an_answer_sent_under_an_old_id_is_kept_under_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), &["settings", "--stance", "moving-on"]);
    let out = tend(
        dir.path(),
        &["worksheet", "fill", "love-languages"],
        r#"{"his-if-together": "Saturday walks."}"#,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let history = run(
        dir.path(),
        &["worksheet", "history", "love-languages", "--json"],
    );
    assert!(
        history.contains(r#""partner-if-together": "Saturday walks.""#),
        "the answer is kept, under the field's new id:\n{history}"
    );
}

#[test]
fn the_safety_note_stands_over_the_coaching_sections() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), &["settings", "--stance", "unsure"]);
    for sheet in ["why-stay", "before-reaching-out"] {
        let shown = run(dir.path(), &["worksheet", "show", sheet]);
        assert!(
            shown.contains("only once the safety question above is answered \"yes\""),
            "{sheet}: the text says the coaching waits for a yes:\n{shown}"
        );
    }
}

#[test]
fn settings_prints_every_setting() {
    let dir = tempfile::tempdir().unwrap();
    let shown = run(dir.path(), &["settings"]);
    for line in [
        "partner: ",
        "pronouns: they",
        "stance: not chosen yet",
        "country: ",
        "low-mood card: on",
        "backups kept: ",
        "theme: system",
        "text size: normal",
        "first day of the week: monday",
        "reminder: off (its time: 20:00)",
        "start at login: off",
        "on this day: off",
        "on this day hides tags: none",
        "on this day hides days: none",
        "lock after minutes: 5",
        "pinned habits: none",
    ] {
        assert!(
            shown.lines().any(|l| l.starts_with(line)),
            "tend settings prints \"{line}…\":\n{shown}"
        );
    }
    assert!(
        !shown.contains("schema") && !shown.contains("care card dismissed"),
        "only what a person chooses:\n{shown}"
    );
}
