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
