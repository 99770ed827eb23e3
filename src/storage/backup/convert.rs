//! Backups as encryption is turned on or off: each zip rewritten in the journal's new form.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::zip_error;
use crate::crypt::{self, Codec};
use crate::error::{Error, IoContext, Result};
use crate::fsio;

/// Every zip in the journal's backups folder (the automatic backups, and any other kept there).
pub(crate) fn all_zips(root: &Path) -> Result<Vec<PathBuf>> {
    // A disk of their own not connected: its backups would stay in the old form, unseen.
    crate::paths::backups_reachable()?;
    let dir = crate::paths::backups_dir(root);
    let read = match fs::read_dir(&dir) {
        Ok(read) => read,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut zips = Vec::new();
    for item in read {
        let item = item.at(&dir)?;
        let name = item.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') && name.ends_with(".zip") && item.path().is_file() {
            zips.push(item.path());
        }
    }
    Ok(zips)
}

/// Rewrites the backup `zip` in `codec`'s form, as encryption is turned on or off, so that no
/// backup keeps plaintext and none becomes unreadable: each file in it encrypted (and the
/// journal's `identity.age` added, so that it restores as it was) or decrypted (and the
/// identity left out). A zip already in that form is not touched; the rewrite is atomic.
pub(crate) fn convert(root: &Path, zip: &Path, codec: &Codec) -> Result<()> {
    let seal = codec.seals();
    let file = File::open(zip).at(zip)?;
    let mut archive = ZipArchive::new(file).map_err(|e| zip_error(zip, e))?;
    let names: Vec<String> = archive.file_names().map(String::from).collect();
    let has_identity = names.iter().any(|n| n == crypt::IDENTITY);
    let files = names
        .iter()
        .filter(|n| !n.ends_with('/') && *n != crypt::IDENTITY);
    if has_identity == seal
        && files
            .clone()
            .all(|n| crypt::is_sealed(Path::new(n)) == seal)
    {
        return Ok(());
    }
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut out = ZipWriter::new(io::Cursor::new(Vec::new()));
    for name in names.iter().filter(|n| *n != crypt::IDENTITY) {
        let mut entry = archive.by_name(name).map_err(|e| zip_error(zip, e))?;
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).at(zip)?;
        let mut target = name.clone();
        if !name.ends_with('/') && crypt::is_sealed(Path::new(name)) != seal {
            // A file that does not decrypt (damaged) stays as it is.
            if let Ok(plain) = codec.decode(Path::new(name), bytes.clone()) {
                bytes = codec.encode(plain);
                target = crypt::named(Path::new(name), seal)
                    .to_string_lossy()
                    .into_owned();
            }
        }
        let options = options.last_modified_time(entry.last_modified().unwrap_or_default());
        out.start_file(
            target,
            options.large_file(bytes.len() as u64 >= u64::from(u32::MAX)),
        )
        .map_err(|e| zip_error(zip, e))?;
        out.write_all(&bytes).at(zip)?;
    }
    if seal {
        let identity = root.join(crypt::IDENTITY);
        let bytes = fs::read(&identity).at(&identity)?;
        out.start_file(crypt::IDENTITY, options)
            .map_err(|e| zip_error(zip, e))?;
        out.write_all(&bytes).at(zip)?;
    }
    let bytes = out.finish().map_err(|e| zip_error(zip, e))?.into_inner();
    fsio::write_atomic(zip, &bytes)
}
