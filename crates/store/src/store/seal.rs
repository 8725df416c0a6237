//! The seal: how many commits the store held when it was last closed, kept in a file beside
//! it. sled recovers a damaged log by dropping everything after the damage, which leaves an
//! older store that is consistent in itself: `verify` could not tell. The seal can: a store
//! that opens with fewer commits than it was closed with has lost writes.

use super::{Store, StoreError, T, keys};
use std::path::Path;

/// `meta` key of the commit counter, bumped by every committed command and bulk batch.
pub const COMMITS_KEY: &[u8] = b"commits";
const SEAL_FILE: &str = "frontdesk.seal";

/// The commit counter stored in `store`.
pub(crate) fn commits(store: &Store) -> u64 {
    store.tree(T::Meta).get(COMMITS_KEY).ok().flatten().and_then(|v| keys::read_u64(&v, 0)).unwrap_or(0)
}

fn checksum(n: u64) -> u64 {
    super::fnv1a(&n.to_be_bytes())
}

/// Bumps the commit counter inside a write transaction (see [`COMMITS_KEY`]).
pub(crate) fn count_commit(
    meta: &sled::transaction::TransactionalTree,
) -> Result<(), sled::transaction::UnabortableTransactionError> {
    let commits = meta.get(COMMITS_KEY)?.and_then(|v| keys::read_u64(&v, 0)).unwrap_or(0);
    meta.insert(COMMITS_KEY, &(commits + 1).to_be_bytes())?;
    Ok(())
}

/// The commits recorded at the last close, if the seal is there and intact. A damaged seal
/// is ignored: it can only stop the check, never make a good store look damaged.
fn read(path: &Path) -> Option<u64> {
    let text = std::fs::read_to_string(path.join(SEAL_FILE)).ok()?;
    let mut parts = text.trim().split(' ');
    let (tag, n, sum) = (parts.next()?, parts.next()?.parse::<u64>().ok()?, parts.next()?);
    (tag == "commits" && sum == format!("{:016x}", checksum(n))).then_some(n)
}

/// Records `commits` as the store's state at close (written aside and renamed, so a crash
/// leaves the old seal or the new one).
pub fn write(path: &Path, commits: u64) {
    let tmp = path.join(format!("{SEAL_FILE}.tmp"));
    let text = format!("commits {commits} {:016x}\n", checksum(commits));
    // Best effort: without a seal the next open only skips the check.
    let written =
        super::perms::create_private(&tmp).and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    if written.is_ok() {
        let _ = std::fs::rename(&tmp, path.join(SEAL_FILE));
    }
}

/// Refuses a store that holds fewer commits than it was closed with.
pub fn check(store: &Store) -> Result<(), StoreError> {
    let found = commits(store);
    match read(store.path()) {
        Some(sealed) if sealed > found => {
            Err(StoreError::LostWrites { path: store.path().display().to_string(), sealed, found })
        }
        _ => Ok(()),
    }
}
