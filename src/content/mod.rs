//! What Tend says: the daily prompts, the tone check, the support lines, the care after a hard
//! entry, the contact rhythm, the reminder's words, and the readable text of what she wrote.
//! Reads the model; touches no file.

pub mod care;
pub mod contacts;
pub mod dates;
pub mod prompts;
pub(crate) mod readable;
pub mod reminder;
pub mod support;
pub mod tone;
