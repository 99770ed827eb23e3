//! What the UI can ask, one short command each: take input, call the core, map the error.
//! Every command runs off the main thread (`async`), so file work never blocks the window.

pub mod backups;
pub mod journal;
pub mod photos;
pub mod privacy;
pub mod transfer;
pub mod trash;
pub mod visions;
pub mod worksheets;

type Reply<T> = Result<T, tend::ErrorReport>;
