//! Store layout 3: the member indexes of the `keys` tree (cards, e-mails, phones,
//! birthdays and external references) held in buckets of entries instead of a sled key
//! each.
//!
//! sled's leaves hold at most 16 keys and its page table has an entry per leaf, so opening
//! a store, its memory and its snapshot grow with the number of keys, whatever their size.
//! These five indexes were half of the keys of an imported store (a card, an e-mail, a
//! phone and a birthday per member, a reference per stay); grouped, they are a few tens of
//! thousands. A bucket is one sled value holding its entries in key order; what the rest
//! of the store sees is unchanged: an *entry* is still the key it used to be
//! (`c` ‖ card → id, `p` ‖ reversed digits ‖ 0 ‖ id, …) and is read, written and scanned
//! by that key ([`crate::store::Store::key_entries`], [`crate::ops::Stage`]); only the
//! bytes in sled differ.
//!
//! Which bucket holds an entry never changes (the hashes and prefix lengths below are
//! part of the format):
//! - cards and e-mails: FNV-1a of the text, low 15 bits (32,768 buckets each: 6 entries a
//!   bucket at 200,000 members, 30 at a million);
//! - external references: FNV-1a of the text, low 17 bits (131,072 buckets);
//! - phones: the last four digits (reversed, as the key holds them): a tail search of four
//!   or more digits reads one bucket, and the bucket is a prefix of its entries' keys, so a
//!   scan by any prefix reads only the buckets that can hold it;
//! - birthdays: month, day and the member id's upper six bytes (65,536 ids a bucket:
//!   about 180 members at most when birthdays spread over the year).
//!
//! Buckets are not split, so skewed data makes large ones: a placeholder phone or birthday
//! shared by thousands of guests puts them all in one bucket (about 20 bytes an entry).
//! Reads walk a bucket in place and stop early where they can ([`Entries`],
//! [`crate::store::Store::key_entries`]); a write rewrites the bucket once per command, or
//! once per batch of an import.

use crate::store::keys;
use crate::store::pack::{Reader, Writer};
use std::collections::BTreeMap;

/// First byte of every bucket's key in the `keys` tree (no index family uses it).
pub const BUCKET: u8 = 0xB0;
/// Version byte at the start of a bucket's value.
const FORMAT: u8 = 1;

/// How the entries of a family are grouped.
#[derive(Clone, Copy)]
enum Grouping {
    /// By the low `bits` of the FNV-1a hash of the entry key's body.
    Hash { bits: u32 },
    /// By the first `len` bytes of the body (with `to_zero`, fewer when a 0 byte comes
    /// first: the end of a phone's digits).
    Prefix { len: usize, to_zero: bool },
}

/// Each bucketed family and how its entries are grouped: the one list of them.
const GROUPINGS: [(u8, Grouping); 5] = [
    (keys::CARD, Grouping::Hash { bits: 15 }),
    (keys::EMAIL, Grouping::Hash { bits: 15 }),
    (keys::PHONE, Grouping::Prefix { len: 4, to_zero: true }),
    (keys::BIRTHDAY, Grouping::Prefix { len: 8, to_zero: false }),
    (keys::EXT_REF, Grouping::Hash { bits: 17 }),
];

fn grouping(family: u8) -> Option<Grouping> {
    GROUPINGS.iter().find(|(f, _)| *f == family).map(|(_, g)| *g)
}

/// One index entry: its key and its value.
pub type Entry = (Vec<u8>, Vec<u8>);

/// Writes of index entries: entry key → new value (`None` removes).
pub type Writes = BTreeMap<Vec<u8>, Option<Vec<u8>>>;

/// The index families kept in buckets.
pub fn families() -> impl Iterator<Item = u8> {
    GROUPINGS.iter().map(|(f, _)| *f)
}

/// Whether the entry key `entry` lives in a bucket.
pub fn bucketed(entry: &[u8]) -> bool {
    entry.first().copied().and_then(grouping).is_some()
}

/// Length of the part of `body` a prefix grouping keeps.
fn stem_len(body: &[u8], len: usize, to_zero: bool) -> usize {
    body.iter().take(len).take_while(|b| !to_zero || **b != 0).count()
}

/// The key of the bucket that holds entry `entry`; `None` when the entry is not bucketed.
pub fn bucket_of(entry: &[u8]) -> Option<Vec<u8>> {
    let (&family, body) = entry.split_first()?;
    let mut key = vec![BUCKET, family];
    match grouping(family)? {
        Grouping::Hash { bits } => {
            let bucket = crate::store::fnv1a(body) & ((1u64 << bits) - 1);
            let width = bits.div_ceil(8) as usize;
            key.extend_from_slice(&bucket.to_be_bytes()[8 - width..]);
        }
        Grouping::Prefix { len, to_zero } => key.extend_from_slice(&body[..stem_len(body, len, to_zero)]),
    }
    Some(key)
}

/// The prefix of the bucket keys that can hold entries under `prefix`; `None` when the
/// prefix is not of a bucketed family.
pub fn buckets_under(prefix: &[u8]) -> Option<Vec<u8>> {
    let &family = prefix.first()?;
    match grouping(family)? {
        // A text's bucket depends on all of it: any prefix can be in any bucket.
        Grouping::Hash { .. } => Some(vec![BUCKET, family]),
        // A prefix's own bucket key is a prefix of the bucket key of every entry under it.
        Grouping::Prefix { .. } => bucket_of(prefix),
    }
}

/// Whether the buckets under `range` (from [`buckets_under`]) hold their entries in
/// entry order when read in key order: true of a prefix grouping, where a bucket's key is
/// its entries' common start (a phone's stem ends at four digits or at the 0 that ends
/// them, which sorts before any digit).
pub fn in_entry_order(range: &[u8]) -> bool {
    matches!(range.get(1).copied().and_then(grouping), Some(Grouping::Prefix { .. }))
}

/// The part every entry key of the bucket at `bucket_key` starts with (stored once).
fn stem(bucket_key: &[u8]) -> Option<&[u8]> {
    let family = *bucket_key.get(1).filter(|_| bucket_key[0] == BUCKET)?;
    match grouping(family)? {
        Grouping::Hash { .. } => Some(&bucket_key[1..2]),
        Grouping::Prefix { .. } => Some(&bucket_key[1..]),
    }
}

/// The entries of one stored bucket, read in place and in key order, each as the entry
/// key after the bucket's stem and its value. After the last entry the bucket must be read
/// to its end: a count damaged to a smaller value is an error, never fewer entries.
pub struct Entries<'k, 'a> {
    stem: &'k [u8],
    r: Reader<'a>,
    left: usize,
    failed: bool,
}

impl<'k, 'a> Entries<'k, 'a> {
    /// Reads the header of the bucket stored at `bucket_key`.
    pub fn of(bucket_key: &'k [u8], bytes: &'a [u8]) -> Result<Entries<'k, 'a>, String> {
        let stem = stem(bucket_key).ok_or("not the key of an index bucket")?;
        let (&format, rest) = bytes.split_first().ok_or("empty bucket")?;
        if format != FORMAT {
            return Err(format!("bucket format {format}, this build reads {FORMAT}"));
        }
        let mut r = Reader(rest);
        let left: usize = r.uint("entry count")?;
        Ok(Entries { stem, r, left, failed: false })
    }

    /// The part every entry key of the bucket starts with (stored once, not per entry).
    pub fn stem(&self) -> &'k [u8] {
        self.stem
    }
}

impl<'a> Iterator for Entries<'_, 'a> {
    type Item = Result<(&'a [u8], &'a [u8]), String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let item = if self.left == 0 {
            self.r.done().err().map(Err)?
        } else {
            self.left -= 1;
            self.r.bytes("entry key").and_then(|k| Ok((k, self.r.bytes("entry value")?)))
        };
        self.failed = item.is_err();
        Some(item)
    }
}

/// The entries of one bucket, by entry key.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Bucket(pub BTreeMap<Vec<u8>, Vec<u8>>);

impl Bucket {
    /// Reads the bucket stored at `bucket_key`: every entry must belong there.
    pub fn decode(bucket_key: &[u8], bytes: &[u8]) -> Result<Bucket, String> {
        let walk = Entries::of(bucket_key, bytes)?;
        let (count, stem) = (walk.left, walk.stem);
        let mut entries = BTreeMap::new();
        for item in walk {
            let (suffix, value) = item?;
            let entry = belonging(bucket_key, stem, suffix)?;
            entries.insert(entry, value.to_vec());
        }
        if entries.len() != count {
            return Err("an entry is there twice".into());
        }
        Ok(Bucket(entries))
    }

    /// What can still be read of a bucket that does not decode: the entries before the
    /// damage that belong there, and why reading stopped (`None`: nothing is wrong).
    pub fn salvage(bucket_key: &[u8], bytes: &[u8]) -> (Vec<Entry>, Option<String>) {
        let walk = match Entries::of(bucket_key, bytes) {
            Ok(walk) => walk,
            Err(reason) => return (Vec::new(), Some(reason)),
        };
        let stem = walk.stem;
        let mut good = Vec::new();
        for item in walk {
            match item.and_then(|(suffix, value)| Ok((belonging(bucket_key, stem, suffix)?, value))) {
                Ok((entry, value)) => good.push((entry, value.to_vec())),
                Err(reason) => return (good, Some(reason)),
            }
        }
        (good, None)
    }

    /// The value of `entry` in the bucket stored at `bucket_key`, read in place: it walks
    /// the entries up to the one sought without copying them, and an entry not found has
    /// walked them all, so a damaged bucket is an error, never an absent entry
    /// ([`Bucket::decode`] also checks that each entry belongs there).
    pub fn find<'a>(bucket_key: &[u8], bytes: &'a [u8], entry: &[u8]) -> Result<Option<&'a [u8]>, String> {
        let walk = Entries::of(bucket_key, bytes)?;
        let suffix = entry.strip_prefix(walk.stem);
        for item in walk {
            let (key, value) = item?;
            if Some(key) == suffix {
                return Ok(Some(value));
            }
        }
        Ok(None)
    }

    /// The bucket's value for `bucket_key`; `None` when it holds nothing (the key is removed).
    pub fn encode(&self, bucket_key: &[u8]) -> Option<Vec<u8>> {
        if self.0.is_empty() {
            return None;
        }
        let skip = stem(bucket_key).map_or(0, <[u8]>::len);
        let mut w = Writer(vec![FORMAT]);
        w.uint(self.0.len() as u64);
        for (entry, value) in &self.0 {
            w.bytes(&entry[skip.min(entry.len())..]).bytes(value);
        }
        Some(w.0)
    }
}

/// The whole key of the entry stored as `suffix` in the bucket at `bucket_key`, which it
/// must belong in.
fn belonging(bucket_key: &[u8], stem: &[u8], suffix: &[u8]) -> Result<Vec<u8>, String> {
    let entry = [stem, suffix].concat();
    if bucket_of(&entry).as_deref() == Some(bucket_key) {
        Ok(entry)
    } else {
        Err(format!("entry {} does not belong in this bucket", crate::store::hex(&entry)))
    }
}

/// Replaces the writes of bucketed entries in `writes` (entry key → new value, `None`
/// removes) by writes of their buckets, each read once with `read` and written once.
pub fn fold<E>(writes: &mut Writes, mut read: impl FnMut(&[u8]) -> Result<Option<Bucket>, E>) -> Result<(), E> {
    let entries: Vec<Vec<u8>> = writes.keys().filter(|k| bucketed(k)).cloned().collect();
    let mut buckets: BTreeMap<Vec<u8>, Bucket> = BTreeMap::new();
    for entry in entries {
        let value = writes.remove(&entry).flatten();
        let Some(key) = bucket_of(&entry) else { continue };
        let bucket = match buckets.entry(key) {
            std::collections::btree_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::btree_map::Entry::Vacant(v) => {
                let found = read(v.key())?.unwrap_or_default();
                v.insert(found)
            }
        };
        match value {
            Some(v) => bucket.0.insert(entry, v),
            None => bucket.0.remove(&entry),
        };
    }
    for (key, bucket) in buckets {
        let value = bucket.encode(&key);
        writes.insert(key, value);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
