//! Safe for the person who uses it (issue 8): every text speaks of any partner by placeholders,
//! serves every outcome, puts safety before reconnection, and the tone check hears despair.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde_json::Value;
use tend::prompts::{self, ARTICLES, PLACEHOLDERS};
use tend::settings::Stance;
use tend::tone::{self, Verdict};
use tend::worksheet::{self, Safety};
use tend::{support, Pronouns, Voice};

const GENDERED: [&str; 10] = [
    "he", "him", "his", "himself", "husband", "she", "her", "hers", "herself", "wife",
];
/// Keys whose values name things (ids, file names, where a fact was checked), or list words the
/// tone check listens for in a draft ("hope she was worth it"), rather than speak.
const NAMES: [&str; 8] = [
    "id",
    "source",
    "sources",
    "checked",
    "phrases",
    "classes",
    "negators",
    "textSpeak",
];

fn content_files() -> Vec<(String, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("prompts");
    let mut files = Vec::new();
    for dir in [root.clone(), root.join("worksheets"), root.join("visions")] {
        for item in std::fs::read_dir(&dir).unwrap() {
            let path = item.unwrap().path();
            if path.extension().is_some_and(|x| x == "json") {
                let text = std::fs::read_to_string(&path).unwrap();
                let value = serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
                files.push((path.display().to_string(), value));
            }
        }
    }
    assert!(files.len() >= 15, "every content file is read");
    files
}

/// Every text in a content value, with where it is.
fn texts(value: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(text) => out.push((at.to_string(), text.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                texts(item, &format!("{at}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                if !NAMES.contains(&key.as_str()) {
                    texts(item, &format!("{at}.{key}"), out);
                }
            }
        }
        _ => {}
    }
}

/// The text with quotations (“…”) taken out: a quoted article title may say "Husband".
fn outside_quotes(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '“' => depth += 1,
            '”' => depth = usize::saturating_sub(depth, 1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn no_content_text_names_the_partner_by_a_gendered_word_outside_a_quotation() {
    let mut found = Vec::new();
    for (file, value) in content_files() {
        let mut all = Vec::new();
        texts(&value, &file, &mut all);
        for (at, text) in all {
            let plain = outside_quotes(&text).to_lowercase();
            let words: HashSet<&str> = plain
                .split(|c: char| !c.is_alphanumeric() && c != '{' && c != '}')
                .collect();
            for word in GENDERED {
                if words.contains(word) {
                    found.push(format!("{at}: “{word}” in {text:?}"));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "texts must use {{partner}}/{{they}}/… placeholders:\n{}",
        found.join("\n")
    );
}

/// The card under every prompt says where it comes from. The articles' own titles speak of a
/// husband to get back and to make miss you; the card, read every day by someone who may be
/// moving on, or whose partner is not a husband, says whose article it is and what about.
#[test]
fn the_source_under_a_prompt_fits_any_partner_and_any_outcome() {
    for (file, title) in tend::prompts::ARTICLES {
        let line = tend::prompts::source_line(file).unwrap_or_else(|| panic!("{title}"));
        let words: HashSet<String> = line
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .map(String::from)
            .collect();
        for word in GENDERED.iter().chain(&["miss", "back", "win", "husband"]) {
            assert!(!words.contains(*word), "{word:?} in {line:?}");
        }
    }
    let store_dir = tempfile::tempdir().unwrap();
    let store = tend::Store::open(store_dir.path(), Box::new(tend::SystemClock)).unwrap();
    let today = store.today();
    for offset in 0..20 {
        let shown = store.prompt_for(today, None, offset).unwrap();
        assert!(
            tend::prompts::ARTICLES
                .iter()
                .any(|(file, _)| tend::prompts::source_line(file) == Some(&shown.source)),
            "{shown:?}"
        );
    }
}

#[test]
fn every_placeholder_is_known_and_every_text_renders_whole_for_each_pronoun() {
    for (file, value) in content_files() {
        let mut all = Vec::new();
        texts(&value, &file, &mut all);
        for (at, text) in all {
            let mut rest = text.as_str();
            while let Some(open) = rest.find('{') {
                let close = rest[open..]
                    .find('}')
                    .unwrap_or_else(|| panic!("{at}: an unclosed brace in {text:?}"));
                let placeholder = &rest[open..open + close + 1];
                assert!(
                    PLACEHOLDERS.contains(&placeholder),
                    "{at}: unknown placeholder {placeholder}"
                );
                rest = &rest[open + close + 1..];
            }
            for pronouns in Pronouns::ALL {
                let shown = Voice::new("Alex", pronouns).render(&text);
                assert!(!shown.contains(['{', '}']), "{at}: {shown:?} keeps a brace");
            }
        }
    }
}

#[test]
fn worksheets_and_visions_say_sarah_and_she_when_the_partner_is_sarah() {
    let voice = Voice::new("Sarah", Pronouns::She);
    let sheet = voice.personalise(worksheet::find("love-languages").unwrap());
    let text = serde_json::to_string(&sheet).unwrap();
    assert!(text.contains("Sarah"), "the partner is named: {text}");
    assert!(
        PLACEHOLDERS.iter().all(|p| !text.contains(p)),
        "no placeholder is left: {text}"
    );
    let mut shown = Vec::new();
    texts(&serde_json::to_value(&sheet).unwrap(), "", &mut shown);
    for (_, line) in shown {
        for word in ["him", "his", "husband", "he"] {
            assert!(
                !line
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == word),
                "no “{word}” for Sarah: {line}"
            );
        }
    }
    let contacts = voice.personalise(worksheet::find("contact-log").unwrap());
    let started = contacts.fields().find(|f| f.id == "started-by").unwrap();
    let labels = serde_json::to_string(&started.kind).unwrap();
    assert!(
        labels.contains("Sarah did"),
        "the option names the partner: {labels}"
    );
}

#[test]
fn every_outcome_has_its_own_prompts_and_themes() {
    let catalog = prompts::catalog();
    let only = |stance: Stance| {
        catalog
            .prompts
            .iter()
            .filter(|p| p.stances.contains(&stance) && !p.stances.contains(&Stance::Reconcile))
            .count()
    };
    let (unsure, moving_on) = (only(Stance::Unsure), only(Stance::MovingOn));
    assert!(
        unsure >= 10 && moving_on >= 10 && unsure + moving_on >= 20,
        "prompts for 'not sure' ({unsure}) and 'moving on' ({moving_on})"
    );
    let themes = |stance| -> Vec<String> {
        prompts::themes_for(Some(stance))
            .into_iter()
            .map(|t| t.id)
            .collect()
    };
    assert!(
        !themes(Stance::MovingOn).contains(&"reaching-out".to_string()),
        "someone moving on is not offered 'reaching out' prompts"
    );
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    for d in 0..200 {
        let day = date + chrono::Days::new(d);
        let prompt = prompts::for_date(day, None, 0, Some(Stance::MovingOn)).unwrap();
        assert!(
            Stance::admits(Some(Stance::MovingOn), &prompt.stances),
            "{day}: {} is not for someone moving on",
            prompt.id
        );
    }
}

#[test]
fn reaching_out_and_staying_ask_about_safety_first_and_coach_only_when_safe() {
    for id in ["before-reaching-out", "why-stay"] {
        let sheet = worksheet::find(id).unwrap();
        let first = &sheet.sections[0];
        let question = first
            .fields
            .iter()
            .find(|f| f.safety)
            .unwrap_or_else(|| panic!("{id}: the first section asks whether I feel safe"));
        let options = serde_json::to_value(&question.kind).unwrap();
        let ids: Vec<&str> = options["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["safe", "unsure", "not-safe"], "{id}");
        let answer = |a: &str| BTreeMap::from([(question.id.clone(), Value::from(a))]);
        assert_eq!(sheet.safety(&BTreeMap::new()), Safety::Unanswered);
        assert_eq!(sheet.safety(&answer("safe")), Safety::Safe);
        assert_eq!(sheet.safety(&answer("unsure")), Safety::NotSafe);
        assert_eq!(sheet.safety(&answer("not-safe")), Safety::NotSafe);
    }
    let reach_out = worksheet::find("before-reaching-out").unwrap();
    let coaching: Vec<&str> = reach_out
        .sections
        .iter()
        .filter(|s| s.coaching)
        .map(|s| s.id.as_str())
        .collect();
    assert!(
        reach_out
            .sections
            .iter()
            .filter(|s| s.fields.iter().any(|f| f.tone_check))
            .all(|s| s.coaching),
        "the draft message and its tone check are coaching: shown only when safe ({coaching:?})"
    );
}

#[test]
fn each_country_has_an_emergency_number_a_crisis_line_and_an_abuse_line() {
    for code in ["US", "GB", "IE", "CA", "AU", "NZ"] {
        let page = support::page(Some(code));
        assert_eq!(page.country.as_deref(), Some(code), "{code} is listed");
        assert!(!page.emergency.is_empty(), "{code}: emergency number");
        assert!(!page.crisis.is_empty(), "{code}: a crisis line");
        assert!(!page.abuse.is_empty(), "{code}: a domestic-abuse line");
        for line in page.crisis.iter().chain(&page.abuse) {
            assert!(
                !line.name.is_empty()
                    && !line.reach.is_empty()
                    && !line.hours.is_empty()
                    && !line.checked.is_empty(),
                "{code}: {} says who, how, when and where it was checked",
                line.name
            );
        }
    }
    let elsewhere = support::page(Some("ZZ"));
    assert_eq!(
        elsewhere.country, None,
        "an unlisted country gets the fallback"
    );
    assert!(elsewhere.elsewhere.is_some() && !elsewhere.emergency.is_empty());
    assert_eq!(
        support::page(Some("gb")).country.as_deref(),
        Some("GB"),
        "codes in any case"
    );
}

#[test]
fn every_pressure_pattern_is_sourced_and_support_outranks_pressure() {
    for pattern in &tone::content().patterns {
        if pattern.verdict == Verdict::Pressure {
            let source = pattern.source.as_deref().unwrap_or_default();
            assert!(
                ARTICLES.iter().any(|(file, _)| *file == source),
                "{}: pressure patterns cite an article",
                pattern.id
            );
        }
    }
    let voice = Voice::new("Sam", Pronouns::He);
    let both = tone::check("Answer me. I can't stop crying.", &voice).unwrap();
    assert_eq!(both.verdict, Verdict::Support);
    assert!(
        both.found.iter().all(|f| f.kind != tone::ToneKind::Guilt),
        "distress is never labelled guilt"
    );
}

mod common;

/// Her own writing, gently (issue 22): an entry or a worksheet answer written today that
/// reads as despair brings the quiet support card, once a day at most, dismissible, behind a
/// switch; yesterday's writing does not bring it back, and nothing of what was found is kept.
#[test]
fn words_of_despair_in_todays_writing_bring_the_care_card_once() {
    use tend::care::CareReason;
    let dir = tempfile::tempdir().unwrap();
    let mut store = tend::Store::open(dir.path(), common::at("2026-11-23T21:15:00+01:00")).unwrap();
    store
        .save_entry(common::draft(
            "2026-11-23",
            "Long day. Picked the kids up at 5.",
        ))
        .unwrap();
    assert_eq!(store.care_card(), None, "ordinary writing brings no card");
    let mut heavy = common::draft("2026-11-23", "I don't want to wake up tomorrow.");
    heavy.mood = None;
    store.save_entry(heavy).unwrap();
    let card = store
        .care_card()
        .expect("despair in today's entry brings the card");
    assert_eq!(card.reason, CareReason::Writing);
    assert!(
        card.text.contains("support page") && !card.text.to_lowercase().contains("depress"),
        "a kind word and a door to support, no diagnosis: {}",
        card.text
    );
    // Nothing of what was found is kept: asking again writes nothing, and putting the card
    // away changes settings.json by the day alone.
    let snapshot = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        common::fixture::walk(dir)
            .into_iter()
            .map(|name| {
                let bytes = std::fs::read(dir.join(&name)).unwrap_or_default();
                (name, bytes)
            })
            .collect()
    };
    let before = snapshot(dir.path());
    let settings_before = std::fs::read_to_string(dir.path().join("settings.json")).ok();
    assert!(store.care_card().is_some());
    assert!(snapshot(dir.path()) == before, "asking writes nothing");
    store.dismiss_care_card().unwrap();
    assert_eq!(store.care_card(), None, "put away, it stays away today");
    let settings: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("settings.json")).unwrap())
            .unwrap();
    let mut without_the_day = settings.clone();
    let object = without_the_day.as_object_mut().unwrap();
    object.remove("careCardDismissed");
    let noted = object.remove("changed").unwrap_or_default();
    let mut was: serde_json::Value = settings_before
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap_or_else(|| serde_json::to_value(tend::Settings::default()).unwrap());
    let noted_before = was.as_object_mut().unwrap().remove("changed");
    let mut noted_now: Vec<&String> = noted.as_object().unwrap().keys().collect();
    noted_now.retain(|k| noted_before.as_ref().is_none_or(|b| b.get(*k).is_none()));
    assert_eq!(
        noted_now,
        ["careCardDismissed"],
        "only the day is noted as changed"
    );
    assert_eq!(
        without_the_day, was,
        "putting the card away keeps only the day: {settings}"
    );
    assert_eq!(settings["careCardDismissed"], "2026-11-23");

    // The next day: yesterday's words do not bring it back.
    let mut store = tend::Store::open(dir.path(), common::at("2026-11-24T09:00:00+01:00")).unwrap();
    assert_eq!(store.care_card(), None, "only today's writing is read");
    // A worksheet answer saved today does.
    let worksheet = &tend::worksheet::all()[0];
    let field = worksheet
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .find(|f| matches!(f.kind, tend::worksheet::FieldKind::LongText))
        .expect("a long-text field");
    let mut answers = tend::worksheet::Answers::new();
    answers.insert(
        field.id.clone(),
        serde_json::json!("honestly everyone would be better off without me"),
    );
    store
        .save_filling(tend::filling::FillingDraft {
            id: None,
            worksheet: worksheet.id.clone(),
            date: common::day("2026-11-24"),
            status: tend::filling::FillingStatus::Draft,
            answers,
        })
        .unwrap();
    assert_eq!(
        store.care_card().map(|c| c.reason),
        Some(CareReason::Writing),
        "a worksheet answer is her writing too"
    );
    // The switch turns it off.
    let settings = tend::Settings {
        care_reads_writing: false,
        ..store.settings().clone()
    };
    store.save_settings(settings).unwrap();
    assert_eq!(store.care_card(), None, "off in Settings means off");
}

/// Safety wherever contact is coached (issue 22): a daily prompt that suggests contact (a
/// check-in, a kindness) is drawn only once she has said she feels safe with the partner.
#[test]
fn prompts_that_suggest_contact_wait_until_she_has_said_she_feels_safe() {
    use tend::settings::FeelsSafe;
    let coaching: Vec<&str> = prompts::catalog()
        .prompts
        .iter()
        .filter(|p| p.coaching)
        .map(|p| p.id.as_str())
        .collect();
    assert!(
        coaching.contains(&"a-gentle-check-in") && coaching.contains(&"kindness-with-no-strings"),
        "the check-in and the kindness prompts are marked: {coaching:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut store = tend::Store::open(dir.path(), common::at("2026-11-23T21:15:00+01:00")).unwrap();
    let drawn = |store: &tend::Store| -> HashSet<String> {
        (0..400)
            .map(|d| common::day("2026-01-01") + chrono::Duration::days(d))
            .map(|day| store.prompt_for(day, None, 0).unwrap().id)
            .collect()
    };
    for answer in [None, Some(FeelsSafe::Unsure), Some(FeelsSafe::NotSafe)] {
        let settings = tend::Settings {
            feels_safe: answer,
            stance: Some(Stance::Reconcile),
            ..store.settings().clone()
        };
        store.save_settings(settings).unwrap();
        let shown = drawn(&store);
        assert!(
            coaching.iter().all(|id| !shown.contains(*id)),
            "{answer:?}: no prompt that coaches contact is drawn"
        );
    }
    let settings = tend::Settings {
        feels_safe: Some(FeelsSafe::Safe),
        ..store.settings().clone()
    };
    store.save_settings(settings).unwrap();
    assert!(
        coaching.iter().any(|id| drawn(&store).contains(*id)),
        "once she feels safe, they come among the others"
    );
}
