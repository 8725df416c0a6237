//! Errors of operations, with the exit code each maps to.

use crate::store::StoreError;
use thiserror::Error;

/// Why a command did not apply. Nothing was written in every case.
#[derive(Debug, Error)]
pub enum OpError {
    /// A field of the request is malformed (exit 2).
    #[error("{field}: {reason}")]
    Invalid {
        /// Field name as the user typed it.
        field: String,
        /// What is wrong and what to do.
        reason: String,
    },
    /// Something the request names does not exist (exit 3).
    #[error("{0}")]
    NotFound(String),
    /// The rules refuse the request (exit 3).
    #[error("{0}")]
    Refused(String),
    /// An external reference was reused with a different payload (exit 3).
    #[error("{0}")]
    Conflict(String),
    /// The store failed (exit 1, or 4 when locked).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A sled transaction step failed; retried or turned into `Store` by the runner.
    #[error("transaction step failed")]
    Tx(sled::transaction::UnabortableTransactionError),
}

impl OpError {
    /// An `Invalid` error for `field`.
    pub fn invalid(field: &str, reason: impl Into<String>) -> OpError {
        OpError::Invalid { field: field.to_string(), reason: reason.into() }
    }

    /// Process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            OpError::Invalid { .. } => 2,
            OpError::NotFound(_) | OpError::Refused(_) | OpError::Conflict(_) => 3,
            OpError::Store(StoreError::Locked { .. }) => 4,
            OpError::Store(_) | OpError::Tx(_) => 1,
        }
    }
}

impl From<sled::transaction::UnabortableTransactionError> for OpError {
    fn from(e: sled::transaction::UnabortableTransactionError) -> Self {
        OpError::Tx(e)
    }
}

impl From<sled::Error> for OpError {
    fn from(e: sled::Error) -> Self {
        OpError::Store(StoreError::Sled(e))
    }
}
