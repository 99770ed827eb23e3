//! Compiles every worksheet in prompts/worksheets/ and every vision exercise in prompts/visions/
//! into the core, so that adding one is adding a file: no list to edit.
use std::{env, fs, path::Path};

fn main() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("prompts");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).to_path_buf();
    for (folder, constant) in [
        ("worksheets", "WORKSHEET_FILES"),
        ("visions", "VISION_FILES"),
    ] {
        let dir = root.join(folder);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = fs::read_dir(&dir)
            .map(|read| {
                read.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "json"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        let mut code = format!("pub const {constant}: &[(&str, &str)] = &[\n");
        for path in &files {
            println!("cargo:rerun-if-changed={}", path.display());
            let name = path.file_name().unwrap().to_string_lossy();
            code.push_str(&format!(
                "    ({name:?}, include_str!({:?})),\n",
                path.display().to_string()
            ));
        }
        code.push_str("];\n");
        fs::write(out.join(format!("{folder}.rs")), code).unwrap();
    }
}
