//! The daily reminder and the start at login (issue 14). What decides when a reminder is due is
//! in the core ([`tend::reminder`]); here a thread looks at the clock every few seconds and
//! shows the notification, and a click on it brings Tend forward on Today.

use std::time::Duration;

use chrono::{Local, NaiveDate, NaiveTime};
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;
use tend::reminder::{self, ReminderClock};
use tend::ErrorReport;

use crate::state::{Journal, Peek};

/// How often the clock is looked at: a reminder comes within this of its minute.
const LOOK: Duration = Duration::from_secs(5);

/// The argument a start at login carries: Tend starts with no window, for the reminder.
pub const BACKGROUND: &str = "--background";

/// The UI goes to Today when it hears this.
const OPEN_TODAY: &str = "tend:open-today";

/// Starts watching the clock, once the app is set up.
pub fn start(handle: AppHandle) {
    let forward = handle.clone();
    let _ = handle.notification().on_action(move |action| {
        if action.action_id() == "tap" {
            show_today(&forward);
        }
    });
    let spawned = std::thread::Builder::new()
        .name("reminder".into())
        .spawn(move || watch(&handle));
    if let Err(e) = spawned {
        eprintln!("Tend: the daily reminder could not start: {e}");
    }
}

/// What the reminder knows of the journal: its time, and the last day seen to have writing.
/// Kept while the journal is locked, so an encrypted journal locked after a while of quiet
/// still reminds (or stays quiet) as it would have open. A journal locked since Tend started
/// has told nothing yet: no reminder until it is first unlocked (docs/guide.md says so).
#[derive(Default)]
struct Known {
    at: Option<NaiveTime>,
    wrote: Option<NaiveDate>,
}

fn watch(handle: &AppHandle) {
    let mut clock = ReminderClock::new(Local::now().naive_local());
    let mut known = Known::default();
    loop {
        std::thread::sleep(LOOK);
        let now = Local::now().naive_local();
        let today = now.date();
        let journal = handle.state::<Journal>();
        let seen = journal.peek(|store| {
            let settings = store.settings();
            let at = (settings.reminder)
                .then(|| reminder::parse_time(&settings.reminder_at))
                .flatten();
            // Looked for until found: a day with writing stays one.
            let looked_for = at.is_some() && known.wrote != Some(today);
            (at, looked_for && store.wrote_on(today))
        });
        if let Peek::Open((at, wrote)) = seen {
            known.at = at;
            if wrote {
                known.wrote = Some(today);
            }
        }
        let Some(day) = clock.due(now, known.at) else {
            continue;
        };
        if matches!(seen, Peek::Busy) {
            clock.retry(day); // a save or a search holds the journal: ask again in a moment
            continue;
        }
        clock.settle(day);
        if known.wrote != Some(day) {
            notify(handle);
        }
    }
}

fn notify(handle: &AppHandle) {
    let shown = (handle.notification().builder())
        .title(reminder::TITLE)
        .body(reminder::BODY)
        .show();
    if let Err(e) = shown {
        eprintln!("Tend: the reminder could not be shown: {e}");
    }
}

/// Brings the window forward (shown, if Tend started at login without one) on Today.
pub fn show_today(handle: &AppHandle) {
    if let Some(window) = handle.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let _ = handle.emit(OPEN_TODAY, ());
}

/// Adds Tend to the login items (starting it on the journal at `data_dir`), or takes it out,
/// as Settings now say (see [`crate::login_item`]).
pub fn start_at_login(data_dir: &std::path::Path, wanted: bool) -> Result<(), ErrorReport> {
    let failed = |e: std::io::Error| {
        let what = if wanted { "add itself to" } else { "leave" };
        ErrorReport::from(tend::Error::invalid(format!(
            "Tend could not {what} the programs that start when you log in: {e}"
        )))
    };
    // Written when it is turned on, not at every save of settings: the journal open for a
    // moment (a test, a copy) does not take the login item over.
    if crate::login_item::is_enabled() == wanted {
        return Ok(());
    }
    if !wanted {
        return crate::login_item::disable().map_err(failed);
    }
    let exe = std::env::current_exe().map_err(failed)?;
    crate::login_item::enable(&exe, data_dir).map_err(failed)
}

/// Whether Tend is among the login items now: the desktop's own settings can take it out, and
/// Settings then show it as it is.
pub fn starts_at_login() -> bool {
    crate::login_item::is_enabled()
}
