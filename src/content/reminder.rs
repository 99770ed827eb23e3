//! The daily reminder: when it is due, and what it says. The desktop shell looks every few
//! seconds and shows the notification; everything that decides lives here, without a clock of
//! its own, so that it can be tested at any hour.
//!
//! The reminder comes when its time of day passes while Tend runs (or while the computer
//! sleeps, and Tend sees the time has passed on waking, the same day). It does not come for a
//! day already over, twice in a day, or on a day that already has writing: a reminder is an
//! invitation, not a debt.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// What the notification says. Someone else may see it on the screen, so it says nothing of
/// what the journal is for or holds: only an invitation, in the app's name.
pub const TITLE: &str = "Tend";
pub const BODY: &str = "A few minutes for yourself, whenever you are ready.";

pub use crate::settings::parse_time;

/// Watches the clock for one reminder a day.
#[derive(Debug, Clone)]
pub struct ReminderClock {
    /// When the clock was last looked at: a reminder time after it and up to now has passed.
    last_look: NaiveDateTime,
    /// The day a reminder was last given (or found not needed).
    settled: Option<NaiveDate>,
    /// A day whose reminder was due but could not yet be decided.
    pending: Option<NaiveDate>,
}

impl ReminderClock {
    /// A clock that starts watching at `now`: a time already past today does not count, so
    /// starting Tend in the evening never brings the morning's reminder.
    pub fn new(now: NaiveDateTime) -> ReminderClock {
        ReminderClock {
            last_look: now,
            settled: None,
            pending: None,
        }
    }

    /// The day whose reminder is due at `now`, with the reminder set for `at` (`None`: off):
    /// `at` passed since the last look, today, and today is not yet settled. The caller
    /// settles it with [`ReminderClock::settle`] once it has looked at the day's writing.
    /// A clock put back (a time zone change) only moves the last look.
    pub fn due(&mut self, now: NaiveDateTime, at: Option<NaiveTime>) -> Option<NaiveDate> {
        let since = std::mem::replace(&mut self.last_look, now);
        let at = at?;
        let today = now.date();
        let moment = today.and_time(at);
        let passed = since < moment && moment <= now || self.pending == Some(today);
        (passed && self.settled != Some(today)).then_some(today)
    }

    /// The reminder of `day` is dealt with: shown, or not needed because she wrote.
    pub fn settle(&mut self, day: NaiveDate) {
        self.settled = Some(day);
    }

    /// A reminder found due but not yet decided (the journal was busy): looked at again at the
    /// next look, as long as it is still the same day.
    pub fn retry(&mut self, day: NaiveDate) {
        self.pending = Some(day);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, h: u32, m: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, day)
            .unwrap()
            .and_hms_opt(h, m, s)
            .unwrap()
    }

    fn time(text: &str) -> Option<NaiveTime> {
        parse_time(text)
    }

    #[test]
    fn the_time_is_read_as_hours_and_minutes() {
        assert_eq!(time("20:30"), NaiveTime::from_hms_opt(20, 30, 0));
        assert_eq!(time("7:05"), NaiveTime::from_hms_opt(7, 5, 0));
        for bad in [
            "", "20", "24:00", "20:60", "20:5", "ab:cd", "20:30:00", "-1:00",
        ] {
            assert_eq!(time(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_reminder_comes_once_when_its_time_passes() {
        let mut clock = ReminderClock::new(at(6, 20, 28, 0));
        assert_eq!(clock.due(at(6, 20, 29, 55), time("20:30")), None);
        assert_eq!(
            clock.due(at(6, 20, 30, 4), time("20:30")),
            Some(at(6, 0, 0, 0).date())
        );
        clock.settle(at(6, 0, 0, 0).date());
        assert_eq!(clock.due(at(6, 20, 30, 9), time("20:30")), None);
        // The next day, at the same time, it comes again.
        assert_eq!(clock.due(at(7, 20, 29, 0), time("20:30")), None);
        assert_eq!(
            clock.due(at(7, 20, 31, 0), time("20:30")),
            Some(at(7, 0, 0, 0).date())
        );
    }

    #[test]
    fn no_reminder_when_off_or_for_a_time_already_past_at_start() {
        let mut clock = ReminderClock::new(at(6, 21, 0, 0));
        assert_eq!(
            clock.due(at(6, 21, 0, 5), time("20:30")),
            None,
            "passed before Tend ran"
        );
        let mut clock = ReminderClock::new(at(6, 20, 0, 0));
        assert_eq!(clock.due(at(6, 20, 31, 0), None), None, "off");
        // Turned on after its time passed while it was off: not today.
        assert_eq!(clock.due(at(6, 20, 32, 0), time("20:30")), None);
    }

    #[test]
    fn a_computer_waking_the_same_day_reminds_but_not_the_next_morning() {
        let mut clock = ReminderClock::new(at(6, 19, 0, 0));
        // Asleep from 19:00 to 22:00: the time passed meanwhile, and it is still the day.
        assert_eq!(
            clock.due(at(6, 22, 0, 0), time("20:30")),
            Some(at(6, 0, 0, 0).date())
        );
        let mut clock = ReminderClock::new(at(6, 19, 0, 0));
        // Asleep until the next morning: yesterday's reminder is not brought up now.
        assert_eq!(clock.due(at(7, 8, 0, 0), time("20:30")), None);
    }

    #[test]
    fn a_day_settled_without_a_reminder_stays_quiet() {
        let mut clock = ReminderClock::new(at(6, 20, 0, 0));
        let day = clock.due(at(6, 20, 31, 0), time("20:30")).unwrap();
        clock.settle(day); // she had written: nothing shown, nothing later
        assert_eq!(
            clock.due(at(6, 23, 0, 0), time("22:00")),
            None,
            "time moved later"
        );
    }

    #[test]
    fn a_busy_journal_is_asked_again_the_same_day() {
        let mut clock = ReminderClock::new(at(6, 20, 0, 0));
        let day = clock.due(at(6, 20, 31, 0), time("20:30")).unwrap();
        clock.retry(day);
        assert_eq!(clock.due(at(6, 20, 31, 5), time("20:30")), Some(day));
        clock.retry(day);
        // Still undecided at midnight: the day is over, and so is its reminder.
        assert_eq!(clock.due(at(7, 0, 0, 5), time("20:30")), None);
    }
}
