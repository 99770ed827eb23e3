//! Catching up with edits the folders' times do not show. An open takes the rows of a folder
//! unchanged since the index was written as they are; a program that rewrites a file in place
//! changes the file's time but not its folder's. The app looks at every file a few seconds
//! after it opens, a folder at a time (the look takes no hold of the journal), then brings
//! what changed in that folder up to date.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::{read_entry, EntryMeta, Indexed, Stamp};
use crate::document;
use crate::store::{Store, TrashKind, ENTRIES};

/// The entry files of one folder as it held them at one moment, with what `stat` says of each.
pub struct EntryFiles {
    folder: PathBuf,
    /// The folder's own files only (the top of `entries/`), or everything below it (a year).
    shallow: bool,
    files: Vec<(PathBuf, Option<Stamp>)>,
}

impl Store {
    /// The folders of the journal at `root` that hold entries: `entries/` and each year in it,
    /// to be looked at one by one with [`Store::entry_files`].
    pub fn entry_folders(root: &Path) -> Vec<PathBuf> {
        let top = root.join(ENTRIES);
        let mut folders = document::folders_of(&top);
        folders.insert(0, top);
        folders
    }

    /// Looks at every entry file in `folder` (one of [`Store::entry_folders`]), without
    /// opening the journal: the look [`Store::catch_up`] compares with.
    pub fn entry_files(folder: &Path) -> EntryFiles {
        let shallow = folder.file_name().is_some_and(|name| name == ENTRIES);
        let (files, _) = if shallow {
            document::collect_folders(folder, &[], &mut Vec::new())
        } else {
            document::collect(folder, true, &mut Vec::new())
        };
        EntryFiles {
            folder: folder.to_path_buf(),
            shallow,
            files,
        }
    }

    /// Brings the entries of one folder up to date with `files` (from
    /// [`Store::entry_files`]): an entry whose file changed since the store knew it is read
    /// again, a new file is added (a second version of one is listed), and an entry whose file
    /// is gone is dropped. What was saved through this store meanwhile is read again as it is
    /// on disk. Says how many entries (and second versions) changed; when any did, the index
    /// is written again. A file that cannot be read is left
    /// to the next open, which tells of it.
    pub fn catch_up(&mut self, files: EntryFiles) -> usize {
        let mut prefix = files.folder.as_os_str().as_bytes().to_vec();
        prefix.push(b'/');
        let inside = |path: &Path| {
            let bytes = path.as_os_str().as_bytes();
            bytes.starts_with(&prefix) && !(files.shallow && bytes[prefix.len()..].contains(&b'/'))
        };
        let known: HashMap<&Path, Option<Stamp>> = (self.entries.values())
            .filter(|e| inside(&e.path))
            .map(|e| (e.path.as_path(), e.stamp))
            .collect();
        let mut seen = HashSet::new();
        let mut changed = Vec::new();
        for (path, stamp) in &files.files {
            if !(stamp.is_some() && known.get(path.as_path()) == Some(stamp)) {
                changed.push((path.clone(), *stamp));
            }
            seen.insert(path.as_path());
        }
        let gone: Vec<String> = (self.entries.values())
            .filter(|e| inside(&e.path) && !seen.contains(e.path.as_path()) && !e.path.exists())
            .map(|e| e.meta.id.clone())
            .collect();
        let mut count = 0;
        for (path, stamp) in changed {
            let Ok(entry) = read_entry(&path, &self.codec) else {
                continue;
            };
            if !document::is_valid_id(&entry.id) {
                continue;
            }
            // A file known as a second version stays one: it is listed already, and is not
            // to take the place of the one shown.
            if self.is_version_file(&path) {
                continue;
            }
            // Of two files with one id, the one with Tend's own name counts, else the one
            // saved later, as at open (`document::resolve`; on a tie, the one shown stays);
            // the other is left as it is.
            if let Some(other) = self.entries.get(&entry.id) {
                let own = |p: &Path| document::is_own_name(p, &entry.id);
                let keep_other = match (own(&other.path), own(&path)) {
                    (true, false) => true,
                    (false, true) => false,
                    _ => other.meta.updated >= entry.updated,
                };
                if other.path != path {
                    // The one not shown is a second version, for the person to resolve.
                    let second = if keep_other {
                        path.clone()
                    } else {
                        other.path.clone()
                    };
                    // A conflict copy that arrived is a change the app shows (Today's banner).
                    if self.note_version(TrashKind::Entry, &entry.id, second) {
                        count += 1;
                    }
                    if keep_other {
                        continue;
                    }
                }
            }
            let indexed = Indexed {
                meta: EntryMeta::of(&entry),
                path,
                stamp,
                body: OnceCell::new(),
            };
            self.entries.insert(entry.id, indexed);
            count += 1;
        }
        self.forget_versions_gone(TrashKind::Entry, |p| inside(p) && !seen.contains(p));
        for id in gone {
            self.entries.remove(&id);
            count += 1;
        }
        if count > 0 {
            self.index_stale = true;
            self.write_index_if_stale();
        }
        count
    }
}
