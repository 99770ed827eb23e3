//! Unit tests of the restore: paths inside the journal, the swap put back, counted sizes.
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::*;

/// Sizes claimed in a zip are not trusted: one that says it is small and inflates to more
/// than the limit is refused by counting what is read (a small limit keeps the test quick).
#[test]
fn a_zip_that_lies_about_its_size_is_refused_as_too_large() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = Cursor::new(Vec::new());
    {
        let mut writer = ZipWriter::new(&mut bytes);
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        writer.start_file("entries/zeros.txt", options).unwrap();
        writer.write_all(&[0; 1024 * 1024]).unwrap();
        writer.finish().unwrap();
    }
    let mut bytes = bytes.into_inner();
    // Claim 10 bytes, in the local header (offset 22) and the central directory (24).
    for (signature, offset) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let at = bytes.windows(4).position(|w| w == signature).unwrap();
        bytes[at + offset..at + offset + 4].copy_from_slice(&10u32.to_le_bytes());
    }
    let zip = dir.path().join("liar.zip");
    fs::write(&zip, bytes).unwrap();
    let staging = dir.path().join("staging");
    fs::create_dir(&staging).unwrap();

    let error = unpack(&zip, &staging, 64 * 1024).unwrap_err();

    assert!(
        error.to_string().contains("too large"),
        "what is inflated counts, not what the zip claims: {error}"
    );
}

#[test]
fn names_outside_the_journal_or_into_backups_are_refused() {
    for bad in [
        "../evil",
        "entries/../../evil",
        "/etc/passwd",
        "C:/evil",
        "entries\\..\\evil",
        "a//b",
        "./a",
        "backups/tend-2026-11-23-211500.zip",
        "backups/",
    ] {
        assert!(
            target(bad).is_err(),
            "{bad:?} could write outside the journal or into backups/, so it must be refused"
        );
    }
    assert_eq!(
        target("entries/2026/a.json"),
        Ok(Some(vec!["entries".into(), "2026".into(), "a.json".into()]))
    );
    assert_eq!(target("entries/"), Ok(Some(vec!["entries".into()])));
    assert_eq!(
        target(".instance.lock"),
        Ok(None),
        "a lock file in a zip is skipped, never restored over the live lock"
    );
}

#[test]
fn a_swap_that_fails_halfway_puts_the_journal_back_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("entries")).unwrap();
    fs::write(root.join("entries/mine.json"), "{}").unwrap();
    fs::write(root.join("settings.json"), "{\"mine\":1}").unwrap();
    let staging = root.join(".tend-restore-test");
    fs::create_dir_all(staging.join("entries")).unwrap();
    fs::write(staging.join("entries/theirs.json"), "{}").unwrap();
    // "vanished" is not in the staging folder: its move fails after "entries" has moved in.
    let staged = vec!["entries".to_string(), "vanished".to_string()];

    let error = swap_in(
        root,
        &staging,
        &staged,
        Path::new("b.zip"),
        Path::new("s.zip"),
    )
    .expect_err("a staged item that cannot be moved must fail the restore");

    assert!(
        error.to_string().contains("put back as it was"),
        "the message must say the journal is as it was: {error}"
    );
    assert!(
        root.join("entries/mine.json").exists() && root.join("settings.json").exists(),
        "the user's own files must be back in place after a failed swap"
    );
    assert!(
        !root.join("entries/theirs.json").exists(),
        "nothing of the half-restored backup may stay in the journal"
    );
    let hidden: Vec<_> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(BEFORE_RESTORE_PREFIX))
        .collect();
    assert!(
        hidden.is_empty(),
        "the emptied aside folder is removed: {hidden:?}"
    );
}
