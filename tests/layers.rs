//! The core's floors (issue 24): each module of `src/` sits on a floor, and a module may use
//! only modules on its own floor or below. This test reads every `crate::` path in the code
//! of `src/` (comments aside) and fails on an import that goes up a floor, naming the file and
//! the two modules, and on a circle of modules that use one another (within a floor too),
//! naming the circle.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Lowest first. The lib.rs doc comment draws the same floors.
const FLOORS: &[(&str, &[&str])] = &[
    ("ground", &["error", "lib", "clock"]),
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
            "kind",
            "words",
        ],
    ),
    (
        "content",
        &[
            "prompts", "tone", "support", "care", "contacts", "reminder", "dates", "readable",
        ],
    ),
    // Backups are the store's own: made at open, rotated by its settings, converted with the
    // journal when encryption is turned on or off, and a restore replaces the journal's folder
    // under its locks. So they are storage, not interchange.
    (
        "storage",
        &["paths", "fsio", "crypt", "document", "store", "backup"],
    ),
    ("search and insights", &["search", "insights"]),
    (
        "interchange",
        &["formats", "import", "export", "selection", "versions"],
    ),
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

/// A file without its comment lines: a doc link to a module a floor up (`[`crate::search`]`)
/// names it for the reader, and is not a use.
fn code_of(text: &str) -> String {
    (text.lines())
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
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
        let text = code_of(&std::fs::read_to_string(&file).unwrap());
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
    let up: Vec<String> = (climbing().iter())
        .map(|(pair, file)| format!("{pair} (in {})", file.display()))
        .collect();
    assert!(
        up.is_empty(),
        "these imports go up a floor (see FLOORS): {up:#?}"
    );
}

#[test]
fn no_modules_use_one_another_in_a_circle() {
    let circles = circles(&graph());
    assert!(
        circles.is_empty(),
        "these modules use one another in a circle (each list leads back to its first): \
         {circles:#?}"
    );
}

#[test]
fn the_store_is_extended_only_inside_src_store() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let outside: Vec<String> = (files.iter())
        .filter(|f| !f.starts_with(src.join("store")))
        .filter(|f| {
            (std::fs::read_to_string(f).unwrap().lines()).any(|l| l.starts_with("impl Store"))
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        outside.is_empty(),
        "impl Store outside src/store/ (take a &Store instead): {outside:#?}"
    );
}

#[test]
fn a_circle_is_found_and_a_tree_is_not() {
    let edges = |pairs: &[(&str, &str)]| {
        let mut g: Graph = Graph::new();
        for (from, to) in pairs {
            g.entry(from.to_string())
                .or_default()
                .insert(to.to_string());
        }
        g
    };
    let tree = edges(&[("store", "crypt"), ("crypt", "fsio"), ("store", "fsio")]);
    assert!(circles(&tree).is_empty());
    let round = edges(&[("store", "crypt"), ("crypt", "fsio"), ("fsio", "store")]);
    assert_eq!(circles(&round), [vec!["crypt", "fsio", "store"]]);
}

#[test]
fn the_scan_reads_grouped_and_plain_paths() {
    let text =
        "use crate::{assessment, worksheet::{self, Field}};\nlet x = crate::store::SETTINGS;";
    let names: Vec<String> = used(text).into_iter().collect();
    assert_eq!(names, ["assessment", "store", "worksheet"]);
}

type Graph = std::collections::BTreeMap<String, BTreeSet<String>>;

/// Which module uses which, by the `crate::` paths in each file of `src/`.
fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut out = Graph::new();
    for file in files {
        let from = module_of(&src, &file);
        let text = code_of(&std::fs::read_to_string(&file).unwrap());
        for to in used(&text) {
            if to != from && floor_of(&to).is_some() {
                out.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    out
}

/// The groups of modules that reach one another (each sorted): a module reaches another when
/// a path of uses leads from it to the other and back.
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    let reach = |start: &str| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![start.to_string()];
        while let Some(module) = todo.pop() {
            for next in graph.get(&module).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: std::collections::BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|m| (m, reach(m))).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    for (module, from_it) in &reached {
        if !from_it.contains(*module) || out.iter().any(|c| c.contains(module)) {
            continue;
        }
        let circle: Vec<String> = (from_it.iter())
            .filter(|other| reached.get(other).is_some_and(|r| r.contains(*module)))
            .cloned()
            .collect();
        out.push(circle);
    }
    out
}
