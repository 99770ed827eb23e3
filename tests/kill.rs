//! The kill test (issue 10): a writer is killed with SIGKILL at a random instant, again and
//! again, while it creates, overwrites, moves and imports documents; after each kill the
//! journal opens whole: every document parses, no id is found twice, no temporary file
//! remains. The writer is this test binary itself, started again as a child.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use tend::{Store, SystemClock};

const CHILD_DIR: &str = "TEND_KILL_TEST_DIR";
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
            store.import(format, &import).unwrap();
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
        source
            .export(
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
