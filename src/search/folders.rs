//! The folders that hold documents, as `stat` sees them: how `tend search` knows, without
//! looking at every file, that nothing was saved since its index was written. Tend saves by
//! writing a new file and renaming it into place (and deletes by moving files out), so every
//! save changes its folder's modification time. An edit made in place by another program does
//! not: that one is seen at the next full open.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

/// A modification time this close to now may yet be shared by a save still to come (file
/// times are coarser than a nanosecond): such a stamp is not trusted.
const SETTLED: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Folder {
    /// Relative to the data folder, `/`-separated.
    pub path: String,
    pub secs: i64,
    pub nanos: u32,
}

/// The stamps of `entries/` and each year in it, `worksheets/` and each worksheet in it, and
/// `visions/`; `None` when one is too recent to be trusted or cannot be read.
pub(crate) fn stamp(root: &Path) -> Option<Vec<Folder>> {
    let now = SystemTime::now();
    let mut found = Vec::new();
    for top in ["entries", "worksheets", "visions"] {
        let dir = root.join(top);
        let Ok(meta) = fs::metadata(&dir) else {
            // Not there yet: its coming into being changes the data folder, not this list,
            // so a missing folder is a stamp of its own.
            found.push(Folder {
                path: top.into(),
                secs: -1,
                nanos: 0,
            });
            continue;
        };
        found.push(folder(top.into(), &meta, now)?);
        if top == "visions" {
            continue;
        }
        let mut inner: Vec<_> = (fs::read_dir(&dir).ok()?)
            .filter_map(|item| item.ok())
            .filter(|item| item.file_type().is_ok_and(|t| t.is_dir()))
            .collect();
        inner.sort_by_key(|item| item.file_name());
        for item in inner {
            let name = format!("{top}/{}", item.file_name().to_string_lossy());
            found.push(folder(name, &item.metadata().ok()?, now)?);
        }
    }
    Some(found)
}

/// When a folder (or file) was last modified, since 1970, unless that is too recent to trust
/// (see [`SETTLED`]). The entries' index keeps its folders' times by the same rule.
pub(crate) fn settled_time(meta: &fs::Metadata, now: SystemTime) -> Option<Duration> {
    let modified = meta.modified().ok()?;
    if now.duration_since(modified).unwrap_or_default() < SETTLED {
        return None;
    }
    modified.duration_since(SystemTime::UNIX_EPOCH).ok()
}

fn folder(path: String, meta: &fs::Metadata, now: SystemTime) -> Option<Folder> {
    let since = settled_time(meta, now)?;
    Some(Folder {
        path,
        secs: i64::try_from(since.as_secs()).ok()?,
        nanos: since.subsec_nanos(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settle(path: &Path) {
        let old = SystemTime::now() - Duration::from_secs(3600);
        fs::File::open(path).unwrap().set_modified(old).unwrap();
    }

    #[test]
    fn a_save_in_any_folder_changes_the_stamps_and_a_recent_one_is_not_trusted() {
        let root = tempfile::tempdir().unwrap();
        let year = root.path().join("entries/2026");
        fs::create_dir_all(&year).unwrap();
        assert!(
            stamp(root.path()).is_none(),
            "just made: too recent to trust"
        );
        settle(&year);
        settle(&root.path().join("entries"));
        let before = stamp(root.path()).expect("settled folders are trusted");
        assert_eq!(
            before.len(),
            4,
            "entries, its year, worksheets and visions: {before:?}"
        );
        fs::write(year.join("new.json"), "{}").unwrap();
        assert_ne!(stamp(root.path()), Some(before), "a new file is seen");
    }
}
