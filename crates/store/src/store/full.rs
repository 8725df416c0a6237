//! A full disk told apart from other storage errors, with what to do about it (the
//! catalogue's `os.disk_full`).

use super::StoreError;
use frontdesk_core::i18n::errors::Os;

/// Whether an I/O error means the file system (or the user's quota) is full.
fn is_full(e: &std::io::Error) -> bool {
    matches!(e.kind(), std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded)
}

/// The file system's words for `e`, with what to do when the disk is full.
pub(super) fn os(e: &std::io::Error) -> Os {
    if is_full(e) { Os::DiskFull { error: e.to_string() } } else { Os::Error { error: e.to_string() } }
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
