//! The end-to-end harness: starts the real Tend app through `tauri-driver` (which fronts
//! WebKitWebDriver) on a temporary data directory, and drives its webview.
//!
//! `scripts/e2e.sh` starts Xvfb and tauri-driver, then runs these tests one at a time.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

/// How long a wait lasts before it fails, unless the test says otherwise.
pub const WAIT: Duration = Duration::from_secs(15);
/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(100);
/// The pause between a person's steps in the system file dialog (see `answer_file_dialog`).
const KEY_PACE: Duration = Duration::from_millis(300);

/// Looks with `probe` until it gives `Ok`, for at most `within`, and panics with `what` and
/// what `probe` last saw (its `Err`). Every wait of these tests is this, [`stays`], or their
/// blocking forms: no test sleeps a fixed time and hopes the app has caught up.
pub async fn wait_until<T, F, Fut>(what: &str, within: Duration, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    let start = Instant::now();
    loop {
        match probe().await {
            Ok(found) => return found,
            Err(seen) => assert!(
                start.elapsed() < within,
                "{what}, within {within:?}: {seen}"
            ),
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Checks with `check` over `period` that something stays true (the page does not move, no
/// notification comes), looking again and again, and panics with `what` the first time it is
/// not. The form of a test that something does not happen: it must watch for a while.
pub async fn stays<F, Fut>(what: &str, period: Duration, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    let start = Instant::now();
    loop {
        if let Err(seen) = check().await {
            panic!("{what}, for {period:?}: {seen}");
        }
        if start.elapsed() >= period {
            return;
        }
        tokio::time::sleep(POLL).await;
    }
}

/// [`wait_until`], on a test's own thread: a process, a file, the desktop's windows.
pub fn wait_until_blocking<T>(
    what: &str,
    within: Duration,
    mut probe: impl FnMut() -> Result<T, String>,
) -> T {
    let start = Instant::now();
    loop {
        match probe() {
            Ok(found) => return found,
            Err(seen) => assert!(
                start.elapsed() < within,
                "{what}, within {within:?}: {seen}"
            ),
        }
        std::thread::sleep(POLL);
    }
}

/// [`stays`], on a test's own thread.
pub fn stays_blocking(what: &str, period: Duration, mut check: impl FnMut() -> Result<(), String>) {
    let start = Instant::now();
    loop {
        if let Err(seen) = check() {
            panic!("{what}, for {period:?}: {seen}");
        }
        if start.elapsed() >= period {
            return;
        }
        std::thread::sleep(POLL);
    }
}

/// `Ok(())` when `holds`, else what was seen: for the probes of [`wait_until`] and [`stays`].
pub fn seen(holds: bool, what: impl std::fmt::Display) -> Result<(), String> {
    if holds {
        Ok(())
    } else {
        Err(what.to_string())
    }
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The built app (`make e2e` builds it first).
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("TEND_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/debug/tend-app"));
    assert!(
        path.is_file(),
        "the app is not built at {}: run `make e2e` (it builds the UI and the app first)",
        path.display()
    );
    std::fs::canonicalize(path).unwrap()
}

fn driver_url() -> String {
    std::env::var("TEND_E2E_DRIVER").unwrap_or_else(|_| "http://127.0.0.1:4444".into())
}

pub fn screenshot_dir() -> PathBuf {
    let dir = workspace().join("target/e2e");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The last Tuesday before today (a week ago on a Tuesday): "write for last Tuesday".
pub fn last_tuesday() -> chrono::NaiveDate {
    use chrono::Datelike;
    let today = chrono::Local::now().date_naive();
    let back = match today.weekday().num_days_from_monday() {
        1 => 7,
        n => (n + 6) % 7,
    };
    today - chrono::Days::new(u64::from(back))
}

/// An entry to seed a journal with, through the core: `date` and `body`, nothing else.
pub fn draft(date: chrono::NaiveDate, body: &str) -> tend::EntryDraft {
    tend::EntryDraft {
        id: None,
        date,
        prompt: None,
        body: body.into(),
        mood: None,
        tags: vec![],
        habits_done: vec![],
        base: None,
    }
}

/// How many windows named "Tend" are on the screen (shown, not hidden).
pub fn visible_tend_windows() -> usize {
    xdotool(&["search", "--onlyvisible", "--name", "^Tend$"])
        .lines()
        .count()
}

/// `xdotool ARGS`, its output: for what WebDriver cannot reach (the system's dialogs, a real
/// right-click).
pub fn xdotool(args: &[&str]) -> String {
    let out = std::process::Command::new("xdotool")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("xdotool (make test installs it): {e}"));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

const BUS_CONFIG: &str = r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#;

/// A D-Bus session bus of a test's own, optionally with a notification server (dunst) showing
/// on the test's display. Both end with it.
pub struct SessionBus {
    pub address: String,
    bus: std::process::Child,
    dunst: Option<std::process::Child>,
    _config: tempfile::TempDir,
}

impl SessionBus {
    pub fn start(notifications: bool) -> SessionBus {
        use std::io::{BufRead, BufReader};
        use std::process::{Command, Stdio};
        let config = tempfile::tempdir().unwrap();
        // A session bus that starts nothing on its own: the system's would start a dunst of
        // its own configuration the first time anyone asks for notifications.
        let bus_config = config.path().join("bus.conf");
        std::fs::write(&bus_config, BUS_CONFIG).unwrap();
        let mut bus = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", bus_config.display()))
            .args(["--nofork", "--print-address=1"])
            .stderr(std::process::Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .expect("dbus-daemon (Debian's dbus-daemon package)");
        let mut address = String::new();
        BufReader::new(bus.stdout.take().unwrap())
            .read_line(&mut address)
            .unwrap();
        let mut session = SessionBus {
            address: address.trim().to_string(),
            bus,
            dunst: None,
            _config: config,
        };
        if notifications {
            // Notifications stay until acted on; a click does their action, as most desktops.
            let rc = session._config.path().join("dunstrc");
            let text = "[global]\n    font = DejaVu Sans 12\n    mouse_left_click = do_action, close_current\n[urgency_normal]\n    timeout = 0\n";
            std::fs::write(&rc, text).unwrap();
            let dunst = Command::new("dunst")
                .arg("-config")
                .arg(&rc)
                .env("DBUS_SESSION_BUS_ADDRESS", &session.address)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("dunst (make test installs it)");
            session.dunst = Some(dunst);
            wait_until_blocking("dunst starts", Duration::from_secs(10), || {
                seen(
                    session.dunstctl(&["count", "displayed"]).is_some(),
                    "dunstctl gets no answer",
                )
            });
        }
        session
    }

    /// `dunstctl ARGS` on this bus: its output, or `None` when dunst does not answer.
    pub fn dunstctl(&self, args: &[&str]) -> Option<String> {
        let out = std::process::Command::new("dunstctl")
            .args(args)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    /// How many notifications are on the screen.
    pub fn notifications_shown(&self) -> usize {
        (self.dunstctl(&["count", "displayed"]))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        for child in self.dunst.iter_mut().chain([&mut self.bus]) {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// One run of the app: a WebDriver session on `data_dir`.
#[derive(Clone)]
pub struct App {
    pub client: Client,
}

/// Starts the app on `data_dir`, runs `body`, and always ends the session (which closes the
/// app), even when `body` panics: a session left open makes the next one fail. A new journal
/// has its first-run question answered ("hoping to reconcile", as before the question existed),
/// so tests begin on Today; `with_new_app` meets the first-run screen instead.
pub async fn with_app<F, Fut>(data_dir: &Path, body: F)
where
    F: FnOnce(App) -> Fut,
    Fut: Future<Output = ()> + 'static,
{
    answer_first_run(data_dir);
    with_new_app(data_dir, body).await;
}

/// The first-run question answered, as [`with_app`] does it.
pub fn answer_first_run(data_dir: &Path) {
    let mut store = tend::Store::open(data_dir, Box::new(tend::SystemClock)).unwrap();
    if store.settings().stance.is_none() {
        let settings = tend::Settings {
            stance: Some(tend::Stance::Reconcile),
            country: Some("GB".into()),
            // Answered too, as the first run asks it: Today asks it otherwise.
            feels_safe: Some(tend::settings::FeelsSafe::Safe),
            ..store.settings().clone()
        };
        store.save_settings(settings).unwrap();
    }
}

/// As [`with_app`], with `env` set for the app. tauri-driver starts the app with its own
/// environment, so the app is started through a small script that sets it first.
pub async fn with_app_env<F, Fut>(data_dir: &Path, env: &[(&str, String)], body: F)
where
    F: FnOnce(App) -> Fut,
    Fut: Future<Output = ()> + 'static,
{
    answer_first_run(data_dir);
    let launcher = tempfile::tempdir().unwrap();
    let script = launcher.path().join("tend-app");
    let mut text = String::from("#!/bin/sh\n");
    for (name, value) in env {
        text += &format!("export {name}='{}'\n", value.replace('\'', r"'\''"));
    }
    text += &format!("exec '{}' \"$@\"\n", app_binary().display());
    std::fs::write(&script, text).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let args = vec![json!("--data-dir"), json!(data_dir)];
    with_program(script, args, body).await;
}

/// Starts the app on `data_dir` as it is: a new journal meets the first-run screen.
pub async fn with_new_app<F, Fut>(data_dir: &Path, body: F)
where
    F: FnOnce(App) -> Fut,
    Fut: Future<Output = ()> + 'static,
{
    let args = vec![json!("--data-dir"), json!(data_dir)];
    with_program(app_binary(), args, body).await;
}

async fn with_program<F, Fut>(program: PathBuf, args: Vec<serde_json::Value>, body: F)
where
    F: FnOnce(App) -> Fut,
    Fut: Future<Output = ()> + 'static,
{
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "no DISPLAY: the app needs one; run the end-to-end tests with `make e2e` (it starts Xvfb)"
    );
    let caps = json!({
        "browserName": "wry",
        "tauri:options": {
            "application": program,
            "args": args,
        }
    });
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(caps.as_object().unwrap().clone())
        .connect(&driver_url())
        .await
        .unwrap_or_else(|e| {
            panic!(
                "could not start the app through tauri-driver at {}: {e}",
                driver_url()
            )
        });
    let app = App {
        client: client.clone(),
    };
    // The app and the WebKit processes under it, to see them end with the session.
    let processes = data_dir_of(&args)
        .map(|dir| processes_of(&dir))
        .unwrap_or_default();
    let outcome = tokio::task::spawn_local(body(app)).await;
    if outcome.is_err() {
        // What the window showed when the test failed, for whoever reads the failure.
        if let Ok(png) = client.screenshot().await {
            let name = std::thread::current()
                .name()
                .unwrap_or("test")
                .replace("::", "-");
            let _ = std::fs::write(screenshot_dir().join(format!("FAILED-{name}.png")), png);
        }
    }
    let _ = client.close().await;
    // The next session starts once this one's processes are gone (WebKit's outlive the app's
    // window for a moment). After a failure, the failure is the news: no wait.
    if outcome.is_ok() {
        wait_until(
            "the app and its WebKit processes end with the session",
            WAIT,
            || async {
                let left: Vec<&u32> = (processes.iter())
                    .filter(|pid| Path::new(&format!("/proc/{pid}")).exists())
                    .collect();
                seen(left.is_empty(), format!("still running: {left:?}"))
            },
        )
        .await;
    }
    if let Err(e) = outcome {
        if e.is_panic() {
            std::panic::resume_unwind(e.into_panic());
        }
        panic!("the test task failed: {e}");
    }
}

/// The data folder the app is started on (`--data-dir DIR` in its arguments).
fn data_dir_of(args: &[serde_json::Value]) -> Option<String> {
    let at = args.iter().position(|a| a == "--data-dir")?;
    args.get(at + 1)?.as_str().map(String::from)
}

/// The app running on `data_dir` (once its window is up) and every process under it.
fn processes_of(data_dir: &str) -> Vec<u32> {
    let out = std::process::Command::new("pgrep")
        .args(["-f", "--", &format!("--data-dir {data_dir}$")])
        .output()
        .expect("pgrep (procps)");
    let mut found: Vec<u32> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|pid| pid.trim().parse().ok())
        .collect();
    let mut at = 0;
    while at < found.len() {
        let parent = found[at];
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            // The parent is the second field after the name, which is in parentheses.
            let ppid = (stat.rsplit_once(')'))
                .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                .and_then(|p| p.parse::<u32>().ok());
            if ppid == Some(parent) && !found.contains(&pid) {
                found.push(pid);
            }
        }
        at += 1;
    }
    found
}

/// Runs an async test body on a single-threaded runtime (sessions are driven one at a time).
pub fn run<Fut: Future<Output = ()>>(test: Fut) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    tokio::task::LocalSet::new().block_on(&runtime, test);
}

/// A system file dialog: one that saves (its name field has focus) or one that opens (Ctrl+L
/// brings up its location field).
#[derive(Clone, Copy)]
pub enum Dialog {
    Save,
    Open,
    /// A folder chooser: the typed folder is gone into, then chosen.
    Folder,
}

/// Answers the system file dialog the way a person does: waits for the window titled `title`,
/// types the full path into it and presses Enter (GTK's chooser takes a typed path).
pub async fn answer_file_dialog(title: &str, kind: Dialog, path: &Path) {
    let title = title.to_string();
    let path = path.display().to_string();
    tokio::task::spawn_blocking(move || {
        let xdotool = |args: &[&str]| {
            let out = std::process::Command::new("xdotool")
                .args(args)
                .output()
                .unwrap_or_else(|e| panic!("xdotool is needed to answer the file dialog: {e}"));
            String::from_utf8_lossy(&out.stdout).trim().to_string()
        };
        let window =
            wait_until_blocking(&format!("a dialog titled {title:?} appears"), WAIT, || {
                let found = xdotool(&["search", "--onlyvisible", "--name", &title]);
                (found.lines().next().filter(|l| !l.is_empty()))
                    .map(String::from)
                    .ok_or_else(|| "no such window".to_string())
            });
        // GTK gives the dialog focus a moment after it is shown: typed too soon, the keys go
        // to the window behind. Waits until the dialog has it.
        wait_until_blocking("the dialog has the keyboard's focus", WAIT, || {
            xdotool(&["windowfocus", "--sync", &window]);
            let focused = xdotool(&["getwindowfocus"]);
            seen(focused == window, format!("focus is on window {focused}"))
        });
        match kind {
            Dialog::Save => xdotool(&["key", "--window", &window, "ctrl+a"]),
            Dialog::Open | Dialog::Folder => xdotool(&["key", "--window", &window, "ctrl+l"]),
        };
        // The one paced step of these tests: GTK's chooser shows no state a test can read
        // (no accessibility tree here), so its location field is given a moment to open, and
        // its completion a moment to settle, as a person's hands would.
        std::thread::sleep(KEY_PACE);
        xdotool(&["type", "--window", &window, "--delay", "15", &path]);
        std::thread::sleep(KEY_PACE);
        xdotool(&["key", "--window", &window, "Return"]);
        // GTK's folder chooser goes into the typed folder at the first Enter, and chooses the
        // folder it is in at the second.
        if matches!(kind, Dialog::Folder) {
            std::thread::sleep(KEY_PACE);
            let open = xdotool(&["search", "--onlyvisible", "--name", &title]);
            if !open.is_empty() {
                xdotool(&["key", "--window", &window, "Return"]);
            }
        }
    })
    .await
    .unwrap();
}

/// Opens a page the app wrote in a real browser engine (Debian's headless Chromium): returns
/// the DOM as rendered, and saves a screenshot of it under target/e2e/.
pub fn render_page(file: &Path, screenshot: &str) -> String {
    let url = format!("file://{}", file.display());
    let shot = screenshot_dir().join(format!("{screenshot}.png"));
    let chromium = |extra: &[String]| {
        let profile = tempfile::tempdir().unwrap();
        let out = std::process::Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1000,1200",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(extra)
            .arg(&url)
            .output()
            .unwrap_or_else(|e| {
                panic!("chromium is needed to render the export (make test installs it): {e}")
            });
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    chromium(&[format!("--screenshot={}", shot.display())]);
    assert!(shot.is_file(), "chromium saved no screenshot of {url}");
    chromium(&["--dump-dom".to_string()])
}

fn by_testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

impl App {
    /// Waits for the element with `data-testid` = `id`.
    pub async fn find(&self, id: &str) -> Element {
        let css = by_testid(id);
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&css))
            .await
            .unwrap_or_else(|e| panic!("no element {css} appeared within {WAIT:?}: {e}"))
    }

    /// Waits for the element matching a CSS selector (for elements inside a `data-testid` one).
    pub async fn css(&self, selector: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("no element {selector} appeared within {WAIT:?}: {e}"))
    }

    /// Chooses `value` in the select `id`, once that option is there (views and their lists
    /// load after the page opens).
    pub async fn select(&self, id: &str, value: &str) {
        let option = format!("{} option[value='{value}']", by_testid(id));
        self.css(&option).await;
        self.find(id)
            .await
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("choosing {value} in {id}: {e}"));
    }

    /// The number of elements with `data-testid` = `id` now (no waiting).
    pub async fn count(&self, id: &str) -> usize {
        self.client
            .find_all(Locator::Css(&by_testid(id)))
            .await
            .map_or(0, |all| all.len())
    }

    /// Waits until the element `id` is shown (`shown`) or there but hidden (not `shown`).
    pub async fn wait_shown(&self, id: &str, shown: bool) {
        let state = |shown: bool| if shown { "shown" } else { "hidden" };
        let what = format!("{id} {}", state(shown));
        wait_until(&what, WAIT, || async {
            let now = self.find(id).await.is_displayed().await.unwrap();
            seen(now == shown, format!("it is {}", state(now)))
        })
        .await
    }

    /// Polls until exactly `n` elements with `data-testid` = `id` are on the page.
    pub async fn wait_count(&self, id: &str, n: usize) {
        wait_until(&format!("{n} of {id} on the page"), WAIT, || async {
            let now = self.count(id).await;
            seen(now == n, format!("there are {now}"))
        })
        .await
    }

    pub async fn find_all(&self, id: &str) -> Vec<Element> {
        self.find(id).await;
        self.client
            .find_all(Locator::Css(&by_testid(id)))
            .await
            .unwrap()
    }

    /// Brings the element to the middle of the view, clear of sticky headers and footers
    /// (WebKitWebDriver's own scrolling only brings it to the edge).
    pub async fn show(&self, id: &str) -> Element {
        let element = self.find(id).await;
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'});",
                vec![serde_json::to_value(&element).unwrap()],
            )
            .await
            .unwrap();
        element
    }

    /// Clicks like a person: on the element in plain view.
    pub async fn click(&self, id: &str) {
        self.show(id)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking {id}: {e}"));
    }

    /// Chooses a day in a date field, as its picker would: the value set, `input` and `change` sent.
    pub async fn choose_date(&self, id: &str, day: chrono::NaiveDate) {
        let field = self.show(id).await;
        self.client
            .execute(
                "arguments[0].value = arguments[1]; \
                 arguments[0].dispatchEvent(new Event('input', {bubbles: true})); \
                 arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                vec![
                    serde_json::to_value(&field).unwrap(),
                    serde_json::Value::String(day.to_string()),
                ],
            )
            .await
            .unwrap();
    }

    pub async fn type_into(&self, id: &str, text: &str) {
        self.find(id).await.send_keys(text).await.unwrap();
    }

    /// The element that has focus: its data-testid, or its tag ("H1", "TEXTAREA", "BODY").
    pub async fn focused(&self) -> String {
        let found = self
            .client
            .execute(
                "const a = document.activeElement; return a.dataset.testid || a.tagName;",
                vec![],
            )
            .await
            .unwrap();
        found.as_str().unwrap_or_default().to_string()
    }

    /// Waits until the element `id` (a data-testid, or a tag as [`App::focused`] says it)
    /// has focus: focus moves a frame or two after the click that moves it.
    pub async fn wait_focus(&self, id: &str, after: &str) {
        wait_until(&format!("after {after}, focus on {id}"), WAIT, || async {
            let now = self.focused().await;
            seen(now == id, format!("it is on {now}"))
        })
        .await
    }

    /// Waits until the app has looked at every file after its start (and made the day's
    /// backup): what that look would change is then on disk and in the lists.
    pub async fn wait_looked(&self) {
        wait_until(
            "the app's look at every file after its start",
            WAIT,
            || async {
                let looked = (self.client)
                    .execute(
                        "return document.documentElement.dataset.looked === 'true';",
                        vec![],
                    )
                    .await
                    .unwrap();
                seen(looked == json!(true), "not done")
            },
        )
        .await
    }

    pub async fn text(&self, id: &str) -> String {
        self.find(id).await.text().await.unwrap()
    }

    pub async fn value(&self, id: &str) -> String {
        self.find(id)
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// The visible text of the whole page.
    pub async fn page_text(&self) -> String {
        self.client
            .execute("return document.body.innerText;", vec![])
            .await
            .unwrap()
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Presses a key on the page (WebDriver's key codes, e.g. "\u{E031}" for F1).
    pub async fn press(&self, key: &str) {
        self.client
            .find(Locator::Css("body"))
            .await
            .unwrap()
            .send_keys(key)
            .await
            .unwrap();
    }

    /// Keys pressed on whatever has focus, as a person does (not sent to a chosen element).
    pub async fn keys(&self, presses: Vec<KeyAction>) {
        let mut keyboard = KeyActions::new("keyboard".into());
        for press in presses {
            keyboard = keyboard.then(press);
        }
        self.client
            .perform_actions(keyboard)
            .await
            .unwrap_or_else(|e| panic!("pressing keys: {e}"));
    }

    /// Ctrl+`letter`, with Shift too when `shift`, on whatever has focus.
    pub async fn ctrl(&self, shift: bool, letter: char) {
        let (ctrl, shift_key) = (char::from(Key::Control), char::from(Key::Shift));
        let mut presses = vec![KeyAction::Down { value: ctrl }];
        if shift {
            presses.push(KeyAction::Down { value: shift_key });
        }
        presses.push(KeyAction::Down { value: letter });
        presses.push(KeyAction::Up { value: letter });
        if shift {
            presses.push(KeyAction::Up { value: shift_key });
        }
        presses.push(KeyAction::Up { value: ctrl });
        self.keys(presses).await;
    }

    /// `text` typed on whatever has focus.
    pub async fn type_on_focus(&self, text: &str) {
        let presses = text
            .chars()
            .flat_map(|c| [KeyAction::Down { value: c }, KeyAction::Up { value: c }])
            .collect();
        self.keys(presses).await;
    }

    /// The page's whole HTML, attributes and input values included: what a look at the DOM
    /// would find.
    pub async fn dom(&self) -> String {
        self.client
            .execute(
                "return document.documentElement.outerHTML + [...document.querySelectorAll('input, textarea')].map(e => e.value).join(' ');",
                vec![],
            )
            .await
            .unwrap()
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub async fn attr(&self, id: &str, name: &str) -> Option<String> {
        self.find(id).await.attr(name).await.unwrap()
    }

    /// Waits until the text of `id` (its textContent: also what is visually hidden, as a
    /// screen reader's live region is) satisfies `ok`.
    pub async fn wait_said(&self, id: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let script = format!(
            "const e = document.querySelector('[data-testid={id}]'); return e ? e.textContent : '';"
        );
        wait_until(&format!("{id} says {what}"), WAIT, || async {
            let found = self.client.execute(&script, vec![]).await.unwrap();
            let text = found.as_str().unwrap_or_default().trim().to_string();
            if ok(&text) {
                Ok(text)
            } else {
                Err(format!("it says {text:?}"))
            }
        })
        .await
    }

    /// As [`App::wait_text`], for a field's value. Read afresh each time by its test id: a
    /// field the page makes anew (a fresh editor) is never held stale.
    pub async fn wait_value(&self, id: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let script = format!(
            "const e = document.querySelector('[data-testid={id}]'); return e ? e.value : '';"
        );
        wait_until(&format!("{id} holds {what}"), WAIT, || async {
            let found = self.client.execute(&script, vec![]).await.unwrap();
            let value = found.as_str().unwrap_or_default().to_string();
            if ok(&value) {
                Ok(value)
            } else {
                Err(format!("it holds {value:?}"))
            }
        })
        .await
    }

    pub async fn wait_text(&self, id: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        wait_until(&format!("{id} shows {what}"), WAIT, || async {
            let text = self.text(id).await;
            if ok(&text) {
                Ok(text)
            } else {
                Err(format!("it shows {text:?}"))
            }
        })
        .await
    }

    /// Runs axe-core (the UI's dev dependency) in the page as it is now, and panics on any
    /// serious or critical WCAG 2 A/AA violation, naming `screen`, the rule and the elements.
    pub async fn axe(&self, screen: &str) {
        let source =
            std::fs::read_to_string(workspace().join("ui/node_modules/axe-core/axe.min.js"))
                .expect("axe-core is installed with the UI's packages (npm ci)");
        self.client.execute(&source, vec![]).await.unwrap();
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})\
                   .then(r => done(r.violations\
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')\
                     .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' +\
                       v.nodes.map(n => n.target.join(' ') + ' [' + n.failureSummary.replace(/\\s+/g, ' ') + ']').join('; '))))\
                   .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .unwrap();
        let problems: Vec<String> =
            serde_json::from_value(found).expect("axe answers with a list of violations");
        assert!(
            problems.is_empty(),
            "accessibility on {screen}:\n{}",
            problems.join("\n")
        );
    }

    /// Scrolls the element into the middle of the window, for a screenshot of it.
    pub async fn scroll_to(&self, id: &str) {
        let element = self.find(id).await;
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'});",
                vec![serde_json::to_value(&element).unwrap()],
            )
            .await
            .unwrap();
    }

    /// Saves a PNG of the window under target/e2e/, after two animation frames so that it
    /// shows the state the test just reached rather than the frame before.
    pub async fn screenshot(&self, name: &str) {
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await
            .unwrap();
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(screenshot_dir().join(format!("{name}.png")), png).unwrap();
    }
}
