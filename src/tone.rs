//! The "before I reach out" tone check: a draft message looked over, on this computer, for the
//! pressure, forcing and guilt that article 000 warns push a partner away. Patterns and calmer
//! openings are content in `prompts/tone.json`.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
#[cfg(feature = "ts")]
use ts_rs::TS;

const TONE_JSON: &str = include_str!("../prompts/tone.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum ToneKind {
    Pressure,
    Forcing,
    Guilt,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TonePattern {
    pub id: String,
    pub kind: ToneKind,
    pub phrases: Vec<String>,
    pub why: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct Opening {
    pub text: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
pub struct ToneContent {
    pub patterns: Vec<TonePattern>,
    pub openings: Vec<Opening>,
}

/// One pattern found in a draft, with the words that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct ToneFinding {
    pub pattern: String,
    pub kind: ToneKind,
    pub phrase: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct ToneCheck {
    pub findings: Vec<ToneFinding>,
    /// Calmer ways to begin, shown beside the findings.
    pub openings: Vec<Opening>,
}

pub fn content() -> &'static ToneContent {
    static CONTENT: OnceLock<ToneContent> = OnceLock::new();
    CONTENT.get_or_init(|| serde_json::from_str(TONE_JSON).expect("prompts/tone.json parses"))
}

/// Finds each pattern at most once, in the order of the content file.
pub fn check(draft: &str) -> ToneCheck {
    let text = normalise(draft);
    let findings = content()
        .patterns
        .iter()
        .filter_map(|p| {
            p.phrases
                .iter()
                .find(|phrase| text.contains(&normalise(phrase)))
                .map(|phrase| ToneFinding {
                    pattern: p.id.clone(),
                    kind: p.kind,
                    phrase: phrase.clone(),
                    why: p.why.clone(),
                })
        })
        .collect();
    ToneCheck {
        findings,
        openings: content().openings.clone(),
    }
}

/// Lower case, typographic apostrophes as plain ones, runs of white space as one space.
fn normalise(text: &str) -> String {
    text.to_lowercase()
        .replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_a_demand_for_an_answer_and_passes_a_calm_note() {
        let pushy = check("Why won’t you talk to me?");
        assert!(
            pushy.findings.iter().any(|f| f.kind == ToneKind::Forcing),
            "a demand for an answer is forcing: {:?}",
            pushy.findings
        );
        let calm = check("Just thinking of you today, no pressure.");
        assert!(
            calm.findings.is_empty(),
            "a calm note passes: {:?}",
            calm.findings
        );
        assert!(
            !calm.openings.is_empty(),
            "calmer openings are always offered"
        );
    }

    #[test]
    fn guilt_and_pressure_are_told_apart() {
        let kinds: Vec<ToneKind> = check("After everything I did for you. Answer me by tonight!")
            .findings
            .iter()
            .map(|f| f.kind)
            .collect();
        assert!(kinds.contains(&ToneKind::Guilt), "{kinds:?}");
    }
}
