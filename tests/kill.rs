//! The kill test (issue 10): a writer is killed with SIGKILL at a random instant, again and
//! again, while it creates, overwrites, moves and imports documents; after each kill the
//! journal opens whole: every document parses, no id is found twice, no temporary file
//! remains. The writer is this test binary itself, started again as a child. A second child
//! restores a backup and turns encryption on and off (issue 23): after each kill the next open
//! leaves nothing of Tend's own behind, or reports it.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use tend::crypt::{self, secrecy::SecretString, Key};
use tend::{Store, SystemClock};

const CHILD_DIR: &str = "TEND_KILL_TEST_DIR";
const TURNS_CHILD_DIR: &str = "TEND_KILL_TEST_TURNS_DIR";
const PASS: &str = "correct horse battery";
/// scrypt's work factor for tests: the real one (about a second) would make them crawl.
const QUICK: Option<u8> = Some(2);
const KILLS: usize = 220;

/// The child: writes for ever, until killed. Does nothing when run as an ordinary test.
#[test]
fn churn_child() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let dir = Path::new(&dir);
    let import = dir.join("../import.json");
    let mut round = 0u64;
    loop {
        round += 1;
        let mut store = Store::open_to_write(dir, Box::new(SystemClock)).unwrap();
        let entry = store
            .save_entry(common::draft("2026-11-20", &format!("round {round} ")))
            .unwrap();
        let mut again = common::draft("2026-11-20", &"overwritten ".repeat(200));
        again.id = Some(entry.id.clone());
        store.save_entry(again.clone()).unwrap(); // an overwrite in place
        again.date = common::day(if round.is_multiple_of(2) {
            "2025-06-01"
        } else {
            "2026-01-09"
        });
        store.save_entry(again).unwrap(); // a move to another folder
        if round.is_multiple_of(5) {
            let format = tend::formats::importable("tend").unwrap();
            tend::import::import(&mut store, format, &import).unwrap();
        }
    }
}

fn leftovers(dir: &Path, out: &mut Vec<String>) {
    for item in fs::read_dir(dir).unwrap() {
        let path = item.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            leftovers(&path, out);
        } else if name.starts_with(".tend-") {
            out.push(path.display().to_string());
        }
    }
}

#[test]
fn a_writer_killed_at_any_instant_leaves_a_journal_that_opens_whole() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("journal");
    // A small Tend export for the child to import, again and again (it adds nothing twice).
    {
        let mut source = common::open(&base.path().join("source"));
        for n in 0..20 {
            let body = format!("imported {n}");
            source
                .save_entry(common::draft("2024-05-05", &body))
                .unwrap();
        }
        let format = tend::formats::exportable("tend").unwrap();
        let context = tend::export::ExportContext::now(source.settings().voice());
        tend::export::export_journal(
            &source,
            &Default::default(),
            format,
            &context,
            &base.path().join("import.json"),
        )
        .unwrap();
    }
    let me = std::env::current_exe().unwrap();
    let mut seed: u64 = 0x5eed;
    for kill in 0..KILLS {
        let mut child = Command::new(&me)
            .args(["churn_child", "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_DIR, &dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // A different instant each time: from the child's start-up to deep in its writing.
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        std::thread::sleep(Duration::from_millis(5 + (seed >> 33) % 60));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let store = Store::open(&dir, Box::new(SystemClock)).unwrap();
        assert!(
            store.problems().is_empty(),
            "after kill {kill}, every file reads: {:?}",
            store.problems()
        );
        let mut left = Vec::new();
        leftovers(&dir, &mut left);
        assert!(
            left.is_empty(),
            "after kill {kill}, no temporary file: {left:?}"
        );
        for entry in store.entries() {
            let body = entry.body.as_str();
            assert!(
                body.starts_with("round ")
                    || body.starts_with("overwritten ")
                    || body.starts_with("imported "),
                "after kill {kill}, an entry is an old or a new version, never torn: {body:?}"
            );
        }
    }
    let store = Store::open(&dir, Box::new(SystemClock)).unwrap();
    assert!(store.entry_count() > 0, "the children did write");
}

fn secret() -> SecretString {
    SecretString::from(PASS.to_string())
}

/// The journal at `dir`, opened to write: unlocked when it has a key.
fn open_either(dir: &Path) -> Store {
    let key = crypt::is_encrypted(dir).then(|| Key::unlock(dir, &secret()).unwrap());
    Store::open_to_write_with(dir, Box::new(SystemClock), key).unwrap()
}

/// The child of the second test: for ever, restores `../source.zip` into the plain journal and
/// turns encryption on, then off again. Keeps the newest two automatic backups (each restore
/// adds one, and each change of encryption rewrites them all). Does nothing as a test.
#[test]
fn turns_child() {
    let Some(dir) = std::env::var_os(TURNS_CHILD_DIR) else {
        return;
    };
    let dir = Path::new(&dir);
    let zip = dir.join("../source.zip");
    loop {
        let mut store = open_either(dir);
        if store.encrypted() {
            store.encryption_off(&secret()).unwrap();
            continue;
        }
        drop(store); // a restore needs the journal free
        for old in store_backups(dir).into_iter().skip(2) {
            fs::remove_file(old).unwrap();
        }
        tend::backup::restore(dir, &zip, &SystemClock).unwrap();
        open_either(dir).encryption_on(&secret(), QUICK).unwrap();
    }
}

/// The automatic backups of the journal at `dir`, newest first.
fn store_backups(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut zips: Vec<_> = fs::read_dir(tend::paths::backups_dir(dir))
        .map(|read| read.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    zips.retain(|p| p.extension().is_some_and(|e| e == "zip"));
    zips.sort();
    zips.reverse();
    zips
}

/// Everything of Tend's own a kill can leave, anywhere in `dir`: temporary files and folders
/// (`.tend-*`: saves, backups, a restore's staging and before-restore folders) and the markers
/// of a change of encryption.
fn tends_own(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for item in fs::read_dir(dir).unwrap() {
        let path = item.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(".tend-") || name == ".encrypting" || name == ".decrypting" {
            out.push(path.clone());
        }
        if path.is_dir() && !name.starts_with(".tend-") {
            tends_own(&path, out);
        }
    }
}

/// Issue 23, item 5: a restore, or a change of encryption either way, killed at any instant
/// leaves nothing after the next open that is neither swept nor reported: no temporary file,
/// no staging folder, no marker. Only a restore killed while it swapped the journal leaves the
/// journal as it was in a `.tend-before-restore-*` folder, and the open reports it.
#[test]
fn a_restore_or_a_change_of_encryption_killed_at_any_instant_leaves_nothing_unsaid() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("journal");
    let expected: Vec<String> = {
        let mut store = common::open(&dir);
        for n in 1..=12 {
            let body = format!("kept {n} {}", "words ".repeat(n * 40));
            store
                .save_entry(common::draft(&format!("2026-11-{n:02}"), &body))
                .unwrap();
        }
        store.backup(Some(&base.path().join("source.zip"))).unwrap();
        store.entries().iter().map(|e| e.body.clone()).collect()
    };
    let me = std::env::current_exe().unwrap();
    let mut seed: u64 = 0x7e57;
    let (mut encrypted, mut interrupted) = (0, 0);
    for kill in 0..KILLS / 3 {
        let mut child = Command::new(&me)
            .args(["turns_child", "--exact", "--nocapture", "--test-threads=1"])
            .env(TURNS_CHILD_DIR, &dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        std::thread::sleep(Duration::from_millis(20 + (seed >> 33) % 400));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let store = open_either(&dir);
        encrypted += usize::from(store.encrypted());
        let mut left = Vec::new();
        tends_own(&dir, &mut left);
        let (before_restore, other): (Vec<_>, Vec<_>) = left.into_iter().partition(|p| {
            (p.file_name().unwrap().to_string_lossy()).starts_with(".tend-before-restore-")
        });
        assert!(
            other.is_empty(),
            "after kill {kill}, the next open leaves nothing of Tend's own: {other:?}"
        );
        let reported = |p: &std::path::PathBuf| {
            (store.problems().iter()).any(|q| q.path == p.display().to_string())
        };
        assert!(
            before_restore.iter().all(reported),
            "after kill {kill}, the journal kept aside by a cut-short restore is reported: \
             {before_restore:?} {:?}",
            store.problems()
        );
        assert_eq!(
            store.problems().len(),
            before_restore.len(),
            "after kill {kill}, nothing else is a problem: {:?}",
            store.problems()
        );
        if before_restore.is_empty() {
            let bodies: Vec<String> = store.entries().iter().map(|e| e.body.clone()).collect();
            assert_eq!(bodies, expected, "after kill {kill}, every entry is whole");
            continue;
        }
        // What the report asks of the person: restore a backup (here the same writing), then
        // remove the folder once the journal is whole again.
        interrupted += 1;
        drop(store);
        tend::backup::restore(&dir, &base.path().join("source.zip"), &SystemClock).unwrap();
        for folder in before_restore {
            fs::remove_dir_all(folder).unwrap();
        }
        let store = open_either(&dir);
        let bodies: Vec<String> = store.entries().iter().map(|e| e.body.clone()).collect();
        assert_eq!(
            bodies, expected,
            "after kill {kill} and the restore asked for"
        );
    }
    eprintln!(
        "{} kills: {encrypted} left the journal encrypted, {interrupted} cut a restore's swap",
        KILLS / 3
    );
    assert!(
        encrypted > 0 && encrypted < KILLS / 3,
        "kills found the journal both ways ({encrypted} of {} encrypted)",
        KILLS / 3
    );
}
