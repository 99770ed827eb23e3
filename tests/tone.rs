//! The tone check judged on words it was not tuned on (issue 22). `tone/drafts.tsv` is the set
//! the lexicon is tuned on; `tone/held-out.tsv` was written by someone who never saw the
//! lexicon nor the tuning set, committed on its own, and is never edited to fit a result. Its
//! misses are counted, not listed: reading them would be tuning on them.

use tend::tone::{self, Verdict};
use tend::{Pronouns, Voice};

/// Recall and the share flagged, per verdict, over one table.
struct Figures {
    rows: [usize; 3],
    right: [usize; 3],
    /// Clear drafts called anything else.
    clear_flagged: usize,
    /// Drafts called each verdict, and how many of those were right (precision).
    called: [usize; 3],
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
    let mut figures = Figures {
        rows: [0; 3],
        right: [0; 3],
        clear_flagged: 0,
        called: [0; 3],
    };
    let mut wrong = Vec::new();
    for line in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let (expect, draft) = line.split_once('\t').expect("expect<TAB>draft");
        let expect = match expect {
            "clear" => Verdict::Clear,
            "pressure" => Verdict::Pressure,
            "support" => Verdict::Support,
            other => panic!("unknown verdict {other:?}"),
        };
        let got = tone::check(draft, &voice).unwrap().verdict;
        figures.rows[slot(expect)] += 1;
        figures.called[slot(got)] += 1;
        if got == expect {
            figures.right[slot(expect)] += 1;
        } else {
            wrong.push(format!("{draft:?}: expected {expect:?}, got {got:?}"));
            if expect == Verdict::Clear {
                figures.clear_flagged += 1;
            }
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
    for i in 0..3 {
        out += &format!(
            " {} recall {}/{} ({:.1}%), precision {:.1}%;",
            names[i],
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

#[test]
fn the_tuning_drafts_are_all_right() {
    let (f, wrong) = judge(include_str!("tone/drafts.tsv"));
    println!("{}", report("tuning", &f));
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
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
        "It's not your fault, and there's no rush.",
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
    assert!(!check.openings.is_empty(), "pressure brings calmer openings");
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
            pattern.id == tone::SHOUTING || !pattern.phrases.is_empty(),
            "{}: a pattern with no phrase finds nothing",
            pattern.id
        );
        assert_eq!(
            pattern.verdict == Verdict::Support,
            pattern.source.is_none(),
            "{}: support patterns cite no article (the articles leave safety out); \
             pressure patterns cite one",
            pattern.id
        );
    }
}
