//! Photos kept with an entry (issue 28): added with their location gone, kept beside the
//! journal, encrypted with it, backed up, moved to the trash with their entry, and carried by
//! the exports that have a place for them, the Day One zip there and back among them.

mod common;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use common::fixture::{context, format};
use common::{at, day, draft, open, secret};
use tend::export::Filter;
use tend::Store;

fn photo(name: &str) -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/photos")
            .join(name),
    )
    .unwrap()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Every file below `dir`, whole paths.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(read) = fs::read_dir(dir) else {
        return out;
    };
    for item in read.flatten() {
        if item.file_type().unwrap().is_dir() {
            out.extend(files(&item.path()));
        } else {
            out.push(item.path());
        }
    }
    out.sort();
    out
}

fn attachments(dir: &Path) -> Vec<PathBuf> {
    files(&dir.join("attachments"))
}

/// A journal with one entry holding the GPS-tagged JPEG and PNG.
fn journal_with_photos(dir: &Path) -> (Store, String) {
    let mut store = open(dir);
    let entry = store
        .save_entry(draft("2026-11-20", "# A walk\n\n**Cold** but clear."))
        .unwrap();
    store
        .attach(Some(&entry.id), entry.date, photo("gps.jpg"))
        .unwrap();
    let entry = store
        .attach(Some(&entry.id), entry.date, photo("gps.png"))
        .unwrap();
    assert_eq!(entry.attachments.len(), 2);
    (store, entry.id)
}

#[test]
fn a_photo_is_kept_beside_its_entry_without_its_location_and_survives_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = journal_with_photos(dir.path());
    let kept = attachments(dir.path());
    assert_eq!(kept.len(), 2, "{kept:?}");
    for path in &kept {
        assert!(path.starts_with(dir.path().join("attachments").join(&id)));
        let bytes = fs::read(path).unwrap();
        assert!(
            !contains(&bytes, b"GPS") && !contains(&bytes, b"PhoneMaker"),
            "{path:?}"
        );
    }
    drop(store);
    let store = open(dir.path());
    let entry = store.entry(&id).unwrap();
    assert_eq!(entry.attachments.len(), 2);
    assert_eq!(
        store.summaries()[0].picture.as_deref(),
        Some(entry.attachments[0].file.as_str()),
        "the list shows the first photo"
    );
    let back = store
        .pictures()
        .read_attachment(&id, &entry.attachments[0])
        .unwrap();
    assert_eq!(back.len() as u64, entry.attachments[0].bytes);
    let (count, problems) = store.check_pictures();
    assert_eq!((count, problems.len()), (2, 0));
}

#[test]
fn the_editors_save_keeps_the_photos_and_the_same_photo_twice_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = journal_with_photos(dir.path());
    let mut edit = tend::EntryDraft::of(store.entry(&id).unwrap());
    edit.body.push_str(" And home.");
    let saved = store.save_entry(edit).unwrap();
    assert_eq!(
        saved.attachments.len(),
        2,
        "a save from the editor keeps them"
    );
    let again = store
        .attach(Some(&id), saved.date, photo("gps.jpg"))
        .unwrap();
    assert_eq!(again.attachments.len(), 2);
    assert_eq!(attachments(dir.path()).len(), 2);
}

#[test]
fn a_file_that_is_no_photo_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let entry = store.save_entry(draft("2026-11-20", "Words.")).unwrap();
    let before = fs::read(store.entry_path(&entry.id).unwrap()).unwrap();
    let err = store
        .attach(Some(&entry.id), entry.date, photo("not-a-picture.pdf"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("JPEG, PNG, WebP or GIF"), "{err}");
    assert!(attachments(dir.path()).is_empty());
    assert_eq!(
        fs::read(store.entry_path(&entry.id).unwrap()).unwrap(),
        before
    );
    // Nor is an entry begun for a photo refused.
    let err = store.attach(None, day("2026-11-21"), b"hello".to_vec());
    assert!(err.is_err());
    assert_eq!(store.entry_count(), 1);
}

#[test]
fn a_photo_alone_begins_an_entry_and_taking_it_out_removes_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let entry = store
        .attach(None, day("2026-11-21"), photo("plain.gif"))
        .unwrap();
    assert!(entry.body.is_empty());
    assert_eq!(store.entry_count(), 1);
    let file = entry.attachments[0].file.clone();
    let entry = store.detach(&entry.id, &file).unwrap();
    assert!(entry.attachments.is_empty());
    assert!(attachments(dir.path()).is_empty());
}

#[test]
fn deleted_with_its_entry_a_photo_waits_in_the_trash_comes_back_with_it_and_goes_after_30_days() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = journal_with_photos(dir.path());
    store.delete(&id).unwrap();
    assert!(attachments(dir.path()).is_empty());
    assert_eq!(files(&dir.path().join("trash/attachments")).len(), 2);
    store.restore_deleted(&id).unwrap();
    assert_eq!(attachments(dir.path()).len(), 2);
    assert!(files(&dir.path().join("trash/attachments")).is_empty());
    let entry = store.entry(&id).unwrap().clone();
    store
        .pictures()
        .read_attachment(&id, &entry.attachments[1])
        .unwrap();
    store.delete(&id).unwrap();
    drop(store);
    // Thirty-one days on, the entry and its photos are gone for good.
    let later = Store::open(dir.path(), at("2026-12-25T10:00:00+01:00")).unwrap();
    assert!(later.trash().unwrap().is_empty());
    assert!(!dir.path().join("trash/attachments").join(&id).exists());
    assert!(attachments(dir.path()).is_empty());
}

#[test]
fn an_encrypted_journal_keeps_its_photos_encrypted_and_they_open_with_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = journal_with_photos(dir.path());
    store
        .encryption_on(&secret("a long enough passphrase"), Some(10))
        .unwrap();
    let kept = attachments(dir.path());
    assert_eq!(kept.len(), 2);
    for path in &kept {
        assert!(path.to_string_lossy().ends_with(".age"), "{path:?}");
        let bytes = fs::read(path).unwrap();
        assert!(bytes.starts_with(b"age-encryption.org/v1"), "{path:?}");
    }
    // A new photo is written encrypted too.
    let entry = store
        .attach(Some(&id), day("2026-11-20"), photo("gps.webp"))
        .unwrap();
    assert!(attachments(dir.path())
        .iter()
        .all(|p| p.to_string_lossy().ends_with(".age")));
    let webp = store
        .pictures()
        .read_attachment(&id, &entry.attachments[2])
        .unwrap();
    assert!(webp.starts_with(b"RIFF"));
    // Turned off, they are plain again.
    store
        .encryption_off(&secret("a long enough passphrase"))
        .unwrap();
    assert!(attachments(dir.path())
        .iter()
        .all(|p| !p.to_string_lossy().ends_with(".age")));
}

#[test]
fn a_backup_holds_the_photos_and_a_restore_brings_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal");
    let (store, id) = journal_with_photos(&journal);
    let zip = dir.path().join("backup.zip");
    let backup = store.backup(Some(&zip)).unwrap();
    assert!(backup.skipped.is_empty());
    let mut archive = zip::ZipArchive::new(fs::File::open(&zip).unwrap()).unwrap();
    let photos: Vec<String> = archive
        .file_names()
        .filter(|n| n.starts_with(&format!("attachments/{id}/")))
        .map(String::from)
        .collect();
    assert_eq!(photos.len(), 2, "{photos:?}");
    let mut first = Vec::new();
    archive
        .by_name(&photos[0])
        .unwrap()
        .read_to_end(&mut first)
        .unwrap();
    assert!(!contains(&first, b"GPS"));
    drop(store);
    let elsewhere = dir.path().join("restored");
    tend::backup::restore(
        &elsewhere,
        &zip,
        &common::FixedClock(common::fixture::time("2026-11-24T10:00:00+01:00")),
    )
    .unwrap();
    assert_eq!(attachments(&elsewhere).len(), 2);
}

#[test]
fn html_embeds_pdf_places_markdown_copies_and_jrnl_says_it_leaves_them_out() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = journal_with_photos(&dir.path().join("journal"));
    let entry = store.entry(&id).unwrap().clone();

    let html = dir.path().join("out.html");
    tend::export::export_journal(
        &store,
        &Filter::default(),
        format("html"),
        &context(),
        &html,
    )
    .unwrap();
    let html = fs::read_to_string(html).unwrap();
    assert_eq!(html.matches("<img src=\"data:image/").count(), 2, "{html}");

    let pdf = dir.path().join("out.pdf");
    tend::export::export_journal(&store, &Filter::default(), format("pdf"), &context(), &pdf)
        .unwrap();
    let pdf = fs::read(pdf).unwrap();
    assert!(contains(&pdf, b"/Subtype /Image") || contains(&pdf, b"/Subtype/Image"));
    assert!(
        contains(&pdf, b"/Figure"),
        "the photo is a figure for a screen reader"
    );

    let md = dir.path().join("md");
    tend::export::export_journal(&store, &Filter::default(), format("md"), &context(), &md)
        .unwrap();
    let pages = common::fixture::walk(&md);
    let photos: Vec<&String> = pages.iter().filter(|p| p.contains("/photos/")).collect();
    assert_eq!(photos.len(), 2, "{pages:?}");
    let page = pages.iter().find(|p| p.ends_with(".md")).unwrap();
    let text = fs::read_to_string(md.join(page)).unwrap();
    let shown = format!("![A photo](photos/{})", entry.attachments[0].file);
    assert!(text.contains(&shown), "{text}");
    assert!(md
        .join(page)
        .parent()
        .unwrap()
        .join("photos")
        .join(&entry.attachments[0].file)
        .exists());

    let selection = tend::selection::select(&store, &Filter::default());
    let said = tend::export::describe_export(format("jrnl"), &selection);
    assert!(said.contains("2 photos are left out"), "{said}");
    let said = tend::export::describe_export(format("dayone"), &selection);
    assert!(!said.contains("photo"), "{said}");
}

#[test]
fn a_day_one_zip_carries_the_formatting_and_the_photos_into_a_new_journal() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = journal_with_photos(&dir.path().join("journal"));
    let original = store.entry(&id).unwrap().clone();
    let zip = dir.path().join("dayone.zip");
    tend::export::export_journal(
        &store,
        &Filter::default(),
        format("dayone"),
        &context(),
        &zip,
    )
    .unwrap();
    let mut archive = zip::ZipArchive::new(fs::File::open(&zip).unwrap()).unwrap();
    let in_photos = archive
        .file_names()
        .filter(|n| n.starts_with("photos/"))
        .count();
    assert_eq!(in_photos, 2);
    let mut json = String::new();
    archive
        .by_name("Journal.json")
        .unwrap()
        .read_to_string(&mut json)
        .unwrap();
    assert_eq!(json.matches("dayone-moment://").count(), 2, "{json}");

    let mut fresh = open(&dir.path().join("fresh"));
    let report = tend::import::import(&mut fresh, format("dayone"), &zip).unwrap();
    assert_eq!(report.imported, 1, "{report:?}");
    let came = fresh.entries()[0].clone();
    assert_eq!(
        came.body, original.body,
        "the Markdown comes back as written"
    );
    let hashes =
        |e: &tend::Entry| -> Vec<String> { e.attachments.iter().map(|a| a.hash.clone()).collect() };
    assert_eq!(
        hashes(&came),
        hashes(&original),
        "the same photos, by content"
    );
    for a in &came.attachments {
        let bytes = fresh.pictures().read_attachment(&came.id, a).unwrap();
        assert!(!contains(&bytes, b"GPS"));
    }
    // Imported again, nothing is added twice.
    let again = tend::import::import(&mut fresh, format("dayone"), &zip).unwrap();
    assert_eq!((again.imported, again.duplicates), (0, 1));
    assert_eq!(attachments(&dir.path().join("fresh")).len(), 2);
}

/// The review of the photos' first version: a trash file the open cannot read (damaged, or
/// written by a newer Tend) was left out of what the trash still holds, so the photos of its
/// entry were removed for good at the next open. Now only the photos of a trash file just
/// purged go.
#[test]
fn the_photos_of_a_trash_file_that_cannot_be_read_stay() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = journal_with_photos(dir.path());
    store.delete(&id).unwrap();
    drop(store);
    let trash_file = dir.path().join("trash").join(format!("{id}.json"));
    fs::write(&trash_file, b"{ damaged").unwrap();
    let later = Store::open(dir.path(), at("2026-12-25T10:00:00+01:00")).unwrap();
    drop(later);
    assert_eq!(
        files(&dir.path().join("trash/attachments").join(&id)).len(),
        2,
        "photos whose trash file could not be read are never removed"
    );
    assert!(trash_file.exists());
}

/// The review of the photos' first version: a Day One entry with more photos than an entry
/// holds was refused whole, its writing with it. Now its words and its first 50 photos come
/// in, and each photo left out is listed.
#[test]
fn a_day_one_entry_with_more_photos_than_an_entry_holds_comes_in_with_its_words() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("many.zip");
    let count = tend::picture::MAX_PICTURES + 3;
    let photos: Vec<String> = (0..count)
        .map(|n| {
            format!(r#"{{"identifier": "P{n:031}", "md5": "m{n:031}", "type": "gif", "orderInEntry": {n}}}"#)
        })
        .collect();
    let journal = format!(
        r#"{{"metadata": {{"version": "1.0"}}, "entries": [{{"uuid": "0A1B2C3D4E5F60718293A4B5C6D7E8F9",
        "creationDate": "2026-11-20T18:00:00Z", "timeZone": "Europe/Paris",
        "text": "A day of many pictures.", "photos": [{}]}}]}}"#,
        photos.join(", ")
    );
    let mut zip = zip::ZipWriter::new(fs::File::create(&zip_path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("Journal.json", options).unwrap();
    zip.write_all(journal.as_bytes()).unwrap();
    for n in 0..count {
        zip.start_file(format!("photos/m{n:031}.gif"), options)
            .unwrap();
        zip.write_all(format!("GIF89a{n:04}").as_bytes()).unwrap();
    }
    zip.finish().unwrap();

    let mut store = open(&dir.path().join("journal"));
    let report = tend::import::import(&mut store, format("dayone"), &zip_path).unwrap();
    assert_eq!(report.imported, 1, "{report:?}");
    assert_eq!(report.rejected.len(), 3, "{report:?}");
    assert!(report.rejected[0].reason.contains("at most 50 photos"));
    let entry = store.entries()[0].clone();
    assert_eq!(entry.body, "A day of many pictures.");
    assert_eq!(entry.attachments.len(), tend::picture::MAX_PICTURES);
}

/// Regression (found by the Syncthing test, issue 25): "keep both" of an entry whose other
/// version holds a photo gave the new entry the photo's name under its new id, but left the
/// file in the old entry's folder: the new entry's photo could not be read, and `tend doctor`
/// named it. The photo is now copied to the new entry's folder first.
#[test]
fn keeping_both_versions_gives_the_new_entry_its_photos() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = journal_with_photos(dir.path());
    let path = store.entry_path(&id).unwrap().to_path_buf();
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let copy = path.with_file_name(format!("{stem}.sync-conflict-20261207-101010-ABCDEFG.json"));
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&copy, text.replace("clear.", "clear, on the laptop.")).unwrap();
    drop(store);
    let mut store = open(dir.path());
    let done = store
        .resolve_versions(&id, Some(copy.to_str().unwrap()), tend::store::Keep::Both)
        .unwrap();
    let new_id = done.new_id.expect("the other version has an id of its own");

    let new = store.entry(&new_id).unwrap().clone();
    assert_eq!(new.attachments.len(), 2);
    for a in &new.attachments {
        let bytes = store.pictures().read(&new_id, &a.file).unwrap();
        assert!(bytes.len() > 100, "{} reads under its new entry", a.file);
    }
    let (count, problems) = store.check_pictures();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(count, 4, "each entry has its own two");
    assert_eq!(store.entry(&id).unwrap().attachments.len(), 2);
}
