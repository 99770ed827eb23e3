//! Tend's core: a private, local-first self-care journal. No Tauri, no UI: everything the app
//! and the `tend` command line (crates/tend-cli) do with the user's writing lives here and is tested here.
//!
//! The core stands in floors (issue 24); a module uses its own floor and those below, and no
//! modules use one another in a circle. `tests/layers.rs` fails on either:
//!
//! ```text
//!  interchange          formats  import  export  selection  versions
//!  search, insights     search  insights
//!  storage              paths  fsio  crypt  document (its scan, changes)  backup
//!                       store (its indexes: the entries' and the search's)
//!  content              prompts  tone  support  care  contacts  reminder  readable  dates
//!  model                entry  worksheet  filling  vision  settings  assessment  voice
//!                       content  kind  words
//!  ground               error  clock
//! ```
#![deny(unsafe_code)]

pub mod assessment;
pub mod backup;
pub mod care;
pub mod clock;
pub mod contacts;
mod content;
pub mod crypt;
pub mod dates;
pub mod document;
pub mod entry;
pub mod error;
pub mod export;
pub mod filling;
pub mod formats;
pub mod fsio;
pub mod import;
pub mod insights;
pub mod kind;
pub mod paths;
pub mod prompts;
pub(crate) mod readable;
pub mod reminder;
pub mod search;
pub mod selection;
pub mod settings;
pub mod store;
pub mod support;
pub mod tone;
pub mod versions;
pub mod vision;
pub mod voice;
pub mod words;
pub mod worksheet;

pub use backup::{Backup, BackupInfo, RestoreDone};
pub use clock::{Clock, SystemClock};
pub use document::{Notice, Problem};
pub use entry::{Entry, EntryDraft, EntryPrompt, EntrySummary, Mood};
pub use error::{Error, ErrorCode, ErrorReport, IoContext, Result};
pub use filling::{Filling, FillingDraft, FillingStatus, FillingSummary};
pub use settings::{Settings, Stance};
pub use store::Store;
pub use voice::{Pronouns, Voice};
