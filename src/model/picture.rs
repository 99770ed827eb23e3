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

/// The largest photo taken: 25 MB, a phone camera's largest JPEG with room to spare.
pub const MAX_PICTURE_BYTES: usize = 25_000_000;
/// The most photos one entry holds.
pub const MAX_PICTURES: usize = 50;

/// A photo kept with an entry: `attachments/<entry id>/<file>` beside the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    /// The file's name: its content's hash and the format's extension ("3f…a1.jpg"), so the
    /// same photo added twice is one file.
    pub file: String,
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

/// A photo ready to keep: checked, its camera data gone, named by its content.
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

    /// Bytes already kept by Tend (read back from a journal), named by their content.
    fn named(kind: PictureKind, bytes: Vec<u8>) -> Picture {
        let hash = Sha256::digest(&bytes);
        let hex: String = hash[..16].iter().map(|b| format!("{b:02x}")).collect();
        Picture {
            attachment: Attachment {
                file: format!("{hex}.{}", kind.extension()),
                kind,
                bytes: bytes.len() as u64,
            },
            bytes,
        }
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
        PictureKind::Jpeg => jpeg_without_camera_data(&bytes).map_err(|why| {
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

/// A JPEG without its camera data, read marker by marker to its end: every application
/// segment but JFIF, the colour profile and Adobe's colour transform goes, and every comment,
/// wherever they stand (between the scans of a progressive JPEG too); whatever follows the end
/// marker goes (a phone's motion-photo video, a second picture with its own Exif). The scans
/// are copied as they are. The Exif orientation alone is written back, after JFIF.
fn jpeg_without_camera_data(b: &[u8]) -> std::result::Result<Vec<u8>, &'static str> {
    const SOS: u8 = 0xDA;
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut after_jfif = out.len();
    let mut turn = None;
    let mut i = 2;
    loop {
        if b.get(i) != Some(&0xFF) {
            return Err("a marker is missing");
        }
        while b.get(i) == Some(&0xFF) {
            i += 1; // fill bytes before a marker
        }
        let marker = *b.get(i).ok_or("it ends before its end marker")?;
        i += 1;
        match marker {
            0xD9 => {
                out.extend_from_slice(&[0xFF, 0xD9]);
                break;
            }
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&[0xFF, marker]);
                continue;
            }
            _ => {}
        }
        let len = b
            .get(i..i + 2)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
            .filter(|len| *len >= 2 && i + len <= b.len())
            .ok_or("a segment runs past its end")?;
        let contents = &b[i + 2..i + len];
        let keep = match marker {
            0xE0 => contents.starts_with(b"JFIF\0") || contents.starts_with(b"JFXX\0"),
            0xE2 => contents.starts_with(b"ICC_PROFILE\0"),
            0xEE => contents.starts_with(b"Adobe"),
            0xE1 => {
                if let Some(exif) = contents.strip_prefix(b"Exif\0\0") {
                    turn = turn.or(orientation(exif));
                }
                false
            }
            0xE3..=0xED | 0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(&[0xFF, marker]);
            out.extend_from_slice(&b[i..i + len]);
            if marker == 0xE0 && after_jfif == 2 {
                after_jfif = out.len();
            }
        }
        i += len;
        if marker == SOS {
            // The scan's data, to the next marker that is neither a stuffed 0xFF nor a restart.
            let start = i;
            while i + 1 < b.len()
                && !(b[i] == 0xFF && b[i + 1] != 0 && !(0xD0..=0xD7).contains(&b[i + 1]))
            {
                i += 1;
            }
            if i + 1 >= b.len() {
                return Err("it ends within its picture");
            }
            out.extend_from_slice(&b[start..i]);
        }
    }
    if let Some(turn) = turn.filter(|t| *t != 1) {
        let tiff = orientation_only(turn);
        let mut app1 = vec![0xFF, 0xE1];
        app1.extend_from_slice(&u16::try_from(2 + 6 + tiff.len()).unwrap_or(0).to_be_bytes());
        app1.extend_from_slice(b"Exif\0\0");
        app1.extend_from_slice(&tiff);
        out.splice(after_jfif..after_jfif, app1);
    }
    Ok(out)
}

/// The Exif orientation (1 to 8) of `exif` (a TIFF structure, as JPEG's Exif segment holds
/// after "Exif\0\0"), if it has one. Read by hand: one tag of the first directory.
fn orientation(exif: &[u8]) -> Option<u16> {
    let big = match exif.get(..4)? {
        b"MM\0*" => true,
        b"II*\0" => false,
        _ => return None,
    };
    let u16_at = |at: usize| {
        let b: [u8; 2] = exif.get(at..at + 2)?.try_into().ok()?;
        Some(if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |at: usize| {
        let b: [u8; 4] = exif.get(at..at + 4)?.try_into().ok()?;
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    let first = usize::try_from(u32_at(4)?).ok()?;
    let count = usize::from(u16_at(first)?);
    (0..count.min(1_000)).find_map(|n| {
        let at = first + 2 + n * 12;
        // Orientation, a SHORT: its value sits in the first two bytes of the value field.
        (u16_at(at)? == 0x0112 && u16_at(at + 2)? == 3)
            .then(|| u16_at(at + 8))
            .flatten()
            .filter(|v| (1..=8).contains(v))
    })
}

/// An Exif structure holding the orientation and nothing else.
fn orientation_only(turn: u16) -> Vec<u8> {
    let mut tiff = Vec::with_capacity(26);
    tiff.extend_from_slice(b"MM\0*");
    tiff.extend_from_slice(&8u32.to_be_bytes()); // the first directory, right after
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one tag
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes()); // one value
    tiff.extend_from_slice(&turn.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next directory
    tiff
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/tests/photos/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
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
    fn an_upright_photo_stays_upright() {
        let kept = Picture::take(fixture("rotated.jpg")).unwrap();
        use img_parts::ImageEXIF;
        let jpeg = img_parts::jpeg::Jpeg::from_bytes(kept.bytes.into()).unwrap();
        assert_eq!(orientation(&jpeg.exif().unwrap()), Some(6));
    }

    #[test]
    fn what_follows_a_jpegs_end_goes_with_segments_between_its_scans() {
        // A phone's motion photo or second picture follows the end marker; a comment can stand
        // after the first scan. Both carry what a photo says of her.
        let mut photo = fixture("gps.jpg");
        let end = photo.len() - 2;
        photo.splice(end..end, *b"\xFF\xFE\x00\x0Acomment\x00");
        photo.extend_from_slice(b"\xFF\xD8\xFF\xE1\x00\x10Exif\x00\x00GPS-PhoneMaker");
        let kept = Picture::take(photo).unwrap();
        assert!(!contains(&kept.bytes, b"GPS") && !contains(&kept.bytes, b"comment"));
        assert!(kept.bytes.ends_with(&[0xFF, 0xD9]));
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
    fn the_picture_itself_is_not_re_encoded() {
        let original = fixture("gps.jpg");
        let kept = Picture::take(original.clone()).unwrap();
        // The scan (from the start-of-scan marker to the end marker) is byte for byte the same.
        let scan = |b: &[u8]| b[b.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap()..].to_vec();
        assert_eq!(scan(&kept.bytes), scan(&original));
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
    fn the_same_photo_is_one_name_and_names_stay_in_their_folder() {
        let a = Picture::take(fixture("plain.gif")).unwrap();
        let b = Picture::take(fixture("plain.gif")).unwrap();
        assert_eq!(a.attachment.file, b.attachment.file);
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
