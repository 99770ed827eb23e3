//! The settings document: read at open (an unreadable one is a listed problem, and Tend goes
//! on with the defaults), and saved whole.

use std::fs;
use std::path::{Path, PathBuf};

use super::{write_turn, Store, SETTINGS};
use crate::crypt::{self, Codec};
use crate::document::{self, Problem};
use crate::error::{Error, Result};
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
                    fs::rename(found, &aside).map_err(|e| Error::io(found, e))?;
                }
            }
            self.settings_unreadable = false;
        }
        self.codec
            .write(&path, document::to_pretty_json(&settings))?;
        self.settings = settings.clone();
        Ok(settings)
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

/// settings.json in whichever form it is (plain or encrypted), and where it is; `Ok(None)`
/// when there is none yet.
pub(super) fn read(root: &Path, codec: &Codec) -> (PathBuf, Result<Option<Settings>>) {
    let mut path = codec.path(&root.join(SETTINGS));
    let read = codec.read_either(&path).and_then(|found| {
        found
            .map(|(found, b)| {
                path = found;
                document::parse::<Settings>(&path, &b, SETTINGS_SCHEMA, document::no_migration)
            })
            .transpose()
    });
    (path, read)
}
