//! `tend backup`, `tend backups` and `tend restore`: the journal's folder as one zip, and back;
//! and `tend move-journal`, the folder itself elsewhere.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tend::SystemClock;

use crate::Journal;

/// Backs the journal up: to `out` (relative to the working directory), or to a new automatic
/// backup in this computer's backups folder for the journal. A file that could not be read is named, and exits 1.
pub fn backup(journal: &Journal, out: Option<&Path>) -> tend::Result<ExitCode> {
    let store = journal.read()?;
    let made = store.backup(out)?;
    println!(
        "Backed up {} ({}) to {}",
        files(made.files),
        size(made.bytes),
        made.path.display()
    );
    if made.skipped.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "tend: the backup holds everything else, but not {} that could not be read:",
        match made.skipped.len() {
            1 => "this one".to_string(),
            n => format!("these {n}"),
        }
    );
    for p in &made.skipped {
        eprintln!("  {}: {}", p.path, p.reason);
    }
    Ok(ExitCode::FAILURE)
}

/// Lists the automatic backups, newest first.
pub fn list(journal: &Journal) -> tend::Result<()> {
    let backups = journal.read()?.backups()?;
    if backups.is_empty() {
        println!("No automatic backups yet; `tend backup` makes one now.");
    }
    for b in backups {
        println!(
            "{}  {:>9}  {}",
            b.created.format("%Y-%m-%d %H:%M:%S"),
            size(b.size),
            b.path.display()
        );
    }
    Ok(())
}

/// Replaces the journal with the backup `zip`, after backing up the journal as it is.
pub fn restore(journal: &Journal, zip: &Path) -> tend::Result<()> {
    let dir = journal.dir()?;
    let done = tend::backup::restore(&dir, zip, &SystemClock)?;
    println!(
        "Restored {} from {} into {}.",
        files(done.restored_files),
        zip.display(),
        dir.display()
    );
    println!(
        "The journal as it was before is kept in {0}; `tend restore {0}` brings it back.",
        done.safety_backup.display()
    );
    Ok(())
}

/// `tend move-journal DIR`.
pub fn move_journal(journal: &Journal, to: &Path) -> tend::Result<()> {
    let moved = tend::moving::move_journal(&journal.dir()?, to)?;
    println!(
        "Moved the journal ({}, {}) to {}, and checked every file.",
        files(moved.files as usize),
        size(moved.bytes),
        moved.to
    );
    println!(
        "Tend opens it there from now on, on this computer. The old folder {} is kept as it \
         was: remove it yourself once you have looked at the journal in its new place.",
        moved.from
    );
    Ok(())
}

/// `tend backups-folder [DIR | --usual]`.
pub fn backups_folder(journal: &Journal, dir: Option<PathBuf>, usual: bool) -> tend::Result<()> {
    let root = journal.dir()?;
    if dir.is_none() && !usual {
        println!("{}", tend::paths::backups_dir(&root).display());
        return Ok(());
    }
    let moved = tend::moving::keep_backups_in(&root, dir.as_deref())?;
    println!(
        "The backups are kept in {} from now on, on this computer ({} moved there, each checked).",
        moved.dir,
        files(moved.files as usize)
    );
    Ok(())
}

fn files(n: usize) -> String {
    if n == 1 {
        "1 file".into()
    } else {
        format!("{n} files")
    }
}

/// "12.3 KB": a size a person reads at a glance.
fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KB", "MB", "GB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
