//! Bytes → records: CSV (RFC 4180) or JSONL, in the encoding [`super::encoding`] settles
//! on. Each record keeps its 1-based line number and its raw fields
//! so that a rejected row can be written back as it was.

use super::Problem;
use super::delimiter::Delimiter;
use super::encoding::{Detected, EncodingChoice, EncodingFrom};
use encoding_rs::{Encoding, UTF_8};
use frontdesk_core::i18n::errors::{Fault, ImportSays, RowSays};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::sync::Arc;

/// Longest field accepted, in bytes.
pub(crate) const MAX_FIELD: usize = 10_000;
/// Bytes looked at to detect the encoding.
const SAMPLE: usize = 64 * 1024;
/// Bytes read ahead, while the input is still plain ASCII, to find text to judge: a long
/// English list can hold its first Chinese name far down.
const SAMPLE_MOST: usize = 8 << 20;

/// Input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header line.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// Column names of a record and their positions.
#[derive(Debug, Default)]
pub struct Header {
    /// Names in file order.
    pub names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Header {
    pub(super) fn new(names: Vec<String>) -> Result<Header, Problem> {
        let mut index = HashMap::with_capacity(names.len());
        for (i, n) in names.iter().enumerate() {
            if let Some(first) = index.insert(n.clone(), i) {
                return Err(Problem::new(n, RowSays::Twice { first: first + 1, second: i + 1 }));
            }
        }
        Ok(Header { names, index })
    }

    /// Position of a column.
    pub(crate) fn position(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
}

/// One record as read.
#[derive(Debug, Clone)]
pub struct RawRecord {
    /// 1-based line where the record starts.
    pub line: u64,
    /// 1-based number of the record among the data rows (the header is not one).
    pub row: u64,
    /// Column names.
    pub header: Arc<Header>,
    /// Raw field bytes, in header order.
    pub fields: csv::ByteRecord,
    /// A problem found while reading (ragged row, bad JSON…).
    pub problem: Option<Problem>,
    /// Encoding of the field bytes.
    pub encoding: &'static Encoding,
    /// JSONL: the line as read, for the reject file.
    pub line_text: Option<Vec<u8>>,
}

impl RawRecord {
    /// Trimmed text of a column; `None` when the column is absent or empty.
    pub fn get(&self, column: &str) -> Result<Option<Cow<'_, str>>, Problem> {
        let Some(bytes) = self.header.position(column).and_then(|i| self.fields.get(i)) else {
            return Ok(None);
        };
        let text = decode(self.encoding, bytes)
            .ok_or_else(|| Problem::new(column, RowSays::NotTextGive { encoding: self.encoding.name().to_string() }))?;
        check_text(column, &text)?;
        Ok(match text {
            Cow::Borrowed(s) if s.trim().is_empty() => None,
            Cow::Borrowed(s) => Some(Cow::Borrowed(s.trim())),
            Cow::Owned(s) if s.trim().is_empty() => None,
            Cow::Owned(s) => Some(Cow::Owned(s.trim().to_string())),
        })
    }

    /// The record as it was in the file (lossily decoded), for the reject and duplicates
    /// files; a field longer than [`MAX_COPIED`] bytes is cut there and marked, so that
    /// one 50 MB cell cannot fill the disk with copies.
    pub(crate) fn original(&self) -> String {
        if let Some(line) = &self.line_text {
            let text = self.encoding.decode_without_bom_handling(line).0;
            if text.len() <= MAX_COPIED || self.fields.len() != self.header.names.len() || self.fields.is_empty() {
                return cut(&text, MAX_COPIED);
            }
            // A long JSON line that parsed: its fields cut one by one (as text).
            let object: serde_json::Map<String, serde_json::Value> = self
                .header
                .names
                .iter()
                .zip(self.fields.iter())
                .map(|(k, v)| (k.clone(), cut(&String::from_utf8_lossy(v), MAX_COPIED).into()))
                .collect();
            return serde_json::Value::Object(object).to_string();
        }
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
        let fields: Vec<String> =
            self.fields.iter().map(|f| cut(&self.encoding.decode_without_bom_handling(f).0, MAX_COPIED)).collect();
        let _ = w.write_record(&fields);
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8_lossy(&bytes).trim_end_matches('\n').to_string()
    }
}

/// Most bytes of one field copied into a reject or duplicates file.
pub(crate) const MAX_COPIED: usize = 1_000;

/// `text` cut to at most `most` bytes at a character boundary, marked `…[N bytes]` when cut.
fn cut(text: &str, most: usize) -> String {
    if text.len() <= most {
        return text.to_string();
    }
    let end = (0..=most).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
    format!("{}…[{} bytes]", &text[..end], text.len())
}

pub(super) fn decode<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> Option<Cow<'a, str>> {
    if enc == UTF_8 {
        std::str::from_utf8(bytes).ok().map(Cow::Borrowed)
    } else {
        enc.decode_without_bom_handling_and_without_replacement(bytes)
    }
}

fn check_text(column: &str, text: &str) -> Result<(), Problem> {
    if text.len() > MAX_FIELD {
        return Err(Problem::new(column, RowSays::TooLong { bytes: text.len(), max: MAX_FIELD }));
    }
    if let Some(c) = text.chars().find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        return Err(Problem::new(column, RowSays::Control { code: format!("{:04X}", u32::from(c)) }));
    }
    Ok(())
}

/// Where in the input a fatal problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The CSV header.
    Header,
    /// A 1-based line.
    Line(u64),
    /// The input as a whole (it cannot be read, or its encoding is wrong).
    Input,
}

/// A fatal problem with the input as a whole.
#[derive(Debug)]
pub struct SourceError {
    /// Where.
    pub at: At,
    /// Column, or `-` when none.
    pub column: String,
    /// What is wrong and what to do.
    pub reason: Fault,
}

impl SourceError {
    /// What the error says, where it is, as a value to render in any language.
    pub(crate) fn fault(&self) -> Fault {
        let reason = Box::new(self.reason.clone());
        match (self.at, self.column.as_str()) {
            (At::Header, "-") => ImportSays::Header { reason }.into(),
            (At::Header, c) => ImportSays::HeaderColumn { column: c.to_string(), reason }.into(),
            (At::Line(line), c) => ImportSays::Line { line, column: c.to_string(), reason }.into(),
            (At::Input, _) => self.reason.clone(),
        }
    }
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.fault().fmt(f)
    }
}

pub(super) fn fatal(at: At, column: &str, reason: impl Into<Fault>) -> SourceError {
    SourceError { at, column: column.into(), reason: reason.into() }
}

/// A fatal problem with the CSV header.
pub(crate) fn header_error(column: &str, reason: impl Into<Fault>) -> SourceError {
    fatal(At::Header, column, reason)
}

enum Inner {
    Csv(super::csvfile::Csv),
    Jsonl { reader: BufReader<Box<dyn Read + Send>>, line: u64, row: u64, bytes: u64 },
}

/// How to read an input.
#[derive(Debug, Clone, Copy)]
pub struct SourceSpec {
    /// CSV or JSONL.
    pub format: Format,
    /// The encoding asked for.
    pub encoding: EncodingChoice,
    /// Where a fixed encoding came from.
    pub from: EncodingFrom,
    /// The CSV field separator; told from the header line when `None`.
    pub delimiter: Option<Delimiter>,
}

impl SourceSpec {
    /// CSV or JSONL, encoding and delimiter detected.
    pub fn detect(format: Format) -> SourceSpec {
        SourceSpec { format, encoding: EncodingChoice::Auto, from: EncodingFrom::Option, delimiter: None }
    }
}

/// Records of one input, in file order.
pub struct Records {
    inner: Inner,
    detected: Detected,
    /// The encoding of the bytes the readers see (UTF-8 for a transcoded UTF-16 file).
    text: &'static Encoding,
}

impl Records {
    /// Opens `input` as `spec` says: settles its encoding and reads the CSV header.
    pub fn open(mut input: Box<dyn Read + Send>, spec: &SourceSpec) -> Result<Records, SourceError> {
        let (mut sample, complete) = read_sample(&mut input)?;
        let detected = super::encoding::detect(&sample, complete, spec.encoding, spec.from)?;
        let bom = detected.bom;
        let mut rest: Box<dyn Read + Send> =
            Box::new(Cursor::new(sample.split_off(bom.min(sample.len()))).chain(input));
        let mut text = detected.encoding;
        if text == encoding_rs::UTF_16LE || text == encoding_rs::UTF_16BE {
            rest = Box::new(super::utf16::Utf16::new(rest, text));
            text = UTF_8;
        }
        let inner = match spec.format {
            Format::Jsonl => {
                Inner::Jsonl { reader: BufReader::with_capacity(1 << 16, rest), line: 0, row: 0, bytes: bom as u64 }
            }
            Format::Csv => Inner::Csv(
                super::csvfile::Csv::open(rest, text, spec.delimiter)
                    .map_err(|(column, reason)| header_error(&column, reason))?,
            ),
        };
        Ok(Records { inner, detected, text })
    }

    /// The encoding the input is read in, and how it was chosen.
    pub(crate) fn detected(&self) -> Detected {
        self.detected
    }

    /// The CSV field separator (`None` for JSONL).
    pub(crate) fn delimiter(&self) -> Option<Delimiter> {
        match &self.inner {
            Inner::Csv(csv) => Some(csv.delimiter()),
            Inner::Jsonl { .. } => None,
        }
    }

    /// The CSV header (empty for JSONL).
    pub fn header(&self) -> Option<&Header> {
        match &self.inner {
            Inner::Csv(csv) => Some(csv.header()),
            Inner::Jsonl { .. } => None,
        }
    }

    /// Bytes consumed so far (for progress).
    pub(crate) fn bytes_read(&self) -> u64 {
        match &self.inner {
            Inner::Csv(csv) => csv.bytes_read(),
            Inner::Jsonl { bytes, .. } => *bytes,
        }
    }

    /// The next record; `Err` only for an I/O failure.
    pub fn next_record(&mut self) -> Result<Option<RawRecord>, SourceError> {
        let encoding = self.text;
        match &mut self.inner {
            Inner::Csv(csv) => csv.next_record().map_err(|reason| fatal(At::Input, "-", reason)),
            Inner::Jsonl { reader, line, row, bytes } => loop {
                let mut buf = Vec::new();
                let n = reader
                    .read_until(b'\n', &mut buf)
                    .map_err(|e| fatal(At::Line(*line + 1), "-", RowSays::CannotRead { error: e.to_string() }))?;
                if n == 0 {
                    return Ok(None);
                }
                *line += 1;
                *bytes += n as u64;
                while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    buf.pop();
                }
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                *row += 1;
                let mut rec = json_record(*line, buf, encoding);
                rec.row = *row;
                return Ok(Some(rec));
            },
        }
    }
}

/// The first [`SAMPLE`] bytes of the input, more while they are plain ASCII; and whether
/// that is the whole input.
fn read_sample(input: &mut Box<dyn Read + Send>) -> Result<(Vec<u8>, bool), SourceError> {
    let mut sample = Vec::with_capacity(SAMPLE);
    loop {
        let before = sample.len();
        input
            .by_ref()
            .take(SAMPLE as u64)
            .read_to_end(&mut sample)
            .map_err(|e| fatal(At::Input, "-", RowSays::CannotRead { error: e.to_string() }))?;
        let complete = sample.len() - before < SAMPLE;
        if complete || !sample[before..].is_ascii() || sample.len() >= SAMPLE_MOST {
            return Ok((sample, complete));
        }
    }
}

/// One JSONL line as a record.
pub(crate) fn json_record(line: u64, text: Vec<u8>, encoding: &'static Encoding) -> RawRecord {
    let mut rec = RawRecord {
        line,
        row: 1,
        header: Arc::new(Header::default()),
        fields: csv::ByteRecord::new(),
        problem: None,
        encoding: UTF_8,
        line_text: None,
    };
    let Some(decoded) = decode(encoding, &text) else {
        rec.problem = Some(Problem::new("-", RowSays::LineNotText { encoding: encoding.name().to_string() }));
        rec.line_text = Some(text);
        rec.encoding = encoding;
        return rec;
    };
    match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&decoded) {
        Err(e) => rec.problem = Some(Problem::new("-", RowSays::NotJson { error: e.to_string() })),
        Ok(map) => {
            let mut names = Vec::with_capacity(map.len());
            for (k, v) in map {
                let value = match v {
                    serde_json::Value::Null => String::new(),
                    serde_json::Value::String(s) => s,
                    serde_json::Value::Bool(b) => b.to_string(),
                    serde_json::Value::Number(n) => n.to_string(),
                    _ => {
                        rec.problem.get_or_insert(Problem::new(&k, RowSays::ListOrObject));
                        String::new()
                    }
                };
                rec.fields.push_field(value.as_bytes());
                names.push(k);
            }
            match Header::new(names) {
                Ok(h) => rec.header = Arc::new(h),
                Err(p) => rec.problem = Some(p),
            }
        }
    }
    rec.line_text = Some(decoded.into_owned().into_bytes());
    rec
}
