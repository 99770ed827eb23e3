//! The tone check's second ear: a small naive Bayes model over a draft's stems and pairs of
//! stems, trained when first used on the drafts Tend ships (the tuning sets in `tests/tone/`,
//! compiled in; the held-out set is never among them). Where the patterns hear nothing, it
//! hears the way a whole draft leans ("so tired of existing" holds no pattern, but its words
//! come with despair), and it names the words that weighed most, so a verdict still says what
//! it found. Training takes about 50 ms (release) and gives the same model every time.

use std::collections::{HashMap, HashSet};

use super::lexicon::Lexicon;
use super::words::Word;
use super::Verdict;

/// Laplace smoothing of the word counts.
const ALPHA: f64 = 0.5;
/// How sure the model must be before it speaks. Chosen on the tuning sets alone, recall first: each set judged by a model trained on the
/// others (`trained_without_one_tuning_set_it_still_hears_that_set` in tests/tone.rs), the
/// threshold with the highest support recall that keeps pressure recall over 85% there.
pub const SUPPORT_AT: f64 = 0.7;
pub const PRESSURE_AT: f64 = 0.5;

/// Words too common to lean anywhere alone, nor paired only with each other ("i want",
/// "want to"): a feature needs a word of its own. Stemmed when the model is trained.
const FUNCTION_WORDS: [&str; 72] = [
    "i", "you", "the", "a", "an", "to", "and", "of", "it", "is", "that", "be", "me", "my", "in",
    "for", "on", "this", "at", "with", "so", "just", "your", "we", "our", "have", "was", "are",
    "do", "if", "but", "or", "im", "ive", "will", "can", "what", "about", "all", "as", "want",
    "know", "dont", "cant", "go", "get", "him", "her", "he", "she", "they", "them", "there", "not",
    "no", "would", "could", "should", "been", "had", "has", "did", "from", "by", "up", "out", "am",
    "were", "us", "its", "then", "really",
];

/// How much more often a word must come with a verdict than with clear drafts (a natural log:
/// e^1.0 is 2.7 times) before the model may speak for it: at least one such word for despair,
/// two for pressure, so that a draft is never called either on its grammar alone.
const LEAN_AT: f64 = 1.0;
const PRESSURE_WORDS: usize = 2;

const VERDICTS: [Verdict; 3] = [Verdict::Support, Verdict::Pressure, Verdict::Clear];

fn slot(verdict: Verdict) -> usize {
    match verdict {
        Verdict::Support => 0,
        Verdict::Pressure => 1,
        Verdict::Clear => 2,
    }
}

pub struct Model {
    /// The stems of [`FUNCTION_WORDS`].
    function: HashSet<String>,
    drafts: [f64; 3],
    /// For each feature: in how many drafts of each verdict it stands.
    counts: HashMap<String, [f64; 3]>,
}

/// What the model hears in a text: how likely support and pressure are, and for each the
/// words that leaned most toward it (indexes into the words).
pub struct Heard {
    /// Whether words of its own lean that way ([`LEAN_AT`], [`PRESSURE_WORDS`]).
    pub support_words_enough: bool,
    pub pressure_words_enough: bool,
    pub support: f64,
    pub pressure: f64,
    pub support_words: Vec<usize>,
    pub pressure_words: Vec<usize>,
}

/// A text's features: each stem, and each pair of stems in a sentence, side by side ("want
/// die") or with one word between ("want to die"), unless only function words make it; each
/// with the words of its first place.
fn features(words: &[Word], function: &HashSet<String>) -> HashMap<String, Vec<usize>> {
    // (A pair of function words is marked with a leading "~": it counts, but never alone.)
    let mut out: HashMap<String, Vec<usize>> = HashMap::new();
    let common = |w: &Word| function.contains(&w.stem);
    for (i, word) in words.iter().enumerate() {
        if word.stem.is_empty() {
            continue; // a word of an everyday idiom
        }
        if !common(word) {
            out.entry(word.stem.clone()).or_insert_with(|| vec![i]);
        }
        for (step, joint) in [(1, " "), (2, " _ ")] {
            if let Some(next) = words
                .get(i + step)
                .filter(|n| n.sentence == word.sentence && !n.stem.is_empty())
            {
                let mark = if common(word) && common(next) {
                    "~"
                } else {
                    ""
                };
                out.entry(format!("{mark}{}{joint}{}", word.stem, next.stem))
                    .or_insert_with(|| vec![i, i + step]);
            }
        }
    }
    out
}

impl Model {
    /// Trains on `table`s of `verdict<TAB>draft` lines (a header line first).
    pub fn train(lexicon: &Lexicon, tables: &[&str]) -> Model {
        let mut model = Model {
            function: FUNCTION_WORDS.iter().map(|w| lexicon.stem(w)).collect(),
            drafts: [0.0; 3],
            counts: HashMap::new(),
        };
        for table in tables {
            for line in table.lines().skip(1) {
                let Some((verdict, draft)) = line.split_once('\t') else {
                    continue;
                };
                let Some(verdict) = VERDICTS.into_iter().find(|v| name(*v) == verdict) else {
                    continue;
                };
                model.drafts[slot(verdict)] += 1.0;
                for feature in features(&lexicon.words(draft), &model.function).into_keys() {
                    model.counts.entry(feature).or_insert([0.0; 3])[slot(verdict)] += 1.0;
                }
            }
        }
        model
    }

    /// log P(feature | verdict), for a feature seen in training.
    fn weight(&self, counts: &[f64; 3], verdict: usize) -> f64 {
        ((counts[verdict] + ALPHA) / (self.drafts[verdict] + 2.0 * ALPHA)).ln()
    }

    /// Listens to `words` (one sentence, or a whole draft).
    pub fn hear(&self, words: &[Word]) -> Heard {
        let total: f64 = self.drafts.iter().sum();
        let mut log = self.drafts.map(|n| (n.max(1.0) / total.max(1.0)).ln());
        let found = features(words, &self.function);
        let mut seen: Vec<(&[f64; 3], &Vec<usize>)> = Vec::new();
        let mut own: Vec<&[f64; 3]> = Vec::new();
        for (feature, at) in &found {
            let Some(counts) = self.counts.get(feature) else {
                continue;
            };
            for (v, slot) in log.iter_mut().enumerate() {
                *slot += self.weight(counts, v);
            }
            seen.push((counts, at));
            if !feature.starts_with('~') {
                own.push(counts);
            }
        }
        let top = log.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let odds = log.map(|l| (l - top).exp());
        let sum: f64 = odds.iter().sum();
        let leaning = |v: usize| {
            own.iter()
                .filter(|counts| self.weight(counts, v) - self.weight(counts, 2) >= LEAN_AT)
                .count()
        };
        Heard {
            support_words_enough: leaning(0) >= 1,
            pressure_words_enough: leaning(1) >= PRESSURE_WORDS,
            support: odds[0] / sum,
            pressure: odds[1] / sum,
            support_words: self.leaning(&seen, 0),
            pressure_words: self.leaning(&seen, 1),
        }
    }

    /// The words of the (at most) three features that leaned most toward `verdict` rather
    /// than clear, in the text's order.
    fn leaning(&self, seen: &[(&[f64; 3], &Vec<usize>)], verdict: usize) -> Vec<usize> {
        let mut leaning: Vec<(f64, &Vec<usize>)> = seen
            .iter()
            .map(|(counts, at)| (self.weight(counts, verdict) - self.weight(counts, 2), *at))
            .filter(|(lean, _)| *lean > 0.0)
            .collect();
        leaning.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut words: Vec<usize> = leaning
            .iter()
            .take(3)
            .flat_map(|(_, at)| at.iter().copied())
            .collect::<HashSet<usize>>()
            .into_iter()
            .collect();
        words.sort_unstable();
        words
    }
}

fn name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Support => "support",
        Verdict::Pressure => "pressure",
        Verdict::Clear => "clear",
    }
}
