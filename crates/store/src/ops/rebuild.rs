//! `frontdesk report rebuild`: recomputes the analytics counters and the birthday index
//! from the primary records and replaces the stored ones, and mends the other member
//! indexes ([`super::reindex`]).

use super::OpError;
use crate::store::buckets::{self, Bucket};
use crate::store::codec;
use crate::store::records::FactCells;
use crate::store::{Store, StoreError, T, keys};
use chrono::Datelike;
use frontdesk_core::config::Config;
use frontdesk_core::domain::analytics::facts::{self, FactSet};
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::member::{Member, MemberStatus};
use serde::Serialize;
use std::collections::BTreeMap;

/// What a rebuild did.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct RebuildRun {
    /// Members read.
    pub members: u64,
    /// Complaints read.
    pub complaints: u64,
    /// Counter records written.
    pub records: u64,
    /// Birthday keys written.
    pub birthdays: u64,
    /// What the mend of the card, e-mail, phone and stay-reference entries did.
    pub index: super::reindex::ReindexRun,
    /// Milliseconds it took.
    pub millis: u64,
}

/// The counters the primary records give: the sum of every member's and complaint's
/// contributions, with the derived counters. Streams both trees; holds only the
/// counters (a few records per property and month, one per complaining member).
pub fn recompute_facts(store: &Store, config: &Config) -> Result<(FactSet, RebuildRun), StoreError> {
    let mut set = FactSet::new();
    let mut run = RebuildRun::default();
    for item in store.scan_prefix::<Member>(T::Members, &[]) {
        let (_, m) = item?;
        run.members += 1;
        facts::add(&mut set, &facts::member_facts(&m, config), 1);
    }
    for item in store.scan_prefix::<Complaint>(T::Complaints, &[]) {
        let (_, c) = item?;
        run.complaints += 1;
        facts::add(&mut set, &facts::complaint_facts(&c), 1);
    }
    facts::complete(&mut set);
    Ok((set, run))
}

/// Keys written per sled batch when rebuilding the birthday index (see
/// [`super::snapshot::CHUNK`] for why batches stay small).
const REBUILD_CHUNK: usize = super::snapshot::CHUNK;

/// Replaces the stored counters and birthday keys with recomputed ones, under the
/// store's writer lock, and flushes.
pub fn rebuild_facts(store: &Store, config: &Config) -> Result<RebuildRun, OpError> {
    let started = std::time::Instant::now();
    let _writer = store.writer();
    store.note_bulk_work();
    let (set, mut run) = recompute_facts(store, config)?;
    let mut agg = sled::Batch::default();
    for item in store.tree(T::Agg).scan_prefix([facts::PREFIX]) {
        let (k, _) = item.map_err(StoreError::Sled)?;
        if !set.contains_key(k.as_ref()) {
            agg.remove(k);
        }
    }
    for (record, cells) in set {
        agg.insert(record, codec::encode(&FactCells(cells)));
        run.records += 1;
    }
    store.tree(T::Agg).apply_batch(agg).map_err(StoreError::Sled)?;
    run.birthdays = rebuild_birthdays(store)?;
    run.index = super::reindex::mend(store)?;
    store.flush()?;
    run.millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    Ok(run)
}

/// Rewrites the birthday index from the members: each bucket whole, once its members are
/// all read (members come in id order and a bucket holds one range of ids), so at most one
/// id range is held at a time; then removes the buckets no member fills any more. An
/// interrupted rebuild leaves at worst stale entries, which `verify` reports and the next
/// rebuild removes. Returns the entries written.
fn rebuild_birthdays(store: &Store) -> Result<u64, OpError> {
    let keys_tree = store.tree(T::Keys);
    let mut written = std::collections::HashSet::new();
    let mut open: BTreeMap<Vec<u8>, Bucket> = BTreeMap::new();
    let mut range = None;
    let mut entries = 0;
    let write = |open: &mut BTreeMap<Vec<u8>, Bucket>, written: &mut std::collections::HashSet<Vec<u8>>| {
        for chunk in std::mem::take(open).into_iter().collect::<Vec<_>>().chunks(REBUILD_CHUNK) {
            let mut batch = sled::Batch::default();
            for (key, bucket) in chunk {
                if let Some(value) = bucket.encode(key) {
                    batch.insert(&key[..], value);
                }
                written.insert(key.clone());
            }
            keys_tree.apply_batch(batch).map_err(StoreError::Sled)?;
        }
        Ok::<(), OpError>(())
    };
    for item in store.scan_prefix::<Member>(T::Members, &[]) {
        let (_, m) = item?;
        let Some(d) = m.birthday else { continue };
        let entry = keys::birthday(d.month(), d.day(), m.id);
        let Some(bucket) = buckets::bucket_of(&entry) else { continue };
        // The id range is the bucket key's last six bytes.
        let id_range = bucket.get(4..).map(<[u8]>::to_vec);
        if range.is_some() && range != id_range {
            write(&mut open, &mut written)?;
        }
        range = id_range;
        let note = keys::birthday_note(m.status == MemberStatus::Active, &m.home_property);
        open.entry(bucket).or_default().0.insert(entry.to_vec(), note);
        entries += 1;
    }
    write(&mut open, &mut written)?;
    let mut stale = sled::Batch::default();
    for item in keys_tree.scan_prefix([buckets::BUCKET, keys::BIRTHDAY]) {
        let (k, _) = item.map_err(StoreError::Sled)?;
        if !written.contains(k.as_ref()) {
            stale.remove(k);
        }
    }
    keys_tree.apply_batch(stale).map_err(StoreError::Sled)?;
    Ok(entries)
}
