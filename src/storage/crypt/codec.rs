//! How the store reads and writes its files: plain, or in age's format with the journal's
//! [`Key`], and the file names that say which (`entry.json` or `entry.json.age`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{Key, SEALED};
use crate::error::{Error, IoContext, Result};
use crate::fsio;

/// Whether a file's name says it is encrypted.
pub fn is_sealed(path: &Path) -> bool {
    path.to_string_lossy().ends_with(SEALED)
}

/// `path` as it is named when encrypted (`seal`) or not.
pub fn named(path: &Path, seal: bool) -> PathBuf {
    let text = path.to_string_lossy();
    match (seal, text.strip_suffix(SEALED)) {
        (true, None) => PathBuf::from(format!("{text}{SEALED}")),
        (false, Some(plain)) => PathBuf::from(plain),
        _ => path.to_path_buf(),
    }
}

/// How the store reads and writes its files: plain, or encrypted with a key.
#[derive(Clone, Debug, Default)]
pub struct Codec {
    key: Option<Key>,
    /// New files are written encrypted. False while encryption is being turned off (the key
    /// still reads what is not yet decrypted).
    seal: bool,
}

impl Codec {
    pub fn plain() -> Codec {
        Codec::default()
    }

    pub fn sealed(key: Key) -> Codec {
        Codec {
            key: Some(key),
            seal: true,
        }
    }

    /// Reads with `key` and writes plain: turning encryption off.
    pub(crate) fn unsealing(key: Key) -> Codec {
        Codec {
            key: Some(key),
            seal: false,
        }
    }

    pub fn seals(&self) -> bool {
        self.seal
    }

    pub fn key(&self) -> Option<&Key> {
        self.key.as_ref()
    }

    /// Where a file Tend names `path` (its plain name) is written.
    pub fn path(&self, path: &Path) -> PathBuf {
        named(path, self.seal)
    }

    /// The bytes to write for `plain`.
    pub fn encode(&self, plain: Vec<u8>) -> Vec<u8> {
        match (&self.key, self.seal) {
            (Some(key), true) => key.seal(&plain),
            _ => plain,
        }
    }

    /// The plain bytes of the file `path` read as `bytes`: decrypted when its name says it is
    /// encrypted.
    pub fn decode(&self, path: &Path, bytes: Vec<u8>) -> Result<Vec<u8>> {
        if !is_sealed(path) {
            return Ok(bytes);
        }
        match &self.key {
            Some(key) => key.open(path, &bytes),
            None => Err(Error::Unreadable {
                path: path.to_path_buf(),
                reason: "it is encrypted, and this journal has no key to open it (is \
                         identity.age missing?)"
                    .into(),
            }),
        }
    }

    /// Reads `path` whichever way it is stored: under its name for this codec, else under the
    /// other (a conversion not yet finished). `Ok(None)` when neither exists.
    pub fn read_either(&self, path: &Path) -> Result<Option<(PathBuf, Vec<u8>)>> {
        for candidate in [self.path(path), named(path, !self.seal)] {
            if let Some(bytes) = fsio::read_optional(&candidate)? {
                let plain = self.decode(&candidate, bytes)?;
                return Ok(Some((candidate, plain)));
            }
        }
        Ok(None)
    }

    /// Writes `plain` durably as the file Tend names `path`, encrypted when this codec seals,
    /// and removes the file's other form if there is one. Returns where it was written.
    pub fn write(&self, path: &Path, plain: Vec<u8>) -> Result<PathBuf> {
        let target = self.path(path);
        fsio::write_atomic(&target, &self.encode(plain))?;
        remove_if_present(&named(path, !self.seal))?;
        Ok(target)
    }

    /// Rewrites the file at `path` in this codec's form, if it is in the other: written first,
    /// then the old form removed, so a crash in between leaves two copies and loses nothing.
    /// Returns the file's path now.
    pub fn convert(&self, path: &Path) -> Result<PathBuf> {
        if is_sealed(path) == self.seal {
            return Ok(path.to_path_buf());
        }
        let target = named(path, self.seal);
        if !target.exists() {
            let bytes = fs::read(path).at(path)?;
            let plain = self.decode(path, bytes)?;
            fsio::write_atomic(&target, &self.encode(plain))?;
        }
        // Either just written, or written before a crash (atomically, so whole): the old form
        // goes.
        remove_if_present(path)?;
        Ok(target)
    }
}

fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, e)),
    }
}
