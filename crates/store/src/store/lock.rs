//! frontdesk's own lock on a store directory, the holder note, and sled's leftovers that
//! must go before sled opens the store.

use super::StoreError;
use frontdesk_core::i18n::errors::{Damage, StoreIo};
use std::path::Path;

pub(super) const HOLDER_FILE: &str = "frontdesk.holder";
const LOCK_FILE: &str = "frontdesk.lock";

/// Takes frontdesk's own lock on the store directory. sled takes one too, but only
/// after it has started reading files; ours is taken first, so that nothing below runs
/// while another process is inside sled's recovery.
fn take_lock(path: &Path) -> Result<std::fs::File, StoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path.join(LOCK_FILE)).map_err(|source| {
        // The store is private to its owner: say so rather than name a lock file.
        let path = path.display().to_string();
        let what = if source.kind() == std::io::ErrorKind::PermissionDenied {
            StoreIo::OtherAccount { path }
        } else {
            StoreIo::OpenLock { path }
        };
        StoreError::Io { what, source }
    })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            Err(StoreError::Locked { path: path.display().to_string(), holder: holder(path) })
        }
        Err(std::fs::TryLockError::Error(source)) => {
            Err(StoreError::Io { what: StoreIo::Lock { path: path.display().to_string() }, source })
        }
    }
}

/// sled 0.34.7 writes each snapshot to `snap.<lsn>.generating` and renames it when
/// complete, but on open it also considers `.generating` files and picks the newest
/// name; a process killed mid-snapshot therefore leaves a store that no longer opens
/// ("Read corrupted data at file offset None", sled issue #1527). Such a file was never
/// renamed, so sled never relied on it: the previous snapshot and the log still hold
/// everything. We hold the store lock, so no live process is writing one.
pub(super) fn remove_torn_snapshots(path: &Path) -> Result<(), StoreError> {
    let entries = std::fs::read_dir(path)
        .map_err(|source| StoreError::Io { what: StoreIo::ReadDir { path: path.display().to_string() }, source })?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("snap.") && name.ends_with(".generating") {
            std::fs::remove_file(entry.path()).map_err(|source| StoreError::Io {
                what: StoreIo::RemoveSnapshot { path: entry.path().display().to_string() },
                source,
            })?;
        }
    }
    Ok(())
}

/// Takes the store lock. When the holder is this very process (a store it just closed),
/// the lock can outlive the close for a moment: a child process being started at that
/// instant holds a copy of the lock file's descriptor until it executes its program. Wait
/// for that (up to 10 s) instead of reporting the store busy.
pub(super) fn take_own_lock(path: &Path) -> Result<std::fs::File, StoreError> {
    let mut attempts = 0;
    loop {
        match take_lock(path) {
            Err(StoreError::Locked { .. }) if attempts < 200 && held_by_this_process(path) => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// Whether the holder note names this process (`… process <pid> started …`).
fn held_by_this_process(path: &Path) -> bool {
    let note = holder(path);
    let pid = note.split(" process ").nth(1).and_then(|rest| rest.split_whitespace().next());
    pid.and_then(|p| p.parse::<u32>().ok()) == Some(std::process::id())
}

fn holder(path: &Path) -> String {
    std::fs::read_to_string(path.join(HOLDER_FILE)).unwrap_or_else(|_| "another frontdesk process".into())
}

pub(super) fn lock_or_sled(e: sled::Error, path: &Path) -> StoreError {
    if e.to_string().contains("could not acquire lock") {
        StoreError::Locked { path: path.display().to_string(), holder: holder(path) }
    } else if let sled::Error::Corruption { at, .. } = &e {
        let detail = at.map_or(Damage::SnapshotOrSettings, |at| Damage::Log { at: format!("{at:?}") });
        StoreError::Damaged { path: path.display().to_string(), detail }
    } else if let sled::Error::Unsupported(why) = &e {
        // frontdesk always opens with the same sled version and settings, so a store sled
        // calls unsupported has a damaged settings file (`conf`) rather than an old format.
        let detail = Damage::Settings { why: why.to_string() };
        StoreError::Damaged { path: path.display().to_string(), detail }
    } else {
        StoreError::Sled(e)
    }
}

/// Opens sled's files at `path` with a page cache of `cache_mb` MiB.
///
/// Called with frontdesk's lock held, so no other frontdesk process has the store; sled's
/// own lock can still be held for a moment by the background threads of a store this
/// process just closed. Wait for them (up to 10 s: on a loaded machine they can take a few
/// seconds to wind down) rather than report a busy store.
pub(super) fn open_sled(path: &Path, cache_mb: u64) -> Result<sled::Db, StoreError> {
    let config = sled::Config::new().path(path).cache_capacity(cache_mb * 1024 * 1024).flush_every_ms(Some(1000));
    let mut attempts = 0;
    loop {
        match config.open().map_err(|e| lock_or_sled(e, path)) {
            Err(StoreError::Locked { .. }) if attempts < 200 => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}
