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

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, IoContext, Result};
use crate::fsio::FileLock;

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
/// What Tend puts in a new `.stignore`: its temporary files, and what older versions of Tend
/// kept in the folder (caches, locks, backups).
const STIGNORE_TEXT: &str = "// Written once by Tend: files that belong to one computer, never \
synced. Yours to change; Tend does not write this file again.
(?d).tend-*
(?d).index*
(?d).search*
(?d).instance.lock
(?d).write.lock
(?d)/backups
";

/// The environment variable that puts this computer's own files for every journal (caches,
/// locks, backups) under one folder.
pub const LOCAL_DIR_ENV: &str = "TEND_LOCAL_DIR";

/// What an older Tend kept in the journal folder, which belongs to one computer: removed from
/// the folder at an open that may write (the caches are built again where they belong now).
pub(crate) const OLD_LAYOUT: [&str; 6] = [
    ".index",
    ".index.age",
    ".search",
    ".search.age",
    ".instance.lock",
    ".write.lock",
];

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
    if let Some(dir) = std::env::var_os(LOCAL_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("config").join("journal-folder");
    }
    let dirs = directories::ProjectDirs::from("", "", "tend");
    (dirs.map(|d| d.config_dir().to_path_buf()))
        .unwrap_or_else(|| temporary_dir(Kind::State))
        .join("journal-folder")
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
fn computer_dir(kind: Kind) -> PathBuf {
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
enum Kind {
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
fn locks_dir(root: &Path) -> PathBuf {
    let place = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    made(Kind::State, &place_id(&place))
}

/// Where this computer keeps the automatic backups of the journal at `root`: outside the
/// journal folder, so that a sync that deletes or damages the folder cannot take them too.
/// Not made here: it is made when a backup is written (and is in the temporary folder only
/// for a user who may not write the usual one).
pub fn backups_dir(root: &Path) -> PathBuf {
    let id = journal_id(root);
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

/// The id of the journal at `root`: what its `journal-id` file says, written there the first
/// time (a new random id). Where the folder cannot be written (read-only, not there yet), an
/// id of its place on this computer stands in. The same for the whole process, once known.
pub fn journal_id(root: &Path) -> String {
    let place = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    let known = known.get_or_insert_with(HashMap::new);
    if let Some(id) = known.get(&place) {
        return id.clone();
    }
    let id = match read_id(root).or_else(|| write_id(root).ok()) {
        Some(id) => id,
        // Not kept: once the folder can be written, its own id is used.
        None => return place_id(&place),
    };
    known.insert(place, id.clone());
    id
}

/// The ids known in this process, by the journal folder's place.
static KNOWN: Mutex<Option<HashMap<PathBuf, String>>> = Mutex::new(None);

/// Two computers that each gave the journal an id before they met: the sync tool keeps both
/// (`journal-id.sync-conflict-…`, `journal-id (conflicted copy …)`). Each computer keeps the
/// smaller, so that they agree, and the copies go: an id is no writing of hers. This
/// computer's backups, filed under the id it had, move to the one it has now.
fn settle_id(root: &Path) {
    let copy = |name: &str| {
        name.starts_with(JOURNAL_ID)
            && name != JOURNAL_ID
            && ["sync-conflict", "conflicted copy", "_conflict-"]
                .iter()
                .any(|mark| name.contains(mark))
    };
    let copies: Vec<PathBuf> = (fs::read_dir(root).into_iter().flatten().flatten())
        .filter(|item| copy(&item.file_name().to_string_lossy()))
        .map(|item| item.path())
        .collect();
    if !copies.is_empty() {
        let current = read_id(root);
        let mut ids: Vec<String> = (copies.iter())
            .filter_map(|c| read_id_at(c))
            .chain(current.clone())
            .collect();
        ids.sort();
        if let Some(least) = ids.first() {
            if current.as_ref() != Some(least) {
                let text = format!("{least}\n");
                if crate::fsio::write_atomic(&root.join(JOURNAL_ID), text.as_bytes()).is_err() {
                    return;
                }
            }
            for copy in &copies {
                let _ = fs::remove_file(copy);
            }
        }
        let place = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
        known.get_or_insert_with(HashMap::new).remove(&place);
    }
    follow_id(root);
}

/// Moves this computer's backups of the journal at `root` to its id's folder when the id it
/// last had here was another (see [`settle_id`]).
fn follow_id(root: &Path) {
    let now = journal_id(root);
    let seen_file = locks_dir(root).join(JOURNAL_ID);
    let seen = read_id_at(&seen_file);
    if seen.as_deref() == Some(now.as_str()) {
        return;
    }
    if let Some(before) = seen {
        let (from, to) = (
            computer_dir(Kind::Backups).join(&before),
            computer_dir(Kind::Backups).join(&now),
        );
        if from.is_dir() && (!to.exists() || fs::remove_dir(&to).is_ok()) {
            let _ = fs::rename(&from, &to);
        }
    }
    let _ = crate::fsio::write_atomic(&seen_file, format!("{now}\n").as_bytes());
}

fn read_id(root: &Path) -> Option<String> {
    read_id_at(&root.join(JOURNAL_ID))
}

fn read_id_at(path: &Path) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    let id = text.trim();
    let fits = (8..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric());
    fits.then(|| id.to_string())
}

/// Writes a new id, unless another process wrote one first (its id is then the one).
fn write_id(root: &Path) -> Result<String> {
    if !root.is_dir() {
        return Err(Error::invalid("the journal folder is not there yet"));
    }
    let id = uuid::Uuid::new_v4().simple().to_string();
    let path = root.join(JOURNAL_ID);
    let temp = root.join(format!(".tend-{id}.tmp"));
    fs::write(&temp, format!("{id}\n")).at(&temp)?;
    // A link never replaces a name: of two processes writing at once, one id is the journal's.
    let linked = fs::hard_link(&temp, &path);
    let _ = fs::remove_file(&temp);
    let written = match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return read_id(root).ok_or_else(|| Error::invalid("the journal's id cannot be read"));
        }
        // A disk without hard links (exFAT, some network mounts): a file made only if none is
        // there, which still keeps two processes from both writing one.
        Err(_) => write_new(&path, &id),
    };
    match written {
        Ok(()) => {
            crate::fsio::sync_dir(root)?;
            Ok(id)
        }
        Err(_) => read_id(root).ok_or_else(|| Error::invalid("the journal's id cannot be read")),
    }
}

/// Writes `id` to a new file at `path`, durably; fails if there is one.
fn write_new(path: &Path, id: &str) -> Result<()> {
    use std::io::Write;
    let mut file = fs::File::options()
        .write(true)
        .create_new(true)
        .open(path)
        .at(path)?;
    file.write_all(format!("{id}\n").as_bytes()).at(path)?;
    file.sync_all().at(path)
}

/// An id for a journal whose folder cannot hold one: a hash of where it is.
fn place_id(place: &Path) -> String {
    use sha2::Digest;
    let hash = sha2::Sha256::digest(place.as_os_str().as_encoded_bytes());
    let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("place-{hex}")
}

/// An older Tend's lock in the journal folder, held by that Tend still running: the journal is
/// its until it stops (this version's locks are elsewhere, so it would not see them).
pub(crate) fn held_by_older_tend(root: &Path) -> Result<()> {
    let path = root.join(".instance.lock");
    if path.exists() {
        if let Err(e @ Error::Locked { .. }) = FileLock::try_exclusive(&path, root) {
            return Err(e);
        }
    }
    Ok(())
}

/// Tidies the journal folder as this version of Tend lays it out, where it may write: writes
/// its id and a `.stignore` once, and removes what an older Tend kept there that belongs to
/// one computer (caches, locks). Nothing of hers is touched.
pub(crate) fn settle_layout(root: &Path) {
    settle_id(root);
    let ignore = root.join(STIGNORE);
    if !ignore.exists() {
        let _ = crate::fsio::write_atomic(&ignore, STIGNORE_TEXT.as_bytes());
    }
    for old in OLD_LAYOUT {
        let path = root.join(old);
        // An older Tend still running (the login item's app, all day) holds its lock: left.
        if old.ends_with(".lock") && path.exists() {
            if let Ok(_held) = FileLock::try_exclusive(&path, root) {
                let _ = fs::remove_file(&path);
            }
            continue;
        }
        let _ = fs::remove_file(path);
    }
    // And the sync tools' conflict copies of them (`.sync-conflict-…-ABCDEFG.index`), which
    // piled up while two computers wrote the caches of one synced folder.
    for item in fs::read_dir(root).into_iter().flatten().flatten() {
        let name = item.file_name().to_string_lossy().into_owned();
        let cache = [".index", ".search", ".lock"]
            .iter()
            .any(|c| name.contains(c));
        if name.starts_with('.') && name.contains("sync-conflict") && cache {
            let _ = fs::remove_file(item.path());
        }
    }
    move_old_backups(root);
}

/// Moves the zips an older Tend kept in the journal folder's `backups/` to this computer's
/// backups folder for the journal. Each is renamed (or, across file systems, copied whole,
/// checked by its size, then removed); one that cannot move stays where it is.
fn move_old_backups(root: &Path) {
    let old = root.join(BACKUPS);
    let Ok(read) = fs::read_dir(&old) else {
        return;
    };
    let new = backups_dir(root);
    for item in read.flatten() {
        let name = item.file_name();
        let zip = name.to_string_lossy().ends_with(".zip");
        if !zip || !item.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let to = new.join(&name);
        if to.exists() || fs::create_dir_all(&new).is_err() {
            continue;
        }
        let from = item.path();
        if fs::rename(&from, &to).is_ok() {
            continue;
        }
        let copied = fs::copy(&from, &to);
        let whole = copied.is_ok_and(|n| fs::metadata(&from).is_ok_and(|m| m.len() == n));
        if whole {
            let _ = fs::remove_file(&from);
        } else {
            let _ = fs::remove_file(&to);
        }
    }
    // Removed only when empty: anything else she kept there stays.
    let _ = fs::remove_dir(&old);
}
