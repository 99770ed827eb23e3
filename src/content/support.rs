//! The support page: what to do in immediate danger, crisis and domestic-abuse lines for the
//! user's country, and a grounding exercise for the moment before sending a message. The lines
//! are data in `prompts/support.json`, each with where and when it was checked. Tend shows
//! them as text; nothing is dialled or opened.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
#[cfg(feature = "ts")]
use ts_rs::TS;

const SUPPORT_JSON: &str = include_str!("../../prompts/support.json");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Passage {
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Grounding {
    pub title: String,
    pub intro: String,
    pub steps: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum LineKind {
    /// Suicide and emotional crisis.
    Crisis,
    /// Domestic abuse.
    Abuse,
}

/// One way to reach a line: "call" 988, "text" START to 88788, "chat" at an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Reach {
    pub how: String,
    pub value: String,
}

/// Whom a line is for, when it is not for everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum Audience {
    Women,
    Men,
    Lgbtq,
    WomenAndLgbtq,
}

impl Audience {
    /// Shown after the line's name, e.g. "(for men)".
    pub fn label(self) -> &'static str {
        match self {
            Audience::Women => "for women",
            Audience::Men => "for men",
            Audience::Lgbtq => "for LGBTQ+ people",
            Audience::WomenAndLgbtq => "for women and LGBTQ+ people",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Line {
    pub kind: LineKind,
    pub name: String,
    /// Whom the line is for; absent means anyone.
    #[serde(rename = "for", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub audience: Option<Audience>,
    pub reach: Vec<Reach>,
    pub hours: String,
    /// Where and when the number was checked.
    pub checked: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Country {
    pub code: String,
    pub name: String,
    pub emergency: String,
    /// Advice for this country only, shown after the immediate-danger text (the UK's "press 55").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub danger_note: Option<String>,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fallback {
    pub name: String,
    pub text: String,
    pub emergency: String,
    #[serde(default)]
    pub lines: Vec<Line>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupportContent {
    pub checked: String,
    pub immediate_danger: Passage,
    pub grounding: Grounding,
    pub countries: Vec<Country>,
    pub fallback: Fallback,
}

/// A country the page can be shown for, for the picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct CountryChoice {
    pub code: String,
    pub name: String,
}

/// The page as shown for one country (or the fallback, for a country not listed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct SupportPage {
    /// The country shown: a listed code, or absent for the fallback.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub country: Option<String>,
    pub country_name: String,
    pub emergency: String,
    pub immediate_danger: Passage,
    /// The shown country's own advice for immediate danger, after the shared text.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub danger_note: Option<String>,
    pub crisis: Vec<Line>,
    pub abuse: Vec<Line>,
    /// What to do where Tend lists no lines (the fallback only).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub elsewhere: Option<String>,
    pub grounding: Grounding,
    pub countries: Vec<CountryChoice>,
    /// When the data as a whole was last checked.
    pub checked: String,
}

pub fn content() -> &'static SupportContent {
    static CONTENT: OnceLock<SupportContent> = OnceLock::new();
    CONTENT.get_or_init(|| serde_json::from_str(SUPPORT_JSON).expect("prompts/support.json parses"))
}

/// The page for `country` (a code such as "GB"; any case). A country Tend does not list gets
/// the fallback: the general emergency number and how to find local lines.
pub fn page(country: Option<&str>) -> SupportPage {
    let content = content();
    let listed = country.and_then(|code| {
        content
            .countries
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(code.trim()))
    });
    let (code, name, emergency, lines, elsewhere) = match listed {
        Some(c) => (Some(c.code.clone()), &c.name, &c.emergency, &c.lines, None),
        None => (
            None,
            &content.fallback.name,
            &content.fallback.emergency,
            &content.fallback.lines,
            Some(content.fallback.text.clone()),
        ),
    };
    let of = |kind| lines.iter().filter(|l| l.kind == kind).cloned().collect();
    SupportPage {
        country: code,
        country_name: name.clone(),
        emergency: emergency.clone(),
        immediate_danger: content.immediate_danger.clone(),
        danger_note: listed.and_then(|c| c.danger_note.clone()),
        crisis: of(LineKind::Crisis),
        abuse: of(LineKind::Abuse),
        elsewhere,
        grounding: content.grounding.clone(),
        countries: content
            .countries
            .iter()
            .map(|c| CountryChoice {
                code: c.code.clone(),
                name: c.name.clone(),
            })
            .collect(),
        checked: content.checked.clone(),
    }
}

/// The country the system's locale names (`LC_ALL`, `LC_MESSAGES`, `LANG`: "en_GB.UTF-8" →
/// "GB"), when there is one.
pub fn country_from_locale() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|value| !value.is_empty())
        .and_then(|value| locale_country(&value))
}

fn locale_country(locale: &str) -> Option<String> {
    let region = locale.split(['.', '@']).next()?.split(['_', '-']).nth(1)?;
    (region.len() == 2 && region.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| region.to_ascii_uppercase())
}

/// The page as a plain text, for `tend support`.
pub fn to_text(page: &SupportPage) -> String {
    let mut out = format!(
        "{}\n{}\n",
        page.immediate_danger.title, page.immediate_danger.text
    );
    if let Some(note) = &page.danger_note {
        out.push_str(&format!("{note}\n"));
    }
    out.push_str(&format!(
        "Emergency number ({}): {}\n",
        page.country_name, page.emergency
    ));
    for (title, lines) in [
        ("Crisis lines", &page.crisis),
        ("Domestic abuse", &page.abuse),
    ] {
        if lines.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title}\n"));
        for line in lines {
            let reach: Vec<String> = line
                .reach
                .iter()
                .map(|r| format!("{} {}", r.how, r.value))
                .collect();
            let whom = line
                .audience
                .map(|a| format!(" ({})", a.label()))
                .unwrap_or_default();
            out.push_str(&format!(
                "  {}{whom}: {} ({})\n",
                line.name,
                reach.join(", "),
                line.hours
            ));
        }
    }
    if let Some(elsewhere) = &page.elsewhere {
        out.push_str(&format!("\n{elsewhere}\n"));
    }
    out.push_str(&format!(
        "\n{}\n{}\n",
        page.grounding.title, page.grounding.intro
    ));
    for (n, step) in page.grounding.steps.iter().enumerate() {
        out.push_str(&format!("  {}. {step}\n", n + 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_country_comes_from_the_locale_when_it_names_one() {
        assert_eq!(locale_country("en_GB.UTF-8").as_deref(), Some("GB"));
        assert_eq!(locale_country("en_ie@euro").as_deref(), Some("IE"));
        assert_eq!(locale_country("C.UTF-8"), None);
        assert_eq!(locale_country("POSIX"), None);
    }
}
