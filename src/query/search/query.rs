//! What a person types into search: words (each also finding the words it begins, so "walk"
//! finds "walking") and "quoted phrases" (those words, in that order). Every part must match.

use crate::words::words;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A word, or the beginning of one.
    Prefix(String),
    /// Whole words, one after another.
    Phrase(Vec<String>),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub parts: Vec<Part>,
}

impl Query {
    /// Reads a search: `"` opens and closes a phrase (an unclosed one runs to the end); a word
    /// that is several words to the index ("don't", "e-mail") is a phrase of them.
    pub fn parse(text: &str) -> Query {
        let mut parts = Vec::new();
        for (n, piece) in text.split('"').enumerate() {
            let quoted = n % 2 == 1;
            if quoted {
                push_phrase(&mut parts, words(piece).map(|(_, w)| w).collect());
                continue;
            }
            for token in piece.split_whitespace() {
                let mut found: Vec<String> = words(token).map(|(_, w)| w).collect();
                if found.len() == 1 {
                    parts.push(Part::Prefix(found.remove(0)));
                } else {
                    push_phrase(&mut parts, found);
                }
            }
        }
        parts.dedup();
        Query { parts }
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    pub fn has_phrase(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Phrase(_)))
    }
}

fn push_phrase(parts: &mut Vec<Part>, mut found: Vec<String>) {
    match found.len() {
        0 => {}
        1 => parts.push(Part::Prefix(found.remove(0))),
        _ => parts.push(Part::Phrase(found)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefix(w: &str) -> Part {
        Part::Prefix(w.into())
    }

    #[test]
    fn words_and_quoted_phrases() {
        let query = Query::parse(r#"Café  "the SEA was" walk"#);
        let phrase = Part::Phrase(vec!["the".into(), "sea".into(), "was".into()]);
        assert_eq!(query.parts, [prefix("cafe"), phrase, prefix("walk")]);
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end_and_punctuation_alone_is_nothing() {
        let query = Query::parse(r#"walk "by the"#);
        let phrase = Part::Phrase(vec!["by".into(), "the".into()]);
        assert_eq!(query.parts, [prefix("walk"), phrase]);
        assert!(Query::parse(" — ... \"\" ").is_empty());
    }

    #[test]
    fn a_word_with_an_apostrophe_is_a_phrase() {
        let query = Query::parse("don't");
        assert_eq!(query.parts, [Part::Phrase(vec!["don".into(), "t".into()])]);
    }
}
