//! Data-loss regressions: each test is named for what it guards, and its first comment names
//! the issue (or the commit) that asked for it. A failure here means someone's writing could be
//! lost: do not loosen the test, fix the store.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use common::fixture::{entry, export_bytes, fixture, format};
use common::visions::{pinned_words, save, write};
use common::worksheets::fill;
use common::{at, draft, open, secret};
use serde_json::{json, Value};
use tend::crypt::{self, Key};
use tend::fsio::FileLock;
use tend::prompts;
use tend::store::Keep;
use tend::vision::VisionDraft;
use tend::worksheet;
use tend::{Error, FillingDraft, FillingStatus, Store};

/// Every file in `dir` whose name starts with `stem` and holds `.unreadable-`.
fn set_aside_copies(dir: &Path, stem: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|item| item.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(stem) && name.contains(".unreadable-"))
        .collect();
    names.sort();
    names
}

/// Regression (issue 10; first found in review, commit db7848c): a document saved at the path of
/// a file Tend could not read replaced it. Issue 10's proof: a file Tend cannot read is someone's
/// writing until proven otherwise; a document that would be saved at its path (a vision edited
/// again, an entry imported with the same id and day) must move it aside, never write over it.
#[test]
fn an_unreadable_file_is_never_overwritten_by_a_document_saved_at_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let visions = root.join("visions");
    let year = root.join("entries/2026");
    fs::create_dir_all(&visions).unwrap();
    fs::create_dir_all(&year).unwrap();
    let vision_bytes =
        b"{\"schema\": 1, \"id\": \"grand-vision\", \"revisions\": [{\"number\": 1, \"sec";
    let entry_bytes = b"{\"schema\": 1, \"id\": \"e1\", \"body\": \"caf\xe9 with L\xe9a\"}";
    fs::write(visions.join("grand-vision.json"), vision_bytes).unwrap();
    fs::write(year.join("2026-11-20-e1.json"), entry_bytes).unwrap();

    let mut store = open(root);
    assert_eq!(
        store.problems().len(),
        2,
        "both files are unreadable and listed: {:?}",
        store.problems()
    );
    store
        .save_vision(VisionDraft {
            exercise: "grand-vision".into(),
            session_revision: None,
            sections: BTreeMap::from([("believe".into(), "I am enough.".into())]),
        })
        .unwrap();
    store
        .insert_entry(entry("e1", "2026-11-20", "A quiet walk."))
        .unwrap();

    for (folder, stem, bytes) in [
        (&visions, "grand-vision", &vision_bytes[..]),
        (&year, "2026-11-20-e1", &entry_bytes[..]),
    ] {
        let aside = set_aside_copies(folder, stem);
        assert_eq!(
            aside.len(),
            1,
            "the unreadable {stem}.json is kept beside, once, under a new name: {aside:?}"
        );
        assert_eq!(
            fs::read(folder.join(&aside[0])).unwrap(),
            bytes,
            "{} must hold the unreadable file's bytes exactly",
            aside[0]
        );
    }

    let reopened = open(root);
    assert_eq!(
        reopened.vision("grand-vision").map(|v| v.revisions.len()),
        Some(1),
        "the new vision is where the unreadable one was"
    );
    assert_eq!(reopened.entry("e1").unwrap().body, "A quiet walk.");
    let problems: Vec<&str> = reopened
        .problems()
        .iter()
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(
        problems.len(),
        2,
        "the set-aside files are still listed as unreadable, so the user is still told: \
         {problems:?}"
    );
    assert!(
        problems.iter().all(|p| p.contains(".unreadable-")),
        "{problems:?}"
    );
}

/// Regression (commit db7848c, found in review): a new vision was saved over a vision file Tend
/// could not read (a damaged visions/grand-vision.json), and the writing in it was gone.
#[test]
fn an_unreadable_vision_file_is_set_aside_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let visions = dir.path().join("visions");
    std::fs::create_dir_all(&visions).unwrap();
    let broken = b"{\"schema\": 1, \"id\": \"grand-vision\", \"revisions\": [ years of writing";
    std::fs::write(visions.join("grand-vision.json"), broken).unwrap();
    let mut store = common::open(dir.path());
    assert_eq!(store.problems().len(), 1);
    write(&mut store, None, &[("be", "starting again")]);
    let kept: Vec<_> = std::fs::read_dir(&visions)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| std::fs::read(p).unwrap() == broken)
        .collect();
    assert_eq!(
        kept.len(),
        1,
        "the unreadable file is kept, under another name"
    );
    let reopened = common::open(dir.path());
    assert_eq!(
        reopened.vision("grand-vision").unwrap().revisions[0].sections["be"],
        "starting again"
    );
    assert_eq!(
        reopened.problems().len(),
        1,
        "and it is still listed as unreadable"
    );
}

/// Regression (commit db7848c, review of the visions change): a session whose first save
/// changed nothing adopted the latest revision as its own, and then rewrote an earlier sitting.
#[test]
fn a_session_that_begins_with_an_unchanged_save_still_gets_its_own_revision() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    let first = save(&mut store, None, &[("be", "calm")]);
    assert_eq!(first.session_revision, Some(1));
    let mut later = common::open(dir.path());
    let unchanged = save(&mut later, None, &[("be", "calm"), ("believe", "   ")]);
    assert_eq!(
        unchanged.session_revision, None,
        "nothing written, so no revision is this session's"
    );
    let edited = save(
        &mut later,
        unchanged.session_revision,
        &[("be", "calm and kind")],
    );
    assert_eq!(edited.session_revision, Some(2));
    let v = save(
        &mut later,
        edited.session_revision,
        &[("be", "calm and kind, always")],
    )
    .vision;
    assert_eq!(v.revisions.len(), 2);
    assert_eq!(
        v.revisions[0].sections["be"], "calm",
        "the first sitting is untouched"
    );
}

/// Regression (issue 10, commit 7a0f6dd): unreadable settings must never be lost to a save, nor
/// to the save after it. Issue 10's proof: settings.json that Tend cannot read (a newer Tend's,
/// or a hand edit gone wrong) is moved to settings.unreadable-<date>.json before new settings are
/// written, and a second save does not touch that copy.
#[test]
fn an_unreadable_settings_file_is_kept_under_a_dated_name_when_settings_are_saved() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let unreadable = b"{\"schema\": 7, \"partner\": \"Sam\", \"pronouns\": \"they\"}\n";
    fs::write(root.join("settings.json"), unreadable).unwrap();

    let mut store = Store::open(root, at("2026-11-23T21:15:00+01:00")).unwrap();
    assert!(
        store
            .problems()
            .iter()
            .any(|p| p.path.ends_with("settings.json") && p.reason.contains("newer Tend")),
        "the settings file is listed with why: {:?}",
        store.problems()
    );
    assert_eq!(
        fs::read(root.join("settings.json")).unwrap(),
        unreadable,
        "opening alone changes nothing"
    );
    let mut settings = store.settings().clone();
    settings.partner = "Alex".into();
    store.save_settings(settings.clone()).unwrap();
    settings.partner = "Alex J".into();
    store.save_settings(settings).unwrap();

    let dated = root.join("settings.unreadable-20261123-211500.json");
    assert_eq!(
        fs::read(&dated).unwrap(),
        unreadable,
        "the unreadable settings are kept, byte for byte, under the date of the first save"
    );
    assert_eq!(
        set_aside_copies(root, "settings"),
        ["settings.unreadable-20261123-211500.json"],
        "one copy is kept; the second save did not set aside the settings it wrote itself"
    );
    assert_eq!(open(root).settings().partner, "Alex J");
}

// Issue 10: nothing lost, nothing left behind, never locked out (temporary files a crash
// left, a move cut short, unreadable files and folders, a read-only or full disk, writers that
// take turns, bounds). The kill test is in tests/kill.rs.

/// Every file below `dir`, by its path relative to `dir`.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for item in fs::read_dir(&d).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

/// Regression (issue 10): a third of killed saves left a hidden temp file with the whole
/// document, and nothing ever removed them.
#[test]
fn temporary_files_a_crash_left_are_removed_at_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    store.save_entry(draft("2026-11-20", "Kept.")).unwrap();
    drop(store);
    let year = dir.path().join("entries/2026");
    fs::write(year.join(".tend-AbCd12.tmp"), "{\"half\": ").unwrap();
    fs::write(dir.path().join(".tend-xyz.tmp"), "settings in flight").unwrap();

    // While a writer is at work, its temporary file is in use: left alone.
    let writer = FileLock::exclusive(&tend::paths::write_lock(dir.path())).unwrap();
    let store = open(dir.path());
    assert!(
        year.join(".tend-AbCd12.tmp").exists(),
        "a writer's file is kept"
    );
    drop((store, writer));

    let store = open(dir.path());
    let left: Vec<String> = files(dir.path())
        .into_iter()
        .filter(|f| f.contains(".tend-"))
        .collect();
    assert!(left.is_empty(), "no temporary file remains: {left:?}");
    assert_eq!(store.entry_count(), 1, "the document itself is untouched");
    assert!(store.problems().is_empty(), "{:?}", store.problems());
}

/// Regression (issue 10): a move cut short left two files with one id; the older copy was
/// called unreadable, and once the app loaded the older version.
#[test]
fn of_two_files_with_one_id_the_later_save_wins_and_the_other_goes_to_the_trash() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), at("2026-11-20T10:00:00+01:00")).unwrap();
    let entry = store.save_entry(draft("2026-11-20", "Old day.")).unwrap();
    let old_path = store.entry_path(&entry.id).unwrap().to_path_buf();
    let old_bytes = fs::read(&old_path).unwrap();
    drop(store);
    // The move to the 21st, later, as a crash between writing and removing leaves it.
    let mut store = Store::open(dir.path(), at("2026-11-21T10:00:00+01:00")).unwrap();
    let mut moved = draft("2026-11-21", "New day.");
    moved.id = Some(entry.id.clone());
    store.save_entry(moved).unwrap();
    drop(store);
    fs::write(&old_path, &old_bytes).unwrap();

    let store = open(dir.path());
    assert!(
        store.problems().is_empty(),
        "never unreadable: {:?}",
        store.problems()
    );
    assert_eq!(
        store.entry(&entry.id).unwrap().body,
        "New day.",
        "the later save"
    );
    assert!(!old_path.exists(), "the older copy left its place");
    let trash = store.trash().unwrap();
    assert_eq!(trash.len(), 1, "the older copy is in the trash, restorable");
    assert_eq!(trash[0].id, entry.id);
}

/// Regression (issue 10): settings.json as a folder or a link loop, or one unreadable folder,
/// made the whole journal refuse to open.
#[test]
fn an_unreadable_settings_file_or_folder_is_a_listed_problem_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    store.save_entry(draft("2025-03-01", "Last year.")).unwrap();
    store.save_entry(draft("2026-11-20", "This year.")).unwrap();
    drop(store);
    fs::create_dir(dir.path().join("settings.json")).unwrap();
    // One year's folder a link to itself: reading it loops.
    let year = dir.path().join("entries/2025");
    fs::rename(&year, dir.path().join("aside-2025")).unwrap();
    symlink(&year, &year).unwrap();
    let sheets = dir.path().join("worksheets/love-languages");
    fs::create_dir_all(sheets.parent().unwrap()).unwrap();
    symlink(&sheets, &sheets).unwrap();

    let mut store = open(dir.path());
    assert_eq!(store.entry_count(), 1, "this year's entry loads");
    let problems: Vec<&str> = store.problems().iter().map(|p| p.path.as_str()).collect();
    for expected in [&dir.path().join("settings.json"), &year, &sheets] {
        assert!(
            problems.contains(&expected.to_str().unwrap()),
            "{} is listed: {problems:?}",
            expected.display()
        );
    }
    assert_eq!(store.settings().partner, "my partner", "defaults stand in");
    // Saving settings keeps the folder aside, never removes it.
    let settings = store.settings().clone();
    store.save_settings(settings).unwrap();
    let aside = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("settings.unreadable-")
        });
    assert!(aside, "the unreadable settings are kept aside");
}

/// Regression (issue 10, commit 972df08): any folder or settings file Tend could not read
/// stopped the whole journal from opening. Now only a journal folder that cannot be read at all
/// stops it, and the error names that folder and the fix.
#[test]
fn a_journal_folder_that_cannot_be_read_is_named_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let loop_dir = dir.path().join("journal");
    symlink(&loop_dir, &loop_dir).unwrap();
    let error = Store::open(&loop_dir, at("2026-11-20T10:00:00+01:00"))
        .err()
        .unwrap();
    let message = error.to_string();
    assert!(
        message.contains(loop_dir.to_str().unwrap()),
        "names the folder: {message}"
    );
}

/// Regression (issue 10): a 100 MB junk file cost 11 s and 1.6 GB at every start.
#[test]
fn a_document_file_past_the_limit_is_listed_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    store.save_entry(draft("2026-11-20", "Small.")).unwrap();
    drop(store);
    let huge = dir.path().join("entries/2026/2026-11-21-huge.json");
    let file = fs::File::create(&huge).unwrap();
    file.set_len(tend::document::MAX_DOCUMENT_BYTES + 1)
        .unwrap(); // sparse: no disk used
    let started = Instant::now();
    let store = open(dir.path());
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "it was not read"
    );
    assert_eq!(store.entry_count(), 1);
    let problem = &store.problems()[0];
    assert!(
        problem.path.ends_with("huge.json") && problem.reason.contains("MB"),
        "{problem:?}"
    );
}

/// Regression (issue 10, commit 972df08): a writer behind another waited for the lock without
/// end, and was never told who held the journal. Now it waits its turn for a few seconds, then
/// says who is busy with it.
#[test]
fn writers_take_turns_and_one_that_waits_too_long_is_told_who_holds_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let lock_path = tend::paths::write_lock(dir.path());
    let held = FileLock::exclusive(&lock_path).unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(700));
        drop(held);
    });
    store
        .save_entry(draft("2026-11-20", "Waited its turn."))
        .expect("a writer waits for the one before it");
    release.join().unwrap();

    let _held = FileLock::exclusive(&lock_path).unwrap();
    let started = Instant::now();
    let error = store
        .save_entry(draft("2026-11-21", "Too long."))
        .unwrap_err();
    assert!(
        started.elapsed() >= tend::fsio::LOCK_WAIT,
        "it waited first"
    );
    assert!(matches!(error, Error::Locked { .. }), "{error}");
    assert!(error.to_string().contains("busy"), "{error}");
}

/// Runs `f` with a small filesystem of its own mounted at a fresh folder (`mount -t tmpfs`).
/// A machine that does not let tests mount one fails the test and says why (issue 24: these
/// passed there without checking anything). `make test` runs as root in CI, where it can.
fn with_mount(options: &str, f: impl FnOnce(&Path)) {
    let dir = tempfile::tempdir().unwrap();
    let point: PathBuf = dir.path().join("mnt");
    fs::create_dir(&point).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", options, "tend-test"])
        .arg(&point)
        .output();
    match mounted {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!(
            "this test needs to mount a small filesystem and cannot here ({}): run it as root",
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Err(e) => panic!("this test needs `mount`, which could not run ({e})"),
    }
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&point)));
    let _ = Command::new("umount").arg(&point).status();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Regression (issue 10, commit 972df08): a journal on a read-only folder did not open at all,
/// since its lock file could not be made. Now it opens to read, and every save says why not.
#[test]
fn a_read_only_journal_opens_to_read_and_says_why_nothing_saves() {
    with_mount("size=4m", |point| {
        let mut store = open(point);
        store
            .save_entry(draft("2026-11-20", "Written before."))
            .unwrap();
        drop(store);
        let remount = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(point)
            .status()
            .unwrap();
        assert!(remount.success());
        let mut store = Store::open_exclusive(point, at("2026-11-23T21:15:00+01:00"))
            .expect("a read-only journal opens");
        assert!(store.read_only());
        assert!(store.info().read_only, "the app is told");
        assert_eq!(store.entries()[0].body, "Written before.");
        let error = store
            .save_entry(draft("2026-11-21", "Not saved."))
            .unwrap_err();
        assert!(matches!(error, Error::ReadOnly { .. }), "{error:?}");
        assert!(error.to_string().contains("read-only"), "{error}");
        assert!(store.problems().is_empty(), "{:?}", store.problems());
    });
}

/// Regression (issue 10, commit 972df08): proved on a real full disk, not only in words: a save
/// that does not fit says the disk is full, every entry saved before it stays whole, and no
/// temporary file is left behind.
#[test]
fn a_full_disk_says_so_and_keeps_what_was_saved() {
    with_mount("size=256k", |point| {
        let mut store = open(point);
        let mut saved = 0;
        let error = loop {
            match store.save_entry(draft("2026-11-20", &"words ".repeat(2_000))) {
                Ok(_) => saved += 1,
                Err(e) => break e,
            }
            assert!(saved < 1_000, "a 256 KB disk fills");
        };
        assert!(matches!(error, Error::DiskFull { .. }), "{error}");
        assert!(error.to_string().contains("disk is full"), "{error}");
        drop(store);
        let store = open(point);
        assert_eq!(
            store.entry_count(),
            saved,
            "every entry saved before is whole"
        );
        assert!(store.problems().is_empty(), "{:?}", store.problems());
        let left: Vec<String> = files(point)
            .into_iter()
            .filter(|f| f.contains(".tend-"))
            .collect();
        assert!(left.is_empty(), "no temporary file remains: {left:?}");
    });
}

/// Regression (issue 10, commit 972df08): a document moved to another date had its old file
/// removed outside the write's turn, so a crash between the two left two files with one id.
#[test]
fn a_moved_document_leaves_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let entry = store.save_entry(draft("2026-11-20", "A day.")).unwrap();
    let mut moved = draft("2025-01-02", "A day.");
    moved.id = Some(entry.id.clone());
    store.save_entry(moved).unwrap();
    let json: Vec<String> = files(dir.path())
        .into_iter()
        .filter(|f| f.ends_with(".json") && f.starts_with("entries"))
        .collect();
    assert_eq!(json.len(), 1, "{json:?}");
    assert!(json[0].contains("2025-01-02"), "{json:?}");
}

/// Regression (issue 10): a zip bomb inflated into memory (a 2 GB file → 2 GB of memory).
#[test]
fn a_day_one_zip_that_inflates_past_the_limit_is_refused_as_too_large() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.zip");
    let mut zip = zip::ZipWriter::new(fs::File::create(&bomb).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("Journal.json", options).unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..(tend::import::MAX_IMPORT_BYTES >> 20) + 8 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    assert!(fs::metadata(&bomb).unwrap().len() < 2 << 20, "a small file");
    let mut store = open(&dir.path().join("journal"));
    let format = tend::formats::importable("dayone").unwrap();
    let error = tend::import::import(&mut store, format, &bomb).unwrap_err();
    assert!(error.to_string().contains("too large"), "{error}");
    assert_eq!(store.entry_count(), 0, "nothing was imported");
}

/// Regression (issue 10): an import that stops half-way (here, a full disk) says exactly what
/// it wrote, and running it again completes it.
#[test]
fn an_import_cut_short_by_a_full_disk_says_how_far_it_came_and_a_rerun_completes_it() {
    let source_dir = tempfile::tempdir().unwrap();
    let file = source_dir.path().join("export.json");
    {
        let mut source = open(&source_dir.path().join("journal"));
        for n in 0..60 {
            let body = format!("entry {n} {}", "words ".repeat(500));
            source.save_entry(draft("2026-10-01", &body)).unwrap();
        }
        let format = tend::formats::exportable("tend").unwrap();
        let context = tend::export::ExportContext::now(source.settings().voice());
        tend::export::export_journal(&source, &Default::default(), format, &context, &file)
            .unwrap();
    }
    with_mount("size=96k", |point| {
        let format = tend::formats::importable("tend").unwrap();
        let mut store = open(point);
        let error = tend::import::import(&mut store, format, &file).unwrap_err();
        let Error::ImportStopped {
            imported,
            total,
            source,
        } = &error
        else {
            panic!("the error says how far it came: {error}");
        };
        assert!(matches!(**source, Error::DiskFull { .. }), "{error}");
        assert_eq!(*total, 60);
        assert!(*imported > 0 && *imported < 60, "{error}");
        assert!(error.to_string().contains("again adds the rest"), "{error}");
        let imported = *imported;
        drop(store);
        assert_eq!(open(point).entry_count(), imported, "exactly what it said");
        // Room again: the same import completes.
        assert!(Command::new("mount")
            .args(["-o", "remount,size=8m"])
            .arg(point)
            .status()
            .unwrap()
            .success());
        let mut store = open(point);
        let report = tend::import::import(&mut store, format, &file).unwrap();
        assert_eq!(report.imported, 60 - imported);
        assert_eq!(report.duplicates, imported);
        assert_eq!(store.entry_count(), 60);
    });
}

/// Regression (commit 08b1ec7, review of prompts, imports and entries): an import wrote a newer
/// schema's document as a file Tend then could not read, and counted a different vision as a
/// duplicate, saying nothing. Now the one is refused and the other reported.
#[test]
fn newer_documents_and_differing_visions_are_reported_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(&dir.path().join("a"));
    let file = dir.path().join("all.json");
    export_bytes(&store, format("tend"), &file);
    let mut export: serde_json::Value = serde_json::from_slice(&fs::read(&file).unwrap()).unwrap();
    export["entries"][0]["schema"] = json!(99);
    fs::write(&file, serde_json::to_vec(&export).unwrap()).unwrap();

    let mut other = common::open(&dir.path().join("b"));
    other
        .save_vision(tend::vision::VisionDraft {
            exercise: "grand-vision".into(),
            session_revision: None,
            sections: BTreeMap::from([("be".into(), "my own words".into())]),
        })
        .unwrap();
    let report = tend::import::import(&mut other, format("tend"), &file).unwrap();
    assert_eq!(report.imported, 2, "e2 and the filling: {report:?}");
    let reasons: Vec<&str> = report.rejected.iter().map(|r| r.reason.as_str()).collect();
    assert!(
        reasons.iter().any(|r| r.contains("newer Tend")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.contains("different vision")),
        "{reasons:?}"
    );
    assert_eq!(
        other.vision("grand-vision").unwrap().revisions[0].sections["be"],
        "my own words",
        "the vision here is left as it was"
    );
    assert!(
        common::open(&dir.path().join("b")).problems().is_empty(),
        "nothing unreadable was written"
    );
}

/// Regression (issue 13): "Another prompt" after writing re-filed the saved entry under the
/// new prompt; the JSON file showed the new prompt's id.
#[test]
fn a_saved_entry_keeps_the_prompt_it_was_written_under() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let mut first = draft("2026-11-20", "What I wrote under the first question.");
    first.prompt = Some(tend::EntryPrompt {
        id: "calm-or-panic".into(),
        text: "The first question.".into(),
    });
    let saved = store.save_entry(first.clone()).unwrap();
    let mut moved = first;
    moved.id = Some(saved.id.clone());
    moved.prompt = Some(tend::EntryPrompt {
        id: "need-or-offer".into(),
        text: "Another question.".into(),
    });
    moved.body.push_str(" And a little more.");
    store.save_entry(moved).unwrap();
    drop(store);
    let store = open(dir.path());
    let entry = store.entry(&saved.id).unwrap();
    assert_eq!(
        entry.prompt.as_ref().unwrap().id,
        "calm-or-panic",
        "still its own question"
    );
    assert!(
        entry.body.ends_with("a little more."),
        "the writing itself is saved"
    );
}

/// Regression (commit 08b1ec7, review of prompts, imports and entries): "another prompt" was
/// simply tomorrow's prompt, met again the next day.
#[test]
fn another_prompt_is_not_tomorrows_and_no_prompt_comes_two_days_running() {
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let mut same_as_tomorrow = 0;
    for d in 0..400 {
        let date = start + chrono::Duration::days(d);
        let another = prompts::for_date(date, None, 1, None).unwrap();
        let today = prompts::for_date(date, None, 0, None).unwrap();
        let tomorrow = prompts::for_date(date + chrono::Duration::days(1), None, 0, None).unwrap();
        assert_ne!(
            another.id, today.id,
            "{date}: another prompt is a different one"
        );
        assert_ne!(
            today.id, tomorrow.id,
            "{date}: the same prompt two days running"
        );
        same_as_tomorrow += usize::from(another.id == tomorrow.id);
    }
    assert!(
        same_as_tomorrow < 40,
        "another prompt is tomorrow's too often: {same_as_tomorrow} of 400"
    );
}

/// Every file below `dir/entries` and `dir/worksheets`, with its bytes (links as their target):
/// what a read must leave exactly as it was (issue 23).
fn documents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(read) = fs::read_dir(dir) else { return };
        for item in read.flatten() {
            let path = item.path();
            let kind = item.file_type().unwrap();
            if kind.is_symlink() {
                let target = fs::read_link(&path).unwrap();
                out.insert(path, target.to_string_lossy().as_bytes().to_vec());
            } else if kind.is_dir() {
                walk(&path, out);
            } else {
                out.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&dir.join("entries"), &mut out);
    walk(&dir.join("worksheets"), &mut out);
    out
}

/// The file of the 2026 entry `id`.
fn entry_file(dir: &Path, id: &str) -> PathBuf {
    fs::read_dir(dir.join("entries/2026"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains(id))
        .unwrap()
}

/// A journal of two years with `n` entries in 2026 and 2 in 2025, closed.
fn two_years(dir: &Path, n: usize) -> Vec<String> {
    let mut store = open(dir);
    let mut ids = Vec::new();
    for i in 0..n {
        let day = format!("2026-10-{:02}", i % 28 + 1);
        ids.push(
            store
                .save_entry(draft(&day, &format!("Entry {i}.")))
                .unwrap()
                .id,
        );
    }
    store.save_entry(draft("2025-03-01", "Last year.")).unwrap();
    store
        .save_entry(draft("2025-03-02", "Last year again."))
        .unwrap();
    ids
}

fn no_trash(dir: &Path) -> bool {
    fs::read_dir(dir.join("trash")).map_or(true, |mut r| r.next().is_none())
}

/// Regression (issue 23): a link loop inside a year's folder (`entries/2026/loop -> .`) made
/// one `tend list` move the year's entries to the trash.
#[test]
fn a_link_loop_in_a_year_folder_moves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    two_years(dir.path(), 5);
    symlink(".", dir.path().join("entries/2026/loop")).unwrap();
    let before = documents(dir.path());
    let store = open(dir.path());
    assert_eq!(store.entry_count(), 7, "every entry once");
    assert_eq!(documents(dir.path()), before, "every file where it was");
    assert!(no_trash(dir.path()), "nothing in the trash");
    assert!(
        store.problems().iter().any(|p| p.path.ends_with("loop")),
        "the link is named: {:?}",
        store.problems()
    );
}

/// Regression (issue 23): a link to another year's folder (`entries/2026/old -> ../2025`)
/// moved that year's entries to the trash, with nothing said.
#[test]
fn a_folder_link_to_another_year_moves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    two_years(dir.path(), 4);
    symlink("../2025", dir.path().join("entries/2026/old")).unwrap();
    let before = documents(dir.path());
    let store = open(dir.path());
    assert_eq!(store.entry_count(), 6);
    drop(store);
    let store = open(dir.path());
    assert_eq!(store.entry_count(), 6, "and at the next open");
    assert_eq!(documents(dir.path()), before);
    assert!(no_trash(dir.path()));
    assert!(store.problems().iter().any(|p| p.path.ends_with("old")));
}

/// Regression (issue 23): a person's `X (copy).json` beside the original made Tend move the
/// original to the trash.
#[test]
fn a_copy_of_an_entry_file_leaves_both_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let ids = two_years(dir.path(), 3);
    let original = entry_file(dir.path(), &ids[0]);
    let copy = original.with_file_name(format!(
        "{} (copy).json",
        original.file_stem().unwrap().to_string_lossy()
    ));
    fs::copy(&original, &copy).unwrap();
    let before = documents(dir.path());
    let store = open(dir.path());
    assert_eq!(store.entry_count(), 5, "one entry, shown once");
    assert_eq!(
        documents(dir.path()),
        before,
        "the original and the copy stay"
    );
    assert!(no_trash(dir.path()));
    let two = store.two_versions();
    assert_eq!(
        two.len(),
        1,
        "the copy is listed as a second version: {two:?}"
    );
    assert_eq!(two[0].other, copy.to_string_lossy());
    assert_eq!(two[0].shown, original.to_string_lossy());
}

/// Regression (issue 23): three sync conflict copies of one entry (as Syncthing, Nextcloud and
/// Dropbox name them) lost two versions for good at the first `tend list`: one went to the
/// trash and the next overwrote it there.
#[test]
fn three_conflict_copies_of_one_entry_are_all_kept() {
    let dir = tempfile::tempdir().unwrap();
    let ids = two_years(dir.path(), 2);
    let folder = dir.path().join("entries/2026");
    let original = entry_file(dir.path(), &ids[0]);
    let stem = original.file_stem().unwrap().to_string_lossy().into_owned();
    let text = fs::read_to_string(&original).unwrap();
    for (i, name) in [
        format!("{stem}.sync-conflict-20261204-101500-ABCDEFG.json"),
        format!("{stem} (conflicted copy 2026-12-04 101500).json"),
        format!("{stem} (Sam's conflicted copy 2026-12-04).json"),
    ]
    .iter()
    .enumerate()
    {
        // Each written elsewhere, later, with other words.
        let version = text
            .replace("Entry 0.", &format!("Entry 0, as written on computer {i}."))
            .replace(
                "\"updated\": \"2026-11-23",
                &format!("\"updated\": \"2026-12-0{}", i + 1),
            );
        fs::write(folder.join(name), version).unwrap();
    }
    let before = documents(dir.path());
    let store = open(dir.path());
    assert_eq!(store.entry_count(), 4);
    let shown = store.entry(&ids[0]).unwrap();
    assert_eq!(shown.body, "Entry 0.", "Tend's own file is the one shown");
    drop(store);
    let store = open(dir.path());
    assert_eq!(
        documents(dir.path()),
        before,
        "all four versions stay, byte for byte"
    );
    assert!(no_trash(dir.path()));
    let two = store.two_versions();
    assert_eq!(two.len(), 3, "each other version is listed: {two:?}");
    assert!(two.iter().all(|v| v.id == ids[0]));
}

/// Issue 23, item 2: what the person chooses of each version is kept, and every version she
/// does not keep is in the trash, its own file, restorable.
#[test]
fn resolving_three_conflict_copies_keeps_what_was_chosen_and_trashes_each_other_version() {
    let dir = tempfile::tempdir().unwrap();
    let ids = two_years(dir.path(), 2);
    let folder = dir.path().join("entries/2026");
    let original = entry_file(dir.path(), &ids[0]);
    let stem = original.file_stem().unwrap().to_string_lossy().into_owned();
    let text = fs::read_to_string(&original).unwrap();
    let names = [
        format!("{stem}.sync-conflict-20261204-101500-ABCDEFG.json"),
        format!("{stem} (conflicted copy 2026-12-04 101500).json"),
        format!("{stem} (Sam's conflicted copy 2026-12-04).json"),
    ];
    for (i, name) in names.iter().enumerate() {
        let version = text.replace("Entry 0.", &format!("Entry 0, on computer {i}."));
        fs::write(folder.join(name), version).unwrap();
    }
    let mut store = open(dir.path());
    let other = |n: usize| folder.join(&names[n]).display().to_string();
    // That: the laptop's words become the entry, under Tend's own name.
    let done = store
        .resolve_versions(&ids[0], Some(&other(0)), Keep::That)
        .unwrap();
    assert!(done.trashed.is_some());
    assert_eq!(
        store.entry(&ids[0]).unwrap().body,
        "Entry 0, on computer 0."
    );
    // Both: the second copy becomes an entry of its own.
    let done = store
        .resolve_versions(&ids[0], Some(&other(1)), Keep::Both)
        .unwrap();
    let new_id = done.new_id.expect("a new id");
    assert_eq!(
        store.entry(&new_id).unwrap().body,
        "Entry 0, on computer 1."
    );
    // Edited: one written into the other.
    let edited = "Entry 0, on computer 0, and what computer 2 added.";
    store
        .resolve_versions(
            &ids[0],
            None,
            Keep::Edited {
                body: edited.into(),
            },
        )
        .unwrap();
    assert!(store.two_versions().is_empty());
    drop(store);

    let store = open(dir.path());
    assert!(store.two_versions().is_empty(), "nothing left to choose");
    assert_eq!(store.entry(&ids[0]).unwrap().body, edited);
    assert_eq!(
        store.entry(&new_id).unwrap().body,
        "Entry 0, on computer 1."
    );
    assert_eq!(store.entry_count(), 5);
    for name in &names {
        assert!(!folder.join(name).exists(), "{name} is resolved");
    }
    let trashed: Vec<String> = fs::read_dir(dir.path().join("trash"))
        .unwrap()
        .map(|f| fs::read_to_string(f.unwrap().path()).unwrap())
        .collect();
    assert_eq!(trashed.len(), 2, "the two versions not kept, one file each");
    assert!(
        trashed.iter().any(|t| t.contains("\"Entry 0.\"")),
        "the first"
    );
    assert!(
        trashed.iter().any(|t| t.contains("on computer 2.")),
        "the third"
    );
}

/// Issue 23, item 3: a deleted version whose id is live again comes back beside it as a
/// second version, where it was refused and stayed in the trash.
#[test]
fn restoring_a_deleted_version_of_a_live_entry_brings_it_back_as_a_second_version() {
    let dir = tempfile::tempdir().unwrap();
    let ids = two_years(dir.path(), 2);
    let original = entry_file(dir.path(), &ids[0]);
    let copy = original.with_file_name("copy.json");
    fs::write(
        &copy,
        fs::read_to_string(&original)
            .unwrap()
            .replace("Entry 0.", "The other words."),
    )
    .unwrap();
    let mut store = open(dir.path());
    store.resolve_versions(&ids[0], None, Keep::This).unwrap();
    assert!(store.two_versions().is_empty());
    store.restore_deleted(&ids[0]).unwrap();
    let two = store.two_versions();
    assert_eq!(two.len(), 1, "{two:?}");
    drop(store);
    let mut store = open(dir.path());
    assert_eq!(store.two_versions().len(), 1, "still there after an open");
    store.resolve_versions(&ids[0], None, Keep::That).unwrap();
    assert_eq!(store.entry(&ids[0]).unwrap().body, "The other words.");
}

/// Regression (issue 23): the trash kept one file per id, so a second deletion of one id
/// wrote over the first (here, the older half of a date move a crash cut short, then the entry
/// itself): a version lost for good.
#[test]
fn the_trash_keeps_every_deletion_of_one_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let saved = store
        .save_entry(draft("2026-11-20", "Before the move."))
        .unwrap();
    drop(store);
    // A date move cut short: the same entry under its new date, saved later, beside the old.
    let old = entry_file(dir.path(), &saved.id);
    let moved = old.with_file_name(format!("2026-11-21-{}.json", saved.id));
    let text = fs::read_to_string(&old).unwrap();
    let later = text
        .replace("\"date\": \"2026-11-20\"", "\"date\": \"2026-11-21\"")
        .replace("Before the move.", "After the move.")
        .replace("\"updated\": \"2026-11-23", "\"updated\": \"2026-11-24");
    fs::write(&moved, later).unwrap();

    let mut store = open(dir.path());
    assert_eq!(store.entry(&saved.id).unwrap().body, "After the move.");
    assert_eq!(
        store.trash().unwrap().len(),
        1,
        "the older half went to the trash"
    );
    store.delete(&saved.id).unwrap();
    let trash = store.trash().unwrap();
    assert_eq!(trash.len(), 2, "both deletions are kept: {trash:?}");
    let files = fs::read_dir(dir.path().join("trash")).unwrap().count();
    assert_eq!(files, 2, "one file per deletion");
    store.restore_deleted(&saved.id).unwrap();
    assert_eq!(
        store.entry(&saved.id).unwrap().body,
        "After the move.",
        "the latest deletion comes back"
    );
    assert_eq!(
        store.trash().unwrap().len(),
        1,
        "the other stays in the trash"
    );
}

/// Regression (issue 23): 80 of 82 killed restores left a `.tend-restore-*` folder, up to a
/// whole copy of the journal, which nothing removed or reported. The next open sweeps it, once
/// no restore holds the journal.
#[test]
fn a_killed_restore_leaves_no_staging_folder_after_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    store.save_entry(draft("2026-11-20", "Kept.")).unwrap();
    drop(store);
    let staging = dir.path().join(".tend-restore-AbC123");
    fs::create_dir_all(staging.join("entries/2026")).unwrap();
    fs::write(staging.join("entries/2026/x.json"), b"{}").unwrap();

    // While a restore (or an app) holds the journal, the folder is its own: left alone.
    let held =
        FileLock::try_exclusive(&tend::paths::instance_lock(dir.path()), dir.path()).unwrap();
    let store = open(dir.path());
    assert!(staging.exists(), "a restore at work keeps its folder");
    drop(store);
    drop(held);

    let store = open(dir.path());
    assert!(!staging.exists(), "swept at the next open");
    assert_eq!(store.entry_count(), 1, "the journal itself untouched");
}

/// Regression (issue 23): while `.index` existed, `tend doctor` said "Every file could be
/// read" of an entry edited in place (its size and time as before), trusting the cache.
#[test]
fn doctor_reads_every_file_whatever_the_index_says() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let kept = store.save_entry(draft("2026-11-20", "Fine.")).unwrap();
    let broken = store
        .save_entry(draft("2026-11-21", "Soon broken."))
        .unwrap();
    drop(store);
    open(dir.path()); // the index is written
    let path = entry_file(dir.path(), &broken.id);
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let mut bytes = fs::read(&path).unwrap();
    let at = bytes.iter().position(|b| *b == b'S').unwrap();
    bytes[at] = 0xFF; // not UTF-8 any more; the same size
    fs::write(&path, &bytes).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();

    let store = open(dir.path());
    assert!(
        store.problems().is_empty(),
        "the open trusts its index, as it may"
    );
    let named = store.check_every_file();
    assert!(
        named.iter().any(|p| p.path == path.to_string_lossy()),
        "the doctor names the file edited in place: {named:?}"
    );
    assert!(!named.iter().any(|p| p.path.contains(&kept.id)));
}

// What was written stays readable when Tend itself changes: a habit's words (issue 14), a
// worksheet's field ids (issue 22), the work an identity asks of a busy computer.

/// Regression (issue 14): renaming a pinned habit left its pin on Today matching no line.
/// Issue 27, D7: the pin keeps its id, the page is given the moved pin at once, and a day ticked
/// under the old words is still a tick of the same habit.
#[test]
fn a_pinned_habit_follows_its_line_when_it_is_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(dir.path());
    let session = save(
        &mut store,
        None,
        &[("habits", "- Walk at seven\n- Call a friend")],
    )
    .session_revision;
    let id = store
        .pin_habit("Walk at seven", true)
        .unwrap()
        .pinned_habits[0]
        .id
        .clone();
    let renamed = save(
        &mut store,
        session,
        &[("habits", "- Walk at eight\n- Call a friend")],
    );
    let shown = renamed.settings.expect("the page is given the moved pin");
    assert_eq!(shown.pinned_habits[0].words, "Walk at eight");
    let store = common::open(dir.path());
    let pin = &store.settings().pinned_habits[0];
    assert_eq!(pin.id, id, "the pin is the same habit, renamed");
    assert_eq!(pin.words, "Walk at eight", "the pin follows the rename");
    assert!(
        pin.is_named("Walk at seven"),
        "a day ticked under the old words is a tick of this habit"
    );
    let mut store = store;
    let unchanged = save(
        &mut store,
        session,
        &[("habits", "- Walk at eight\n- Call a friend\n- Sleep")],
    );
    assert!(unchanged.settings.is_none(), "no pin moved");
    write(&mut store, session, &[("habits", "- Call a friend")]);
    assert_eq!(
        pinned_words(&store),
        ["Walk at eight"],
        "a line taken away is not a rename: the pin stays, to unpin from Today"
    );
    assert!(
        store
            .pin_habit(&id, false)
            .unwrap()
            .pinned_habits
            .is_empty(),
        "Today unpins by the pin's id"
    );
}

/// Regression (issue 22, commit 5ba5db4): the gendered field ids were renamed (his-* to
/// partner-*, my-told-him, as-he-is), and a filling written under the old ids must not lose an
/// answer. It reads back with every answer under the new ids; its file is left as it was until
/// the user saves it.
#[test]
fn a_filling_with_the_old_field_ids_reads_under_the_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "love-languages",
            json!({
                "his-ranking": ["time", "words", "touch", "service", "gifts"],
                "his-landed": "The note in his coat.",
                "his-missed": "Flowers, when he wanted time.",
                "his-if-together": "Saturday walks.",
                "his-now": "Nothing, for now.",
                "my-felt-loved": "At the lake."
            }),
            json!({
                "partner-ranking": ["time", "words", "touch", "service", "gifts"],
                "partner-landed": "The note in his coat.",
                "partner-missed": "Flowers, when he wanted time.",
                "partner-if-together": "Saturday walks.",
                "partner-now": "Nothing, for now.",
                "my-felt-loved": "At the lake."
            }),
        ),
        (
            "core-needs",
            json!({
                "his-important": "Being thanked.",
                "his-secure": "Plans.",
                "his-connected": "Laughing.",
                "his-told-me": "Time.",
                "my-told-him": "Rest.",
                "my-secure": "Savings."
            }),
            json!({
                "partner-important": "Being thanked.",
                "partner-secure": "Plans.",
                "partner-connected": "Laughing.",
                "partner-told-me": "Time.",
                "my-told-partner": "Rest.",
                "my-secure": "Savings."
            }),
        ),
        (
            "why-stay",
            json!({"feel-safe": "safe", "as-he-is": "As he is, mostly."}),
            json!({"feel-safe": "safe", "as-they-are": "As he is, mostly."}),
        ),
    ];
    let mut written = Vec::new();
    for (n, (sheet, old, _)) in cases.iter().enumerate() {
        let id = format!("old{n}");
        let folder = dir.path().join("worksheets").join(sheet);
        fs::create_dir_all(&folder).unwrap();
        let path = folder.join(format!("2026-09-0{}-{id}.json", n + 1));
        let file = json!({
            "schema": 2, "id": id, "worksheet": sheet, "date": format!("2026-09-0{}", n + 1),
            "status": "complete", "answers": old,
            "created": "2026-09-01T20:00:00+01:00", "updated": "2026-09-01T20:00:00+01:00"
        });
        let text = serde_json::to_string_pretty(&file).unwrap();
        fs::write(&path, &text).unwrap();
        written.push((id, path, text));
    }

    let mut store = open(dir.path());
    for ((id, path, text), (sheet, _, new)) in written.iter().zip(&cases) {
        let filling = store.filling(id).unwrap().clone();
        assert_eq!(
            serde_json::to_value(&filling.answers).unwrap(),
            *new,
            "{sheet}: every answer is there, under the field's new id"
        );
        let known = worksheet::find(sheet).unwrap();
        for key in filling.answers.keys() {
            assert!(
                known.fields().any(|f| &f.id == key),
                "{sheet}: {key} is a field of the worksheet as it is now"
            );
        }
        assert_eq!(
            &fs::read_to_string(path).unwrap(),
            text,
            "{sheet}: reading does not rewrite the file"
        );
        // Saving it unchanged writes nothing; saving a change writes the new ids.
        let mut changed = filling.answers.clone();
        changed.insert("fear-notes".into(), json!("Money, mostly."));
        if *sheet == "why-stay" {
            store
                .save_filling(FillingDraft {
                    id: Some(id.clone()),
                    worksheet: sheet.to_string(),
                    date: filling.date,
                    status: filling.status,
                    answers: changed,
                })
                .unwrap();
            let saved: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
            assert_eq!(saved["answers"]["as-they-are"], "As he is, mostly.");
            assert!(
                saved["answers"].get("as-he-is").is_none(),
                "the saved file uses the new id: {saved}"
            );
            assert_eq!(saved["schema"], tend::filling::FILLING_SCHEMA);
        }
    }
    // Answers sent under an old id (a script, an older export) are taken under the new one.
    let sent = fill(
        &mut store,
        None,
        "2026-11-20",
        FillingStatus::Complete,
        json!({"his-landed": "A letter."}),
    )
    .unwrap();
    assert_eq!(
        sent.answers.get("partner-landed"),
        Some(&json!("A letter."))
    );
}

/// Regression (commit c6e1163, found in make test): age refuses an identity asking more than 16
/// times the work this computer does in a second at that moment, and a busy moment refused Tend's
/// own identity, written a minute before, as "damaged". Tend now accepts up to 2^22, and above
/// that says what it is.
#[test]
fn an_identity_asking_too_much_work_is_named_as_such_not_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let key = Key::generate();
    key.save_identity(dir.path(), &secret("a long passphrase"), Some(2))
        .unwrap();
    let path = dir.path().join(crypt::IDENTITY);
    let sealed = fs::read(&path).unwrap();
    let header_end = sealed.windows(4).position(|w| w == b"\n---").unwrap();
    let header = String::from_utf8(sealed[..header_end].to_vec()).unwrap();
    let asking = header.replacen(" 2\n", " 23\n", 1);
    assert_ne!(asking, header, "the stanza names its work factor");
    fs::write(&path, [asking.as_bytes(), &sealed[header_end..]].concat()).unwrap();
    let error = Key::unlock(dir.path(), &secret("a long passphrase"))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("more work than Tend allows (2^23)"),
        "{error}"
    );
    assert!(!error.contains("damaged"), "{error}");
}

/// Regression (issue 28, commit 99c17c4): the list's excerpt lost Markdown's marks, and with
/// them the "> " an import looks for to find a quote above the text: an entry beginning with a
/// quote, exported to jrnl and imported again, came back a second time. The index keeps the
/// opening words as written; only the list shows them without marks.
#[test]
fn an_entry_beginning_with_a_quote_imported_again_is_not_added_twice() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open(&dir.path().join("journal"));
    let quoted = "> What did I do today that was kind to myself?\n\nI **rested**.";
    store
        .save_entry(common::draft("2026-11-20", quoted))
        .unwrap();
    let listed = store.summaries();
    assert_eq!(
        listed[0].excerpt,
        "What did I do today that was kind to myself? I rested."
    );
    for id in ["jrnl", "jrnl-text"] {
        let file = dir.path().join(format!("out.{id}"));
        fs::write(&file, export_bytes(&store, format(id), &file)).unwrap();
        let report = tend::import::import(&mut store, format(id), &file).unwrap();
        assert_eq!(report.imported, 0, "{id}: {report:?}");
    }
    assert_eq!(store.summaries().len(), 1);
}
