//! The daily reminder and the start at login (issue 14), on a D-Bus session of the test's own
//! with a real notification server (dunst) drawing on the test's display:
//! - set in Settings for the coming minute, the notification comes, and a click on it brings
//!   Tend back to Today; "Start Tend when I log in" adds and removes the login item;
//! - started at login (`--background`), Tend has no window; the reminder comes, and its click
//!   shows the window. A journal with writing today gets no reminder.
//!
//! Each test waits for the next minute on the clock, as a person setting a reminder would.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chrono::{Local, Timelike};
use fantoccini::actions::KeyAction;
use tend::{Store, SystemClock};
use tend_e2e::{
    draft, run, screenshot_dir, seen, stays_blocking, visible_tend_windows, wait_until_blocking,
    with_app_env, App, SessionBus,
};

/// The next minute on the clock, as Settings keep it ("HH:MM"), and how long until it, plus
/// the reminder's few seconds between looks and some slack.
fn next_minute() -> (String, Duration) {
    let now = Local::now().time();
    let next =
        now.with_second(0).unwrap().with_nanosecond(0).unwrap() + chrono::Duration::minutes(1);
    let wait = (next - now).to_std().unwrap_or_default() + Duration::from_secs(20);
    (next.format("%H:%M").to_string(), wait)
}

fn wait_for(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    wait_until_blocking(what, limit, || seen(done(), "not yet"));
}

/// Whether a Tend holds the journal at `data` (its instance lock, an flock, is taken).
fn holds_journal(data: &Path) -> bool {
    let lock = tend::paths::instance_lock(data);
    lock.exists()
        && Command::new("flock")
            .args(["--nonblock", "--conflict-exit-code", "9"])
            .arg(&lock)
            .arg("true")
            .status()
            .expect("flock (util-linux)")
            .code()
            == Some(9)
}

/// A Tend started by the test, ended when the test ends (a failed one too).
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn tab(app: &App) {
    let tab = '\u{E004}'; // WebDriver's Tab key
    (app.keys(vec![
        KeyAction::Down { value: tab },
        KeyAction::Up { value: tab },
    ]))
    .await;
}

/// The whole display, notification and all, as a person would see it.
fn screenshot_display(name: &str) {
    let file = screenshot_dir().join(format!("{name}.png"));
    let status = Command::new("import")
        .args(["-window", "root"])
        .arg(&file)
        .status()
        .expect("ImageMagick's import (make test installs it)");
    assert!(status.success());
}

/// What dunst's history holds of the notifications acted on: their summaries and bodies.
fn history(bus: &SessionBus) -> String {
    bus.dunstctl(&["history"]).unwrap_or_default()
}

#[test]
fn a_reminder_set_in_settings_comes_and_its_click_opens_today() {
    run(async {
        let bus = SessionBus::start(true);
        let data = tempfile::tempdir().unwrap();
        // The login item goes where XDG_CONFIG_HOME says (issue 27, D5: it went in
        // ~/.config/autostart whatever the variable said).
        let home = tempfile::tempdir().unwrap();
        let config = home.path().join("elsewhere");
        let login_item = config.join("autostart/Tend.desktop");
        let env = [
            ("DBUS_SESSION_BUS_ADDRESS", bus.address.clone()),
            ("HOME", home.path().display().to_string()),
            ("XDG_CONFIG_HOME", config.display().to_string()),
        ];
        let login = login_item.clone();
        let settings_file = data.path().join("settings.json");
        let data_path = data.path().to_path_buf();
        with_app_env(data.path(), &env, |app| async move {
            app.click("nav-settings").await;
            let reminder = app.show("settings-reminder").await;
            assert!(!reminder.is_selected().await.unwrap(), "off by default");
            reminder.click().await.unwrap();
            let (at, wait) = next_minute();
            // Typed as a person types it, without the mouse: Tab to the field, the hours, Tab,
            // the minutes.
            tab(&app).await;
            let (hours, minutes) = at.split_once(':').unwrap();
            app.type_on_focus(hours).await;
            tab(&app).await;
            app.type_on_focus(minutes).await;
            // The app holds the journal; the settings file says what was saved.
            let wanted = format!("\"reminderAt\": \"{at}\"");
            wait_for("the time is saved", Duration::from_secs(10), || {
                std::fs::read_to_string(&settings_file).is_ok_and(|s| s.contains(&wanted))
            });
            let saved = std::fs::read_to_string(&settings_file).unwrap();
            assert!(saved.contains("\"reminder\": true"), "{saved}");
            assert_eq!(app.text("settings-message").await, "Saved.");

            // Start at login: the login item appears with --background, and goes again.
            app.click("settings-start-at-login").await;
            wait_for("the login item is written", Duration::from_secs(10), || {
                login.exists()
            });
            let item = std::fs::read_to_string(&login).unwrap();
            // It starts this journal (D5: it opened an empty default one), without a window.
            let exec = item
                .lines()
                .find(|l| l.starts_with("Exec="))
                .unwrap_or_default();
            let data_dir = format!("--data-dir \"{}\"", data_path.display());
            assert!(
                exec.contains("--background") && exec.ends_with(&data_dir),
                "the login item starts Tend on this journal: {exec}"
            );
            assert!(
                !home.path().join(".config/autostart").exists(),
                "nothing in ~/.config when XDG_CONFIG_HOME is set"
            );
            app.click("settings-start-at-login").await;
            wait_for("the login item is removed", Duration::from_secs(10), || {
                !login.exists()
            });
            app.screenshot("reminder-settings").await;

            // Somewhere else than Today when the reminder comes.
            app.click("nav-entries").await;
            let bus = &bus;
            wait_for("the reminder's notification", wait, || {
                bus.notifications_shown() == 1
            });
            screenshot_display("reminder-notification");
            bus.dunstctl(&["action", "0"]).expect("dunst clicks it");
            bus.dunstctl(&["close"]);
            app.show("editor").await;
            let current = app.attr("nav-today", "aria-current").await;
            assert_eq!(
                current.as_deref(),
                Some("page"),
                "Today, in the sidebar too"
            );
            let shown = history(bus);
            assert!(shown.contains("\"Tend\""), "{shown}");
            assert!(
                shown.contains("A few minutes for yourself, whenever you are ready."),
                "the words Settings promise: {shown}"
            );
            app.screenshot("reminder-opened-today").await;
        })
        .await;
    });
}

/// Tend as the login item starts it, on `data`, with the bus and a config home of its own.
fn start_background(data: &Path, bus: &SessionBus) -> Running {
    let child = Command::new(tend_e2e::app_binary())
        .arg("--data-dir")
        .arg(data)
        .arg("--background")
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Running(child)
}

fn journal_with_reminder(at: &str, written_today: bool) -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    tend_e2e::answer_first_run(data.path());
    let mut store = Store::open(data.path(), Box::new(SystemClock)).unwrap();
    let settings = tend::Settings {
        reminder: true,
        reminder_at: at.into(),
        ..store.settings().clone()
    };
    store.save_settings(settings).unwrap();
    if written_today {
        let today = Local::now().date_naive();
        store.save_entry(draft(today, "Written already.")).unwrap();
    }
    data
}

#[test]
fn started_at_login_tend_waits_without_a_window_and_the_reminder_brings_it() {
    assert!(std::env::var_os("DISPLAY").is_some(), "run with `make e2e`");
    let (at, wait) = next_minute();
    // Two journals side by side, each Tend on a desktop session of its own.
    let quiet = journal_with_reminder(&at, false);
    let written = journal_with_reminder(&at, true);
    let quiet_bus = SessionBus::start(true);
    let written_bus = SessionBus::start(true);
    let mut quiet_app = start_background(quiet.path(), &quiet_bus);
    let _written_app = start_background(written.path(), &written_bus);

    // Both have started (each holds its journal) and stay without a window.
    for journal in [&quiet, &written] {
        wait_for("Tend starts at login", Duration::from_secs(15), || {
            holds_journal(journal.path())
        });
    }
    stays_blocking("no window at login", Duration::from_secs(4), || {
        let windows = visible_tend_windows();
        seen(windows == 0, format!("{windows} window(s) shown"))
    });
    wait_for("the reminder's notification", wait, || {
        quiet_bus.notifications_shown() == 1
    });
    screenshot_display("reminder-at-login");
    quiet_bus
        .dunstctl(&["action", "0"])
        .expect("dunst clicks it");
    quiet_bus.dunstctl(&["close"]);
    wait_for("the window opens", Duration::from_secs(15), || {
        visible_tend_windows() == 1
    });
    // The other Tend looked at the same minute, within its few seconds between looks.
    stays_blocking(
        "no reminder on a day with writing",
        Duration::from_secs(8),
        || {
            let shown = written_bus.notifications_shown();
            let history = written_bus.dunstctl(&["count", "history"]);
            seen(
                shown == 0 && history.as_deref() == Some("0"),
                format!("{shown} shown, history {history:?}"),
            )
        },
    );
    assert!(quiet_app.0.try_wait().unwrap().is_none(), "Tend runs on");
}
