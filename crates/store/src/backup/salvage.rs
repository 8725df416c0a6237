//! `salvage`: copies every record a damaged store still yields, and decodes, into a new one.

use crate::store::walk::walk_tree;
use crate::store::{Store, T, TREE_NAMES, buckets, hex, shape};
use serde::Serialize;

/// Damaged keys listed in full; the rest are counted.
const MAX_LISTED: usize = 1_000;

/// What `salvage` copied and what it left behind.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SalvageSummary {
    /// Records copied, per tree.
    pub copied: std::collections::BTreeMap<String, u64>,
    /// Records that were read but do not decode, or parts of a tree that could not be read.
    pub lost: Vec<String>,
    /// Lost records beyond the listed ones.
    pub lost_omitted: u64,
}

impl SalvageSummary {
    /// Records copied in all.
    pub fn copied_total(&self) -> u64 {
        self.copied.values().sum()
    }

    /// Whether anything could not be copied.
    pub fn is_complete(&self) -> bool {
        self.lost.is_empty() && self.lost_omitted == 0
    }

    fn lose(&mut self, line: String) {
        if self.lost.len() < MAX_LISTED {
            self.lost.push(line);
        } else {
            self.lost_omitted += 1;
        }
    }
}

/// Copies every readable, decodable record of `from` into `into` (which should be new).
/// Damaged pages cost the records on them, not the rest of their tree ([`walk_tree`]); a
/// damaged index bucket costs the entries that cannot be read, not the others in it. Index
/// entries come out in their buckets, even from a store older than layout 3; the copy keeps
/// the source's schema version, so the next open upgrades the rest of an older one.
pub fn salvage(from: &Store, into: &Store) -> Result<SalvageSummary, crate::store::StoreError> {
    into.note_bulk_work();
    let mut summary = SalvageSummary::default();
    for (t, name) in T::ALL.into_iter().zip(TREE_NAMES) {
        let mut copied = 0u64;
        let mut batch = sled::Batch::default();
        let mut failed = None;
        let unreadable = walk_tree(from.tree(t), t, |k, v, shape| match shape {
            _ if t == T::Meta && k.as_ref() == shape::RESTORE_MARKER => {}
            Ok(()) => {
                batch.insert(k.clone(), v.clone());
                copied += 1;
                // In chunks, so a large store is copied in bounded memory.
                if copied.is_multiple_of(20_000)
                    && let Err(e) = into.tree(t).apply_batch(std::mem::take(&mut batch))
                {
                    failed.get_or_insert(e);
                }
            }
            Err(reason) if t == T::Keys && k.first() == Some(&buckets::BUCKET) => {
                copied += salvage_bucket(k, v, &reason, &mut batch, &mut summary);
            }
            Err(reason) => summary.lose(format!("{name} {}: {reason}", hex(k))),
        });
        unreadable.into_iter().for_each(|l| summary.lose(l));
        if let Some(e) = failed {
            return Err(e.into());
        }
        into.tree(t).apply_batch(batch)?;
        into.flush()?;
        summary.copied.insert(name.to_string(), copied);
    }
    crate::ops::migrate::regroup(into)?;
    Ok(summary)
}

/// Stages, as entries on their own (grouped again once the copy is done), the entries of a
/// damaged bucket that can still be read and hold what their key says; lists the rest as
/// lost. Returns how many it kept.
fn salvage_bucket(
    key: &[u8],
    value: &[u8],
    reason: &str,
    batch: &mut sled::Batch,
    summary: &mut SalvageSummary,
) -> u64 {
    let remains = shape::remains(key, value);
    for (entry, why) in remains.refused {
        summary.lose(format!("keys {} (in bucket {}): {why}", hex(&entry), hex(key)));
    }
    let kept = remains.kept.len() as u64;
    for (entry, v) in remains.kept {
        batch.insert(entry, v);
    }
    if let Some(why) = remains.stopped {
        summary.lose(format!("keys bucket {}: entries after the {kept} kept are lost: {why}", hex(key)));
    } else if kept == 0 {
        summary.lose(format!("keys bucket {}: {reason}", hex(key)));
    }
    kept
}
