//! Who made a second version of a document, and when, as far as its file's name tells: each
//! sync tool names its conflict copies its own way, and the two-versions view says which one
//! made it ("Syncthing, on device ABCDEFG, 6 December 10:10") so that she knows which computer
//! holds which words. Names are matched as the tools write them:
//!
//! - Syncthing: `X.sync-conflict-20261206-101010-ABCDEFG.json`, its mark before the last
//!   extension (`X.json.sync-conflict-…-ABCDEFG.age` for an encrypted one);
//! - Nextcloud and ownCloud's desktop clients: `X (conflicted copy 2026-12-06 101010).json`,
//!   with the user's name before the date when set (`(conflicted copy Sam 2026-12-06 101010)`),
//!   and the older ownCloud `X_conflict-20261206-101010.json`;
//! - Dropbox: `X (Sam's conflicted copy 2026-12-06).json`, the computer's or person's name
//!   first, sometimes a number after (`… 2026-12-06 (1))`);
//! - Tend itself: `X.changed-20261207-174457-6866.json`, a file a save found changed under it;
//! - a person's copy: `X (copy).json`, `X (1).json`, `Copy of X.json`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;
#[cfg(feature = "ts")]
use ts_rs::TS;

/// What made a second version's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum Maker {
    Syncthing,
    /// Nextcloud's or ownCloud's desktop client.
    Nextcloud,
    Dropbox,
    /// Tend, when a save found the file changed since it read it.
    Tend,
    /// A copy made by a person (a file manager's "(copy)").
    Copy,
}

/// Who made a second version, on which computer, and when, as far as its name tells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Origin {
    pub maker: Maker,
    /// The computer or person the tool names (Syncthing's short device id, Dropbox's and
    /// Nextcloud's name).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub device: Option<String>,
    /// When the conflict was found, in the time the tool wrote (local, without a zone).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "string"))]
    pub when: Option<NaiveDateTime>,
}

impl Origin {
    /// In words, for the command line: "Syncthing's conflict copy, from device ABCDEFG,
    /// 2026-12-06 10:10".
    pub fn said(&self) -> String {
        let who = match self.maker {
            Maker::Syncthing => "Syncthing's conflict copy",
            Maker::Nextcloud => "Nextcloud's conflict copy",
            Maker::Dropbox => "Dropbox's conflict copy",
            Maker::Tend => "changed outside Tend while it was open; kept by Tend",
            Maker::Copy => "a copy of the file",
        };
        let mut out = who.to_string();
        match (&self.device, self.maker) {
            (Some(device), Maker::Syncthing) => out.push_str(&format!(", from device {device}")),
            (Some(device), _) => out.push_str(&format!(", from {device}")),
            _ => {}
        }
        if let Some(when) = self.when {
            let format = if when.time() == NaiveTime::MIN {
                "%Y-%m-%d"
            } else {
                "%Y-%m-%d %H:%M"
            };
            out.push_str(&format!(", {}", when.format(format)));
        }
        out
    }
}

/// The origin of a second version named `name` (a file's name, without its folder), or `None`
/// when the name is no copy's that Tend knows.
pub fn origin(name: &str) -> Option<Origin> {
    let name = name.strip_suffix(".age").unwrap_or(name);
    syncthing(name)
        .or_else(|| nextcloud(name))
        .or_else(|| dropbox(name))
        .or_else(|| tend(name))
        .or_else(|| copy(name))
}

/// Whether `name` is a sync tool's or a person's copy of a document (`X.json` or
/// `X.json.age`): such a copy may keep `.json` inside its name rather than at its end.
pub fn is_copy_of_document(name: &str) -> bool {
    let plain = name.strip_suffix(".age").unwrap_or(name);
    plain.contains(".json") && origin(name).is_some()
}

fn made(maker: Maker, device: Option<&str>, when: Option<NaiveDateTime>) -> Option<Origin> {
    Some(Origin {
        maker,
        device: device.map(str::to_string).filter(|d| !d.is_empty()),
        when,
    })
}

/// "20261206" and "101010".
fn compact(date: &str, time: &str) -> Option<NaiveDateTime> {
    let date = NaiveDate::parse_from_str(date, "%Y%m%d").ok()?;
    Some(date.and_time(NaiveTime::parse_from_str(time, "%H%M%S").ok()?))
}

fn syncthing(name: &str) -> Option<Origin> {
    let (_, rest) = name.split_once(".sync-conflict-")?;
    let mut parts = rest.splitn(3, '-');
    let (date, time) = (parts.next()?, parts.next()?);
    let device = parts.next()?;
    // The device's id is seven letters and digits, then the extension, if any.
    let device = device.split('.').next()?;
    made(Maker::Syncthing, Some(device), compact(date, time))
}

fn nextcloud(name: &str) -> Option<Origin> {
    if let Some((_, rest)) = name.rsplit_once(" (conflicted copy ") {
        let inside = rest.split(')').next()?;
        // "[user ]2026-12-06 101010": the date and time are the last two words.
        let words: Vec<&str> = inside.split(' ').collect();
        let [.., date, time] = words.as_slice() else {
            return None;
        };
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
        let time = NaiveTime::parse_from_str(time, "%H%M%S").ok()?;
        let user = words[..words.len() - 2].join(" ");
        return made(Maker::Nextcloud, Some(&user), Some(date.and_time(time)));
    }
    let (_, rest) = name.rsplit_once("_conflict-")?;
    let mut parts = rest.splitn(2, '-');
    let date = parts.next()?;
    let time = parts.next()?.get(..6)?;
    made(Maker::Nextcloud, None, Some(compact(date, time)?))
}

fn dropbox(name: &str) -> Option<Origin> {
    const MARK: &str = "'s conflicted copy ";
    let at = name.find(MARK)?;
    let who = &name[name[..at].rfind(" (")? + 2..at];
    let date = name.get(at + MARK.len()..at + MARK.len() + 10)?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    made(
        Maker::Dropbox,
        Some(who),
        Some(date.and_time(NaiveTime::MIN)),
    )
}

fn tend(name: &str) -> Option<Origin> {
    let (_, rest) = name.rsplit_once(".changed-")?;
    let mut parts = rest.splitn(3, '-');
    let (date, time) = (parts.next()?, parts.next()?);
    made(Maker::Tend, None, compact(date, time))
}

fn copy(name: &str) -> Option<Origin> {
    let stem = name.strip_suffix(".json").unwrap_or(name);
    let numbered = stem
        .rsplit_once(" (")
        .and_then(|(_, n)| n.strip_suffix(')'))
        .is_some_and(|n| n == "copy" || n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty());
    let copied = numbered || stem.starts_with("Copy of ") || stem.ends_with(" - Copy");
    copied.then_some(Origin {
        maker: Maker::Copy,
        device: None,
        when: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<NaiveDateTime> {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").ok()
    }

    fn said(name: &str) -> (Maker, Option<String>, Option<NaiveDateTime>) {
        let o = origin(name).unwrap_or_else(|| panic!("{name} is not recognised"));
        (o.maker, o.device, o.when)
    }

    const ID: &str = "2026-12-06-0f3a9c2e5b7d41e8a6c3f1d2b4e6a8c0";

    #[test]
    fn each_tools_conflict_name_says_who_made_it_and_when() {
        let when = at("2026-12-06 10:10:10");
        let device = |d: &str| Some(d.to_string());
        let cases = [
            (
                format!("{ID}.sync-conflict-20261206-101010-ABCDEFG.json"),
                (Maker::Syncthing, device("ABCDEFG"), when),
            ),
            (
                format!("{ID}.json.sync-conflict-20261206-101010-ABCDEFG.age"),
                (Maker::Syncthing, device("ABCDEFG"), when),
            ),
            (
                format!("{ID} (conflicted copy 2026-12-06 101010).json"),
                (Maker::Nextcloud, None, when),
            ),
            (
                format!("{ID}.json (conflicted copy Sam Lee 2026-12-06 101010).age"),
                (Maker::Nextcloud, device("Sam Lee"), when),
            ),
            (
                format!("{ID}_conflict-20261206-101010.json"),
                (Maker::Nextcloud, None, when),
            ),
            (
                format!("{ID} (Sam's conflicted copy 2026-12-06).json"),
                (Maker::Dropbox, device("Sam"), at("2026-12-06 00:00:00")),
            ),
            (
                format!("{ID}.json (DESKTOP-4F2's conflicted copy 2026-12-06 (1)).age"),
                (
                    Maker::Dropbox,
                    device("DESKTOP-4F2"),
                    at("2026-12-06 00:00:00"),
                ),
            ),
            (
                format!("{ID}.changed-20261206-101010-6866.json"),
                (Maker::Tend, None, when),
            ),
            (format!("{ID} (copy).json"), (Maker::Copy, None, None)),
            (format!("{ID} (2).json"), (Maker::Copy, None, None)),
            (format!("Copy of {ID}.json"), (Maker::Copy, None, None)),
        ];
        for (name, expected) in cases {
            assert_eq!(said(&name), expected, "{name}");
            assert!(is_copy_of_document(&name), "{name}");
        }
        let words = |name: String| origin(&name).unwrap().said();
        assert_eq!(
            words(format!("{ID}.sync-conflict-20261206-101010-ABCDEFG.json")),
            "Syncthing's conflict copy, from device ABCDEFG, 2026-12-06 10:10"
        );
        assert_eq!(
            words(format!("{ID} (Sam's conflicted copy 2026-12-06).json")),
            "Dropbox's conflict copy, from Sam, 2026-12-06"
        );
    }

    #[test]
    fn tends_own_names_and_other_files_are_no_copies() {
        for name in [
            format!("{ID}.json"),
            format!("{ID}.json.age"),
            "settings.json".to_string(),
            "grand-vision.json".to_string(),
            format!("{ID}.json.bak"),
            format!("{ID}.unreadable-1a2b3c4d.json"),
            "notes (draft).txt".to_string(),
        ] {
            assert_eq!(origin(&name), None, "{name}");
        }
    }
}
