//! Care on Today: several days in a row at the lowest mood, or words of despair in what she
//! wrote today, bring a quiet card pointing to support. It is dismissible (for the day), each
//! reason has its own switch in Settings, and it never names a diagnosis. What brought it is
//! not stored anywhere: only the day it was put away.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::Serialize;
#[cfg(feature = "ts")]
use ts_rs::TS;

/// How many days in a row at mood 1 bring the card.
pub const LOW_DAYS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct CareCard {
    pub reason: CareReason,
    /// Days in a row at the lowest mood (0 when the card comes from her writing).
    pub days: usize,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "kebab-case")]
pub enum CareReason {
    LowMood,
    Writing,
}

/// How many days in a row, ending today (or yesterday, before today has a mood), the day's
/// mood was 1. A day's mood is that of its latest entry with one.
pub fn low_mood_days(
    moods: impl IntoIterator<Item = (NaiveDate, chrono::DateTime<chrono::FixedOffset>, u8)>,
    today: NaiveDate,
) -> usize {
    let mut day_mood: BTreeMap<NaiveDate, (chrono::DateTime<chrono::FixedOffset>, u8)> =
        BTreeMap::new();
    for (date, created, score) in moods {
        let slot = day_mood.entry(date).or_insert((created, score));
        if created >= slot.0 {
            *slot = (created, score);
        }
    }
    let start = if day_mood.contains_key(&today) {
        today
    } else {
        today - Days::new(1)
    };
    let mut days = 0;
    let mut day = start;
    while day_mood.get(&day).is_some_and(|(_, score)| *score == 1) {
        days += 1;
        day = day - Days::new(1);
    }
    days
}

pub fn card(days: usize) -> Option<CareCard> {
    (days >= LOW_DAYS).then(|| CareCard {
        reason: CareReason::LowMood,
        days,
        text: format!(
            "The last {days} days have been very hard. You do not have to carry this alone: \
             the support page has people you can talk to, many of them at any hour."
        ),
    })
}

/// The card for words of despair in what she wrote today. It says what Tend noticed, gently,
/// and names no condition: it is a kind word and a door to support, not a judgement.
pub fn writing_card() -> CareCard {
    CareCard {
        reason: CareReason::Writing,
        days: 0,
        text: "Some of what you wrote today sounds very heavy. You do not have to carry it \
               alone: the support page has people you can talk to in confidence, many of them \
               at any hour."
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::Entry;
    use crate::entry::{EntryDraft, Mood};

    fn entry(date: &str, time: &str, score: u8) -> Entry {
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
        let when =
            chrono::DateTime::parse_from_rfc3339(&format!("{date}T{time}:00+00:00")).unwrap();
        EntryDraft {
            id: None,
            date,
            prompt: None,
            body: "x".into(),
            mood: Some(Mood {
                score,
                feelings: vec![],
            }),
            tags: vec![],
            habits_done: vec![],
            base: None,
        }
        .into_entry(format!("{date}{time}"), when, when, None)
    }

    #[test]
    fn three_low_days_in_a_row_are_counted_and_a_better_day_breaks_the_run() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let low = [
            entry("2026-11-23", "10:00", 1),
            entry("2026-11-24", "10:00", 1),
            entry("2026-11-25", "09:00", 3),
            entry("2026-11-25", "21:00", 1), // the day's latest mood counts
            entry("2026-11-26", "08:00", 1),
        ];
        let moods = |entries: &[&Entry]| {
            entries
                .iter()
                .map(|e| (e.date, e.created, e.mood.as_ref().unwrap().score))
                .collect::<Vec<_>>()
        };
        let refs: Vec<&Entry> = low.iter().collect();
        assert_eq!(low_mood_days(moods(&refs), today), 4);
        assert!(card(4).is_some(), "four low days bring the card");

        let better = entry("2026-11-26", "20:00", 3);
        let mut refs = refs.clone();
        refs.push(&better);
        assert_eq!(low_mood_days(moods(&refs), today), 0, "today ended better");
        assert!(card(2).is_none(), "two days are not yet a run");
    }
}
