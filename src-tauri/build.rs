// The page may call only the commands in src/commands/list.rs; each gets its permission here,
// and capabilities/main.json is written from the same list (never by hand, and not kept in
// git: a `bench` build's differs by the bench's command).
include!("src/commands/list.rs");

const COMMANDS: &[&str] = with_commands!(command_names);
const BENCH_COMMANDS: &[&str] = with_commands!(bench_command_names);

/// A capability as the list makes it: the main window alone, `core` permissions, and one
/// `allow-…` per command. Written only when it differs, so a build does not trigger another.
fn write_capability(name: &str, description: &str, core: &[&str], commands: &[&str]) {
    let permissions: Vec<String> = (core.iter().map(|p| p.to_string()))
        .chain(
            commands
                .iter()
                .map(|c| format!("allow-{}", c.replace('_', "-"))),
        )
        .map(|p| format!("    \"{p}\""))
        .collect();
    let text = format!(
        "{{\n  \"identifier\": \"{name}\",\n  \"description\": \"{description} Written by \
         build.rs from src/commands/list.rs.\",\n  \"windows\": [\"main\"],\n  \
         \"permissions\": [\n{}\n  ]\n}}\n",
        permissions.join(",\n")
    );
    // The folder holds only written files, so a fresh clone has none.
    std::fs::create_dir_all("capabilities").expect("the capabilities folder could not be made");
    let path = std::path::PathBuf::from(format!("capabilities/{name}.json"));
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, text).expect("a capability file could not be written");
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src/commands/list.rs");
    // The bench's command and its permission exist only in a `bench` build (`make bench`).
    let mut commands = COMMANDS.to_vec();
    if std::env::var_os("CARGO_FEATURE_BENCH").is_some() {
        commands.extend_from_slice(BENCH_COMMANDS);
    }
    // tauri-build keeps the list for the build script's whole run.
    let commands: &'static [&str] = Box::leak(commands.into_boxed_slice());
    write_capability(
        "main",
        "What the main window may do: Tend's own commands, flushing the editor before the \
         window closes, and a neutral title while quick-hidden. No fs, shell or http.",
        CORE_PERMISSIONS,
        commands,
    );
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri-build failed");
}
