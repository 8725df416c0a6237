//! Leaving a store ready to open fast after bulk work.
//!
//! sled 0.34 writes the snapshot of its page table only when a store is opened: it reads
//! the last snapshot, replays the log written since, and saves the result. A process that
//! opens a store right after an import of 200,000 rows therefore replays the whole
//! import's log first (2.4 s there, for a command that otherwise takes a tenth of that).
//! A process that did bulk work pays it instead, once, on its way out: the store closes,
//! and [`snapshot_closed_stores`] opens and closes sled once more.

use super::{StoreError, lock};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// Keys written in one process after which its store is snapshotted on the way out:
/// about 2,000 stay posts or 7,000 imported members. Below it the replay at the next open
/// costs less than the extra open would.
pub const BULK_KEYS: u64 = 20_000;

/// Stores this process closed after bulk work, to snapshot before it ends.
static CLOSED_AFTER_BULK: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

pub(super) fn remember(path: &Path) {
    let mut closed = CLOSED_AFTER_BULK.lock().unwrap_or_else(PoisonError::into_inner);
    if !closed.iter().any(|p| p == path) {
        closed.push(path.to_path_buf());
    }
}

/// Snapshots every store this process closed after bulk work (call it when the process
/// ends its work: the binary does after every command). A store another process has
/// opened meanwhile is left alone: that process's open has written the snapshot.
pub fn snapshot_closed_stores() {
    let closed = std::mem::take(&mut *CLOSED_AFTER_BULK.lock().unwrap_or_else(PoisonError::into_inner));
    for path in closed {
        // Best effort: a failure only leaves the replay to the next open, as before.
        let _ = snapshot(&path);
    }
}

fn snapshot(path: &Path) -> Result<(), StoreError> {
    let Ok(_lock) = lock::take_own_lock(path) else { return Ok(()) };
    // Opening is what writes the snapshot; a small cache, since nothing is read.
    let db = super::lock::open_sled(path, 8)?;
    db.flush()?;
    Ok(())
}
