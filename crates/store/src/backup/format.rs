//! The lines of a backup file and their errors.

use crate::store::StoreError;
use frontdesk_core::i18n::errors::{BackupLine, BackupSays, Hex};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use thiserror::Error;

/// The header's `format` value.
pub(crate) const FORMAT_NAME: &str = "frontdesk-backup";
/// Version of the backup layout (not of the records inside it).
pub(crate) const FORMAT_VERSION: u32 = 1;

/// A backup could not be written, read or restored.
#[derive(Debug, Error)]
pub enum BackupError {
    /// The store could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The file could not be written or read.
    #[error("{0}")]
    Io(BackupSays),
    /// The file is not a complete, intact frontdesk backup.
    #[error("{0}")]
    Invalid(BackupSays),
    /// The target store already holds data.
    #[error("{0}")]
    NotEmpty(BackupSays),
}

impl BackupError {
    /// The file could not be written: `e`, with what to do when the disk is full.
    pub fn io(e: std::io::Error) -> BackupError {
        BackupError::Io(if e.kind() == std::io::ErrorKind::StorageFull {
            BackupSays::DiskFull { error: e.to_string() }
        } else {
            BackupSays::Write { error: e.to_string() }
        })
    }

    pub(super) fn write(reason: String) -> BackupError {
        BackupError::Io(BackupSays::Write { error: reason })
    }

    pub(super) fn invalid_at(line: u64, reason: BackupLine) -> BackupError {
        BackupError::Invalid(BackupSays::AtLine { line, reason })
    }
}

/// First line of a backup.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackupHeader {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// Layout version, [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Schema version of the store that was backed up.
    pub schema_version: u32,
    /// frontdesk version that wrote it.
    pub written_by: String,
    /// When, RFC 3339 UTC.
    pub created_at: String,
}

impl BackupHeader {
    pub(super) fn new(schema_version: u32, created_at_ms: i64) -> BackupHeader {
        let created_at = chrono::DateTime::from_timestamp_millis(created_at_ms)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default();
        BackupHeader {
            format: FORMAT_NAME.into(),
            format_version: FORMAT_VERSION,
            schema_version,
            written_by: format!("frontdesk {}", env!("CARGO_PKG_VERSION")),
            created_at,
        }
    }
}

/// What a backup holds.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct BackupSummary {
    /// Schema version of the records.
    pub schema_version: u32,
    /// Records in all trees.
    pub records: u64,
    /// Records per tree.
    pub trees: BTreeMap<String, u64>,
    /// SHA-256 of every line before the end line, hex.
    pub sha256: String,
}

/// Last line of a backup.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct EndLine {
    pub end: bool,
    pub records: u64,
    pub trees: BTreeMap<String, u64>,
    pub sha256: String,
}

impl From<&BackupSummary> for EndLine {
    fn from(s: &BackupSummary) -> EndLine {
        EndLine { end: true, records: s.records, trees: s.trees.clone(), sha256: s.sha256.clone() }
    }
}

/// One record line as read back.
#[derive(Debug, Deserialize)]
pub(super) struct RecordLine {
    pub t: String,
    pub k: String,
    pub v: String,
}

/// Appends `{"t":tree,"k":hex,"v":hex}\n` to `out`. Tree names are plain ASCII and hex
/// needs no escaping, so the line is written directly.
pub(super) fn record_line(out: &mut Vec<u8>, tree: &str, key: &[u8], value: &[u8]) {
    out.extend_from_slice(b"{\"t\":\"");
    out.extend_from_slice(tree.as_bytes());
    out.extend_from_slice(b"\",\"k\":\"");
    push_hex(out, key);
    out.extend_from_slice(b"\",\"v\":\"");
    push_hex(out, value);
    out.extend_from_slice(b"\"}\n");
}

fn push_hex(out: &mut Vec<u8>, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)]);
        out.push(DIGITS[usize::from(b & 15)]);
    }
}

/// Bytes of a hex string, or what is wrong with it.
pub(super) fn unhex(s: &str) -> Result<Vec<u8>, Hex> {
    if !s.len().is_multiple_of(2) {
        return Err(Hex::Odd);
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Ok(c - b'0'),
        b'a'..=b'f' => Ok(c - b'a' + 10),
        b'A'..=b'F' => Ok(c - b'A' + 10),
        _ => Err(Hex::NotDigit { digit: char::from(c) }),
    };
    s.as_bytes().chunks(2).map(|p| Ok(digit(p[0])? << 4 | digit(p[1])?)).collect()
}
