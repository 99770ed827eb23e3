//! The two journals' folders as files: what each holds, which of it is Tend's own working
//! files or Syncthing's conflict copies, and an entry changed by hand.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::stdout;

/// Every file under `dir` but Syncthing's own (its folder marker, its list of what not to sync,
/// which it never syncs, and its files being pulled), by path from `dir`, with its bytes.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        let Ok(read) = fs::read_dir(&folder) else {
            continue;
        };
        for item in read.flatten() {
            let path = item.path();
            let name = item.file_name().to_string_lossy().into_owned();
            if name == ".stfolder"
                || name == ".stignore"
                || name.starts_with(".syncthing.")
                || name.starts_with("~syncthing~")
            {
                continue;
            }
            if path.is_dir() {
                todo.push(path);
            } else if let Ok(bytes) = fs::read(&path) {
                let relative = path.strip_prefix(dir).unwrap();
                found.insert(relative.to_string_lossy().into_owned(), bytes);
            }
        }
    }
    found
}

/// Tend's own working files, which belong to one computer: its caches (`.index`, `.search`, or
/// `.index.age`… when encrypted), its locks, its backups, a save's temporary file, and
/// Syncthing's conflict copies of them. Each side makes its own; whether they cross over is the
/// second test's question, so the others compare journals without them.
pub fn is_tends_working_file(path: &str) -> bool {
    let name = original_name(path.rsplit('/').next().unwrap_or(path));
    let name = name.strip_suffix(".age").unwrap_or(&name);
    path.starts_with("backups/")
        || name == ".index"
        || name == ".search"
        || name.ends_with(".lock")
        || (name.starts_with(".tend-") && name.ends_with(".tmp"))
}

/// The name a Syncthing conflict copy was made from: the copy of `NAME.EXT` is
/// `NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.EXT`, and that of `.index` is
/// `.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.index`.
fn original_name(name: &str) -> String {
    // The mark's length: a device's short id has seven characters.
    const MARK: usize = ".sync-conflict-20261207-174204-ABCDEFG".len();
    match name.find(".sync-conflict-") {
        Some(at) if name.len() >= at + MARK => format!("{}{}", &name[..at], &name[at + MARK..]),
        _ => name.to_string(),
    }
}

/// The journal's documents: every file but Syncthing's and Tend's working files.
pub fn documents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = files(dir);
    found.retain(|path, _| !is_tends_working_file(path));
    found
}

/// Syncthing's conflict copies of the journal's documents.
/// Syncthing's conflict copies of the documents in `dir` (of her writing: not of the journal's
/// id, which two sides may both have written before they met, and Tend settles on its own).
pub fn conflict_copies(dir: &Path) -> Vec<String> {
    documents(dir)
        .into_keys()
        .filter(|path| path.contains(".sync-conflict-") && !path.starts_with("journal-id"))
        .collect()
}

/// The entry file of `id` in `dir` (not a conflict copy).
pub fn entry_file(dir: &Path, id: &str) -> PathBuf {
    let path = files(dir)
        .into_keys()
        .find(|p| p.starts_with("entries/") && p.ends_with(&format!("{id}.json")))
        .unwrap_or_else(|| panic!("no file for entry {id} in {}", dir.display()));
    dir.join(path)
}

/// Changes an entry's text in its file, as the app saves an edit (the command line has no
/// `edit`): a new body and a new `updated` time, the rest as it was.
pub fn edit_entry(file: &Path, body: &str) {
    let mut entry: Value = serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap();
    let now = Command::new("date")
        .args(["-u", "+%Y-%m-%dT%H:%M:%S.%NZ"])
        .output()
        .unwrap();
    entry["body"] = Value::from(body);
    entry["updated"] = Value::from(stdout(&now).trim());
    let text = serde_json::to_string_pretty(&entry).unwrap();
    let temporary = file.with_extension("edit");
    fs::write(&temporary, text).unwrap();
    fs::rename(&temporary, file).unwrap();
}

/// Whether any file of the journal holds `text`.
pub fn holds(dir: &Path, text: &str) -> bool {
    files(dir)
        .values()
        .any(|bytes| String::from_utf8_lossy(bytes).contains(text))
}
