//! Reading the `keys` tree by entry, whether an entry is a sled key of its own or sits in a
//! bucket ([`super::buckets`]).

use super::buckets::{self, BUCKET, Bucket, Entries};
use super::{Store, StoreError, T, hex};
use frontdesk_core::i18n::errors::Decode;

/// A bucket that does not decode, as the store error that names it.
pub(crate) fn corrupt_bucket(key: &[u8], reason: String) -> StoreError {
    StoreError::Corrupt { tree: T::Keys.name(), key: hex(key), reason: Decode::Payload { error: reason } }
}

/// Decodes the bucket read at `key` (absent: empty).
pub(crate) fn bucket_at(key: &[u8], bytes: Option<&[u8]>) -> Result<Option<Bucket>, StoreError> {
    bytes.map(|b| Bucket::decode(key, b).map_err(|reason| corrupt_bucket(key, reason))).transpose()
}

/// The value of `entry` in the bucket read at `key` (absent: no entry).
pub(crate) fn entry_in(key: &[u8], bytes: Option<&[u8]>, entry: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
    let Some(bytes) = bytes else { return Ok(None) };
    Bucket::find(key, bytes, entry).map(|v| v.map(<[u8]>::to_vec)).map_err(|reason| corrupt_bucket(key, reason))
}

/// Whether the entry stored as `suffix` in a bucket whose stem is `stem` is under `prefix`.
fn under(prefix: &[u8], stem: &[u8], suffix: &[u8]) -> bool {
    match prefix.split_at_checked(stem.len()) {
        Some((head, tail)) => head == stem && suffix.starts_with(tail),
        None => stem.starts_with(prefix),
    }
}

impl Store {
    /// The raw value at `key` in `t`; in `keys`, an index entry is looked up in its bucket.
    pub fn read_raw(&self, t: T, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        if t == T::Keys
            && let Some(bucket) = buckets::bucket_of(key)
        {
            let found = self.tree(T::Keys).get(&bucket)?;
            return entry_in(&bucket, found.as_deref(), key);
        }
        Ok(self.tree(t).get(key)?.map(|v| v.to_vec()))
    }

    /// The entries of the `keys` tree under `prefix`, in key order, wherever they are
    /// stored, up to `limit` of them (`usize::MAX`: all). Under a prefix of a phone or a
    /// birthday the buckets come in entry order and the walk stops at `limit`; a card,
    /// e-mail or reference can be in any bucket of its family, so a prefix of one reads
    /// the whole family (a whole key is a lookup: [`Store::read_raw`]).
    pub fn key_entries(&self, prefix: &[u8], limit: usize) -> Result<Vec<buckets::Entry>, StoreError> {
        let Some(range) = buckets::buckets_under(prefix) else {
            return self
                .tree(T::Keys)
                .scan_prefix(prefix)
                .take(limit)
                .map(|item| item.map(|(k, v)| (k.to_vec(), v.to_vec())).map_err(StoreError::from))
                .collect();
        };
        let ordered = buckets::in_entry_order(&range);
        let mut out = Vec::new();
        'buckets: for item in self.tree(T::Keys).scan_prefix(&range) {
            let (key, bytes) = item?;
            let walk = Entries::of(&key, &bytes).map_err(|reason| corrupt_bucket(&key, reason))?;
            let stem = walk.stem();
            for entry in walk {
                let (suffix, value) = entry.map_err(|reason| corrupt_bucket(&key, reason))?;
                if ordered && out.len() >= limit {
                    break 'buckets;
                }
                if under(prefix, stem, suffix) {
                    out.push(([stem, suffix].concat(), value.to_vec()));
                }
            }
        }
        if !ordered {
            out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            out.truncate(limit);
        }
        Ok(out)
    }

    /// Calls `f` with every entry of the `keys` tree (key, value, whether it came out of a
    /// bucket), and `damaged` with each bucket that does not decode (its key, why).
    pub(crate) fn each_key_entry(
        &self,
        mut f: impl FnMut(&[u8], &[u8], bool) -> Result<(), StoreError>,
        mut damaged: impl FnMut(&[u8], String),
    ) -> Result<(), StoreError> {
        for item in self.tree(T::Keys).iter() {
            let (key, value) = item?;
            if key.first() != Some(&BUCKET) {
                f(&key, &value, false)?;
                continue;
            }
            match Bucket::decode(&key, &value) {
                Ok(bucket) => {
                    for (entry, v) in &bucket.0 {
                        f(entry, v, true)?;
                    }
                }
                Err(reason) => damaged(&key, reason),
            }
        }
        Ok(())
    }

    /// Writes (`Some`) or removes (`None`) one entry of the `keys` tree in place, outside
    /// any command: no counters, no audit. For tests and tools that damage or mend a store
    /// on purpose; commands write through `ops`.
    pub fn put_key_entry_raw(&self, entry: &[u8], value: Option<&[u8]>) -> Result<(), StoreError> {
        self.write_key_entries_raw([(entry.to_vec(), value.map(<[u8]>::to_vec))].into())
    }

    /// [`Store::put_key_entry_raw`] for many entries (entry key → new value, `None`
    /// removes), each bucket read and written once, in one batch.
    pub(crate) fn write_key_entries_raw(&self, mut writes: buckets::Writes) -> Result<(), StoreError> {
        let tree = self.tree(T::Keys);
        buckets::fold(&mut writes, |k| bucket_at(k, tree.get(k)?.as_deref()))?;
        let mut batch = sled::Batch::default();
        for (key, value) in writes {
            match value {
                Some(v) => batch.insert(key, v),
                None => batch.remove(key),
            }
        }
        Ok(tree.apply_batch(batch)?)
    }
}
