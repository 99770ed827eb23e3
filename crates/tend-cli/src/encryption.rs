//! The passphrase on the command line, and `tend encryption on|off|change-passphrase|status`.
//!
//! A passphrase is asked for on the terminal (never echoed), or read from a file descriptor
//! for scripts (`--passphrase-fd N`: one passphrase per line, in the order asked). Never from
//! an argument or the environment, where other users' `ps` and the shell's history would see
//! it.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::time::Duration;

use clap::Subcommand;
use tend::crypt::{self, secrecy::SecretString, Key};
use tend::Error;

use crate::Journal;

#[derive(Subcommand)]
pub enum EncryptionCommand {
    /// Encrypt the journal with a new passphrase (asked twice on the terminal).
    On {
        /// Print the recovery key once, to write down: it opens the journal if the
        /// passphrase is lost.
        #[arg(long)]
        show_recovery_key: bool,
    },
    /// Decrypt every file and stop encrypting (asks for the passphrase).
    Off,
    /// Change the passphrase: only identity.age is rewritten.
    ChangePassphrase,
    /// Say whether the journal is encrypted.
    Status,
}

/// Where passphrases come from: the terminal, or the lines of a file descriptor.
pub struct Passphrases {
    fd: Option<u32>,
    lines: RefCell<Option<VecDeque<String>>>,
}

/// The terminal's prompt: three tries, each wrong one waiting longer.
const TTY_TRIES: u32 = 3;

impl Passphrases {
    pub fn new(fd: Option<u32>) -> Self {
        Passphrases {
            fd,
            lines: RefCell::new(None),
        }
    }

    /// The next passphrase: the next line of the descriptor, or asked on the terminal.
    fn next(&self, prompt: &str) -> tend::Result<SecretString> {
        let Some(fd) = self.fd else {
            return rpassword::prompt_password(prompt)
                .map(SecretString::from)
                .map_err(|e| {
                    Error::invalid(format!(
                        "The journal needs a passphrase, and there is no terminal to ask it on \
                         ({e}). Scripts can give it with --passphrase-fd N."
                    ))
                });
        };
        let mut lines = self.lines.borrow_mut();
        if lines.is_none() {
            // /dev/fd/N is the descriptor itself: no unsafe code to adopt it.
            let path = format!("/dev/fd/{fd}");
            let mut text = String::new();
            std::fs::File::open(&path)
                .and_then(|mut f| f.read_to_string(&mut text))
                .map_err(|e| {
                    Error::invalid(format!("--passphrase-fd {fd} cannot be read ({e})"))
                })?;
            *lines = Some(text.lines().map(String::from).collect());
        }
        lines
            .as_mut()
            .and_then(VecDeque::pop_front)
            .map(SecretString::from)
            .ok_or_else(|| {
                Error::invalid(format!(
                    "--passphrase-fd {fd} has no line left for: {}",
                    prompt.trim_end_matches([':', ' '])
                ))
            })
    }

    fn interactive(&self) -> bool {
        self.fd.is_none()
    }

    /// Unlocks the journal at `root`: the passphrase or the recovery key. On the terminal, a
    /// wrong one may be tried again, after a pause that grows.
    pub fn unlock(&self, root: &std::path::Path) -> tend::Result<(Key, SecretString)> {
        let mut tries = 0;
        loop {
            let secret = self.next("Passphrase (or recovery key) for the journal: ")?;
            match Key::unlock(root, &secret) {
                Ok(key) => return Ok((key, secret)),
                Err(Error::WrongPassphrase) if self.interactive() && tries + 1 < TTY_TRIES => {
                    tries += 1;
                    eprintln!("That passphrase does not open this journal. Try again.");
                    std::thread::sleep(Duration::from_secs(1 << tries));
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// A new passphrase: on the terminal, typed twice to be sure of it.
    pub fn new_passphrase(&self) -> tend::Result<SecretString> {
        let first = self.next("New passphrase: ")?;
        crypt::check_passphrase(&first)?;
        if self.interactive() {
            let again = self.next("The same passphrase again: ")?;
            use crypt::secrecy::ExposeSecret;
            if again.expose_secret() != first.expose_secret() {
                return Err(Error::invalid(
                    "The two passphrases differ; nothing was changed. Try again.",
                ));
            }
        }
        Ok(first)
    }
}

pub fn run(journal: &Journal, command: EncryptionCommand) -> tend::Result<()> {
    match command {
        EncryptionCommand::Status => {
            let dir = journal.dir()?;
            if let Some(cut_short) = tend::store::CutShort::find(&dir) {
                println!("{}", cut_short.status());
                if !cut_short.turning_on && cut_short.locked {
                    println!("`tend encryption off` finishes it now.");
                }
            } else if crypt::is_encrypted(&dir) {
                println!(
                    "Encryption is on: every document in {} is encrypted in the age format, to \
                     the key in {} (itself encrypted with the passphrase).",
                    dir.display(),
                    crypt::IDENTITY
                );
            } else {
                println!(
                    "Encryption is off: anyone who can open {} can read the journal. \
                     `tend encryption on` encrypts it.",
                    dir.display()
                );
            }
        }
        EncryptionCommand::On { show_recovery_key } => {
            let mut store = journal.write()?;
            store.may_turn_encryption_on()?;
            eprintln!(
                "If the passphrase is lost (and the recovery key with it), nobody can read this \
                 journal again: not you, not Tend, not anyone."
            );
            let passphrase = journal.passphrases.new_passphrase()?;
            let key = store.encryption_on(&passphrase, None)?;
            println!("Encryption is on: every document is encrypted.");
            if show_recovery_key {
                use crypt::secrecy::ExposeSecret;
                println!(
                    "Recovery key (write it down and keep it somewhere safe; it opens the \
                     journal without the passphrase, and Tend will not show it again):\n{}",
                    key.recovery_key().expose_secret()
                );
            }
        }
        EncryptionCommand::Off => {
            let mut store = journal.write()?;
            let secret = journal.secret()?;
            store.encryption_off(&secret)?;
            println!("Encryption is off: every document is plain JSON again.");
        }
        EncryptionCommand::ChangePassphrase => {
            let mut store = journal.write()?;
            let current = journal.secret()?;
            let new = journal.passphrases.new_passphrase()?;
            store.change_passphrase(&current, &new, None)?;
            println!("The passphrase is changed. The old one no longer opens the journal.");
        }
    }
    Ok(())
}
