//! How Tend speaks of the partner: by the name and pronouns the user chose, in every text it
//! shows. Content carries placeholders (`{partner}`, `{they}`, `{is}`, …); this module fills them
//! in, so no text ever assumes a husband or a "he".

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
#[cfg(feature = "ts")]
use ts_rs::TS;

/// The partner's pronouns, as set in Settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum Pronouns {
    She,
    He,
    /// The default: nothing is assumed.
    #[default]
    They,
}

impl Pronouns {
    pub const ALL: [Pronouns; 3] = [Pronouns::She, Pronouns::He, Pronouns::They];

    pub fn name(self) -> &'static str {
        match self {
            Pronouns::She => "she",
            Pronouns::He => "he",
            Pronouns::They => "they",
        }
    }

    pub fn parse(name: &str) -> Option<Pronouns> {
        Pronouns::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The word a placeholder (without its braces) stands for, or None if it is not a pronoun
    /// or verb-agreement placeholder.
    fn word(self, placeholder: &str) -> Option<&'static str> {
        use Pronouns::*;
        let singular = self != They;
        Some(match (placeholder, self) {
            ("they", She) => "she",
            ("they", He) => "he",
            ("they", They) => "they",
            ("them", She) => "her",
            ("them", He) => "him",
            ("them", They) => "them",
            ("their", She) => "her",
            ("their", He) => "his",
            ("their", They) => "their",
            ("theirs", She) => "hers",
            ("theirs", He) => "his",
            ("theirs", They) => "theirs",
            ("themself", She) => "herself",
            ("themself", He) => "himself",
            ("themself", They) => "themself",
            ("is", _) => pick(singular, "is", "are"),
            ("was", _) => pick(singular, "was", "were"),
            ("has", _) => pick(singular, "has", "have"),
            ("does", _) => pick(singular, "does", "do"),
            ("s", _) => pick(singular, "s", ""),
            ("es", _) => pick(singular, "es", ""),
            _ => return None,
        })
    }
}

fn pick(singular: bool, one: &'static str, many: &'static str) -> &'static str {
    if singular {
        one
    } else {
        many
    }
}

/// Every placeholder content may use.
pub const PLACEHOLDERS: [&str; 12] = [
    "{partner}",
    "{they}",
    "{them}",
    "{their}",
    "{theirs}",
    "{themself}",
    "{is}",
    "{was}",
    "{has}",
    "{does}",
    "{s}",
    "{es}",
];

/// The partner as the user named them, and their pronouns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    pub partner: String,
    pub pronouns: Pronouns,
}

impl Voice {
    pub fn new(partner: impl Into<String>, pronouns: Pronouns) -> Voice {
        Voice {
            partner: partner.into(),
            pronouns,
        }
    }

    /// Fills in every placeholder. A name or pronoun that starts a sentence gets a capital;
    /// verb endings (`{s}`, `{es}`) never do. An unknown placeholder is left as it is (the
    /// content tests make sure there are none).
    pub fn render(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let name = &rest[open + 1..open + close];
            let word = match name {
                "partner" => Some(self.partner.as_str()),
                _ => self.pronouns.word(name),
            };
            match word {
                Some(word) if starts_sentence(&out) && !matches!(name, "s" | "es") => {
                    let mut chars = word.chars();
                    if let Some(first) = chars.next() {
                        out.extend(first.to_uppercase());
                        out.push_str(chars.as_str());
                    }
                }
                Some(word) => out.push_str(word),
                None => out.push_str(&rest[open..=open + close]),
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// A copy of `item` with every text in it rendered: content types (worksheets, visions, the
    /// assessment, tone findings) go through here before they are shown. Ids and sources are
    /// left alone, since they name things rather than speak.
    pub fn personalise<T: Serialize + DeserializeOwned>(&self, item: &T) -> T {
        let Ok(mut value) = serde_json::to_value(item) else {
            unreachable!("content types serialise to JSON")
        };
        self.render_value(&mut value, "");
        serde_json::from_value(value).unwrap_or_else(|e| {
            unreachable!("rendering strings keeps a value's shape: {e}");
        })
    }

    fn render_value(&self, value: &mut Value, key: &str) {
        const NAMES: [&str; 6] = ["id", "source", "sources", "language", "kind", "worksheet"];
        match value {
            Value::String(text) if !NAMES.contains(&key) => *text = self.render(text),
            Value::Array(items) => items.iter_mut().for_each(|v| self.render_value(v, key)),
            Value::Object(map) => map
                .iter_mut()
                .for_each(|(k, v)| self.render_value(v, k.as_str())),
            _ => {}
        }
    }
}

/// Whether text written so far ends where a sentence begins.
fn starts_sentence(before: &str) -> bool {
    before
        .trim_end_matches([' ', '\n', '\t', '(', '“', '"'])
        .chars()
        .last()
        .is_none_or(|c| matches!(c, '.' | '?' | '!' | ':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn three(text: &str) -> [String; 3] {
        [
            Voice::new("Sarah", Pronouns::She).render(text),
            Voice::new("Sam", Pronouns::He).render(text),
            Voice::new("my partner", Pronouns::They).render(text),
        ]
    }

    #[test]
    fn pronouns_and_verbs_agree_for_she_he_and_they() {
        assert_eq!(
            three("What does {partner} need? {they} need{s} time; {they} {is} tired of {their} own doubts."),
            [
                "What does Sarah need? She needs time; she is tired of her own doubts.",
                "What does Sam need? He needs time; he is tired of his own doubts.",
                "What does my partner need? They need time; they are tired of their own doubts.",
            ]
        );
        assert_eq!(
            three("Perhaps {they} miss{es} the kids, {has} told {themself} so, and {does}n't say it to {them}. It is {theirs}."),
            [
                "Perhaps she misses the kids, has told herself so, and doesn't say it to her. It is hers.",
                "Perhaps he misses the kids, has told himself so, and doesn't say it to him. It is his.",
                "Perhaps they miss the kids, have told themself so, and don't say it to them. It is theirs.",
            ]
        );
    }

    #[test]
    fn a_name_at_a_sentence_start_gets_a_capital_and_endings_never_do() {
        let voice = Voice::new("my husband", Pronouns::He);
        assert_eq!(
            voice.render("What do I miss about {partner}? {partner} may need time."),
            "What do I miss about my husband? My husband may need time."
        );
        assert_eq!(voice.render("“{they} said no.”"), "“He said no.”");
        assert_eq!(
            voice.render("{s}"),
            "s",
            "an ending never starts a sentence"
        );
    }

    #[test]
    fn personalise_renders_texts_but_not_ids_or_sources() {
        let item = serde_json::json!({
            "id": "{they}",
            "source": "000.txt",
            "label": "How {is} {they}?",
            "options": [{"id": "partner", "label": "{they} did"}]
        });
        let shown = Voice::new("Sarah", Pronouns::She).personalise(&item);
        assert_eq!(
            shown,
            serde_json::json!({
                "id": "{they}",
                "source": "000.txt",
                "label": "How is she?",
                "options": [{"id": "partner", "label": "She did"}]
            })
        );
    }
}
