//! What can go wrong with the store itself, said so that an operator knows what to do.

use frontdesk_core::i18n::errors::{Damage, Decode, Os, StoreIo, StoreSays};

/// Something went wrong with the store itself.
#[derive(Debug)]
pub enum StoreError {
    /// Another process holds the store.
    Locked {
        /// Store directory.
        path: String,
        /// Who holds it, as far as known.
        holder: String,
    },
    /// The store was written by a newer frontdesk.
    NewerSchema {
        /// Store directory.
        path: String,
        /// Version found.
        found: u32,
        /// Version supported.
        supported: u32,
    },
    /// A record cannot be decoded.
    Corrupt {
        /// Tree name.
        tree: &'static str,
        /// Key in hex.
        key: String,
        /// What is wrong.
        reason: Decode,
    },
    /// The store holds fewer commits than when it was last closed: its log was damaged.
    LostWrites {
        /// Store directory.
        path: String,
        /// Commits recorded at the last close.
        sealed: u64,
        /// Commits found.
        found: u64,
    },
    /// A restore into this store started and did not finish.
    RestoreInterrupted {
        /// Store directory.
        path: String,
    },
    /// sled cannot read the store's files: they are damaged.
    Damaged {
        /// Store directory.
        path: String,
        /// What sled reported.
        detail: Damage,
    },
    /// sled reported an error (a full disk is told apart, see [`StoreError::is_disk_full`]).
    Sled(sled::Error),
    /// The thread applying the server's group commits failed on this command's group:
    /// nothing of it was saved.
    WriterFailed,
    /// File system error outside sled.
    Io {
        /// What was being done.
        what: StoreIo,
        /// The error.
        source: std::io::Error,
    },
}

impl StoreError {
    /// What the error says, as a value to send and render in any language.
    pub fn fault(&self) -> frontdesk_core::i18n::Fault {
        self.says().into()
    }

    /// What the error says, as a message to render in any language.
    pub(crate) fn says(&self) -> StoreSays {
        match self {
            StoreError::Locked { path, holder } => StoreSays::Locked { path: path.clone(), holder: holder.clone() },
            StoreError::NewerSchema { path, found, supported } => {
                StoreSays::NewerSchema { path: path.clone(), found: *found, supported: *supported }
            }
            StoreError::Corrupt { tree, key, reason } => {
                StoreSays::Corrupt { tree: tree.to_string(), key: key.clone(), reason: reason.clone() }
            }
            StoreError::LostWrites { path, sealed, found } => {
                StoreSays::LostWrites { path: path.clone(), sealed: *sealed, found: *found }
            }
            StoreError::RestoreInterrupted { path } => StoreSays::RestoreInterrupted { path: path.clone() },
            StoreError::Damaged { path, detail } => StoreSays::Damaged { path: path.clone(), detail: detail.clone() },
            // sled's own words, without the empty backtrace it appends to corruption reports,
            // and with what to do about them and about a full disk.
            StoreError::Sled(sled::Error::Corruption { at, .. }) => StoreSays::SledCorruption { at: format!("{at:?}") },
            StoreError::Sled(sled::Error::Io(io)) => StoreSays::Sled { error: super::full::os(io) },
            StoreError::Sled(other) => StoreSays::Sled { error: Os::Error { error: other.to_string() } },
            StoreError::Io { what, source } => StoreSays::Io { what: what.clone(), error: super::full::os(source) },
            StoreError::WriterFailed => StoreSays::WriterFailed,
        }
    }

    /// The same error again, for each command of a group that failed together (an OS
    /// error keeps its kind and words).
    pub fn copy(&self) -> StoreError {
        match self {
            StoreError::Locked { path, holder } => StoreError::Locked { path: path.clone(), holder: holder.clone() },
            StoreError::NewerSchema { path, found, supported } => {
                StoreError::NewerSchema { path: path.clone(), found: *found, supported: *supported }
            }
            StoreError::Corrupt { tree, key, reason } => {
                StoreError::Corrupt { tree, key: key.clone(), reason: reason.clone() }
            }
            StoreError::LostWrites { path, sealed, found } => {
                StoreError::LostWrites { path: path.clone(), sealed: *sealed, found: *found }
            }
            StoreError::RestoreInterrupted { path } => StoreError::RestoreInterrupted { path: path.clone() },
            StoreError::Damaged { path, detail } => StoreError::Damaged { path: path.clone(), detail: detail.clone() },
            StoreError::Sled(e) => StoreError::Sled(e.clone()),
            StoreError::WriterFailed => StoreError::WriterFailed,
            StoreError::Io { what, source } => StoreError::Io {
                what: what.clone(),
                source: match source.raw_os_error() {
                    Some(code) => std::io::Error::from_raw_os_error(code),
                    None => std::io::Error::new(source.kind(), source.to_string()),
                },
            },
        }
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.says().fmt(f)
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Sled(e) => Some(e),
            StoreError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> Self {
        StoreError::Sled(e)
    }
}
