//! The "before I reach out" tone check: a draft message looked over, on this computer, for the
//! pressure patterns that article 000 warns push a partner away, and for words of despair,
//! which are met with support and never with advice on the message. Patterns, the text-speak
//! table and calmer openings are content in `prompts/tone.json`.
//!
//! Matching is on whole words: the draft and every phrase are normalised the same way (lower
//! case, apostrophes dropped, anything else that is not a letter or digit a space, text-speak
//! spelled out), and a phrase matches only as a run of whole words, so "ill come over" is never
//! found inside "will come over". One Aho-Corasick automaton over all phrases finds them in a
//! single pass.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::voice::Voice;

const TONE_JSON: &str = include_str!("../prompts/tone.json");

/// Longer drafts are refused with a message: a message to a partner is never this long, and
/// the check must stay instant.
pub const MAX_DRAFT_CHARS: usize = 20_000;

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
    Despair,
    SelfHarm,
    Hopelessness,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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
    /// The pattern's phrase, as the content writes it.
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

/// Every phrase, normalised, and the automaton that finds them.
struct Matcher {
    automaton: AhoCorasick,
    /// For each automaton pattern: the index of its tone pattern and of its phrase.
    owners: Vec<(usize, usize)>,
}

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let mut needles = Vec::new();
        let mut owners = Vec::new();
        for (p, pattern) in content().patterns.iter().enumerate() {
            for (f, phrase) in pattern.phrases.iter().enumerate() {
                needles.push(normalise(phrase));
                owners.push((p, f));
            }
        }
        let automaton = AhoCorasick::new(&needles).expect("tone phrases build an automaton");
        Matcher { automaton, owners }
    })
}

/// Checks a draft. Support outranks pressure: a draft with despair in it gets support only.
pub fn check(draft: &str, voice: &Voice) -> Result<ToneCheck> {
    let chars = draft.chars().count();
    if chars > MAX_DRAFT_CHARS {
        return Err(Error::invalid(format!(
            "This draft is {chars} characters long; the tone check reads up to \
             {MAX_DRAFT_CHARS}. A message this long is better kept here as writing."
        )));
    }
    let text = normalise(draft);
    let matcher = matcher();
    let mut hits: Vec<(usize, usize)> = matcher
        .automaton
        .find_overlapping_iter(&text)
        .map(|m| matcher.owners[m.pattern().as_usize()])
        .collect();
    // Each pattern once, with its first phrase found, in the content file's order.
    hits.sort_unstable();
    hits.dedup_by_key(|(pattern, _)| *pattern);
    let patterns = &content().patterns;
    let verdict = if hits
        .iter()
        .any(|(p, _)| patterns[*p].verdict == Verdict::Support)
    {
        Verdict::Support
    } else if hits.is_empty() {
        Verdict::Clear
    } else {
        Verdict::Pressure
    };
    let found = hits
        .into_iter()
        .map(|(p, f)| (&patterns[p], &patterns[p].phrases[f]))
        .filter(|(pattern, _)| pattern.verdict == verdict)
        .map(|(pattern, phrase)| ToneFinding {
            id: pattern.id.clone(),
            kind: pattern.kind,
            title: voice.render(&pattern.title),
            phrase: phrase.clone(),
            why: voice.render(&pattern.why),
        })
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

/// Lower case; apostrophes dropped ("can't" → "cant"); every other character that is not a
/// letter or digit a word break; text-speak spelled out ("u" → "you"). The result has a space
/// at each end, so a phrase normalised the same way matches only whole words.
pub fn normalise(text: &str) -> String {
    let lower: String = text
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘' | 'ʼ'))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let speak = &content().text_speak;
    let mut out = String::with_capacity(lower.len() + 2);
    out.push(' ');
    for word in lower.split_whitespace() {
        out.push_str(speak.get(word).map_or(word, String::as_str));
        out.push(' ');
    }
    out
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
        assert_eq!(normalise("Can’t  STOP—crying!"), " cant stop crying ");
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
