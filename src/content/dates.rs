//! How exports (and the app's side-by-side versions) write a day: in the system locale's words
//! and order, as the app's page does with `Intl` (issue 27, D16). "en_GB.UTF-8" gives "Sunday,
//! 6 December 2026", "en_US.UTF-8" "Sunday, December 6, 2026", "de_DE.UTF-8" "Sonntag,
//! 6. Dezember 2026". Month and day names come from glibc's locale data compiled into chrono
//! (pure-rust-locales); the order is ours, a few lines below, because that data has no long
//! date. A locale it does not know, `C` or none writes as the page's WebKit does then (US order).
//! Languages whose month names change with the day (Polish, Russian…) get the plain names:
//! readable, if not how a careful writer would put it.

use chrono::{Locale, NaiveDate};

/// The locale a day is written in, and the pattern for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateStyle {
    locale: Locale,
    pattern: &'static str,
}

impl Default for DateStyle {
    fn default() -> Self {
        DateStyle {
            locale: Locale::en_US,
            pattern: "%A, %B %-d, %Y",
        }
    }
}

impl DateStyle {
    /// The system's: `LC_ALL`, then `LC_TIME`, then `LANG`, as the C library reads them.
    pub fn from_env() -> DateStyle {
        ["LC_ALL", "LC_TIME", "LANG"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find(|value| !value.is_empty())
            .map_or_else(DateStyle::default, |value| DateStyle::of(&value))
    }

    /// A locale as the system names it ("de_DE.UTF-8", "en_US", "pt_BR@euro") or as a page
    /// does ("en-US").
    pub fn of(name: &str) -> DateStyle {
        let base = name
            .split(['.', '@'])
            .next()
            .unwrap_or("")
            .replace('-', "_");
        let known = Locale::try_from(base.as_str()).ok();
        let Some(locale) = known.filter(|_| !matches!(base.as_str(), "C" | "POSIX")) else {
            return DateStyle::default();
        };
        let (language, region) = base.split_once('_').unwrap_or((&base, ""));
        let pattern = match (language, region) {
            // Where the month comes before the day.
            ("en", "US" | "PH" | "CA" | "AS" | "GU" | "MP" | "PR" | "UM" | "VI") => {
                "%A, %B %-d, %Y"
            }
            // As the page's ICU writes it ("Friday, 20 November 2026"), so both agree.
            ("en", _) => "%A, %-d %B %Y",
            ("de", _) => "%A, %-d. %B %Y",
            ("da" | "nb" | "nn" | "no" | "cs" | "sk" | "sl" | "hr" | "fi", _) => "%A %-d. %B %Y",
            ("es" | "pt" | "ca" | "gl", _) => "%A, %-d de %B de %Y",
            ("zh" | "ja", _) => "%Y年%-m月%-d日 %A",
            ("ko", _) => "%Y년 %-m월 %-d일 %A",
            ("hu", _) => "%Y. %B %-d., %A",
            _ => "%A %-d %B %Y",
        };
        DateStyle { locale, pattern }
    }

    /// A day in full: weekday, day, month and year.
    pub fn long(&self, date: NaiveDate) -> String {
        date.format_localized(self.pattern, self.locale).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
    }

    #[test]
    fn a_day_is_written_in_the_systems_words_and_order() {
        for (locale, written) in [
            ("en_GB.UTF-8", "Sunday, 6 December 2026"),
            ("en_US.UTF-8", "Sunday, December 6, 2026"),
            ("en-US", "Sunday, December 6, 2026"),
            ("de_DE.UTF-8", "Sonntag, 6. Dezember 2026"),
            ("fr_FR.UTF-8", "dimanche 6 décembre 2026"),
            ("es_ES.UTF-8", "domingo, 6 de diciembre de 2026"),
            ("ja_JP.UTF-8", "2026年12月6日 日曜日"),
        ] {
            assert_eq!(DateStyle::of(locale).long(day()), written, "{locale}");
        }
    }

    #[test]
    fn no_locale_or_one_it_does_not_know_writes_as_the_page_does() {
        for locale in ["C.UTF-8", "POSIX", "", "xx_YY", "C"] {
            assert_eq!(
                DateStyle::of(locale).long(day()),
                "Sunday, December 6, 2026",
                "{locale:?}"
            );
        }
    }
}
