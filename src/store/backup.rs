//! The store's side of backups: making one of this journal, the daily one, and listing them.
//! The zips themselves are written and checked by [`crate::backup`].

use std::fs;
use std::path::Path;

use super::{write_turn, Store};
use crate::backup::{self, Backup, BackupInfo, BEFORE_RESTORE_PREFIX};
use crate::document::Problem;
use crate::error::Result;

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
