//! Settings changed on two computers merge field by field (issue 25): each save notes when
//! each setting it changed was changed, and of two versions each setting takes the value of
//! the one that changed it later. Two computers merging each other's version agree.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};

use super::Settings;

/// Not settings: the schema is the file's, `changed` is the record itself.
const NOT_MERGED: [&str; 2] = ["schema", "changed"];

fn fields(settings: &Settings) -> Map<String, Value> {
    match serde_json::to_value(settings) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

impl Settings {
    /// These settings, as saved `now` after `before`: each setting that differs from
    /// `before` is noted as changed now; the others keep the time they were last changed.
    pub fn noting_changes(mut self, before: &Settings, now: DateTime<FixedOffset>) -> Settings {
        let (new, old) = (fields(&self), fields(before));
        self.changed = before.changed.clone();
        let keys: BTreeSet<&String> = new.keys().chain(old.keys()).collect();
        for key in keys
            .into_iter()
            .filter(|k| !NOT_MERGED.contains(&k.as_str()))
        {
            if new.get(key) != old.get(key) {
                self.changed.insert(key.clone(), now);
            }
        }
        self
    }

    /// These settings merged with `other` (another computer's version): each setting takes
    /// the value of the version that changed it later. A setting neither says when it was
    /// changed (settings from before this record), or both at the same instant, keeps this
    /// version's value.
    pub fn merged_with(&self, other: &Settings) -> Settings {
        let (mut mine, theirs) = (fields(self), fields(other));
        let mut changed: BTreeMap<String, DateTime<FixedOffset>> = self.changed.clone();
        let keys: BTreeSet<String> = mine.keys().chain(theirs.keys()).cloned().collect();
        for key in keys
            .into_iter()
            .filter(|k| !NOT_MERGED.contains(&k.as_str()))
        {
            let (ours, later) = (self.changed.get(&key), other.changed.get(&key));
            if later <= ours {
                continue;
            }
            match theirs.get(&key) {
                Some(value) => mine.insert(key.clone(), value.clone()),
                None => mine.remove(&key),
            };
            if let Some(when) = later {
                changed.insert(key, *when);
            }
        }
        mine.remove("changed");
        match serde_json::from_value::<Settings>(Value::Object(mine)) {
            Ok(merged) => Settings { changed, ..merged },
            // Two valid settings make valid settings; were they not to, nothing is lost.
            Err(_) => self.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hour: u32) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2026-12-06T{hour:02}:00:00+01:00")).unwrap()
    }

    #[test]
    fn each_setting_takes_the_later_change_and_both_computers_agree() {
        let base = Settings::default();
        let laptop = Settings {
            partner: "Sam".into(),
            ..base.clone()
        }
        .noting_changes(&base, at(9));
        let laptop = Settings {
            lock_minutes: 10,
            ..laptop.clone()
        }
        .noting_changes(&laptop, at(11));
        let desktop = Settings {
            partner: "Alex".into(),
            theme: super::super::Appearance::Dark,
            lock_minutes: 15,
            ..base.clone()
        }
        .noting_changes(&base, at(10));

        let here = laptop.merged_with(&desktop);
        let there = desktop.merged_with(&laptop);

        assert_eq!(here.partner, "Alex", "changed later on the desktop");
        assert_eq!(
            here.theme,
            super::super::Appearance::Dark,
            "changed only there"
        );
        assert_eq!(here.lock_minutes, 10, "changed later on the laptop");
        assert_eq!(here, there, "the two computers agree");
        assert_eq!(
            here.merged_with(&laptop),
            here,
            "a further round changes nothing"
        );
    }

    #[test]
    fn settings_from_before_the_record_keep_this_computers_values() {
        let old = Settings {
            partner: "Sam".into(),
            ..Settings::default()
        };
        let mine = Settings::default();
        assert_eq!(mine.merged_with(&old).partner, mine.partner);
        let noted = Settings {
            country: Some("GB".into()),
            ..mine.clone()
        }
        .noting_changes(&mine, at(8));
        let back = Settings {
            country: None,
            ..noted.clone()
        }
        .noting_changes(&noted, at(9));
        assert_eq!(
            noted.merged_with(&back).country,
            None,
            "a setting cleared later"
        );
    }
}
