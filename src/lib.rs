//! Tend's core: a private, local-first self-care journal. No Tauri, no UI: everything the app
//! and the `tend` command line (crates/tend-cli) do with the user's writing lives here and is tested here.
//!
//! The core stands in floors (issue 24), a folder each; a module uses its own floor and those
//! below, and no modules use one another in a circle. `tests/layers.rs` fails on either:
//!
//! ```text
//!  src/interchange/   formats  import  export  selection  versions
//!  src/query/         search  insights
//!  src/storage/       paths  fsio  crypt  document (its scan, changes)  backup  attachments
//!                     store (its indexes: the entries' and the search's)
//!  src/content/       prompts  tone  support  care  contacts  reminder  readable  dates
//!  src/model/         entry  worksheet  filling  vision  settings  assessment  voice
//!                     compiled  kind  words  markup  picture
//!  src/               error  clock (the ground)
//! ```
#![deny(unsafe_code)]

pub mod clock;
pub mod error;

pub mod content;
pub mod interchange;
pub mod model;
pub mod query;
pub mod storage;

// Each module is reachable from the root as well (`tend::entry`, `crate::store`), so a path
// says what it uses, not where that sits; the floor is where its file is.
pub(crate) use content::readable;
pub use content::{care, contacts, dates, prompts, reminder, support, tone};
pub use interchange::{export, formats, import, selection, versions};
pub use model::{
    assessment, entry, filling, kind, markup, picture, settings, vision, voice, words, worksheet,
};
pub use query::{insights, search};
pub use storage::{attachments, backup, crypt, document, fsio, moving, paths, store};

pub use backup::{Backup, BackupInfo, RestoreDone};
pub use clock::{Clock, SystemClock};
pub use document::{Notice, Problem};
pub use entry::{Entry, EntryDraft, EntryPrompt, EntrySummary, Mood};
pub use error::{Error, ErrorCode, ErrorReport, IoContext, Result};
pub use filling::{Filling, FillingDraft, FillingStatus, FillingSummary};
pub use settings::{Settings, Stance};
pub use store::Store;
pub use voice::{Pronouns, Voice};
