//! Text a command could not save is kept in a file, never dropped: someone who piped a long
//! entry into `tend write` may have no other copy of it.

use std::path::PathBuf;

use crate::Journal;

/// Keeps `text` in `recovered/` inside the journal's folder (or, when that cannot be written,
/// the system's temporary folder), and returns `error` with where the text now is. In an
/// encrypted journal it is kept encrypted, in the journal only: never as plain text.
pub fn keep(journal: &Journal, text: &str, error: tend::Error) -> tend::Error {
    let Some(codec) = journal.codec() else {
        return tend::Error::invalid(format!(
            "{error} Your text was not saved: it is still where you wrote it."
        ));
    };
    let name = format!(
        "write-{}-{}.txt",
        chrono::Local::now().format("%Y%m%d-%H%M%S"),
        std::process::id()
    );
    let places: Vec<PathBuf> = journal
        .dir()
        .ok()
        .map(|dir| dir.join(tend::store::RECOVERED))
        .into_iter()
        .chain((!codec.seals()).then(std::env::temp_dir))
        .collect();
    for place in places {
        if let Ok(path) = codec.write(&place.join(&name), text.as_bytes().to_vec()) {
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
