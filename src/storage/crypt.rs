//! Encryption at rest, in the age format (the C2SP age spec), so that a journal can always be
//! decrypted without Tend, with the `age` command-line tool.
//!
//! Turning encryption on creates one X25519 identity. It is kept in `identity.age` at the top of
//! the data folder, itself encrypted with the passphrase (age's scrypt recipient), and every
//! document is encrypted to it (`*.json` becomes `*.json.age`). So the slow passphrase step runs
//! once per unlock, and changing the passphrase rewrites only `identity.age`. The identity file
//! is in `age-keygen`'s format, so `age -d -i identity.age entry.json.age` works by hand.
//!
//! A [`Key`] is the unlocked identity, in memory only; the store holds it while the journal is
//! open and drops it with the store (which is what the app's lock does).

use std::fs;
use std::path::Path;
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;

use crate::error::{Error, IoContext, Result};
use crate::fsio;

mod codec;
pub use codec::{is_sealed, named, Codec};

pub use age::secrecy;

/// The passphrase-encrypted identity, at the top of the data folder.
pub const IDENTITY: &str = "identity.age";
/// What an encrypted file's name ends with, after its plain name (`….json.age`).
pub const SEALED: &str = ".age";
/// Written before encryption is turned on, removed once every file is encrypted: a start that
/// finds it finishes the job.
pub(crate) const ENCRYPTING: &str = ".encrypting";
/// Written before encryption is turned off, removed once every file is decrypted (and the
/// identity removed): a start that finds it finishes the job.
pub(crate) const DECRYPTING: &str = ".decrypting";
/// A passphrase shorter than this is refused: it would be guessed too easily.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The recovery key is the identity itself, written out: it starts with this.
const RECOVERY_PREFIX: &str = "AGE-SECRET-KEY-1";

/// Other versions of `identity.age` a sync tool kept beside it, when the passphrase was changed
/// on two computers at once: `identity.sync-conflict-….age` (Syncthing), `identity (conflicted
/// copy ….age` (Nextcloud), `identity (… conflicted copy …).age` (Dropbox),
/// `identity_conflict-….age` (ownCloud). Each holds the journal's key under the passphrase set
/// on one computer.
pub fn identity_copies(root: &Path) -> Vec<std::path::PathBuf> {
    let Ok(read) = fs::read_dir(root) else {
        return Vec::new();
    };
    let mut out: Vec<_> = read
        .flatten()
        .filter(|item| {
            let name = item.file_name().to_string_lossy().into_owned();
            let marked = [".sync-conflict-", "conflicted copy", "_conflict-"]
                .iter()
                .any(|mark| name.contains(mark));
            name.starts_with("identity") && name.ends_with(SEALED) && name != IDENTITY && marked
        })
        .map(|item| item.path())
        .collect();
    out.sort();
    out
}

/// Whether the journal at `root` is encrypted (has an identity): it must be unlocked to open.
pub fn is_encrypted(root: &Path) -> bool {
    root.join(IDENTITY).is_file()
}

/// The unlocked identity of an encrypted journal.
#[derive(Clone)]
pub struct Key {
    identity: x25519::Identity,
    recipient: x25519::Recipient,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(..)")
    }
}

/// The most scrypt work (log2 N) an identity may ask for: 2^22 needs 4 GiB and several seconds.
const MAX_WORK_FACTOR: u8 = 22;

impl Key {
    /// A new identity, for a journal being encrypted.
    pub fn generate() -> Key {
        Key::from_identity(x25519::Identity::generate())
    }

    fn from_identity(identity: x25519::Identity) -> Key {
        let recipient = identity.to_public();
        Key {
            identity,
            recipient,
        }
    }

    /// Unlocks the journal at `root` with its passphrase or with its recovery key (the text
    /// shown once when encryption was turned on). The passphrase step is slow by design.
    pub fn unlock(root: &Path, secret: &SecretString) -> Result<Key> {
        let given = secret.expose_secret().trim();
        if given.to_ascii_uppercase().starts_with(RECOVERY_PREFIX) {
            let key = Key::from_recovery(given)?;
            // Only the passphrase opens identity.age, so the key is checked against the
            // journal's settings, which an encrypted journal always has.
            key.opens_journal(root)?;
            return Ok(key);
        }
        Key::unlock_with(root, secret).map(|(key, _)| key)
    }

    /// [`Key::unlock`] with a passphrase, and the identity file it opened: `identity.age`, or a
    /// sync tool's copy of it, kept when the passphrase was changed on two computers at once
    /// (either passphrase opens the journal then). A copy's key is taken only if it opens the
    /// journal's settings: a copy holding another key (encryption turned on on two computers at
    /// once) never stands in for the journal's.
    pub fn unlock_with(root: &Path, secret: &SecretString) -> Result<(Key, std::path::PathBuf)> {
        let own = root.join(IDENTITY);
        let first = Key::unlock_file(&own, secret);
        if !matches!(first, Err(Error::WrongPassphrase)) {
            return first.map(|key| (key, own));
        }
        for copy in identity_copies(root) {
            if let Ok(key) = Key::unlock_file(&copy, secret) {
                if key.opens_journal(root).is_ok() {
                    return Ok((key, copy));
                }
            }
        }
        first.map(|key| (key, own))
    }

    /// Whether this key opens the journal at `root` (its settings, which an encrypted journal
    /// always has): [`Error::WrongPassphrase`] if not.
    fn opens_journal(&self, root: &Path) -> Result<()> {
        let settings = named(&root.join(crate::paths::SETTINGS), true);
        match fsio::read_optional(&settings)? {
            Some(sealed) if age::decrypt(&self.identity, &sealed).is_err() => {
                Err(Error::WrongPassphrase)
            }
            _ => Ok(()),
        }
    }

    /// The identity kept in the file `path`, under `secret`.
    pub(crate) fn unlock_file(path: &Path, secret: &SecretString) -> Result<Key> {
        let path = path.to_path_buf();
        let sealed = fs::read(&path).at(&path)?;
        let mut identity = age::scrypt::Identity::new(secret.clone());
        // age accepts up to 16 times the work this computer does in a second *now*: measured
        // on a busy moment, that refused the very identity Tend wrote a minute before ("would
        // take around 32 seconds"). This file is Tend's own, its work chosen by age for about a
        // second when the passphrase was set; any such choice is accepted, up to the bound age's
        // documentation names (2^22).
        identity.set_max_work_factor(MAX_WORK_FACTOR);
        let text = match age::decrypt(&identity, &sealed) {
            Ok(text) => text,
            Err(age::DecryptError::NoMatchingKeys | age::DecryptError::DecryptionFailed) => {
                return Err(Error::WrongPassphrase)
            }
            Err(age::DecryptError::ExcessiveWork { required, .. }) => {
                return Err(Error::Unreadable {
                    path,
                    reason: format!(
                        "its passphrase asks for more work than Tend allows (2^{required}); \
                         the recovery key still opens the journal"
                    ),
                })
            }
            Err(e) => {
                return Err(Error::Unreadable {
                    path,
                    reason: format!(
                        "it is damaged ({e}); the recovery key still opens the journal"
                    ),
                })
            }
        };
        let text = String::from_utf8(text).map_err(|_| Error::Unreadable {
            path: path.clone(),
            reason: "it does not hold an age identity".into(),
        })?;
        Key::from_recovery(&text).map_err(|_| Error::Unreadable {
            path,
            reason: "it does not hold an age identity".into(),
        })
    }

    /// The identity from its text (`AGE-SECRET-KEY-1…`), alone or in an `age-keygen` file.
    fn from_recovery(text: &str) -> Result<Key> {
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or("");
        // Written down by hand, it may come back in lower case or with spaces.
        let line: String = line
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        x25519::Identity::from_str(&line)
            .map(Key::from_identity)
            .map_err(|_| Error::WrongPassphrase)
    }

    /// The identity as text: the recovery key, to write down. It opens the journal without the
    /// passphrase, so it is shown once and never stored anywhere else by Tend.
    pub fn recovery_key(&self) -> SecretString {
        self.identity.to_string()
    }

    /// The public half, `age1…`: what documents are encrypted to.
    pub fn public(&self) -> String {
        self.recipient.to_string()
    }

    /// Writes `identity.age`: the identity in `age-keygen`'s format, encrypted with
    /// `passphrase`. `work_factor` is scrypt's log2(N); `None` lets age choose (about a second
    /// on this computer). Tests pass a low one to run quickly.
    pub fn save_identity(
        &self,
        root: &Path,
        passphrase: &SecretString,
        work_factor: Option<u8>,
    ) -> Result<()> {
        check_passphrase(passphrase)?;
        let text = format!(
            "# created: {}\n# public key: {}\n{}\n",
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"),
            self.public(),
            self.identity.to_string().expose_secret()
        );
        let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
        if let Some(log_n) = work_factor {
            recipient.set_work_factor(log_n);
        }
        let sealed = age::encrypt(&recipient, text.as_bytes())
            .map_err(|e| Error::invalid(format!("the identity could not be encrypted ({e})")))?;
        fsio::write_atomic(&root.join(IDENTITY), &sealed)
    }

    /// `plain`, encrypted to this identity.
    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        // Encrypting to a well-formed X25519 recipient into memory cannot fail.
        age::encrypt(&self.recipient, plain).expect("age encrypts to an X25519 recipient")
    }

    /// Decrypts the file `path` read as `sealed`; a file that does not decrypt is damaged (or
    /// was encrypted to another identity), and is reported, never shown as garbage.
    pub fn open(&self, path: &Path, sealed: &[u8]) -> Result<Vec<u8>> {
        age::decrypt(&self.identity, sealed).map_err(|e| Error::Unreadable {
            path: path.to_path_buf(),
            reason: match e {
                age::DecryptError::NoMatchingKeys => {
                    "it is encrypted, but not with this journal's key".into()
                }
                _ => format!("it is encrypted and damaged: it cannot be decrypted ({e})"),
            },
        })
    }
}

/// A passphrase must be long enough not to be guessed.
pub fn check_passphrase(passphrase: &SecretString) -> Result<()> {
    if passphrase.expose_secret().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::invalid(format!(
            "The passphrase needs at least {MIN_PASSPHRASE_CHARS} characters. A few words \
             you will remember are best."
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    #[test]
    fn the_passphrase_or_the_recovery_key_unlocks_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let key = Key::generate();
        key.save_identity(dir.path(), &secret("correct horse"), Some(2))
            .unwrap();
        let sealed = key.seal(b"dear diary");
        let path = dir.path().join("x.json.age");

        let unlocked = Key::unlock(dir.path(), &secret("correct horse")).unwrap();
        assert_eq!(unlocked.open(&path, &sealed).unwrap(), b"dear diary");
        assert!(matches!(
            Key::unlock(dir.path(), &secret("wrong horse")),
            Err(Error::WrongPassphrase)
        ));
        // Written down by hand: lower case, with spaces.
        let written = key.recovery_key().expose_secret().to_lowercase();
        let spaced = format!("{} {}", &written[..20], &written[20..]);
        let recovered = Key::unlock(dir.path(), &secret(&spaced)).unwrap();
        assert_eq!(recovered.open(&path, &sealed).unwrap(), b"dear diary");
    }

    #[test]
    fn a_tampered_or_truncated_file_is_damaged_never_garbage() {
        let key = Key::generate();
        let sealed = key.seal(b"{\"schema\":1}");
        let path = Path::new("/j/x.json.age");
        let mut flipped = sealed.clone();
        let last = flipped.len() - 3;
        flipped[last] ^= 1;
        for bad in [flipped, sealed[..sealed.len() - 5].to_vec()] {
            let error = key.open(path, &bad).unwrap_err().to_string();
            assert!(error.contains("damaged"), "{error}");
        }
        let other = Key::generate().open(path, &sealed).unwrap_err().to_string();
        assert!(other.contains("not with this journal's key"), "{other}");
    }

    #[test]
    fn a_short_passphrase_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let error = Key::generate()
            .save_identity(dir.path(), &secret("short"), Some(2))
            .unwrap_err();
        assert!(error.to_string().contains("at least 8"), "{error}");
        assert!(!is_encrypted(dir.path()));
    }

    #[test]
    fn names_gain_and_lose_the_age_suffix() {
        let p = Path::new("/j/entries/2026/a.json");
        assert_eq!(named(p, true), Path::new("/j/entries/2026/a.json.age"));
        assert_eq!(named(&named(p, true), false), p);
        assert_eq!(named(p, false), p);
    }
}
