//! Looking back in the store: whether a day was written on, and "on this day" (writing over
//! time is `crate::insights`, a floor up).

use chrono::{Datelike, NaiveDate};

use super::Store;
use crate::entry::EntrySummary;

impl Store {
    /// Whether anything was written on `day`: an entry for that day, or an entry, a worksheet
    /// or a vision saved that day. The daily reminder stays quiet on such a day.
    pub fn wrote_on(&self, day: NaiveDate) -> bool {
        let entry = (self.entries.values())
            .any(|e| e.meta.date == day || e.meta.updated.date_naive() == day);
        entry
            || (self.fillings.values()).any(|f| f.doc.updated.date_naive() == day)
            || (self.visions.values().flat_map(|v| v.doc.revisions.last()))
                .any(|r| r.updated.date_naive() == day)
    }

    /// Entries written on this date in earlier years, newest first: none unless turned on in
    /// settings, and never one with a tag or on a day the settings keep out of it.
    pub fn on_this_day(&self) -> Vec<EntrySummary> {
        let settings = &self.settings;
        if !settings.on_this_day {
            return Vec::new();
        }
        let today = self.today();
        let same_day = |date: NaiveDate| {
            let leap_day = date.month() == 2 && date.day() == 29;
            // 29 February is remembered on the 28th in the years without one.
            let shown_on = if leap_day && NaiveDate::from_ymd_opt(today.year(), 2, 29).is_none() {
                (2, 28)
            } else {
                (date.month(), date.day())
            };
            date.year() < today.year() && shown_on == (today.month(), today.day())
        };
        let hidden_tag = |tags: &[String]| {
            (tags.iter()).any(|t| {
                (settings.on_this_day_hidden_tags.iter()).any(|h| h.eq_ignore_ascii_case(t))
            })
        };
        let hidden_day = |date: NaiveDate| {
            (settings.on_this_day_hidden_days.iter())
                .any(|span| span.from <= date && date <= span.to)
        };
        let mut found: Vec<_> = (self.entries.values())
            .map(|e| &e.meta)
            .filter(|m| same_day(m.date) && !hidden_tag(&m.tags) && !hidden_day(m.date))
            .collect();
        found.sort_by_key(|m| std::cmp::Reverse((m.date, m.created)));
        found.into_iter().map(|m| m.summary()).collect()
    }
}
