//! The tone check's lexicon, compiled from `prompts/tone.json`: every phrase as a run of
//! steps (a set of stems, and how many other words may stand before it), indexed by the stems
//! a phrase can begin with, and the vocabulary a typo is mended against.
//!
//! Phrase grammar (content writers' side): words separated by spaces must stand next to each
//! other; `a|b` is either word (one word each); `{i will|ill}` is either run of words;
//! `@name` is any word of the class `name`; `…` between two words lets up to [`GAP`] other
//! words stand there, within one sentence; `$` after a word means the sentence ends there
//! ("cant go on $" is not "cant go on the trip"). Words are read as a draft's are (text-speak
//! spelled out, stemmed), so "gonna" in a phrase is "going to".

use std::collections::{HashMap, HashSet};

use rust_stemmers::{Algorithm, Stemmer};

use super::words::{collapsed, raw_words, RawWord, Word};
use super::ToneContent;

/// How many words a `…` in a phrase may stand for.
pub const GAP: usize = 3;
/// How many words before a match a negator is looked for, with `unlessNegated`.
const NEGATION_REACH: usize = 3;
/// Words shorter than this are never taken for a typo: too many real words are one letter
/// apart from them.
const TYPO_MIN_LETTERS: usize = 5;

#[derive(Debug)]
struct Step {
    gap_before: usize,
    stems: HashSet<String>,
    /// Written before a `$`: the sentence must end after this word.
    at_end: bool,
}

#[derive(Debug)]
struct Phrase {
    pattern: usize,
    steps: Vec<Step>,
}

/// Whether the word at `at` is the last of its sentence.
fn ends_there(words: &[Word], at: usize) -> bool {
    words
        .get(at + 1)
        .is_none_or(|next| next.sentence != words[at].sentence)
}

/// A phrase with `{a b|c}` groups, as every phrase it stands for ("{i will|ill} end it": "i
/// will end it", "ill end it").
fn expand_groups(phrase: &str) -> Vec<String> {
    let Some(open) = phrase.find('{') else {
        return vec![phrase.to_string()];
    };
    let Some(close) = phrase[open..].find('}').map(|c| open + c) else {
        return vec![phrase.to_string()];
    };
    let (before, after) = (&phrase[..open], &phrase[close + 1..]);
    phrase[open + 1..close]
        .split('|')
        .flat_map(|choice| expand_groups(&format!("{before} {choice} {after}")))
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// One phrase found: its pattern and the words of the draft it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub pattern: usize,
    pub first: usize,
    pub last: usize,
}

pub struct Lexicon {
    stemmer: Stemmer,
    phrases: Vec<Phrase>,
    /// Phrase indexes by the stems their first step admits.
    by_first: HashMap<String, Vec<usize>>,
    text_speak: HashMap<String, Vec<String>>,
    /// Every word the content spells out, as written (lower case), and its stems.
    known_words: HashSet<String>,
    known_stems: HashSet<String>,
    /// The lexicon's words a typo may be mended to: five letters or more.
    typo_targets: Vec<String>,
    /// Ordinary words one letter from a lexicon word ("bride", "doing"): never mended.
    ordinary: HashSet<String>,
    negators: HashSet<String>,
    unless_negated: Vec<bool>,
}

impl Lexicon {
    /// Compiles the content. A phrase that names an unknown class is an error in the content,
    /// caught by the content test.
    pub fn compile(content: &ToneContent, ordinary: &str) -> Result<Lexicon, String> {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut known_words = HashSet::new();
        let mut lexicon = Lexicon {
            stemmer,
            phrases: Vec::new(),
            by_first: HashMap::new(),
            text_speak: HashMap::new(),
            known_words: HashSet::new(),
            known_stems: HashSet::new(),
            typo_targets: Vec::new(),
            ordinary: ordinary
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_lowercase)
                .collect(),
            negators: HashSet::new(),
            unless_negated: content.patterns.iter().map(|p| p.unless_negated).collect(),
        };
        for (from, to) in &content.text_speak {
            let to: Vec<String> = raw_words(to).into_iter().map(|w| w.text).collect();
            known_words.extend(to.iter().cloned());
            lexicon.text_speak.insert(from.to_lowercase(), to);
        }
        let mut classes: HashMap<&str, HashSet<String>> = HashMap::new();
        for (name, members) in &content.classes {
            let mut stems = HashSet::new();
            for member in members {
                let words = raw_words(member);
                if words.len() != 1 {
                    return Err(format!("class @{name}: {member:?} is not one word"));
                }
                known_words.insert(words[0].text.clone());
                stems.insert(lexicon.stem(&words[0].text));
            }
            classes.insert(name, stems);
        }
        for negator in &content.negators {
            for word in raw_words(negator) {
                lexicon.negators.insert(lexicon.stem(&word.text));
            }
        }
        for (p, pattern) in content.patterns.iter().enumerate() {
            for written in &pattern.phrases {
                for phrase in expand_groups(written) {
                    let steps = lexicon
                        .steps(&phrase, &classes, &mut known_words)
                        .map_err(|e| format!("{}: {written:?}: {e}", pattern.id))?;
                    let index = lexicon.phrases.len();
                    for stem in &steps[0].stems {
                        lexicon
                            .by_first
                            .entry(stem.clone())
                            .or_default()
                            .push(index);
                    }
                    lexicon.phrases.push(Phrase { pattern: p, steps });
                }
            }
        }
        lexicon.known_stems = known_words.iter().map(|w| lexicon.stem(w)).collect();
        let mut targets: Vec<String> = known_words
            .iter()
            .filter(|w| w.chars().count() >= TYPO_MIN_LETTERS)
            .cloned()
            .collect();
        targets.sort();
        lexicon.typo_targets = targets;
        lexicon.known_words = known_words;
        Ok(lexicon)
    }

    /// One phrase (groups expanded) as steps. A word is read as a draft's word is: text-speak
    /// spelled out ("gonna" is "going to": two steps), so a phrase and a draft meet. An
    /// alternative must be one word: "ill|i will" would mean "ill" or "i", then "will"; write
    /// `{ill|i will}` for that.
    fn steps(
        &self,
        phrase: &str,
        classes: &HashMap<&str, HashSet<String>>,
        known_words: &mut HashSet<String>,
    ) -> Result<Vec<Step>, String> {
        let mut steps = Vec::new();
        let mut gap = 0;
        for token in phrase.split_whitespace() {
            if token == "…" || token == "..." {
                gap = GAP;
                continue;
            }
            if token == "$" {
                let last: &mut Step = steps.last_mut().ok_or("a $ before any word")?;
                last.at_end = true;
                continue;
            }
            let alternatives: Vec<&str> = token.split('|').filter(|a| !a.is_empty()).collect();
            let mut stems = HashSet::new();
            for alternative in &alternatives {
                if let Some(name) = alternative.strip_prefix('@') {
                    let class = classes
                        .get(name)
                        .ok_or_else(|| format!("names no class @{name}"))?;
                    stems.extend(class.iter().cloned());
                    continue;
                }
                let words: Vec<String> = raw_words(alternative)
                    .into_iter()
                    .flat_map(|w| match self.text_speak.get(&w.text) {
                        Some(spelled) => spelled.clone(),
                        None => vec![w.text],
                    })
                    .collect();
                if alternatives.len() > 1 && words.len() != 1 {
                    return Err(format!(
                        "the alternative {alternative:?} is {} words: write {{a b|c}}",
                        words.len()
                    ));
                }
                if alternatives.len() == 1 && words.len() > 1 {
                    // One token that spells out as several: a run of adjacent steps.
                    let (last, first) = words.split_last().expect("more than one");
                    for word in first {
                        known_words.insert(word.clone());
                        steps.push(Step {
                            gap_before: std::mem::take(&mut gap),
                            stems: HashSet::from([self.stem(word)]),
                            at_end: false,
                        });
                    }
                    known_words.insert(last.clone());
                    stems.insert(self.stem(last));
                    continue;
                }
                for word in words {
                    stems.insert(self.stem(&word));
                    known_words.insert(word);
                }
            }
            if stems.is_empty() {
                return Err("an empty word".into());
            }
            steps.push(Step {
                gap_before: std::mem::take(&mut gap),
                stems,
                at_end: false,
            });
        }
        if steps.is_empty() {
            return Err("an empty phrase".into());
        }
        Ok(steps)
    }

    pub(super) fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    fn is_known(&self, word: &str) -> bool {
        self.known_words.contains(word)
            || self.text_speak.contains_key(word)
            || self.ordinary.contains(word)
            || self.known_stems.contains(&self.stem(word))
    }

    /// The lexicon word one typo from `word`, if `word` is no word Tend knows.
    fn mended(&self, word: &str) -> Option<&str> {
        let letters = word.chars().count();
        if letters < TYPO_MIN_LETTERS || self.is_known(word) || word.chars().any(|c| c.is_numeric())
        {
            return None;
        }
        let first = word.chars().next();
        self.typo_targets
            .iter()
            .filter(|t| t.chars().next() == first && t.chars().count().abs_diff(letters) <= 1)
            .find(|t| strsim::osa_distance(word, t) == 1)
            .map(String::as_str)
    }

    /// A draft's words, ready to match.
    pub fn words(&self, text: &str) -> Vec<Word> {
        let mut out = Vec::new();
        for RawWord {
            text: raw,
            span,
            sentence,
        } in raw_words(text)
        {
            let word = match collapsed(&raw) {
                Some([two, one]) if !self.is_known(&two) && self.is_known(&one) => one,
                Some([two, _]) => two,
                None => raw,
            };
            let spelled: Vec<String> = match self.text_speak.get(&word) {
                Some(words) => words.clone(),
                None => vec![word],
            };
            for word in spelled {
                let word = self.mended(&word).map_or(word.clone(), str::to_string);
                out.push(Word {
                    stem: self.stem(&word),
                    span: span.clone(),
                    sentence,
                });
            }
        }
        out
    }

    /// Every phrase found in `words`: the first place each phrase matches.
    pub fn find(&self, words: &[Word]) -> Vec<Match> {
        let mut found = Vec::new();
        let mut seen = HashSet::new();
        for (start, word) in words.iter().enumerate() {
            let Some(candidates) = self.by_first.get(&word.stem) else {
                continue;
            };
            for &index in candidates {
                if seen.contains(&index) {
                    continue;
                }
                let phrase = &self.phrases[index];
                if phrase.steps[0].at_end && phrase.steps.len() == 1 && !ends_there(words, start) {
                    continue;
                }
                let Some(last) = self.follow(&phrase.steps[1..], words, start) else {
                    continue;
                };
                if self.unless_negated[phrase.pattern] && self.negated(words, start) {
                    continue;
                }
                seen.insert(index);
                found.push(Match {
                    pattern: phrase.pattern,
                    first: start,
                    last,
                });
            }
        }
        found
    }

    /// Where the rest of a phrase ends, going on from the word at `at`.
    fn follow(&self, steps: &[Step], words: &[Word], at: usize) -> Option<usize> {
        let Some((step, rest)) = steps.split_first() else {
            return Some(at);
        };
        let sentence = words[at].sentence;
        (at + 1..=at + 1 + step.gap_before)
            .take_while(|&next| next < words.len() && words[next].sentence == sentence)
            .filter(|&next| step.stems.contains(&words[next].stem))
            .filter(|&next| !step.at_end || ends_there(words, next))
            .find_map(|next| self.follow(rest, words, next))
    }

    fn negated(&self, words: &[Word], start: usize) -> bool {
        let sentence = words[start].sentence;
        words[start.saturating_sub(NEGATION_REACH)..start]
            .iter()
            .any(|w| w.sentence == sentence && self.negators.contains(&w.stem))
    }
}
