//! Tend's core: a private, local-first self-care journal. No Tauri, no UI: everything the app
//! and the `tend` command line (crates/tend-cli) do with the user's writing lives here and is tested here.
//!
//! The core stands in floors (issue 24); a module uses its own floor and those below, and
//! `tests/layers.rs` fails on an import that goes up:
//!
//! ```text
//!  interchange          formats  import  export  selection  backup  versions
//!  search, insights     search  insights
//!  storage              paths  fsio  crypt  document (its scan, changes)  store (its indexes)
//!  content              prompts  tone  support  care  contacts  reminder
//!  model                entry  worksheet  filling  vision  settings  assessment  voice  content
//!  ground               error
//! ```
//!
//! Still going up (listed in the test, to be taken off as they go): `store` reaches up to
//! search, insights and interchange (its `impl Store` blocks for them), and `search` to
//! `formats` (the readable text of a document) and `selection`.
#![deny(unsafe_code)]

pub mod assessment;
pub mod backup;
pub mod care;
pub mod contacts;
mod content;
pub mod crypt;
pub mod document;
pub mod entry;
pub mod error;
pub mod export;
pub mod filling;
pub mod formats;
pub mod fsio;
pub mod import;
pub mod insights;
pub mod paths;
pub mod prompts;
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
pub mod worksheet;

pub use backup::{Backup, BackupInfo, RestoreDone};
pub use document::{Notice, Problem};
pub use entry::{Entry, EntryDraft, EntryPrompt, EntrySummary, Mood};
pub use error::{Error, ErrorCode, ErrorReport, IoContext, Result};
pub use filling::{Filling, FillingDraft, FillingStatus, FillingSummary};
pub use settings::{Settings, Stance};
pub use store::{Clock, Store, SystemClock};
pub use voice::{Pronouns, Voice};
