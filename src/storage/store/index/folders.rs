//! The entries' folders (one a year) as the index keeps them: which can be taken from the
//! index whole at open, and which must be looked into file by file.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::relative;
use crate::document::{self, changes};

/// A folder of entries as `stat` saw it, before anything in it was read. Tend saves by
/// renaming a new file into place and deletes by moving files out, so any save, delete or new
/// file changes its folder's time; a folder whose time is the one the index keeps holds
/// exactly the index's rows, and is not looked into at open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FolderStamp {
    /// Relative to the data folder, `/`-separated.
    pub path: String,
    /// Nanoseconds since 1970.
    pub mtime: u64,
}

/// The folders of `dir` as they are now, against the times the index `known`.
pub(super) struct Looked {
    /// Relative paths of the folders unchanged since the index was written.
    pub unchanged: HashSet<String>,
    /// The others, to be looked into file by file.
    pub walked: Vec<PathBuf>,
    /// Every folder whose time is settled (a time under a second old is not trusted, as for
    /// the search index), to keep with the rows.
    pub stamps: Vec<FolderStamp>,
}

/// Each folder's time, taken before anything in it is read: a change made meanwhile makes it
/// differ at the next open.
pub(super) fn look(root: &Path, dir: &Path, known: &HashMap<String, u64>) -> Looked {
    let now = SystemTime::now();
    let mut looked = Looked {
        unchanged: HashSet::new(),
        walked: Vec::new(),
        stamps: Vec::new(),
    };
    for folder in document::folders_of(dir) {
        // The year and every folder inside it (issue 24: a file saved in a folder inside the
        // year changed that folder's time alone, and the year was taken as unchanged).
        let times: Vec<(String, Option<u64>)> = changes::tree_times(&folder, now)
            .into_iter()
            .map(|(path, time)| {
                let nanos = time.and_then(|since| u64::try_from(since.as_nanos()).ok());
                (relative(root, &path), nanos)
            })
            .collect();
        let unchanged = (times.iter())
            .all(|(path, mtime)| mtime.is_some() && known.get(path.as_str()) == mtime.as_ref());
        if unchanged {
            looked.unchanged.insert(relative(root, &folder));
        } else {
            looked.walked.push(folder);
        }
        for (path, mtime) in times {
            if let Some(mtime) = mtime {
                looked.stamps.push(FolderStamp { path, mtime });
            }
        }
    }
    looked
}

/// The stamps worth keeping: not of a folder with a problem or a second version in it
/// (`unsettled`: their paths), which is looked into at every open so that it is told, nor of one with entries in a folder inside it (`nested`),
/// whose own time does not change when those do. Says too whether they differ from what the
/// index has (a new time, or one gone, is worth writing the index for).
pub(super) fn keep(
    mut stamps: Vec<FolderStamp>,
    root: &Path,
    unsettled: &[String],
    nested: &HashSet<String>,
    known: &HashMap<String, u64>,
) -> (Vec<FolderStamp>, bool) {
    stamps.retain(|f| {
        let folder = root.join(&f.path).display().to_string();
        let inside = format!("{folder}/");
        !nested.contains(&f.path)
            && !(unsettled.iter()).any(|p| p.starts_with(&inside) || *p == folder)
    });
    let changed = stamps.len() != known.len()
        || (stamps.iter()).any(|f| known.get(f.path.as_str()) != Some(&f.mtime));
    (stamps, changed)
}
