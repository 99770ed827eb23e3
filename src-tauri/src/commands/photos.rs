//! An entry's photos (issue 28): added from the system's file dialog (opened here, so the page
//! never names a path), or from a paste or a drop (the picture's bytes, sent as they are), taken
//! out, and shown to the page through the `tend-photo:` address (see [`serve`]), decrypted here
//! and never written anywhere in plain.

use std::io::Read;

use chrono::NaiveDate;
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tend::picture::MAX_PICTURE_BYTES;
use tend::{Entry, ErrorReport};

use super::Reply;
use crate::state::Journal;

/// The scheme the page shows photos by: `tend-photo://localhost/<entry id>/<file>`.
pub const SCHEME: &str = "tend-photo";

/// Asks which photo to add, then adds it to the entry `id` (a new entry of `date` when there
/// is none yet). `None` when she cancels the dialog.
#[tauri::command(async)]
pub fn attach_chosen_photo(
    app: AppHandle,
    journal: State<Journal>,
    id: Option<String>,
    date: NaiveDate,
) -> Reply<Option<Entry>> {
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Add a photo")
        .add_filter("Photos", &["jpg", "jpeg", "png", "webp", "gif"]);
    // Opened in Pictures, where photos are; GTK's chooser opens on "Recent" otherwise.
    if let Ok(pictures) = app.path().picture_dir() {
        dialog = dialog.set_directory(pictures);
    }
    let Some(path) = dialog.blocking_pick_file().and_then(|f| f.into_path().ok()) else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    // One byte past the limit at most, whatever the file claims: the core says it is too big.
    std::fs::File::open(&path)
        .and_then(|f| f.take(MAX_PICTURE_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| ErrorReport::from(tend::Error::io(&path, e)))?;
    journal
        .with(|store| store.attach(id.as_deref(), date, bytes))
        .map(Some)
}

/// Adds the picture in the request's body (a paste or a drop) to the entry named by its
/// `tend-entry-id` header (a new entry of the `tend-date` header's day when absent). ("Date"
/// itself is a header name the page may not set.)
#[tauri::command(async)]
pub fn attach_photo(journal: State<Journal>, request: Request<'_>) -> Reply<Entry> {
    let header = |name: &str| {
        (request.headers().get(name)).and_then(|v| v.to_str().ok().map(str::to_string))
    };
    let bad = |what: &str| ErrorReport::from(tend::Error::invalid(what.to_string()));
    let date: NaiveDate = header("tend-date")
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| bad("date: the photo's day is missing"))?;
    let id = header("tend-entry-id").filter(|id| !id.is_empty());
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(bad("picture: the photo's bytes did not arrive"));
    };
    let bytes = bytes.clone();
    journal.with(|store| store.attach(id.as_deref(), date, bytes))
}

/// Takes the photo `file` out of the entry `id`, and out of the journal.
#[tauri::command(async)]
pub fn detach_photo(journal: State<Journal>, id: String, file: String) -> Reply<Entry> {
    journal.with(|store| store.detach(&id, &file))
}

/// Answers `tend-photo://localhost/<entry id>/<file>` with the photo, decrypted, or 404. A
/// locked journal shows none: nothing is opened for it.
pub fn serve(app: &AppHandle, path: &str) -> tauri::http::Response<Vec<u8>> {
    let mut parts = path.trim_start_matches('/').splitn(2, '/');
    let (entry, file) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    // The journal's lock is held only to learn where its photos are; the file is read and
    // decrypted after, so that a large photo never holds up a save.
    let pictures = app
        .state::<Journal>()
        .peek_wait(|store| Ok(store.pictures()));
    let read = pictures.and_then(|pictures| pictures.read(entry, file).ok());
    let kind = tend::picture::PictureKind::sniff(read.as_deref().unwrap_or_default());
    let response = tauri::http::Response::builder()
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff");
    match (read, kind) {
        (Some(bytes), Some(kind)) => response
            .header("Content-Type", kind.media_type())
            .body(bytes),
        _ => response.status(404).body(Vec::new()),
    }
    .unwrap_or_default()
}
