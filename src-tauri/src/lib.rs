//! The desktop shell: builds the window, holds the open journal, and exposes the commands
//! listed in `commands/list.rs`. Everything that matters happens in the `tend` core.

// The commands, declared once: with_commands!, command_names! and CORE_PERMISSIONS.
include!("commands/list.rs");

/// The app's handler for every command in the list; the bench's only in a `bench` build.
macro_rules! handler {
    ($($($segment:ident)::+),* ; bench: $($($bench:ident)::+),* $(,)?) => {
        tauri::generate_handler![
            $($($segment)::+,)*
            $(#[cfg(feature = "bench")] $($bench)::+),*
        ]
    };
}

mod commands;
mod login_item;
mod quit;
mod reminder;
mod state;
mod watch;
mod writing;

use std::path::PathBuf;

use state::Journal;

/// The application's one id: tauri.conf.json's identifier, the desktop entry's window class,
/// the metainfo's id.
pub const APP_ID: &str = "app.tend.journal";

pub fn run() {
    cpu_painting();
    // The window's class is the application's id, as the desktop entry and the metainfo name
    // it (issue 26): set before GTK starts, which takes it for the window's WM_CLASS.
    #[cfg(target_os = "linux")]
    webkit2gtk::glib::set_prgname(Some(APP_ID));
    let data_dir = data_dir_arg(std::env::args().skip(1));
    // Started at login: no window until she asks for it (a second start, or the reminder).
    let background = std::env::args().any(|arg| arg == reminder::BACKGROUND);
    let mut builder = tauri::Builder::default();
    if session_bus_reachable() {
        // First, as the plugin asks: a second Tend hands over to this one and exits.
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            use tauri::Manager;
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }));
    }
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        // An entry's photos, to the page: decrypted on the way, never fetched from anywhere.
        .register_asynchronous_uri_scheme_protocol(
            commands::photos::SCHEME,
            |context, request, responder| {
                let app = context.app_handle().clone();
                let path = request.uri().path().to_string();
                std::thread::spawn(move || responder.respond(commands::photos::serve(&app, &path)));
            },
        )
        .setup(move |app| {
            use tauri::Manager;
            app.manage(Journal::open(data_dir));
            app.manage(quit::Flushing::default());
            quit::watch(app.handle().clone());
            // The window is made hidden (tauri.conf.json) and shown here, before its first
            // frame, unless Tend started at login: then it stays hidden, and never flashes.
            if let Some(window) = app.get_webview_window("main") {
                writing::set_up(&window);
                if !background {
                    window.show()?;
                }
            }
            reminder::start(app.handle().clone());
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                // The journal opens beside the window, not before it: the window paints its
                // first frame meanwhile, and the first request waits for the journal. An
                // encrypted one stays locked until the passphrase is given.
                let _ = handle.state::<Journal>().with(|_| Ok(()));
                if handle.state::<Journal>().is_open() {
                    after_open(handle);
                }
                // The tone check's model is trained once (about 50 ms): here, a few seconds
                // after the first paint and outside the journal's lock, so that neither the
                // first frame nor a command ever waits for it.
                std::thread::sleep(std::time::Duration::from_secs(3));
                tend::tone::warm();
            });
            Ok(())
        })
        .invoke_handler(with_commands!(handler))
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Tend could not start: {e}");
            std::process::exit(1);
        });
}

/// The event that says the look after an open is done: the page marks it on its root element
/// (`data-looked`), which is what the end-to-end tests wait for, rather than a clock.
const LOOKED: &str = "tend:looked";

/// A few seconds after the journal opens (once Today is on the screen): a look at every entry
/// file for edits made in place by another program, which an open does not look for (the
/// look itself holds nothing; only what changed is read with the journal held), then the
/// day's first backup. A journal locked again meanwhile has both at its next unlock. The page is
/// told when both are done ([`LOOKED`]).
pub(crate) fn after_open(handle: tauri::AppHandle) {
    use tauri::{Emitter, Manager};
    // Spelling is checked as her settings say from the moment they can be read.
    let settings = handle.state::<Journal>().with(|s| Ok(s.settings().clone()));
    if let (Ok(settings), Some(window)) = (settings, handle.get_webview_window("main")) {
        writing::apply(&window, &settings);
    }
    // A sync tool's changes reach the open app from now on.
    if let Ok(dir) = handle.state::<Journal>().dir() {
        watch::start(handle.clone(), dir.to_path_buf());
    }
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(5));
        let journal = handle.state::<Journal>();
        if !journal.is_open() {
            return;
        }
        if let Ok(dir) = journal.dir() {
            // A folder at a time: a year's files in memory, the journal held for moments.
            for folder in tend::Store::entry_folders(&dir) {
                let files = tend::Store::entry_files(&folder);
                let _ = journal.with(|s| Ok(s.catch_up(files)));
            }
        }
        // What it could not read is listed in the app already (the open's problems).
        match journal.with(|s| s.daily_backup()) {
            Ok(Some(made)) if !made.skipped.is_empty() => eprintln!(
                "Tend: today's backup ({}) left out {} file(s) it could not read",
                made.path.display(),
                made.skipped.len()
            ),
            Ok(_) => {}
            Err(e) => eprintln!("Tend: today's backup was not made: {}", e.message),
        }
        let _ = handle.emit(LOOKED, ());
    });
}

/// WebKit paints the page's tiles with its CPU painter (Skia's raster backend) unless the
/// user's environment says otherwise; it still composites them as before. Tend is text and a
/// few small charts, and GPU painting on top of the compositor cost it memory and time: with
/// a ten-year journal (`benches/app.py`, 4 runs, medians) GPU painting measured 329 MiB PSS
/// and first paint 601 ms, CPU painting 290 MiB and 506 ms (the bare Tauri window: 264 MiB,
/// 468 ms). Turning compositing off instead saved more but stopped requestAnimationFrame
/// under Xvfb (see commit 15f0a8a); this keeps the compositor and its frames.
/// Set before WebKit starts and before any thread, so nothing reads the environment meanwhile.
fn cpu_painting() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_SKIA_ENABLE_CPU_RENDERING").is_none() {
        std::env::set_var("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1");
    }
}

/// On Linux the single-instance plugin finds the first Tend over the D-Bus session bus, and
/// fails the whole start when there is none (a bare X session, Xvfb): without a bus, a second
/// Tend meets the journal's own lock and says that Tend is already open.
fn session_bus_reachable() -> bool {
    let Some(address) = std::env::var_os("DBUS_SESSION_BUS_ADDRESS") else {
        let runtime = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from);
        return runtime.is_some_and(|dir| dir.join("bus").exists());
    };
    let address = address.to_string_lossy().into_owned();
    address
        .split(';')
        .any(|part| match part.strip_prefix("unix:path=") {
            Some(path) => std::path::Path::new(path.split(',').next().unwrap_or(path)).exists(),
            None => part.starts_with("unix:abstract=") || part.starts_with("unix:tmpdir="),
        })
}

/// `--data-dir DIR` or `--data-dir=DIR`, as the command line takes it.
fn data_dir_arg(mut args: impl Iterator<Item = String>) -> Option<PathBuf> {
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(dir));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_dir_is_taken_from_either_spelling() {
        let args = |v: &[&str]| {
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into_iter()
        };
        assert_eq!(data_dir_arg(args(&["--data-dir", "/a"])), Some("/a".into()));
        assert_eq!(
            data_dir_arg(args(&["-x", "--data-dir=/b"])),
            Some("/b".into())
        );
        assert_eq!(data_dir_arg(args(&["--other"])), None);
    }
}

/// A command is declared once, in commands/list.rs: the handler and the permissions come from
/// it, and build.rs writes the capability from it. The page's calls in ui/src/api.ts are
/// written by hand, so they are checked here: the same set, or the UI calls a command the
/// shell refuses (or the shell allows one nobody needs).
#[cfg(test)]
mod command_names {
    use std::collections::BTreeSet;

    pub(super) fn read(path: &str) -> String {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(root.join(path)).unwrap()
    }

    /// Every `"…"` string, or every `word` after `prefix`, between `start` and `end`.
    pub(super) fn quoted_between(text: &str, start: &str, end: &str) -> BTreeSet<String> {
        let from = text.find(start).unwrap() + start.len();
        let to = from + text[from..].find(end).unwrap();
        text[from..to]
            .split('"')
            .skip(1)
            .step_by(2)
            .map(String::from)
            .collect()
    }

    /// The commands in commands/list.rs.
    pub(super) fn listed() -> BTreeSet<String> {
        let names: &[&str] = with_commands!(command_names);
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn the_capability_and_the_api_call_the_listed_commands() {
        let listed = listed();
        let names: &[&str] = with_commands!(command_names);
        assert_eq!(listed.len(), names.len(), "a command is in the list twice");
        let capability: BTreeSet<String> =
            quoted_between(&read("capabilities/main.json"), "\"permissions\"", "]")
                .into_iter()
                .filter_map(|p| p.strip_prefix("allow-").map(|n| n.replace('-', "_")))
                .collect();
        let api = read("../ui/src/api.ts");
        // A photo's bytes go by callRaw, every other call by call.
        let calls = api[api.find("export const api = {").unwrap()..].replace("callRaw<", "call<");
        let called: BTreeSet<String> = calls
            .split("call<")
            .skip(1)
            .filter_map(|rest| rest.split('"').nth(1).map(String::from))
            .collect();
        assert_eq!(
            capability, listed,
            "capabilities/main.json (build.rs writes it) and the list"
        );
        // The page also calls the bench's command, which a release build refuses.
        let bench: &[&str] = with_commands!(bench_command_names);
        let callable: BTreeSet<String> = (listed.iter().cloned())
            .chain(bench.iter().map(|n| n.to_string()))
            .collect();
        let missing: Vec<_> = callable.difference(&called).collect();
        let unknown: Vec<_> = called.difference(&callable).collect();
        assert!(
            missing.is_empty() && unknown.is_empty(),
            "ui/src/api.ts does not call {missing:?}, and calls {unknown:?} that the list lacks"
        );
    }
}

/// What the window may do is kept to a written list: the capability grants Tend's own commands
/// and the few core permissions below, to the main window only, and the CSP forbids inline and
/// evaluated scripts. Widening either is a decision, made by changing this test.
#[cfg(test)]
mod capability {
    use std::collections::BTreeSet;

    use serde_json::Value;

    use super::command_names::{listed, read};

    /// Core permissions the UI needs: events (the close request), closing the window once
    /// the editor is flushed, and its title (quick hide shows a neutral one).
    const KEPT: &[&str] = &[
        "core:event:allow-listen",
        "core:event:allow-unlisten",
        "core:window:allow-destroy",
        // Quick hide: the taskbar must not say "Tend" while the window is hidden.
        "core:window:allow-set-title",
    ];
    /// Plugins that reach files, programs, the network or dialogs. Nothing of theirs is
    /// granted: the dialogs are opened from Rust, never by the webview.
    const PLUGINS: &[&str] = &["fs:", "shell:", "http:", "dialog:", "opener:"];
    const PLUGINS_ALLOWED: &[&str] = &[];

    fn json(path: &str) -> Value {
        serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn the_main_window_gets_only_the_kept_permissions() {
        let file = json("capabilities/main.json");
        assert_eq!(
            file["windows"],
            serde_json::json!(["main"]),
            "the capability is for the main window alone, never \"*\""
        );
        let conf = json("tauri.conf.json");
        assert_eq!(
            conf["app"]["security"]["capabilities"],
            serde_json::json!(["main"]),
            "tauri.conf.json enables the one capability file, so no other file can add to it"
        );

        assert_eq!(
            super::CORE_PERMISSIONS,
            KEPT,
            "commands/list.rs grants the core permissions kept here, and no other"
        );
        let commands = listed();
        let allowed: BTreeSet<String> = KEPT
            .iter()
            .chain(PLUGINS_ALLOWED)
            .map(|p| p.to_string())
            .chain(
                commands
                    .iter()
                    .map(|c| format!("allow-{}", c.replace('_', "-"))),
            )
            .collect();
        let permissions = file["permissions"]
            .as_array()
            .expect("permissions is a list");
        for permission in permissions {
            let name = permission.as_str().unwrap_or_else(|| {
                panic!("{permission}: a permission with a scope widens what it allows; name it plainly")
            });
            assert!(
                !PLUGINS.iter().any(|p| name.starts_with(p)) || PLUGINS_ALLOWED.contains(&name),
                "{name}: no fs, shell, http, dialog or opener permission is granted to the webview"
            );
            assert!(
                allowed.contains(name),
                "{name} is neither an app command from build.rs nor in the kept list {KEPT:?}"
            );
        }
    }

    #[test]
    fn the_csp_allows_only_the_app_s_own_scripts_and_styles() {
        let conf = json("tauri.conf.json");
        let csp = conf["app"]["security"]["csp"]
            .as_str()
            .expect("the CSP is set, as one string");
        let directives: Vec<Vec<&str>> = csp
            .split(';')
            .map(|d| d.split_whitespace().collect())
            .filter(|d: &Vec<&str>| !d.is_empty())
            .collect();
        let sources = |name: &str| {
            directives
                .iter()
                .find(|d| d[0] == name)
                .map(|d| d[1..].to_vec())
        };
        assert_eq!(
            sources("default-src"),
            Some(vec!["'self'"]),
            "default-src is 'self' alone: {csp}"
        );
        for bad in ["unsafe-eval", "unsafe-inline", "unsafe-hashes", "*"] {
            assert!(
                !directives
                    .iter()
                    .flatten()
                    .any(|s| s.trim_matches('\'') == bad),
                "the CSP must not allow {bad}: {csp}"
            );
        }
        for directive in ["script-src", "default-src"] {
            for source in sources(directive).unwrap_or_default() {
                assert!(
                    !matches!(source, "data:" | "blob:" | "http:" | "https:"),
                    "{directive} must not load scripts from {source}: {csp}"
                );
            }
        }
        assert!(
            conf["app"]["security"]["dangerousDisableAssetCspModification"].is_null(),
            "Tauri's nonces for its own scripts stay on"
        );
    }
}
