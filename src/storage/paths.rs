//! Where the journal lives, and where this computer keeps its own files for it.
//!
//! The journal folder holds only what belongs to the journal, so that a folder sync (Syncthing,
//! Nextcloud, Dropbox) carries exactly that between computers (issue 25). What belongs to one
//! computer is kept outside it: the caches and backups under the journal's id (`journal-id`,
//! written once in the folder, so that every computer sharing it agrees on which journal it
//! is, and they follow it when it moves), the locks under its place on this computer (they
//! must agree between the processes here even while the id changes: a sync tool may bring
//! another computer's):
//!
//! ```text
//! ~/.cache/tend/<journal id>/          .index, .search: caches, built again when missing
//! ~/.local/state/tend/<place>/         instance.lock, write.lock
//! ~/.local/share/tend-backups/<journal id>/   the automatic backups (see crate::backup),
//!                                      beside the default journal folder, never inside it
//! ```
//!
//! `TEND_LOCAL_DIR` puts all three under one folder instead (`cache/`, `state/`, `backups/`):
//! the tests use it, and so can a portable install. Only the temporary files of an atomic
//! write stay in the journal folder (a rename is atomic only within one file system), named
//! `.tend-*.tmp`, which the folder's `.stignore` keeps out of Syncthing.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fsio::FileLock;

mod journal_id;
mod layout;

pub use journal_id::journal_id;
use journal_id::place_id;
pub(crate) use layout::{held_by_older_tend, settle_layout};

// The names inside a journal folder (docs/storage.md draws the whole tree).
pub const ENTRIES: &str = "entries";
pub const WORKSHEETS: &str = "worksheets";
pub const VISIONS: &str = "visions";
pub const SETTINGS: &str = "settings.json";
/// The automatic backups' folder.
pub const BACKUPS: &str = "backups";
/// Held by the app (and by a restore) for as long as it has the journal.
const INSTANCE_LOCK: &str = "instance.lock";
const WRITE_LOCK: &str = "write.lock";
/// The journal's id, written once in its folder.
pub const JOURNAL_ID: &str = "journal-id";
/// Syncthing's list of what not to sync, written once in the journal folder.
pub const STIGNORE: &str = ".stignore";
/// The environment variable that puts this computer's own files for every journal (caches,
/// locks, backups) under one folder.
pub const LOCAL_DIR_ENV: &str = "TEND_LOCAL_DIR";

/// The environment variable that overrides the data directory (tests always set one).
pub const DATA_DIR_ENV: &str = "TEND_DATA_DIR";

/// `--data-dir` if given, else `TEND_DATA_DIR`, else the folder the journal was moved to on
/// this computer (see [`crate::moving`]), else the OS data directory (`~/.local/share/tend` on
/// Linux).
pub fn data_dir(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    if let Some(dir) = remembered_journal()? {
        return Ok(dir);
    }
    directories::ProjectDirs::from("", "", "tend")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| {
            Error::invalid(format!(
                "no home folder was found for the journal; set {DATA_DIR_ENV} or pass --data-dir"
            ))
        })
}

/// Where this computer remembers the folder the journal was moved to.
fn remembered_file() -> PathBuf {
    config_file("journal-folder")
}

/// This computer's file `name` of Tend's configuration (`~/.config/tend/<name>`): what belongs
/// to this computer alone, never to the journal, which a sync carries to others.
fn config_file(name: &str) -> PathBuf {
    if let Some(dir) = std::env::var_os(LOCAL_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("config").join(name);
    }
    let dirs = directories::ProjectDirs::from("", "", "tend");
    (dirs.map(|d| d.config_dir().to_path_buf()))
        .unwrap_or_else(|| temporary_dir(Kind::State))
        .join(name)
}

/// Where this computer remembers the folder chosen for its backups.
fn backups_choice_file() -> PathBuf {
    config_file("backups-folder")
}

/// The folder chosen on this computer for the backups of every journal, if one was.
pub fn chosen_backups_folder() -> Option<PathBuf> {
    let text = fs::read_to_string(backups_choice_file()).ok()?;
    Some(PathBuf::from(text.trim_end_matches('\n'))).filter(|d| d.is_absolute())
}

/// The file a folder chosen for the backups holds, by which Tend knows it is there: a mount
/// point whose disk is not connected is an empty folder.
const BACKUPS_MARK: &str = ".tend-backups";

/// Remembers `dir` as the folder this computer keeps backups in (`None`: the usual place),
/// and marks it as the backups' folder.
pub(crate) fn choose_backups_folder(dir: Option<&Path>) -> Result<()> {
    let file = backups_choice_file();
    match dir {
        Some(dir) => {
            let mark = "Tend keeps its backups in this folder, each in a folder named by its \
                        journal's id.\n";
            crate::fsio::write_atomic(&dir.join(BACKUPS_MARK), mark.as_bytes())?;
            crate::fsio::write_atomic(&file, format!("{}\n", dir.display()).as_bytes())
        }
        None => match fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&file, e)),
            _ => Ok(()),
        },
    }
}

/// The folder this computer keeps the backups of every journal in, each in a folder named
/// by its id: the one chosen for them, else the usual place.
pub fn backups_base() -> PathBuf {
    chosen_backups_folder().unwrap_or_else(usual_backups_folder)
}

/// Whether the backups' folder is there: a chosen one (a disk of their own) may not be
/// connected. Nothing is written to or read from it then, rather than somewhere unseen.
pub fn backups_reachable() -> Result<()> {
    match chosen_backups_folder() {
        Some(chosen) if !chosen.join(BACKUPS_MARK).is_file() => Err(Error::Unreadable {
            path: chosen,
            reason: "the folder chosen for the backups is not there (a disk not connected?); \
                     connect it, or choose another folder in Settings"
                .into(),
        }),
        _ => Ok(()),
    }
}

/// Where this computer keeps backups of journals when no folder was chosen.
pub fn usual_backups_folder() -> PathBuf {
    computer_dir(Kind::Backups)
}

/// The folder the journal was moved to on this computer, if any. One that is not there (a disk
/// not mounted, a sync folder renamed) is said, never passed over for another journal: what
/// she wrote there would be stranded.
fn remembered_journal() -> Result<Option<PathBuf>> {
    let Ok(text) = fs::read_to_string(remembered_file()) else {
        return Ok(None);
    };
    let dir = PathBuf::from(text.trim_end_matches('\n'));
    if !dir.is_absolute() {
        return Ok(None);
    }
    if !dir.is_dir() {
        return Err(Error::Unreadable {
            path: dir.clone(),
            reason: format!(
                "Tend keeps your journal in {} on this computer, and that folder is not there \
                 now (a disk not connected, a sync folder renamed?). Connect it, or open \
                 another folder with --data-dir",
                dir.display()
            ),
        });
    }
    Ok(Some(dir))
}

/// Remembers `dir` as the journal this computer opens (the app and every command), unless
/// `--data-dir` or `TEND_DATA_DIR` say otherwise.
pub(crate) fn remember_journal(dir: &Path) -> Result<()> {
    let file = remembered_file();
    let text = format!("{}\n", dir.display());
    crate::fsio::write_atomic(&file, text.as_bytes())
}

/// The turn to write: writers wait for one another (a few seconds at most, then the error says
/// who holds the journal).
///
/// A journal folder that cannot be written (a read-only disk, another user's folder) says so
/// here, before anything is begun.
pub(crate) fn write_turn(root: &Path) -> Result<FileLock> {
    if !may_write(root) {
        return Err(Error::ReadOnly {
            path: root.to_path_buf(),
        });
    }
    FileLock::exclusive(&write_lock(root))
}

/// Whether the journal folder at `root` may be written by this process.
pub(crate) fn may_write(root: &Path) -> bool {
    rustix::fs::access(root, rustix::fs::Access::WRITE_OK).is_ok()
}

/// The lock writers take turns with, for the journal at `root`.
pub fn write_lock(root: &Path) -> PathBuf {
    locks_dir(root).join(WRITE_LOCK)
}

/// The lock the app holds for its whole session (one app per journal).
pub fn instance_lock(root: &Path) -> PathBuf {
    locks_dir(root).join(INSTANCE_LOCK)
}

/// Where this computer keeps its own kind `kind` of files, for every journal.
pub(super) fn computer_dir(kind: Kind) -> PathBuf {
    if let Some(dir) = std::env::var_os(LOCAL_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join(kind.name());
    }
    let dirs = directories::ProjectDirs::from("", "", "tend");
    let found = dirs.as_ref().and_then(|d| match kind {
        Kind::Cache => Some(d.cache_dir().to_path_buf()),
        Kind::State => d.state_dir().map(Path::to_path_buf),
        // Beside the default journal folder (`~/.local/share/tend`), not in it: a move of the
        // journal, or a sync of that folder, never carries them.
        Kind::Backups => Some(d.data_dir().with_file_name("tend-backups")),
    });
    found.unwrap_or_else(|| temporary_dir(kind))
}

/// Where a user without a home folder, or who may not write there (a service account, another
/// user reading the journal), keeps them: the system's temporary folder, per user.
fn temporary_dir(kind: Kind) -> PathBuf {
    use std::os::unix::fs::MetadataExt;
    let user = fs::metadata("/proc/self").map_or(0, |m| m.uid());
    std::env::temp_dir()
        .join(format!("tend-{user}"))
        .join(kind.name())
}

#[derive(Clone, Copy)]
pub(super) enum Kind {
    Cache,
    State,
    Backups,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Cache => "cache",
            Kind::State => "state",
            Kind::Backups => "backups",
        }
    }
}

/// This computer's caches for the journal at `root` (`.index`, `.search`), made if missing.
pub fn cache_dir(root: &Path) -> PathBuf {
    made(Kind::Cache, &journal_id(root))
}

/// This computer's locks for the journal at `root`, made if missing.
pub(super) fn locks_dir(root: &Path) -> PathBuf {
    let place = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    made(Kind::State, &place_id(&place))
}

/// Where this computer keeps the automatic backups of the journal at `root`: outside the
/// journal folder, so that a sync that deletes or damages the folder cannot take them too.
/// Not made here: it is made when a backup is written (and is in the temporary folder only
/// for a user who may not write the usual one).
///
/// In a folder chosen for them (a disk of their own, say), always there: when it is missing (the
/// disk not connected), the backup fails and says so, rather than go somewhere else unseen.
pub fn backups_dir(root: &Path) -> PathBuf {
    let id = journal_id(root);
    if let Some(chosen) = chosen_backups_folder() {
        return chosen.join(id);
    }
    let dir = computer_dir(Kind::Backups).join(&id);
    let nearest = dir.ancestors().find(|d| d.exists());
    if nearest.is_some_and(may_write) {
        dir
    } else {
        temporary_dir(Kind::Backups).join(id)
    }
}

/// This user's folder of `kind` for the journal `id`, made if missing (owner only: it holds
/// the journal's caches); in the temporary folder where the usual one cannot be written.
/// Where neither can, the error comes when a file in it is opened.
fn made(kind: Kind, id: &str) -> PathBuf {
    use std::os::unix::fs::DirBuilderExt;
    let make = |dir: &Path| {
        let made = fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir);
        made.is_ok() && may_write(dir)
    };
    let dir = computer_dir(kind).join(id);
    if make(&dir) {
        return dir;
    }
    let fallback = temporary_dir(kind).join(id);
    if make(&fallback) {
        fallback
    } else {
        dir
    }
}
