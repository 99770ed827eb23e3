//! The settings document: read at open (an unreadable one is a listed problem, and Tend goes
//! on with the defaults), and saved whole.

use std::fs;
use std::path::{Path, PathBuf};

use super::{write_turn, Store, SETTINGS};
use crate::crypt::{self, Codec};
use crate::document::{self, Problem};
use crate::error::{Error, IoContext, Result};
use crate::settings::{Settings, SETTINGS_SCHEMA};

impl Store {
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn save_settings(&mut self, mut settings: Settings) -> Result<Settings> {
        // Settings of a newer Tend's: no page of this one knows them, so none removes them.
        for (name, value) in &self.settings.unknown {
            (settings.unknown.entry(name.clone())).or_insert_with(|| value.clone());
        }
        let now = self.clock.now();
        let mut settings = (settings.validated()?).noting_changes(&self.settings, now);
        let path = self.root.join(SETTINGS);
        let _turn = write_turn(&self.root)?;
        if !self.settings_unreadable {
            // Another computer's settings, brought by the sync since they were read, are
            // merged in rather than written over: each setting keeps its later change (a
            // setting no record decides, the other computer's: its file is the later one).
            match read(&self.root, &self.codec) {
                (_, Ok(Some(on_disk))) if on_disk != self.settings => {
                    // What she changed now is hers, even at the same instant as the other.
                    let hers = |key: &str| settings.changed.get(key) == Some(&now);
                    let merge = settings.merged_with(&on_disk, |key| !hers(key));
                    if let Some(merged) = merge.settings.and_then(|m| m.validated().ok()) {
                        settings = merged;
                    } else {
                        self.settings_unreadable = true; // not written over: kept beside
                    }
                }
                (_, Ok(_)) => {}
                // Half written by a sync, say: kept beside, never written over.
                (_, Err(_)) => self.settings_unreadable = true,
            }
        }
        if self.settings_unreadable {
            // Never overwrite a file we could not read: keep it beside, under a dated name,
            // and say so (at each open too, until she removes it).
            let stamp = now.format("%Y%m%d-%H%M%S");
            for found in [&path, &crypt::named(&path, true)] {
                if found.exists() {
                    // The plain and the encrypted form each keep their own name.
                    let name = format!("{UNREADABLE}{stamp}.json");
                    let aside = crypt::named(&self.root.join(name), crypt::is_sealed(found));
                    fs::rename(found, &aside).at(found)?;
                    self.problems.push(Problem::new(&aside, KEPT_ASIDE));
                }
            }
            self.settings_unreadable = false;
        }
        self.codec
            .write(&path, document::to_pretty_json(&settings))?;
        self.settings = settings.clone();
        self.keep_lock_screen_in_turn();
        Ok(settings)
    }

    /// Writes `lock-screen.json`, in an encrypted journal only (a plain one has no lock
    /// screen), when it no longer says what the settings say. The app calls it when it
    /// unlocks (a journal encrypted before this file existed gets it then); saving settings and
    /// turning encryption on do the same within their own write turn.
    pub fn keep_lock_screen(&mut self) {
        match write_turn(&self.root) {
            Ok(_turn) => self.keep_lock_screen_in_turn(),
            Err(e) => self.problems.push(Problem::from_error(&self.root, e)),
        }
    }

    /// [`Store::keep_lock_screen`], for a caller that holds the write turn. Best effort: what
    /// it could not write is a listed problem, never a failure of what was asked (the lock
    /// screen then shows the system's country).
    pub(super) fn keep_lock_screen_in_turn(&mut self) {
        if !self.codec.seals() || self.read_only || self.settings_unreadable {
            return;
        }
        let wanted = LockScreen {
            country: self.settings.country.clone(),
            // Only what differs from the defaults: a journal that chose nothing has no file.
            theme: Some(self.settings.theme).filter(|t| *t != Default::default()),
            text_size: Some(self.settings.text_size).filter(|t| *t != Default::default()),
        };
        if lock_screen(&self.root) == wanted {
            return;
        }
        let path = self.root.join(LOCK_SCREEN);
        let written = serde_json::to_vec_pretty(&wanted)
            .map_err(|e| Error::invalid(e.to_string()))
            .and_then(|bytes| crate::fsio::write_atomic(&path, &bytes));
        if let Err(e) = written {
            self.problems.push(Problem::from_error(&path, e));
        }
    }

    /// Settings that cannot be read (bad JSON, a folder, a link loop) are a listed problem:
    /// Tend goes on with the defaults, and keeps the file aside when settings are next saved.
    /// A sync tool's conflict copy of them is merged in, field by field (see
    /// [`Store::merge_settings_copies`]).
    pub(super) fn load_settings(&mut self) {
        let (path, read) = read(&self.root, &self.codec);
        match read {
            Ok(Some(settings)) => self.settings = settings,
            Ok(None) => {}
            Err(e) => {
                self.settings_unreadable = true;
                self.problems.push(Problem::from_error(&path, e));
            }
        }
        if !self.settings_unreadable {
            self.merge_settings_copies();
        }
        // Settings kept aside earlier, when they could not be read: named until removed.
        for item in fs::read_dir(&self.root).into_iter().flatten().flatten() {
            if item.file_name().to_string_lossy().starts_with(UNREADABLE) {
                self.problems.push(Problem::new(&item.path(), KEPT_ASIDE));
            }
        }
    }

    /// Settings changed on two computers before they met: the sync tool kept the other's as a
    /// conflict copy (`settings.sync-conflict-….json`). Each is merged into these settings,
    /// each setting taking its later change; an open that holds the journal to write saves
    /// them and removes the copy (see [`Store::settle_copies`]), so no file is left under a
    /// conflict name. A copy that cannot be read is a problem, left as it is.
    fn merge_settings_copies(&mut self) {
        let Ok(read) = fs::read_dir(&self.root) else {
            return;
        };
        let copies: Vec<PathBuf> = read
            .flatten()
            .filter(|item| is_settings_copy(&item.file_name().to_string_lossy()))
            .map(|item| item.path())
            .collect();
        let mut taken = Vec::new();
        let before = self.settings.clone();
        let own = self.codec.path(&self.root.join(SETTINGS));
        for path in copies {
            let parsed = fs::read(&path)
                .at(&path)
                .and_then(|bytes| self.codec.decode(&path, bytes))
                .and_then(|bytes| {
                    document::parse::<Settings>(
                        &path,
                        &bytes,
                        SETTINGS_SCHEMA,
                        document::no_migration,
                    )
                });
            let other = match parsed {
                Ok(other) => other.with_pin_ids(),
                Err(e) => {
                    self.problems.push(Problem::from_error(&path, e));
                    continue;
                }
            };
            // A setting no record decides takes the value of the file saved later.
            let (mine_at, other_at) = (modified(&own), modified(&path));
            let merge = self.settings.merged_with(&other, |_| other_at > mine_at);
            let settled = merge.undecided.is_empty() || mine_at != other_at;
            match merge.settings.and_then(|m| m.validated().ok()) {
                Some(merged) if settled => {
                    self.settings = merged;
                    taken.push(path);
                }
                _ => {
                    let reason = format!(
                        "settings from another computer that Tend could not merge on its own \
                         ({}); look at them, change what you want in Settings, then remove \
                         this file",
                        if settled {
                            "they do not read as settings".to_string()
                        } else {
                            merge.undecided.join(", ")
                        }
                    );
                    self.problems.push(Problem::new(&path, reason));
                }
            }
        }
        self.unsettled.settings_changed |= self.settings != before;
        self.unsettled.settings_copies.extend(taken);
    }

    /// Saves the settings merged with the copies found at open, and removes the copies (see
    /// [`Store::settle_copies`]).
    pub(super) fn settle_settings_copies(&mut self) {
        let taken = std::mem::take(&mut self.unsettled.settings_copies);
        if taken.is_empty() {
            return;
        }
        let own = self.codec.path(&self.root.join(SETTINGS));
        if std::mem::take(&mut self.unsettled.settings_changed) {
            let written = write_turn(&self.root).and_then(|_turn| {
                let written = self
                    .codec
                    .write(&own, document::to_pretty_json(&self.settings));
                self.keep_lock_screen_in_turn();
                written
            });
            if let Err(e) = written {
                self.problems.push(Problem::from_error(&own, e));
                return; // the copies stay until the merge is on disk
            }
        }
        for path in taken {
            if let Err(e) = fs::remove_file(&path) {
                let reason = format!("settings merged in, but this copy was not removed ({e})");
                self.problems.push(Problem::new(&path, reason));
            }
        }
    }
}

/// A file's modification time, if it can be read.
fn modified(path: &Path) -> Option<std::time::SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// How the name of settings kept aside begins.
const UNREADABLE: &str = "settings.unreadable-";

/// What is said of settings kept aside.
const KEPT_ASIDE: &str = "settings Tend could not read (from another computer's newer Tend, or \
                          half written), kept aside when new ones were saved; look at them, \
                          change what you want in Settings, then remove this file";

/// Whether `name` is a sync tool's conflict copy of `settings.json`: never Tend's own file of
/// settings it could not read (`settings.unreadable-….json`), nor a copy a person made and
/// may want as it is.
fn is_settings_copy(name: &str) -> bool {
    use document::origin::{origin, Maker};
    let by_sync = origin(name).is_some_and(|o| !matches!(o.maker, Maker::Copy | Maker::Tend));
    name.starts_with("settings") && !name.starts_with(UNREADABLE) && by_sync
}

/// What the lock screen shows before the passphrase is given, kept outside the encryption in
/// `lock-screen.json`: the country whose helplines "Need support?" lists, and the theme and
/// text size it is drawn in (issue 27, D9: it ignored both). Only these: whoever can read the
/// folder learns them and nothing of what she wrote. docs/storage.md says so.
pub const LOCK_SCREEN: &str = "lock-screen.json";

#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LockScreen {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub theme: Option<crate::settings::Appearance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub text_size: Option<crate::settings::TextSize>,
}

/// The lock screen's settings, readable without the key; the defaults when there are none or
/// they cannot be read (a support page for the system's country is still shown).
pub fn lock_screen(root: &Path) -> LockScreen {
    fs::read(root.join(LOCK_SCREEN))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// settings.json in whichever form it is (plain or encrypted), and where it is; `Ok(None)`
/// when there is none yet.
pub(super) fn read(root: &Path, codec: &Codec) -> (PathBuf, Result<Option<Settings>>) {
    let mut path = codec.path(&root.join(SETTINGS));
    let read = codec.read_either(&path).and_then(|found| {
        found
            .map(|(found, b)| {
                path = found;
                document::parse::<Settings>(&path, &b, SETTINGS_SCHEMA, document::no_migration)
                    .map(Settings::with_pin_ids)
            })
            .transpose()
    });
    (path, read)
}
