//! An entry's prompt and mood in jrnl and Day One, which have no field for either.
//!
//! - Where the file has room for a field of Tend's (both JSON formats: jrnl never reads its JSON
//!   export back, and Day One passes over keys it does not know), they go in
//!   `"tend": {"prompt": {"id", "text"}, "mood": {"score", "feelings"}}`, which Tend reads back
//!   whole. The mood is not made into tags there: a Day One or jrnl tag list is the writer's own
//!   words, and "mood-4" among them would be Tend's.
//! - Where the file is text only (jrnl's own journal file), the mood goes on Tend's tag line as
//!   `@mood-4 @feeling-calm`, which jrnl can search, and is read back from that line only.
//! - Where a reader sees the text as the entry (Day One, jrnl's own file), the prompt is shown
//!   above it, as Tend has always written it: a quote, `> prompt`, and a blank line. Read back,
//!   such a quote is the prompt again when Tend's field names it, or when it is one of Tend's
//!   own prompts (with the partner's name filled in, as the app shows it). Any other opening
//!   quote is the writer's own text, and stays text.

use serde::{Deserialize, Serialize};

use crate::entry::{Entry, EntryPrompt, Mood};

/// What Tend writes of an entry beside a format's own fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TendFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<EntryPrompt>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mood: Option<Mood>,
}

impl TendFields {
    /// The entry's prompt and mood; none when it has neither, so that its JSON is the format's
    /// own.
    pub fn of(entry: &Entry) -> Option<TendFields> {
        (entry.prompt.is_some() || entry.mood.is_some()).then(|| TendFields {
            prompt: entry.prompt.clone(),
            mood: entry.mood.clone(),
        })
    }
}

/// The prompt shown above the text: `> prompt`, a blank line, the text.
pub(crate) fn quote_above(prompt: &str, text: &str) -> String {
    format!("> {prompt}\n\n{text}")
}

/// A first paragraph that is a quote, and the text after it: `("> prompt", "text")`.
fn opening_quote(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    if !text.starts_with('>') {
        return None;
    }
    Some(text.split_once("\n\n").unwrap_or((text, "")))
}

/// The text after `prompt` quoted above it as [`quote_above`] writes it, byte for byte.
fn after_quoted<'a>(text: &'a str, prompt: &str) -> Option<&'a str> {
    let rest = text.strip_prefix("> ")?.strip_prefix(prompt)?;
    if rest.is_empty() {
        return Some(rest); // a prompt and no text, its blank line trimmed
    }
    rest.strip_prefix("\n\n")
}

/// The text with its prompt taken out of it: `known` (the prompt Tend's field names) when the
/// text opens with it quoted, else one of Tend's own prompts quoted there. The text is left
/// whole when its opening quote is neither; `known` is the prompt all the same.
pub(crate) fn prompt_from_text(
    text: String,
    known: Option<EntryPrompt>,
) -> (Option<EntryPrompt>, String) {
    let prompt = match known {
        Some(known) => known,
        None => {
            let quoted = text
                .strip_prefix("> ")
                .map(|t| t.split_once("\n\n").map_or(t, |q| q.0));
            let library = quoted.and_then(|q| Some((crate::prompts::shown_as(q)?, q)));
            match library {
                Some((prompt, quoted)) => EntryPrompt {
                    id: prompt.id.clone(),
                    text: quoted.to_string(),
                },
                None => return (None, text),
            }
        }
    };
    let body = after_quoted(&text, &prompt.text)
        .map(str::to_string)
        .unwrap_or(text);
    (Some(prompt), body)
}

/// The words of `text` a person recognises the entry by: its opening quotes aside, since that
/// is where Day One and jrnl's own file show the prompt (above any quote of the writer's own),
/// which jrnl's JSON keeps apart, and an older Tend left out. The last quote stays when nothing
/// follows it: it may be her words, or a prompt over none (see [`is_only_a_quote`]).
pub(crate) fn words_without_prompt(mut text: &str) -> &str {
    while let Some((_, rest)) = opening_quote(text) {
        if rest.trim().is_empty() {
            break;
        }
        text = rest;
    }
    text
}

/// Whether `text` is one quoted paragraph and nothing else.
pub(crate) fn is_only_a_quote(text: &str) -> bool {
    opening_quote(text).is_some_and(|(_, rest)| rest.trim().is_empty())
}

/// The mood as jrnl tags, first on Tend's tag line: `mood-4`, then `feeling-calm` for each
/// feeling (jrnl tags cannot hold spaces: "let down" is `feeling-let-down`).
pub(crate) fn mood_tags(mood: &Mood) -> Vec<String> {
    let mut tags = vec![format!("{MOOD}{}", mood.score)];
    tags.extend(mood.feelings.iter().map(|f| {
        let words: Vec<&str> = f.split_whitespace().collect();
        format!("{FEELING}{}", words.join("-"))
    }));
    tags
}

const MOOD: &str = "mood-";
const FEELING: &str = "feeling-";

/// The mood in Tend's tag line, taken out of its tags: a `mood-1` … `mood-5` tag, and the
/// `feeling-` tags with it. Without a mood tag, `feeling-` tags are tags like any other.
pub(crate) fn mood_from_tags(tags: &mut Vec<String>) -> Option<Mood> {
    let at = tags.iter().position(|t| {
        t.strip_prefix(MOOD)
            .and_then(|n| n.parse::<u8>().ok())
            .is_some_and(|n| (1..=5).contains(&n))
    })?;
    let score = tags.remove(at)[MOOD.len()..].parse().ok()?;
    let mut feelings = Vec::new();
    tags.retain(|t| match t.strip_prefix(FEELING) {
        Some(feeling) if !feeling.is_empty() => {
            feelings.push(feeling.to_string());
            false
        }
        _ => true,
    });
    Some(Mood { score, feelings })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CALM_OR_PANIC: &str = "Before I reach out to Sam, is the pull coming from calm or \
                                 from panic? What does my body tell me about which one it is?";

    #[test]
    fn one_of_tends_prompts_quoted_above_the_text_is_its_prompt() {
        let text = quote_above(CALM_OR_PANIC, "Calm, mostly.");
        let (prompt, body) = prompt_from_text(text, None);
        assert_eq!(
            prompt.map(|p| p.id).as_deref(),
            Some("calm-or-panic"),
            "the library's prompt, whatever the partner is called"
        );
        assert_eq!(body, "Calm, mostly.");
    }

    #[test]
    fn a_quote_of_the_writers_own_stays_her_text() {
        let text = "> A line from a book.\n\nWhat I made of it.".to_string();
        assert_eq!(prompt_from_text(text.clone(), None), (None, text.clone()));
        let known = EntryPrompt {
            id: "p".into(),
            text: "Another question?".into(),
        };
        assert_eq!(
            prompt_from_text(text.clone(), Some(known.clone())),
            (Some(known), text),
            "the field's prompt is kept, the quote that is not it left in the text"
        );
    }

    #[test]
    fn the_words_an_entry_is_known_by_leave_out_an_opening_quote() {
        assert_eq!(words_without_prompt("> Q?\n\nA.\n\nB."), "A.\n\nB.");
        assert_eq!(words_without_prompt("> Q?\n\n> Hers.\n\nA."), "A.");
        assert_eq!(words_without_prompt("> Q?\n\n> Hers."), "> Hers.");
        assert_eq!(words_without_prompt("> Only a quote."), "> Only a quote.");
        assert!(is_only_a_quote("> Only a quote.\n\n") && !is_only_a_quote("> Q\n\nA."));
        assert_eq!(
            words_without_prompt("No quote.\n\n> Later."),
            "No quote.\n\n> Later."
        );
    }

    #[test]
    fn a_mood_goes_into_tags_and_comes_back_out_of_them() {
        let mood = Mood {
            score: 2,
            feelings: vec!["let down".into(), "tired".into()],
        };
        let mut tags = mood_tags(&mood);
        assert_eq!(tags, ["mood-2", "feeling-let-down", "feeling-tired"]);
        tags.push("work".into());
        let back = mood_from_tags(&mut tags);
        assert_eq!(
            back,
            Some(Mood {
                score: 2,
                feelings: vec!["let-down".into(), "tired".into()]
            })
        );
        assert_eq!(tags, ["work"], "the mood is no longer a tag");
        let mut plain = vec!["mood-9".to_string(), "feeling-odd".to_string()];
        assert_eq!(mood_from_tags(&mut plain), None, "1 to 5 only");
        assert_eq!(plain, ["mood-9", "feeling-odd"]);
    }
}
