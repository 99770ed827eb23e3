//! A vision changed on two computers keeps both as revisions (issue 25): another version of it
//! (a sync tool's conflict copy of `visions/<id>.json` or of an older revision's file, or the
//! file a save found changed under it) has its revisions taken into the vision's, each one
//! saying where it came from. The copy then holds nothing the vision does not, and goes: no
//! file is left under a conflict name.

use std::fs;
use std::path::{Path, PathBuf};

use super::Store;
use crate::document::{self, origin, Problem};
use crate::error::Result;
use crate::vision::{Revision, Vision};

/// Another version of a vision found on disk: the vision's id, the revisions it holds, and
/// its file.
pub(super) struct VisionVersion {
    pub id: String,
    pub revisions: Vec<Revision>,
    pub path: PathBuf,
    /// Whether the file goes once its revisions are in the vision: a sync tool's copy, or
    /// Tend's own; never a copy a person made, nor a file Tend's own layout still needs.
    pub remove: bool,
}

/// Whether the other version at `path` is a sync tool's or Tend's own, for it to go once its
/// revisions are kept; a person's copy (`grand-vision (copy).json`) is hers, and stays.
pub(super) fn removable(path: &Path) -> bool {
    use origin::Maker;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let made = name.as_deref().and_then(origin::origin).map(|o| o.maker);
    matches!(
        made,
        Some(Maker::Syncthing | Maker::Nextcloud | Maker::Dropbox | Maker::Tend)
    )
}

/// Where a version's revisions came from, in words, from its file's name.
fn said_of(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    name.as_deref()
        .and_then(origin::origin)
        .map_or_else(|| "another version of this vision".into(), |o| o.said())
}

impl Store {
    /// Reads the other versions of visions an open found in `visions/`: unreadable ones are
    /// problems, left as they are.
    pub(super) fn read_vision_versions(
        &mut self,
        found: Vec<(String, PathBuf)>,
    ) -> Vec<VisionVersion> {
        let mut out = Vec::new();
        for (id, path) in found {
            match document::read_one::<Vision>(&path, &self.codec) {
                Ok(other) => out.push(VisionVersion {
                    id,
                    revisions: other.revisions,
                    remove: removable(&path),
                    path,
                }),
                Err(e) => self.problems.push(Problem::from_error(&path, e)),
            }
        }
        out
    }

    /// Takes each version's revisions into its vision, so that the vision shows both. Saving
    /// them and removing the copies is left to an open that holds the journal to write, or to
    /// a save (see [`Store::settle_copies`]): a read moves nothing.
    pub(super) fn take_in_vision_versions(&mut self, versions: Vec<VisionVersion>) {
        let mut changed: Vec<String> = Vec::new();
        let mut copies: Vec<(String, PathBuf, Vec<Revision>)> = Vec::new();
        // Each vision takes in all its other versions at once, in the order they were
        // written: the same numbers on every computer, whatever order the files were found in.
        let mut by_vision: std::collections::BTreeMap<String, Vec<Revision>> = Default::default();
        for version in versions {
            if !self.visions.contains_key(&version.id) {
                let reason = "another version of a vision that is not here; left as it is";
                self.problems.push(Problem::new(&version.path, reason));
                continue;
            }
            let from = said_of(&version.path);
            let said = (version.revisions.iter().cloned()).map(|r| Revision {
                taken_from: r.taken_from.or_else(|| Some(from.clone())),
                ..r
            });
            by_vision
                .entry(version.id.clone())
                .or_default()
                .extend(said);
            if version.remove {
                copies.push((version.id, version.path, version.revisions));
            }
        }
        for (id, revisions) in by_vision {
            let stored = self.visions.get_mut(&id).expect("checked above");
            if stored
                .doc
                .take_in(revisions, "another version of this vision")
                > 0
            {
                changed.push(id);
            }
        }
        self.unsettled.visions.extend(changed);
        self.unsettled.vision_copies.extend(copies);
    }

    /// Saves each vision that took in another version, and removes each copy whose revisions
    /// are all on disk now (see [`Store::settle_copies`]).
    pub(super) fn settle_vision_versions(&mut self) {
        let changed = std::mem::take(&mut self.unsettled.visions);
        let copies = std::mem::take(&mut self.unsettled.vision_copies);
        let mut saved: Vec<String> = Vec::new();
        for id in changed.clone() {
            let doc = self.visions[&id].doc.clone();
            match self.put_vision(doc) {
                Ok(_) => saved.push(id),
                Err(e) => {
                    let reason = format!("its other version could not be saved with it ({e})");
                    let file = self.visions[&id].path.clone();
                    self.problems.push(Problem::new(&file, reason));
                }
            }
        }
        for (id, path, revisions) in copies {
            // Removed only once the vision on disk holds every revision the copy does.
            let held = self.visions.get(&id).is_some_and(|s| {
                let kept = &s.doc.revisions;
                revisions
                    .iter()
                    .all(|r| kept.iter().any(|k| k.same_session(r)))
            });
            let on_disk = !changed.contains(&id) || saved.contains(&id);
            if !held || !on_disk {
                continue;
            }
            if let Err(e) = fs::remove_file(&path) {
                let reason = format!("a version taken into the vision, not removed ({e})");
                self.problems.push(Problem::new(&path, reason));
            }
        }
    }

    /// After a save found the vision's file changed under it and kept that file beside: its
    /// revisions are taken in, the vision saved again with them, and the kept file removed.
    pub(super) fn take_in_kept_vision(&mut self, id: &str, kept: &Path) -> Result<()> {
        let revisions = document::read_one::<Vision>(kept, &self.codec)?.revisions;
        self.take_in_vision_versions(vec![VisionVersion {
            id: id.to_string(),
            revisions,
            path: kept.to_path_buf(),
            remove: true,
        }]);
        self.settle_vision_versions();
        Ok(())
    }
}
