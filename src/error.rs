//! The core's one error type, and the `{ code, message }` report the UI receives.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
#[cfg(feature = "ts")]
use ts_rs::TS;

pub type Result<T> = std::result::Result<T, Error>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("Cannot access {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "Cannot save to {path}: the disk is full. Free some space and try again; \
         nothing already saved was changed."
    )]
    DiskFull { path: PathBuf },
    #[error("{path} cannot be read: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("There is no {what} with id {id}.")]
    NotFound { what: &'static str, id: String },
    /// Input that breaks a rule; the message names the field and the rule.
    #[error("{0}")]
    Invalid(String),
    /// Someone else holds the journal: the message names who.
    #[error("{}", locked_message(path, holder))]
    Locked { path: PathBuf, holder: String },
    /// An import stopped part of the way through; what it wrote stays.
    #[error(
        "{source} The import stopped after {imported} of {total} pieces: those are saved, and \
         importing the same file again adds the rest."
    )]
    ImportStopped {
        imported: usize,
        total: usize,
        source: Box<Error>,
    },
    /// An export left out the documents whose files could not be read: each is named, as
    /// (path, reason). Whatever could be read was written to `path` (`documents` of them).
    #[error("{}", export_incomplete_message(path, *documents, unread))]
    ExportIncomplete {
        path: PathBuf,
        documents: usize,
        unread: Vec<(String, String)>,
    },
    /// Turning encryption on or off stopped part way (`source` says why); `what` says so,
    /// and what the journal now is: how many files are in which form, and how it opens.
    #[error("{what}")]
    ConversionStopped { what: String, source: Box<Error> },
    /// A restore stopped halfway; `what` says what failed and where the journal is.
    #[error("Restoring from {zip} did not finish: {what}")]
    RestoreFailed { zip: PathBuf, what: String },
    #[error(
        "The journal at {path} can only be read: its folder is read-only. Nothing can be \
         saved until it is writable again; everything already written is safe."
    )]
    ReadOnly { path: PathBuf },
    /// The journal is encrypted and no key was given: it must be unlocked first.
    #[error(
        "The journal at {path} is encrypted. Unlock it with its passphrase (or its recovery \
         key)."
    )]
    Encrypted { path: PathBuf },
    #[error(
        "That passphrase does not open this journal. Check Caps Lock and the keyboard \
         layout, and try again. If it was changed on another computer, the new one opens it \
         here too."
    )]
    WrongPassphrase,
}

fn locked_message(path: &Path, holder: &str) -> String {
    if holder == "the Tend app" {
        format!(
            "Tend is already open on {} (in the app). Close it first, or write there: two \
             copies writing at once could lose writing.",
            path.display()
        )
    } else {
        format!(
            "The journal at {} is busy: {holder} is using it. Try again when it has \
             finished.",
            path.display()
        )
    }
}

fn export_incomplete_message(path: &Path, documents: usize, unread: &[(String, String)]) -> String {
    let (files, they) = match unread.len() {
        1 => ("1 file".to_string(), "it holds"),
        n => (format!("{n} files"), "they hold"),
    };
    let head = if documents == 0 {
        format!("Nothing was exported: the {files} it would come from could not be read:")
    } else {
        format!(
            "Exported {documents} document{} to {}, but {files} could not be read, and what \
             {they} is not in it:",
            if documents == 1 { "" } else { "s" },
            path.display()
        )
    };
    let named: Vec<String> = (unread.iter())
        .map(|(file, reason)| format!("\n  {file}: {reason}"))
        .collect();
    format!(
        "{head}{}\nThe journal's files are as they were: make these readable again (or restore \
         them from a backup), then export again to have them.",
        named.concat()
    )
}

impl Error {
    /// An I/O error on `path`; a full disk gets its own plain message.
    pub fn io(path: impl AsRef<Path>, source: io::Error) -> Self {
        let path = path.as_ref().to_path_buf();
        if source.kind() == io::ErrorKind::StorageFull {
            Error::DiskFull { path }
        } else {
            Error::Io { path, source }
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Locked { .. } => ErrorCode::Locked,
            Error::Encrypted { .. } => ErrorCode::Encrypted,
            Error::ImportStopped { source, .. } | Error::ConversionStopped { source, .. } => {
                source.code()
            }
            // Said to her in the message; the page does nothing else with them.
            Error::Io { .. }
            | Error::Unreadable { .. }
            | Error::RestoreFailed { .. }
            | Error::ExportIncomplete { .. }
            | Error::DiskFull { .. }
            | Error::NotFound { .. }
            | Error::Invalid(_)
            | Error::ReadOnly { .. }
            | Error::WrongPassphrase => ErrorCode::Other,
        }
    }
}

/// `fs::read(path).at(path)?`: an I/O error names the file it failed on, through `Error::io`
/// (so a full disk is still `DiskFull`), without a closure at every call.
pub trait IoContext<T> {
    fn at(self, path: impl AsRef<Path>) -> Result<T>;
}

impl<T> IoContext<T> for io::Result<T> {
    fn at(self, path: impl AsRef<Path>) -> Result<T> {
        self.map_err(|source| Error::io(path, source))
    }
}

/// What the UI branches on. Only add a code when the UI does something different for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// Another Tend holds the data directory: the UI shows a full-window notice.
    Locked,
    /// The journal is encrypted and locked: the UI shows the unlock screen.
    Encrypted,
    /// Everything else (a full disk, a read-only folder, a wrong passphrase, a rule broken):
    /// the page shows the message, which names the file or the field, and keeps her text.
    Other,
}

/// The error as it crosses to the UI: a stable code and a message for a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message: String,
}

impl From<Error> for ErrorReport {
    fn from(error: Error) -> Self {
        ErrorReport {
            code: error.code(),
            message: error.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_json_shape_is_stable() {
        let report = ErrorReport::from(Error::NotFound {
            what: "entry",
            id: "abc".into(),
        });
        assert_eq!(
            serde_json::to_string(&report).unwrap(),
            r#"{"code":"other","message":"There is no entry with id abc."}"#,
            "the UI reads exactly these two keys"
        );
    }

    #[test]
    fn a_full_disk_is_named_with_its_file() {
        let error = Error::io("/data/x.json", io::Error::from(io::ErrorKind::StorageFull));
        assert!(matches!(error, Error::DiskFull { .. }), "{error:?}");
        assert!(
            error.to_string().contains("/data/x.json")
                && error.to_string().contains("disk is full"),
            "message should name the file and the cause: {error}"
        );
    }
}
