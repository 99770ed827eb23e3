//! JPEG, read marker by marker (see [`without_camera_data`]), and the one Exif tag kept:
//! the orientation, so that a photo taken upright shows upright.

/// A JPEG without its camera data, read marker by marker to its end: every application
/// segment but JFIF, the colour profile and Adobe's colour transform goes, and every comment,
/// wherever they stand (between the scans of a progressive JPEG too); whatever follows the end
/// marker goes (a phone's motion-photo video, a second picture with its own Exif). The scans
/// are copied as they are. The Exif orientation alone is written back, after JFIF.
pub(super) fn without_camera_data(b: &[u8]) -> std::result::Result<Vec<u8>, &'static str> {
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

/// The Exif orientation of a JPEG, from its Exif segment (before its first scan), if any.
pub(super) fn orientation_of(b: &[u8]) -> Option<u16> {
    let mut i = 2;
    while b.get(i) == Some(&0xFF) {
        let marker = *b.get(i + 1)?;
        let len = usize::from(u16::from_be_bytes([*b.get(i + 2)?, *b.get(i + 3)?]));
        let contents = b.get(i + 4..i + 2 + len)?;
        if marker == 0xE1 {
            if let Some(exif) = contents.strip_prefix(b"Exif\0\0") {
                return orientation(exif);
            }
        }
        if marker == 0xDA {
            return None;
        }
        i += 2 + len;
    }
    None
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
    use super::super::tests::{contains, fixture};
    use super::super::Picture;
    use super::*;

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
    fn the_picture_itself_is_not_re_encoded() {
        let original = fixture("gps.jpg");
        let kept = Picture::take(original.clone()).unwrap();
        // The scan (from the start-of-scan marker to the end marker) is byte for byte the same.
        let scan = |b: &[u8]| b[b.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap()..].to_vec();
        assert_eq!(scan(&kept.bytes), scan(&original));
    }
}
