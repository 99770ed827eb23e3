//! What changed in the journal's folders since an index was written: one answer, for the
//! entries' index and the search index alike (issue 24: the entries' index looked into folders
//! inside a year folder, and `tend search` did not, so an entry another program put there was
//! never found).
//!
//! Tend saves by writing a new file and renaming it into place (and deletes by moving files
//! out), so every save changes its folder's modification time, and only its folder's: a folder
//! inside a year folder changes alone. So every folder is stamped, however deep. A time under
//! a second old is never trusted (file times are coarser than a nanosecond, and a save still to
//! come may share it). An edit made in place by another program changes no folder: that one is
//! seen at the next full open, by the file's own stamp.

use std::collections::VecDeque;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
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

/// How deep folders are looked into; a journal with folders deeper than this is never taken
/// as unchanged (the search then opens the journal, which looks at every file).
const DEEPEST: usize = 8;

/// The stamps of `entries/`, `worksheets/` and `visions/` and of every folder inside them, at
/// any depth (a link is not followed, a hidden folder is not looked into, as the scan does);
/// `None` when one is too recent to be trusted or cannot be read.
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
        stamp_within(&dir, &meta, top, 1, now, &mut found)?;
    }
    Some(found)
}

/// The folders inside `dir` (named `name` from the data folder), and theirs, in name order.
fn stamp_within(
    dir: &Path,
    meta: &fs::Metadata,
    name: &str,
    depth: usize,
    now: SystemTime,
    found: &mut Vec<Folder>,
) -> Option<()> {
    for (inner, inner_meta) in folders_within(dir, meta, depth)? {
        let inner_meta = inner_meta?;
        let inner_name = format!("{name}/{}", inner.file_name()?.to_string_lossy());
        found.push(folder(inner_name.clone(), &inner_meta, now)?);
        stamp_within(&inner, &inner_meta, &inner_name, depth + 1, now, found)?;
    }
    Some(())
}

/// The plain folders directly inside `dir` (whose metadata is `meta`), in name order, each
/// with its own metadata (`None` when it cannot be read): not links, not hidden ones (as the
/// scan looks). `None` when `dir` cannot be read, or holds folders deeper than [`DEEPEST`].
/// Each folder is looked up once: its caller passes the metadata it already has.
fn folders_within(
    dir: &Path,
    meta: &fs::Metadata,
    depth: usize,
) -> Option<Vec<(PathBuf, Option<fs::Metadata>)>> {
    // A folder's link count is 2 and its folders' number (its name, its `.`, and each one's
    // `..`) on ext4, XFS and tmpfs: 2 says it holds no folder, without listing its files
    // (measured: listing ten year folders of 100,000 entries cost `tend list` 45% more). A
    // file system that counts otherwise (Btrfs says 1) is listed.
    if meta.nlink() == 2 {
        return Some(Vec::new());
    }
    let mut inner: Vec<PathBuf> = (fs::read_dir(dir).ok()?)
        .filter_map(|item| item.ok())
        .filter(|item| item.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|item| !item.file_name().to_string_lossy().starts_with('.'))
        .map(|item| item.path())
        .collect();
    if !inner.is_empty() && depth > DEEPEST {
        return None;
    }
    inner.sort();
    let with_meta = inner.into_iter().map(|path| {
        let meta = fs::metadata(&path).ok();
        (path, meta)
    });
    Some(with_meta.collect())
}

/// `dir` and every folder inside it at any depth, `dir` first, each with its settled time
/// (`None`: too recent to trust, or unreadable). The entries' index takes a year folder from
/// the index whole only when all of these are as it kept them: a file saved in a folder inside
/// the year changes that folder's time alone.
pub(crate) fn tree_times(dir: &Path, now: SystemTime) -> Vec<(PathBuf, Option<Duration>)> {
    let mut out = Vec::new();
    // Breadth first: `dir`, its folders in name order, then theirs.
    let mut todo = VecDeque::from([(dir.to_path_buf(), fs::metadata(dir).ok(), 1)]);
    while let Some((path, meta, depth)) = todo.pop_front() {
        let Some(meta) = meta else {
            out.push((path, None));
            continue;
        };
        let time = match folders_within(&path, &meta, depth) {
            Some(inner) => {
                todo.extend(inner.into_iter().map(|(f, m)| (f, m, depth + 1)));
                settled_time(&meta, now)
            }
            // Unreadable, or too deep: the folder itself is not to be trusted.
            None => None,
        };
        out.push((path, time));
    }
    out
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

    #[test]
    fn a_file_saved_in_a_folder_inside_a_year_folder_is_seen() {
        let root = tempfile::tempdir().unwrap();
        let inner = root.path().join("entries/2026/from-laptop");
        fs::create_dir_all(&inner).unwrap();
        for folder in [
            &inner,
            &inner.parent().unwrap().to_path_buf(),
            &root.path().join("entries"),
        ] {
            settle(folder);
        }
        let before = stamp(root.path()).expect("settled folders are trusted");
        assert!(
            before.iter().any(|f| f.path == "entries/2026/from-laptop"),
            "{before:?}"
        );
        fs::write(inner.join("new.json"), "{}").unwrap();
        assert_ne!(
            stamp(root.path()),
            Some(before),
            "a new file two folders down is seen"
        );
    }
}
