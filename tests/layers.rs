//! The core's floors (issue 24): each module of `src/` sits on a floor, and a module may use
//! only modules on its own floor or below. This test reads every `crate::` path in the code
//! of `src/` (comments aside) and fails on an import that goes up a floor, naming the file and
//! the two modules, and on a circle of modules that use one another (within a floor too),
//! naming the circle.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The floors, lowest first: a folder of `src/` each, and the ground (`src/` itself: lib,
/// error, clock). A module's floor is the folder its file is in; the lib.rs doc comment draws
/// them.
const FLOORS: &[&str] = &["", "model", "content", "storage", "query", "interchange"];

// Backups are the store's own: made at open, rotated by its settings, converted with the
// journal when encryption is turned on or off, and a restore replaces the journal's folder
// under its locks. So they are in src/storage/, not src/interchange/.

/// Every module of `src/` and its floor, read from the folders.
fn floors() -> &'static std::collections::BTreeMap<String, usize> {
    static FOUND: std::sync::OnceLock<std::collections::BTreeMap<String, usize>> =
        std::sync::OnceLock::new();
    FOUND.get_or_init(|| {
        let src = src();
        let mut out = std::collections::BTreeMap::new();
        for (n, floor) in FLOORS.iter().enumerate() {
            for item in std::fs::read_dir(src.join(floor)).unwrap().flatten() {
                let name = item.file_name().to_string_lossy().to_string();
                let module = name.strip_suffix(".rs").unwrap_or(&name).to_string();
                if n == 0 && item.path().is_dir() {
                    assert!(
                        FLOORS.contains(&module.as_str()),
                        "src/{module}/ is no floor: put it in one, or add it to FLOORS"
                    );
                    continue;
                }
                if module != "mod" {
                    out.insert(module, n);
                }
            }
        }
        out
    })
}

fn floor_of(module: &str) -> Option<usize> {
    floors().get(module).copied()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The module a file of `src/` belongs to: `src/storage/store/index.rs` is `store`'s. A floor's
/// own `mod.rs` only names its modules, and is the ground's.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap();
    let parts: Vec<String> = (relative.components())
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    let name = match parts.as_slice() {
        [floor, rest @ ..] if FLOORS.contains(&floor.as_str()) && !rest.is_empty() => &rest[0],
        [first, ..] => first,
        [] => unreachable!(),
    };
    let name = name.strip_suffix(".rs").unwrap_or(name);
    if name == "mod" {
        "lib".to_string()
    } else {
        name.to_string()
    }
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
    // `crate::model::entry` is `crate::entry` (the root re-exports every module).
    let mut text = text.to_string();
    for floor in FLOORS.iter().filter(|f| !f.is_empty()) {
        text = text.replace(&format!("crate::{floor}::"), "crate::");
    }
    let text = text.as_str();
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
    let src = src();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut out: Vec<(String, PathBuf)> = Vec::new();
    for file in files {
        let from = module_of(&src, &file);
        let from_floor = floor_of(&from).expect("every file is in a floor's folder");
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
fn the_store_is_extended_only_inside_src_storage_store() {
    let src = src();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let outside: Vec<String> = (files.iter())
        .filter(|f| !f.starts_with(src.join("storage/store")))
        .filter(|f| {
            (std::fs::read_to_string(f).unwrap().lines()).any(|l| l.starts_with("impl Store"))
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        outside.is_empty(),
        "impl Store outside src/storage/store/ (take a &Store instead): {outside:#?}"
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
    let text = "use crate::{assessment, worksheet::{self, Field}};\nlet x = \
                crate::store::SETTINGS;\nuse crate::model::vision::Vision;";
    let names: Vec<String> = used(text).into_iter().collect();
    assert_eq!(names, ["assessment", "store", "vision", "worksheet"]);
}

type Graph = std::collections::BTreeMap<String, BTreeSet<String>>;

/// Which module uses which, by the `crate::` paths in each file of `src/`.
fn graph() -> Graph {
    let src = src();
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

/// The picture of the core's imports in docs/imports.md: a Mermaid flowchart (GitHub draws it),
/// one box per floor, one arrow per module that uses another. Written from the code; this test
/// fails when it is stale, and `make imports` (UPDATE_IMPORTS=1) rewrites it.
#[test]
fn the_picture_of_the_imports_is_current() {
    let graph = graph();
    let floors = floors();
    let mut text = String::from(
        "# The core's imports\n\nWritten by `make imports` from the `crate::` paths in `src/` \
         (tests/layers.rs fails when it is stale). Each box is a floor, a folder of `src/`; \
         an arrow goes from a module to one it uses. Every arrow points along a floor or \
         down.\n\n```mermaid\nflowchart TB\n",
    );
    for (n, floor) in FLOORS.iter().enumerate().rev() {
        let name = if floor.is_empty() { "ground" } else { floor };
        text += &format!("  subgraph {name}[\"src/{floor}\"]\n");
        for module in (floors.iter()).filter(|(_, f)| **f == n).map(|(m, _)| m) {
            if module != "lib" {
                text += &format!("    {module}\n");
            }
        }
        text += "  end\n";
    }
    for (from, uses) in &graph {
        for to in uses {
            text += &format!("  {from} --> {to}\n");
        }
    }
    text += "```\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/imports.md");
    if std::env::var_os("UPDATE_IMPORTS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        written == text,
        "docs/imports.md is stale: run `make imports` to rewrite it"
    );
}
