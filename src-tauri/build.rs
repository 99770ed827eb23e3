// The page may call only the commands in src/commands/list.rs; each gets its permission here,
// and capabilities/main.json is written from the same list (never by hand).
include!("src/commands/list.rs");

const COMMANDS: &[&str] = with_commands!(command_names);

/// capabilities/main.json as the list makes it: the main window alone, the core permissions,
/// and one `allow-…` per command. Written only when it differs, so a build does not trigger
/// another.
fn write_capability() {
    let permissions: Vec<String> = CORE_PERMISSIONS
        .iter()
        .map(|p| p.to_string())
        .chain(
            COMMANDS
                .iter()
                .map(|c| format!("allow-{}", c.replace('_', "-"))),
        )
        .map(|p| format!("    \"{p}\""))
        .collect();
    let text = format!(
        "{{\n  \"identifier\": \"main\",\n  \"description\": \"What the main window may do: \
         Tend's own commands, flushing the editor before the window closes, and a neutral title \
         while quick-hidden. No fs, shell or http. Written by build.rs from \
         src/commands/list.rs.\",\n  \"windows\": [\"main\"],\n  \"permissions\": [\n{}\n  ]\n}}\n",
        permissions.join(",\n")
    );
    let path = std::path::Path::new("capabilities/main.json");
    if std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(path, text).expect("capabilities/main.json could not be written");
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src/commands/list.rs");
    write_capability();
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
