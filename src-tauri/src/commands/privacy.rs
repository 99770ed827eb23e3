//! Encryption and the lock: unlock, lock, and turning encryption on or off in Settings.
//! Passphrases cross from the page once, into a `SecretString`, and are never stored.

use tauri::{AppHandle, State};
use tend::crypt::secrecy::{ExposeSecret, SecretString};
use tend::store::settings::LockScreen;
use tend::store::JournalInfo;

use super::Reply;
use crate::state::Journal;

/// Unlocks an encrypted journal with its passphrase or recovery key; then what follows an open
/// (see [`crate::after_open`]).
#[tauri::command(async)]
pub fn unlock(app: AppHandle, journal: State<Journal>, passphrase: String) -> Reply<JournalInfo> {
    let mut info = journal.unlock(SecretString::from(passphrase))?;
    info.settings.start_at_login = crate::reminder::starts_at_login();
    crate::after_open(app);
    Ok(info)
}

/// Locks the journal: the page has saved and emptied itself; the core drops the key and every
/// decrypted document.
#[tauri::command(async)]
pub fn lock(journal: State<Journal>) {
    journal.lock();
}

/// Encrypts the journal; returns the recovery key, for the page to show once.
#[tauri::command(async)]
pub fn encryption_on(journal: State<Journal>, passphrase: String) -> Reply<String> {
    let passphrase = SecretString::from(passphrase);
    journal.with(|store| {
        let key = store.encryption_on(&passphrase, None)?;
        Ok(key.recovery_key().expose_secret().to_string())
    })
}

#[tauri::command(async)]
pub fn encryption_off(journal: State<Journal>, passphrase: String) -> Reply<JournalInfo> {
    let passphrase = SecretString::from(passphrase);
    journal.with(|store| {
        store.encryption_off(&passphrase)?;
        Ok(store.info())
    })
}

#[tauri::command(async)]
pub fn change_passphrase(journal: State<Journal>, current: String, new: String) -> Reply<()> {
    let (current, new) = (SecretString::from(current), SecretString::from(new));
    journal.with(|store| store.change_passphrase(&current, &new, None))
}

/// How the lock screen looks (the theme and text size chosen in Settings), readable while the
/// journal is locked: kept outside the encryption, with the helplines' country.
#[tauri::command(async)]
pub fn lock_screen_look(journal: State<Journal>) -> LockScreen {
    journal.lock_screen()
}
