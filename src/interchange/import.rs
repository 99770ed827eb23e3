//! Import from any importable format in [`crate::formats::FORMATS`]. The whole file is read and
//! checked before anything is written, so a file that is not what it claims changes nothing.
//! Importing the same file twice adds nothing: an entry is known by its id, by its source's id
//! (Day One's uuid, a hash for jrnl), or else by its date and its words (see `import_keys`), so
//! that Tend's own export, which drops or moves what the format cannot carry, still matches the
//! entry it came from, in whichever format it was exported. Tend documents are matched on their
//! own ids.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
#[cfg(feature = "ts")]
use ts_rs::TS;

use crate::document::{to_pretty_json, MAX_DOCUMENT_BYTES};
use crate::entry::{Entry, EntryDraft, ENTRY_SCHEMA};
use crate::error::{Error, IoContext, Result};
use crate::filling::Filling;
use crate::formats::reading::{too_large, too_many, MAX_SOURCE_ID_CHARS};
use crate::formats::{shown, Descriptor};
use crate::store::Store;
use crate::vision::Vision;

pub use crate::formats::Rejection;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub imported: usize,
    pub duplicates: usize,
    pub rejected: Vec<Rejection>,
}

/// The bounds of what one import reads (they are kept where the formats read a file).
pub use crate::formats::reading::{
    MAX_IMPORT_BYTES, MAX_IMPORT_PIECES, MAX_JSON_STRING_BYTES, MAX_JSON_VALUES,
};

/// The longest format name in a source ("dayone", "jrnl-text", "minidiary").
const MAX_SOURCE_FORMAT_CHARS: usize = 32;

/// The largest file one imported document may make: what Tend reads back
/// ([`MAX_DOCUMENT_BYTES`]), less room for encryption (age adds 16 bytes per 64 KB, and a
/// header). Each field has its own limit; this catches what they allow together (a filling of
/// many long answers, text that JSON escapes six times over), since a file past it would be
/// written and then refused at every open, and could not be deleted from Tend.
const MAX_PIECE_BYTES: usize = (MAX_DOCUMENT_BYTES - MAX_DOCUMENT_BYTES / 100) as usize;

/// One piece of an import, not yet written.
enum Piece {
    Entry(Entry),
    Filling(Filling),
    Vision(Vision),
}

/// How far an import has come: pieces looked at, of all in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
}

/// An import under way: the file read and checked whole, then written in batches, so that a
/// long one lets the journal go between them (the app stays usable, and shows progress).
pub struct ImportJob {
    pending: std::vec::IntoIter<Piece>,
    total: usize,
    done: usize,
    report: ImportReport,
    /// What is here already: ids, the sources of imported entries, and what each entry is known
    /// by, `import_keys` (each can be matched by one incoming entry).
    known_ids: HashSet<String>,
    known_sources: HashSet<crate::entry::Source>,
    known_texts: HashMap<u64, usize>,
    /// Where the entries' photos are read from, if the file holds any.
    pictures: Option<Box<dyn crate::formats::IncomingPictures>>,
}

impl ImportJob {
    pub fn progress(&self) -> ImportProgress {
        ImportProgress {
            done: self.done,
            total: self.total,
        }
    }

    pub fn is_done(&self) -> bool {
        self.done == self.total
    }

    pub fn report(self) -> ImportReport {
        self.report
    }
}

/// Imports a whole file at once.
pub fn import(store: &mut Store, format: &Descriptor, path: &Path) -> Result<ImportReport> {
    let mut job = start_import(store, format, path)?;
    while !job.is_done() {
        // In batches, as the app imports: a batch holds each of its files until it is
        // committed, and one batch of a hundred thousand would hold them all.
        import_batch(store, &mut job, 1_000)?;
    }
    Ok(job.report())
}

/// Reads and checks the whole file: an error here means nothing is imported.
/// The largest zip an import reads: photos and all (4 GiB).
const MAX_ARCHIVE_BYTES: u64 = 4 << 30;

pub fn start_import(store: &Store, format: &Descriptor, path: &Path) -> Result<ImportJob> {
    // Said before anything is read, as every other write says it: otherwise the first
    // piece's write would fail with the system's bare "Read-only file system".
    if store.read_only() {
        return Err(Error::ReadOnly {
            path: store.root().to_path_buf(),
        });
    }
    let importer = format.importer()?;
    let mut file = std::fs::File::open(path).at(path)?;
    let size = file.metadata().at(path)?.len();
    // A zip (Day One's) may hold photos besides its text: its text is held to the limit as
    // it inflates, and each photo to 25 MB as it is read.
    let zipped = {
        use std::io::{Read, Seek};
        let mut magic = [0u8; 4];
        let n = file.read(&mut magic).at(path)?;
        file.rewind().at(path)?;
        magic[..n] == *b"PK\x03\x04"
    };
    let limit = if zipped {
        MAX_ARCHIVE_BYTES
    } else {
        MAX_IMPORT_BYTES
    };
    if size > limit {
        return Err(too_large(path));
    }
    // Read as it is parsed: the file is never held whole, only what will be kept.
    let incoming = importer.read(&mut file, path)?;
    let pieces = incoming.entries.len() + incoming.fillings.len() + incoming.visions.len();
    if pieces + incoming.rejected.len() > MAX_IMPORT_PIECES {
        return Err(too_many(path, "entries", MAX_IMPORT_PIECES as u64));
    }
    let mut job = ImportJob {
        pending: Vec::new().into_iter(),
        total: 0,
        done: 0,
        report: ImportReport {
            rejected: incoming.rejected,
            ..ImportReport::default()
        },
        known_ids: HashSet::new(),
        known_sources: HashSet::new(),
        known_texts: HashMap::new(),
        pictures: incoming.pictures,
    };
    for e in store.entry_metas() {
        job.known_ids.insert(e.id.to_ascii_lowercase());
        job.known_sources.extend(e.source.as_deref().cloned());
        let (key, also) = if e.words == 0 {
            (time_key(e.date, &e.created), None)
        } else if e.excerpt.starts_with('>') {
            // Perhaps a prompt quoted above the text: its body is read (few entries open so).
            store.entry(&e.id).map_or((e.text, None), import_keys)
        } else {
            (e.text, None) // the index's key, when nothing is quoted: see `import_keys`
        };
        for key in [Some(key), also].into_iter().flatten() {
            *job.known_texts.entry(key).or_default() += 1;
        }
    }
    let pieces: Vec<Piece> = (incoming.entries.into_iter().map(Piece::Entry))
        .chain(incoming.fillings.into_iter().map(Piece::Filling))
        .chain(incoming.visions.into_iter().map(Piece::Vision))
        .collect();
    job.total = pieces.len();
    job.pending = pieces.into_iter();
    Ok(job)
}

/// Writes up to `max` more pieces. A failure that is not the piece's own (a full disk,
/// say) stops the import and says how far it came: what was written stays, and importing
/// the same file again adds the rest, since nothing is added twice.
///
/// The batch's entries and fillings are written together at disk speed (see
/// [`crate::fsio::Batch`]): put in place only once all of them are durable, so a batch that
/// cannot be committed (a full disk) adds none of them.
pub fn import_batch(store: &mut Store, job: &mut ImportJob, max: usize) -> Result<()> {
    store.begin_batch();
    let mut outcome = Ok(());
    for _ in 0..max {
        let Some(piece) = job.pending.next() else {
            break;
        };
        if let Err(source) = import_piece(store, job, piece) {
            outcome = Err(source);
            break;
        }
        job.done += 1;
    }
    if let Err(e) = store.commit_batch() {
        job.report.imported -= e.1;
        outcome = outcome.and(Err(e.0));
    }
    outcome.map_err(|source| Error::ImportStopped {
        imported: job.report.imported,
        total: job.total,
        source: Box::new(source),
    })
}

fn import_piece(store: &mut Store, job: &mut ImportJob, piece: Piece) -> Result<()> {
    let report = &mut job.report;
    match piece {
        Piece::Entry(entry) => {
            let mut known = job.known_ids.contains(&entry.id.to_ascii_lowercase())
                || entry.source.as_ref().is_some_and(|s| {
                    job.known_sources.contains(s)
                        || job.known_ids.contains(&s.id.to_ascii_lowercase())
                });
            if !known {
                let (key, also) = import_keys(&entry);
                let here = [Some(key), also]
                    .into_iter()
                    .flatten()
                    .find(|key| job.known_texts.get(key).is_some_and(|n| *n > 0));
                if let Some(left) = here.and_then(|key| job.known_texts.get_mut(&key)) {
                    *left -= 1;
                    known = true;
                }
            }
            if known {
                report.duplicates += 1;
                return Ok(());
            }
            let label = format!("entry of {}", entry.date);
            let (id, source) = (entry.id.to_ascii_lowercase(), entry.source.clone());
            let pictures = job.pictures.as_deref();
            let written = check_entry(entry).and_then(|mut e| {
                // Each photo it names is read from the file and put beside it; a file that
                // holds none (a Tend JSON export) leaves the list empty, never naming photos
                // this journal does not have.
                match pictures {
                    Some(source) => {
                        for a in &e.attachments {
                            store.stage_picture(&e.id, &source.read(a)?)?;
                        }
                    }
                    None => e.attachments.clear(),
                }
                store.insert_entry(e)
            });
            if report.record(label, written)? {
                job.known_ids.insert(id);
                job.known_sources.extend(source);
            }
        }
        Piece::Filling(filling) => {
            if store.filling(&filling.id).is_ok() {
                report.duplicates += 1;
                return Ok(());
            }
            let label = format!("{} filling of {}", shown(&filling.worksheet), filling.date);
            let checked = check_schema(filling.schema, crate::filling::FILLING_SCHEMA)
                .and_then(|()| check_id(&filling.id))
                .and_then(|()| check_worksheet(&filling.worksheet))
                .and_then(|()| filling.migrated().map_err(Error::invalid))
                .and_then(|f| fits(&f).map(|()| f));
            report.record(label, checked.and_then(|f| store.insert_filling(f)))?;
        }
        Piece::Vision(vision) => {
            let label = format!("vision {}", shown(&vision.id));
            match store.vision(&vision.id) {
                Some(here) if here.revisions == vision.revisions => {
                    report.duplicates += 1;
                    return Ok(());
                }
                Some(_) => {
                    // Never merged or replaced: each side's revisions stay whole.
                    report.rejected.push(Rejection {
                        item: label,
                        reason: "a different vision for this exercise is here already; it \
                                 was left as it is (import into an empty journal to see \
                                 the other)"
                            .into(),
                    });
                    return Ok(());
                }
                None => {}
            }
            // A vision's file holds its latest three revisions, and each older one has a
            // file of its own: each revision may take a third of a file.
            let checked = check_schema(vision.schema, crate::vision::VISION_SCHEMA)
                .and_then(|()| check_exercise(&vision.id))
                .and_then(|()| {
                    (vision.revisions.iter())
                        .try_for_each(|r| fits_in(r, MAX_PIECE_BYTES / 3, "a revision"))
                });
            let vision = Vision {
                schema: crate::vision::VISION_SCHEMA,
                ..vision
            };
            report.record(label, checked.and_then(|()| store.insert_vision(vision)))?;
        }
    }
    Ok(())
}

impl ImportReport {
    /// Counts one item's outcome: imported, or rejected when the item itself was at fault (bad
    /// content). Any other error (the disk, say) stops the import and is returned.
    fn record(&mut self, item: String, outcome: Result<()>) -> Result<bool> {
        match outcome {
            Ok(()) => {
                self.imported += 1;
                Ok(true)
            }
            Err(e @ (Error::Invalid(_) | Error::NotFound { .. })) => {
                self.rejected.push(Rejection {
                    item,
                    reason: e.to_string(),
                });
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }
}

/// A document from a newer Tend may hold what this one cannot keep: it is refused, not cut.
fn check_schema(schema: u32, current: u32) -> Result<()> {
    if schema > current {
        return Err(Error::invalid(format!(
            "it was written by a newer Tend (schema {schema}); update Tend to import it"
        )));
    }
    Ok(())
}

/// An incoming entry passes the same checks as one written here.
fn check_entry(entry: Entry) -> Result<Entry> {
    check_schema(entry.schema, ENTRY_SCHEMA)?;
    check_id(&entry.id)?;
    if let Some(source) = &entry.source {
        // Refused, not cut: Tend never writes a source this long, so the file was made
        // elsewhere, and a cut source would no longer know the entry on a second import.
        if source.format.chars().count() > MAX_SOURCE_FORMAT_CHARS
            || source.id.chars().count() > MAX_SOURCE_ID_CHARS
        {
            return Err(Error::invalid(format!(
                "source: {} {} is longer than Tend keeps (a format of {MAX_SOURCE_FORMAT_CHARS} \
                 characters, an id of {MAX_SOURCE_ID_CHARS})",
                shown(&source.format),
                shown(&source.id)
            )));
        }
    }
    let draft = EntryDraft::of(&entry).validated()?;
    // Its photos, by the names Tend gives them (never a path), as many as an entry holds.
    let attachments = entry.attachments;
    if attachments.len() > crate::picture::MAX_PICTURES
        || !(attachments.iter()).all(|a| crate::picture::is_valid_file_name(&a.file))
    {
        return Err(Error::invalid(format!(
            "attachments: an entry names at most {} photos, each by the name Tend gives it",
            crate::picture::MAX_PICTURES
        )));
    }
    let mut entry = draft.into_entry(entry.id, entry.created, entry.updated, entry.source);
    entry.attachments = attachments;
    fits(&entry)?;
    Ok(entry)
}

fn check_id(id: &str) -> Result<()> {
    if !crate::document::is_valid_id(id) {
        return Err(Error::invalid(format!(
            "id: {} is not a valid id (at most 64 letters, digits, - and _)",
            shown(id)
        )));
    }
    Ok(())
}

/// The worksheet a filling answers names its folder: it must be one Tend has.
fn check_worksheet(id: &str) -> Result<()> {
    if id != crate::assessment::ID && crate::worksheet::find(id).is_err() {
        return Err(Error::invalid(format!(
            "worksheet: Tend has no worksheet {}",
            shown(id)
        )));
    }
    Ok(())
}

/// A vision's id is its exercise's, and names its file.
fn check_exercise(id: &str) -> Result<()> {
    crate::vision::find(id)
        .map(|_| ())
        .map_err(|_| Error::invalid(format!("id: Tend has no vision exercise {}", shown(id))))
}

/// Whether `document` makes a file Tend can read back (see [`MAX_PIECE_BYTES`]).
fn fits<T: Serialize>(document: &T) -> Result<()> {
    fits_in(document, MAX_PIECE_BYTES, "its file")
}

fn fits_in<T: Serialize>(document: &T, limit: usize, what: &str) -> Result<()> {
    let bytes = to_pretty_json(document).len();
    if bytes > limit {
        return Err(Error::invalid(format!(
            "{what} would take {} MB, more than the {} MB Tend reads back; split its writing \
             into several",
            bytes.div_ceil(1024 * 1024),
            limit / 1024 / 1024
        )));
    }
    Ok(())
}

/// What an entry is known by in any format: its day and its words, whatever the spacing, with
/// the prompt quoted above them aside (Day One and jrnl's own file quote it there, jrnl's JSON
/// keeps it apart, and an older Tend's jrnl export left it out); the index's key
/// ([`crate::store::index::text_key`]) when nothing is quoted. An entry with no words (a mood
/// alone) is known by its day and time of day, which every format keeps; so is, besides its
/// words, one whose text is only a quote, which may be a prompt with nothing under it.
fn import_keys(entry: &Entry) -> (u64, Option<u64>) {
    let time = time_key(entry.date, &entry.created);
    if entry.body.trim().is_empty() {
        return (time, None);
    }
    let words = crate::formats::prompt_and_mood::words_without_prompt(&entry.body);
    let quote_alone = crate::formats::prompt_and_mood::is_only_a_quote(words);
    (
        crate::store::index::text_key(entry.date, words),
        quote_alone.then_some(time),
    )
}

/// An entry with no words: its day and the minute it was begun, in the writer's own time.
fn time_key(date: NaiveDate, created: &DateTime<FixedOffset>) -> u64 {
    let minute = created.format("%H:%M").to_string();
    crate::document::content_hash_u64(&[&date.to_string(), "no words", &minute])
}
