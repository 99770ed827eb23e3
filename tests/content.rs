//! The prompts are content, compiled in: every one must parse, be sourced, and fill in right.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};
use tend::prompts::{self, ARTICLES, PLACEHOLDERS};
use tend::{Pronouns, Voice};

#[test]
fn every_prompt_has_a_unique_id_a_known_theme_and_a_real_source() {
    let catalog = prompts::catalog();
    let themes: HashSet<_> = catalog.themes.iter().map(|t| t.id.as_str()).collect();
    let mut ids = HashSet::new();
    for p in &catalog.prompts {
        assert!(ids.insert(&p.id), "prompt id {} is used twice", p.id);
        assert!(
            themes.contains(p.theme.as_str()),
            "{}: unknown theme {}",
            p.id,
            p.theme
        );
        assert!(
            ARTICLES.iter().any(|(file, _)| *file == p.source),
            "{}: source {} is not one of the five articles",
            p.id,
            p.source
        );
        assert!(!p.text.trim().is_empty(), "{}: empty text", p.id);
    }
}

#[test]
fn there_are_sixty_prompts_at_least_five_from_each_article() {
    let catalog = prompts::catalog();
    assert!(
        catalog.prompts.len() >= 60,
        "{} prompts",
        catalog.prompts.len()
    );
    let mut per_source: HashMap<&str, usize> = HashMap::new();
    for p in &catalog.prompts {
        *per_source.entry(p.source.as_str()).or_default() += 1;
    }
    for (file, _) in ARTICLES {
        let n = per_source.get(file).copied().unwrap_or(0);
        assert!(n >= 5, "{file} sources only {n} prompts");
    }
}

#[test]
fn every_placeholder_is_known() {
    for p in &prompts::catalog().prompts {
        let mut rest = p.text.as_str();
        while let Some(open) = rest.find('{') {
            let close = rest[open..]
                .find('}')
                .unwrap_or_else(|| panic!("{}: an unclosed brace", p.id));
            let placeholder = &rest[open..open + close + 1];
            assert!(
                PLACEHOLDERS.contains(&placeholder),
                "{}: unknown {placeholder}",
                p.id
            );
            rest = &rest[open + close + 1..];
        }
        assert!(
            !p.text.contains('}') || p.text.contains('{'),
            "{}: stray brace",
            p.id
        );
        let shown = Voice::new("Sam", Pronouns::He).render(&p.text);
        assert!(
            !shown.contains('{'),
            "{}: not every placeholder was filled",
            p.id
        );
    }
}

#[test]
fn the_prompt_of_the_day_is_a_pure_function_of_the_date() {
    let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let a = prompts::for_date(date, None, 0, None).unwrap();
    let b = prompts::for_date(date, None, 0, None).unwrap();
    assert_eq!(a.id, b.id, "the same date always gives the same prompt");
    let next_day = prompts::for_date(date + Duration::days(1), None, 0, None).unwrap();
    assert_ne!(a.id, next_day.id, "consecutive days differ");
}

#[test]
fn another_prompt_is_a_different_one_each_time() {
    let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let seen: HashSet<_> = (0..10)
        .map(|offset| {
            prompts::for_date(date, None, offset, None)
                .unwrap()
                .id
                .clone()
        })
        .collect();
    assert_eq!(seen.len(), 10, "ten asks give ten different prompts");
}

#[test]
fn no_prompt_repeats_within_one_run_through_the_catalogue() {
    // Once she has said she feels safe, the prompts that coach contact are drawn too: every
    // prompt of the catalogue, once per cycle.
    let n = prompts::catalog().prompts.len();
    // Start at a cycle boundary so one window covers exactly one shuffled cycle.
    let start = NaiveDate::from_num_days_from_ce_opt(n as i32 * 10).unwrap();
    let ids: HashSet<_> = (0..n)
        .map(|d| {
            prompts::for_reader(start + Duration::days(d as i64), None, 0, None, true)
                .unwrap()
                .id
                .clone()
        })
        .collect();
    assert_eq!(ids.len(), n, "every prompt once per {n} days");
}

#[test]
fn a_theme_filter_keeps_to_its_theme_and_an_unknown_theme_is_an_error() {
    let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    for theme in &prompts::catalog().themes {
        let p = prompts::for_date(date, Some(&theme.id), 3, None).unwrap();
        assert_eq!(p.theme, theme.id);
    }
    assert!(prompts::for_date(date, Some("nonsense"), 0, None).is_err());
}
