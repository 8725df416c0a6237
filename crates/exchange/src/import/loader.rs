//! Applying records in batches: one transaction and one flush per batch, counts kept so
//! that read = applied + duplicates + rejected, rejects reported with line, column and
//! reason, `--dry-run` (each window run and then discarded), `--strict` (a full dry run
//! first, then apply only if nothing was rejected), and a stop flag checked between batches.

use super::apply::{self, Applier};
use super::delimiter::Delimiter;
use super::encoding::{EncodingChoice, EncodingFrom};
use super::mapping::Mapping;
use super::sink::{self, Kind, Money, Row};
use super::source::{Format, RawRecord, Records, SourceSpec};
pub use super::summary::{Duplicate, Reject, Report, Summary};
use super::{ImportError, Problem};
use frontdesk_core::i18n::errors::{HeaderRead, ImportSays, RowSays};
use frontdesk_store::ops::{Command, Ctx};
use frontdesk_store::store::Store;
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Rows per transaction when applying: 1,000 keeps a 1,000,000-row import of new guests
/// under 512 MiB (474 MiB measured; 2,000 reached 543 MiB) at about the same speed.
pub const BATCH: usize = 1_000;
/// Rows per discarded transaction for `--dry-run` and the `--strict` check: rows see the
/// effects of earlier rows in the same window only.
pub(crate) const DRY_WINDOW: usize = 50_000;

/// Where the bytes come from.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file (can be read twice, for `--strict`).
    Path(PathBuf),
    /// Bytes in memory.
    Bytes(Arc<[u8]>),
    /// Standard input (read once).
    Stdin,
}

impl Input {
    fn open(&self) -> Result<Box<dyn Read + Send>, ImportError> {
        Ok(match self {
            Input::Path(p) => Box::new(std::io::BufReader::with_capacity(
                1 << 16,
                std::fs::File::open(p).map_err(|e| {
                    ImportError::Usage(ImportSays::CannotOpen { path: p.display().to_string(), error: e.to_string() })
                })?,
            )),
            Input::Bytes(b) => Box::new(std::io::Cursor::new(b.clone())),
            Input::Stdin => Box::new(std::io::stdin()),
        })
    }

    fn len(&self) -> Option<u64> {
        match self {
            Input::Path(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            Input::Bytes(b) => Some(b.len() as u64),
            Input::Stdin => None,
        }
    }
}

/// How to import.
#[derive(Debug, Clone)]
pub struct Options {
    /// What the rows are.
    pub kind: Kind,
    /// CSV or JSONL.
    pub format: Format,
    /// Text encoding asked for; `None` takes the site's `[import] encoding`.
    pub encoding: Option<EncodingChoice>,
    /// Foreign layout; our own columns when absent.
    pub mapping: Option<Mapping>,
    /// CSV field separator; the mapping's `delimiter`, else a comma, when absent.
    pub delimiter: Option<Delimiter>,
    /// Validate everything, write nothing.
    pub dry_run: bool,
    /// Apply nothing if any row is bad.
    pub strict: bool,
    /// Rows per transaction.
    pub batch: usize,
    /// Set (e.g. by Ctrl-C) to stop after the current batch.
    pub stop: Arc<AtomicBool>,
    /// Hears how far the import got (the CLI draws a bar from it; nobody else listens).
    pub progress: Arc<dyn Progress>,
}

/// How far an import got, for whoever shows it: the import itself draws nothing, so this
/// crate needs no terminal.
pub trait Progress: Send + Sync + std::fmt::Debug {
    /// The input is `bytes` long.
    fn length(&self, _bytes: u64) {}
    /// `bytes` of the input read, `rows` rows so far.
    fn position(&self, _bytes: u64, _rows: u64) {}
    /// The import ended (done, stopped or failed).
    fn finish(&self) {}
}

/// Nobody is watching.
#[derive(Debug)]
pub struct Unwatched;

impl Progress for Unwatched {}

impl Options {
    /// Defaults for `kind`: CSV, detected encoding, our layout, batches of [`BATCH`].
    pub fn new(kind: Kind) -> Options {
        Options {
            kind,
            format: Format::Csv,
            encoding: None,
            mapping: None,
            delimiter: None,
            dry_run: false,
            strict: false,
            batch: BATCH,
            stop: Arc::new(AtomicBool::new(false)),
            progress: Arc::new(Unwatched),
        }
    }
}

/// Imports `input` into `store`. Each rejected row is passed to `on_reject`.
pub fn run(
    store: &Store,
    ctx: &Ctx<'_>,
    input: &Input,
    opts: &Options,
    on_reject: &mut dyn FnMut(&Reject),
) -> Result<Summary, ImportError> {
    run_reporting(store, ctx, input, opts, &mut Report { reject: on_reject, duplicate: None })
}

/// Imports `input` into `store`, telling `out` of each row rejected or counted as a
/// duplicate.
pub fn run_reporting(
    store: &Store,
    ctx: &Ctx<'_>,
    input: &Input,
    opts: &Options,
    out: &mut Report<'_>,
) -> Result<Summary, ImportError> {
    let started = Instant::now();
    let native = Mapping::native(opts.kind.fields());
    let mapping = opts.mapping.as_ref().unwrap_or(&native);
    let mut summary = if opts.dry_run {
        pass(store, ctx, input, opts, mapping, true, out)?
    } else if opts.strict {
        if matches!(input, Input::Stdin) {
            return Err(ImportError::Usage(ImportSays::StrictTwice));
        }
        // Duplicates are listed by the pass that settles the outcome, so none twice.
        let mut check_out = Report { reject: &mut *out.reject, duplicate: None };
        let check = pass(store, ctx, input, opts, mapping, true, &mut check_out)?;
        if check.bad > 0 || check.interrupted {
            if let Some(list) = out.duplicate.as_deref_mut() {
                pass(
                    store,
                    ctx,
                    input,
                    opts,
                    mapping,
                    true,
                    &mut Report { reject: &mut |_| {}, duplicate: Some(list) },
                )?;
            }
            Summary { rejected: check.read - check.duplicates, applied: 0, strict_refused: check.bad > 0, ..check }
        } else {
            // Rows can still fail here if they depend on rows more than a window apart.
            pass(store, ctx, input, opts, mapping, false, out)?
        }
    } else {
        pass(store, ctx, input, opts, mapping, false, out)?
    };
    summary.kind = opts.kind.name().into();
    summary.dry_run = opts.dry_run;
    summary.seconds = started.elapsed().as_secs_f64();
    summary.rows_per_second = if summary.seconds > 0.0 { summary.read as f64 / summary.seconds } else { 0.0 };
    opts.progress.finish();
    Ok(summary)
}

fn check_header(recs: &Records, opts: &Options, mapping: &Mapping) -> Result<(), ImportError> {
    let Some(h) = recs.header() else { return Ok(()) };
    let fail = |column: &str, reason: ImportSays| ImportError::Source(super::source::header_error(column, reason));
    if opts.mapping.is_none() {
        let known = opts.kind.fields();
        if let Some(n) = h.names.iter().find(|n| !known.contains(&n.as_str())) {
            return Err(fail(
                n,
                ImportSays::UnknownColumn {
                    kind: opts.kind.name().to_string(),
                    known: known.join(", "),
                    header: if n.is_ascii() { None } else { header_as_read(recs) },
                },
            ));
        }
        if let Some(r) = opts.kind.required().iter().find(|r| h.position(r).is_none()) {
            return Err(fail(r, ImportSays::RequiredColumn));
        }
    } else if let Some(c) = mapping.columns().into_iter().find(|c| h.position(c).is_none()) {
        return Err(fail(&c, ImportSays::MappedColumn { header: header_as_read(recs) }));
    }
    Ok(())
}

/// What the header holds, as read: a header garbled by a wrong encoding shows it.
fn header_as_read(recs: &Records) -> Option<HeaderRead> {
    let h = recs.header()?;
    let names: Vec<&str> = h.names.iter().map(|n| n.as_str()).take(12).collect();
    let detected = recs.detected();
    Some(HeaderRead::As {
        names: names.join(", "),
        encoding: detected.encoding.name().to_string(),
        how: detected.from.says(),
    })
}

/// JSONL in our own layout: a key that is not one of our fields is a typo, not data to drop.
fn unknown_key(rec: &RawRecord, opts: &Options) -> Option<Problem> {
    if opts.mapping.is_some() || rec.line_text.is_none() || rec.problem.is_some() {
        return None;
    }
    let known = opts.kind.fields();
    rec.header
        .names
        .iter()
        .find(|n| !known.contains(&n.as_str()))
        .map(|n| Problem::new(n, RowSays::UnknownField { kind: opts.kind.name().to_string(), known: known.join(", ") }))
}

/// A record read and turned into a command (or the problem that stopped it).
type Built = (RawRecord, Result<Command, Problem>);

/// What the reading thread hands over: records turned into commands, and how far into the
/// input it got (for the progress bar).
type Chunk = Result<(Vec<Built>, u64), ImportError>;

fn pass(
    store: &Store,
    ctx: &Ctx<'_>,
    input: &Input,
    opts: &Options,
    mapping: &Mapping,
    discard: bool,
    out: &mut Report<'_>,
) -> Result<Summary, ImportError> {
    let (choice, from) = match opts.encoding {
        Some(choice) => (choice, EncodingFrom::Option),
        None => {
            (EncodingChoice::parse(&ctx.config.import.encoding).unwrap_or(EncodingChoice::Auto), EncodingFrom::Site)
        }
    };
    let delimiter = opts.delimiter.or_else(|| mapping.delimiter());
    let spec = SourceSpec { format: opts.format, encoding: choice, from, delimiter };
    let records = Records::open(input.open()?, &spec)?;
    let detected = records.detected();
    let delimiter_used = records.delimiter().map(|d| d.name());
    check_header(&records, opts, mapping)?;
    if let Some(len) = input.len() {
        opts.progress.length(len);
    }
    let batch = if discard { DRY_WINDOW.max(opts.batch) } else { opts.batch.max(1) };
    let mut p = Applier::new(store, ctx, mapping, discard);
    // The whole pass holds the writer lock: batches are worked out over plain reads.
    let _writer = store.writer();
    // Decoding and mapping run on their own thread, a chunk ahead of the batches being
    // worked out, and each batch is written on a third while the next is worked out: on
    // a two-core machine parsing and working out overlap the store's writes.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Chunk>(2);
    let conversion = super::currency::for_store(mapping, ctx.config).map_err(ImportError::Usage)?;
    let money = Money { minor_digits: ctx.config.store.minor_digits, conversion: conversion.as_ref() };
    let today = ctx.today;
    std::thread::scope(|scope| {
        scope.spawn(move || read_ahead(records, opts, mapping, (money, today), batch, &tx));
        if !discard {
            p.writer = Some(apply::spawn_writer(scope, store));
        }
        let result = feed(&mut p, &rx, opts, out).and_then(|()| p.settle(out));
        // Dropping the channels ends both threads before the scope waits for them.
        p.writer = None;
        drop(rx);
        result
    })?;
    p.summary.converted = conversion.as_ref().map(|c| format!("{} at {}", c.currency, c.rate()));
    p.summary.encoding = detected.encoding.name().to_string();
    p.summary.delimiter = delimiter_used;
    p.summary.encoding_from = detected.from;
    Ok(p.summary)
}

fn feed(
    p: &mut Applier<'_, '_>,
    rx: &std::sync::mpsc::Receiver<Chunk>,
    opts: &Options,
    out: &mut Report<'_>,
) -> Result<(), ImportError> {
    for chunk in rx {
        let (built, position) = chunk?;
        for (rec, cmd) in built {
            p.push(rec, cmd, out)?;
        }
        p.flush(out)?;
        opts.progress.position(position, p.summary.read);
        if opts.stop.load(Ordering::SeqCst) {
            p.summary.interrupted = true;
            break;
        }
    }
    Ok(())
}

/// Reads records and builds their commands, `batch` at a time, until the input ends, the
/// input fails, or the receiver hangs up.
fn read_ahead(
    mut records: Records,
    opts: &Options,
    mapping: &Mapping,
    (money, today): (Money<'_>, chrono::NaiveDate),
    batch: usize,
    tx: &std::sync::mpsc::SyncSender<Chunk>,
) {
    loop {
        let mut built = Vec::with_capacity(batch);
        let mut end = false;
        while built.len() < batch {
            match records.next_record() {
                Ok(Some(rec)) => {
                    let row = Row { rec: &rec, map: mapping, money, today };
                    let cmd = unknown_key(&rec, opts).map_or_else(|| sink::build(opts.kind, &row), Err);
                    built.push((rec, cmd));
                }
                Ok(None) => {
                    end = true;
                    break;
                }
                Err(e) => {
                    let _ = tx.send(Err(e.into()));
                    return;
                }
            }
        }
        if tx.send(Ok((built, records.bytes_read()))).is_err() || end {
            return;
        }
    }
}
