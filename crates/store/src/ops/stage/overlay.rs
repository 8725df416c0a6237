//! The bulk side of a stage: a whole batch of commands worked out over plain tree reads
//! plus the batch's own writes, written by one transaction at the end.

use super::{OpError, Writes, apply_to};
use crate::store::buckets::{self, Bucket};
use crate::store::keyspace;
use crate::store::records::AuditRecord;
use crate::store::{Store, StoreError, T};
use frontdesk_core::domain::analytics::facts::FactSet;
use sled::Transactional;
use sled::transaction::ConflictableTransactionError;
use std::cell::RefCell;

/// The writes of a whole bulk batch over a store, kept in memory until [`Overlay::commit`].
pub struct Overlay<'s> {
    pub(super) store: &'s Store,
    pub(super) under: Option<&'s Batch>,
    pub(super) writes: RefCell<Writes>,
    pub(super) audit: RefCell<Vec<AuditRecord>>,
    /// Counter deltas of the whole batch, added to their records once in [`Overlay::into_batch`].
    pub(super) facts: RefCell<FactSet>,
}

/// A bulk batch worked out and not yet written: its writes and audit events.
#[derive(Default)]
pub struct Batch {
    pub(super) writes: Writes,
    audit: Vec<AuditRecord>,
}

impl<'s> Overlay<'s> {
    /// An empty batch over `store`, reading through `under` (an earlier batch that may still
    /// be being written) before the trees. The caller holds the store's writer lock for as
    /// long as the overlay lives (see [`Store::writer`]), so nothing else changes the trees.
    pub(crate) fn new(store: &'s Store, under: Option<&'s Batch>) -> Self {
        Overlay {
            store,
            under,
            writes: RefCell::new(Default::default()),
            audit: RefCell::new(Vec::new()),
            facts: RefCell::new(FactSet::new()),
        }
    }

    pub(super) fn read(&self, t: T, key: &[u8]) -> Result<Option<Vec<u8>>, OpError> {
        if let Some(v) = self.writes.borrow()[t as usize].get(key) {
            return Ok(v.clone());
        }
        if t == T::Keys
            && let Some(bucket) = buckets::bucket_of(key)
        {
            return Ok(keyspace::entry_in(&bucket, self.committed(T::Keys, &bucket)?.as_deref(), key)?);
        }
        self.committed(t, key)
    }

    /// What the trees and the batch being written under this one hold at `key`.
    fn committed(&self, t: T, key: &[u8]) -> Result<Option<Vec<u8>>, OpError> {
        if let Some(v) = self.under.and_then(|b| b.writes[t as usize].get(key)) {
            return Ok(v.clone());
        }
        Ok(self.store.tree(t).get(key).map_err(StoreError::Sled)?.map(|v| v.to_vec()))
    }

    /// The committed bucket at `key` (the batch's own entries are not folded in yet).
    fn bucket(&self, key: &[u8]) -> Result<Option<Bucket>, OpError> {
        Ok(keyspace::bucket_at(key, self.committed(T::Keys, key)?.as_deref())?)
    }

    /// Adds an audit event to the batch.
    pub(crate) fn audit(&self, record: AuditRecord) {
        self.audit.borrow_mut().push(record);
    }

    /// The batch worked out so far, ready to be written: each counter record the batch
    /// touched is read and rewritten once.
    pub(crate) fn into_batch(self) -> Result<Batch, OpError> {
        let mut index = std::mem::take(&mut self.writes.borrow_mut()[T::Keys as usize]);
        buckets::fold(&mut index, |k| self.bucket(k))?;
        self.writes.borrow_mut()[T::Keys as usize] = index;
        let delta = std::mem::take(&mut *self.facts.borrow_mut());
        crate::ops::facts::settle(
            delta,
            |k| self.read(T::Agg, k),
            |k, v| {
                self.writes.borrow_mut()[T::Agg as usize].insert(k.to_vec(), v);
            },
        )?;
        Ok(Batch { writes: self.writes.into_inner(), audit: self.audit.into_inner() })
    }
}

impl Batch {
    /// Writes the whole batch in one sled transaction (all or nothing, also across a
    /// crash) and flushes it to disk.
    pub fn write(&self, store: &Store) -> Result<(), OpError> {
        store.count_writes(self.writes.iter().map(|t| t.len() as u64).sum::<u64>() + self.audit.len() as u64);
        let result = store.trees().transaction(|views| {
            apply_to(views, &self.writes, &self.audit)?;
            Ok::<(), ConflictableTransactionError<OpError>>(())
        });
        crate::ops::unwrap_tx(result)?;
        store.flush()?;
        Ok(())
    }
}
