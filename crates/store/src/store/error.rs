//! What can go wrong with the store itself, said so that an operator knows what to do.

use thiserror::Error;

/// Something went wrong with the store itself.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Another process holds the store.
    #[error("the store at {path} is in use by {holder}; close it there or run `frontdesk serve` to share it")]
    Locked {
        /// Store directory.
        path: String,
        /// Who holds it, as far as known.
        holder: String,
    },
    /// The store was written by a newer frontdesk.
    #[error(
        "the store at {path} has schema version {found}, newer than this frontdesk supports ({supported}); upgrade frontdesk"
    )]
    NewerSchema {
        /// Store directory.
        path: String,
        /// Version found.
        found: u32,
        /// Version supported.
        supported: u32,
    },
    /// A record cannot be decoded.
    #[error(
        "corrupt record in tree `{tree}` at key {key}: {reason}; run `frontdesk verify` and restore from a backup if needed"
    )]
    Corrupt {
        /// Tree name.
        tree: &'static str,
        /// Key in hex.
        key: String,
        /// What is wrong.
        reason: String,
    },
    /// The store holds fewer commits than when it was last closed: its log was damaged.
    #[error(
        "the store at {path} holds fewer writes than when it was last closed ({found} of {sealed} commits): its files were damaged while it was closed and the rest of its log was dropped; restore the latest backup (`frontdesk restore --force FILE`) or copy what is left with `frontdesk salvage --into NEW-DIR`"
    )]
    LostWrites {
        /// Store directory.
        path: String,
        /// Commits recorded at the last close.
        sealed: u64,
        /// Commits found.
        found: u64,
    },
    /// A restore into this store started and did not finish.
    #[error(
        "the store at {path} holds an unfinished restore (it was interrupted); run `frontdesk restore FILE --force` again with the same backup before using it"
    )]
    RestoreInterrupted {
        /// Store directory.
        path: String,
    },
    /// sled cannot read the store's files: they are damaged.
    #[error(
        "the store files at {path} are damaged and cannot be opened ({detail}); restore the latest backup into a new store (`frontdesk --db NEW-DIR restore FILE`), and keep the damaged files for inspection"
    )]
    Damaged {
        /// Store directory.
        path: String,
        /// What sled reported.
        detail: String,
    },
    /// sled reported an error (a full disk is told apart, see [`StoreError::is_disk_full`]).
    #[error("storage error: {}", sled_message(.0))]
    Sled(#[from] sled::Error),
    /// File system error outside sled.
    #[error("{what}: {}", super::full::io_message(source))]
    Io {
        /// What was being done.
        what: String,
        /// The error.
        source: std::io::Error,
    },
}

/// sled's message, without the empty backtrace it appends to corruption reports, and with
/// what to do about them and about a full disk.
fn sled_message(e: &sled::Error) -> String {
    match e {
        sled::Error::Corruption { at, .. } => format!(
            "damaged data in the store files (at {at:?}); run `frontdesk verify --deep`, then `frontdesk salvage` or restore a backup"
        ),
        sled::Error::Io(io) => super::full::io_message(io),
        other => other.to_string(),
    }
}
