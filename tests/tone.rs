//! The tone check judged on words it was not tuned on (issue 22). `tone/drafts.tsv` is the set
//! the lexicon is tuned on; `tone/held-out.tsv` was written by someone who never saw the
//! lexicon nor the tuning set, committed on its own, and is never edited to fit a result. Its
//! misses are counted, not listed: reading them would be tuning on them.

use tend::tone::{self, Verdict};
use tend::{Pronouns, Voice};

/// The tuning sets, by name: what the lexicon is tuned on and the model learns from.
const TUNING: [(&str, &str); 8] = [
    ("drafts.tsv", include_str!("tone/drafts.tsv")),
    ("drafts-more.tsv", include_str!("tone/drafts-more.tsv")),
    ("drafts-3.tsv", include_str!("tone/drafts-3.tsv")),
    ("drafts-4.tsv", include_str!("tone/drafts-4.tsv")),
    ("drafts-5.tsv", include_str!("tone/drafts-5.tsv")),
    ("drafts-6.tsv", include_str!("tone/drafts-6.tsv")),
    ("drafts-7.tsv", include_str!("tone/drafts-7.tsv")),
    ("drafts-8.tsv", include_str!("tone/drafts-8.tsv")),
];

/// Recall and the share flagged, per verdict, over one table.
#[derive(Default)]
struct Figures {
    rows: [usize; 3],
    right: [usize; 3],
    /// Clear drafts called anything else.
    clear_flagged: usize,
    /// Drafts called each verdict, and how many of those were right (precision).
    called: [usize; 3],
}

impl Figures {
    fn add(&mut self, expect: Verdict, got: Verdict) {
        self.rows[slot(expect)] += 1;
        self.called[slot(got)] += 1;
        if got == expect {
            self.right[slot(expect)] += 1;
        } else if expect == Verdict::Clear {
            self.clear_flagged += 1;
        }
    }

    fn extend(&mut self, other: &Figures) {
        for i in 0..3 {
            self.rows[i] += other.rows[i];
            self.right[i] += other.right[i];
            self.called[i] += other.called[i];
        }
        self.clear_flagged += other.clear_flagged;
    }
}

fn slot(verdict: Verdict) -> usize {
    match verdict {
        Verdict::Support => 0,
        Verdict::Pressure => 1,
        Verdict::Clear => 2,
    }
}

fn judge(table: &str) -> (Figures, Vec<String>) {
    let voice = Voice::new("Sam", Pronouns::They);
    judge_with(table, |draft| tone::check(draft, &voice).unwrap().verdict)
}

/// Every draft of `table` (`expect<TAB>draft` lines under a header) given to `check`.
fn judge_with(table: &str, check: impl Fn(&str) -> Verdict) -> (Figures, Vec<String>) {
    let mut figures = Figures::default();
    let mut wrong = Vec::new();
    for line in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let (expect, draft) = line.split_once('\t').expect("expect<TAB>draft");
        let expect = match expect {
            "clear" => Verdict::Clear,
            "pressure" => Verdict::Pressure,
            "support" => Verdict::Support,
            other => panic!("unknown verdict {other:?}"),
        };
        let got = check(draft);
        figures.add(expect, got);
        if got != expect {
            wrong.push(format!("{draft:?}: expected {expect:?}, got {got:?}"));
        }
    }
    (figures, wrong)
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

fn report(name: &str, f: &Figures) -> String {
    let names = ["support", "pressure", "clear"];
    let mut out = format!("{name}:");
    for (i, name) in names.iter().enumerate() {
        out += &format!(
            " {name} recall {}/{} ({:.1}%), precision {:.1}%;",
            f.right[i],
            f.rows[i],
            percent(f.right[i], f.rows[i]),
            percent(f.right[i], f.called[i]),
        );
    }
    out += &format!(
        " clear drafts flagged {}/{} ({:.1}%)",
        f.clear_flagged,
        f.rows[2],
        percent(f.clear_flagged, f.rows[2])
    );
    out
}

#[test]
fn the_held_out_drafts_meet_the_figures_recall_first() {
    let (f, _misses_not_shown) = judge(include_str!("tone/held-out.tsv"));
    let line = report("held-out", &f);
    println!("{line}");
    assert!(
        f.rows.iter().all(|&n| n >= 50),
        "the held-out set has at least 50 drafts of each verdict: {line}"
    );
    assert_eq!(
        f.right[0], f.rows[0],
        "every despairing draft must be heard (support recall 100%): {line}"
    );
    assert!(
        percent(f.right[1], f.rows[1]) >= 85.0,
        "pressure recall at least 85%: {line}"
    );
    assert!(
        percent(f.clear_flagged, f.rows[2]) <= 10.0,
        "at most 10% of clear drafts flagged: {line}"
    );
}

/// The tuning sets, which the lexicon was tuned on and the model learns from: held to the
/// held-out figures, but for support recall, which may miss a draft no rule should be written
/// for (a lone "done."), at most one in a hundred. Their misses are listed: these are the
/// drafts to work from.
#[test]
fn the_tuning_drafts_meet_the_same_figures() {
    let mut failed = Vec::new();
    for (name, table) in TUNING {
        let (f, wrong) = judge(table);
        let line = report(name, &f);
        println!("{line}");
        let support = f.rows[0] == 0 || percent(f.right[0], f.rows[0]) >= 99.0;
        let pressure = f.rows[1] == 0 || percent(f.right[1], f.rows[1]) >= 85.0;
        if !(support && pressure && percent(f.clear_flagged, f.rows[2]) <= 10.0) {
            failed.push(format!("{line}\n{}", wrong.join("\n")));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

/// The issue's own examples, as `tend tone` must answer them.
#[test]
fn words_no_list_held_are_heard() {
    let voice = Voice::new("Mark", Pronouns::He);
    let verdict = |draft: &str| tone::check(draft, &voice).unwrap().verdict;
    for draft in [
        "I feel suicidal",
        "Ive been thinking about suicide",
        "nobody would notice if I was gone",
        "I want the pain to stop for good",
        "I took all my pills",
        "i feel suicidel", // a typo
        "I WON'T BE A PROBLEM FOR YOU MUCH LONGER",
    ] {
        assert_eq!(verdict(draft), Verdict::Support, "{draft:?} is despair");
    }
    for draft in [
        "You have until Sunday or I'm filing",
        "Must be nice to walk away from twelve years",
        "Call me back or I'm calling your mother.",
        "You're ruining this family.",
        "WHERE WERE YOU LAST NIGHT I WANT ANSWERS",
    ] {
        assert_eq!(verdict(draft), Verdict::Pressure, "{draft:?} is pressure");
    }
    for draft in [
        "Can you take the kids Saturday? Mark's party is at 2",
        "Can you call me back about the mortgage when you get a chance?",
        "It wasn't your fault the bus was late, no rush.",
    ] {
        assert_eq!(verdict(draft), Verdict::Clear, "{draft:?} is logistics");
    }
}

#[test]
fn every_verdict_says_what_it_found_in_her_own_words() {
    let voice = Voice::new("Mark", Pronouns::He);
    let check = tone::check("honestly i took all my pills tonight", &voice).unwrap();
    assert_eq!(check.verdict, Verdict::Support);
    assert!(
        check.found.iter().any(|f| f.phrase.contains("pills")),
        "the finding quotes the draft's words: {:?}",
        check.found
    );
    assert!(check.openings.is_empty(), "no rewording advice for despair");
    let check = tone::check("You have until Sunday, then I'm filing.", &voice).unwrap();
    assert_eq!(check.verdict, Verdict::Pressure);
    assert!(!check.found.is_empty() && check.found.iter().all(|f| !f.why.is_empty()));
    assert!(
        !check.openings.is_empty(),
        "pressure brings calmer openings"
    );
}

#[test]
fn the_lexicon_compiles_and_every_pattern_is_reachable() {
    tone::compiled().unwrap();
    let content = tone::content();
    assert!(
        content.patterns.iter().any(|p| p.id == tone::SHOUTING),
        "the shouting pattern has a title and a why"
    );
    for pattern in &content.patterns {
        assert!(
            [
                tone::SHOUTING,
                tone::SOUNDS_LIKE_DESPAIR,
                tone::SOUNDS_LIKE_PRESSURE
            ]
            .contains(&pattern.id.as_str())
                || !pattern.phrases.is_empty(),
            "{}: a pattern with no phrase finds nothing",
            pattern.id
        );
        assert_eq!(
            pattern.verdict == Verdict::Pressure,
            pattern.source.is_some(),
            "{}: pressure patterns cite an article; support patterns cite none (the articles \
             leave safety out), nor do everyday idioms",
            pattern.id
        );
    }
}

/// The model judged the way the held-out set judges it, but where its misses may be read:
/// trained on all tuning sets but one, it is judged on the one left out, written by someone
/// else. This is what the thresholds are chosen on.
#[test]
fn trained_without_one_tuning_set_it_still_hears_that_set() {
    let sets = TUNING;
    let voice = Voice::new("Sam", Pronouns::They);
    let mut lines = Vec::new();
    let mut total = Figures::default();
    for (left_out, table) in sets {
        let others: Vec<&str> = sets
            .iter()
            .filter(|(name, _)| *name != left_out)
            .map(|(_, t)| *t)
            .collect();
        let checker = tone::Checker::trained_on(&others);
        let (figures, wrong) =
            judge_with(table, |draft| checker.check(draft, &voice).unwrap().verdict);
        total.extend(&figures);
        lines.extend(wrong.into_iter().map(|w| format!("{left_out}: {w}")));
    }
    let line = report(
        "each tuning set, judged by a model trained on the others",
        &total,
    );
    println!("{line}");
    if std::env::var_os("TONE_MISSES").is_some() {
        println!("{}", lines.join("\n"));
    }
    // Floors a little under what it does today (support 96.7%, pressure 88.2%, clear flagged
    // 18.2%): a change that makes it hear less of what it was not trained on fails here. Each
    // set covers a corner the others lack, so leaving one out is harsh: without drafts-7.tsv
    // the model has never seen a short first-person sentence that is not despair ("I'm
    // tired"), and flags many; the held-out set, written by one more person, fares better.
    assert!(
        percent(total.right[0], total.rows[0]) >= 96.0
            && percent(total.right[1], total.rows[1]) >= 85.0
            && percent(total.clear_flagged, total.rows[2]) <= 20.0,
        "{line}"
    );
}

/// The held-out set judges only if the model never learned its drafts: no tuning draft may be
/// one of them, or nearly (the same words, case and punctuation aside, or four fifths of the
/// words in common). Only counts are shown, never the drafts.
#[test]
fn no_tuning_draft_is_a_held_out_draft() {
    fn words(text: &str) -> Vec<String> {
        text.to_lowercase()
            .replace(['\'', '’', '‘', 'ʼ', '`'], "")
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }
    let drafts = |table: &'static str| {
        table
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once('\t'))
            .map(|(_, d)| words(d))
            .collect::<Vec<_>>()
    };
    let held: Vec<Vec<String>> = drafts(include_str!("tone/held-out.tsv"));
    let held_sets: Vec<std::collections::HashSet<&String>> =
        held.iter().map(|w| w.iter().collect()).collect();
    let mut near = Vec::new();
    for (name, table) in TUNING {
        let count = drafts(table)
            .iter()
            .filter(|w| {
                let set: std::collections::HashSet<&String> = w.iter().collect();
                held.contains(w)
                    || held_sets.iter().any(|h| {
                        let union = set.union(h).count();
                        union > 0 && set.intersection(h).count() * 5 >= union * 4
                    })
            })
            .count();
        if count > 0 {
            near.push(format!("{name}: {count}"));
        }
    }
    assert!(
        near.is_empty(),
        "tuning drafts equal to, or nearly, held-out drafts: {}",
        near.join(", ")
    );
}

/// Found by the sync e2e test (issue 25): a line saying where an entry was written ("Written on
/// the desktop.") read as despair, and brought the care card. The model had learned "written"
/// from goodbye letters only; drafts-8.tsv now holds ordinary writing about writing too. Words
/// of despair about writing are still heard.
#[test]
fn where_an_entry_was_written_is_not_despair() {
    let voice = Voice::new("Sam", Pronouns::They);
    for ordinary in [
        "Written on the desktop.",
        "Written on the laptop, on the train.",
        "Writing this at work before the meeting.",
    ] {
        let found = tone::despair_in(ordinary, &voice);
        assert!(found.is_empty(), "{ordinary:?} read as despair: {found:?}");
    }
    for heavy in [
        "I have written my goodbye letters.",
        "i keep writing goodbye notes",
    ] {
        assert!(
            !tone::despair_in(heavy, &voice).is_empty(),
            "{heavy:?} not heard"
        );
    }
}
