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

    /// These settings merged with `other` (another computer's version): each setting that
    /// differs takes the value of the version that changed it later (a list as a whole: the
    /// days hidden from "On this day" are the ones last chosen). A setting neither says when
    /// it was changed (written before this
    /// record), or both at the same instant, takes `other`'s value when `prefer_other` says so
    /// of its name, else keeps this one's, and is named in [`Merge::undecided`].
    pub fn merged_with(&self, other: &Settings, prefer_other: impl Fn(&str) -> bool) -> Merge {
        let (mut mine, theirs) = (fields(self), fields(other));
        let mut changed: BTreeMap<String, DateTime<FixedOffset>> = self.changed.clone();
        let mut undecided = Vec::new();
        let keys: BTreeSet<String> = mine.keys().chain(theirs.keys()).cloned().collect();
        for key in keys
            .into_iter()
            .filter(|k| !NOT_MERGED.contains(&k.as_str()))
        {
            let (ours, later) = (self.changed.get(&key), other.changed.get(&key));
            if let Some(when) = ours.max(later) {
                changed.insert(key.clone(), *when);
            }
            if mine.get(&key) == theirs.get(&key) {
                continue;
            }
            let take_theirs = match (ours, later) {
                (a, b) if a == b => {
                    undecided.push(key.clone());
                    prefer_other(&key)
                }
                (a, b) => b > a,
            };
            if take_theirs {
                match theirs.get(&key) {
                    Some(value) => mine.insert(key.clone(), value.clone()),
                    None => mine.remove(&key),
                };
            }
        }
        mine.remove("changed");
        let settings = serde_json::from_value::<Settings>(Value::Object(mine))
            .ok()
            .map(|merged| Settings { changed, ..merged });
        Merge {
            settings,
            undecided,
        }
    }
}

/// Two versions of the settings merged.
pub struct Merge {
    /// The merged settings; `None` if they do not read as settings (two valid versions make
    /// valid ones: not expected).
    pub settings: Option<Settings>,
    /// The settings that differed and that no record of their change decided.
    pub undecided: Vec<String>,
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

        let here = laptop.merged_with(&desktop, |_| false).settings.unwrap();
        let there = desktop.merged_with(&laptop, |_| false).settings.unwrap();

        assert_eq!(here.partner, "Alex", "changed later on the desktop");
        assert_eq!(
            here.theme,
            super::super::Appearance::Dark,
            "changed only there"
        );
        assert_eq!(here.lock_minutes, 10, "changed later on the laptop");
        assert_eq!(here, there, "the two computers agree");
        let again = here.merged_with(&laptop, |_| false);
        assert_eq!(
            again.settings.unwrap(),
            here,
            "a further round changes nothing"
        );
        assert!(again.undecided.is_empty());
    }

    #[test]
    fn settings_from_before_the_record_are_undecided_and_go_the_way_asked() {
        let old = Settings {
            partner: "Sam".into(),
            ..Settings::default()
        };
        let mine = Settings::default();
        let kept = mine.merged_with(&old, |_| false);
        assert_eq!(kept.settings.unwrap().partner, mine.partner);
        assert_eq!(kept.undecided, ["partner"]);
        let taken = mine.merged_with(&old, |_| true);
        assert_eq!(taken.settings.unwrap().partner, "Sam");
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
        let merged = noted.merged_with(&back, |_| false);
        assert_eq!(
            merged.settings.unwrap().country,
            None,
            "a setting cleared later"
        );
        assert!(merged.undecided.is_empty());
    }

    #[test]
    fn days_hidden_are_the_ones_last_chosen_and_an_unhiding_stays() {
        let base = Settings::default();
        let hidden = Settings {
            on_this_day_hidden_tags: vec!["anniversary".into(), "court".into()],
            ..base.clone()
        }
        .noting_changes(&base, at(8));
        // The laptop shows "court" again; the desktop, holding the older list, changes the
        // theme only.
        let laptop = Settings {
            on_this_day_hidden_tags: vec!["anniversary".into()],
            ..hidden.clone()
        }
        .noting_changes(&hidden, at(9));
        let desktop = Settings {
            theme: super::super::Appearance::Dark,
            ..hidden.clone()
        }
        .noting_changes(&hidden, at(10));
        for merged in [
            laptop.merged_with(&desktop, |_| false).settings.unwrap(),
            desktop.merged_with(&laptop, |_| false).settings.unwrap(),
        ] {
            assert_eq!(merged.on_this_day_hidden_tags, ["anniversary"]);
            assert_eq!(merged.theme, super::super::Appearance::Dark);
        }
    }
}
