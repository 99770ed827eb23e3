//! Day One's photos: where each is in the zip, read as Tend takes every photo, and where it
//! stood in the text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use md5::{Digest, Md5};

use super::{dayone_type, shown, DayOneEntry, DayOnePhoto, MOMENT};
use crate::attachments::Pictures;
use crate::entry::Entry;
use crate::error::{Error, IoContext, Result};
use crate::formats::{IncomingPictures, ReadSeek, Rejection};
use crate::picture::{Attachment, Picture, MAX_PICTURES, MAX_PICTURE_BYTES};

/// `entry`'s photos into the zip's `files` and into `item` as Day One lists them: each in
/// `photos/<md5>.<type>` (one file for a photo in two entries), referenced at the end of the
/// text. One that cannot be read is left out, never the writing with it (`tend doctor` names
/// it).
pub(super) fn export(
    entry: &Entry,
    pictures: &Pictures,
    item: &mut DayOneEntry,
    files: &mut Vec<(String, Vec<u8>)>,
) {
    for (n, a) in entry.attachments.iter().enumerate() {
        let Ok(bytes) = pictures.read_attachment(&entry.id, a) else {
            continue;
        };
        let md5: String = Md5::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let kind = dayone_type(a.kind).to_string();
        // The photo's own id: its file's stem, upper-case, as Day One writes ids.
        let identifier = a.file.split('.').next().unwrap_or_default().to_uppercase();
        item.text
            .push_str(&format!("\n\n![]({MOMENT}{identifier})"));
        let name = format!("photos/{md5}.{kind}");
        if !files.iter().any(|(have, _)| *have == name) {
            files.push((name, bytes));
        }
        item.photos.push(DayOnePhoto {
            identifier,
            md5,
            kind,
            order_in_entry: n as u32,
        });
    }
}

/// The photos of a Day One zip: each read once as the file is read (to know it by its hash,
/// with its camera data gone), then again from the zip as its entry is written, so that an
/// import never holds every photo at once.
#[derive(Default)]
pub(super) struct PhotoReader {
    zip: PathBuf,
    /// Each photo's file in the zip, by the name Tend gives it.
    pub(super) names: HashMap<String, String>,
    /// Each photo by Day One's identifier (upper-case), as Tend keeps it.
    by_identifier: HashMap<String, Attachment>,
    /// The photos that could not be taken, with why.
    pub(super) unread: Vec<Rejection>,
}

impl PhotoReader {
    pub(super) fn of(
        input: &mut dyn ReadSeek,
        path: &Path,
        entries: &[DayOneEntry],
    ) -> Result<PhotoReader> {
        let mut reader = PhotoReader {
            zip: path.to_path_buf(),
            ..PhotoReader::default()
        };
        if entries.iter().all(|e| e.photos.is_empty()) {
            return Ok(reader);
        }
        input.rewind().at(path)?;
        let mut archive = zip::ZipArchive::new(input).map_err(|e| {
            Error::invalid(format!("{}: the zip cannot be read ({e})", path.display()))
        })?;
        // Each file by its name, lower-case, without its folder: looked up once per photo.
        let members: HashMap<String, String> = (archive.file_names())
            .filter(|m| !m.contains("__MACOSX"))
            .filter_map(|m| Some((m.rsplit('/').next()?.to_lowercase(), m.to_string())))
            .collect();
        for (n, entry) in entries.iter().enumerate() {
            let mut photos: Vec<&DayOnePhoto> = entry.photos.iter().collect();
            photos.sort_by_key(|p| p.order_in_entry);
            for (taken, photo) in photos.into_iter().enumerate() {
                let label = || {
                    format!(
                        "a photo of Day One entry {} ({})",
                        n + 1,
                        shown(&entry.uuid)
                    )
                };
                // An entry holds so many: the rest are listed, and the writing comes in whole.
                if taken >= MAX_PICTURES {
                    reader.unread.push(Rejection {
                        item: label(),
                        reason: format!("an entry holds at most {MAX_PICTURES} photos"),
                    });
                    continue;
                }
                let wanted = format!("{}.{}", photo.md5.to_lowercase(), photo.kind.to_lowercase());
                let Some(member) = members.get(&wanted) else {
                    reader.unread.push(Rejection {
                        item: label(),
                        reason: format!("the zip has no photos/{wanted}"),
                    });
                    continue;
                };
                match read_photo(&mut archive, member) {
                    Ok(picture) => {
                        let a = picture.attachment;
                        reader.names.insert(a.file.clone(), member.clone());
                        reader
                            .by_identifier
                            .insert(photo.identifier.to_uppercase(), a);
                    }
                    Err(e) => reader.unread.push(Rejection {
                        item: label(),
                        reason: e.to_string(),
                    }),
                }
            }
        }
        Ok(reader)
    }

    /// `entry` with the photos `item` lists, in their order, and their places in the text
    /// taken out (the photos show after the words).
    pub(super) fn attach(&self, mut entry: Entry, item: &DayOneEntry) -> Entry {
        let mut photos: Vec<&DayOnePhoto> = item.photos.iter().collect();
        photos.sort_by_key(|p| p.order_in_entry);
        for photo in photos {
            let id = photo.identifier.to_uppercase();
            let Some(a) = self.by_identifier.get(&id) else {
                continue;
            };
            if !entry.attachments.iter().any(|have| have.file == a.file) {
                entry.attachments.push(a.clone());
            }
            entry.body = without_moment(&entry.body, &id);
        }
        entry
    }
}

impl IncomingPictures for PhotoReader {
    fn read(&self, attachment: &Attachment) -> Result<Picture> {
        let member = self
            .names
            .get(&attachment.file)
            .ok_or_else(|| Error::NotFound {
                what: "photo",
                id: attachment.file.clone(),
            })?;
        let zip = std::fs::File::open(&self.zip).at(&self.zip)?;
        let mut archive = zip::ZipArchive::new(zip).map_err(|e| {
            Error::invalid(format!(
                "{}: the zip cannot be read ({e})",
                self.zip.display()
            ))
        })?;
        let picture = read_photo(&mut archive, member)?;
        if picture.attachment.hash != attachment.hash {
            return Err(Error::invalid(format!(
                "{}: {member} changed while it was imported",
                self.zip.display()
            )));
        }
        // Kept under the name the entry gives it.
        Ok(Picture {
            attachment: attachment.clone(),
            bytes: picture.bytes,
        })
    }
}

/// The photo `member` of `archive`, read to at most [`MAX_PICTURE_BYTES`] (whatever the zip
/// claims), and taken as Tend takes every photo.
fn read_photo<R: std::io::Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    member: &str,
) -> Result<Picture> {
    use std::io::Read;
    let file = archive
        .by_name(member)
        .map_err(|e| Error::invalid(format!("{member} cannot be read from the zip ({e})")))?;
    let mut bytes = Vec::new();
    file.take(MAX_PICTURE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::invalid(format!("{member} cannot be read from the zip ({e})")))?;
    Picture::take(bytes)
}

/// `text` without the image that shows the photo `id` (`![…](dayone-moment://<id>)`), and
/// without the blank lines it leaves at the end.
fn without_moment(text: &str, id: &str) -> String {
    let mut out = text.to_string();
    let target = format!("]({MOMENT}");
    let mut from = 0;
    while let Some(at) = out[from..].find(&target).map(|i| i + from) {
        let rest = &out[at + target.len()..];
        let close = rest.find(')');
        let matches = close.is_some_and(|c| rest[..c].eq_ignore_ascii_case(id));
        let open = out[..at].rfind("![");
        match (matches, open, close) {
            (true, Some(open), Some(close)) => {
                out.replace_range(open..at + target.len() + close + 1, "");
                from = open;
            }
            _ => from = at + target.len(),
        }
    }
    out.trim_end().to_string()
}
