//! Turning encryption on and off, and changing the passphrase (see [`crate::crypt`]).
//!
//! Turning it on or off converts every file the journal keeps, one at a time: each is written
//! in its new form (atomically) before its old form is removed, and a marker file says which
//! way the journal is going until the last one is done. A crash at any instant loses nothing:
//! the next open (with the key) finishes the job.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{index, trash, write_turn, Store, ENTRIES, SETTINGS, VISIONS, WORKSHEETS};
use crate::backup;
use crate::crypt::{self, secrecy::SecretString, Codec, Key};
use crate::document::{self, Problem};
use crate::error::{Error, Result};
use crate::fsio;

/// Where a command keeps text it could not save (see the command line's `recover`).
pub const RECOVERED: &str = "recovered";

/// The folders whose every file is converted.
const CONVERTED: [&str; 6] = [
    ENTRIES,
    WORKSHEETS,
    VISIONS,
    super::visions::HISTORY,
    trash::TRASH,
    RECOVERED,
];

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
        if self.codec.seals() {
            return Err(Error::invalid("The journal is encrypted already."));
        }
        self.writable()?;
        crypt::check_passphrase(passphrase)?;
        let key = Key::generate();
        let _turn = write_turn(&self.root)?;
        remove_marker(&self.root, crypt::DECRYPTING)?;
        fsio::write_atomic(&self.root.join(crypt::ENCRYPTING), b"")?;
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
        remove_marker(&self.root, crypt::ENCRYPTING)?;
        self.keep_lock_screen_in_turn();
        Ok(key)
    }

    /// Turns encryption off, once `passphrase` (or the recovery key) proves it is the owner:
    /// every file decrypted, then `identity.age` removed.
    pub fn encryption_off(&mut self, passphrase: &SecretString) -> Result<()> {
        let key = self.check_owner(passphrase)?;
        self.writable()?;
        let _turn = write_turn(&self.root)?;
        fsio::write_atomic(&self.root.join(crypt::DECRYPTING), b"")?;
        self.codec = Codec::unsealing(key);
        self.convert_all()?;
        self.drop_identity()
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
        key.save_identity(&self.root, new, work_factor)
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

    /// At open: a conversion that a crash cut short is finished (the marker says which way);
    /// a marker with nothing to do is removed.
    pub(super) fn finish_conversion(&mut self) -> Result<()> {
        let encrypting = self.root.join(crypt::ENCRYPTING).exists();
        let decrypting = self.root.join(crypt::DECRYPTING).exists();
        if !encrypting && !decrypting {
            return Ok(());
        }
        let _turn = write_turn(&self.root)?;
        if self.codec.key().is_some() {
            self.convert_all()?;
        }
        if decrypting {
            self.drop_identity()?;
        }
        remove_marker(&self.root, crypt::ENCRYPTING)?;
        remove_marker(&self.root, crypt::DECRYPTING)
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
        let mut files = Vec::new();
        for dir in CONVERTED {
            collect_files(&self.root.join(dir), &mut files)?;
        }
        let top = fs::read_dir(&self.root).map_err(|e| Error::io(&self.root, e))?;
        for item in top.flatten() {
            let name = item.file_name().to_string_lossy().into_owned();
            let plain = crypt::named(Path::new(&name), false);
            let plain = plain.to_string_lossy();
            if plain.starts_with("settings") && plain.ends_with(".json") {
                files.push(item.path());
            }
        }
        for path in files {
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
        crate::search::index::forget(&self.root)?;
        self.search = None;
        self.fillings.values_mut().for_each(|s| now(&mut s.path));
        self.visions.values_mut().for_each(|s| now(&mut s.path));
        Ok(())
    }
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
        let item = item.map_err(|e| Error::io(dir, e))?;
        if item.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // Links are left alone: what they point to is not the journal's to convert (and a
        // link loop would never end).
        let kind = item.file_type().map_err(|e| Error::io(item.path(), e))?;
        if kind.is_dir() {
            collect_files(&item.path(), out)?;
        } else if kind.is_file() {
            out.push(item.path());
        }
    }
    Ok(())
}
