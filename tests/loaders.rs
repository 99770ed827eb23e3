//! The loaders survive whatever is on disk. A document of each kind (entry, worksheet filling,
//! vision, settings) replaced by arbitrary bytes, or cut at every length: the store opens, the
//! file is listed with its path and a reason and left as it was, and every other document
//! loads. Every import format fed arbitrary bytes, or a valid export cut at every length: no
//! panic, and either a report or an error naming the file, with the journal untouched.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::at;
use common::fixture::{export_bytes, fixture};
use proptest::prelude::*;
use tend::formats::{Descriptor, FORMATS};
use tend::{Entry, Filling, Settings, Store};

/// The documents of one journal, as loaded.
#[derive(Debug, PartialEq)]
struct Loaded {
    entries: Vec<Entry>,
    fillings: Vec<Filling>,
    visions: Vec<tend::vision::Vision>,
    settings: Settings,
}

impl Loaded {
    fn of(store: &Store) -> Loaded {
        Loaded {
            entries: store.entries().into_iter().cloned().collect(),
            fillings: store.all_fillings().into_iter().cloned().collect(),
            visions: store.all_visions().into_iter().cloned().collect(),
            settings: store.settings().clone(),
        }
    }

    /// What is left when the document `kind` (one of [`KINDS`]) cannot be read.
    fn without(&self, kind: &str) -> Loaded {
        let keep = |id: &str| !(kind == "entry" && id == "e1");
        Loaded {
            entries: self
                .entries
                .iter()
                .filter(|e| keep(&e.id))
                .cloned()
                .collect(),
            fillings: self
                .fillings
                .iter()
                .filter(|_| kind != "filling")
                .cloned()
                .collect(),
            visions: self
                .visions
                .iter()
                .filter(|_| kind != "vision")
                .cloned()
                .collect(),
            settings: if kind == "settings" {
                Settings::default()
            } else {
                self.settings.clone()
            },
        }
    }
}

fn kind_count(loaded: &Loaded, kind: &str) -> usize {
    match kind {
        "entry" => loaded.entries.len(),
        "filling" => loaded.fillings.len(),
        "vision" => loaded.visions.len(),
        _ => 1,
    }
}

const KINDS: [&str; 4] = ["entry", "filling", "vision", "settings"];

/// A journal made by the core (two entries, a filling, a vision, settings) and, for each kind,
/// the path of its document and that document's bytes.
struct Journal {
    _dir: tempfile::TempDir,
    root: PathBuf,
    loaded: Loaded,
    documents: BTreeMap<&'static str, (PathBuf, Vec<u8>)>,
}

impl Journal {
    fn new() -> Journal {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("journal");
        let mut store = fixture(&root);
        let mut settings = store.settings().clone();
        settings.partner = "Sam".into();
        settings.stance = Some(tend::Stance::Unsure);
        settings.pinned_habits = vec![tend::settings::PinnedHabit::new(
            "p1".into(),
            "Walk at noon".into(),
        )];
        store.save_settings(settings).unwrap();
        let paths = [
            ("entry", store.entry_path("e1").unwrap().to_path_buf()),
            (
                "filling",
                only_file(&root.join("worksheets/love-languages")),
            ),
            ("vision", root.join("visions/grand-vision.json")),
            ("settings", root.join("settings.json")),
        ];
        let documents = paths
            .into_iter()
            .map(|(kind, path)| {
                let bytes = fs::read(&path).unwrap();
                (kind, (path, bytes))
            })
            .collect();
        let reopened = common::open(&root);
        assert!(reopened.problems().is_empty(), "{:?}", reopened.problems());
        Journal {
            _dir: dir,
            loaded: Loaded::of(&reopened),
            root,
            documents,
        }
    }

    /// Every document back as the core wrote it, whatever an earlier (failed) case left.
    fn reset(&self) {
        for (path, bytes) in self.documents.values() {
            fs::write(path, bytes).unwrap();
        }
    }

    /// Puts `bytes` where the document `kind` is, opens the store, and checks what every
    /// loader must do with them. Returns whether the document was read.
    fn open_with(&self, kind: &str, bytes: &[u8]) -> std::result::Result<bool, TestCaseError> {
        self.reset();
        let path = &self.documents[kind].0;
        fs::write(path, bytes).unwrap();
        let store = Store::open(&self.root, at("2026-11-23T21:15:00+01:00"));
        let store = store.map_err(|e| TestCaseError::fail(format!("the store must open: {e}")))?;
        let problems = store.problems().to_vec();
        // Read means the document is there, counted apart from the problems list: a loader
        // that dropped a file without listing it must not pass for one that read it.
        let read = match kind {
            "settings" => !problems.iter().any(|p| p.path.ends_with("settings.json")),
            _ => kind_count(&Loaded::of(&store), kind) == kind_count(&self.loaded, kind),
        };
        prop_assert_eq!(
            read,
            problems.is_empty(),
            "the {} is either read or listed: {:?}",
            kind,
            problems
        );
        if !read {
            prop_assert_eq!(
                problems.len(),
                1,
                "only the {} file is listed: {:?}",
                kind,
                problems
            );
            prop_assert_eq!(
                &problems[0].path,
                &path.display().to_string(),
                "listed by its path"
            );
            prop_assert!(
                !problems[0].reason.trim().is_empty(),
                "listed with a reason"
            );
            prop_assert_eq!(
                Loaded::of(&store),
                self.loaded.without(kind),
                "every other document loads, and the {} is left out",
                kind
            );
        }
        prop_assert_eq!(
            &fs::read(path).unwrap(),
            bytes,
            "the file is left as it was"
        );
        Ok(read)
    }
}

fn only_file(dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|item| item.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.remove(0)
}

#[test]
fn every_truncation_of_every_document_is_listed_and_the_rest_loads() {
    let journal = Journal::new();
    for kind in KINDS {
        let whole = journal.documents[kind].1.clone();
        for len in 0..whole.len() {
            let cut = &whole[..len];
            let read = journal
                .open_with(kind, cut)
                .unwrap_or_else(|e| panic!("{kind} cut to {len} of {} bytes: {e}", whole.len()));
            // Only the whole document without its final new line is still the document.
            let complete = cut.trim_ascii_end() == whole.trim_ascii_end();
            assert_eq!(
                read,
                complete,
                "{kind} cut to {len} of {} bytes: read only when nothing but white space is cut",
                whole.len()
            );
        }
    }
}

/// A valid document with `bytes` spliced in at `at`: mostly well-formed, wrong in one place.
fn spliced(whole: &[u8], at: usize, bytes: &[u8]) -> Vec<u8> {
    let at = at % (whole.len() + 1);
    let end = (at + bytes.len()).min(whole.len());
    [&whole[..at], bytes, &whole[end..]].concat()
}

thread_local! {
    // One journal per test thread, reset before each case: making it is most of a case's time.
    static JOURNAL: Journal = Journal::new();
    static IMPORTS: (tempfile::TempDir, Vec<(&'static Descriptor, Vec<u8>)>) = {
        let dir = tempfile::tempdir().unwrap();
        let imports = valid_imports(dir.path());
        (dir, imports)
    };
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_bytes_in_place_of_a_document_are_listed_and_the_rest_loads(
        kind in proptest::sample::select(KINDS.to_vec()),
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
    ) {
        JOURNAL.with(|journal| journal.open_with(kind, &bytes))?;
    }

    #[test]
    fn a_document_with_bytes_spliced_in_is_read_or_listed_never_lost(
        kind in proptest::sample::select(KINDS.to_vec()),
        at in any::<usize>(),
        bytes in proptest::collection::vec(any::<u8>(), 1..8),
    ) {
        JOURNAL.with(|journal| open_spliced(journal, kind, at, &bytes))?;
    }
}

/// A splice can leave valid JSON with other values (another id, another date): then the
/// document loads as it now reads. Either way nothing panics and nothing is lost.
fn open_spliced(
    journal: &Journal,
    kind: &str,
    at: usize,
    bytes: &[u8],
) -> std::result::Result<(), TestCaseError> {
    journal.reset();
    let (path, whole) = &journal.documents[kind];
    let changed = spliced(whole, at, bytes);
    fs::write(path, &changed).unwrap();
    let store = Store::open(&journal.root, at_clock())
        .map_err(|e| TestCaseError::fail(format!("the store must open: {e}")))?;
    let documents = store.entries().len() + store.all_fillings().len() + store.all_visions().len();
    // Every file read, as `tend doctor` reads them: a splice of the same length written within
    // the clock tick of the index's own stamp leaves size and time as the index has them, and
    // the open trusts the index for that entry (its text is read when asked for, and then
    // fails). It failed here once in a full run, under load.
    let problems = store.check_every_file();
    let listed = problems
        .iter()
        .filter(|p| !p.path.ends_with("settings.json"))
        .count();
    prop_assert_eq!(
        documents + listed,
        4,
        "each document file is loaded or listed: {:?}",
        problems
    );
    prop_assert!(store.problems().iter().all(|p| !p.reason.trim().is_empty()));
    prop_assert_eq!(
        &fs::read(path).unwrap(),
        &changed,
        "the file is left as it was"
    );
    Ok(())
}

fn at_clock() -> Box<common::FixedClock> {
    at("2026-11-23T21:15:00+01:00")
}

/// A valid file of each importable format: an export of the fixture journal where Tend writes
/// the format, else a small sample in the format's published shape.
fn valid_imports(dir: &Path) -> Vec<(&'static Descriptor, Vec<u8>)> {
    let store = fixture(&dir.join("source"));
    FORMATS
        .iter()
        .copied()
        .filter(|d| d.importable)
        .map(|format| {
            let bytes = if format.exportable {
                let dest = dir.join(format!("export-{}.{}", format.id, format.extension()));
                export_bytes(&store, format, &dest)
            } else {
                match format.id {
                    "minidiary" => br#"{"metadata":{"application":"Mini Diary","version":"3.3.0"},
 "entries":{"2020-05-01":{"dateUpdated":"2020-05-01T20:01:02.000Z","title":"Walk","text":"By the *river*.\n\nCalm."},
 "2020-05-02":{"dateUpdated":"2020-05-02T21:00:00.000Z","title":"","text":"<p>Rain, &amp; tea.</p>"}}}"#
                        .to_vec(),
                    other => panic!("{other} is importable but not exportable: add a sample here"),
                }
            };
            (format, bytes)
        })
        .collect()
}

/// Every file of the journal at `root` with its bytes.
fn contents(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for item in fs::read_dir(&dir).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if !path.file_name().unwrap().to_string_lossy().starts_with('.') {
                out.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// A journal with one entry of its own, to import into.
fn target(dir: &Path) -> Store {
    let mut store = Store::open(dir, at_clock()).unwrap();
    store
        .save_entry(common::draft("2026-11-22", "Mine, before the import."))
        .unwrap();
    store
}

fn document_count(store: &Store) -> usize {
    store.entries().len() + store.all_fillings().len() + store.all_visions().len()
}

/// Imports `bytes` as `format` into the journal at `root`, and checks what every import must
/// do: a report whose count matches what was added, or an error naming the file with the
/// journal untouched. Returns whether anything was added (the journal then needs renewing).
fn import_checked(
    root: &Path,
    file: &Path,
    format: &Descriptor,
    bytes: &[u8],
) -> std::result::Result<bool, TestCaseError> {
    fs::write(file, bytes).unwrap();
    let mut store = Store::open(root, at_clock()).unwrap();
    let before = contents(root);
    let count = document_count(&store);
    match tend::import::import(&mut store, format, file) {
        Err(error) => {
            let message = error.to_string();
            let name = file.file_name().unwrap().to_string_lossy();
            prop_assert!(
                message.contains(name.as_ref()),
                "{}: the error names the file: {}",
                format.id,
                message
            );
            prop_assert!(
                contents(root) == before,
                "{}: a refused import changes nothing",
                format.id
            );
            Ok(false)
        }
        Ok(report) => {
            drop(store);
            let reopened = Store::open(root, at_clock()).unwrap();
            prop_assert!(
                reopened.problems().is_empty(),
                "{}: what was imported reads back: {:?}",
                format.id,
                reopened.problems()
            );
            prop_assert_eq!(
                document_count(&reopened),
                count + report.imported,
                "{}: the report counts what was added: {:?}",
                format.id,
                report
            );
            Ok(report.imported > 0)
        }
    }
}

#[test]
fn every_truncation_of_every_import_format_is_a_report_or_a_named_error() {
    let dir = tempfile::tempdir().unwrap();
    let imports = valid_imports(dir.path());
    assert!(
        imports.len() >= 5,
        "every importable format is tried: {imports:?}"
    );
    for (format, whole) in &imports {
        let file = dir
            .path()
            .join(format!("cut-{}.{}", format.id, format.extension()));
        let mut journal = 0;
        let mut root = dir.path().join(format!("into-{}-{journal}", format.id));
        drop(target(&root));
        for len in 0..=whole.len() {
            let added = import_checked(&root, &file, format, &whole[..len]).unwrap_or_else(|e| {
                panic!("{} cut to {len} of {} bytes: {e}", format.id, whole.len())
            });
            if added {
                journal += 1;
                root = dir.path().join(format!("into-{}-{journal}", format.id));
                drop(target(&root));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_bytes_imported_in_any_format_are_a_report_or_a_named_error(
        which in any::<prop::sample::Index>(),
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
        splice_at in proptest::option::of(any::<usize>()),
    ) {
        // With a splice point the bytes go inside a valid export, to get past the first check.
        let (format, whole) = IMPORTS.with(|(_, imports)| imports[which.index(imports.len())].clone());
        let dir = tempfile::tempdir().unwrap();
        let bytes = match splice_at {
            Some(at) => spliced(&whole, at, &bytes[..bytes.len().min(8)]),
            None => bytes,
        };
        let root = dir.path().join("into");
        drop(target(&root));
        let file = dir.path().join(format!("arbitrary.{}", format.extension()));
        import_checked(&root, &file, format, &bytes)?;
    }
}
