//! Where the writing lives: the journal's folder and its files (paths, fsio), encryption
//! (crypt), reading a folder of documents (document: the scan and the change detector), the
//! store with its two indexes, and the backups. Reads the model.

pub mod attachments;
pub mod backup;
pub mod crypt;
pub mod document;
pub mod fsio;
pub mod moving;
pub mod paths;
pub mod store;
