//! Never locked out, in the real app (issue 10): a settings.json that is a folder, and a
//! journal on a read-only mount.

use std::path::Path;
use std::process::Command;

use std::time::Duration;
use tend::{Store, SystemClock};

use tend_e2e::{draft, run, seen, wait_until, with_app, with_new_app};

fn write(data: &Path, date: &str, body: &str) {
    let mut store = Store::open(data, Box::new(SystemClock)).unwrap();
    let mut settings = store.settings().clone();
    settings.stance = Some(tend::Stance::Unsure);
    store.save_settings(settings).unwrap();
    store
        .save_entry(draft(
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            body,
        ))
        .unwrap();
}

#[test]
fn a_settings_file_that_is_a_folder_is_named_and_everything_else_loads() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    write(&data, "2026-11-20", "Still here.");
    std::fs::remove_file(data.join("settings.json")).unwrap();
    std::fs::create_dir(data.join("settings.json")).unwrap();
    run(async move {
        with_new_app(&data, |app| async move {
            // Settings unread: not a new journal, so no first-run question; the problem is named.
            let banner = app.text("problems").await;
            assert!(
                banner.contains("settings.json"),
                "the problem is named: {banner}"
            );
            assert_eq!(app.count("first-run").await, 0, "not asked as if new");
            app.click("nav-entries").await;
            assert!(app.text("entry-row").await.contains("Still here"));
            app.screenshot("50-settings-is-a-folder").await;
        })
        .await;
    });
}

#[test]
fn a_journal_on_a_read_only_mount_opens_to_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("mnt");
    std::fs::create_dir(&data).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=4m", "tend-e2e"])
        .arg(&data)
        .status();
    if !mounted.is_ok_and(|s| s.success()) {
        eprintln!("skipped: this machine does not let tests mount a filesystem");
        return;
    }
    write(
        &data,
        "2026-11-20",
        "Written before the disk went read-only.",
    );
    assert!(Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&data)
        .status()
        .unwrap()
        .success());
    let data2 = data.clone();
    let outcome = std::panic::catch_unwind(move || {
        run(async move {
            with_app(&data2, |app| async move {
                let banner = app.text("read-only").await;
                assert!(banner.contains("read-only"), "{banner}");
                app.click("nav-entries").await;
                let row = app.text("entry-row").await;
                assert!(row.contains("Written before"), "{row}");
                app.screenshot("51-read-only").await;
            })
            .await;
        })
    });
    let _ = Command::new("umount").arg(&data).status();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// An entry rewritten in place by another program (its folder's time unchanged, so the open
/// takes that folder from the index) is in the app's list a few seconds after it starts.
#[test]
fn an_entry_rewritten_in_place_outside_tend_is_seen_soon_after_start() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    write(&data, "2026-11-20", "The first words, as written in Tend.");
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let year = data.join("entries/2026");
    std::fs::File::open(&year)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    drop(Store::open(&data, Box::new(SystemClock)).unwrap()); // the index keeps the folder's time
    let file = std::fs::read_dir(&year)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("The first words", "Other words")).unwrap();
    run(async move {
        with_app(&data, |app| async move {
            wait_until(
                "the edit shows in the list",
                Duration::from_secs(20),
                || async {
                    app.click("nav-entries").await;
                    let row = app.text("entry-row").await;
                    seen(row.contains("Other words, as written"), row)
                },
            )
            .await;
        })
        .await;
    });
}

/// The running app on `data`, as `pgrep` finds it by its arguments.
fn app_pid(data: &Path) -> Option<u32> {
    let out = Command::new("pgrep")
        .args([
            "-f",
            "--",
            &format!("tend-app --data-dir {}", data.display()),
        ])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .and_then(|pid| pid.trim().parse().ok())
}

/// Issue 27, D11: a logout (SIGTERM) 0.3 s after typing lost the text, the autosave's pause
/// not yet over. Tend now asks the page to save, then ends.
#[test]
fn a_logout_right_after_typing_keeps_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let data_in = data.clone();
    run(async move {
        let journal = data_in.clone();
        with_app(&data_in, |app| async move {
            app.find("prompt-text").await;
            app.type_into("editor", "Typed just before the logout.")
                .await;
            // In the page, and the autosave's pause not yet over.
            app.wait_value("editor", "what was typed", |v| v.contains("the logout."))
                .await;
            let pid = app_pid(&journal).expect("the app is running");
            let sent = Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status()
                .unwrap();
            assert!(sent.success());
            wait_until(
                "Tend ends after a SIGTERM, within a few seconds",
                Duration::from_secs(10),
                || async { seen(app_pid(&journal).is_none(), "it is still running") },
            )
            .await;
        })
        .await;
    });
    let store = Store::open(&data, Box::new(SystemClock)).unwrap();
    let bodies: Vec<&str> = store.entries().iter().map(|e| e.body.as_str()).collect();
    assert_eq!(
        bodies,
        ["Typed just before the logout."],
        "saved before the end"
    );
}
