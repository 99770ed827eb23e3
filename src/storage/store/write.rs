//! Writing documents: one durably, in its writer's turn, or many together in an import batch.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::{index, new_id, write_turn, Store};
use crate::crypt::{self, Codec};
use crate::document::{self, Document, Stored};
use crate::error::{Error, IoContext, Result};
use crate::fsio;

/// A file in the way of a new document is one Tend could not read (else it would be loaded).
/// It is never overwritten: it is renamed beside, where it is still listed as unreadable.
fn set_aside(path: &Path) -> Result<()> {
    let sealed = crypt::is_sealed(path);
    let plain = crypt::named(path, false);
    let stem = plain
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let aside = crypt::named(
        &path.with_file_name(format!("{stem}.unreadable-{}.json", &new_id()[..8])),
        sealed,
    );
    fs::rename(path, &aside).at(path)
}

/// Writes `doc` durably at `path` (named for `codec`), replacing the file at `old` if the
/// document lived elsewhere. When it moved (its date changed), the old file is removed only
/// once the new one is safely on disk, in the same turn: a crash in between leaves two files
/// with one id, and the next open keeps the one saved later (see `document::resolve`).
/// Returns where it was written.
pub(super) fn write_doc<T: Document>(
    root: &Path,
    codec: &Codec,
    batch: Option<&mut (fsio::Batch, Vec<String>)>,
    old: Option<&Path>,
    doc: &T,
    path: PathBuf,
) -> Result<PathBuf> {
    let path = codec.path(&path);
    if let Some((batch, ids)) = batch {
        // An import: a new document, put in place with the rest of its batch.
        if path.exists() {
            set_aside(&path)?;
        }
        batch.stage(&path, &codec.encode(document::to_pretty_json(doc)))?;
        ids.push(doc.id().to_string());
        return Ok(path);
    }
    let _turn = write_turn(root)?;
    if old != Some(path.as_path()) && path.exists() {
        set_aside(&path)?;
    }
    fsio::write_atomic(&path, &codec.encode(document::to_pretty_json(doc)))?;
    if let Some(old) = old.filter(|old| *old != path) {
        fs::remove_file(old).at(old)?;
    }
    Ok(path)
}

/// [`write_doc`], recording the document in `docs`.
pub(super) fn persist<T: Document + Clone>(
    root: &Path,
    codec: &Codec,
    batch: Option<&mut (fsio::Batch, Vec<String>)>,
    docs: &mut HashMap<String, Stored<T>>,
    doc: T,
    path: PathBuf,
) -> Result<T> {
    let old = docs.get(doc.id()).map(|s| s.path.as_path());
    let path = write_doc(root, codec, batch, old, &doc, path)?;
    docs.insert(
        doc.id().to_string(),
        Stored {
            path,
            doc: doc.clone(),
        },
    );
    Ok(doc)
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
