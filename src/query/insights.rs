//! Writing over time, as pictures need it: each day's writing and mood, weekly averages and
//! words, the feeling words used most, and the writing streak. Worked out from what the index
//! holds of each entry (no body is read), so a ten-year journal answers at once.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use serde::Serialize;
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::entry::STARRED;
pub use crate::settings::WeekStart;
use crate::store::index::EntryMeta;
use crate::store::Store;

/// How many feeling words are listed.
const TOP_FEELINGS: usize = 10;

/// One day with writing.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct DayMark {
    pub date: NaiveDate,
    pub entries: u32,
    /// The day's mood, the average of its entries' (1 to 5), if any was given.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mood: Option<f32>,
    /// Each entry's mood, in the order they were written: the chart's points.
    pub moods: Vec<u8>,
    pub words: u32,
    pub starred: bool,
}

/// One week: from its first day (as settings say weeks begin).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Week {
    pub start: NaiveDate,
    /// The average mood of the days that have one.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mood: Option<f32>,
    pub words: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct FeelingCount {
    pub word: String,
    pub count: u32,
}

/// Days in a row with writing (words, or a mood: not habits ticked alone): the run that
/// reaches today (or yesterday, as today may not be written yet), and the longest ever.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Streak {
    pub current: u32,
    pub longest: u32,
    /// Whether the current run reaches today; else it ends yesterday (and the app says so).
    pub today: bool,
}

/// Writing between two days, and the streak.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Insights {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Days with writing, oldest first.
    pub days: Vec<DayMark>,
    /// Every week from `from` to `to`, oldest first (a week without writing has 0 words).
    pub weeks: Vec<Week>,
    /// The feeling words chosen most, most first.
    pub feelings: Vec<FeelingCount>,
    pub streak: Streak,
}

/// The journal's writing from `from` (the first entry's day when `None`) to `to`, with the
/// streak.
pub fn of(store: &Store, from: Option<NaiveDate>, to: NaiveDate) -> Insights {
    let metas = store.entry_metas_unsorted();
    insights(metas, from, to, store.today(), store.settings().week_starts)
}

/// The insights of `metas` from `from` (the first entry's day when `None`) to `to`, with
/// `today` for the streak.
pub fn insights<'a>(
    metas: impl IntoIterator<Item = &'a EntryMeta>,
    from: Option<NaiveDate>,
    to: NaiveDate,
    today: NaiveDate,
    week_start: WeekStart,
) -> Insights {
    let mut by_day: BTreeMap<NaiveDate, Tally> = BTreeMap::new();
    let mut feelings: HashMap<&str, u32> = HashMap::new();
    let mut written: Vec<NaiveDate> = Vec::new();
    let mut first = None::<NaiveDate>;
    for meta in metas {
        // A day of writing: an entry holding words, or a mood. Habits ticked on a day with
        // nothing written make an entry too (they are kept in it), but no writing.
        if meta.words > 0 || meta.mood.is_some() {
            written.push(meta.date);
        }
        first = Some(first.map_or(meta.date, |f| f.min(meta.date)));
        if from.is_some_and(|f| meta.date < f) || meta.date > to {
            continue;
        }
        let day = by_day.entry(meta.date).or_default();
        day.entries += 1;
        day.words += u32::try_from(meta.words).unwrap_or(u32::MAX);
        day.starred |= meta.tags.iter().any(|t| t == STARRED);
        if let Some(mood) = &meta.mood {
            day.moods.push((meta.created, mood.score));
            for feeling in &mood.feelings {
                *feelings.entry(feeling.as_str()).or_default() += 1;
            }
        }
    }
    let from = from.or(first).unwrap_or(to).min(to);
    let days: Vec<DayMark> = (by_day.into_iter())
        .map(|(date, mut t)| {
            t.moods.sort_by_key(|(created, _)| *created);
            let moods: Vec<u8> = t.moods.into_iter().map(|(_, score)| score).collect();
            DayMark {
                date,
                entries: t.entries,
                mood: average(&moods),
                moods,
                words: t.words,
                starred: t.starred,
            }
        })
        .collect();
    Insights {
        from,
        to,
        weeks: weeks(&days, from, to, week_start),
        feelings: top(feelings),
        streak: streak(written, today),
        days,
    }
}

#[derive(Default)]
struct Tally {
    entries: u32,
    words: u32,
    moods: Vec<(DateTime<FixedOffset>, u8)>,
    starred: bool,
}

fn average(scores: &[u8]) -> Option<f32> {
    (!scores.is_empty())
        .then(|| scores.iter().map(|s| f32::from(*s)).sum::<f32>() / scores.len() as f32)
}

fn weeks(days: &[DayMark], from: NaiveDate, to: NaiveDate, week_start: WeekStart) -> Vec<Week> {
    let mut weeks: BTreeMap<NaiveDate, (Vec<f32>, u32)> = BTreeMap::new();
    let mut start = week_start.week_of(from);
    while start <= to {
        weeks.insert(start, (Vec::new(), 0));
        start = start + Days::new(7);
    }
    for day in days {
        if let Some((moods, words)) = weeks.get_mut(&week_start.week_of(day.date)) {
            moods.extend(day.mood);
            *words += day.words;
        }
    }
    (weeks.into_iter())
        .map(|(start, (moods, words))| Week {
            start,
            mood: (!moods.is_empty()).then(|| moods.iter().sum::<f32>() / moods.len() as f32),
            words,
        })
        .collect()
}

fn top(feelings: HashMap<&str, u32>) -> Vec<FeelingCount> {
    let mut list: Vec<FeelingCount> = (feelings.into_iter())
        .map(|(word, count)| FeelingCount {
            word: word.to_string(),
            count,
        })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
    list.truncate(TOP_FEELINGS);
    list
}

fn streak(mut written: Vec<NaiveDate>, today: NaiveDate) -> Streak {
    written.sort_unstable();
    written.dedup();
    let mut longest = 0;
    let mut run = 0;
    let mut last = None::<NaiveDate>;
    for date in &written {
        run = match last {
            Some(l) if l.succ_opt() == Some(*date) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        last = Some(*date);
    }
    let yesterday = today.pred_opt().unwrap_or(today);
    let current = match last {
        Some(l) if l == today || l == yesterday => run,
        _ => 0,
    };
    Streak {
        current,
        longest,
        today: last == Some(today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::Mood;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn meta(date: &str, mood: Option<u8>, feelings: &[&str], words: usize) -> EntryMeta {
        let time = chrono::DateTime::parse_from_rfc3339(&format!("{date}T20:00:00+01:00")).unwrap();
        EntryMeta {
            id: format!("{date}-{words}"),
            date: day(date),
            created: time,
            updated: time,
            mood: mood.map(|score| Mood {
                score,
                feelings: feelings.iter().map(|f| f.to_string()).collect(),
            }),
            tags: vec![],
            source: None,
            excerpt: String::new(),
            words,
            text: 0,
            picture: None,
        }
    }

    #[test]
    fn days_average_their_moods_and_weeks_begin_as_settings_say() {
        let metas = [
            meta("2026-11-30", Some(2), &["tired"], 100), // a Monday
            meta("2026-11-30", Some(4), &["calm", "tired"], 50),
            meta("2026-12-05", Some(3), &[], 10), // Saturday
            meta("2026-12-06", None, &[], 5),     // Sunday
        ];
        let got = insights(
            &metas,
            Some(day("2026-11-30")),
            day("2026-12-06"),
            day("2026-12-06"),
            WeekStart::Monday,
        );
        assert_eq!(got.days.len(), 3);
        assert_eq!(got.days[0].mood, Some(3.0), "two entries, moods 2 and 4");
        assert_eq!(got.days[0].moods.len(), 2, "each a point on the chart");
        assert_eq!((got.days[0].entries, got.days[0].words), (2, 150));
        assert_eq!(got.weeks.len(), 1, "Monday to Sunday is one week");
        assert_eq!(got.weeks[0].words, 165);
        let sunday = insights(
            &metas,
            Some(day("2026-11-30")),
            day("2026-12-06"),
            day("2026-12-06"),
            WeekStart::Sunday,
        );
        let starts: Vec<_> = sunday.weeks.iter().map(|w| w.start.to_string()).collect();
        assert_eq!(starts, ["2026-11-29", "2026-12-06"], "weeks from Sunday");
        assert_eq!(
            got.feelings[0],
            FeelingCount {
                word: "tired".into(),
                count: 2
            }
        );
    }

    #[test]
    fn the_streak_runs_to_today_or_yesterday_and_the_longest_is_kept() {
        let dates = [
            "2026-11-01",
            "2026-11-02",
            "2026-11-03",
            "2026-11-04",
            "2026-11-20",
            "2026-11-21",
        ];
        let metas: Vec<_> = dates.iter().map(|d| meta(d, None, &[], 1)).collect();
        let on =
            |today: &str| insights(&metas, None, day(today), day(today), WeekStart::Monday).streak;
        assert_eq!(
            on("2026-11-21"),
            Streak {
                current: 2,
                longest: 4,
                today: true,
            }
        );
        let tomorrow = on("2026-11-22");
        assert_eq!(
            tomorrow.current, 2,
            "today not written yet: the run still counts"
        );
        assert!(
            !tomorrow.today,
            "but it ends yesterday, and is not said to reach today (issue 27, D22)"
        );
        assert_eq!(on("2026-11-23").current, 0, "a day missed ends it");
    }

    /// Issue 27, D27: habits ticked with nothing written made an entry that counted as a day
    /// of writing.
    #[test]
    fn habits_ticked_alone_are_not_a_day_of_writing() {
        let metas = [
            meta("2026-11-20", None, &[], 12),
            meta("2026-11-21", Some(3), &[], 0),
            meta("2026-11-22", None, &[], 0),
        ];
        let streak = insights(
            &metas,
            None,
            day("2026-11-22"),
            day("2026-11-22"),
            WeekStart::Monday,
        )
        .streak;
        assert_eq!(streak.current, 2, "words, then a mood alone: two days");
        assert!(
            !streak.today,
            "the habits alone on the 22nd are not writing"
        );
    }

    #[test]
    fn all_time_begins_at_the_first_entry() {
        let metas = [
            meta("2020-02-03", Some(5), &[], 1),
            meta("2026-01-01", Some(1), &[], 1),
        ];
        let got = insights(
            &metas,
            None,
            day("2026-01-04"),
            day("2026-01-04"),
            WeekStart::Monday,
        );
        assert_eq!(got.from, day("2020-02-03"));
        assert_eq!(got.days.len(), 2);
        assert_eq!(
            got.weeks.first().unwrap().start,
            day("2020-02-03"),
            "a Monday"
        );
    }
}
