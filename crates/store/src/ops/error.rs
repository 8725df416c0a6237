//! Errors of operations, with the exit code each maps to.

use super::ExitCode;
use crate::store::StoreError;
use frontdesk_core::i18n::errors::{Clash, Fault, Missing, Reason, Refusal, StoreSays};
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
        reason: Reason,
    },
    /// Something the request names does not exist (exit 3).
    #[error("{0}")]
    NotFound(Missing),
    /// The rules refuse the request (exit 3).
    #[error("{0}")]
    Refused(Refusal),
    /// An external reference was reused with a different payload (exit 3).
    #[error("{0}")]
    Conflict(Clash),
    /// The store failed (exit 1, or 4 when locked).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A sled transaction step failed; retried or turned into `Store` by the runner.
    #[error("{}", StoreSays::Transaction)]
    Tx(sled::transaction::UnabortableTransactionError),
}

impl OpError {
    /// An `Invalid` error for `field`.
    pub(crate) fn invalid(field: &str, reason: Reason) -> OpError {
        OpError::Invalid { field: field.to_string(), reason }
    }

    /// What the error says, as a value to send and render in any language.
    pub fn fault(&self) -> Fault {
        match self {
            OpError::Invalid { field, reason } => Fault::invalid(field, reason.clone()),
            OpError::NotFound(m) => m.clone().into(),
            OpError::Refused(m) => m.clone().into(),
            OpError::Conflict(m) => m.clone().into(),
            OpError::Store(e) => e.fault(),
            OpError::Tx(_) => StoreSays::Transaction.into(),
        }
    }

    /// Process exit code for this error.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            OpError::Invalid { .. } => ExitCode::Usage,
            OpError::NotFound(_) | OpError::Refused(_) | OpError::Conflict(_) => ExitCode::Data,
            OpError::Store(StoreError::Locked { .. }) => ExitCode::Busy,
            OpError::Store(_) | OpError::Tx(_) => ExitCode::Runtime,
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
