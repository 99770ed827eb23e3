//! The journal as every command opens it: its folder, and an encrypted journal's key, asked
//! for once.

use std::cell::OnceCell;
use std::path::PathBuf;

use tend::crypt::{self, secrecy::SecretString, Codec, Key};
use tend::{Store, SystemClock};

use crate::encryption::Passphrases;

/// Opens the journal: freely to read; to write, only while no app has it open (the app would
/// not see the change, and could write over it).
pub struct Journal {
    dir: Option<PathBuf>,
    pub(crate) passphrases: Passphrases,
    /// An encrypted journal's key, and the passphrase that unlocked it, once asked.
    unlocked: OnceCell<(Key, SecretString)>,
}

impl Journal {
    /// The journal in `dir` (default: the core's), its passphrase read from `passphrase_fd`
    /// when given, else asked on the terminal.
    pub fn new(dir: Option<PathBuf>, passphrase_fd: Option<u32>) -> Self {
        Journal {
            dir,
            passphrases: Passphrases::new(passphrase_fd),
            unlocked: OnceCell::new(),
        }
    }

    /// The journal's folder, as the core resolves it.
    pub fn dir(&self) -> tend::Result<PathBuf> {
        tend::paths::data_dir(self.dir.clone())
    }

    pub fn read(&self) -> tend::Result<Store> {
        let store = Store::open_with(self.dir()?, Box::new(SystemClock), self.key()?)?;
        tell(store.notices());
        Ok(store)
    }

    /// The key of an encrypted journal (asked for once), or `None` for a plain one.
    pub fn key(&self) -> tend::Result<Option<Key>> {
        let dir = self.dir()?;
        if !crypt::is_encrypted(&dir) {
            return Ok(None);
        }
        if let Some((key, _)) = self.unlocked.get() {
            return Ok(Some(key.clone()));
        }
        let (key, secret) = self.passphrases.unlock(&dir)?;
        let _ = self.unlocked.set((key.clone(), secret));
        Ok(Some(key))
    }

    /// The passphrase (or recovery key) that unlocked the journal, asked for if not yet.
    pub fn secret(&self) -> tend::Result<SecretString> {
        if self.key()?.is_none() {
            return Err(tend::Error::invalid("The journal is not encrypted."));
        }
        Ok(self
            .unlocked
            .get()
            .map(|(_, s)| s.clone())
            .unwrap_or_default())
    }

    /// How to write beside the journal: plain, encrypted with its key, or `None` when it is
    /// encrypted and still locked (then nothing may be written in plain text).
    pub fn codec(&self) -> Option<Codec> {
        let dir = self.dir().ok()?;
        if !crypt::is_encrypted(&dir) {
            return Some(Codec::plain());
        }
        self.unlocked
            .get()
            .map(|(key, _)| Codec::sealed(key.clone()))
    }

    /// To write: waits a few seconds behind another command; the app's open journal is an
    /// error that says so.
    pub fn write(&self) -> tend::Result<Store> {
        let store = Store::open_to_write_with(self.dir()?, Box::new(SystemClock), self.key()?)?;
        tell(store.notices());
        Ok(store)
    }
}

/// What the open did on its own (a change of encryption cut short, finished now), on standard
/// error, whatever the command.
pub(crate) fn tell(notices: &[tend::Notice]) {
    for notice in notices {
        eprintln!("tend: {}", notice.message);
    }
}
