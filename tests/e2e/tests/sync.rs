//! A journal in a synced folder, in the real app (issue 25): Today's entry is open in the
//! editor when the sync tool brings the other computer's version of it. She writes on; her
//! words are saved, the other computer's are kept beside them, the editor says so, and the
//! two-versions page resolves it: what she does not keep is in the trash.

use std::fs;
use std::time::Duration;

use tend::{Store, SystemClock};
use tend_e2e::{run, with_app};

#[test]
fn an_entry_changed_by_the_sync_while_open_keeps_both_and_resolves_in_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let data_in = data.clone();
    run(async move {
        let journal = data_in.clone();
        with_app(&data_in, |app| async move {
            app.click("editor").await;
            app.type_on_focus("Written on the desktop.").await;
            app.wait_text("save-status", "Saved", |t| t == "Saved")
                .await;
            // The sync brings the laptop's version of this entry: the file is replaced whole
            // (written beside, then renamed over it, as Syncthing does), its time the laptop's.
            let path = {
                let store = Store::open(&journal, Box::new(SystemClock)).unwrap();
                let id = store.entries()[0].id.clone();
                store.entry_path(&id).unwrap().to_path_buf()
            };
            let text = fs::read_to_string(&path).unwrap();
            let mut laptop: serde_json::Value = serde_json::from_str(&text).unwrap();
            laptop["body"] = "Written on the laptop, on the train.".into();
            laptop["updated"] = "2026-12-06T08:00:00+01:00".into();
            let incoming = path.with_file_name(".syncthing.tmp");
            fs::write(&incoming, serde_json::to_string_pretty(&laptop).unwrap()).unwrap();
            fs::rename(&incoming, &path).unwrap();
            tokio::time::sleep(Duration::from_millis(200)).await;

            app.type_on_focus(" Still here.").await;
            let said = app
                .wait_text("kept-other-version", "the editor says so", |t| {
                    t.contains("changed on another computer")
                })
                .await;
            assert!(said.contains("Nothing is lost"), "{said}");
            app.wait_text("save-status", "Saved", |t| t == "Saved")
                .await;
            assert_eq!(
                app.value("editor").await,
                "Written on the desktop. Still here."
            );
            app.screenshot("sync-01-kept-other-version").await;

            app.click("kept-other-compare").await;
            let that = app.text("version-that").await;
            assert!(that.contains("on the train"), "{that}");
            let made = app.text("made-by").await;
            assert!(made.contains("Changed outside Tend"), "{made}");
            app.screenshot("sync-02-compared").await;
            app.click("keep-this").await;
            app.wait_text("versions-said", "kept", |t| t.contains("Recently deleted"))
                .await;
        })
        .await;
        let store = Store::open(&data, Box::new(SystemClock)).unwrap();
        assert!(store.two_versions().is_empty());
        let entries = store.entries();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].body, "Written on the desktop. Still here.");
        let trashed = store.trash().unwrap();
        assert_eq!(
            trashed.len(),
            1,
            "the laptop's version, in the trash: {trashed:?}"
        );
    });
}

/// Issue 25: the app watches the journal folder. An entry the sync tool brings from the other
/// computer shows in Entries within two seconds, without a restart; and a conflict copy that
/// arrives while Today is open brings Today's banner.
#[test]
fn an_entry_from_the_other_computer_shows_within_two_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let laptop = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let data_in = data.clone();
    let laptop_dir = laptop.path().to_path_buf();
    run(async move {
        let journal = data_in.clone();
        with_app(&data_in, |app| async move {
            app.click("editor").await;
            app.type_on_focus("Written on the desktop.").await;
            app.wait_text("save-status", "Saved", |t| t == "Saved")
                .await;
            app.click("nav-entries").await;
            app.wait_count("entry-row", 1).await;

            // The laptop wrote an entry; the sync tool writes it beside, then renames it in.
            let (name, bytes) = {
                let mut other = Store::open(&laptop_dir, Box::new(SystemClock)).unwrap();
                let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
                let entry = other
                    .save_entry(tend_e2e::draft(day, "Written on the laptop, on the train."))
                    .unwrap();
                let path = other.entry_path(&entry.id).unwrap().to_path_buf();
                (
                    path.file_name().unwrap().to_owned(),
                    fs::read(&path).unwrap(),
                )
            };
            let year = journal.join("entries/2026");
            let incoming = year.join(".syncthing.incoming.tmp");
            fs::write(&incoming, &bytes).unwrap();
            let arrived = std::time::Instant::now();
            fs::rename(&incoming, year.join(&name)).unwrap();
            app.wait_count("entry-row", 2).await;
            let took = arrived.elapsed();
            assert!(took < Duration::from_secs(2), "shown after {took:?}");
            app.screenshot("sync-03-arrived-from-the-laptop").await;

            // A conflict copy of today's entry arrives while Today is open: the banner says so.
            app.click("nav-today").await;
            let today = {
                let store = Store::open(&journal, Box::new(SystemClock)).unwrap();
                let id = (store.entries().iter())
                    .find(|e| e.body.starts_with("Written on the desktop"))
                    .unwrap()
                    .id
                    .clone();
                store.entry_path(&id).unwrap().to_path_buf()
            };
            let stem = today.file_stem().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&today).unwrap();
            let copy =
                today.with_file_name(format!("{stem}.sync-conflict-20261207-101010-ABCDEFG.json"));
            fs::write(&incoming, text.replace("desktop", "laptop")).unwrap();
            fs::rename(&incoming, &copy).unwrap();
            let banner = app.text("versions-banner").await;
            assert!(banner.contains("version"), "{banner}");
        })
        .await;
    });
}

/// Issue 25, tried as a new user would: Settings, "Move the journal to another folder…", a new
/// folder named in the system's dialog inside the folder Syncthing shares. The journal is
/// there, checked, and what she writes next goes there; the old folder is kept as it was.
#[test]
fn the_journal_moves_into_a_synced_folder_from_settings() {
    let base = tempfile::tempdir().unwrap();
    let data = base.path().join("journal");
    let synced = base.path().join("Sync");
    fs::create_dir_all(synced.join(".stfolder")).unwrap();
    let to = synced.join("Tend");
    let (data_in, to_in) = (data.clone(), to.clone());
    run(async move {
        with_app(&data_in, |app| async move {
            app.click("editor").await;
            app.type_on_focus("Before the move.").await;
            app.wait_text("save-status", "Saved", |t| t == "Saved")
                .await;
            app.click("nav-settings").await;
            app.scroll_to("move-journal").await;
            app.click("move-journal").await;
            tend_e2e::answer_file_dialog(
                "Move the journal to a new folder",
                tend_e2e::Dialog::Save,
                &to_in,
            )
            .await;
            let said = app
                .wait_text("journal-moved", "the move is told", |t| t.contains("Moved"))
                .await;
            assert!(said.contains("kept as it was"), "{said}");
            let shown = app.text("data-dir").await;
            assert_eq!(shown, to_in.display().to_string());
            app.screenshot("sync-04-journal-moved").await;

            app.click("nav-today").await;
            app.click("editor").await;
            app.type_on_focus(" After it.").await;
            app.wait_text("save-status", "Saved", |t| t == "Saved")
                .await;
        })
        .await;
    });
    let moved = Store::open(&to, Box::new(SystemClock)).unwrap();
    let bodies: Vec<&str> = moved.entries().iter().map(|e| e.body.as_str()).collect();
    assert_eq!(
        bodies,
        ["Before the move. After it."],
        "written in the new folder"
    );
    let old = Store::open(&data, Box::new(SystemClock)).unwrap();
    let bodies: Vec<&str> = old.entries().iter().map(|e| e.body.as_str()).collect();
    assert_eq!(bodies, ["Before the move."], "the old folder as it was");
}

/// Issue 25, the other computer: it has no journal of its own yet, and opens the one the sync
/// tool brought, from Settings ("Open a journal in another folder…"): its entries are there,
/// and what is written next goes there.
#[test]
fn the_other_computer_opens_the_synced_journal_from_settings() {
    let base = tempfile::tempdir().unwrap();
    let data = base.path().join("journal");
    let synced = base.path().join("Sync/Tend");
    {
        let mut laptop = Store::open(&synced, Box::new(SystemClock)).unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        laptop
            .save_entry(tend_e2e::draft(day, "Written on the desktop, last week."))
            .unwrap();
    }
    // The first computer answered the first-run questions: its settings came with the journal.
    tend_e2e::answer_first_run(&synced);
    let (data_in, synced_in) = (data.clone(), synced.clone());
    run(async move {
        with_app(&data_in, |app| async move {
            app.click("nav-settings").await;
            app.scroll_to("use-journal").await;
            app.click("use-journal").await;
            tend_e2e::answer_file_dialog(
                "Open the journal in a folder",
                tend_e2e::Dialog::Folder,
                &synced_in,
            )
            .await;
            app.click("nav-settings").await;
            app.wait_text("data-dir", "the synced folder", |t| {
                t == synced_in.display().to_string()
            })
            .await;
            app.click("nav-entries").await;
            app.wait_count("entry-row", 1).await;
            let row = app.text("entry-row").await;
            assert!(row.contains("last week"), "{row}");
            app.screenshot("sync-05-other-computer-opened").await;
        })
        .await;
    });
}

/// Issue 25: a worksheet filled in on the other computer arrives while its page is open here:
/// the page's history shows it within two seconds.
#[test]
fn a_filling_from_the_other_computer_shows_in_the_worksheets_history() {
    let dir = tempfile::tempdir().unwrap();
    let laptop = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let worksheet = tend::contacts::WORKSHEET;
    let filling = |how: &str, day: u32| tend::FillingDraft {
        id: None,
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
        worksheet: worksheet.into(),
        status: tend::FillingStatus::Complete,
        answers: serde_json::from_value(serde_json::json!({"started-by": "me", "how": how}))
            .unwrap(),
    };
    tend_e2e::answer_first_run(&data);
    Store::open(&data, Box::new(SystemClock))
        .unwrap()
        .save_filling(filling("text", 20))
        .unwrap();
    let (name, bytes) = {
        let mut other = Store::open(laptop.path(), Box::new(SystemClock)).unwrap();
        let saved = other.save_filling(filling("call", 28)).unwrap();
        let path = other.filling_path_of(&saved.id).unwrap().to_path_buf();
        (
            path.file_name().unwrap().to_owned(),
            fs::read(&path).unwrap(),
        )
    };
    let (data_in, folder) = (data.clone(), data.join("worksheets").join(worksheet));
    run(async move {
        tend_e2e::with_new_app(&data_in, |app| async move {
            app.click("nav-worksheets").await;
            app.click(&format!("worksheet-{worksheet}")).await;
            app.wait_count("history-row", 1).await;

            let incoming = folder.join(".syncthing.incoming.tmp");
            fs::write(&incoming, &bytes).unwrap();
            let arrived = std::time::Instant::now();
            fs::rename(&incoming, folder.join(&name)).unwrap();
            app.wait_count("history-row", 2).await;
            let took = arrived.elapsed();
            assert!(took < Duration::from_secs(2), "shown after {took:?}");
            // The rhythm panel counts the contact that came from the laptop (the 28th).
            app.wait_text("rhythm", "the laptop's contact", |t| {
                t.contains("November 28")
            })
            .await;
            app.screenshot("sync-06-filling-arrived").await;
        })
        .await;
    });
}
