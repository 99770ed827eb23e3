//! Issue 22, item 6: moving on means moving on. For each stance this lists what Tend shows (the
//! worksheets with their sections and questions, the visions, the assessment's ways of taking
//! it, the daily prompts left out) and compares it with `tests/golden/stances.txt`; then it reads
//! every text shown to someone moving on and finds nothing that leans toward reconciling.

mod common;

use std::fmt::Write;

use common::at;
use serde_json::json;
use tend::prompts::{self, ShownPrompt};
use tend::{FillingDraft, FillingStatus, Pronouns, Stance, Store};

const STANCES: [Option<Stance>; 4] = [
    None,
    Some(Stance::Reconcile),
    Some(Stance::Unsure),
    Some(Stance::MovingOn),
];

/// A journal whose settings say where the user stands, with a partner named Sam (he).
fn journal(dir: &std::path::Path, stance: Option<Stance>) -> Store {
    let mut store = Store::open(dir, at("2026-11-23T21:15:00+01:00")).unwrap();
    let mut settings = store.settings().clone();
    settings.stance = stance;
    settings.partner = "Sam".into();
    settings.pronouns = Pronouns::He;
    store.save_settings(settings).unwrap();
    store
}

fn stance_name(stance: Option<Stance>) -> &'static str {
    stance.map_or("not chosen yet", Stance::name)
}

/// The daily prompts someone at `stance` can be given (themes and prompts both admit them).
fn daily_prompts(stance: Option<Stance>) -> Vec<&'static prompts::Prompt> {
    let themes = prompts::themes_for(stance);
    prompts::catalog()
        .prompts
        .iter()
        .filter(|p| Stance::admits(stance, &p.stances) && themes.iter().any(|t| t.id == p.theme))
        .collect()
}

/// What each stance is shown, one line per worksheet section and per vision.
fn listing() -> String {
    let mut out = String::new();
    for stance in STANCES {
        let dir = tempfile::tempdir().unwrap();
        let store = journal(dir.path(), stance);
        writeln!(out, "== {}", stance_name(stance)).unwrap();
        for sheet in store.worksheets_as_shown() {
            writeln!(out, "worksheet {}", sheet.id).unwrap();
            for section in &sheet.sections {
                let fields: Vec<&str> = section.fields.iter().map(|f| f.id.as_str()).collect();
                let coaching = if section.coaching { " (coaching)" } else { "" };
                writeln!(out, "  {}{coaching}: {}", section.id, fields.join(", ")).unwrap();
            }
        }
        for exercise in store.exercises() {
            let sections: Vec<&str> = exercise.sections.iter().map(|s| s.id.as_str()).collect();
            writeln!(out, "vision {}: {}", exercise.id, sections.join(", ")).unwrap();
        }
        let subjects: Vec<String> = store
            .assessment_as_shown()
            .subjects
            .into_iter()
            .map(|s| s.id)
            .collect();
        writeln!(out, "assessment for: {}", subjects.join(", ")).unwrap();
        let shown = daily_prompts(stance);
        let left_out: Vec<&str> = prompts::catalog()
            .prompts
            .iter()
            .filter(|p| !shown.iter().any(|s| s.id == p.id))
            .map(|p| p.id.as_str())
            .collect();
        writeln!(
            out,
            "daily prompts: {} shown; left out: {}",
            shown.len(),
            if left_out.is_empty() {
                "none".to_string()
            } else {
                left_out.join(", ")
            }
        )
        .unwrap();
    }
    out
}

#[test]
fn each_stance_is_shown_what_the_golden_list_says() {
    let actual = listing();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/stances.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "what each stance is shown changed; if intended, run UPDATE_GOLDEN=1 cargo test --test \
         stance and read the difference in tests/golden/stances.txt\n--- actual ---\n{actual}"
    );
}

/// Words and phrases that lean toward getting back together. Matched as whole words in the
/// rendered text; `_` stands for any one word ("win _ back": win him back, win her back).
const LEANING: [&str; 25] = [
    "if we were together",
    "back together",
    "get back",
    "win _ back",
    "win back",
    "reconcile",
    "reconciling",
    "reconciliation",
    "new marriage",
    "save our marriage",
    "save the marriage",
    "begin again",
    "reconnect with sam",
    "reconnect with him",
    "reconnecting with sam",
    "reconnecting with him",
    "reconnection",
    "reunion",
    "make _ miss",
    "miss me",
    "stay married",
    "reasons for staying",
    "leave room for",
    "next one to",
    "when _ is ready",
];

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['’', '\''], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The first phrase of [`LEANING`] found in `text`, if any.
fn leaning(text: &str) -> Option<&'static str> {
    let words = words(text);
    LEANING.into_iter().find(|phrase| {
        let parts: Vec<&str> = phrase.split(' ').collect();
        words
            .windows(parts.len())
            .any(|window| window.iter().zip(&parts).all(|(w, p)| *p == "_" || w == p))
    })
}

#[test]
fn the_phrase_check_finds_what_it_should() {
    for (text, expected) in [
        (
            "If we were together, what would I do?",
            Some("if we were together"),
        ),
        ("How to win him back.", Some("win _ back")),
        ("Our new marriage", Some("new marriage")),
        (
            "Leave room for Sam to reach out when he is ready.",
            Some("leave room for"),
        ),
        ("A window back onto the garden.", None),
        ("Reconnect with old friends.", None),
        ("I reconsider my week.", None),
    ] {
        assert_eq!(leaning(text), expected, "{text}");
    }
}

/// Every text a person moving on is shown: worksheets (with no earlier fillings), visions, the
/// assessment, the daily prompts and the contact log's note.
fn texts_for(store: &Store, stance: Option<Stance>) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    let mut add = |place: String, text: &str| texts.push((place, text.to_string()));
    for sheet in store.worksheets_as_shown() {
        add(format!("{} intro", sheet.id), &sheet.intro);
        add(format!("{} title", sheet.id), &sheet.title);
        for section in &sheet.sections {
            let at = format!("{}/{}", sheet.id, section.id);
            add(format!("{at} title"), &section.title);
            add(format!("{at} help"), &section.help);
            for field in &section.fields {
                let at = format!("{at}/{}", field.id);
                add(format!("{at} label"), &field.label);
                if let Some(help) = &field.help {
                    add(format!("{at} help"), help);
                }
                let value = serde_json::to_value(&field.kind).unwrap();
                for option in value["options"].as_array().into_iter().flatten() {
                    add(format!("{at} option"), option["label"].as_str().unwrap());
                }
                for key in ["minLabel", "maxLabel", "itemLabel"] {
                    if let Some(label) = value[key].as_str() {
                        add(format!("{at} {key}"), label);
                    }
                }
            }
        }
    }
    for exercise in store.exercises() {
        add(format!("vision {} title", exercise.id), &exercise.title);
        add(format!("vision {} intro", exercise.id), &exercise.intro);
        for section in &exercise.sections {
            let at = format!("vision {}/{}", exercise.id, section.id);
            add(format!("{at} title"), &section.title);
            add(format!("{at} guidance"), &section.guidance);
        }
    }
    let assessment = store.assessment_as_shown();
    add("assessment intro".into(), &assessment.intro);
    for subject in &assessment.subjects {
        add(format!("assessment {}", subject.id), &subject.label);
    }
    for pair in &assessment.pairs {
        add(format!("assessment {}", pair.id), &pair.a.text);
        add(format!("assessment {}", pair.id), &pair.b.text);
    }
    let voice = store.settings().voice();
    for prompt in daily_prompts(stance) {
        let shown: ShownPrompt = prompts::show(prompt, &voice);
        add(format!("daily prompt {}", prompt.id), &shown.text);
    }
    texts
}

#[test]
fn moving_on_nothing_shown_leans_toward_reconciling() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = journal(dir.path(), Some(Stance::MovingOn));
    // Two personal contacts she started: the contact log's note is shown too.
    for date in ["2026-11-10", "2026-11-12"] {
        store
            .save_filling(FillingDraft {
                id: None,
                worksheet: "contact-log".into(),
                date: common::day(date),
                status: FillingStatus::Complete,
                answers: serde_json::from_value(json!({"started-by": "me", "about": "personal"}))
                    .unwrap(),
            })
            .unwrap();
    }
    let mut texts = texts_for(&store, Some(Stance::MovingOn));
    let rhythm = store.contact_rhythm_as_shown();
    texts.push((
        "contact note".into(),
        rhythm.note.expect("a note after two"),
    ));
    let found: Vec<String> = texts
        .iter()
        .filter_map(|(place, text)| leaning(text).map(|p| format!("{place}: “{p}” in “{text}”")))
        .collect();
    assert!(
        found.is_empty(),
        "moving on, these lean toward reconciling:\n{}",
        found.join("\n")
    );
    assert!(
        texts.len() > 300,
        "the check read the worksheets, visions, assessment and prompts ({} texts)",
        texts.len()
    );
}

#[test]
fn moving_on_hides_the_reconciling_parts_and_the_other_stances_keep_them() {
    for stance in STANCES {
        let dir = tempfile::tempdir().unwrap();
        let store = journal(dir.path(), stance);
        let moving_on = stance == Some(Stance::MovingOn);
        let love = store.worksheet_as_shown("love-languages").unwrap();
        let has = |sheet: &tend::worksheet::Worksheet, id: &str| sheet.fields().any(|f| f.id == id);
        assert_eq!(
            has(&love, "partner-if-together"),
            !moving_on,
            "{}: \"If we were together…\" is asked only of someone not moving on",
            stance_name(stance)
        );
        assert!(
            has(&love, "partner-ranking") && has(&love, "my-ranking"),
            "{}: the love languages themselves are for everyone",
            stance_name(stance)
        );
        let before = store.worksheet_as_shown("before-reaching-out").unwrap();
        assert_eq!(
            has(&before, "whose-turn"),
            !moving_on,
            "{}: whose turn it is to reach out is the rhythm of a reunion",
            stance_name(stance)
        );
        assert!(
            has(&before, "feel-safe") && has(&before, "draft") && has(&before, "decision"),
            "{}: the safety question, the tone-checked draft and the decision stay",
            stance_name(stance)
        );
        let why = store.worksheet_as_shown("why-stay").unwrap();
        assert_eq!(
            why.sections.iter().any(|s| s.id == "reasons"),
            !moving_on,
            "{}: my reasons for staying married",
            stance_name(stance)
        );
        let subjects: Vec<String> = store
            .assessment_as_shown()
            .subjects
            .into_iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(
            subjects,
            if moving_on {
                vec!["me"]
            } else {
                vec!["me", "partner"]
            },
            "{}: the assessment as the partner would answer it",
            stance_name(stance)
        );
        let visions: Vec<String> = store.exercises().into_iter().map(|e| e.id).collect();
        assert_eq!(
            visions.contains(&"new-marriage".to_string()),
            !moving_on,
            "{}: our new marriage",
            stance_name(stance)
        );
    }
}

/// Never drop data: an answer given before she moved on stays in the file, and its question
/// stays with it (marked `answered_only`) wherever that filling is shown; a blank form leaves
/// the question out.
#[test]
fn an_answer_to_a_question_now_hidden_is_kept_and_shown_with_its_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = journal(dir.path(), Some(Stance::Reconcile));
    let filling = store
        .save_filling(FillingDraft {
            id: None,
            worksheet: "love-languages".into(),
            date: common::day("2026-10-01"),
            status: FillingStatus::Complete,
            answers: serde_json::from_value(json!({"partner-if-together": "Saturday walks."}))
                .unwrap(),
        })
        .unwrap();
    let mut settings = store.settings().clone();
    settings.stance = Some(Stance::MovingOn);
    store.save_settings(settings).unwrap();
    drop(store);

    let store = Store::open(dir.path(), at("2026-11-23T21:15:00+01:00")).unwrap();
    assert_eq!(
        store
            .filling(&filling.id)
            .unwrap()
            .answers
            .get("partner-if-together"),
        Some(&json!("Saturday walks.")),
        "the answer is kept"
    );
    let love = store.worksheet_as_shown("love-languages").unwrap();
    let kept = love
        .fields()
        .find(|f| f.id == "partner-if-together")
        .expect("the question stays, so that the answer keeps it");
    assert!(
        kept.answered_only,
        "marked: shown only with a filling that answered it"
    );
    assert!(
        !love.to_text().contains("If we were together"),
        "the blank form leaves it out:\n{}",
        love.to_text()
    );
    let other = store.worksheet_as_shown("core-needs").unwrap();
    assert!(other.fields().all(|f| !f.answered_only));
}
