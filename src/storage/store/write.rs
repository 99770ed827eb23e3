//! Writing documents: one durably, in its writer's turn, or many together in an import batch.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::{index, new_id, write_turn, Store};
use crate::crypt::{self, Codec};
use crate::document::{self, Document, Stamp, Stored};
use crate::error::{Error, IoContext, Result};
use crate::fsio;

/// A file in the way of a new document is one Tend could not read (else it would be loaded).
/// It is never overwritten: it is renamed beside, where it is still listed as unreadable.
pub(super) fn set_aside(path: &Path) -> Result<()> {
    rename_beside(path, &format!("unreadable-{}", &new_id()[..8])).map(drop)
}

/// Renames `path` to `<its name>.<mark>.json` (`.json.age` when sealed) beside it, a name that
/// is not Tend's own for the document: the next read lists it as a second version or as
/// unreadable, and nothing writes over it. Returns the new name.
fn rename_beside(path: &Path, mark: &str) -> Result<PathBuf> {
    let sealed = crypt::is_sealed(path);
    let plain = crypt::named(path, false);
    let stem = plain
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let aside = crypt::named(&path.with_file_name(format!("{stem}.{mark}.json")), sealed);
    fs::rename(path, &aside).at(path)?;
    Ok(aside)
}

/// What Tend last read from, or wrote to, the file a save replaces.
pub(super) struct Known<'a, T> {
    /// The file's stamp then.
    pub stamp: Option<Stamp>,
    /// The document it held then, when in memory.
    pub doc: Option<&'a T>,
    /// The writer began from another version than the one Tend holds (an editor open while
    /// the file changed and was read again): the file is kept whatever its stamp.
    pub stale: bool,
}

/// Whether the file at `old` holds something other than what Tend last read or wrote there:
/// a sync tool's version from another computer, or an edit by hand. Its stamp alone says it
/// is the same file; a new stamp with the same document in it (read again, touched) is too.
fn changed_since<T: Document>(old: &Path, codec: &Codec, known: &Known<T>) -> bool {
    if !old.exists() {
        return false; // removed meanwhile: there is nothing to keep
    }
    if known.stale {
        return true;
    }
    let Some(stamp) = known.stamp else {
        return false; // never seen: nothing to compare with
    };
    if document::Stamp::of(old) == Some(stamp) {
        return false;
    }
    match (document::read_one::<T>(old, codec), known.doc) {
        (Ok(now), Some(then)) => document::to_pretty_json(&now) != document::to_pretty_json(then),
        // Unreadable now (half written by a sync tool?), or nothing to compare with: kept.
        _ => true,
    }
}

/// The mark of a version kept because its file changed under a save: when it was changed (its
/// modification time, which a sync tool carries over from the computer that wrote it).
fn changed_mark(path: &Path) -> String {
    let when = fs::metadata(path)
        .and_then(|m| m.modified())
        .map(chrono::DateTime::<chrono::Local>::from)
        .unwrap_or_else(|_| chrono::Local::now());
    format!(
        "{CHANGED_MARK}{}-{}",
        when.format("%Y%m%d-%H%M%S"),
        &new_id()[..4]
    )
}

/// How the name of a version kept by a save begins, after the document's own name.
pub(crate) const CHANGED_MARK: &str = "changed-";

/// A document written: where, and the file kept beside as its second version, if the one it
/// replaced had changed since Tend last read or wrote it.
pub(super) struct Written {
    pub path: PathBuf,
    pub kept: Option<PathBuf>,
}

/// Writes `doc` durably at `path` (named for `codec`), replacing the file at `old` if the
/// document lived elsewhere. When it moved (its date changed), the old file is removed only
/// once the new one is safely on disk, in the same turn: a crash in between leaves two files
/// with one id, and the next open keeps the one saved later (see `document::resolve`).
///
/// The file at `old` is never written over nor removed if it changed since Tend last read or
/// wrote it (`known`): a sync tool brought another computer's version, or she edited it by
/// hand. It is renamed beside instead, as the document's second version, for her to choose.
pub(super) fn write_doc<T: Document>(
    root: &Path,
    codec: &Codec,
    batch: Option<&mut (fsio::Batch, Vec<String>)>,
    old: Option<(&Path, Known<T>)>,
    doc: &T,
    path: PathBuf,
) -> Result<Written> {
    let path = codec.path(&path);
    if let Some((batch, ids)) = batch {
        // An import: a new document, put in place with the rest of its batch.
        if path.exists() {
            set_aside(&path)?;
        }
        batch.stage(&path, &codec.encode(document::to_pretty_json(doc)))?;
        ids.push(doc.id().to_string());
        return Ok(Written { path, kept: None });
    }
    let _turn = write_turn(root)?;
    let mut kept = None;
    if let Some((old, known)) = &old {
        if changed_since(old, codec, known) {
            kept = Some(rename_beside(old, &changed_mark(old))?);
        }
    }
    let old = old.map(|(old, _)| old);
    if old != Some(path.as_path()) && path.exists() {
        set_aside(&path)?;
    }
    fsio::write_atomic(&path, &codec.encode(document::to_pretty_json(doc)))?;
    if let Some(old) = old.filter(|old| *old != path && kept.is_none()) {
        fs::remove_file(old).at(old)?;
    }
    Ok(Written { path, kept })
}

/// [`write_doc`], recording the document in `docs`. Returns it, and the file kept as its
/// second version, if any.
pub(super) fn persist<T: Document + Clone>(
    root: &Path,
    codec: &Codec,
    batch: Option<&mut (fsio::Batch, Vec<String>)>,
    docs: &mut HashMap<String, Stored<T>>,
    doc: T,
    path: PathBuf,
) -> Result<(T, Option<PathBuf>)> {
    let old = docs.get(doc.id()).map(|s| {
        let known = Known {
            stamp: s.stamp,
            doc: Some(&s.doc),
            stale: false,
        };
        (s.path.as_path(), known)
    });
    let written = write_doc(root, codec, batch, old, &doc, path)?;
    docs.insert(
        doc.id().to_string(),
        Stored::written(written.path, doc.clone()),
    );
    Ok((doc, written.kept))
}

impl Store {
    /// From now until [`Store::commit_batch`], new entries and fillings are staged, not put in
    /// place one by one (an import).
    pub(crate) fn begin_batch(&mut self) {
        self.batch = Some((fsio::Batch::default(), Vec::new()));
    }

    /// Puts every staged document in place, durably, in one turn. On failure none is in place,
    /// and they are taken back out of the journal: the error comes with how many that was.
    pub(crate) fn commit_batch(&mut self) -> std::result::Result<(), (Error, usize)> {
        let Some((batch, ids)) = self.batch.take() else {
            return Ok(());
        };
        if batch.is_empty() {
            return Ok(());
        }
        let committed = write_turn(&self.root).and_then(|_turn| batch.commit(&self.root));
        match committed {
            Ok(_) => {
                for id in &ids {
                    if let Some(entry) = self.entries.get_mut(id) {
                        entry.stamp = index::Stamp::of(&entry.path);
                    }
                }
                Ok(())
            }
            Err(e) => {
                for id in &ids {
                    self.entries.remove(id);
                    self.fillings.remove(id);
                }
                Err((e, ids.len()))
            }
        }
    }
}
