//! CSV records as the file holds them: each numbered by the physical line it starts on
//! (a quoted field over several lines counts them all, CRLF or LF), a row that repeats
//! the header rejected, and a file that ends inside a quoted field (cut short, or a quote
//! missing) rejecting its last record rather than storing half a field.

use super::Problem;
use super::delimiter::Delimiter;
use super::source::{Header, RawRecord};
use encoding_rs::Encoding;
use frontdesk_core::i18n::errors::{Fault, Os, RowSays};
use std::collections::VecDeque;
use std::io::{BufRead, Read};
use std::sync::{Arc, Mutex};

/// What the bytes read so far say about lines and quotes.
#[derive(Debug, Default)]
struct Lines {
    /// Offsets of newlines read but not yet passed by a record.
    ahead: VecDeque<u64>,
    /// Newlines before the last record start asked about.
    passed: u64,
    /// Bytes read.
    offset: u64,
    /// Whether an odd number of quote characters was read: the input is inside a quoted
    /// field (a doubled quote inside one counts twice).
    in_quotes: bool,
}

impl Lines {
    /// The 1-based line of the byte at `start`.
    fn line_of(&mut self, start: u64) -> u64 {
        // A CRLF record is said to start at its `\n` (the `\r` ended the one before).
        while self.ahead.front().is_some_and(|n| *n <= start) {
            self.ahead.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

/// The input, noting newlines and quotes as the CSV reader takes its bytes.
struct Counted {
    inner: Box<dyn Read + Send>,
    lines: Arc<Mutex<Lines>>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        // Only this reader and `Csv` touch the counts, one after the other.
        let mut l = self.lines.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for (i, b) in buf[..n].iter().enumerate() {
            match b {
                b'\n' => {
                    let at = l.offset + i as u64;
                    l.ahead.push_back(at);
                }
                b'"' => l.in_quotes = !l.in_quotes,
                _ => {}
            }
        }
        l.offset += n as u64;
        Ok(n)
    }
}

/// The records of a CSV input after its header.
pub(super) struct Csv {
    reader: csv::Reader<Counted>,
    lines: Arc<Mutex<Lines>>,
    header: Arc<Header>,
    /// The record after the one returned last, read ahead to know which one is the last.
    ahead: Option<csv::ByteRecord>,
    encoding: &'static Encoding,
    /// Data records returned so far.
    rows: u64,
    /// The field separator in use.
    delimiter: Delimiter,
}

/// Why the header cannot be read: the column (`-`, `#N` or a name) and the reason.
pub(super) type HeaderProblem = (String, Fault);

fn cannot_read(e: impl std::fmt::Display) -> Fault {
    RowSays::CannotRead { error: e.to_string() }.into()
}

impl Csv {
    /// Reads the header of `input` (decoded as `encoding`).
    /// A `delimiter` of `None` is told from the header line.
    pub(super) fn open(
        input: Box<dyn Read + Send>,
        encoding: &'static Encoding,
        delimiter: Option<Delimiter>,
    ) -> Result<Csv, HeaderProblem> {
        let mut input = std::io::BufReader::with_capacity(1 << 16, input);
        let delimiter = match delimiter {
            Some(d) => d,
            None => Delimiter::sniff(input.fill_buf().map_err(|e| ("-".to_string(), cannot_read(e)))?),
        };
        let lines = Arc::new(Mutex::new(Lines::default()));
        let counted = Counted { inner: delimiter.wrap(Box::new(input)), lines: lines.clone() };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter.byte())
            .from_reader(counted);
        let mut first = csv::ByteRecord::new();
        let got = reader
            .read_byte_record(&mut first)
            .map_err(|e| ("-".to_string(), Os::Error { error: e.to_string() }.into()))?;
        if !got {
            return Err(("-".into(), RowSays::EmptyFile.into()));
        }
        let mut names = Vec::with_capacity(first.len());
        for (i, f) in first.iter().enumerate() {
            let name = super::source::decode(encoding, f).ok_or_else(|| {
                (format!("#{}", i + 1), RowSays::NotText { encoding: encoding.name().to_string() }.into())
            })?;
            let name = name.trim().trim_start_matches('\u{feff}').to_string();
            if name.is_empty() {
                return Err((format!("#{}", i + 1), RowSays::EmptyColumnName.into()));
            }
            names.push(name);
        }
        let header = Header::new(names).map_err(|p| (p.column, p.reason))?;
        let mut csv = Csv { reader, lines, header: Arc::new(header), ahead: None, encoding, rows: 0, delimiter };
        csv.ahead = csv.read()?;
        Ok(csv)
    }

    /// The field separator in use.
    pub(super) fn delimiter(&self) -> Delimiter {
        self.delimiter
    }

    pub(super) fn header(&self) -> &Header {
        &self.header
    }

    /// Bytes consumed so far.
    pub(super) fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }

    fn read(&mut self) -> Result<Option<csv::ByteRecord>, HeaderProblem> {
        let mut fields = csv::ByteRecord::new();
        match self.reader.read_byte_record(&mut fields) {
            Ok(true) => Ok(Some(fields)),
            Ok(false) => Ok(None),
            Err(e) => Err(("-".into(), cannot_read(e))),
        }
    }

    pub(super) fn next_record(&mut self) -> Result<Option<RawRecord>, Fault> {
        let Some(fields) = self.ahead.take() else { return Ok(None) };
        self.ahead = self.read().map_err(|(_, reason)| reason)?;
        let mut l = self.lines.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let line = l.line_of(fields.position().map_or(0, csv::Position::byte));
        let cut = self.ahead.is_none() && l.in_quotes;
        drop(l);
        let problem = if cut {
            Some(Problem::new("-", RowSays::Unclosed))
        } else if self.repeats_header(&fields) {
            Some(Problem::new("-", RowSays::RepeatsHeader))
        } else {
            ragged(&self.header, fields.len())
        };
        self.rows += 1;
        Ok(Some(RawRecord {
            line,
            row: self.rows,
            header: self.header.clone(),
            fields,
            problem,
            encoding: self.encoding,
            line_text: None,
        }))
    }

    fn repeats_header(&self, fields: &csv::ByteRecord) -> bool {
        fields.len() == self.header.names.len()
            && fields.iter().zip(&self.header.names).all(|(f, name)| {
                super::source::decode(self.encoding, f).is_some_and(|t| t.trim().eq_ignore_ascii_case(name))
            })
    }
}

fn ragged(header: &Header, got: usize) -> Option<Problem> {
    let want = header.names.len();
    if got == want {
        return None;
    }
    let column = if got < want { header.names[got].clone() } else { format!("#{}", want + 1) };
    Some(Problem::new(&column, RowSays::Ragged { got, want }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &[u8]) -> Vec<RawRecord> {
        let mut csv =
            Csv::open(Box::new(std::io::Cursor::new(text.to_vec())), encoding_rs::UTF_8, Some(Delimiter::Comma))
                .expect("header");
        std::iter::from_fn(|| csv.next_record().expect("read")).collect()
    }

    #[test]
    fn lines_are_the_file_s_own_with_crlf_and_a_field_over_two_lines() {
        let recs = records(b"name,notes\r\nAna,\"two\r\nlines\"\r\nBo,x\r\nCy,\"a\"\"b\"\r\n");
        let lines: Vec<u64> = recs.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 4, 5]);
        assert!(recs.iter().all(|r| r.problem.is_none()));
    }

    #[test]
    fn a_file_cut_inside_a_quoted_field_rejects_its_last_record() {
        let recs = records(b"name,notes\nAna,fine\nBo,\"allergic to feathers, wants fo");
        assert!(recs[0].problem.is_none());
        let p = recs[1].problem.as_ref().expect("the cut record is a problem");
        assert!(p.reason.to_string().contains("never closed"), "{p:?}");
    }

    #[test]
    fn a_repeated_header_is_not_a_member() {
        let recs = records(b"name,email\nAna,a@x.org\nname,email\nBo,b@x.org\n");
        assert!(recs[1].problem.as_ref().is_some_and(|p| p.reason.to_string().contains("repeats the header")));
        assert_eq!(recs[1].line, 3);
        assert!(recs[0].problem.is_none() && recs[2].problem.is_none());
    }
}
