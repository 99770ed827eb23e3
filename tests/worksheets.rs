//! Worksheets: the content is valid, answers are checked against it, fillings are kept and
//! listed, the assessment is scored, drafts are tone-checked and contacts show their rhythm.

mod common;

use std::collections::{HashMap, HashSet};
use std::fs;

use common::{at, day, open};
use serde_json::{json, Value};
use tend::prompts::ARTICLES;
use tend::worksheet::{self, Answers, FieldKind};
use tend::{assessment, contacts, tone, Error, FillingDraft, FillingStatus, Store};

fn answers(value: Value) -> Answers {
    serde_json::from_value(value).unwrap()
}

fn is_article(source: &str) -> bool {
    ARTICLES.iter().any(|(file, _)| *file == source)
}

#[test]
fn the_ten_worksheets_are_there_and_well_formed() {
    let ids: HashSet<&str> = worksheet::all().iter().map(|w| w.id.as_str()).collect();
    for expected in [
        "love-languages",
        "core-needs",
        "my-part",
        "why-stay",
        "before-reaching-out",
        "contact-log",
        "self-awareness",
        "five-dimensions",
        "rituals",
        "joy-and-care",
    ] {
        assert!(ids.contains(expected), "worksheet {expected} is missing");
    }
    assert_eq!(
        ids.len(),
        worksheet::all().len(),
        "worksheet ids are unique"
    );
    for sheet in worksheet::all() {
        assert!(
            !sheet.sources.is_empty() && sheet.sources.iter().all(|s| is_article(s)),
            "{}: sources",
            sheet.id
        );
        let mut field_ids = HashSet::new();
        for section in &sheet.sections {
            assert!(
                is_article(&section.source),
                "{}/{}: source {}",
                sheet.id,
                section.id,
                section.source
            );
            for field in &section.fields {
                assert!(
                    field_ids.insert(&field.id),
                    "{}: field id {} repeats",
                    sheet.id,
                    field.id
                );
                match &field.kind {
                    FieldKind::Scale { min, max, .. } => assert!(
                        matches!((min, max), (1, 5) | (0, 10)),
                        "{}/{}: a scale runs 1–5 or 0–10",
                        sheet.id,
                        field.id
                    ),
                    FieldKind::Ranking { options }
                    | FieldKind::Choice { options }
                    | FieldKind::Checklist { options } => {
                        let unique: HashSet<_> = options.iter().map(|o| &o.id).collect();
                        assert!(
                            options.len() >= 2 && unique.len() == options.len(),
                            "{}/{}: options",
                            sheet.id,
                            field.id
                        );
                    }
                    _ => {}
                }
            }
        }
    }
}

#[test]
fn each_field_kind_accepts_what_fits_and_names_the_field_when_not() {
    let love = worksheet::find("love-languages").unwrap();
    let ranking = love
        .fields()
        .find(|f| matches!(f.kind, FieldKind::Ranking { .. }))
        .unwrap()
        .id
        .clone();
    let good = json!(["time", "words", "touch", "service", "gifts"]);
    assert!(love.check(answers(json!({ &ranking: good }))).is_ok());
    for bad in [
        json!(["time", "words"]),
        json!(["time", "time", "touch", "service", "gifts"]),
        json!("time"),
    ] {
        let err = love
            .check(answers(json!({ &ranking: bad })))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(&ranking),
            "the error names the field: {err}"
        );
    }

    let log = worksheet::find("contact-log").unwrap();
    assert!(log
        .check(answers(
            json!({"started-by": "me", "went": 4, "felt": ["calm"], "note": "ok"})
        ))
        .is_ok());
    let cases = [
        (json!({"went": 6}), "went: 6 is outside"),
        (json!({"went": "good"}), "went: expected a whole number"),
        (
            json!({"started-by": "someone"}),
            "started-by: \"someone\" is not one",
        ),
        (
            json!({"felt": ["calm", "calm"]}),
            "felt: \"calm\" is ticked twice",
        ),
        (json!({"felt": ["bored"]}), "felt: \"bored\" is not one"),
        (json!({"note": 3}), "note: expected text"),
        (json!({"mystery": "x"}), "mystery: the worksheet"),
    ];
    for (value, expected) in cases {
        let err = log.check(answers(value.clone())).unwrap_err().to_string();
        assert!(err.starts_with(expected), "{value}: {err}");
    }

    let joy = worksheet::find("joy-and-care").unwrap();
    let list = joy
        .fields()
        .find(|f| matches!(f.kind, FieldKind::List { .. }))
        .unwrap()
        .id
        .clone();
    let kept = joy
        .check(answers(json!({ &list: ["swimming", "  ", "friends"] })))
        .unwrap();
    assert_eq!(
        kept[&list],
        json!(["swimming", "friends"]),
        "blank items are dropped"
    );
    assert!(joy.check(answers(json!({ &list: "swimming" }))).is_err());
}

#[test]
fn the_assessment_sets_each_language_against_the_others_equally() {
    let def = assessment::definition();
    assert_eq!(def.pairs.len(), 30);
    let mut per_language: HashMap<&str, usize> = HashMap::new();
    for pair in &def.pairs {
        assert_ne!(
            pair.a.language, pair.b.language,
            "{}: a pair sets two languages against each other",
            pair.id
        );
        *per_language.entry(&pair.a.language).or_default() += 1;
        *per_language.entry(&pair.b.language).or_default() += 1;
    }
    assert_eq!(per_language.len(), 5);
    assert!(
        per_language.values().all(|&n| n == 12),
        "each language appears 12 times: {per_language:?}"
    );
}

#[test]
fn the_assessment_scores_each_language_and_names_a_tie() {
    let def = assessment::definition();
    // Choose "time" whenever it is offered, else side "a".
    let mut picks = json!({"subject": "me"});
    for pair in &def.pairs {
        let side = if pair.b.language == "time" { "b" } else { "a" };
        picks[&pair.id] = json!(side);
    }
    let result = assessment::score(&answers(picks));
    assert_eq!(result.answered, 30);
    assert_eq!(result.primary, ["time"], "{:?}", result.scores);
    assert_eq!(result.scores[0].count, 12, "time wins every pair it is in");
    assert_eq!(
        result.scores.iter().map(|s| s.count).sum::<u32>(),
        30,
        "one point per answer"
    );

    // Two languages' pairs only, one won by each: a tie.
    let words_vs_gifts: Vec<_> = def
        .pairs
        .iter()
        .filter(|p| {
            [&p.a.language, &p.b.language]
                .iter()
                .all(|l| *l == "words" || *l == "gifts")
        })
        .collect();
    let mut picks = json!({});
    picks[&words_vs_gifts[0].id] = json!(if words_vs_gifts[0].a.language == "words" {
        "a"
    } else {
        "b"
    });
    picks[&words_vs_gifts[1].id] = json!(if words_vs_gifts[1].a.language == "gifts" {
        "a"
    } else {
        "b"
    });
    let tie = assessment::score(&answers(picks));
    assert_eq!(tie.primary, ["words", "gifts"], "a tie names both");

    assert!(assessment::check(answers(json!({"p01": "c"}))).is_err());
    assert!(assessment::check(answers(json!({"subject": "them"}))).is_err());
}

#[test]
fn the_tone_check_flags_pressure_and_passes_a_calm_note() {
    let voice = tend::Voice::new("Sam", tend::Pronouns::He);
    let verdict = |draft: &str| tone::check(draft, &voice).unwrap().verdict;
    assert_eq!(
        verdict("Why won't you talk to me?"),
        tone::Verdict::Pressure
    );
    assert_eq!(
        verdict("Just thinking of you today, no pressure."),
        tone::Verdict::Clear
    );
    for opening in &tone::content().openings {
        assert!(is_article(&opening.source));
        assert_eq!(
            verdict(&opening.text),
            tone::Verdict::Clear,
            "a suggested opening must pass: {}",
            opening.text
        );
    }
}

fn fill(
    store: &mut Store,
    id: Option<String>,
    date: &str,
    status: FillingStatus,
    value: Value,
) -> tend::Result<tend::Filling> {
    store.save_filling(FillingDraft {
        id,
        worksheet: "love-languages".into(),
        date: day(date),
        status,
        answers: answers(value),
    })
}

#[test]
fn a_half_done_filling_is_resumed_and_filling_again_keeps_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let ranking = json!(["time", "words", "touch", "service", "gifts"]);
    let first = fill(
        &mut store,
        None,
        "2026-10-01",
        FillingStatus::Draft,
        json!({"his-ranking": ranking}),
    )
    .unwrap();

    let mut store = open(dir.path());
    let resumed = store.filling(&first.id).unwrap().clone();
    assert_eq!(
        resumed.status,
        FillingStatus::Draft,
        "the draft is there after a restart"
    );
    let mut more = resumed.answers.clone();
    more.insert("his-landed".into(), json!("The note I left in his coat."));
    let done = fill(
        &mut store,
        Some(first.id.clone()),
        "2026-10-01",
        FillingStatus::Complete,
        serde_json::to_value(more).unwrap(),
    )
    .unwrap();
    assert_eq!(done.id, first.id);

    let second = fill(
        &mut store,
        None,
        "2026-11-20",
        FillingStatus::Complete,
        json!({"his-ranking": ["words", "time", "touch", "service", "gifts"]}),
    )
    .unwrap();
    let history: Vec<_> = open(dir.path())
        .filling_summaries("love-languages")
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(
        history,
        [second.id.clone(), first.id.clone()],
        "both fillings, newest first"
    );
    let path = dir.path().join(format!(
        "worksheets/love-languages/2026-10-01-{}.json",
        first.id
    ));
    let json: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(json["status"], "complete");
    assert_eq!(
        json["answers"]["his-landed"],
        "The note I left in his coat."
    );
}

#[test]
fn an_invalid_filling_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let bad = fill(
        &mut store,
        None,
        "2026-10-01",
        FillingStatus::Complete,
        json!({"his-ranking": ["time"]}),
    );
    assert!(matches!(bad, Err(Error::Invalid(_))));
    let unknown = store.save_filling(FillingDraft {
        id: None,
        worksheet: "no-such-sheet".into(),
        date: day("2026-10-01"),
        status: FillingStatus::Complete,
        answers: Answers::new(),
    });
    assert!(matches!(unknown, Err(Error::NotFound { .. })));
    assert!(!dir.path().join("worksheets").exists(), "nothing on disk");
}

#[test]
fn three_contacts_show_who_started_and_a_gentle_note_after_two_of_mine() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), at("2026-11-23T09:00:00+01:00")).unwrap();
    for (date, who, about) in [
        ("2026-11-01", "partner", "personal"),
        ("2026-11-10", "me", "personal"),
        ("2026-11-15", "partner", "logistics"),
        ("2026-11-18", "me", "personal"),
    ] {
        store
            .save_filling(FillingDraft {
                id: None,
                worksheet: contacts::WORKSHEET.into(),
                date: day(date),
                status: FillingStatus::Complete,
                answers: answers(json!({"started-by": who, "about": about, "how": "text"})),
            })
            .unwrap();
    }
    let rhythm = store.contact_rhythm();
    let who: Vec<_> = rhythm
        .recent
        .iter()
        .map(|c| c.started_by.as_deref().unwrap())
        .collect();
    assert_eq!(who, ["me", "partner", "me", "partner"], "newest first");
    assert_eq!(rhythm.days_since_last, Some(5));
    assert_eq!(
        rhythm.started_by_me_in_a_row, 2,
        "a practical contact about the children neither counts nor breaks the run"
    );
    let note = rhythm.note.unwrap();
    assert!(
        note.contains("your own peace") && !note.to_lowercase().contains("miss"),
        "the note speaks of the user's peace, never of making anyone miss them: {note}"
    );
    assert_eq!(
        rhythm.note_source.as_deref(),
        Some("Leslie Cane's article on patience during a separation"),
        "the note names the article it draws on, in words for any partner and outcome"
    );
}

#[test]
fn only_personal_contacts_count_toward_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), at("2026-11-23T09:00:00+01:00")).unwrap();
    for date in ["2026-11-10", "2026-11-12", "2026-11-14"] {
        store
            .save_filling(FillingDraft {
                id: None,
                worksheet: contacts::WORKSHEET.into(),
                date: day(date),
                status: FillingStatus::Complete,
                answers: answers(json!({"started-by": "me", "about": "logistics"})),
            })
            .unwrap();
    }
    let rhythm = store.contact_rhythm();
    assert_eq!(rhythm.started_by_me_in_a_row, 0);
    assert_eq!(
        rhythm.note, None,
        "arranging the kids is not a run of contacts"
    );
}

#[test]
fn the_message_draft_is_the_field_whose_tone_is_checked() {
    let sheet = worksheet::find("before-reaching-out").unwrap();
    let checked: Vec<_> = sheet
        .fields()
        .filter(|f| f.tone_check)
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(checked, ["draft"], "only the draft message is tone-checked");
}
