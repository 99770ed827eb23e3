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

    pub fn save_settings(&mut self, settings: Settings) -> Result<Settings> {
        let settings = settings.validated()?;
        let path = self.root.join(SETTINGS);
        let _turn = write_turn(&self.root)?;
        if self.settings_unreadable {
            // Never overwrite a file we could not read: keep it beside, under a dated name.
            let aside = self.codec.path(&self.root.join(format!(
                "settings.unreadable-{}.json",
                self.clock.now().format("%Y%m%d-%H%M%S")
            )));
            for found in [&path, &crypt::named(&path, true)] {
                if found.exists() {
                    fs::rename(found, &aside).at(found)?;
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
    }
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
