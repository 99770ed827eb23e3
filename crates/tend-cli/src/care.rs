//! `tend settings`, `tend tone`: how Tend speaks of the partner, and the tone check.

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
    println!("partner: {}", settings.partner);
    println!("pronouns: {}", settings.pronouns.name());
    println!(
        "stance: {}",
        settings.stance.map_or("not chosen yet", Stance::name)
    );
    println!(
        "country: {}",
        settings
            .country
            .or_else(tend::support::country_from_locale)
            .unwrap_or_else(|| "not set".into())
    );
    println!(
        "low-mood card: {}",
        if settings.low_mood_card { "on" } else { "off" }
    );
    println!("backups kept: {}", settings.backups_kept);
    Ok(())
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
