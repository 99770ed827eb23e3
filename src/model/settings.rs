//! The user's settings: how Tend speaks of the partner, where the user stands, and how the app
//! looks after them (country for helplines, the low-mood card, the theme).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::voice::{Pronouns, Voice};

pub mod merge;

pub const SETTINGS_SCHEMA: u32 = 1;
const MAX_PARTNER_CHARS: usize = 40;
const MAX_PINNED: usize = 12;
/// How many automatic backups are kept unless Settings say otherwise.
pub const DEFAULT_BACKUPS_KEPT: u32 = 7;
const MAX_HABIT_CHARS: usize = 200;

/// Every setting's default is in `Default for Settings`, once: a field missing from a file
/// (written before the setting existed) takes it from there, and the page gets the defaults
/// through the settings the core hands it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub schema: u32,
    /// What `{partner}` becomes in prompts: a name ("Sam") or a phrase ("my husband").
    pub partner: String,
    /// The partner's pronouns, for every text that speaks of them.
    pub pronouns: Pronouns,
    /// Where the user stands; absent until the first-run screen has asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub stance: Option<Stance>,
    /// Whether she feels safe with the partner, as she last said (first run, Settings):
    /// prompts that suggest contact are shown only after "safe". Absent until asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub feels_safe: Option<FeelsSafe>,
    /// The country whose helplines the support page shows (ISO 3166 code, e.g. "GB"); absent
    /// means the one the system's locale names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub country: Option<String>,
    /// Whether several days in a row at the lowest mood bring a quiet card pointing to support.
    pub low_mood_card: bool,
    /// Whether what she writes (entries, worksheet answers) is read, on this computer, for
    /// words of despair, which bring the same quiet card. Nothing is stored of what was found.
    pub care_reads_writing: bool,
    /// The day the low-mood card was last put away: it stays away for that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub care_card_dismissed: Option<NaiveDate>,
    pub theme: Appearance,
    /// How large the app's text is.
    pub text_size: TextSize,
    /// Habits from the Grand Vision shown on Today as a daily checklist.
    pub pinned_habits: Vec<PinnedHabit>,
    /// How many automatic backups to keep in `backups/`; the oldest beyond it are removed once a
    /// newer one has been written and checked.
    pub backups_kept: u32,
    /// An encrypted journal locks itself after this many minutes without a key or a click.
    pub lock_minutes: u32,
    /// The day the calendar's weeks begin on.
    pub week_starts: WeekStart,
    /// "On this day" on Today: writing from this date in earlier years. Off unless turned on:
    /// some dates are better not met unasked.
    pub on_this_day: bool,
    /// Entries with any of these tags never appear "on this day".
    pub on_this_day_hidden_tags: Vec<String>,
    /// Nor entries written on these days (an anniversary, the day everything changed).
    pub on_this_day_hidden_days: Vec<DaySpan>,
    /// A daily reminder to write, as a desktop notification. Off unless turned on.
    pub reminder: bool,
    /// When it comes: "HH:MM", local time.
    pub reminder_at: String,
    /// Start Tend at login, with no window, so that the reminder can come on a day Tend was
    /// not opened. Off unless turned on: the login items show it to anyone using the account.
    pub start_at_login: bool,
    /// Whether misspelled words are marked as she writes (WebKit's checking, with the
    /// dictionaries installed on this computer: no word leaves it).
    pub spell_check: bool,
    /// The dictionary it checks with, as the system names it ("fr_FR"); absent: the one of
    /// the system's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub spelling: Option<String>,
    /// When each setting was last changed, by its name ("partner"): settings changed on two
    /// computers merge field by field, the later change winning each (see [`merge`]). Kept by
    /// the core at each save; what the page sends here is not read.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub changed: BTreeMap<String, DateTime<FixedOffset>>,
    /// Settings this Tend does not know, written by a newer one (on another computer that
    /// shares the journal): kept as they are, and written back, never dropped.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub unknown: BTreeMap<String, serde_json::Value>,
}

/// Which day weeks begin on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum WeekStart {
    #[default]
    Monday,
    Sunday,
}

impl WeekStart {
    fn weekday(self) -> Weekday {
        match self {
            WeekStart::Monday => Weekday::Mon,
            WeekStart::Sunday => Weekday::Sun,
        }
    }

    /// The first day of the week `date` is in.
    pub fn week_of(self, date: NaiveDate) -> NaiveDate {
        let back = date.weekday().days_since(self.weekday());
        date - Days::new(u64::from(back))
    }
}

/// A habit pinned to Today. It keeps its id while its words change: renaming the line in the
/// Grand Vision renames the pin (issue 27, D7), and the words it had before stay known, so a day
/// ticked under the old words still shows as ticked. Entries keep the words as ticked that day
/// (readable in the file and in every export without Tend); `formerly` is what ties them to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct PinnedHabit {
    pub id: String,
    pub words: String,
    /// Earlier words of this habit, newest last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formerly: Vec<String>,
}

/// How many earlier words a pin remembers.
const MAX_FORMERLY: usize = 20;

impl PinnedHabit {
    pub fn new(id: String, words: String) -> Self {
        Self {
            id,
            words,
            formerly: Vec::new(),
        }
    }

    /// Whether a tick saved under `words` is a tick of this habit.
    pub fn is_named(&self, words: &str) -> bool {
        self.words == words || self.formerly.iter().any(|f| f == words)
    }

    /// The pin follows its line to new words; the old ones stay known.
    pub fn rename(&mut self, words: String) {
        let old = std::mem::replace(&mut self.words, words);
        self.formerly.retain(|f| *f != old && *f != self.words);
        self.formerly.push(old);
        if self.formerly.len() > MAX_FORMERLY {
            self.formerly.remove(0);
        }
    }
}

/// Settings written before habits had ids hold each pin as its words alone: such a pin gets an
/// id from its place in the list, the same at every read until the settings are next saved.
impl<'de> Deserialize<'de> for PinnedHabit {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Stored {
            Words(String),
            Pin {
                id: String,
                words: String,
                #[serde(default)]
                formerly: Vec<String>,
            },
        }
        Ok(match Stored::deserialize(deserializer)? {
            Stored::Words(words) => PinnedHabit::new(String::new(), words),
            Stored::Pin {
                id,
                words,
                formerly,
            } => PinnedHabit {
                id,
                words,
                formerly,
            },
        })
    }
}

/// Days from one date to another, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct DaySpan {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Enough hidden tags and days for any life; a bound on what a settings file may hold.
const MAX_HIDDEN: usize = 100;

/// The longest idle time before the lock: a lock that never comes protects nothing.
pub const MAX_LOCK_MINUTES: u32 = 240;

/// Where the user stands with the separation: Tend serves every outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "kebab-case")]
pub enum Stance {
    /// Hoping to reconcile.
    Reconcile,
    /// Not sure yet.
    Unsure,
    MovingOn,
}

impl Stance {
    pub const ALL: [Stance; 3] = [Stance::Reconcile, Stance::Unsure, Stance::MovingOn];

    pub fn name(self) -> &'static str {
        match self {
            Stance::Reconcile => "reconcile",
            Stance::Unsure => "unsure",
            Stance::MovingOn => "moving-on",
        }
    }

    pub fn parse(name: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Whether content limited to `stances` (empty: for everyone) is for someone here. Before
    /// the user has said, everything is shown.
    pub fn admits(stance: Option<Stance>, stances: &[Stance]) -> bool {
        stances.is_empty() || stance.is_none_or(|s| stances.contains(&s))
    }
}

/// "Do I feel safe with my partner?": the same three answers as the worksheets' safety
/// question. Only `Safe` lets contact be coached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "kebab-case")]
pub enum FeelsSafe {
    Safe,
    Unsure,
    NotSafe,
}

impl FeelsSafe {
    /// Whether contact may be coached for someone who answered `answer` (or nothing yet).
    pub fn coaching(answer: Option<FeelsSafe>) -> bool {
        answer == Some(FeelsSafe::Safe)
    }
}

/// The app's text size: every size in the app follows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum TextSize {
    #[default]
    Normal,
    Large,
    Largest,
}

/// The colour theme: the system's, or one chosen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum Appearance {
    #[default]
    System,
    Light,
    Dark,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            schema: SETTINGS_SCHEMA,
            partner: "my partner".into(),
            pronouns: Pronouns::default(),
            stance: None,
            feels_safe: None,
            country: None,
            low_mood_card: true,
            care_reads_writing: true,
            care_card_dismissed: None,
            theme: Appearance::default(),
            text_size: TextSize::default(),
            pinned_habits: Vec::new(),
            backups_kept: DEFAULT_BACKUPS_KEPT,
            // Long enough to pause and think, short enough for a shared computer.
            lock_minutes: 5,
            week_starts: WeekStart::default(),
            on_this_day: false,
            on_this_day_hidden_tags: Vec::new(),
            on_this_day_hidden_days: Vec::new(),
            reminder: false,
            // Eight in the evening, a time many keep for winding down.
            reminder_at: "20:00".into(),
            start_at_login: false,
            spell_check: true,
            spelling: None,
            changed: BTreeMap::new(),
            unknown: BTreeMap::new(),
        }
    }
}

impl Settings {
    /// How texts speak of the partner.
    pub fn voice(&self) -> Voice {
        Voice::new(self.partner.clone(), self.pronouns)
    }

    /// Pins read from settings written before habits had ids get one from their place in the
    /// list ("pin-0", "pin-1"…): the same at every read, kept once the settings are saved.
    pub fn with_pin_ids(mut self) -> Settings {
        for (at, pin) in self.pinned_habits.iter_mut().enumerate() {
            if pin.id.is_empty() {
                pin.id = format!("pin-{at}");
            }
        }
        self
    }

    pub fn validated(mut self) -> Result<Settings> {
        self = self.with_pin_ids();
        let partner = self
            .partner
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if partner.is_empty() {
            return Err(Error::invalid(
                "Say how Tend should name your partner: a name, or \"my partner\".",
            ));
        }
        if partner.chars().count() > MAX_PARTNER_CHARS {
            return Err(Error::invalid(format!(
                "Keep your partner's name under {MAX_PARTNER_CHARS} characters."
            )));
        }
        if partner.contains(['{', '}']) {
            return Err(Error::invalid(
                "Your partner's name cannot hold braces { }.",
            ));
        }
        if let Some(country) = &self.country {
            let code = country.trim().to_ascii_uppercase();
            if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(Error::invalid(format!(
                    "{country:?} is not a country code; use two letters, such as GB or US."
                )));
            }
            self.country = Some(code);
        }
        if let Some(name) = &self.spelling {
            let fits = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
            if !(2..=24).contains(&name.len()) || !name.bytes().all(fits) {
                return Err(Error::invalid(format!(
                    "{name:?} is not a dictionary's name; choose one from the list."
                )));
            }
        }
        self.partner = partner;
        self.pinned_habits.retain(|h| !h.words.trim().is_empty());
        if self.pinned_habits.len() > MAX_PINNED {
            return Err(Error::invalid(format!(
                "Pin at most {MAX_PINNED} habits: unpin one first."
            )));
        }
        if self
            .pinned_habits
            .iter()
            .any(|h| h.words.chars().count() > MAX_HABIT_CHARS)
        {
            return Err(Error::invalid(format!(
                "Keep each pinned habit under {MAX_HABIT_CHARS} characters."
            )));
        }
        if self.backups_kept == 0 {
            return Err(Error::invalid(
                "Keep at least 1 backup, so that there is always one to go back to.",
            ));
        }
        if !(1..=MAX_LOCK_MINUTES).contains(&self.lock_minutes) {
            return Err(Error::invalid(format!(
                "The lock can wait from 1 to {MAX_LOCK_MINUTES} minutes."
            )));
        }
        (self.on_this_day_hidden_tags).retain(|t| !t.trim().is_empty());
        for tag in &mut self.on_this_day_hidden_tags {
            *tag = tag.trim().trim_start_matches('#').to_string();
        }
        let mut seen = std::collections::HashSet::new();
        (self.on_this_day_hidden_tags).retain(|t| seen.insert(t.to_lowercase()));
        if self.on_this_day_hidden_tags.len() > MAX_HIDDEN
            || self.on_this_day_hidden_days.len() > MAX_HIDDEN
        {
            return Err(Error::invalid(format!(
                "Hide at most {MAX_HIDDEN} tags and {MAX_HIDDEN} days from \"on this day\"."
            )));
        }
        for span in &mut self.on_this_day_hidden_days {
            if span.from > span.to {
                std::mem::swap(&mut span.from, &mut span.to);
            }
        }
        let Some(time) = parse_time(&self.reminder_at) else {
            return Err(Error::invalid(format!(
                "{:?} is not a time of day for the reminder; use hours and minutes, such as 20:30.",
                self.reminder_at
            )));
        };
        self.reminder_at = time.format("%H:%M").to_string();
        self.schema = SETTINGS_SCHEMA;
        Ok(self)
    }
}

/// "HH:MM", as Settings keeps the reminder's time; `None` for anything else.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let (hours, minutes) = text.trim().split_once(':')?;
    if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(hours.parse().ok()?, minutes.parse().ok()?, 0)
}
