//! Photos kept with an entry (issue 28): which pictures are taken, how large, and what of a
//! picture is kept. A photo says where she was: its location and camera data are taken out on
//! the way in, before anything is written.
//!
//! - JPEG: every application segment but the picture's own (JFIF, the colour profile, Adobe's
//!   colour transform) and every comment go: Exif (GPS, camera, serial number, time), XMP,
//!   IPTC. The picture itself is not decoded or re-encoded, so it loses nothing. Only the
//!   Exif orientation is written back, alone, so that a photo taken upright shows upright.
//! - PNG: the eXIf chunk and every text chunk (tEXt, zTXt, iTXt: XMP and comments) and tIME.
//! - WebP: the EXIF and XMP chunks, with the header's flags that named them.
//! - GIF carries no camera data (no Exif), and is kept as it is.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::error::{Error, Result};

mod jpeg;

/// The largest photo taken: 25 MB, a phone camera's largest JPEG with room to spare.
pub const MAX_PICTURE_BYTES: usize = 25_000_000;
/// The most photos one entry holds.
pub const MAX_PICTURES: usize = 50;

/// A photo kept with an entry: `attachments/<entry id>/<file>` beside the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    /// The file's name: 32 random hex digits and the format's extension ("3f…a1.jpg"). Never
    /// derived from the picture: in an encrypted journal a name says nothing of what it holds
    /// (someone with the same photo cannot tell from the names that it is here).
    pub file: String,
    /// The SHA-256 of the photo as kept, in hex: the same photo added twice is kept once, and
    /// a photo read again (an import's) is known to be the one first read. Kept inside the
    /// entry, so encrypted with it.
    #[serde(default)]
    pub hash: String,
    pub kind: PictureKind,
    /// Its size as kept (after the camera data went).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "lowercase")]
pub enum PictureKind {
    Jpeg,
    Png,
    Webp,
    Gif,
}

impl PictureKind {
    /// What the bytes are, by their first bytes (never by a file's name).
    pub fn sniff(bytes: &[u8]) -> Option<PictureKind> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(PictureKind::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(PictureKind::Png)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(PictureKind::Webp)
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(PictureKind::Gif)
        } else {
            None
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            PictureKind::Jpeg => "jpg",
            PictureKind::Png => "png",
            PictureKind::Webp => "webp",
            PictureKind::Gif => "gif",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            PictureKind::Jpeg => "image/jpeg",
            PictureKind::Png => "image/png",
            PictureKind::Webp => "image/webp",
            PictureKind::Gif => "image/gif",
        }
    }

    fn label(self) -> &'static str {
        match self {
            PictureKind::Jpeg => "JPEG",
            PictureKind::Png => "PNG",
            PictureKind::Webp => "WebP",
            PictureKind::Gif => "GIF",
        }
    }
}

/// A photo ready to keep: checked, its camera data gone, under a new name, with its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub attachment: Attachment,
    pub bytes: Vec<u8>,
}

impl Picture {
    /// Takes `bytes` as a photo: a JPEG, PNG, WebP or GIF of at most [`MAX_PICTURE_BYTES`],
    /// with its location and camera data removed. Anything else is refused with a message
    /// that says what is taken; nothing is written here.
    pub fn take(bytes: Vec<u8>) -> Result<Picture> {
        if bytes.len() > MAX_PICTURE_BYTES {
            return Err(Error::invalid(format!(
                "picture: this file is {:.1} MB; a photo can be at most {} MB",
                bytes.len() as f64 / 1e6,
                MAX_PICTURE_BYTES / 1_000_000
            )));
        }
        let kind = PictureKind::sniff(&bytes).ok_or_else(|| {
            Error::invalid(
                "picture: this file is not a photo Tend keeps; choose a JPEG, PNG, WebP or GIF \
                 picture",
            )
        })?;
        let bytes = without_camera_data(kind, bytes)?;
        Ok(Picture::named(kind, bytes))
    }

    /// The kept bytes, under a new random name, with their hash.
    fn named(kind: PictureKind, bytes: Vec<u8>) -> Picture {
        let hash: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let name = uuid::Uuid::new_v4().simple().to_string();
        Picture {
            attachment: Attachment {
                file: format!("{name}.{}", kind.extension()),
                hash,
                kind,
                bytes: bytes.len() as u64,
            },
            bytes,
        }
    }
}

/// The way up a kept photo goes: its Exif orientation (1 to 8; 1, as stored, when it has none).
/// Only a JPEG keeps one (see [`without_camera_data`]).
pub fn orientation_of(kind: PictureKind, bytes: &[u8]) -> u16 {
    match kind {
        PictureKind::Jpeg => jpeg::orientation_of(bytes).unwrap_or(1),
        _ => 1,
    }
}

/// Whether `file` is a name Tend gives a photo (32 hex digits and a known extension): an
/// entry's list of photos is never followed outside its own folder.
pub fn is_valid_file_name(file: &str) -> bool {
    let Some((stem, ext)) = file.split_once('.') else {
        return false;
    };
    stem.len() == 32
        && stem
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        && ["jpg", "png", "webp", "gif"].contains(&ext)
}

/// The photo without its location and camera data (see the module's notes).
pub fn without_camera_data(kind: PictureKind, bytes: Vec<u8>) -> Result<Vec<u8>> {
    let unreadable = |e: img_parts::Error| {
        Error::invalid(format!(
            "picture: this {} file is damaged and cannot be read ({e}); nothing was added",
            kind.label()
        ))
    };
    let bytes = img_parts::Bytes::from(bytes);
    Ok(match kind {
        PictureKind::Jpeg => jpeg::without_camera_data(&bytes).map_err(|why| {
            Error::invalid(format!(
                "picture: this JPEG file is damaged and cannot be read ({why}); nothing was added"
            ))
        })?,
        PictureKind::Png => {
            use img_parts::png::Png;
            let mut png = Png::from_bytes(bytes).map_err(unreadable)?;
            png.chunks_mut()
                .retain(|c| !matches!(&c.kind(), b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME"));
            png.encoder().bytes().to_vec()
        }
        PictureKind::Webp => {
            use img_parts::riff::{RiffChunk, RiffContent};
            use img_parts::webp::{WebP, CHUNK_EXIF, CHUNK_VP8X, CHUNK_XMP};
            let mut webp = WebP::from_bytes(bytes).map_err(unreadable)?;
            webp.remove_chunks_by_id(CHUNK_EXIF);
            webp.remove_chunks_by_id(CHUNK_XMP);
            // The extended header's flags no longer name them (bits 3 and 2 of its first
            // byte); everything else it says (alpha, animation, the colour profile) stays.
            let chunks = webp.chunks_mut();
            if let Some(header) = chunks.iter_mut().find(|c| c.id() == CHUNK_VP8X) {
                if let Some(data) = header.content().data() {
                    let mut data = data.to_vec();
                    if let Some(flags) = data.first_mut() {
                        *flags &= !(0x08 | 0x04);
                    }
                    *header = RiffChunk::new(CHUNK_VP8X, RiffContent::Data(data.into()));
                }
            }
            webp.encoder().bytes().to_vec()
        }
        PictureKind::Gif => bytes.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/tests/photos/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    pub(super) fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn location_and_camera_data_are_gone_from_every_format_that_carries_them() {
        for name in ["gps.jpg", "gps.png", "gps.webp", "rotated.jpg"] {
            let original = fixture(name);
            assert!(
                contains(&original, b"PhoneMaker"),
                "{name}: the fixture has a camera"
            );
            let kept = Picture::take(original).unwrap();
            for trace in [&b"PhoneMaker"[..], b"GPS", b"xmp", b"taken at home"] {
                assert!(
                    !contains(&kept.bytes, trace),
                    "{name} still holds {trace:?}"
                );
            }
            assert_eq!(PictureKind::sniff(&kept.bytes), Some(kept.attachment.kind));
        }
    }

    #[test]
    fn a_webps_header_no_longer_names_what_was_taken_out() {
        let kept = Picture::take(fixture("gps.webp")).unwrap();
        let at = kept
            .bytes
            .windows(4)
            .position(|w| w == b"VP8X")
            .expect("the header stays");
        assert_eq!(
            kept.bytes[at + 8] & 0x0C,
            0,
            "the Exif and XMP flags are cleared"
        );
    }

    #[test]
    fn other_files_and_huge_ones_are_refused_with_what_is_taken() {
        let err = Picture::take(fixture("not-a-picture.pdf"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("JPEG, PNG, WebP or GIF"), "{err}");
        let mut huge = fixture("plain.gif");
        huge.resize(MAX_PICTURE_BYTES + 1, 0);
        let err = Picture::take(huge).unwrap_err().to_string();
        assert!(err.contains("at most 25 MB"), "{err}");
        let mut broken = fixture("gps.png");
        broken.truncate(40);
        let err = Picture::take(broken).unwrap_err().to_string();
        assert!(err.contains("damaged"), "{err}");
    }

    #[test]
    fn the_same_photo_is_one_hash_under_names_that_say_nothing_of_it() {
        let a = Picture::take(fixture("plain.gif")).unwrap();
        let b = Picture::take(fixture("plain.gif")).unwrap();
        assert_eq!(a.attachment.hash, b.attachment.hash);
        assert_ne!(
            a.attachment.file, b.attachment.file,
            "a name is never the content's"
        );
        assert!(!a.attachment.file.starts_with(&a.attachment.hash[..8]));
        assert!(is_valid_file_name(&a.attachment.file));
        for bad in [
            "../settings.json",
            "x.jpg",
            "0123456789abcdef0123456789abcdef.exe",
        ] {
            assert!(!is_valid_file_name(bad), "{bad}");
        }
    }
}
