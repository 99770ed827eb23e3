//! Reading entries' bodies on every core: an export of years of entries, or a search index
//! built from them, spends most of its time reading files and parsing JSON.

use std::path::Path;

use super::{read_entry, Indexed};
use crate::crypt::Codec;
use crate::entry::Entry;

/// Reads the bodies of `items` not read yet, sharing them out between the cores: an export of
/// years of entries spends most of its time reading files and parsing JSON. A body that cannot
/// be read is left for [`Indexed::entry`] to report.
pub(crate) fn read_bodies(items: &[&Indexed], codec: &Codec) {
    let unread: Vec<(usize, &Path)> = (items.iter().enumerate())
        .filter(|(_, i)| i.body.get().is_none())
        .map(|(n, i)| (n, i.path.as_path()))
        .collect();
    if unread.len() < 64 {
        return;
    }
    let read = on_every_core(&unread, |(n, path)| {
        Some((*n, read_entry(path, codec).ok()?))
    });
    for (n, entry) in read {
        if entry.id == items[n].meta.id {
            let _ = items[n].body.set(Box::new(entry));
        }
    }
}

/// `what` of each entry's body, read on every core and not kept (a search index built from
/// 100,000 entries would otherwise hold them all). `None` for a body that cannot be read.
pub(crate) fn map_bodies<R: Send>(
    items: &[&Indexed],
    codec: &Codec,
    what: impl Fn(&Entry) -> R + Sync,
) -> Vec<Option<R>> {
    let mut out: Vec<Option<R>> = (items.iter())
        .map(|item| item.body.get().map(|entry| what(entry)))
        .collect();
    // The bodies not in memory: their files, with the id each must have.
    let unread: Vec<(usize, &Path, &str)> = (items.iter().enumerate())
        .filter(|(n, _)| out[*n].is_none())
        .map(|(n, i)| (n, i.path.as_path(), i.meta.id.as_str()))
        .collect();
    let read = on_every_core(&unread, |(n, path, id)| {
        let entry = read_entry(path, codec).ok().filter(|e| e.id == *id)?;
        Some((*n, what(&entry)))
    });
    for (n, found) in read {
        out[n] = Some(found);
    }
    out
}

/// `work` on each of `items`, the items shared out between the cores (one thread for few).
pub(crate) fn on_every_core<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> Option<R> + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if items.len() < 64 || threads < 2 {
        return items.iter().filter_map(&work).collect();
    }
    let share = items.len().div_ceil(threads);
    let work = &work;
    std::thread::scope(|scope| {
        let workers: Vec<_> = (items.chunks(share))
            .map(|part| scope.spawn(move || part.iter().filter_map(work).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .filter_map(|w| w.join().ok())
            .flatten()
            .collect()
    })
}
