//! An encrypted journal on two computers (issue 25): a passphrase changed on one reaches the
//! other, which opens with the new one; changed on both at once, the sync keeps both identity
//! files and either passphrase opens the journal until she sets one.

mod common;

use std::fs;
use std::path::Path;

use common::{copy_tree, draft, secret};
use tend::crypt::{self, Key};
use tend::{Error, Store};

const QUICK: Option<u8> = Some(2);

fn unlock(dir: &Path, pass: &str) -> tend::Result<Store> {
    let key = Key::unlock(dir, &secret(pass))?;
    Store::open_with(dir, common::at("2026-12-06T21:00:00+01:00"), Some(key))
}

/// One encrypted journal, and the other computer's copy of it.
fn two_computers(base: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let (laptop, desktop) = (base.join("laptop"), base.join("desktop"));
    let mut store = common::open(&laptop);
    store
        .save_entry(draft("2026-11-20", "Kept on both."))
        .unwrap();
    store
        .encryption_on(&secret("first passphrase"), QUICK)
        .unwrap();
    drop(store);
    fs::create_dir_all(&desktop).unwrap();
    copy_tree(&laptop, &desktop);
    (laptop, desktop)
}

#[test]
fn a_passphrase_changed_on_one_computer_opens_the_journal_on_the_other() {
    let base = tempfile::tempdir().unwrap();
    let (laptop, desktop) = two_computers(base.path());
    let mut store = unlock(&laptop, "first passphrase").unwrap();
    let new = secret("the laptop's new one");
    store
        .change_passphrase(&secret("first passphrase"), &new, QUICK)
        .unwrap();
    drop(store);
    fs::copy(laptop.join(crypt::IDENTITY), desktop.join(crypt::IDENTITY)).unwrap();

    let old = unlock(&desktop, "first passphrase").map(drop).unwrap_err();
    assert!(matches!(old, Error::WrongPassphrase));
    assert!(
        old.to_string().contains("changed on another computer"),
        "{old}"
    );
    assert_eq!(
        unlock(&desktop, "the laptop's new one")
            .unwrap()
            .entry_count(),
        1
    );
}

/// Guards a journal that opened with only one of two passphrases set at once (the other
/// computer's, in the sync tool's conflict copy of identity.age, was never tried).
#[test]
fn passphrases_changed_on_both_at_once_each_open_it_until_she_sets_one() {
    let base = tempfile::tempdir().unwrap();
    let (laptop, desktop) = two_computers(base.path());
    for (dir, new) in [
        (&laptop, "the laptop's new one"),
        (&desktop, "the desktop's new one"),
    ] {
        let mut store = unlock(dir, "first passphrase").unwrap();
        store
            .change_passphrase(&secret("first passphrase"), &secret(new), QUICK)
            .unwrap();
    }
    let copy = laptop.join("identity.sync-conflict-20261206-101010-BBBBBBB.age");
    fs::copy(desktop.join(crypt::IDENTITY), &copy).unwrap();

    let mut store = unlock(&laptop, "the desktop's new one").expect("the other computer's");
    assert_eq!(store.entry_count(), 1);
    assert!(
        unlock(&laptop, "the laptop's new one").is_ok(),
        "and this one's"
    );
    assert!(matches!(
        unlock(&laptop, "first passphrase").map(drop),
        Err(Error::WrongPassphrase)
    ));
    let named = (store.problems().iter()).any(|p| p.path.ends_with("BBBBBBB.age"));
    assert!(
        named,
        "the two passphrases are said: {:?}",
        store.problems()
    );

    store
        .change_passphrase(
            &secret("the desktop's new one"),
            &secret("one for both"),
            QUICK,
        )
        .unwrap();
    drop(store);

    assert!(!copy.exists(), "settled: one identity file");
    assert!(unlock(&laptop, "one for both")
        .unwrap()
        .problems()
        .is_empty());
    for old in ["the laptop's new one", "the desktop's new one"] {
        assert!(matches!(
            unlock(&laptop, old).map(drop),
            Err(Error::WrongPassphrase)
        ));
    }
}

/// Review: a copy of identity.age holding another key (encryption turned on on two computers
/// at once) never opens the journal (its key would then replace the journal's at the next change
/// of passphrase), and a change of passphrase leaves it where it is, still named.
#[test]
fn an_identity_copy_with_another_key_never_stands_in_and_stays() {
    let base = tempfile::tempdir().unwrap();
    let (laptop, _) = two_computers(base.path());
    let elsewhere = base.path().join("elsewhere");
    let mut other = common::open(&elsewhere);
    other
        .save_entry(draft("2026-11-21", "Another journal."))
        .unwrap();
    other
        .encryption_on(&secret("the other key's"), QUICK)
        .unwrap();
    drop(other);
    let copy = laptop.join("identity (conflicted copy 2026-12-06 101010).age");
    fs::copy(elsewhere.join(crypt::IDENTITY), &copy).unwrap();
    // And one under this journal's own new passphrase, which opens it, holding another key.
    let same = base.path().join("same-passphrase");
    let mut other = common::open(&same);
    other
        .save_entry(draft("2026-11-21", "A third journal."))
        .unwrap();
    other
        .encryption_on(&secret("first passphrase"), QUICK)
        .unwrap();
    drop(other);
    let same_copy = laptop.join("identity.sync-conflict-20261206-101010-SSSSSSS.age");
    fs::copy(same.join(crypt::IDENTITY), &same_copy).unwrap();

    let refused = unlock(&laptop, "the other key's").map(drop);
    assert!(
        matches!(refused, Err(Error::WrongPassphrase)),
        "{refused:?}"
    );
    let mut store = unlock(&laptop, "first passphrase").unwrap();
    store
        .change_passphrase(&secret("first passphrase"), &secret("a new one"), QUICK)
        .unwrap();
    drop(store);

    assert!(copy.exists(), "another key's copy is never removed");
    assert!(
        same_copy.exists(),
        "nor one the current passphrase opens, if it holds another key"
    );
    let store = unlock(&laptop, "a new one").unwrap();
    assert_eq!(store.entry_count(), 1);
    assert!((store.problems().iter()).any(|p| p.path.ends_with("101010).age")));
}
