//! `tend delete`, `tend restore-deleted` and `tend trash`: an entry or a filling to the
//! trash, kept 30 days, and back.

use crate::Journal;

pub fn delete(journal: &Journal, id: &str) -> tend::Result<()> {
    let mut store = journal.write()?;
    let gone = store.delete(id)?;
    println!(
        "Moved to the trash: {} of {} ({}). `tend restore-deleted {id}` brings it back \
         within 30 days.",
        gone.kind.label(),
        gone.date,
        gone.title
    );
    Ok(())
}

/// Brings `id` back to its place; beside the one there, as a second version, when its id is
/// in the journal again.
pub fn restore(journal: &Journal, id: &str) -> tend::Result<()> {
    let mut store = journal.write()?;
    let back = store.restore_deleted(id)?;
    println!(
        "Restored {} of {} ({}).",
        back.kind.label(),
        back.date,
        back.title
    );
    if store.two_versions().iter().any(|v| v.id == id) {
        println!(
            "Its id is in the journal already, so it came back beside that one as a \
             second version: `tend conflicts` shows both, and `tend resolve {id} --keep \
             this|that|both` keeps what you choose."
        );
    }
    Ok(())
}

/// What is in the trash, with when it was deleted.
pub fn list(journal: &Journal) -> tend::Result<()> {
    let store = journal.read()?;
    for t in store.trash()? {
        println!(
            "{}  {}  {:<18}  deleted {}  {}",
            t.date,
            t.id,
            t.kind.label(),
            t.deleted.format("%Y-%m-%d %H:%M"),
            t.title
        );
    }
    Ok(())
}
