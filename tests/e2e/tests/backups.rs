//! Backups in the real app: one made on request, an entry lost by hand, the backup restored
//! through the system dialog, and the entry back.

use tend::{Store, SystemClock};
use tend_e2e::{answer_file_dialog, draft, run, with_app, Dialog};

#[test]
fn back_up_lose_an_entry_by_hand_restore_and_it_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("journal");
    let entry_file = {
        let mut store = Store::open(&data, Box::new(SystemClock)).unwrap();
        let entry = store
            .save_entry(draft(
                chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
                "The evening I want to keep.",
            ))
            .unwrap();
        store.entry_path(&entry.id).unwrap().to_path_buf()
    };
    let backups = data.join("backups");
    run(async move {
        with_app(&data, |app| async move {
            app.click("nav-settings").await;
            app.click("backup-now").await;
            app.wait_text("backup-message", "a backup", |t| t.contains("Backed up"))
                .await;
            app.find("backup-row").await;
            // Lost by hand, while the app runs.
            std::fs::remove_file(&entry_file).unwrap();
            let zip = std::fs::read_dir(&backups)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| p.extension().is_some_and(|x| x == "zip"))
                .expect("the backup is in backups/");
            app.click("restore-backup").await;
            answer_file_dialog("Restore Tend from a backup", Dialog::Open, &zip).await;
            let said = app
                .wait_text("backup-message", "restored", |t| t.contains("Restored"))
                .await;
            assert!(said.contains("kept in"), "the state before is kept: {said}");
            app.screenshot("60-restored").await;
            // The app starts afresh on the restored journal.
            tokio::time::sleep(std::time::Duration::from_secs(3)).await;
            app.click("nav-entries").await;
            let row = app.text("entry-row").await;
            assert!(row.contains("The evening I want to keep"), "{row}");
        })
        .await;
    });
}
