//! Documents as a person reads them: a title, a date, a few facts, and blocks of text. The
//! Markdown, HTML and PDF exports all render from this one form.

use chrono::NaiveDate;
use serde_json::Value;

use crate::assessment;
use crate::dates::DateStyle;
use crate::entry::Entry;
use crate::filling::{Filling, FillingStatus};
use crate::picture::Attachment;
use crate::vision::{self, Vision};
use crate::voice::Voice;
use crate::worksheet::{self, Field, FieldKind};

pub struct Readable {
    /// "entry", "worksheet" or "vision": the kind in front matter.
    pub kind: &'static str,
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
    /// Facts shown under the title and put in front matter: (key, value(s)).
    pub facts: Vec<(&'static str, Fact)>,
    pub blocks: Vec<Block>,
}

impl Readable {
    /// The length of its words, to size what it is written into.
    pub fn text_len(&self) -> usize {
        (self.blocks.iter())
            .map(|b| match b {
                Block::Heading(t) | Block::Question(t) | Block::Text(t) | Block::Markdown(t) => {
                    t.len() + 8
                }
                Block::Picture(_) => 80,
            })
            .sum()
    }

    /// The facts as one line under the title ("mood 4/5 · feelings: calm · tags: walk").
    pub fn facts_line(&self) -> String {
        self.facts
            .iter()
            .filter(|(key, _)| *key != "prompt")
            .map(|(key, fact)| match fact {
                Fact::Text(t) => format!("{key}: {t}"),
                Fact::Number(n) if *key == "mood" => format!("mood {n}/5"),
                Fact::Number(n) => format!("{key} {n}"),
                Fact::List(items) => format!("{key}: {}", items.join(", ")),
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

pub enum Fact {
    Text(String),
    Number(u32),
    List(Vec<String>),
}

pub enum Block {
    Heading(String),
    /// The prompt or question the text answers.
    Question(String),
    Text(String),
    /// An entry's body: Markdown, which each format renders its own way (see `markup`).
    Markdown(String),
    /// One of an entry's photos (the document's id is the entry's), after its words.
    Picture(Attachment),
}

/// An entry, titled with its day as `dates` writes it.
pub fn entry(entry: &Entry, dates: &DateStyle) -> Readable {
    // The time she wrote it, as her clock said then: four entries of one day told apart.
    let mut facts = vec![(
        "time",
        Fact::Text(entry.created.format("%H:%M").to_string()),
    )];
    if let Some(mood) = &entry.mood {
        facts.push(("mood", Fact::Number(u32::from(mood.score))));
        if !mood.feelings.is_empty() {
            facts.push(("feelings", Fact::List(mood.feelings.clone())));
        }
    }
    if !entry.tags.is_empty() {
        facts.push(("tags", Fact::List(entry.tags.clone())));
    }
    if !entry.habits_done.is_empty() {
        facts.push(("habits done", Fact::List(entry.habits_done.clone())));
    }
    let mut blocks = Vec::new();
    if let Some(prompt) = &entry.prompt {
        facts.push(("prompt", Fact::Text(prompt.text.clone())));
        blocks.push(Block::Question(prompt.text.clone()));
    }
    blocks.push(Block::Markdown(entry.body.clone()));
    blocks.extend(entry.attachments.iter().cloned().map(Block::Picture));
    Readable {
        kind: "entry",
        id: entry.id.clone(),
        title: dates.long(entry.date),
        date: entry.date,
        facts,
        blocks,
    }
}

pub fn filling(filling: &Filling, voice: &Voice) -> Readable {
    let status = match filling.status {
        FillingStatus::Draft => "draft",
        FillingStatus::Complete => "complete",
    };
    let mut facts = vec![
        ("worksheet", Fact::Text(filling.worksheet.clone())),
        ("status", Fact::Text(status.into())),
    ];
    let mut blocks = Vec::new();
    let title = if filling.worksheet == assessment::ID {
        let def = voice.personalise(assessment::definition());
        let result = assessment::score(&filling.answers);
        let subject = filling
            .answers
            .get(assessment::SUBJECT)
            .and_then(Value::as_str);
        facts.push(("for", Fact::Text(subject.unwrap_or("me").into())));
        for score in result.scores {
            blocks.push(Block::Text(format!("{}: {}", score.label, score.count)));
        }
        def.title.clone()
    } else if let Ok(sheet) = worksheet::find(&filling.worksheet).map(|w| voice.personalise(w)) {
        for section in &sheet.sections {
            let answered: Vec<_> = section
                .fields
                .iter()
                .filter_map(|f| filling.answers.get(&f.id).map(|v| (f, v)))
                .collect();
            if answered.is_empty() {
                continue;
            }
            blocks.push(Block::Heading(section.title.clone()));
            for (field, value) in answered {
                blocks.push(Block::Question(field.label.clone()));
                blocks.push(Block::Text(answer_text(field, value)));
            }
        }
        sheet.title.clone()
    } else {
        // A worksheet this Tend does not know: keep its answers readable as they are.
        for (id, value) in &filling.answers {
            blocks.push(Block::Question(id.clone()));
            blocks.push(Block::Text(value.to_string()));
        }
        filling.worksheet.clone()
    };
    Readable {
        kind: "worksheet",
        id: filling.id.clone(),
        title,
        date: filling.date,
        facts,
        blocks,
    }
}

pub fn vision(doc: &Vision, voice: &Voice) -> Readable {
    let exercise = vision::find(&doc.id).ok().map(|e| voice.personalise(e));
    let latest = doc.latest();
    let mut blocks = Vec::new();
    if let (Some(exercise), Some(latest)) = (&exercise, latest) {
        for section in &exercise.sections {
            if let Some(text) = latest.sections.get(&section.id) {
                blocks.push(Block::Heading(section.title.clone()));
                blocks.push(Block::Text(text.clone()));
            }
        }
    }
    Readable {
        kind: "vision",
        id: doc.id.clone(),
        title: exercise.map_or_else(|| doc.id.clone(), |e| e.title.clone()),
        date: latest.map_or(NaiveDate::MIN, |r| r.updated.date_naive()),
        facts: vec![("revision", Fact::Number(latest.map_or(0, |r| r.number)))],
        blocks,
    }
}

/// An answer as a person reads it: labels rather than option ids.
pub fn answer_text(field: &Field, value: &Value) -> String {
    let label = |id: &str, options: &[worksheet::Choice]| {
        options
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_string(), |o| o.label.clone())
    };
    let items = || -> Vec<String> {
        value
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    match &field.kind {
        FieldKind::ShortText | FieldKind::LongText => {
            value.as_str().unwrap_or_default().to_string()
        }
        FieldKind::Scale { max, .. } => format!("{} of {max}", value),
        FieldKind::Choice { options } => label(value.as_str().unwrap_or_default(), options),
        FieldKind::Checklist { options } => items()
            .iter()
            .map(|i| label(i, options))
            .collect::<Vec<_>>()
            .join(", "),
        FieldKind::Ranking { options } => items()
            .iter()
            .enumerate()
            .map(|(n, i)| format!("{}. {}", n + 1, label(i, options)))
            .collect::<Vec<_>>()
            .join("\n"),
        FieldKind::List { .. } => items()
            .iter()
            .map(|i| format!("- {i}"))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// A short, file-name-safe form of a text: "Tonight I walked…" → "tonight-i-walked".
pub fn slug(text: &str, words: usize) -> String {
    let slug = text
        .split_whitespace()
        .take(words)
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "untitled".into()
    } else {
        slug
    }
}

/// The words a person wrote in a filling or vision (not the questions around them).
pub(crate) fn searchable(doc: &Readable) -> String {
    let texts = doc.blocks.iter().filter_map(|b| match b {
        Block::Text(text) => Some(text.as_str()),
        _ => None,
    });
    texts.collect::<Vec<_>>().join("\n\n")
}
