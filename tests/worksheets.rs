//! Worksheets: the content is valid, answers are checked against it, fillings are kept and
//! listed, the assessment is scored, drafts are tone-checked and contacts show their rhythm.

mod common;

use std::collections::{HashMap, HashSet};
use std::fs;

use common::worksheets::{answers, fill};
use common::{at, day, open};
use serde_json::{json, Value};
use tend::prompts::ARTICLES;
use tend::worksheet::{self, Answers, FieldKind};
use tend::{assessment, contacts, tone, Error, FillingDraft, FillingStatus, Store};

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
            // Issue 22: the articles leave safety out, so the safety question cites none; every
            // other section names the article it draws on.
            let asks_safety = section.fields.iter().any(|f| f.safety);
            match &section.source {
                Some(source) => assert!(
                    !asks_safety && is_article(source),
                    "{}/{}: source {source} must be one of the articles, and a safety section \
                     cites none",
                    sheet.id,
                    section.id
                ),
                None => assert!(
                    asks_safety,
                    "{}/{}: only the safety question may go without a source",
                    sheet.id, section.id
                ),
            }
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
        json!({"partner-ranking": ranking}),
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
    more.insert(
        "partner-landed".into(),
        json!("The note I left in his coat."),
    );
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
        json!({"partner-ranking": ["words", "time", "touch", "service", "gifts"]}),
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
        json["answers"]["partner-landed"],
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
        json!({"partner-ranking": ["time"]}),
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

/// Issue 22: no field id says he, his, him, she or her.
#[test]
fn no_field_or_section_id_is_gendered() {
    let gendered = ["he", "his", "him", "she", "her", "hers", "husband", "wife"];
    for sheet in worksheet::all() {
        let ids = sheet
            .sections
            .iter()
            .map(|s| &s.id)
            .chain(sheet.fields().map(|f| &f.id));
        for id in ids {
            assert!(
                !id.split('-').any(|part| gendered.contains(&part)),
                "{}: the id {id} names a gender; ids are names for the program",
                sheet.id
            );
        }
    }
}

/// Issue 22: wherever the safety question is asked, "not sure" and "no" mean no coaching. Each
/// worksheet asking it has a coaching section (so that there is something to hold back), and
/// answering anything but "yes" is `NotSafe`, whatever the stance.
#[test]
fn each_safety_path_holds_coaching_back_until_yes() {
    use tend::worksheet::Safety;
    use tend::Stance;
    let asking: Vec<_> = worksheet::all()
        .iter()
        .filter(|w| w.fields().any(|f| f.safety))
        .collect();
    let ids: Vec<_> = asking.iter().map(|w| w.id.as_str()).collect();
    assert_eq!(
        ids,
        ["before-reaching-out", "why-stay"],
        "the two worksheets that ask"
    );
    for sheet in asking {
        assert!(
            sheet.sections.iter().any(|s| s.coaching),
            "{}: some section leads toward contact or staying, and waits for safety",
            sheet.id
        );
        assert_eq!(sheet.safety(&Answers::new()), Safety::Unanswered);
        for (answer, expected) in [
            ("safe", Safety::Safe),
            ("unsure", Safety::NotSafe),
            ("not-safe", Safety::NotSafe),
        ] {
            for stance in [
                None,
                Some(Stance::Reconcile),
                Some(Stance::Unsure),
                Some(Stance::MovingOn),
            ] {
                let shown = sheet.for_stance(stance, &|_| false);
                assert_eq!(
                    shown.safety(&answers(json!({"feel-safe": answer}))),
                    expected,
                    "{} ({stance:?}): {answer}",
                    sheet.id
                );
                assert!(
                    shown
                        .sections
                        .first()
                        .is_some_and(|s| s.fields.iter().any(|f| f.safety)),
                    "{} ({stance:?}): the safety question comes first, for every stance",
                    sheet.id
                );
            }
        }
    }
    let why = worksheet::find("why-stay").unwrap();
    let coaching: Vec<_> = why
        .sections
        .iter()
        .filter(|s| s.coaching)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        coaching,
        ["reasons"],
        "my reasons for staying wait for a yes; fear, reasons to go and my own life do not"
    );
}

#[test]
fn moving_on_the_contact_note_leaves_no_room_for_a_reunion() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), at("2026-11-23T09:00:00+01:00")).unwrap();
    let mut settings = store.settings().clone();
    settings.stance = Some(tend::Stance::MovingOn);
    store.save_settings(settings).unwrap();
    for date in ["2026-11-10", "2026-11-12"] {
        store
            .save_filling(FillingDraft {
                id: None,
                worksheet: contacts::WORKSHEET.into(),
                date: day(date),
                status: FillingStatus::Complete,
                answers: answers(json!({"started-by": "me", "about": "personal"})),
            })
            .unwrap();
    }
    let rhythm = store.contact_rhythm_as_shown();
    let note = rhythm
        .note
        .expect("two personal contacts in a row bring a note");
    assert!(
        !note.contains("reach out") && !note.contains("ready") && note.contains("you need"),
        "moving on, the note speaks of her needs, not of waiting for the partner: {note}"
    );
    assert_eq!(
        rhythm.note_source, None,
        "the note is Tend's own words when moving on: the article is about patience toward a reunion"
    );
}

/// Issue 24: what a worksheet does is in its JSON, not an id the page tests. The contact log is
/// the one log of contacts, and the one the contact rhythm (src/content/contacts.rs) reads.
#[test]
fn the_contact_log_says_what_it_is_in_its_own_data() {
    let logs: Vec<&str> = tend::worksheet::all()
        .iter()
        .filter(|w| w.purpose == tend::worksheet::Purpose::ContactLog)
        .map(|w| w.id.as_str())
        .collect();
    assert_eq!(logs, [tend::contacts::WORKSHEET]);
    let log = tend::worksheet::find(tend::contacts::WORKSHEET).unwrap();
    assert_eq!(log.begin_label.as_deref(), Some("Log a contact"));
    assert_eq!(log.date_label.as_deref(), Some("When was this contact?"));
    let others = tend::worksheet::all().iter().filter(|w| w.id != log.id);
    assert!(others
        .clone()
        .all(|w| w.purpose == tend::worksheet::Purpose::Reflection));
    assert!(others
        .clone()
        .all(|w| w.begin_label.is_none() && w.date_label.is_none()));
}
