//! `tend doctor`, and the warning every reading command gives when the journal has a file it
//! cannot read or a document in two versions.

use std::process::ExitCode;

use tend::Store;

use crate::Journal;

/// Counts, and every file that cannot be read, with the reason: exits 1 when there is one.
pub fn run(journal: &Journal) -> tend::Result<ExitCode> {
    let store = journal.read()?;
    println!("Journal: {}", store.root().display());
    println!("Entries: {}", store.entry_count());
    // Every file read, whatever the index says (issue 23): a file edited in place, or
    // made unreadable, is named even where the cache would trust it.
    let mut problems = store.check_every_file();
    let (photos, unreadable) = store.check_pictures();
    println!("Photos: {photos}");
    problems.extend(unreadable);
    let two = store.two_versions().len();
    if two > 0 {
        println!(
            "Documents in two versions: {two}, each left as it was found (`tend \
             conflicts` shows them)."
        );
    }
    if problems.is_empty() {
        println!("Every file could be read.");
    } else {
        println!(
            "Files that cannot be read ({}), left as they are:",
            problems.len()
        );
        for p in &problems {
            println!("  {}: {}", p.path, p.reason);
        }
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn warn_problems(store: &Store) {
    // A problem of the journal as a whole (a change of encryption cut short) is said whole.
    let (whole, files): (Vec<_>, Vec<_>) =
        (store.problems().iter()).partition(|p| std::path::Path::new(&p.path) == store.root());
    for p in whole {
        eprintln!("tend: {}", p.reason);
    }
    let n = files.len();
    if n > 0 {
        eprintln!("tend: {n} file(s) could not be read; run `tend doctor` to see which");
    }
    let two = store.two_versions().len();
    if two > 0 {
        eprintln!("tend: {two} document(s) in two versions; run `tend conflicts` to see them");
    }
}
