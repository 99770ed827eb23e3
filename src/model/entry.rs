//! The journal entry: one dated piece of writing, with an optional prompt, mood and tags.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::picture::Attachment;

/// The entry document's schema version; older versions are migrated on read.
pub const ENTRY_SCHEMA: u32 = 1;

/// Past this many characters a body is refused with a message, rather than slowing every save.
pub const MAX_BODY_CHARS: usize = 2_000_000;
const MAX_LABEL_CHARS: usize = 40;
/// A starred entry carries this tag: it shows as a star, and Day One and jrnl files carry it as
/// their own starring.
pub const STARRED: &str = "starred";
const MAX_PROMPT_CHARS: usize = 1_000;
const MAX_HABIT_CHARS: usize = 200;
const MAX_LABELS: usize = 30;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub schema: u32,
    pub id: String,
    pub date: NaiveDate,
    /// The prompt as the user saw it, so the file reads well without Tend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub prompt: Option<EntryPrompt>,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub mood: Option<Mood>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// The pinned habits ticked as done that day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub habits_done: Vec<String>,
    /// Where an imported entry came from, so importing the same file again adds nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub source: Option<Source>,
    /// Photos kept with it, in the order added: files in `attachments/<id>/` (see
    /// [`crate::picture`]). Never part of a draft: the editor's saves keep them as they are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created: DateTime<FixedOffset>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated: DateTime<FixedOffset>,
}

/// An imported entry's origin: the journal format and its id there (or a content hash).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct Source {
    pub format: String,
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct EntryPrompt {
    pub id: String,
    pub text: String,
}

/// A mood check-in: a score from 1 (very low) to 5 (very good) and a few feeling words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Mood {
    pub score: u8,
    #[serde(default)]
    pub feelings: Vec<String>,
}

/// What the editor sends to save: a new entry when `id` is absent, else an update.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct EntryDraft {
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub id: Option<String>,
    pub date: NaiveDate,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub prompt: Option<EntryPrompt>,
    pub body: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub mood: Option<Mood>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub habits_done: Vec<String>,
    /// When the version the writer began from was saved (its `updated`): when the entry has
    /// been saved since by someone else (another computer, through a sync tool), this save
    /// keeps that version as the entry's second version rather than write over it.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, type = "string"))]
    pub base: Option<DateTime<FixedOffset>>,
}

/// One line of the entry list: enough to show and choose, without the whole body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct EntrySummary {
    pub id: String,
    pub date: NaiveDate,
    pub excerpt: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub mood: Option<u8>,
    pub tags: Vec<String>,
    pub words: usize,
    /// When it was begun, in the writer's local time: "21:05" beside several entries a day.
    pub time: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated: DateTime<FixedOffset>,
    /// The first photo's file (see [`Entry::attachments`]), shown small beside the words.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub picture: Option<String>,
}

/// Part of the entry list, and the length of the whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct EntryPage {
    pub total: u32,
    pub entries: Vec<EntrySummary>,
}

impl Entry {
    pub fn summary(&self) -> EntrySummary {
        let excerpt = shown_excerpt(&self.opening());
        EntrySummary {
            id: self.id.clone(),
            date: self.date,
            excerpt,
            mood: self.mood.as_ref().map(|m| m.score),
            tags: self.tags.clone(),
            words: word_count(&self.body),
            time: self.created.format("%H:%M").to_string(),
            updated: self.updated,
            picture: self.attachments.first().map(|a| a.file.clone()),
        }
    }

    /// The opening words as written, marks and all, about 120 characters: what the index
    /// keeps (an import looks at it for a quote above the text).
    pub fn opening(&self) -> String {
        const EXCERPT_CHARS: usize = 120;
        // Only the opening words are looked at: a list of years of entries stays quick.
        let mut excerpt = String::new();
        let mut cut = false;
        for word in self.body.split_whitespace() {
            if excerpt.chars().count() >= EXCERPT_CHARS {
                cut = true;
                break;
            }
            if !excerpt.is_empty() {
                excerpt.push(' ');
            }
            excerpt.push_str(word);
        }
        if excerpt.chars().count() > EXCERPT_CHARS {
            excerpt = excerpt.chars().take(EXCERPT_CHARS).collect();
            cut = true;
        }
        if cut {
            excerpt.push('…');
        }
        excerpt
    }
}

/// The opening words as a list shows them: her words without Markdown's marks ("# Sunday
/// **Slept**" is "Sunday Slept"), on one line.
pub fn shown_excerpt(opening: &str) -> String {
    let plain = crate::markup::plain(opening);
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The earliest year an entry is written for: a year typed short ("0026", from "26") is
/// refused rather than saved under `entries/0026/`.
pub const EARLIEST_YEAR: i32 = 1900;

impl EntryDraft {
    /// Checks the draft and tidies what a person would expect tidied (blank tags, repeats,
    /// stray spaces). The error names the field and the rule.
    pub fn validated(mut self) -> Result<EntryDraft> {
        if self.date.year() < EARLIEST_YEAR {
            return Err(Error::invalid(format!(
                "date: {} is before {EARLIEST_YEAR}; write the year in full (2026, not 26)",
                self.date
            )));
        }
        let chars = self.body.chars().count();
        if chars > MAX_BODY_CHARS {
            return Err(Error::invalid(format!(
                "body: this entry is {chars} characters long; the limit is {MAX_BODY_CHARS}. \
                 Split it into several entries."
            )));
        }
        if let Some(mood) = &mut self.mood {
            if !(1..=5).contains(&mood.score) {
                return Err(Error::invalid(format!(
                    "mood: {} is outside the scale; choose 1 to 5",
                    mood.score
                )));
            }
            mood.feelings = tidy_labels("feeling", std::mem::take(&mut mood.feelings))?;
        }
        self.tags = tidy_labels("tag", std::mem::take(&mut self.tags))?;
        if let Some(prompt) = &self.prompt {
            if prompt.id.chars().count() > 100 || prompt.text.chars().count() > MAX_PROMPT_CHARS {
                return Err(Error::invalid(format!(
                    "prompt: a prompt is at most {MAX_PROMPT_CHARS} characters"
                )));
            }
        }
        let mut habits: Vec<String> = Vec::new();
        for habit in std::mem::take(&mut self.habits_done) {
            let habit = habit.trim().to_string();
            if habit.chars().count() > MAX_HABIT_CHARS {
                return Err(Error::invalid(format!(
                    "habits: a habit is at most {MAX_HABIT_CHARS} characters"
                )));
            }
            if !habit.is_empty() && !habits.contains(&habit) {
                habits.push(habit);
            }
        }
        if habits.len() > MAX_LABELS {
            return Err(Error::invalid(format!("habits: at most {MAX_LABELS}")));
        }
        self.habits_done = habits;
        Ok(self)
    }

    /// The written part of a saved entry, to check it as a draft (imports pass the same rules).
    pub fn of(entry: &Entry) -> EntryDraft {
        EntryDraft {
            id: Some(entry.id.clone()),
            date: entry.date,
            prompt: entry.prompt.clone(),
            body: entry.body.clone(),
            mood: entry.mood.clone(),
            tags: entry.tags.clone(),
            habits_done: entry.habits_done.clone(),
            base: None,
        }
    }

    /// Whether saving this draft would change nothing in `entry`.
    pub fn matches(&self, entry: &Entry) -> bool {
        self.date == entry.date
            && self.prompt == entry.prompt
            && self.body == entry.body
            && self.mood == entry.mood
            && self.tags == entry.tags
            && self.habits_done == entry.habits_done
    }

    /// The entry this draft becomes, under the current schema.
    pub fn into_entry(
        self,
        id: String,
        created: DateTime<FixedOffset>,
        updated: DateTime<FixedOffset>,
        source: Option<Source>,
    ) -> Entry {
        Entry {
            schema: ENTRY_SCHEMA,
            id,
            date: self.date,
            prompt: self.prompt,
            body: self.body,
            mood: self.mood,
            tags: self.tags,
            habits_done: self.habits_done,
            source,
            attachments: Vec::new(),
            created,
            updated,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.body.trim().is_empty()
            && self.mood.is_none()
            && self.tags.is_empty()
            && self.habits_done.is_empty()
    }
}

fn tidy_labels(what: &str, labels: Vec<String>) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for label in labels {
        // "#kids" is how many people write a tag; the hash is not part of it.
        let label = label.trim().trim_start_matches('#');
        let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
        if label.is_empty() || out.iter().any(|l| l.eq_ignore_ascii_case(&label)) {
            continue;
        }
        if label.chars().count() > MAX_LABEL_CHARS {
            return Err(Error::invalid(format!(
                "{what} \"{}…\" is too long; keep it under {MAX_LABEL_CHARS} characters",
                label.chars().take(20).collect::<String>()
            )));
        }
        out.push(label);
    }
    if out.len() > MAX_LABELS {
        return Err(Error::invalid(format!(
            "{what}s: {} given; at most {MAX_LABELS}",
            out.len()
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(body: &str) -> EntryDraft {
        EntryDraft {
            id: None,
            date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            prompt: None,
            body: body.into(),
            mood: None,
            tags: vec![],
            habits_done: vec![],
            base: None,
        }
    }

    #[test]
    fn mood_outside_one_to_five_is_refused_naming_the_field() {
        for score in [0, 6] {
            let mut d = draft("x");
            d.mood = Some(Mood {
                score,
                feelings: vec![],
            });
            let err = d.validated().unwrap_err().to_string();
            assert!(
                err.starts_with("mood:"),
                "error should name the mood: {err}"
            );
        }
    }

    #[test]
    fn tags_are_trimmed_deduplicated_and_lose_a_leading_hash() {
        let mut d = draft("x");
        d.tags = vec![
            " #kids ".into(),
            "Kids".into(),
            "".into(),
            "work  day".into(),
        ];
        assert_eq!(d.validated().unwrap().tags, vec!["kids", "work day"]);
    }

    #[test]
    fn a_huge_paste_is_refused_with_the_limit() {
        let d = draft(&"a".repeat(MAX_BODY_CHARS + 1));
        let err = d.validated().unwrap_err().to_string();
        assert!(err.contains("limit"), "should state the limit: {err}");
    }

    #[test]
    fn summary_excerpt_is_flattened_and_cut() {
        let entry = Entry {
            schema: ENTRY_SCHEMA,
            id: "e".into(),
            date: NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
            prompt: None,
            body: format!("Line one\n\nline two {}", "word ".repeat(100)),
            mood: Some(Mood {
                score: 3,
                feelings: vec![],
            }),
            tags: vec![],
            habits_done: vec![],
            source: None,
            attachments: Vec::new(),
            created: DateTime::parse_from_rfc3339("2026-01-02T10:00:00+01:00").unwrap(),
            updated: DateTime::parse_from_rfc3339("2026-01-02T10:00:00+01:00").unwrap(),
        };
        let s = entry.summary();
        assert!(s.excerpt.starts_with("Line one line two"), "{}", s.excerpt);
        assert!(s.excerpt.ends_with('…'));
        assert_eq!(s.words, 104);
        assert_eq!(s.mood, Some(3));

        // Issue 28: the list shows her words, not Markdown's marks.
        let formatted = Entry {
            body: "# Sunday\n\n**Slept** well, *finally*.".into(),
            ..entry
        };
        assert_eq!(formatted.summary().excerpt, "Sunday Slept well, finally.");

        // The quick way for openings without marks shows what the parse would.
        for opening in [
            "I'm fine (really)? Yes: no; 50% of it… Café, naïve.",
            "Rain again. \"Keep going,\" she said / I said",
            "Tonight I walked by the river and felt steadier…",
        ] {
            let parsed = crate::markup::to_plain(opening);
            let parsed = parsed.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(shown_excerpt(opening), parsed, "{opening}");
        }
    }
}
