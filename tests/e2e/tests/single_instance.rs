//! A second start of Tend hands over to the one already open (issue 10): it brings that window
//! to the front and exits, instead of a second window that can only say "already open".
//! Driven without WebDriver: two real app processes on a private D-Bus session bus.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn a_second_start_brings_the_open_window_forward_and_exits() {
    assert!(std::env::var_os("DISPLAY").is_some(), "run with `make e2e`");
    let data = tempfile::tempdir().unwrap();
    let bus = tend_e2e::SessionBus::start(false);
    let start = || {
        Command::new(tend_e2e::app_binary())
            .arg("--data-dir")
            .arg(data.path())
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut first = start();
    let since = Instant::now();
    while tend_e2e::visible_tend_windows() == 0 {
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
    let windows = tend_e2e::visible_tend_windows();
    let first_alive = first.try_wait().unwrap().is_none();
    let _ = first.kill();
    let _ = first.wait();
    drop(bus);
    assert!(status.success(), "{status}");
    assert!(first_alive, "the first Tend goes on");
    assert_eq!(windows, 1, "one window, the first");
}
