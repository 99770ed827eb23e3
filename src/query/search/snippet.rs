//! A few lines of a document around the first match, with every match in them marked.

use std::ops::Range;

use super::query::{Part, Query};
use super::SnippetPart;
use crate::words::words;

/// About this many bytes of text are shown, from a few words before the first match.
const WINDOW_BYTES: usize = 220;
const WORDS_BEFORE: usize = 6;

pub struct Snippet {
    pub parts: Vec<SnippetPart>,
    /// The first match, in bytes of the text; none when the query has no words.
    pub first: Option<Range<usize>>,
}

/// The snippet of `text` for `query`, or `None` when a phrase of the query is not in it (the
/// index finds a phrase's words, not their order).
pub fn snippet(text: &str, query: &Query) -> Option<Snippet> {
    let found: Vec<(Range<usize>, String)> = words(text).collect();
    let mut hit = vec![false; found.len()];
    for part in &query.parts {
        match part {
            Part::Prefix(word) => (found.iter().zip(hit.iter_mut()))
                .filter(|((_, w), _)| w.starts_with(word.as_str()))
                .for_each(|(_, h)| *h = true),
            Part::Phrase(phrase) => {
                let mut seen = false;
                for start in 0..found.len().saturating_sub(phrase.len() - 1) {
                    let here = &found[start..start + phrase.len()];
                    if here.iter().zip(phrase).all(|((_, w), p)| w == p) {
                        hit[start..start + phrase.len()].fill(true);
                        seen = true;
                    }
                }
                if !seen {
                    return None;
                }
            }
        }
    }
    let first = hit.iter().position(|h| *h);
    let from = first.map_or(0, |f| f.saturating_sub(WORDS_BEFORE));
    let start = if from == 0 { 0 } else { found[from].0.start };
    let mut parts = Vec::new();
    if start > 0 {
        parts.push(plain("…"));
    }
    let mut at = start;
    let mut end = text.len();
    for (n, (range, _)) in found.iter().enumerate().skip(from) {
        if range.end - start > WINDOW_BYTES && n > first.unwrap_or(0) {
            end = at;
            break;
        }
        if hit[n] {
            push_plain(&mut parts, &text[at..range.start]);
            parts.push(SnippetPart {
                text: text[range.clone()].to_string(),
                hit: true,
            });
            at = range.end;
        }
    }
    if end == text.len() {
        push_plain(&mut parts, &text[at..]);
    } else {
        let last = found
            .iter()
            .rev()
            .find(|(r, _)| r.end - start <= WINDOW_BYTES);
        let until = last.map_or(at, |(r, _)| r.end.max(at));
        push_plain(&mut parts, &text[at..until]);
        parts.push(plain("…"));
    }
    Some(Snippet {
        parts,
        first: first.map(|f| found[f].0.clone()),
    })
}

/// Plain words, their line breaks and runs of spaces as single spaces.
fn push_plain(parts: &mut Vec<SnippetPart>, text: &str) {
    if text.is_empty() {
        return;
    }
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    parts.push(plain(&out));
}

fn plain(text: &str) -> SnippetPart {
    SnippetPart {
        text: text.to_string(),
        hit: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, query: &str) -> Option<String> {
        let found = snippet(text, &Query::parse(query))?;
        let shown = found.parts.iter().map(|p| {
            if p.hit {
                format!("[{}]", p.text)
            } else {
                p.text.clone()
            }
        });
        Some(shown.collect())
    }

    #[test]
    fn matches_are_marked_as_written() {
        assert_eq!(
            marked("We met at the Café.\nIt was naïve of me.", "cafe naive").as_deref(),
            Some("We met at the [Café]. It was [naïve] of me.")
        );
    }

    #[test]
    fn a_phrase_must_be_there_in_order() {
        assert_eq!(
            marked("the sea was calm", "\"sea was\"").as_deref(),
            Some("the [sea] [was] calm")
        );
        assert!(
            marked("was the sea calm", "\"sea was\"").is_none(),
            "words out of order"
        );
    }

    #[test]
    fn a_long_text_is_cut_around_the_first_match() {
        let text = format!("{} harbour {}", "word ".repeat(200), "more ".repeat(200));
        let shown = marked(&text, "harb").unwrap();
        assert!(shown.starts_with("…word word"), "{shown}");
        assert!(
            shown.contains("[harbour]") && shown.ends_with('…'),
            "{shown}"
        );
        assert!(shown.len() < 300, "{} bytes: {shown}", shown.len());
    }

    #[test]
    fn the_first_match_is_where_the_editor_selects() {
        let text = "Ça va. Walking home";
        let found = snippet(text, &Query::parse("walk")).unwrap();
        assert_eq!(&text[found.first.unwrap()], "Walking");
    }
}
