//! The store's side of backups: making one of this journal, the daily one, and listing them.
//! The zips themselves are written and checked by [`crate::backup`].

use std::fs;
use std::path::Path;

use super::{write_turn, Store};
use crate::backup::{self, Backup, BackupInfo, BEFORE_RESTORE_PREFIX, RESTORE_STAGING_PREFIX};
use crate::document::Problem;
use crate::error::Result;
use crate::fsio::FileLock;

impl Store {
    /// Backs the journal up to `dest`, or, without one, to a new automatic backup in
    /// `backups/`, after which the oldest automatic backups beyond the number kept (settings)
    /// are removed. The journal cannot change while it is copied.
    pub fn backup(&self, dest: Option<&Path>) -> Result<Backup> {
        let _turn = write_turn(&self.root)?;
        self.backup_in_turn(dest)
    }

    /// [`Store::backup`], for a caller that holds the write lock.
    fn backup_in_turn(&self, dest: Option<&Path>) -> Result<Backup> {
        let now = self.clock.now();
        match dest {
            Some(dest) => backup::write(&self.root, dest, now),
            None => {
                let made = backup::write_automatic(&self.root, now)?;
                backup::rotate(&self.root, self.settings.backups_kept)?;
                Ok(made)
            }
        }
    }

    /// The backup of the day: made when the journal holds any document and no automatic backup
    /// is from today yet (by the store's clock); `None` otherwise. Callers run it after opening
    /// and report a failure as a problem: it must never keep the journal from opening.
    pub fn daily_backup(&self) -> Result<Option<Backup>> {
        if self.entries.is_empty() && self.fillings.is_empty() && self.visions.is_empty() {
            return Ok(None);
        }
        // Looked at under the lock, so two journals opening at once make one backup, not two.
        let _turn = write_turn(&self.root)?;
        let today = self.today();
        if self.backups()?.iter().any(|b| b.created.date() == today) {
            return Ok(None);
        }
        self.backup_in_turn(None).map(Some)
    }

    /// The automatic backups, newest first.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        backup::automatic(&self.root)
    }

    /// A restore that stopped halfway (a crash, a power cut) leaves the journal as it was in a
    /// hidden folder: say so, since the journal may look empty or half restored.
    /// Removes the staging folders (`.tend-restore-*`) a killed restore left behind, once no
    /// restore (nor an app) holds the journal; `holding` says this store holds it itself. A
    /// staging folder is Tend's own copy of a backup being unpacked, never the journal: the
    /// journal is only replaced after it is whole. What cannot be removed is a listed problem.
    pub(super) fn sweep_restore_staging(&mut self, holding: bool) {
        if self.read_only {
            return;
        }
        let Ok(read) = fs::read_dir(&self.root) else {
            return;
        };
        let staging: Vec<std::path::PathBuf> = read
            .flatten()
            .filter(|item| {
                item.file_name()
                    .to_string_lossy()
                    .starts_with(RESTORE_STAGING_PREFIX)
            })
            .filter(|item| item.file_type().is_ok_and(|k| k.is_dir()))
            .map(|item| item.path())
            .collect();
        if staging.is_empty() {
            return;
        }
        let _free = if holding {
            None
        } else {
            match FileLock::try_exclusive(&crate::paths::instance_lock(&self.root), &self.root) {
                Ok(lock) => Some(lock),
                Err(_) => return, // a restore or an app is at work: the next open sweeps
            }
        };
        for path in staging {
            if let Err(e) = fs::remove_dir_all(&path) {
                let reason =
                    format!("a killed restore's unpacked copy Tend could not remove ({e})");
                self.problems.push(Problem::new(&path, reason));
            }
        }
    }

    pub(super) fn find_interrupted_restore(&mut self) {
        let Ok(read) = fs::read_dir(&self.root) else {
            return;
        };
        for item in read.flatten() {
            if item
                .file_name()
                .to_string_lossy()
                .starts_with(BEFORE_RESTORE_PREFIX)
            {
                self.problems.push(Problem::new(
                    &item.path(),
                    "a restore did not finish: the journal as it was before is kept in this \
                     folder, and in the newest backup in backups/ (restore that one to go back)",
                ));
            }
        }
    }
}
