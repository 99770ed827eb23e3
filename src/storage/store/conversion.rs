//! A change of encryption cut short (by a kill, a power cut, a full disk): what the journal is
//! meanwhile, in words. Said by the error of the command that stopped, by `tend encryption
//! status`, and by the open that finishes the change (see `Store::finish_conversion`), so
//! that no file changes form without the person hearing of it.

use std::path::Path;

use super::encryption::converted_files;
use crate::crypt;
use crate::document::Notice;
use crate::error::Error;

/// Encryption being turned on or off, not finished: its marker is still in the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CutShort {
    /// Being turned on (else off).
    pub turning_on: bool,
    /// The journal has its key file (`identity.age`): it opens only with the passphrase.
    pub locked: bool,
    /// The journal's files (documents and settings; backups aside) in each form.
    pub encrypted: usize,
    pub plain: usize,
}

impl CutShort {
    /// The change cut short in the journal at `root`, if any, with its files counted by form.
    /// A folder that cannot be read is not counted.
    pub fn find(root: &Path) -> Option<CutShort> {
        // Both markers at once (never written so) count as turning off, as the codec does.
        let decrypting = root.join(crypt::DECRYPTING).exists();
        if !decrypting && !root.join(crypt::ENCRYPTING).exists() {
            return None;
        }
        let turning_on = !decrypting;
        let files = converted_files(root, true).unwrap_or_default();
        let encrypted = files.iter().filter(|p| crypt::is_sealed(p)).count();
        Some(CutShort {
            turning_on,
            locked: crypt::is_encrypted(root),
            encrypted,
            plain: files.len() - encrypted,
        })
    }

    /// "6 of the journal's 8 files are plain now, and 2 are still encrypted".
    pub fn counts(&self) -> String {
        let total = self.encrypted + self.plain;
        let (done, done_form, left, left_form) = if self.turning_on {
            (self.encrypted, "encrypted", self.plain, "plain")
        } else {
            (self.plain, "plain", self.encrypted, "encrypted")
        };
        format!(
            "{done} of the journal's {total} files {} {done_form} now, and {left} {} still \
             {left_form}",
            are(done),
            are(left)
        )
    }

    /// What the journal is, as `tend encryption status` and the app say it.
    pub fn status(&self) -> String {
        match (self.turning_on, self.locked) {
            (false, true) => format!(
                "Encryption is being turned off, and that was cut short: {}. Until it is \
                 finished, the journal opens only with its passphrase (or recovery key); the next \
                 time it is opened with it, Tend finishes turning encryption off.",
                self.counts()
            ),
            (false, false) => "Encryption is off: turning it off was cut short at its very end \
                               (every file is plain), and the next open tidies up."
                .into(),
            (true, true) => format!(
                "Encryption is being turned on, and that was cut short: {}. The journal already \
                 opens only with its new passphrase (or recovery key); the next time it is opened \
                 with it, Tend finishes encrypting the rest.",
                self.counts()
            ),
            (true, false) => "Encryption is off: turning it on was cut short before any file \
                              was encrypted, and the journal is plain, as it was."
                .into(),
        }
    }

    /// The error of a change that `source` stopped part way: why, what the journal now is,
    /// how it opens, and what to do.
    pub(super) fn stopped(&self, source: Error) -> Error {
        let (cause, remedy) = match &source {
            Error::DiskFull { path } => (
                format!("the disk is full ({})", path.display()),
                "Free some space, then",
            ),
            other => (
                other.to_string().trim_end_matches('.').to_string(),
                "Once that is put right,",
            ),
        };
        let what = match (self.turning_on, self.locked) {
            (false, true) => format!(
                "Turning encryption off stopped part way: {cause}. {}; nothing is lost. Until it \
                 is finished, the journal stays locked: it opens only with your passphrase (or \
                 recovery key), and the next time it is opened with it, Tend goes on turning \
                 encryption off. {remedy} turn encryption off again to finish it now.",
                self.counts()
            ),
            (false, false) => format!(
                "Turning encryption off stopped at its very end: {cause}. Every file is plain \
                 and the journal opens without a passphrase; the next open tidies up."
            ),
            (true, true) => format!(
                "Turning encryption on stopped part way: {cause}. {} (anyone who can open the \
                 journal's folder can read those); nothing is lost. The journal already opens \
                 only with the new passphrase (or recovery key), and the next time it is opened \
                 with it, Tend goes on encrypting the rest. {remedy} open the journal to finish \
                 it.",
                self.counts()
            ),
            (true, false) => format!(
                "Turning encryption on stopped before any file was encrypted: {cause}. The \
                 journal is as it was, plain, and opens without a passphrase."
            ),
        };
        Error::ConversionStopped {
            what,
            source: Box::new(source),
        }
    }

    /// What an open that finished (or undid) the change says of it, from the state before.
    pub(super) fn finished(&self) -> Notice {
        let message = match (self.turning_on, self.locked) {
            (false, _) if self.encrypted > 0 => format!(
                "Tend finished turning encryption off, which was cut short: the {} still \
                 encrypted {} plain now, and the journal opens without a passphrase.",
                files(self.encrypted),
                are(self.encrypted)
            ),
            (false, _) => "Tend finished turning encryption off, which was cut short: the \
                           journal opens without a passphrase now."
                .into(),
            (true, true) if self.plain > 0 => format!(
                "Tend finished turning encryption on, which was cut short: the {} still plain \
                 {} encrypted now.",
                files(self.plain),
                are(self.plain)
            ),
            (true, true) => "Tend finished turning encryption on, which was cut short: every \
                             file is encrypted now."
                .into(),
            (true, false) => "Turning encryption on was cut short before any file was \
                              encrypted: the journal is plain, as it was."
                .into(),
        };
        Notice { message }
    }
}

fn are(n: usize) -> &'static str {
    if n == 1 {
        "is"
    } else {
        "are"
    }
}

fn files(n: usize) -> String {
    if n == 1 {
        "1 file".into()
    } else {
        format!("{n} files")
    }
}
