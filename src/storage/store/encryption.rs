//! Turning encryption on and off, and changing the passphrase (see [`crate::crypt`]).
//!
//! Turning it on or off converts every file the journal keeps, one at a time: each is written
//! in its new form (atomically) before its old form is removed, and a marker file says which
//! way the journal is going until the last one is done. A crash at any instant loses nothing:
//! the next open (with the key) finishes the job, and says so. A failure (a full disk) says
//! what the journal now is (see [`super::conversion`]).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::conversion::CutShort;
use super::{index, trash, write_turn, Store, ENTRIES, SETTINGS, VISIONS, WORKSHEETS};
use crate::backup;
use crate::crypt::{self, secrecy::SecretString, Codec, Key};
use crate::document::{self, Problem};
use crate::error::{Error, IoContext, Result};
use crate::fsio;

/// Where a command keeps text it could not save (see the command line's `recover`).
pub const RECOVERED: &str = "recovered";

/// The folders whose every file is converted.
const CONVERTED: [&str; 7] = [
    ENTRIES,
    crate::attachments::ATTACHMENTS,
    WORKSHEETS,
    VISIONS,
    super::vision_history::HISTORY,
    trash::TRASH,
    RECOVERED,
];

/// How the problem of two identity files begins.
const TWO_PASSPHRASES: &str = "another identity file of this journal";

impl Store {
    /// Whether the journal is encrypted.
    pub fn encrypted(&self) -> bool {
        self.codec.seals()
    }

    /// How this journal reads and writes its files, for whoever writes beside the store (the
    /// command line's recovered text).
    pub fn codec(&self) -> &Codec {
        &self.codec
    }

    /// Turns encryption on: a new identity, kept in `identity.age` under `passphrase`, and
    /// every file encrypted to it. Returns the key, whose text is the recovery key (to show
    /// once). `work_factor`: see [`Key::save_identity`].
    pub fn encryption_on(
        &mut self,
        passphrase: &SecretString,
        work_factor: Option<u8>,
    ) -> Result<Key> {
        self.may_turn_encryption_on()?;
        crypt::check_passphrase(passphrase)?;
        // Every backup changes form with the journal: not begun while some are out of reach.
        crate::paths::backups_reachable()?;
        let key = Key::generate();
        let _turn = write_turn(&self.root)?;
        remove_marker(&self.root, crypt::DECRYPTING)?;
        fsio::write_atomic(&self.root.join(crypt::ENCRYPTING), b"")?;
        if let Err(e) = self.encrypt_all(&key, passphrase, work_factor) {
            if crypt::is_encrypted(&self.root) {
                return Err(self.stopped(e));
            }
            // Stopped before the key was kept, so before any file was encrypted: the journal
            // is as it was, and its error says so truly.
            self.codec = Codec::plain();
            let _ = remove_marker(&self.root, crypt::ENCRYPTING);
            return Err(e);
        }
        self.keep_lock_screen_in_turn();
        Ok(key)
    }

    /// The work of [`Store::encryption_on`] once its marker is written.
    fn encrypt_all(
        &mut self,
        key: &Key,
        passphrase: &SecretString,
        work_factor: Option<u8>,
    ) -> Result<()> {
        key.save_identity(&self.root, passphrase, work_factor)?;
        self.codec = Codec::sealed(key.clone());
        // An encrypted journal always has settings: the recovery key is checked against them.
        if self.codec.read_either(&self.root.join(SETTINGS))?.is_none() {
            let settings = self.settings.clone();
            self.codec.write(
                &self.root.join(SETTINGS),
                document::to_pretty_json(&settings),
            )?;
        }
        self.convert_all()?;
        remove_marker(&self.root, crypt::ENCRYPTING)
    }

    /// `error` stopped a change of encryption: said as what the journal now is, when its
    /// marker says the change is under way (otherwise nothing changed, as `error` says).
    fn stopped(&self, error: Error) -> Error {
        match CutShort::find(&self.root) {
            Some(now) => now.stopped(error),
            None => error,
        }
    }

    /// Whether [`Store::encryption_on`] may begin (to ask before a new passphrase is chosen):
    /// not on an encrypted journal, nor on one whose turning off was cut short, where a new
    /// key would leave the files still encrypted with none to open them.
    pub fn may_turn_encryption_on(&self) -> Result<()> {
        if let Some(now) = CutShort::find(&self.root).filter(|c| !c.turning_on && c.locked) {
            return Err(Error::invalid(format!(
                "{} Turn encryption off again to finish that first; encryption can then be \
                 turned on anew.",
                now.status()
            )));
        }
        if self.codec.seals() || crypt::is_encrypted(&self.root) {
            return Err(Error::invalid("The journal is encrypted already."));
        }
        self.writable()
    }

    /// Turns encryption off, once `passphrase` (or the recovery key) proves it is the owner:
    /// every file decrypted, then `identity.age` removed.
    pub fn encryption_off(&mut self, passphrase: &SecretString) -> Result<()> {
        let key = self.check_owner(passphrase)?;
        self.writable()?;
        crate::paths::backups_reachable()?;
        let _turn = write_turn(&self.root)?;
        fsio::write_atomic(&self.root.join(crypt::DECRYPTING), b"")?;
        self.codec = Codec::unsealing(key);
        let done = self.convert_all().and_then(|()| self.drop_identity());
        done.map_err(|e| self.stopped(e))
    }

    /// Writes `identity.age` anew under `new`; no document changes.
    pub fn change_passphrase(
        &mut self,
        current: &SecretString,
        new: &SecretString,
        work_factor: Option<u8>,
    ) -> Result<()> {
        let key = self.check_owner(current)?;
        self.writable()?;
        let _turn = write_turn(&self.root)?;
        key.save_identity(&self.root, new, work_factor)?;
        // Passphrases set on two computers at once: each copy of the identity that `current`
        // opens holds this very key (checked), and goes. A copy it does not open may hold
        // another key, the only way into a file encrypted to it: it stays, and is still named.
        for copy in crypt::identity_copies(&self.root) {
            let same =
                Key::unlock_file(&copy, current).is_ok_and(|other| other.public() == key.public());
            if !same {
                continue;
            }
            if let Err(e) = fs::remove_file(&copy) {
                // The passphrase is changed all the same; the copy is said at the next open.
                let reason = format!("this copy of the identity could not be removed ({e})");
                self.problems.push(Problem::new(&copy, reason));
                continue;
            }
            let shown = copy.display().to_string();
            self.problems.retain(|p| p.path != shown);
        }
        Ok(())
    }

    /// At open: the identity files a sync tool kept when the passphrase was changed on two
    /// computers at once are named, for her to settle by setting one passphrase.
    pub(super) fn note_identity_copies(&mut self) {
        if !self.codec.seals() {
            return;
        }
        for copy in crypt::identity_copies(&self.root) {
            let reason = format!(
                "{TWO_PASSPHRASES}: another computer changed the passphrase at the same time \
                 as this one, and the sync kept both; either opens the journal. To keep one, \
                 change the passphrase in Settings, giving as the current one the passphrase \
                 set on the other computer. (Should this file hold another key, which no \
                 passphrase of this journal opens, Tend leaves it as it is.)"
            );
            self.problems.push(Problem::new(&copy, reason));
        }
    }

    /// The journal's key, once `secret` is shown to unlock it too.
    fn check_owner(&self, secret: &SecretString) -> Result<Key> {
        let Some(key) = self.codec.key().filter(|_| self.codec.seals()) else {
            return Err(Error::invalid("The journal is not encrypted."));
        };
        let given = Key::unlock(&self.root, secret)?;
        if given.public() != key.public() {
            return Err(Error::WrongPassphrase);
        }
        Ok(key.clone())
    }

    fn writable(&self) -> Result<()> {
        if self.read_only {
            return Err(Error::ReadOnly {
                path: self.root.clone(),
            });
        }
        Ok(())
    }

    /// At open: a conversion that a crash cut short is finished (the marker says which way),
    /// and a notice says so; a marker with nothing to do (encryption being turned on, stopped
    /// before its key was kept) is removed, and the notice says nothing was encrypted. A
    /// failure says what the journal now is.
    pub(super) fn finish_conversion(&mut self) -> Result<()> {
        let Some(before) = CutShort::find(&self.root) else {
            return Ok(());
        };
        let _turn = write_turn(&self.root)?;
        let mut finish = || {
            if self.codec.key().is_some() {
                self.convert_all()?;
            }
            if !before.turning_on {
                self.drop_identity()?;
            }
            remove_marker(&self.root, crypt::ENCRYPTING)?;
            remove_marker(&self.root, crypt::DECRYPTING)
        };
        match finish() {
            Ok(()) => {
                self.notices.push(before.finished());
                Ok(())
            }
            Err(e) => Err(self.stopped(e)),
        }
    }

    /// The last step of turning encryption off: every file is plain, so the identity goes.
    fn drop_identity(&mut self) -> Result<()> {
        // Nothing is locked any more: the lock screen's file goes with the identity (here, so
        // that an open finishing a cut-short conversion removes it too).
        for name in [crypt::IDENTITY, super::settings::LOCK_SCREEN] {
            let path = self.root.join(name);
            match fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(&path, e)),
            }
        }
        fsio::sync_dir(&self.root)?;
        self.codec = Codec::plain();
        remove_marker(&self.root, crypt::DECRYPTING)
    }

    /// Rewrites every file the journal keeps in the codec's form, backups included. A file
    /// that cannot be decrypted (damaged) is a listed problem and stays as it is; any other
    /// failure (a full disk) stops, and the next open goes on from there.
    fn convert_all(&mut self) -> Result<()> {
        for path in converted_files(&self.root, false)? {
            match self.codec.convert(&path) {
                Ok(_) => {}
                Err(Error::Unreadable { path, reason }) => {
                    self.problems.push(Problem::new(&path, reason));
                }
                Err(e) => return Err(e),
            }
        }
        for zip in backup::all_zips(&self.root)? {
            backup::convert(&self.root, &zip, &self.codec)?;
        }
        let seal = self.codec.seals();
        let now = |path: &mut PathBuf| *path = crypt::named(path, seal);
        for entry in self.entries.values_mut() {
            now(&mut entry.path);
            entry.stamp = index::Stamp::of(&entry.path);
        }
        // The index holds first words: the old form goes, and the new one is written now.
        index::forget(&self.root)?;
        self.index_stale = true;
        // The search index holds every word: likewise.
        super::search_index::forget(&self.root)?;
        self.search = None;
        self.fillings.values_mut().for_each(|s| now(&mut s.path));
        self.visions.values_mut().for_each(|s| now(&mut s.path));
        // A second version's file was converted with the rest: it is found in its new form.
        self.versions.iter_mut().for_each(|v| now(&mut v.path));
        Ok(())
    }
}

/// Every file that turning encryption on or off converts, backups aside: every file below the
/// documents' folders, and the settings. A folder that cannot be read is an error, unless
/// `partial` (for counting them), when it is passed over.
pub(super) fn converted_files(root: &Path, partial: bool) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for dir in CONVERTED {
        match collect_files(&root.join(dir), &mut files) {
            Err(_) if partial => {}
            done => done?,
        }
    }
    let top = fs::read_dir(root).at(root)?;
    for item in top.flatten() {
        let name = item.file_name().to_string_lossy().into_owned();
        let plain = crypt::named(Path::new(&name), false);
        let plain = plain.to_string_lossy();
        if plain.starts_with("settings") && plain.ends_with(".json") {
            files.push(item.path());
        }
    }
    Ok(files)
}

fn remove_marker(root: &Path, name: &str) -> Result<()> {
    let path = root.join(name);
    match fs::remove_file(&path) {
        Ok(()) => fsio::sync_dir(root),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// Every file below `dir` but hidden ones (temporary files, which the open removes).
fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let read = match fs::read_dir(dir) {
        Ok(read) => read,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    for item in read {
        let item = item.at(dir)?;
        if item.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // Links are left alone: what they point to is not the journal's to convert (and a
        // link loop would never end).
        let kind = item.file_type().at(item.path())?;
        if kind.is_dir() {
            collect_files(&item.path(), out)?;
        } else if kind.is_file() {
            out.push(item.path());
        }
    }
    Ok(())
}
