//! Where an entry's photos are kept: `attachments/<entry id>/<hash>.<ext>` beside the
//! documents, encrypted like every other file when the journal is (`….jpg.age`). Read and
//! written here for the store, the exports and the app's picture addresses alike.

use std::path::{Path, PathBuf};

use crate::crypt::Codec;
use crate::document;
use crate::error::{Error, Result};
use crate::picture::{self, Attachment, Picture};

/// The folder of every entry's photos, at the top of the journal.
pub const ATTACHMENTS: &str = "attachments";

/// The photos of the journal at `root`, read and written with its codec. Cheap to clone: an
/// export takes one with its snapshot and reads each photo when it comes to it.
#[derive(Debug, Clone, Default)]
pub struct Pictures {
    /// None: a selection made without a journal (a test's), which has no photos.
    at: Option<(PathBuf, Codec)>,
}

impl Pictures {
    pub fn new(root: &Path, codec: &Codec) -> Pictures {
        Pictures {
            at: Some((root.to_path_buf(), codec.clone())),
        }
    }

    /// The folder of the entry `entry_id`'s photos under `root`.
    pub fn folder(root: &Path, entry_id: &str) -> PathBuf {
        root.join(ATTACHMENTS).join(entry_id)
    }

    /// Where the photo `file` of `entry_id` is, by its plain name; refused unless both are
    /// names Tend gives (nothing outside its folder is ever read).
    fn path(root: &Path, entry_id: &str, file: &str) -> Result<PathBuf> {
        if !document::is_valid_id(entry_id) || !picture::is_valid_file_name(file) {
            return Err(Error::NotFound {
                what: "photo",
                id: format!("{entry_id}/{file}"),
            });
        }
        Ok(Self::folder(root, entry_id).join(file))
    }

    /// The photo's bytes, decrypted.
    pub fn read(&self, entry_id: &str, file: &str) -> Result<Vec<u8>> {
        let not_found = || Error::NotFound {
            what: "photo",
            id: format!("{entry_id}/{file}"),
        };
        let (root, codec) = self.at.as_ref().ok_or_else(not_found)?;
        let path = Self::path(root, entry_id, file)?;
        codec
            .read_either(&path)?
            .map(|(_, bytes)| bytes)
            .ok_or_else(not_found)
    }

    /// [`Pictures::read`] of an entry's attachment.
    pub fn read_attachment(&self, entry_id: &str, attachment: &Attachment) -> Result<Vec<u8>> {
        self.read(entry_id, &attachment.file)
    }

    /// Writes `picture` for `entry_id`, durably. The caller holds the write turn. Returns its
    /// path.
    pub(crate) fn write(
        root: &Path,
        codec: &Codec,
        entry_id: &str,
        picture: &Picture,
    ) -> Result<PathBuf> {
        let path = Self::path(root, entry_id, &picture.attachment.file)?;
        codec.write(&path, picture.bytes.clone())
    }

    /// Where `picture` of `entry_id` goes, in the codec's form: for an import's batch.
    pub(crate) fn target(
        root: &Path,
        codec: &Codec,
        entry_id: &str,
        file: &str,
    ) -> Result<PathBuf> {
        Ok(codec.path(&Self::path(root, entry_id, file)?))
    }

    /// Removes the photo `file` of `entry_id`, in either form; its folder goes when empty.
    pub(crate) fn remove(root: &Path, entry_id: &str, file: &str) -> Result<()> {
        let path = Self::path(root, entry_id, file)?;
        for form in [false, true] {
            let path = crate::crypt::named(&path, form);
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(&path, e)),
            }
        }
        // Only an empty folder is removed; one that still holds something stays.
        let _ = std::fs::remove_dir(Self::folder(root, entry_id));
        Ok(())
    }
}
