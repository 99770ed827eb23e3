//! The tone check: a draft message looked over, on this computer, for the pressure patterns
//! that article 000 warns push a partner away, and for words of despair, which are met with
//! support and never with advice on the message. The same reading of despair looks over her
//! own entries (see `care.rs`).
//!
//! It has to hear what she means in words no test file holds, so it matches concepts, not
//! strings: the draft's words are normalised (case, apostrophes, text-speak, stretched letters,
//! one typo against the check's own vocabulary) and reduced to Snowball stems, and a pattern is
//! a run of words with word classes and short gaps ("took … @pills"), some cancelled by a
//! negation before them. Where no pattern is found, a small model trained on the tuning sets
//! (`model.rs`) hears how the draft and each sentence lean. Rules and a lexicon first: every
//! verdict can say which words it found and why, the lexicon is content anyone can read and
//! extend, and nothing is downloaded; the model adds what no list holds, and names its words
//! too. Patterns, classes and text-speak are content in `prompts/tone.json`;
//! `prompts/tone-ordinary.txt` lists ordinary words that are never taken for a typo of a
//! lexicon word.

mod lexicon;
mod model;
mod words;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::voice::Voice;
use lexicon::Lexicon;
use model::Model;

const TONE_JSON: &str = include_str!("../../prompts/tone.json");
const ORDINARY_WORDS: &str = include_str!("../../prompts/tone-ordinary.txt");
/// What the model learns from: the tuning sets, written by several people, none of whom saw
/// the held-out set. `tests/tone/held-out.tsv` is never here, nor anything close to one of its
/// drafts (a test in tests/tone.rs keeps it so): it judges.
const TRAINING: [&str; 8] = [
    include_str!("../../tests/tone/drafts.tsv"),
    include_str!("../../tests/tone/drafts-more.tsv"),
    include_str!("../../tests/tone/drafts-3.tsv"),
    include_str!("../../tests/tone/drafts-4.tsv"),
    include_str!("../../tests/tone/drafts-5.tsv"),
    include_str!("../../tests/tone/drafts-6.tsv"),
    include_str!("../../tests/tone/drafts-7.tsv"),
    include_str!("../../tests/tone/drafts-8.tsv"),
];

/// Longer drafts are refused with a message: a message to a partner is never this long, and
/// the check must stay instant.
pub const MAX_DRAFT_CHARS: usize = 20_000;

/// The id of the pattern that stands for a draft written mostly in capitals.
pub const SHOUTING: &str = "shouting";
/// The ids of the patterns that stand for what the model hears: the way a draft leans, where
/// no phrase was found.
pub const SOUNDS_LIKE_DESPAIR: &str = "sounds-like-despair";
pub const SOUNDS_LIKE_PRESSURE: &str = "sounds-like-pressure";

/// What the check concludes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// No pressure pattern was found (never a promise that the message is calm).
    Clear,
    /// One or more pressure patterns.
    Pressure,
    /// Words of despair, hopelessness or self-harm: support comes first, not rewording.
    Support,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "kebab-case")]
pub enum ToneKind {
    Forcing,
    Pleading,
    Guilt,
    Blame,
    CheckingUp,
    Ultimatum,
    Threat,
    ThirdParty,
    RepeatedContact,
    Sarcasm,
    Shouting,
    Despair,
    SelfHarm,
    Hopelessness,
    Burden,
    Finality,
    Method,
    /// The way a whole draft leans, heard by the model rather than a phrase.
    Leaning,
    /// An everyday idiom ("dying to see", "the car died"): a clear pattern, never shown.
    Everyday,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TonePattern {
    pub id: String,
    pub verdict: Verdict,
    pub kind: ToneKind,
    pub title: String,
    pub phrases: Vec<String>,
    pub why: String,
    /// The article a pressure pattern comes from; support patterns come from Tend's own
    /// "safety first" rule, not from the articles.
    #[serde(default)]
    pub source: Option<String>,
    /// A negation just before the phrase ("it's not your fault") cancels it.
    #[serde(default)]
    pub unless_negated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct Opening {
    pub text: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ToneContent {
    pub text_speak: HashMap<String, String>,
    /// Word classes a phrase names as `@name`.
    #[serde(default)]
    pub classes: HashMap<String, Vec<String>>,
    /// Words that, just before an `unlessNegated` phrase, cancel it.
    #[serde(default)]
    pub negators: Vec<String>,
    pub patterns: Vec<TonePattern>,
    pub openings: Vec<Opening>,
}

/// One pattern found in a draft, with the words that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct ToneFinding {
    pub id: String,
    pub kind: ToneKind,
    pub title: String,
    /// The draft's own words that matched.
    pub phrase: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct ToneCheck {
    pub verdict: Verdict,
    /// For `support`, only the support findings; for `pressure`, the pressure ones.
    pub found: Vec<ToneFinding>,
    /// Calmer ways to begin, offered only with `pressure`.
    pub openings: Vec<Opening>,
}

pub fn content() -> &'static ToneContent {
    static CONTENT: OnceLock<ToneContent> = OnceLock::new();
    CONTENT.get_or_init(|| serde_json::from_str(TONE_JSON).expect("prompts/tone.json parses"))
}

/// The lexicon compiled from the content, or what is wrong with the content (a test keeps it
/// right).
pub fn compiled() -> std::result::Result<(), String> {
    Lexicon::compile(content(), ORDINARY_WORDS).map(|_| ())
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        Lexicon::compile(content(), ORDINARY_WORDS).expect("prompts/tone.json compiles")
    })
}

/// The tone check with its model trained on some tables of drafts. The app's is trained on
/// the tuning sets ([`check`], [`despair_in`]); a test trains one on some sets and judges it on
/// another, written by someone else.
pub struct Checker {
    model: Model,
}

impl Checker {
    /// Trained on `tables` of `verdict<TAB>draft` lines, each under a header line.
    pub fn trained_on(tables: &[&str]) -> Checker {
        Checker {
            model: Model::train(lexicon(), tables),
        }
    }

    /// Checks a draft. Support outranks pressure: a draft with despair in it gets support
    /// only.
    pub fn check(&self, draft: &str, voice: &Voice) -> Result<ToneCheck> {
        let chars = draft.chars().count();
        if chars > MAX_DRAFT_CHARS {
            return Err(Error::invalid(format!(
                "This draft is {chars} characters long; the tone check reads up to \
                 {MAX_DRAFT_CHARS}. A message this long is better kept here as writing."
            )));
        }
        let found = findings(draft, voice, Reading::Draft, &self.model);
        let verdict = if found.iter().any(|(v, _)| *v == Verdict::Support) {
            Verdict::Support
        } else if found.is_empty() {
            Verdict::Clear
        } else {
            Verdict::Pressure
        };
        let found = found
            .into_iter()
            .filter(|(v, _)| *v == verdict)
            .map(|(_, f)| f)
            .collect();
        let openings = if verdict == Verdict::Pressure {
            voice.personalise(&content().openings)
        } else {
            Vec::new()
        };
        Ok(ToneCheck {
            verdict,
            found,
            openings,
        })
    }
}

/// Trains the model now, if it is not yet: the app calls it on a thread of its own at start,
/// so that no command waits for it later.
pub fn warm() {
    checker();
}

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::trained_on(&TRAINING))
}

/// How the model is asked: a draft is heard whole and sentence by sentence; her own writing,
/// which can run long, sentence by sentence only.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    Draft,
    Writing,
}

/// Every pattern found in `text`, each once with its first match, in the content's order;
/// then what the model hears where the patterns heard nothing of the same verdict.
fn findings(
    text: &str,
    voice: &Voice,
    reading: Reading,
    model: &Model,
) -> Vec<(Verdict, ToneFinding)> {
    let patterns = &content().patterns;
    let words = lexicon().words(text);
    let verdict_of = |m: &lexicon::Match| patterns[m.pattern].verdict;
    // Despair is heard first, in every word: no idiom may hide it ("going to kill myself lol").
    let mut matches: Vec<_> = lexicon()
        .find(&words)
        .into_iter()
        .filter(|m| verdict_of(m) != Verdict::Pressure)
        .collect();
    // A short draft is heard as one sentence too, for despair: a goodbye is often written in
    // pieces ("Please forgive me. Goodbye.").
    if words.len() <= SHORT_DRAFT_WORDS && words.last().is_some_and(|w| w.sentence > 0) {
        let mut joined = words.clone();
        for word in &mut joined {
            word.sentence = 0;
        }
        matches.extend(
            lexicon()
                .find(&joined)
                .into_iter()
                .filter(|m| verdict_of(m) == Verdict::Support),
        );
    }
    // Everyday idioms ("dying to see", "the car died") are patterns with the verdict clear:
    // their words are heard by neither the pressure patterns nor the model.
    let mut masked = words.clone();
    for idiom in matches.iter().filter(|m| verdict_of(m) == Verdict::Clear) {
        for word in &mut masked[idiom.first..=idiom.last] {
            word.stem.clear();
        }
    }
    matches.retain(|m| verdict_of(m) == Verdict::Support);
    matches.extend(
        lexicon()
            .find(&masked)
            .into_iter()
            .filter(|m| verdict_of(m) == Verdict::Pressure),
    );
    matches.sort_by_key(|m| (m.pattern, m.first));
    matches.dedup_by_key(|m| m.pattern);
    let finding = |pattern: &TonePattern, phrase: &str| ToneFinding {
        id: pattern.id.clone(),
        kind: pattern.kind,
        title: voice.render(&pattern.title),
        phrase: phrase.to_string(),
        why: voice.render(&pattern.why),
    };
    let quote = |at: &[usize]| quote_words(text, &words, at);
    let by_id = |id: &str| patterns.iter().find(|p| p.id == id);
    let mut found: Vec<(Verdict, ToneFinding)> = matches
        .into_iter()
        .map(|m| {
            let pattern = &patterns[m.pattern];
            let quoted = &text[words[m.first].span.start..words[m.last].span.end];
            (pattern.verdict, finding(pattern, quoted))
        })
        .collect();
    if words::shouting(text) {
        if let Some(pattern) = by_id(SHOUTING) {
            let quoted: String = text
                .split_whitespace()
                .take(6)
                .collect::<Vec<_>>()
                .join(" ");
            found.push((pattern.verdict, finding(pattern, &quoted)));
        }
    }
    let has = |found: &[(Verdict, ToneFinding)], verdict| found.iter().any(|(v, _)| *v == verdict);
    if !has(&found, Verdict::Support) {
        let mut heard = Vec::new();
        if reading == Reading::Draft {
            heard.push((0, model.hear(&masked)));
        }
        let mut start = 0;
        while start < words.len() {
            let sentence = words[start].sentence;
            let end = (start..words.len())
                .find(|&i| words[i].sentence != sentence)
                .unwrap_or(words.len());
            heard.push((start, model.hear(&masked[start..end])));
            start = end;
        }
        let despair = heard
            .iter()
            .filter(|(_, h)| h.support >= model::SUPPORT_AT && h.support_words_enough)
            .max_by(|a, b| a.1.support.total_cmp(&b.1.support));
        if let (Some((offset, h)), Some(pattern)) = (despair, by_id(SOUNDS_LIKE_DESPAIR)) {
            let at: Vec<usize> = h.support_words.iter().map(|i| i + offset).collect();
            found.push((Verdict::Support, finding(pattern, &quote(&at))));
        }
    }
    if reading == Reading::Draft
        && !has(&found, Verdict::Support)
        && !has(&found, Verdict::Pressure)
    {
        let heard = model.hear(&masked);
        if let (true, Some(pattern)) = (
            heard.pressure >= model::PRESSURE_AT && heard.pressure_words_enough,
            by_id(SOUNDS_LIKE_PRESSURE),
        ) {
            found.push((
                Verdict::Pressure,
                finding(pattern, &quote(&heard.pressure_words)),
            ));
        }
    }
    found
}

/// A draft of at most this many words is also heard as one sentence, for despair.
const SHORT_DRAFT_WORDS: usize = 30;

/// The longest quote of what the model heard: a few words, not the draft again.
const MAX_QUOTE_CHARS: usize = 80;

/// The draft's own words at `at` (indexes into `words`), each place once: side by side joined
/// by a space, apart by " … ", cut after [`MAX_QUOTE_CHARS`].
fn quote_words(text: &str, words: &[words::Word], at: &[usize]) -> String {
    let mut spans: Vec<std::ops::Range<usize>> =
        at.iter().map(|&i| words[i].span.clone()).collect();
    spans.sort_by_key(|s| s.start);
    spans.dedup();
    let mut out = String::new();
    let mut last_end: Option<usize> = None;
    for span in spans {
        if let Some(end) = last_end {
            let between = &text[end..span.start];
            out.push_str(if between.trim().is_empty() {
                " "
            } else {
                " … "
            });
        }
        out.push_str(&text[span.clone()]);
        last_end = Some(span.end);
        if out.chars().count() >= MAX_QUOTE_CHARS {
            out = out.chars().take(MAX_QUOTE_CHARS).collect();
            out.push('…');
            break;
        }
    }
    out
}

/// Checks a draft. Support outranks pressure: a draft with despair in it gets support only.
pub fn check(draft: &str, voice: &Voice) -> Result<ToneCheck> {
    checker().check(draft, voice)
}

/// How much of a long piece of her writing is read for despair: its beginning and its end, so
/// that a save stays quick whatever she pasted (about 60 ms for 20,000 characters, release).
pub const MAX_WRITING_READ: usize = 20_000;

/// The words of despair in a piece of her own writing (an entry, a worksheet answer), if
/// any: what brings the quiet support card. A long text is read at its beginning and its end
/// ([`MAX_WRITING_READ`] in all).
pub fn despair_in(text: &str, voice: &Voice) -> Vec<ToneFinding> {
    let half = MAX_WRITING_READ / 2;
    if text.chars().count() > MAX_WRITING_READ {
        let head: String = text.chars().take(half).collect();
        let tail: String = {
            let mut tail: Vec<char> = text.chars().rev().take(half).collect();
            tail.reverse();
            tail.into_iter().collect()
        };
        let mut found = despair_in(&head, voice);
        found.extend(despair_in(&tail, voice));
        return found;
    }
    findings(text, voice, Reading::Writing, &checker().model)
        .into_iter()
        .filter(|(v, _)| *v == Verdict::Support)
        .map(|(_, f)| f)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voice::Pronouns;

    fn verdict(draft: &str) -> Verdict {
        check(draft, &Voice::new("Sarah", Pronouns::She))
            .unwrap()
            .verdict
    }

    #[test]
    fn words_match_whole_never_inside_other_words() {
        assert_eq!(verdict("The kids will come over at 5"), Verdict::Clear);
        assert_eq!(
            verdict("Why don't you take the kids this Saturday?"),
            Verdict::Clear
        );
    }

    #[test]
    fn despair_is_met_with_support_and_no_openings() {
        let voice = Voice::new("Sarah", Pronouns::She);
        let result = check("I don't want to be here anymore", &voice).unwrap();
        assert_eq!(result.verdict, Verdict::Support);
        assert!(
            result.openings.is_empty(),
            "no advice on wording when someone is in despair"
        );
        assert_eq!(verdict("u cant just ignore me forever"), Verdict::Pressure);
    }

    #[test]
    fn an_overlong_draft_is_refused_with_the_limit() {
        let long = "a ".repeat(MAX_DRAFT_CHARS);
        let error = check(&long, &Voice::new("Sam", Pronouns::He)).unwrap_err();
        assert!(error.to_string().contains("20000"), "{error}");
    }
}
