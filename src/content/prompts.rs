//! Daily prompts: content compiled in from `prompts/daily.json`, and the prompt of the day.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::settings::Stance;
use crate::voice::Voice;
pub use crate::voice::PLACEHOLDERS;

/// The five source articles every piece of content is drawn from (file name, title).
pub const ARTICLES: [(&str, &str); 5] = [
    (
        "000_a11c05b48e1c1521.txt",
        "Should You Reach Out to Your Husband After Separation? What Helps (and What Hurts)",
    ),
    (
        "001_89b5c8b094ed992d.txt",
        "Your Husband Moved Out: How to Reconnect",
    ),
    (
        "002_6a54fff312ca18d1.txt",
        "My Separated Husband Wants Nothing To Do With Me",
    ),
    (
        "003_4d3514d26e05eb9c.txt",
        "How To Get Your Husband Back After Separation",
    ),
    (
        "004_8e824c0e73f16572.txt",
        "How Do I Make My Husband Miss Me During The Separation?",
    ),
];

const DAILY_JSON: &str = include_str!("../../prompts/daily.json");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct Theme {
    pub id: String,
    pub title: String,
    /// Shown only to someone who stands here (empty: to everyone).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stances: Vec<Stance>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Prompt {
    pub id: String,
    pub theme: String,
    pub text: String,
    pub source: String,
    #[serde(default)]
    pub stances: Vec<Stance>,
    /// Suggests contact with the partner (a check-in, a kindness): drawn only for someone who
    /// has said she feels safe with them.
    #[serde(default)]
    pub coaching: bool,
}

#[derive(Debug, Deserialize)]
pub struct Catalog {
    pub themes: Vec<Theme>,
    pub prompts: Vec<Prompt>,
}

/// A prompt ready to show: its text with `{partner}` filled in, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct ShownPrompt {
    pub id: String,
    pub theme: String,
    pub text: String,
    /// Where it comes from, in words for any partner and outcome ([`source_line`]).
    pub source: String,
}

/// The compiled-in catalogue. Its validity is checked by the content tests, so a failure here
/// can only come from a build that skipped them.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| serde_json::from_str(DAILY_JSON).expect("prompts/daily.json parses"))
}

pub fn find(id: &str) -> Option<&'static Prompt> {
    catalog().prompts.iter().find(|p| p.id == id)
}

/// The prompt `text` shows: its words, each placeholder standing for whatever the voice made of
/// it (the partner's name, a pronoun). How an export that quoted a prompt above the text is
/// read back as that prompt.
pub fn shown_as(text: &str) -> Option<&'static Prompt> {
    catalog().prompts.iter().find(|p| fills(&p.text, text))
}

/// Whether `text` is `template` with each of its [`PLACEHOLDERS`] replaced by some words.
fn fills(template: &str, text: &str) -> bool {
    let mut literals = vec![template];
    for placeholder in PLACEHOLDERS {
        literals = (literals.iter())
            .flat_map(|l| l.split(placeholder))
            .collect();
    }
    let [first, middle @ .., last] = literals.as_slice() else {
        return template == text; // one literal: no placeholder
    };
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    // Each literal as early as it comes: whatever can follow it, can follow it there too.
    for literal in middle {
        let Some(at) = rest.find(literal) else {
            return false;
        };
        rest = &rest[at + literal.len()..];
    }
    rest.ends_with(last)
}

/// The themes for someone who stands at `stance`.
pub fn themes_for(stance: Option<Stance>) -> Vec<Theme> {
    catalog()
        .themes
        .iter()
        .filter(|t| Stance::admits(stance, &t.stances))
        .cloned()
        .collect()
}

/// Where content from one of the five articles comes from, as Tend shows it: whose article and
/// what it is about, in words that fit any partner and any outcome. The titles themselves speak
/// of a husband to win back, and one of making him miss you: fine in a citation, not on the card
/// she reads every day. `None` for a file that is not one of them.
pub fn source_line(file: &str) -> Option<&'static str> {
    Some(match file {
        "000_a11c05b48e1c1521.txt" => {
            "Leslie Cane's article on reaching out, or waiting, after a separation"
        }
        "001_89b5c8b094ed992d.txt" => {
            "Leslie Cane's article on staying in touch after a partner moves out"
        }
        "002_6a54fff312ca18d1.txt" => "Leslie Cane's article on a partner who wants distance",
        "003_4d3514d26e05eb9c.txt" => {
            "Dara's article (Mud Coaching) on caring for yourself after a separation"
        }
        "004_8e824c0e73f16572.txt" => "Leslie Cane's article on patience during a separation",
        _ => return None,
    })
}

/// The prompt for `date`: a pure function of the date (and theme), so the same day always
/// brings the same prompt. Within each run of N days (N = the number of candidates) every
/// prompt comes once, and no prompt repeats across the runs' seams. `offset` 1, 2, … gives
/// "another prompt" for that day: drawn from the day's own shuffle of the others, so it is
/// never the day's prompt, and not simply tomorrow's. Only prompts (and themes) for someone
/// who stands at `stance` are drawn, and no prompt that coaches contact.
pub fn for_date(
    date: NaiveDate,
    theme: Option<&str>,
    offset: usize,
    stance: Option<Stance>,
) -> Result<&'static Prompt> {
    for_reader(date, theme, offset, stance, false)
}

/// [`for_date`], with the prompts that coach contact among those drawn when `coaching` (she
/// has said she feels safe with the partner).
pub fn for_reader(
    date: NaiveDate,
    theme: Option<&str>,
    offset: usize,
    stance: Option<Stance>,
    coaching: bool,
) -> Result<&'static Prompt> {
    let theme_admits = |id: &str| {
        catalog()
            .themes
            .iter()
            .find(|t| t.id == id)
            .is_some_and(|t| Stance::admits(stance, &t.stances))
    };
    let candidates: Vec<&Prompt> = catalog()
        .prompts
        .iter()
        .filter(|p| theme.is_none_or(|t| p.theme == t))
        .filter(|p| Stance::admits(stance, &p.stances) && theme_admits(&p.theme))
        .filter(|p| coaching || !p.coaching)
        .collect();
    if candidates.is_empty() {
        return Err(Error::invalid(format!(
            "theme: there is no theme called {:?}",
            theme.unwrap_or_default()
        )));
    }
    let n = candidates.len();
    let salt = theme.map_or(0, |t| fnv1a(t.as_bytes()));
    let day = i64::from(date.num_days_from_ce());
    let cycle = day.div_euclid(n as i64);
    let base = cycle_order(n, cycle, salt)[day.rem_euclid(n as i64) as usize];
    if offset == 0 || n == 1 {
        return Ok(candidates[base]);
    }
    let others: Vec<usize> = (0..n).filter(|&i| i != base).collect();
    let order = shuffled(others.len(), salt ^ fnv1a(&day.to_le_bytes()) ^ 0xA5A5);
    Ok(candidates[others[order[(offset - 1) % others.len()]]])
}

/// The order of one run of days. When a run would open with the prompt that closed the run
/// before, its first two swap, so no prompt comes two days in a row.
fn cycle_order(n: usize, cycle: i64, salt: u64) -> Vec<usize> {
    let mut order = shuffled(n, cycle as u64 ^ salt);
    if n > 2 && order[0] == shuffled(n, (cycle - 1) as u64 ^ salt)[n - 1] {
        order.swap(0, 1);
    }
    order
}

pub fn show(prompt: &Prompt, voice: &Voice) -> ShownPrompt {
    ShownPrompt {
        id: prompt.id.clone(),
        theme: prompt.theme.clone(),
        text: voice.render(&prompt.text),
        source: source_line(&prompt.source).map_or_else(|| prompt.source.clone(), String::from),
    }
}

/// Fisher–Yates with a fixed little generator (SplitMix64): the same seed gives the same order
/// on every machine and every version of every dependency.
fn shuffled(len: usize, seed: u64) -> Vec<usize> {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut order: Vec<usize> = (0..len).collect();
    for i in (1..len).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prompt_is_known_by_its_showing_whoever_the_partner_is() {
        let calm = find("calm-or-panic").unwrap();
        for voice in [
            Voice::new("Sam", crate::voice::Pronouns::He),
            Voice::new("my wife", crate::voice::Pronouns::She),
        ] {
            let shown = voice.render(&calm.text);
            assert_eq!(
                shown_as(&shown).map(|p| p.id.as_str()),
                Some("calm-or-panic"),
                "{shown}"
            );
        }
        assert!(shown_as("Before I reach out to Sam, is it calm?").is_none());
        assert!(fills("{partner} and I", "Sam and I"));
        assert!(
            fills("a{s} b", "a b"),
            "a placeholder may stand for nothing"
        );
        assert!(!fills("to {partner}.", "to Sam. And more"));
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut order = shuffled(50, 7);
        order.sort_unstable();
        assert_eq!(order, (0..50).collect::<Vec<_>>());
    }
}
