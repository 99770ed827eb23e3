//! Text a command could not save is kept in a file, never dropped: someone who piped a long
//! entry into `tend write` may have no other copy of it.

use std::path::PathBuf;

use crate::Journal;

/// Keeps `text` in `recovered/` inside the journal's folder (or, when that cannot be written,
/// the system's temporary folder), and returns `error` with where the text now is.
pub fn keep(journal: &Journal, text: &str, error: tend::Error) -> tend::Error {
    let name = format!(
        "write-{}-{}.txt",
        chrono::Local::now().format("%Y%m%d-%H%M%S"),
        std::process::id()
    );
    let places: Vec<PathBuf> = journal
        .dir()
        .ok()
        .map(|dir| dir.join("recovered"))
        .into_iter()
        .chain([std::env::temp_dir()])
        .collect();
    for place in places {
        let path = place.join(&name);
        if tend::fsio::write_atomic(&path, text.as_bytes()).is_ok() {
            return tend::Error::invalid(format!(
                "{error} Your text was not saved in the journal; it is kept in {}.",
                path.display()
            ));
        }
    }
    tend::Error::invalid(format!(
        "{error} Your text could not be kept anywhere either: it is still where you wrote it."
    ))
}
