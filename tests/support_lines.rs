//! The support page's helplines: enough countries, each with an emergency number and a crisis
//! line, every line saying where and when it was checked, lines for men and LGBTQ+ people beside
//! lines for women, and the UK's "press 55" shown for the UK only.

use tend::support::{self, Audience, Line};

fn listed() -> Vec<String> {
    support::page(None)
        .countries
        .into_iter()
        .map(|c| c.code)
        .collect()
}

fn lines(code: &str) -> Vec<Line> {
    let page = support::page(Some(code));
    page.crisis.into_iter().chain(page.abuse).collect()
}

/// Countries whose women's line has no national line for men beside it, because none was
/// confirmed on a stored page (2026-12-06). Their crisis lines are for anyone.
const NO_CONFIRMED_LINE_FOR_MEN: [&str; 6] = ["IN", "ES", "CO", "AT", "BR", "IT"];

/// Countries where a line for LGBTQ+ people was confirmed and must stay listed.
const WITH_AN_LGBTQ_LINE: [&str; 4] = ["GB", "AU", "ES", "AR"];

#[test]
fn at_least_twenty_countries_are_listed() {
    let codes = listed();
    assert!(
        codes.len() >= 20,
        "the support page should cover at least 20 countries, found {}: {codes:?}",
        codes.len()
    );
    for code in &codes {
        assert!(
            code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()),
            "{code} should be an ISO 3166 alpha-2 code"
        );
    }
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), codes.len(), "no country is listed twice");
}

#[test]
fn every_country_has_an_emergency_number_and_a_crisis_line() {
    for code in listed() {
        let page = support::page(Some(&code));
        assert_eq!(
            page.country.as_deref(),
            Some(code.as_str()),
            "{code} is listed"
        );
        assert!(
            page.emergency.chars().any(|c| c.is_ascii_digit()),
            "{code}: the emergency number should be a number, got {:?}",
            page.emergency
        );
        assert!(
            !page.crisis.is_empty(),
            "{code}: someone on their worst night needs at least one crisis line"
        );
    }
}

#[test]
fn every_line_says_how_when_and_where_it_was_checked() {
    for code in listed() {
        for line in lines(&code) {
            let who = format!("{code}: {}", line.name);
            assert!(!line.name.trim().is_empty(), "{who}: a name");
            assert!(!line.hours.trim().is_empty(), "{who}: the hours");
            assert!(
                !line.reach.is_empty(),
                "{who}: at least one way to reach it"
            );
            for reach in &line.reach {
                assert!(
                    ["call", "text", "chat"].contains(&reach.how.as_str()),
                    "{who}: reach is call, text or chat, got {:?}",
                    reach.how
                );
                assert!(!reach.value.trim().is_empty(), "{who}: a number or address");
            }
            let checked = &line.checked;
            assert!(
                has_a_date(checked),
                "{who}: `checked` should give the date it was checked (YYYY-MM-DD): {checked:?}"
            );
            assert!(
                names_an_address(checked),
                "{who}: `checked` should name the stored page it was checked against: {checked:?}"
            );
        }
    }
}

fn has_a_date(text: &str) -> bool {
    text.as_bytes().windows(10).any(|w| {
        w.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
    })
}

fn names_an_address(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || "(),;".contains(c))
        .any(|word| {
            let word = word.trim_end_matches(['.', ':']);
            [
                ".org", ".com", ".gov", ".ie", ".uk", ".au", ".nz", ".ca", ".es", ".de", ".at",
                ".ch",
            ]
            .iter()
            .chain(&[
                ".br", ".pt", ".za", ".nl", ".it", ".be", ".mx", ".ar", ".co", ".in", ".fr",
            ])
            .chain(&[".wiki", ".info", ".net", ".eu", ".cat", ".guide", ".biz"])
            .any(|tld| word.contains(&format!("{tld}/")) || word.ends_with(tld))
        })
}

#[test]
fn press_55_is_shown_for_the_uk_only() {
    let shared = &support::page(None).immediate_danger.text;
    assert!(
        !shared.contains("55"),
        "the shared immediate-danger text is for every country and must not give the UK's 55 advice: {shared:?}"
    );
    let gb = support::page(Some("GB"));
    let note = gb.danger_note.as_deref().unwrap_or_default();
    assert!(
        note.contains("55") && note.contains("999"),
        "the UK page should tell a caller who cannot speak to press 55 after 999: {note:?}"
    );
    for code in listed().iter().filter(|c| *c != "GB") {
        let note = support::page(Some(code)).danger_note;
        assert!(
            note.as_deref().is_none_or(|n| !n.contains("55")),
            "{code} should not show the UK's press-55 advice: {note:?}"
        );
    }
    assert_eq!(
        support::page(Some("ZZ")).danger_note,
        None,
        "the fallback page has no country's note"
    );
    let text = support::to_text(&gb);
    assert!(
        text.contains("press 55"),
        "`tend support` shows the UK note too"
    );
}

#[test]
fn ireland_has_pieta_and_new_zealand_has_lifeline_aotearoa() {
    for (code, name) in [("IE", "Pieta"), ("NZ", "Lifeline Aotearoa")] {
        let crisis = support::page(Some(code)).crisis;
        assert!(
            crisis.iter().any(|l| l.name.contains(name)),
            "{code} should list {name} as a crisis line: {:?}",
            crisis.iter().map(|l| &l.name).collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_country_with_a_line_for_women_also_has_lines_for_men_and_lgbtq_people_where_one_exists() {
    for code in listed() {
        let page = support::page(Some(&code));
        let abuse = &page.abuse;
        if !abuse.iter().any(|l| l.audience == Some(Audience::Women)) {
            continue;
        }
        let for_men = abuse
            .iter()
            .any(|l| matches!(l.audience, None | Some(Audience::Men)));
        if NO_CONFIRMED_LINE_FOR_MEN.contains(&code.as_str()) {
            assert!(
                page.crisis.iter().all(|l| l.audience.is_none()),
                "{code}: with no confirmed line for men, its crisis lines should be for anyone"
            );
        } else {
            assert!(
                for_men,
                "{code} lists a women's abuse line, so it should also list one a man can call \
                 (for men, or for anyone), or be named in NO_CONFIRMED_LINE_FOR_MEN"
            );
        }
    }
    for code in WITH_AN_LGBTQ_LINE {
        assert!(
            lines(code)
                .iter()
                .any(|l| matches!(l.audience, Some(Audience::Lgbtq | Audience::WomenAndLgbtq))),
            "{code} had a confirmed line for LGBTQ+ people; it should stay listed"
        );
    }
}

#[test]
fn the_for_whom_label_is_shown_after_the_name() {
    let text = support::to_text(&support::page(Some("GB")));
    assert!(
        text.contains("Men's Advice Line (for men)"),
        "the text page says whom a line is for: {text}"
    );
    assert!(text.contains("(for LGBTQ+ people)"), "{text}");
}

#[test]
fn the_fallback_names_a_directory_and_a_service_for_anyone() {
    let page = support::page(Some("ZZ"));
    assert_eq!(page.country, None, "an unlisted code gets the fallback");
    let text = page.elsewhere.unwrap_or_default();
    assert!(
        text.contains("findahelpline.com") || text.contains("befrienders.org"),
        "the fallback should name a directory of helplines: {text:?}"
    );
    assert!(
        !text.to_lowercase().contains("women's shelter"),
        "the fallback should not point only to women's shelters: {text:?}"
    );
    assert!(
        text.contains("domestic-abuse service") && text.contains("every gender"),
        "the fallback should name a domestic-abuse service for anyone, of any gender: {text:?}"
    );
}
