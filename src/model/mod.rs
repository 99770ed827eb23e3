//! The model: what a journal holds (entries, worksheets and their fillings, visions, settings,
//! the assessment) as plain types and their rules. No I/O; the floor above reads it.

pub mod assessment;
pub(crate) mod compiled;
pub mod entry;
pub mod filling;
pub mod kind;
pub mod markup;
pub mod picture;
pub mod settings;
pub mod vision;
pub mod voice;
pub mod words;
pub mod worksheet;
