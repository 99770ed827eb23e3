//! The core's floors (issue 24): each module of `src/` sits on a floor, and a module may use
//! only modules on its own floor or below. This test reads every `crate::` path in `src/` and
//! fails on an import that goes up a floor, naming the file and the two modules.
//!
//! The imports that went up when the floors were drawn are listed in `CLIMBING`: the work
//! still to do. The test fails on any other, and on a listed one that is gone (take it off
//! the list), so the list only shrinks.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Lowest first. The lib.rs doc comment draws the same floors.
const FLOORS: &[(&str, &[&str])] = &[
    ("ground", &["error", "lib"]),
    (
        "model",
        &[
            "entry",
            "worksheet",
            "filling",
            "vision",
            "settings",
            "assessment",
            "voice",
            "content",
        ],
    ),
    (
        "content",
        &["prompts", "tone", "support", "care", "contacts", "reminder"],
    ),
    ("storage", &["paths", "fsio", "crypt", "document", "store"]),
    ("search and insights", &["search", "insights"]),
    (
        "interchange",
        &[
            "formats",
            "import",
            "export",
            "selection",
            "backup",
            "versions",
        ],
    ),
];

/// Imports up a floor that were there when the floors were drawn: `from -> to`.
const CLIMBING: &[&str] = &[
    "store -> backup",
    "store -> formats",
    "store -> import",
    "store -> insights",
    "store -> search",
    "store -> selection",
    "search -> formats",
    "search -> selection",
];

fn floor_of(module: &str) -> Option<usize> {
    FLOORS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

/// The top-level module a file of `src/` belongs to.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next().unwrap();
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".rs").unwrap_or(&name).to_string()
}

/// The modules a file names as `crate::x`, or inside `use crate::{x, y::z}`.
fn used(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = true;
            for (n, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if c.is_whitespace() => {}
                    _ if start => {
                        found.insert(word(&group[n..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(word(rest));
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for item in std::fs::read_dir(dir).unwrap().flatten() {
        let path = item.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `from -> to` that goes up a floor, with a file that does it.
fn climbing() -> Vec<(String, PathBuf)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut out: Vec<(String, PathBuf)> = Vec::new();
    for file in files {
        let from = module_of(&src, &file);
        let from_floor = floor_of(&from)
            .unwrap_or_else(|| panic!("src/{from} is on no floor: add it to FLOORS"));
        let text = std::fs::read_to_string(&file).unwrap();
        for to in used(&text) {
            let Some(to_floor) = floor_of(&to) else {
                continue; // a name at the crate root (a macro, a re-export)
            };
            let pair = format!("{from} -> {to}");
            if to_floor > from_floor && !out.iter().any(|(p, _)| *p == pair) {
                out.push((pair, file.clone()));
            }
        }
    }
    out
}

#[test]
fn imports_go_down_the_floors_or_along_them() {
    let found = climbing();
    let new: Vec<String> = (found.iter())
        .filter(|(pair, _)| !CLIMBING.contains(&pair.as_str()))
        .map(|(pair, file)| format!("{pair} (in {})", file.display()))
        .collect();
    assert!(
        new.is_empty(),
        "these imports go up a floor (see FLOORS): {new:#?}"
    );
    let gone: Vec<&str> = (CLIMBING.iter())
        .filter(|pair| !found.iter().any(|(p, _)| p == *pair))
        .copied()
        .collect();
    assert!(
        gone.is_empty(),
        "these no longer go up a floor: take them off CLIMBING: {gone:?}"
    );
}

#[test]
fn the_scan_reads_grouped_and_plain_paths() {
    let text =
        "use crate::{assessment, worksheet::{self, Field}};\nlet x = crate::store::SETTINGS;";
    let names: Vec<String> = used(text).into_iter().collect();
    assert_eq!(names, ["assessment", "store", "worksheet"]);
}
