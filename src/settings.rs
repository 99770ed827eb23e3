//! The user's settings: how prompts refer to the partner.

use serde::{Deserialize, Serialize};
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::error::{Error, Result};

pub const SETTINGS_SCHEMA: u32 = 1;
const MAX_PARTNER_CHARS: usize = 40;
const MAX_PINNED: usize = 12;
const MAX_HABIT_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub schema: u32,
    /// What `{partner}` becomes in prompts: a name ("Sam") or a phrase ("my husband").
    pub partner: String,
    /// Habits from the Grand Vision shown on Today as a daily checklist.
    #[serde(default)]
    pub pinned_habits: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            schema: SETTINGS_SCHEMA,
            partner: "my partner".into(),
            pinned_habits: Vec::new(),
        }
    }
}

impl Settings {
    pub fn validated(mut self) -> Result<Settings> {
        let partner = self
            .partner
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if partner.is_empty() {
            return Err(Error::invalid(
                "partner: say how prompts should refer to your partner (a name, or \"my partner\")",
            ));
        }
        if partner.chars().count() > MAX_PARTNER_CHARS {
            return Err(Error::invalid(format!(
                "partner: keep it under {MAX_PARTNER_CHARS} characters"
            )));
        }
        if partner.contains(['{', '}']) {
            return Err(Error::invalid("partner: braces { } cannot be used"));
        }
        self.partner = partner;
        self.pinned_habits.retain(|h| !h.trim().is_empty());
        if self.pinned_habits.len() > MAX_PINNED {
            return Err(Error::invalid(format!(
                "pinned habits: at most {MAX_PINNED}; unpin one first"
            )));
        }
        if self
            .pinned_habits
            .iter()
            .any(|h| h.chars().count() > MAX_HABIT_CHARS)
        {
            return Err(Error::invalid(format!(
                "pinned habits: keep each under {MAX_HABIT_CHARS} characters"
            )));
        }
        self.schema = SETTINGS_SCHEMA;
        Ok(self)
    }
}
