//! Mending the member indexes of the `keys` tree from the records they index: every
//! member's card, e-mail and phone entry and every stay's external reference, where the
//! bucket that should hold it does not decode, or the entry is missing. `report rebuild`
//! runs it with the counters and the birthday index.
//!
//! A damaged bucket is replaced whole: the entries that can still be read and hold what
//! their key says, then what the records give. A reference of another kind (a member
//! update, a reward, a redemption…) is only in its entry, so it is lost with a damaged
//! bucket; a stay's reference comes back with fingerprint 0, which no request has, so the
//! stay sent again is refused as a conflict rather than posted twice. An entry that names
//! another record (two members with one card or e-mail) is left for `verify` to report.

use super::OpError;
use crate::store::buckets::{self, Bucket};
use crate::store::records::ExtRef;
use crate::store::{Store, StoreError, T, codec, keys};
use frontdesk_core::domain::contact::phone_digits;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::stay::Stay;
use serde::Serialize;
use std::collections::BTreeMap;

/// Entries restored per batch: bounded memory when a whole family is missing.
const ROUND: usize = 50_000;

/// What a mend of the member indexes did.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct ReindexRun {
    /// Buckets that did not decode, written again.
    pub buckets_replaced: u64,
    /// Entries written back from the records (into a replaced bucket or a missing one).
    pub entries_restored: u64,
    /// Entries that name another record than the one read, left as they are.
    pub conflicts: u64,
}

/// The families mended: what a member or a stay record gives back.
const FAMILIES: [u8; 4] = [keys::CARD, keys::EMAIL, keys::PHONE, keys::EXT_REF];

/// Mends the card, e-mail, phone and stay-reference entries; the caller holds the
/// store's writer lock.
pub(crate) fn mend(store: &Store) -> Result<ReindexRun, OpError> {
    let mut run = ReindexRun::default();
    let mut mend = Mend { store, damaged: damaged_buckets(store)?, missing: BTreeMap::new(), run: &mut run };
    for item in store.scan_prefix::<Member>(T::Members, &[]) {
        let (_, m) = item?;
        mend.want(keys::text(keys::CARD, &m.card), keys::id(m.id).to_vec())?;
        if let Some(e) = &m.email {
            mend.want(keys::text(keys::EMAIL, e), keys::id(m.id).to_vec())?;
        }
        if let Some(p) = &m.phone {
            mend.want(keys::phone(phone_digits(p), m.id), Vec::new())?;
        }
    }
    for item in store.scan_prefix::<Stay>(T::Stays, &[]) {
        let (key, s) = item?;
        let Some(r) = &s.external_ref else { continue };
        let member_id = keys::read_u64(&key, 0).unwrap_or(0);
        let x = ExtRef { kind: "stay".into(), member_id, target: u64::from(s.seq), fingerprint: 0 };
        mend.want(keys::text(keys::EXT_REF, r), codec::encode(&x))?;
    }
    mend.write_missing()?;
    let tree = store.tree(T::Keys);
    for (key, bucket) in std::mem::take(&mut mend.damaged) {
        match bucket.encode(&key) {
            Some(value) => tree.insert(key, value)?,
            None => tree.remove(key)?,
        };
        run.buckets_replaced += 1;
    }
    Ok(run)
}

/// Each mended family's buckets that do not decode, with the entries still readable in
/// them that hold what their key says.
fn damaged_buckets(store: &Store) -> Result<BTreeMap<Vec<u8>, Bucket>, StoreError> {
    let mut damaged = BTreeMap::new();
    for family in FAMILIES {
        for item in store.tree(T::Keys).scan_prefix([buckets::BUCKET, family]) {
            let (key, value) = item?;
            if Bucket::decode(&key, &value).is_ok() {
                continue;
            }
            let kept = crate::store::shape::remains(&key, &value).kept;
            damaged.insert(key.to_vec(), Bucket(kept.into_iter().collect()));
        }
    }
    Ok(damaged)
}

struct Mend<'a> {
    store: &'a Store,
    damaged: BTreeMap<Vec<u8>, Bucket>,
    /// Entries of sound buckets to write back, in rounds.
    missing: buckets::Writes,
    run: &'a mut ReindexRun,
}

impl Mend<'_> {
    /// The records say `entry` holds `value`: make it so where it is damaged or missing.
    fn want(&mut self, entry: Vec<u8>, value: Vec<u8>) -> Result<(), OpError> {
        let Some(bucket) = buckets::bucket_of(&entry) else { return Ok(()) };
        let found = match (self.missing.get(&entry), self.damaged.get(&bucket)) {
            (Some(v), _) => v.clone(),
            (None, Some(b)) => b.0.get(&entry).cloned(),
            (None, None) => self.store.read_raw(T::Keys, &entry)?,
        };
        match found {
            // A reference already there keeps its fingerprint; other entries agree or not.
            Some(v) if v == value || entry[0] == keys::EXT_REF => return Ok(()),
            Some(_) => {
                self.run.conflicts += 1;
                return Ok(());
            }
            None => {}
        }
        self.run.entries_restored += 1;
        match self.damaged.get_mut(&bucket) {
            Some(b) => {
                b.0.insert(entry, value);
            }
            None => {
                self.missing.insert(entry, Some(value));
                if self.missing.len() >= ROUND {
                    self.write_missing()?;
                }
            }
        }
        Ok(())
    }

    /// Writes the entries gathered so far into their (sound) buckets.
    fn write_missing(&mut self) -> Result<(), OpError> {
        Ok(self.store.write_key_entries_raw(std::mem::take(&mut self.missing))?)
    }
}
