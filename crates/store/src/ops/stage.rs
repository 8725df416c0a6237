//! A command's view of one transaction: reads see the command's own pending writes, and
//! the writes reach the transaction only when the whole command succeeded. This is what
//! lets a batch reject one row without half-applying it.
//!
//! A stage reads either through a sled transaction (single commands) or through a bulk
//! [`Overlay`] (imports): there the commands of a batch are worked out over plain tree
//! reads plus the batch's own writes, and the whole batch is written by one transaction
//! at the end. sled reads outside a transaction are several times cheaper than inside one,
//! and the overlay is only used under the store's writer lock, so nothing can change
//! underneath it.

use super::OpError;
use crate::store::buckets::{self, Bucket};
use crate::store::codec::{self, Record};
use crate::store::keyspace;
use crate::store::records::{AuditRecord, ExtRef, Overview, member_in_target};
use crate::store::{Store, StoreError, T, TREE_NAMES, hex, keys};
use frontdesk_core::domain::Millis;
use frontdesk_core::domain::analytics::facts::{self, FactSet};
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::operator::Actor;
use frontdesk_core::i18n::errors::{Clash, Missing, Refusal};
use sled::transaction::{TransactionalTree, UnabortableTransactionError};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Pending writes per tree (indexed by [`T`]) by key; `None` removes.
type Writes = [BTreeMap<Vec<u8>, Option<Vec<u8>>>; TREE_NAMES.len()];

mod overlay;
pub use overlay::{Batch, Overlay};

/// Where a stage reads committed data from and where its writes go when it commits.
#[derive(Clone, Copy)]
enum Base<'t> {
    /// A sled transaction's tree views (in [`T`] order), and the keys listed for the
    /// command before the transaction began (see [`Stage::keys_under`]).
    Tx(&'t [TransactionalTree], Option<&'t Listed>),
    /// A bulk batch.
    Overlay(&'t Overlay<'t>),
}

/// Staged writes of one command inside a transaction.
pub struct Stage<'t> {
    base: Base<'t>,
    writes: RefCell<Writes>,
    audit: RefCell<Vec<AuditRecord>>,
    /// Counter deltas not yet added to their `agg` records (see [`super::facts`]).
    pub(super) facts: RefCell<FactSet>,
    /// The checker of the change being applied, recorded on its ledger postings.
    approver: RefCell<Option<String>>,
}

/// Keys under some prefixes, read before a transaction for the commands that list records
/// (see [`Stage::keys_under`]).
#[derive(Debug, Default)]
pub struct Listed(BTreeMap<(usize, Vec<u8>), Vec<Vec<u8>>>);

impl Listed {
    /// Reads the committed keys under `prefix` in `t`. Call it under the writer lock.
    pub(crate) fn add(&mut self, store: &Store, t: T, prefix: &[u8]) -> Result<(), OpError> {
        let mut keys = Vec::new();
        if t == T::Keys && buckets::buckets_under(prefix).is_some() {
            keys.extend(store.key_entries(prefix, usize::MAX)?.into_iter().map(|(k, _)| k));
        } else {
            for item in store.tree(t).scan_prefix(prefix) {
                keys.push(item.map_err(StoreError::Sled)?.0.to_vec());
            }
        }
        self.0.insert((t as usize, prefix.to_vec()), keys);
        Ok(())
    }
}

/// Outcome of looking up an external reference.
pub(crate) enum RefCheck {
    /// Not used before.
    New,
    /// Used before for the same request.
    Duplicate(ExtRef),
}

impl<'t> Stage<'t> {
    /// A fresh stage over the transaction's tree views (in [`T`] order).
    pub(crate) fn new(views: &'t [TransactionalTree]) -> Self {
        Self::in_tx(views, None)
    }

    /// A fresh stage over the transaction's tree views that also knows the keys `listed`
    /// before the transaction.
    pub(crate) fn with_listed(views: &'t [TransactionalTree], listed: &'t Listed) -> Self {
        Self::in_tx(views, Some(listed))
    }

    fn in_tx(views: &'t [TransactionalTree], listed: Option<&'t Listed>) -> Self {
        Stage {
            base: Base::Tx(views, listed),
            writes: RefCell::new(Default::default()),
            audit: RefCell::new(Vec::new()),
            facts: RefCell::new(FactSet::new()),
            approver: RefCell::new(None),
        }
    }

    /// A fresh stage over a bulk batch.
    pub(crate) fn over(overlay: &'t Overlay<'t>) -> Self {
        Stage {
            base: Base::Overlay(overlay),
            writes: RefCell::new(Default::default()),
            audit: RefCell::new(Vec::new()),
            facts: RefCell::new(FactSet::new()),
            approver: RefCell::new(None),
        }
    }

    /// Raw bytes at `key`, seeing staged writes first.
    pub(crate) fn get_raw(&self, t: T, key: &[u8]) -> Result<Option<Vec<u8>>, OpError> {
        if let Some(v) = self.writes.borrow()[t as usize].get(key) {
            return Ok(v.clone());
        }
        match self.base {
            Base::Tx(views, _) => {
                if t == T::Keys
                    && let Some(bucket) = buckets::bucket_of(key)
                {
                    let found = views[T::Keys as usize].get(&bucket)?;
                    return Ok(keyspace::entry_in(&bucket, found.as_deref(), key)?);
                }
                Ok(views[t as usize].get(key)?.map(|v| v.to_vec()))
            }
            Base::Overlay(o) => o.read(t, key),
        }
    }

    /// Decoded record at `key`.
    pub(crate) fn get<R: Record>(&self, t: T, key: &[u8]) -> Result<Option<R>, OpError> {
        match self.get_raw(t, key)? {
            None => Ok(None),
            Some(bytes) => codec::decode(&bytes)
                .map(Some)
                .map_err(|reason| OpError::Store(StoreError::Corrupt { tree: t.name(), key: hex(key), reason })),
        }
    }

    /// Stages a record write.
    pub(crate) fn put<R: Record>(&self, t: T, key: &[u8], record: &R) {
        self.put_raw(t, key, codec::encode(record));
    }

    /// Stages a raw write.
    pub(crate) fn put_raw(&self, t: T, key: &[u8], value: Vec<u8>) {
        self.writes.borrow_mut()[t as usize].insert(key.to_vec(), Some(value));
    }

    /// Stages a removal.
    pub(crate) fn remove(&self, t: T, key: &[u8]) {
        self.writes.borrow_mut()[t as usize].insert(key.to_vec(), None);
    }

    /// Every key under `prefix` in `t`, in order: the committed keys with the pending
    /// writes of the bulk batch and of this command applied. In a transaction the committed
    /// keys are those [`Listed`] before it began (sled transactions cannot scan, and a plain
    /// read inside one waits for the transaction's own lock); that is sound because every
    /// writer holds the store's writer lock ([`Store::writer`]) from the listing on. Writes
    /// of earlier commands of the same [`super::execute_batch`] transaction are not seen.
    pub(crate) fn keys_under(&self, t: T, prefix: &[u8]) -> Result<Vec<Vec<u8>>, OpError> {
        let mut found = std::collections::BTreeSet::new();
        match self.base {
            Base::Tx(_, listed) => {
                let keys = listed
                    .and_then(|l| l.0.get(&(t as usize, prefix.to_vec())))
                    .ok_or_else(|| OpError::Refused(Refusal::TreeNotRead { tree: t.name().to_string() }))?;
                found.extend(keys.iter().cloned());
            }
            Base::Overlay(_) if t == T::Keys && buckets::buckets_under(prefix).is_some() => {
                // A bulk batch's index writes are folded into buckets only when it is
                // written; no bulk command lists an index.
                return Err(OpError::Refused(Refusal::TreeNotRead { tree: t.name().to_string() }));
            }
            Base::Overlay(o) => {
                for item in o.store.tree(t).scan_prefix(prefix) {
                    found.insert(item.map_err(StoreError::Sled)?.0.to_vec());
                }
            }
        }
        let mut apply = |w: &BTreeMap<Vec<u8>, Option<Vec<u8>>>| {
            for (k, v) in w.range(prefix.to_vec()..).take_while(|(k, _)| k.starts_with(prefix)) {
                if v.is_some() {
                    found.insert(k.clone());
                } else {
                    found.remove(k);
                }
            }
        };
        if let Base::Overlay(o) = self.base {
            if let Some(under) = o.under {
                apply(&under.writes[t as usize]);
            }
            apply(&o.writes.borrow()[t as usize]);
        }
        apply(&self.writes.borrow()[t as usize]);
        Ok(found.into_iter().collect())
    }

    /// Takes the next value of a counter in `meta` (first value 1).
    pub(crate) fn next_id(&self, counter: &str) -> Result<u64, OpError> {
        let key = format!("next.{counter}");
        let next = self.get_raw(T::Meta, key.as_bytes())?.and_then(|v| keys::read_u64(&v, 0)).unwrap_or(1);
        self.put_raw(T::Meta, key.as_bytes(), (next + 1).to_be_bytes().to_vec());
        Ok(next)
    }

    /// The member with this id.
    pub(crate) fn member(&self, id: u64) -> Result<Member, OpError> {
        self.get::<Member>(T::Members, &keys::id(id))?.ok_or_else(|| OpError::NotFound(Missing::MemberById { id }))
    }

    /// Member id stored under a `keys` entry.
    pub(crate) fn key_target(&self, key: &[u8]) -> Result<Option<u64>, OpError> {
        Ok(self.get_raw(T::Keys, key)?.and_then(|v| keys::read_u64(&v, 0)))
    }

    /// The store-wide totals.
    pub(crate) fn overview(&self) -> Result<Overview, OpError> {
        Ok(self.get::<Overview>(T::Agg, b"overview")?.unwrap_or_default())
    }

    /// Updates the store-wide totals.
    pub(crate) fn update_overview(&self, f: impl FnOnce(&mut Overview)) -> Result<(), OpError> {
        let mut o = self.overview()?;
        f(&mut o);
        self.put(T::Agg, b"overview", &o);
        Ok(())
    }

    /// Checks an external reference: new, a duplicate of the same request, or a conflict.
    pub(crate) fn check_ref(&self, reference: &str, kind: &str, fingerprint: u64) -> Result<RefCheck, OpError> {
        match self.get::<ExtRef>(T::Keys, &keys::text(keys::EXT_REF, reference))? {
            None => Ok(RefCheck::New),
            Some(r) if r.kind == kind && r.fingerprint == fingerprint => Ok(RefCheck::Duplicate(r)),
            Some(r) => {
                Err(OpError::Conflict(Clash::Reference { reference: reference.to_string(), kind: r.kind.clone() }))
            }
        }
    }

    /// Records an external reference.
    pub(crate) fn put_ref(&self, reference: &str, r: &ExtRef) {
        self.put(T::Keys, &keys::text(keys::EXT_REF, reference), r);
    }

    /// Names the operator who approved the change being applied: the ledger postings it
    /// writes record them as checker beside the maker.
    pub(crate) fn set_approver(&self, checker: &str) {
        *self.approver.borrow_mut() = Some(checker.to_string());
    }

    /// The checker set by [`Stage::set_approver`], if any.
    pub(crate) fn approver(&self) -> Option<String> {
        self.approver.borrow().clone()
    }

    /// Adds an audit event, written with the command. A target that names `member CARD`
    /// also files the event under that member (see [`member_in_target`]).
    pub(crate) fn audit(
        &self,
        at: Millis,
        actor: &Actor,
        command: &str,
        target: String,
        before: String,
        after: String,
    ) {
        self.audit.borrow_mut().push(AuditRecord {
            at,
            operator: actor.name.clone(),
            role: actor.role.as_str().into(),
            command: command.into(),
            member: member_in_target(&target),
            target,
            before,
            after,
        });
    }

    /// Removes the audit events staged so far (a bulk import writes one per batch instead).
    pub(crate) fn take_audit(&self) -> Vec<AuditRecord> {
        std::mem::take(&mut *self.audit.borrow_mut())
    }

    /// Applies the staged writes to the transaction or the bulk batch. In a transaction the
    /// counter records are read and rewritten here; in a bulk batch their deltas join the
    /// batch's (see [`Overlay::into_batch`]).
    pub(crate) fn commit(self) -> Result<(), OpError> {
        let delta = std::mem::take(&mut *self.facts.borrow_mut());
        match self.base {
            Base::Tx(views, _) => {
                super::facts::settle(
                    delta,
                    |k| self.get_raw(T::Agg, k),
                    |k, v| {
                        self.writes.borrow_mut()[T::Agg as usize].insert(k.to_vec(), v);
                    },
                )?;
                let mut index = std::mem::take(&mut self.writes.borrow_mut()[T::Keys as usize]);
                buckets::fold(&mut index, |k| tx_bucket(views, k))?;
                self.writes.borrow_mut()[T::Keys as usize] = index;
            }
            Base::Overlay(o) => {
                let mut all = o.facts.borrow_mut();
                for (record, cells) in delta {
                    for (cell, v) in cells {
                        facts::add_one(&mut all, &record, &cell, v);
                    }
                }
            }
        }
        self.write_through().map_err(OpError::Tx)
    }

    fn write_through(self) -> Result<(), UnabortableTransactionError> {
        let writes = self.writes.into_inner();
        let audit = self.audit.into_inner();
        match self.base {
            Base::Tx(views, _) => apply_to(views, &writes, &audit)?,
            Base::Overlay(o) => {
                let mut all = o.writes.borrow_mut();
                for (t, tree_writes) in writes.into_iter().enumerate() {
                    all[t].extend(tree_writes);
                }
                o.audit.borrow_mut().extend(audit);
            }
        }
        Ok(())
    }
}

/// Puts staged writes and audit events (each under a fresh id) into a transaction's views:
/// one command's, or a whole bulk batch's.
fn apply_to(
    views: &[TransactionalTree],
    writes: &Writes,
    audit: &[AuditRecord],
) -> Result<(), UnabortableTransactionError> {
    for (t, tree_writes) in writes.iter().enumerate() {
        for (key, value) in tree_writes {
            match value {
                Some(v) => views[t].insert(key.as_slice(), v.as_slice())?,
                None => views[t].remove(key.as_slice())?,
            };
        }
    }
    let audit_view = &views[T::Audit as usize];
    for record in audit {
        audit_view.insert(&keys::id(audit_view.generate_id()?), codec::encode(record))?;
    }
    if audit.is_empty() && writes.iter().all(|w| w.is_empty()) {
        // Nothing changed (a duplicate, a refusal): nothing to count.
        return Ok(());
    }
    // Counted in the same transaction, so the seal can tell a store that lost writes.
    crate::store::seal::count_commit(&views[T::Meta as usize])
}

/// The bucket at `key` as a transaction sees it (with the writes of the commands before
/// this one in the same transaction).
fn tx_bucket(views: &[TransactionalTree], key: &[u8]) -> Result<Option<Bucket>, OpError> {
    let found = views[T::Keys as usize].get(key)?;
    Ok(keyspace::bucket_at(key, found.as_deref())?)
}

/// FNV-1a over the bincode bytes of a request: equal requests, equal fingerprints.
pub fn fingerprint<S: serde::Serialize>(value: &S) -> u64 {
    let bytes = bincode::serde::encode_to_vec(value, bincode::config::legacy()).unwrap_or_default();
    crate::store::fnv1a(&bytes)
}
