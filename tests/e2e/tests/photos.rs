//! Photos in the real app (issue 28): one added through the system's file dialog (opened by
//! the app), one dropped on the writing; both shown in the entry through the app's own photo
//! address (under the page's content policy), the first small in the Entries list, and kept
//! in the journal without the location the phone wrote into them.

use std::fs;
use std::path::{Path, PathBuf};

use tend_e2e::{answer_file_dialog, run, seen, wait_until, with_app, App, Dialog, WAIT};

fn photo(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../photos")
        .join(name)
}

/// How many of the images `selector` finds have been drawn (their picture arrived and was
/// decoded): an image the page could not load has no natural width.
async fn drawn(app: &App, selector: &str) -> usize {
    let script = format!(
        "return Array.from(document.querySelectorAll('{selector}'))\
         .filter(i => i.complete && i.naturalWidth > 0).length;"
    );
    let n = app.client.execute(&script, vec![]).await.unwrap();
    n.as_u64().unwrap_or(0) as usize
}

async fn wait_drawn(app: &App, selector: &str, n: usize) {
    wait_until(
        &format!("{n} photo(s) drawn in {selector}"),
        WAIT,
        || async {
            let now = drawn(app, selector).await;
            seen(now == n, format!("{now} drawn"))
        },
    )
    .await;
}

fn kept(data: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(data.join("attachments"))
        .into_iter()
        .flatten()
        .flatten()
    {
        for file in fs::read_dir(entry.path()).unwrap().flatten() {
            out.push(file.path());
        }
    }
    out
}

#[test]
fn a_photo_from_the_dialog_and_one_dropped_show_in_the_entry_and_the_list_without_location() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let png = base64_of(&photo("gps.png"));
    run(async move {
        let journal = data.clone();
        with_app(&data, |app| async move {
            app.click("editor").await;
            app.type_on_focus("A walk by the river, cold and clear.").await;
            app.wait_text("save-status", "Saved", |t| t == "Saved").await;

            app.click("add-photo").await;
            answer_file_dialog("Add a photo", Dialog::Open, &photo("gps.jpg")).await;
            app.wait_count("photo", 1).await;
            wait_drawn(&app, "[data-testid=photo]", 1).await;

            // A drop on the writing, as from the file manager: the picture's bytes, not a path.
            let script = format!(
                "const bytes = Uint8Array.from(atob('{png}'), c => c.charCodeAt(0)); \
                 const data = new DataTransfer(); \
                 data.items.add(new File([bytes], 'river.png', {{ type: 'image/png' }})); \
                 const area = document.querySelector('[data-testid=editor]'); \
                 area.dispatchEvent(new DragEvent('drop', {{ dataTransfer: data, bubbles: true, cancelable: true }}));"
            );
            app.client.execute(&script, vec![]).await.unwrap();
            app.wait_count("photo", 2).await;
            wait_drawn(&app, "[data-testid=photo]", 2).await;
            let words = app.value("editor").await;
            assert_eq!(words, "A walk by the river, cold and clear.", "the drop added no text");
            app.screenshot("photos-01-entry").await;

            let files = kept(&journal);
            assert_eq!(files.len(), 2, "{files:?}");
            for file in &files {
                let bytes = fs::read(file).unwrap();
                let gps = bytes.windows(3).any(|w| w == b"GPS");
                assert!(!gps, "{file:?} kept its location");
            }

            app.click("nav-entries").await;
            app.wait_count("entry-thumb", 1).await;
            wait_drawn(&app, "[data-testid=entry-thumb]", 1).await;
            app.screenshot("photos-02-list").await;
        })
        .await;
    });
}

/// The file's bytes as base64, for the page's script.
fn base64_of(path: &Path) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(fs::read(path).unwrap())
}
