//! A second start of Tend hands over to the one already open (issue 10): it brings that window
//! to the front and exits, instead of a second window that can only say "already open".
//! Driven without WebDriver: two real app processes on a private D-Bus session bus.

use std::process::{Command, Stdio};
use std::time::Duration;

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
    tend_e2e::wait_until_blocking("the first window opens", Duration::from_secs(20), || {
        if tend_e2e::visible_tend_windows() > 0 {
            return Ok(());
        }
        Err(match first.try_wait().unwrap() {
            Some(status) => format!("no Tend window; the first Tend exited: {status}"),
            None => "no Tend window is on the screen yet".to_string(),
        })
    });
    let mut second = start();
    let status = tend_e2e::wait_until_blocking(
        "the second start hands over and exits",
        Duration::from_secs(15),
        || (second.try_wait().unwrap()).ok_or_else(|| "the second Tend is still running".into()),
    );
    let windows = tend_e2e::visible_tend_windows();
    let first_alive = first.try_wait().unwrap().is_none();
    let _ = first.kill();
    let _ = first.wait();
    drop(bus);
    assert!(status.success(), "{status}");
    assert!(first_alive, "the first Tend goes on");
    assert_eq!(windows, 1, "one window, the first");
}
