//! `frontdesk report rebuild`: recomputes the analytics counters and the birthday index
//! from the primary records and replaces the stored ones.

use super::OpError;
use crate::store::codec;
use crate::store::records::FactCells;
use crate::store::{Store, StoreError, T, keys};
use chrono::Datelike;
use frontdesk_core::config::Config;
use frontdesk_core::domain::analytics::facts::{self, FactSet};
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::member::{Member, MemberStatus};
use serde::Serialize;

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
    // The birthday index is rewritten in chunks (one sled batch of a million keys holds
    // gigabytes): every member's key first (an overwrite is harmless), then the keys no
    // member has any more. An interrupted rebuild leaves at worst stale keys, which
    // `verify` reports and the next rebuild removes.
    let keys_tree = store.tree(T::Keys);
    let mut valid = std::collections::HashSet::new();
    let mut batch = sled::Batch::default();
    let mut pending = 0;
    for item in store.scan_prefix::<Member>(T::Members, &[]) {
        let (_, m) = item?;
        if let Some(d) = m.birthday {
            let key = keys::birthday(d.month(), d.day(), m.id);
            batch.insert(&key[..], keys::birthday_note(m.status == MemberStatus::Active, &m.home_property));
            valid.insert(key);
            run.birthdays += 1;
            pending += 1;
            if pending == REBUILD_CHUNK {
                keys_tree.apply_batch(std::mem::take(&mut batch)).map_err(StoreError::Sled)?;
                pending = 0;
            }
        }
    }
    for item in keys_tree.scan_prefix([keys::BIRTHDAY]) {
        let (k, _) = item.map_err(StoreError::Sled)?;
        if !<[u8; 11]>::try_from(k.as_ref()).is_ok_and(|k| valid.contains(&k)) {
            batch.remove(k);
            pending += 1;
            if pending == REBUILD_CHUNK {
                keys_tree.apply_batch(std::mem::take(&mut batch)).map_err(StoreError::Sled)?;
                pending = 0;
            }
        }
    }
    keys_tree.apply_batch(batch).map_err(StoreError::Sled)?;
    store.flush()?;
    run.millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    Ok(run)
}
