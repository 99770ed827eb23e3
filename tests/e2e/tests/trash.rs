//! Deleting in the real app: an entry deleted and undone, another found in Recently deleted and
//! restored, a worksheet filling deleted and undone. Nothing is unlinked on the way.

use chrono::NaiveDate;
use tend::{FillingDraft, FillingStatus, Store, SystemClock};
use tend_e2e::{draft, run, with_app};

fn entry(store: &mut Store, date: &str, body: &str) {
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    store.save_entry(draft(date, body)).unwrap();
}

#[test]
fn delete_undo_and_restore_from_recently_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    {
        let mut store = Store::open(&data, Box::new(SystemClock)).unwrap();
        entry(&mut store, "2026-11-20", "Imported twice by mistake");
        entry(&mut store, "2026-11-18", "A walk by the canal");
        let answers = serde_json::from_value(serde_json::json!({"values": ["Kindness"]})).unwrap();
        store
            .save_filling(FillingDraft {
                id: None,
                worksheet: "self-awareness".into(),
                date: NaiveDate::from_ymd_opt(2026, 11, 19).unwrap(),
                status: FillingStatus::Complete,
                answers,
            })
            .unwrap();
    }
    run(async move {
        with_app(&data, |app| async move {
            app.click("nav-entries").await;
            app.wait_count("entry-row", 2).await;
            // Delete the newest, then undo: it is back.
            app.find_all("entry-row").await[0].click().await.unwrap();
            app.click("delete-entry").await;
            let notice = app.text("deleted-notice").await;
            assert!(notice.contains("Imported twice"), "{notice}");
            app.wait_count("entry-row", 1).await;
            app.click("undo-delete").await;
            app.wait_count("entry-row", 2).await;
            assert_eq!(app.count("deleted-notice").await, 0);

            // Delete the other; later, find it in Recently deleted and restore it.
            let rows = app.find_all("entry-row").await;
            rows[1].click().await.unwrap();
            app.click("delete-entry").await;
            app.wait_count("entry-row", 1).await;
            app.click("nav-today").await;
            app.click("nav-entries").await;
            app.click("recently-deleted").await;
            let trash = app.text("trash-row").await;
            assert!(trash.contains("A walk by the canal"), "{trash}");
            app.screenshot("40-recently-deleted").await;
            app.click("trash-restore").await;
            app.wait_count("entry-row", 2).await;
            app.wait_count("trash-row", 0).await;

            // A worksheet filling: delete, then undo.
            app.click("nav-worksheets").await;
            app.click("worksheet-self-awareness").await;
            app.wait_count("history-row", 1).await;
            app.click("history-delete").await;
            app.wait_count("history-row", 0).await;
            app.click("undo-delete").await;
            app.wait_count("history-row", 1).await;
        })
        .await;
        let store = Store::open(&data, Box::new(SystemClock)).unwrap();
        assert_eq!(store.entry_count(), 2, "both entries are back on disk");
        assert_eq!(store.fillings_of("self-awareness").len(), 1);
        assert!(
            store.trash().unwrap().is_empty(),
            "the trash is empty again"
        );
    });
}
