//! Backups of a whole store, restoring them, and salvaging what a damaged store still holds.
//!
//! A backup is gzip-compressed JSON lines: a header naming the format and the schema
//! version, one line per stored key and value of every tree (`{"t":tree,"k":hex,"v":hex}`),
//! and an end line with the count per tree and the SHA-256 of every line before it. The
//! values are the stored bytes themselves, so a restored store is the same store, byte for
//! byte: `verify` and every report give what they gave before. Older record versions in a
//! backup decode as they do in a store, through the codec's upgrades.
//!
//! These are store-level copies, not commands: they move records as they are and change
//! no balance, which is why they live beside [`crate::ops`] rather than in it.

mod format;
mod restore;
mod salvage;

pub use format::{BackupError, BackupHeader, BackupSummary};
pub use restore::{RestoreSummary, check_file, restore};
pub use salvage::{SalvageSummary, salvage};

use crate::store::{Store, T, TREE_NAMES};
use sha2::{Digest, Sha256};
use std::io::Write;

/// Writes a consistent backup of `store` to `out` (uncompressed bytes go through gzip).
///
/// The store's writer lock is held throughout, so no command changes it while it is read:
/// the backup is the store as it was between two commands. Reads (lookups, reports, other
/// terminals' screens) carry on; writes wait until the backup is written.
pub fn write_backup(store: &Store, out: impl Write, created_at_ms: i64) -> Result<BackupSummary, BackupError> {
    let _writer = store.writer();
    let mut gz = flate2::write::GzEncoder::new(out, flate2::Compression::fast());
    let mut hasher = Sha256::new();
    let header = BackupHeader::new(store.schema_version(), created_at_ms);
    let mut line = serde_json::to_vec(&header).map_err(|e| BackupError::write(e.to_string()))?;
    line.push(b'\n');
    hasher.update(&line);
    gz.write_all(&line).map_err(BackupError::io)?;
    let mut summary = BackupSummary::default();
    for (i, name) in TREE_NAMES.iter().enumerate() {
        let mut count = 0u64;
        for item in store.trees()[i].iter() {
            let (k, v) = item.map_err(|e| BackupError::Store(e.into()))?;
            if i == T::Meta as usize && k.as_ref() == crate::store::shape::RESTORE_MARKER {
                continue;
            }
            line.clear();
            format::record_line(&mut line, name, &k, &v);
            hasher.update(&line);
            gz.write_all(&line).map_err(BackupError::io)?;
            count += 1;
        }
        summary.records += count;
        summary.trees.insert((*name).to_string(), count);
    }
    summary.sha256 = crate::store::hex(&hasher.finalize());
    line = serde_json::to_vec(&format::EndLine::from(&summary)).map_err(|e| BackupError::write(e.to_string()))?;
    line.push(b'\n');
    gz.write_all(&line).map_err(BackupError::io)?;
    let mut out = gz.finish().map_err(BackupError::io)?;
    out.flush().map_err(BackupError::io)?;
    summary.schema_version = header.schema_version;
    Ok(summary)
}
