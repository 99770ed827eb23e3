//! A second start of Tend hands over to the one already open (issue 10): it brings that window
//! to the front and exits, instead of a second window that can only say "already open".
//! Driven without WebDriver: two real app processes on a private D-Bus session bus.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn tend_windows() -> usize {
    let out = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", "^Tend$"])
        .output()
        .expect("xdotool (make test installs it)");
    String::from_utf8_lossy(&out.stdout).lines().count()
}

#[test]
fn a_second_start_brings_the_open_window_forward_and_exits() {
    assert!(std::env::var_os("DISPLAY").is_some(), "run with `make e2e`");
    let data = tempfile::tempdir().unwrap();
    let mut bus = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("dbus-daemon (Debian's dbus-daemon package)");
    let mut address = String::new();
    BufReader::new(bus.stdout.take().unwrap())
        .read_line(&mut address)
        .unwrap();
    let start = || {
        Command::new(tend_e2e::app_binary())
            .arg("--data-dir")
            .arg(data.path())
            .env("DBUS_SESSION_BUS_ADDRESS", address.trim())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut first = start();
    let since = Instant::now();
    while tend_windows() == 0 {
        assert!(
            since.elapsed() < Duration::from_secs(20),
            "the first window opens"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let mut second = start();
    let since = Instant::now();
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        assert!(
            since.elapsed() < Duration::from_secs(15),
            "the second start hands over and exits"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let windows = tend_windows();
    let first_alive = first.try_wait().unwrap().is_none();
    let _ = first.kill();
    let _ = first.wait();
    let _ = bus.kill();
    let _ = bus.wait();
    assert!(status.success(), "{status}");
    assert!(first_alive, "the first Tend goes on");
    assert_eq!(windows, 1, "one window, the first");
}
