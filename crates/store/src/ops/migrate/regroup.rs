//! Schema 3 → 4 (store layout 3): every card, e-mail, phone, birthday and external
//! reference key of the `keys` tree moved into its bucket ([`crate::store::buckets`]).
//!
//! Each round takes up to [`ROUND`] index keys still stored on their own, writes them into
//! their buckets (read, extended, written back: an entry written twice holds the same
//! value), flushes, and only then removes the keys it moved. Killed anywhere, the store
//! holds every entry at least once, in its bucket or still on its own, and the next open
//! moves what is left.

use crate::store::buckets::{self, Bucket, Entry};
use crate::store::keyspace::bucket_at;
use crate::store::{Store, StoreError, T};
use std::collections::BTreeMap;

/// Index keys moved per round: bounded memory, a few megabytes to redo after a kill.
const ROUND: usize = 50_000;
/// Buckets per sled batch (sled holds every page a batch replaces until it ends).
const BATCH: usize = 250;

/// Whether any index entry is stored on its own (a store older than layout 3, or one that
/// lost its schema version and was written into by an older build's salvage).
pub(crate) fn has_strays(store: &Store) -> Result<bool, StoreError> {
    for family in buckets::families() {
        if store.tree(T::Keys).scan_prefix([family]).next().transpose()?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Moves every index key stored on its own into its bucket; returns how many it moved.
/// The caller holds the store's writer lock, or has the store to itself.
pub(crate) fn regroup(store: &Store) -> Result<u64, StoreError> {
    let tree = store.tree(T::Keys);
    let mut moved = 0;
    loop {
        let mut round: Vec<Entry> = Vec::new();
        for family in buckets::families() {
            for item in tree.scan_prefix([family]).take(ROUND - round.len()) {
                let (k, v) = item?;
                round.push((k.to_vec(), v.to_vec()));
            }
        }
        if round.is_empty() {
            return Ok(moved);
        }
        let mut by_bucket: BTreeMap<Vec<u8>, Vec<Entry>> = BTreeMap::new();
        for (entry, value) in &round {
            if let Some(bucket) = buckets::bucket_of(entry) {
                by_bucket.entry(bucket).or_default().push((entry.clone(), value.clone()));
            }
        }
        for chunk in by_bucket.into_iter().collect::<Vec<_>>().chunks(BATCH) {
            let mut batch = sled::Batch::default();
            for (key, entries) in chunk {
                let found = tree.get(key)?;
                let mut bucket: Bucket = bucket_at(key, found.as_deref())?.unwrap_or_default();
                bucket.0.extend(entries.iter().cloned());
                if let Some(value) = bucket.encode(key) {
                    batch.insert(&key[..], value);
                }
            }
            tree.apply_batch(batch)?;
        }
        store.flush()?;
        for chunk in round.chunks(BATCH * 4) {
            let mut batch = sled::Batch::default();
            for (entry, _) in chunk {
                batch.remove(&entry[..]);
            }
            tree.apply_batch(batch)?;
        }
        store.flush()?;
        moved += round.len() as u64;
    }
}
