//! Logout and shutdown: the session sends SIGTERM (a closed terminal, SIGHUP), and a process
//! that does not handle it ends at once, losing what the page had not saved yet (typed 0.3 s
//! before, the autosave's pause not over: issue 27, D11). Tend asks the page to save what it
//! holds, waits for it (a few seconds at most), then ends.

use std::sync::mpsc;
use std::sync::Mutex;
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;
use tauri::{AppHandle, Emitter, Manager, State};

/// The page hears this, saves, and answers with [`flushed`].
const FLUSH: &str = "tend:flush-before-quit";
/// How long the page has to save: less than a session manager waits before SIGKILL.
const WAIT: Duration = Duration::from_secs(3);

/// Where the page's answer goes while Tend waits for it.
#[derive(Default)]
pub struct Flushing(Mutex<Option<mpsc::Sender<()>>>);

/// Handles SIGTERM and SIGHUP from now on.
pub fn watch(handle: AppHandle) {
    let mut signals = match Signals::new([SIGTERM, SIGHUP]) {
        Ok(signals) => signals,
        Err(e) => {
            eprintln!("Tend: logout will not wait for the page to save ({e})");
            return;
        }
    };
    let spawned = std::thread::Builder::new()
        .name("quit".into())
        .spawn(move || {
            if signals.forever().next().is_none() {
                return;
            }
            let (tx, rx) = mpsc::channel();
            if let Ok(mut slot) = handle.state::<Flushing>().0.lock() {
                *slot = Some(tx);
            }
            if handle.emit(FLUSH, ()).is_ok() {
                let _ = rx.recv_timeout(WAIT);
            }
            handle.exit(0);
        });
    if let Err(e) = spawned {
        eprintln!("Tend: logout will not wait for the page to save ({e})");
    }
}

/// The page has saved what it held (or could not, and said so in the page): Tend may end.
#[tauri::command]
pub fn flushed(flushing: State<Flushing>) {
    if let Some(tx) = flushing.0.lock().ok().and_then(|mut slot| slot.take()) {
        let _ = tx.send(());
    }
}
