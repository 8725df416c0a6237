//! Headless import: bytes → records ([`source`]) → our fields ([`mapping`]) → one
//! `ops::Command` per row ([`sink`]) → batches applied through `ops` ([`loader`]), with a
//! reject report. Rows read = applied + duplicates + rejected, always.

mod activities;
mod apply;
pub mod batch;
mod csvfile;
pub(crate) mod currency;
mod decimal;
pub(crate) mod delimiter;
pub(crate) mod encoding;
pub mod loader;
pub(crate) mod mapping;
mod phones;
mod plausible;
mod prepare;
mod recorded;
pub(crate) mod script;
pub(crate) mod sink;
pub mod source;
mod summary;
mod utf16;

pub use delimiter::Delimiter;
pub use encoding::{EncodingChoice, EncodingFrom};
pub use loader::{Duplicate, Input, Options, Progress, Reject, Report, Summary, Unwatched, run, run_reporting};
pub use mapping::Mapping;
pub use prepare::{guess_format, load_mapping};
pub use sink::Kind;
pub use source::{Format, SourceSpec};

use frontdesk_core::i18n::errors::{Fault, ImportSays};

/// What is wrong with one row: the column (or `-`) and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Source column, `#N` for a position without a header name, or `-`.
    pub column: String,
    /// What is wrong and what to do.
    pub reason: Fault,
}

impl Problem {
    /// A problem with `column`.
    pub(crate) fn new(column: &str, reason: impl Into<Fault>) -> Problem {
        Problem { column: column.to_string(), reason: reason.into() }
    }
}

/// Why an import stopped before reading every row. Nothing of the current batch was
/// written; earlier batches were (unless `--dry-run` or `--strict` said otherwise).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input as a whole is unusable (empty, bad header, unreadable).
    #[error("{0}")]
    Source(source::SourceError),
    /// The mapping or the options are wrong.
    #[error("{0}")]
    Usage(ImportSays),
    /// The store failed.
    #[error(transparent)]
    Op(#[from] frontdesk_store::ops::OpError),
}

impl ImportError {
    /// Process exit code: 2 for bad input or usage, else the store error's code.
    pub fn exit_code(&self) -> frontdesk_store::ops::ExitCode {
        match self {
            ImportError::Source(_) | ImportError::Usage(_) => frontdesk_store::ops::ExitCode::Usage,
            ImportError::Op(e) => e.exit_code(),
        }
    }
}

impl ImportError {
    /// What the error says, as a value to send and render in any language.
    pub fn fault(&self) -> Fault {
        match self {
            ImportError::Source(e) => e.fault(),
            ImportError::Usage(m) => m.clone().into(),
            ImportError::Op(e) => e.fault(),
        }
    }
}

impl From<source::SourceError> for ImportError {
    fn from(e: source::SourceError) -> Self {
        ImportError::Source(e)
    }
}

/// Problems with `[import]` settings, as (dotted key, reason): checked when the
/// configuration loads.
pub fn config_issues(c: &frontdesk_core::config::Config) -> Vec<(String, frontdesk_core::i18n::Fault)> {
    match EncodingChoice::parse(&c.import.encoding) {
        Ok(_) => Vec::new(),
        Err(e) => vec![("import.encoding".into(), e.into())],
    }
}
