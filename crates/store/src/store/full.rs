//! A full disk told apart from other storage errors, with what to do about it.

use super::StoreError;

/// What to do when the disk is full, after the file system's own words.
const DISK_FULL_HELP: &str = "the change may not have been saved. Free space on that disk, or stop frontdesk \
and move the store directory to a bigger one; then run the command again (with the same --external-ref it \
is not applied twice) and check with `frontdesk verify`. While the disk is full even reading fails: opening \
the store writes to it";

/// Whether an I/O error means the file system (or the user's quota) is full.
fn is_full(e: &std::io::Error) -> bool {
    matches!(e.kind(), std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded)
}

pub(super) fn io_message(e: &std::io::Error) -> String {
    if is_full(e) { format!("the disk holding the store is full ({e}): {DISK_FULL_HELP}") } else { e.to_string() }
}

impl StoreError {
    /// Whether the store failed because its disk (or the user's quota) is full.
    pub fn is_disk_full(&self) -> bool {
        match self {
            StoreError::Sled(sled::Error::Io(e)) | StoreError::Io { source: e, .. } => is_full(e),
            _ => false,
        }
    }
}
