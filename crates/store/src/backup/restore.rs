//! Reading a backup back: checking it whole, then restoring it into an empty store.

use super::format::{self, BackupError, BackupHeader, BackupSummary, EndLine, RecordLine};
use crate::store::shape::RESTORE_MARKER;
use crate::store::{SCHEMA_VERSION, Store, T, TREE_NAMES};
use frontdesk_core::i18n::errors::{BackupLine, BackupSays};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Longest line read (hex doubles a record; the largest, the analytics snapshot, is far
/// below this). A damaged file cannot make the reader hold more.
const MAX_LINE: u64 = 512 * 1024 * 1024;
/// Records written per sled batch, each batch flushed: sled holds what it has not flushed
/// in memory, so a large restore keeps its memory bounded only if it flushes as it goes.
const BATCH: u64 = 10_000;

/// Trees that hold the store's own data: a store with any of them non-empty is not empty
/// (a fresh store already has the seeded reward catalogue and its counters).
const DATA_TREES: [T; 9] = [
    T::Members,
    T::Stays,
    T::Ledger,
    T::Redemptions,
    T::Complaints,
    T::Operators,
    T::Audit,
    T::Approvals,
    T::Activities,
];

/// What a restore put back.
#[derive(Debug, Clone, Serialize)]
pub struct RestoreSummary {
    /// The backup's header.
    pub header: BackupHeader,
    /// Its records, per tree, and checksum.
    pub backup: BackupSummary,
}

/// One item of a backup after its header.
enum Item {
    Record(usize, Vec<u8>, Vec<u8>),
    End(EndLine),
}

/// Reads a backup line by line, hashing every line before the end line.
struct Reader {
    lines: BufReader<flate2::read::GzDecoder<std::fs::File>>,
    buf: Vec<u8>,
    line_no: u64,
    hasher: Sha256,
    header: BackupHeader,
}

impl Reader {
    fn open(path: &Path) -> Result<Reader, BackupError> {
        let file = std::fs::File::open(path).map_err(|e| {
            BackupError::Io(BackupSays::CannotOpen { path: path.display().to_string(), error: e.to_string() })
        })?;
        if file.metadata().map(|m| m.len()).unwrap_or(0) == 0 {
            return Err(BackupError::Invalid(BackupSays::EmptyFile { path: path.display().to_string() }));
        }
        let lines = BufReader::with_capacity(1 << 20, flate2::read::GzDecoder::new(file));
        let mut r = Reader { lines, buf: Vec::new(), line_no: 0, hasher: Sha256::new(), header: placeholder() };
        if !r.read_line()? {
            return Err(BackupError::Invalid(BackupSays::Empty));
        }
        r.hasher.update(&r.buf);
        let header: BackupHeader = serde_json::from_slice(&r.buf)
            .ok()
            .filter(|h: &BackupHeader| h.format == format::FORMAT_NAME)
            .ok_or_else(|| BackupError::Invalid(BackupSays::NoHeader))?;
        if header.format_version > format::FORMAT_VERSION {
            return Err(BackupError::Invalid(BackupSays::NewerLayout {
                found: header.format_version,
                supported: format::FORMAT_VERSION,
            }));
        }
        if header.schema_version > SCHEMA_VERSION {
            return Err(BackupError::Invalid(BackupSays::NewerSchema {
                found: header.schema_version,
                supported: SCHEMA_VERSION,
            }));
        }
        r.header = header;
        Ok(r)
    }

    /// Reads the next line into `buf`; false at the end of the file.
    fn read_line(&mut self) -> Result<bool, BackupError> {
        self.buf.clear();
        self.line_no += 1;
        let n = (&mut self.lines)
            .take(MAX_LINE)
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| BackupError::invalid_at(self.line_no, BackupLine::Unreadable { error: e.to_string() }))?;
        if n > 0 && self.buf.last() != Some(&b'\n') {
            return Err(BackupError::invalid_at(self.line_no, BackupLine::CutOff));
        }
        Ok(n > 0)
    }

    fn next(&mut self) -> Result<Item, BackupError> {
        if !self.read_line()? {
            return Err(BackupError::Invalid(BackupSays::NoEnd));
        }
        if let Ok(end) = serde_json::from_slice::<EndLine>(&self.buf)
            && end.end
        {
            return Ok(Item::End(end));
        }
        self.hasher.update(&self.buf);
        let line = self.line_no;
        let rec: RecordLine = serde_json::from_slice(&self.buf)
            .map_err(|e| BackupError::invalid_at(line, BackupLine::NotRecord { error: e.to_string() }))?;
        let tree = TREE_NAMES
            .iter()
            .position(|n| *n == rec.t)
            .ok_or_else(|| BackupError::invalid_at(line, BackupLine::UnknownTree { tree: rec.t.clone() }))?;
        let key = format::unhex(&rec.k).map_err(|reason| BackupError::invalid_at(line, BackupLine::Key { reason }))?;
        let value =
            format::unhex(&rec.v).map_err(|reason| BackupError::invalid_at(line, BackupLine::Value { reason }))?;
        Ok(Item::Record(tree, key, value))
    }

    /// Checks the end line against what was read: counts and checksum, and nothing after it.
    fn finish(mut self, end: EndLine, counts: &[u64; TREE_NAMES.len()]) -> Result<RestoreSummary, BackupError> {
        let sha = crate::store::hex(&self.hasher.clone().finalize());
        if sha != end.sha256 {
            return Err(BackupError::Invalid(BackupSays::Checksum { expected: end.sha256, computed: sha }));
        }
        let read: u64 = counts.iter().sum();
        if read != end.records {
            return Err(BackupError::Invalid(BackupSays::Count { says: end.records, holds: read }));
        }
        if self.read_line()? {
            return Err(BackupError::invalid_at(self.line_no, BackupLine::AfterEnd));
        }
        let trees = TREE_NAMES.iter().zip(counts).map(|(n, c)| ((*n).to_string(), *c)).collect();
        let backup = BackupSummary { schema_version: self.header.schema_version, records: read, trees, sha256: sha };
        Ok(RestoreSummary { header: self.header, backup })
    }
}

fn placeholder() -> BackupHeader {
    BackupHeader::new(0, 0)
}

/// Reads the whole backup and checks its header, every line, the counts and the checksum,
/// without touching any store.
pub fn check_file(path: &Path) -> Result<RestoreSummary, BackupError> {
    let mut r = Reader::open(path)?;
    let mut counts = [0u64; TREE_NAMES.len()];
    loop {
        match r.next()? {
            Item::Record(t, _, _) => counts[t] += 1,
            Item::End(end) => return r.finish(end, &counts),
        }
    }
}

/// Restores the backup at `path` into `store`, which must hold no data unless `force`.
///
/// The file is checked whole first, so a damaged or truncated backup changes nothing. The
/// restore then marks the store, replaces every tree and removes the mark last: a restore
/// cut short (a crash, a full disk) leaves a store that refuses to open until it is
/// restored again, never one that looks complete.
pub fn restore(store: &Store, path: &Path, force: bool) -> Result<RestoreSummary, BackupError> {
    check_file(path)?;
    let _writer = store.writer();
    store.note_bulk_work();
    if !force && let Some(t) = DATA_TREES.iter().find(|t| !store.tree(**t).is_empty()) {
        return Err(BackupError::NotEmpty(BackupSays::NotEmpty {
            path: store.path().display().to_string(),
            tree: t.name().to_string(),
        }));
    }
    let meta = store.tree(T::Meta);
    meta.insert(RESTORE_MARKER, &[][..]).map_err(io_store)?;
    store.flush()?;
    for (i, tree) in store.trees().iter().enumerate() {
        if i == T::Meta as usize {
            for key in meta.iter().keys() {
                let key = key.map_err(io_store)?;
                if key.as_ref() != RESTORE_MARKER {
                    meta.remove(key).map_err(io_store)?;
                }
            }
        } else {
            tree.clear().map_err(io_store)?;
        }
    }
    let mut r = Reader::open(path)?;
    let mut counts = [0u64; TREE_NAMES.len()];
    let mut batches: Vec<sled::Batch> = TREE_NAMES.iter().map(|_| sled::Batch::default()).collect();
    let mut pending = 0u64;
    let end = loop {
        match r.next()? {
            Item::Record(t, k, v) => {
                batches[t].insert(k, v);
                counts[t] += 1;
                pending += 1;
                if pending.is_multiple_of(BATCH) {
                    apply(store, &mut batches)?;
                    store.flush()?;
                }
            }
            Item::End(end) => break end,
        }
    };
    apply(store, &mut batches)?;
    let summary = r.finish(end, &counts)?;
    store.flush()?;
    meta.remove(RESTORE_MARKER).map_err(io_store)?;
    store.flush()?;
    store.reseal()?;
    Ok(summary)
}

fn apply(store: &Store, batches: &mut [sled::Batch]) -> Result<(), BackupError> {
    for (tree, batch) in store.trees().iter().zip(batches.iter_mut()) {
        tree.apply_batch(std::mem::take(batch)).map_err(io_store)?;
    }
    Ok(())
}

fn io_store(e: sled::Error) -> BackupError {
    BackupError::Store(e.into())
}
