//! The journal going out and coming in: the formats, import, export, the selection of what to
//! export, and the versions of a document. Over storage, search and insights.

pub mod export;
pub mod formats;
pub mod import;
pub mod selection;
pub mod versions;
