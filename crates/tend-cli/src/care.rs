//! `tend settings`, `tend tone`, `tend support`: how Tend speaks of the partner, the tone
//! check, and the support page.

use std::io::{self, Read};

use clap::Args;
use tend::{Pronouns, Stance};

use crate::Journal;

#[derive(Args)]
pub struct SettingsArgs {
    /// How Tend names the partner: a name, or a phrase such as "my partner".
    #[arg(long)]
    partner: Option<String>,
    /// The partner's pronouns.
    #[arg(long, value_parser = ["she", "he", "they"])]
    pronouns: Option<String>,
    /// The country whose helplines the support page shows, such as GB or US.
    #[arg(long)]
    country: Option<String>,
    /// Where you stand.
    #[arg(long, value_parser = ["reconcile", "unsure", "moving-on"])]
    stance: Option<String>,
    /// How many automatic backups to keep (at least 1).
    #[arg(long, value_name = "N")]
    backups_kept: Option<u32>,
}

pub fn settings(journal: &Journal, args: SettingsArgs) -> tend::Result<()> {
    let changes = args.partner.is_some()
        || args.pronouns.is_some()
        || args.country.is_some()
        || args.stance.is_some()
        || args.backups_kept.is_some();
    let settings = if changes {
        let mut store = journal.write()?;
        let mut settings = store.settings().clone();
        if let Some(partner) = args.partner {
            settings.partner = partner;
        }
        if let Some(pronouns) = args.pronouns.as_deref().and_then(Pronouns::parse) {
            settings.pronouns = pronouns;
        }
        if let Some(country) = args.country {
            settings.country = Some(country);
        }
        if let Some(stance) = args.stance.as_deref().and_then(Stance::parse) {
            settings.stance = Some(stance);
        }
        if let Some(kept) = args.backups_kept {
            settings.backups_kept = kept;
        }
        store.save_settings(settings)?
    } else {
        journal.read()?.settings().clone()
    };
    print!("{}", settings_text(&settings));
    Ok(())
}

/// Every setting, one a line: the ones people change by name, then any other the settings
/// file holds (so that a setting added later is printed too, under its own name).
fn settings_text(settings: &tend::Settings) -> String {
    let on = |b: bool| if b { "on" } else { "off" };
    let mut lines = vec![
        ("partner", settings.partner.clone()),
        ("pronouns", settings.pronouns.name().to_string()),
        (
            "stance",
            settings
                .stance
                .map_or("not chosen yet", Stance::name)
                .to_string(),
        ),
        (
            "country",
            settings
                .country
                .clone()
                .or_else(tend::support::country_from_locale)
                .unwrap_or_else(|| "not set".into()),
        ),
        ("low-mood card", on(settings.low_mood_card).to_string()),
        ("backups kept", settings.backups_kept.to_string()),
        (
            "theme",
            json_text(serde_json::to_value(settings.theme).unwrap_or_default()),
        ),
        (
            "text size",
            json_text(serde_json::to_value(settings.text_size).unwrap_or_default()),
        ),
        (
            "first day of the week",
            json_text(serde_json::to_value(settings.week_starts).unwrap_or_default()),
        ),
        (
            "reminder",
            if settings.reminder {
                format!("on, at {}", settings.reminder_at)
            } else {
                format!("off (its time: {})", settings.reminder_at)
            },
        ),
        ("start at login", on(settings.start_at_login).to_string()),
        ("on this day", on(settings.on_this_day).to_string()),
        (
            "on this day hides tags",
            list_or_none(settings.on_this_day_hidden_tags.iter().cloned()),
        ),
        (
            "on this day hides days",
            list_or_none(settings.on_this_day_hidden_days.iter().map(|d| {
                if d.from == d.to {
                    d.from.to_string()
                } else {
                    format!("{} to {}", d.from, d.to)
                }
            })),
        ),
        ("lock after minutes", settings.lock_minutes.to_string()),
        (
            "pinned habits",
            list_or_none(settings.pinned_habits.iter().map(|p| p.words.clone())),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect::<Vec<_>>();
    const SHOWN: [&str; 19] = [
        "schema",
        "partner",
        "pronouns",
        "stance",
        "country",
        "lowMoodCard",
        "backupsKept",
        "theme",
        "textSize",
        "weekStarts",
        "reminder",
        "reminderAt",
        "startAtLogin",
        "onThisDay",
        "onThisDayHiddenTags",
        "onThisDayHiddenDays",
        "lockMinutes",
        "pinnedHabits",
        // A date Tend keeps for itself (the low-mood card put away today), not a choice.
        "careCardDismissed",
    ];
    if let Ok(serde_json::Value::Object(all)) = serde_json::to_value(settings) {
        for (key, value) in all {
            if !SHOWN.contains(&key.as_str()) {
                let value = match value {
                    serde_json::Value::Bool(b) => on(b).to_string(),
                    other => json_text(other),
                };
                lines.push((spaced(&key), value));
            }
        }
    }
    lines
        .into_iter()
        .map(|(k, v)| format!("{k}: {v}\n"))
        .collect()
}

/// A value as its settings file writes it: "dark", "monday".
fn json_text(value: serde_json::Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), String::from)
}

/// "careReadsWriting" → "care reads writing".
fn spaced(key: &str) -> String {
    let mut out = String::new();
    for c in key.chars() {
        if c.is_uppercase() {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn list_or_none(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

pub fn tone(journal: &Journal, json: bool) -> tend::Result<()> {
    let mut draft = String::new();
    io::stdin()
        .take(tend::tone::MAX_DRAFT_CHARS as u64 * 4 + 1)
        .read_to_string(&mut draft)
        .map_err(|e| tend::Error::invalid(format!("standard input: {e}")))?;
    let check = journal.read()?.check_tone(&draft)?;
    if json {
        let found: Vec<serde_json::Value> = check
            .found
            .iter()
            .map(|f| serde_json::json!({"id": f.id, "kind": f.kind, "phrase": f.phrase}))
            .collect();
        println!(
            "{}",
            serde_json::json!({"verdict": check.verdict, "found": found})
        );
        return Ok(());
    }
    match check.verdict {
        tend::tone::Verdict::Clear => println!("No pressure patterns found."),
        tend::tone::Verdict::Support => {
            println!("These words sound heavy. You deserve support with them right now.");
            println!("`tend support` lists people you can talk to, at any hour.");
        }
        tend::tone::Verdict::Pressure => {
            println!("Before you send this, a gentle look:");
            for f in &check.found {
                println!("- {} (“{}”): {}", f.title, f.phrase, f.why);
            }
            println!("\nCalmer ways to begin:");
            for o in &check.openings {
                println!("- {}", o.text);
            }
        }
    }
    Ok(())
}

/// The support page for `country` (default: the one in settings, else the system's).
pub fn support(journal: &Journal, country: Option<&str>) -> tend::Result<()> {
    print!(
        "{}",
        tend::support::to_text(&journal.read()?.support_page(country))
    );
    Ok(())
}
