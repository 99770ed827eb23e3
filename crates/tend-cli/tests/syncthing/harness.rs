//! The harness: two Syncthing instances sharing the folder "tend", one journal on each side,
//! in a network namespace of their own. What Syncthing is told is in `config`.

mod config;

use std::fs::{self, File};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{stderr, stdout};
use crate::journals::{documents, files};

/// The longest any one wait may take: two instances on the loopback connect in a few seconds
/// and sync a few small files in under ten.
const WAIT: Duration = Duration::from_secs(60);
const FOLDER: &str = "tend";
const API_KEY: &str = "tend-syncthing-test-key";

/// `program`, killed by the kernel when the test's thread ends, even if the test itself is
/// killed before its `Drop`s run: a Syncthing left behind would go on syncing a deleted folder.
fn guarded(program: &str) -> Command {
    let mut command = Command::new("setpriv");
    command.args(["--pdeathsig", "KILL", "--", program]);
    command
}

/// A process that only sleeps, in a new network namespace whose loopback it brought up. The
/// Syncthing instances and the REST calls join it (`nsenter`), so they see 127.0.0.1 and
/// nothing else; the ports are the namespace's own, so fixed numbers never collide.
struct Namespace {
    holder: Child,
}

impl Namespace {
    fn new() -> Namespace {
        let mut holder = guarded("unshare")
            .args(["--net", "--", "sh", "-c"])
            .arg("ip link set lo up && echo up && exec sleep 3600")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("`setpriv … unshare --net` could not be started: {e}"));
        let mut said = String::new();
        let _ = BufReader::new(holder.stdout.take().unwrap()).read_line(&mut said);
        if said.trim() != "up" {
            let _ = holder.wait();
            let mut why = String::new();
            let _ = holder.stderr.take().unwrap().read_to_string(&mut why);
            panic!(
                "no network namespace of the test's own (`unshare --net`, then `ip link set lo \
                 up`; it needs root): {why}"
            );
        }
        Namespace { holder }
    }

    /// Where the namespace is, for `nsenter --net=`.
    fn path(&self) -> PathBuf {
        PathBuf::from(format!("/proc/{}/ns/net", self.holder.id()))
    }
}

impl Drop for Namespace {
    fn drop(&mut self) {
        let _ = self.holder.kill();
        let _ = self.holder.wait();
    }
}

/// `program` run inside the namespace at `net`.
fn inside(net: &Path, program: &str) -> Command {
    let mut command = guarded("nsenter");
    command
        .arg(format!("--net={}", net.display()))
        .args(["--", program]);
    command
}

/// One side: a journal folder, and the Syncthing instance that shares it.
pub struct Side {
    pub name: &'static str,
    /// The journal's folder, which is also Syncthing's folder "tend".
    pub journal: PathBuf,
    /// The home folder `tend` runs with on this side: two sides are two computers, each with
    /// its own of whatever Tend keeps outside the journal.
    computer: PathBuf,
    /// Syncthing's own configuration, keys, database and log (outside the journal).
    home: PathBuf,
    id: String,
    gui_port: u16,
    listen_port: u16,
    net: PathBuf,
    process: Option<Child>,
}

impl Side {
    /// A new identity for Syncthing in `base/st-NAME` (a key and a config; nothing started),
    /// and an empty journal folder `base/NAME` carrying Syncthing's folder marker.
    fn generate(
        base: &Path,
        net: &Path,
        name: &'static str,
        gui_port: u16,
        listen_port: u16,
    ) -> Side {
        let home = base.join(format!("st-{name}"));
        let journal = base.join(name);
        let computer = base.join(format!("home-{name}"));
        fs::create_dir_all(&computer).unwrap();
        fs::create_dir_all(journal.join(".stfolder")).unwrap();
        let out = inside(net, "syncthing")
            .args([
                "generate",
                "--no-default-folder",
                "--skip-port-probing",
                "--home",
            ])
            .arg(&home)
            .output()
            .unwrap_or_else(|e| panic!("could not run `syncthing generate`: {e}"));
        assert!(
            out.status.success(),
            "`syncthing generate` failed (is Debian's `syncthing` package installed? \
             scripts/setup.sh --test installs it): {}{}",
            stdout(&out),
            stderr(&out)
        );
        let out = inside(net, "syncthing")
            .args(["serve", "--device-id", "--home"])
            .arg(&home)
            .output()
            .unwrap();
        let id = stdout(&out).trim().to_string();
        assert!(
            out.status.success() && id.len() == 63,
            "`syncthing serve --device-id` gave no device id: {id:?} {}",
            stderr(&out)
        );
        Side {
            name,
            journal,
            computer,
            home,
            id,
            gui_port,
            listen_port,
            net: net.to_path_buf(),
            process: None,
        }
    }

    fn start(&mut self) {
        let log = File::create(self.log()).unwrap();
        let process = inside(&self.net, "syncthing")
            .args([
                "serve",
                "--no-browser",
                "--no-restart",
                "--logflags=3",
                "--home",
            ])
            .arg(&self.home)
            .env("STNODEFAULTFOLDER", "1")
            .env("STNOUPGRADE", "1")
            .env("STNORESTART", "1")
            .env_remove("all_proxy")
            .env_remove("ALL_PROXY")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("could not start `syncthing serve`: {e}"));
        self.process = Some(process);
    }

    fn log(&self) -> PathBuf {
        self.home.join("syncthing.log")
    }

    /// The end of this instance's log, for a failure's message.
    fn log_tail(&self) -> String {
        let text = fs::read_to_string(self.log()).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(25)..].join("\n      ");
        format!("  {}'s Syncthing log ends:\n      {tail}", self.name)
    }

    /// `curl` on the REST API, inside the namespace: the answer, or what went wrong.
    fn rest(&self, method: &str, path: &str, body: Option<&str>) -> Result<String, String> {
        let mut command = inside(&self.net, "curl");
        command
            .args([
                "-sS",
                "--fail-with-body",
                "--noproxy",
                "*",
                "--max-time",
                "20",
            ])
            .args(["-X", method, "-H", &format!("X-API-Key: {API_KEY}")])
            .arg(format!("http://127.0.0.1:{}{path}", self.gui_port));
        if let Some(body) = body {
            command.args(["-H", "Content-Type: application/json", "--data", body]);
        }
        let out = command
            .output()
            .map_err(|e| format!("could not run curl: {e}"))?;
        if out.status.success() {
            Ok(stdout(&out))
        } else {
            Err(format!("{method} {path}: {}{}", stderr(&out), stdout(&out)))
        }
    }

    fn get(&self, path: &str) -> Value {
        let text = self
            .rest("GET", path, None)
            .unwrap_or_else(|e| panic!("{}'s Syncthing: {e}\n{}", self.name, self.log_tail()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("GET {path}: {e}: {text}"))
    }

    fn post(&self, path: &str) {
        if let Err(e) = self.rest("POST", path, None) {
            panic!("{}'s Syncthing: {e}\n{}", self.name, self.log_tail());
        }
    }

    /// Scans the journal now rather than when the watcher notices; returns once scanned.
    pub fn scan(&self) {
        self.post(&format!("/rest/db/scan?folder={FOLDER}"));
    }

    /// Whether the API answers. Fails the test at once if Syncthing has exited.
    fn answers(&mut self) -> bool {
        if let Some(status) = self.process.as_mut().unwrap().try_wait().unwrap() {
            panic!(
                "{}'s Syncthing exited ({status}) before it answered\n{}",
                self.name,
                self.log_tail()
            );
        }
        self.rest("GET", "/rest/system/ping", None)
            .is_ok_and(|pong| pong.contains("pong"))
    }

    fn connected_to(&self, other: &Side) -> bool {
        self.get("/rest/system/connections")["connections"][&other.id]["connected"] == true
    }

    /// How much of what this side has the other one has too, as this side knows it (100: all).
    fn completion_of(&self, other: &Side) -> f64 {
        let path = format!("/rest/db/completion?folder={FOLDER}&device={}", other.id);
        self.get(&path)["completion"].as_f64().unwrap_or(0.0)
    }

    /// `tend ARGS` on this side's journal, as on a computer of its own, with `stdin` as its
    /// input.
    pub fn run_tend(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tend"))
            .args(args)
            .env("TEND_DATA_DIR", &self.journal)
            .env("HOME", &self.computer)
            .env_remove("XDG_CACHE_HOME")
            .env_remove("XDG_STATE_HOME")
            .env_remove("XDG_DATA_HOME")
            .env_remove("TEND_LOCAL_DIR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // A command that rejects its arguments exits without reading: a closed pipe is fine.
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        child.wait_with_output().unwrap()
    }

    /// `tend ARGS` on this side's journal; it must succeed. Returns what it printed.
    pub fn tend(&self, args: &[&str], stdin: &str) -> String {
        let out = self.run_tend(args, stdin);
        assert!(
            out.status.success(),
            "`tend {}` on side {} failed: {}",
            args.join(" "),
            self.name,
            stderr(&out)
        );
        stdout(&out)
    }
}

impl Drop for Side {
    fn drop(&mut self) {
        if let Some(process) = self.process.as_mut() {
            let _ = process.kill();
            let _ = process.wait();
        }
    }
}

/// Two journals, A and B, linked by their Syncthing instances. Fields drop in order: the
/// instances stop before their namespace goes and before their folders are deleted.
pub struct Link {
    pub a: Side,
    pub b: Side,
    _net: Namespace,
    _base: tempfile::TempDir,
}

impl Link {
    /// Both instances configured, started and connected to each other.
    pub fn start() -> Link {
        let base = tempfile::tempdir().unwrap();
        let net = Namespace::new();
        let mut a = Side::generate(base.path(), &net.path(), "a", 8384, 22001);
        let b = Side::generate(base.path(), &net.path(), "b", 8385, 22002);
        a.configure(&b);
        b.configure(&a);
        // A first, then B once A answers, so that B's first dial finds A listening. Started
        // together, they took 20 s to connect in 2 runs of 9 (0 s in every other).
        a.start();
        let mut link = Link {
            a,
            b,
            _net: net,
            _base: base,
        };
        link.wait_until("A's Syncthing answers", |l| l.a.answers());
        link.b.start();
        link.wait_until("B's Syncthing answers", |l| l.b.answers());
        link.check_config();
        link.wait_until("the two instances connect", |l| {
            l.a.connected_to(&l.b) && l.b.connected_to(&l.a)
        });
        link
    }

    /// Polls `done` every 200 ms for at most `WAIT`; fails naming `what`, with both logs and
    /// both folders, if it never holds.
    fn wait_until(&mut self, what: &str, mut done: impl FnMut(&mut Link) -> bool) {
        let start = Instant::now();
        while !done(self) {
            if start.elapsed() > WAIT {
                panic!(
                    "waited {WAIT:?} for this, in vain: {what}\n  A holds {:?}\n  B holds {:?}\n{}\n{}",
                    files(&self.a.journal).keys().collect::<Vec<_>>(),
                    files(&self.b.journal).keys().collect::<Vec<_>>(),
                    self.a.log_tail(),
                    self.b.log_tail()
                );
            }
            sleep(Duration::from_millis(200));
        }
        eprintln!("  {what}: {:.1} s", start.elapsed().as_secs_f64());
    }

    /// Scans both journals, then waits until each instance knows the other has all it has and
    /// the two journals hold the same documents, byte for byte, and `also` holds.
    pub fn wait_in_sync(&mut self, what: &str, also: impl Fn(&Link) -> bool) {
        self.a.scan();
        self.b.scan();
        self.wait_until(what, |l| {
            l.a.completion_of(&l.b) == 100.0
                && l.b.completion_of(&l.a) == 100.0
                && documents(&l.a.journal) == documents(&l.b.journal)
                && also(l)
        });
    }

    /// Pauses (`true`) or resumes each instance's link to the other.
    pub fn pause(&mut self, paused: bool) {
        let verb = if paused { "pause" } else { "resume" };
        self.a
            .post(&format!("/rest/system/{verb}?device={}", self.b.id));
        self.b
            .post(&format!("/rest/system/{verb}?device={}", self.a.id));
        let what = format!("the link to {verb}");
        self.wait_until(&what, |l| {
            l.a.connected_to(&l.b) != paused && l.b.connected_to(&l.a) != paused
        });
    }
}
