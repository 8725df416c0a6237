//! Streaming export of stored records as CSV or JSONL, one record at a time (memory does
//! not grow with the store). JSONL writes each record whole; CSV writes the top-level
//! fields, with lists and nested values as JSON text in their cell.

use crate::domain::complaint::Complaint;
use crate::domain::ledger::Posting;
use crate::domain::member::Member;
use crate::domain::reward::Redemption;
use crate::domain::stay::Stay;
use crate::ops::OpError;
use crate::store::codec::Record;
use crate::store::{Store, StoreError, T, decode_at};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};
use std::io::Write;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// Members.
    Members,
    /// Stays and bookings.
    Stays,
    /// Ledger postings.
    Ledger,
    /// Complaints.
    Complaints,
    /// Redemptions.
    Redemptions,
}

impl What {
    /// Parses a name.
    pub fn parse(s: &str) -> Option<What> {
        Some(match s {
            "members" => What::Members,
            "stays" => What::Stays,
            "ledger" => What::Ledger,
            "complaints" => What::Complaints,
            "redemptions" => What::Redemptions,
            _ => return None,
        })
    }
}

/// Which records.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only records dated on or after (enrolment, arrival, posting, opening or redemption date).
    pub since: Option<NaiveDate>,
    /// Only records of this property (members: home property; ledger: not filtered).
    pub property: Option<String>,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// CSV with a header line.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the store failed.
    #[error(transparent)]
    Op(#[from] OpError),
    /// Writing failed.
    #[error("cannot write the export: {0}")]
    Write(String),
}

impl From<StoreError> for ExportError {
    fn from(e: StoreError) -> Self {
        ExportError::Op(OpError::Store(e))
    }
}

fn date_of_millis(ms: i64) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp_millis(ms).map(|t| t.date_naive())
}

/// Writes every matching record to `out`; returns how many.
pub fn export(
    store: &Store,
    what: What,
    format: ExportFormat,
    f: &Filter,
    out: &mut dyn Write,
) -> Result<u64, ExportError> {
    let mut w = Writer { format, out, columns: None, count: 0 };
    match what {
        What::Members => {
            each::<Member>(store, T::Members, &mut w, |m| keep(f, Some(m.enrolled_on), Some(&m.home_property)))
        }
        What::Stays => each::<Stay>(store, T::Stays, &mut w, |s| keep(f, Some(s.arrival), Some(&s.property))),
        What::Ledger => each::<Posting>(store, T::Ledger, &mut w, |p| keep(f, Some(p.date), None)),
        What::Complaints => {
            each::<Complaint>(store, T::Complaints, &mut w, |c| keep(f, date_of_millis(c.opened_at), Some(&c.property)))
        }
        What::Redemptions => {
            each::<Redemption>(store, T::Redemptions, &mut w, |r| keep(f, Some(r.date), Some(&r.property)))
        }
    }?;
    w.out.flush().map_err(|e| ExportError::Write(e.to_string()))?;
    Ok(w.count)
}

fn keep(f: &Filter, date: Option<NaiveDate>, property: Option<&String>) -> bool {
    let date_ok = match (f.since, date) {
        (Some(s), Some(d)) => d >= s,
        _ => true,
    };
    let property_ok = match (&f.property, property) {
        (Some(want), Some(p)) => want.eq_ignore_ascii_case(p),
        _ => true,
    };
    date_ok && property_ok
}

fn each<R: Record + Serialize>(
    store: &Store,
    t: T,
    w: &mut Writer<'_>,
    keep: impl Fn(&R) -> bool,
) -> Result<(), ExportError> {
    for item in store.tree(t).iter() {
        let (k, v) = item.map_err(|e| ExportError::Op(OpError::from(e)))?;
        let r: R = decode_at(t, &k, &v)?;
        if keep(&r) {
            w.write(&r)?;
        }
    }
    Ok(())
}

struct Writer<'a> {
    format: ExportFormat,
    out: &'a mut dyn Write,
    columns: Option<Vec<String>>,
    count: u64,
}

impl Writer<'_> {
    fn write<R: Serialize>(&mut self, r: &R) -> Result<(), ExportError> {
        let bad = |e: std::io::Error| ExportError::Write(e.to_string());
        let value = serde_json::to_value(r).map_err(|e| ExportError::Write(e.to_string()))?;
        self.count += 1;
        match self.format {
            ExportFormat::Jsonl => {
                serde_json::to_writer(&mut *self.out, &value).map_err(|e| ExportError::Write(e.to_string()))?;
                self.out.write_all(b"\n").map_err(bad)
            }
            ExportFormat::Csv => {
                let map = match value {
                    Value::Object(m) => m,
                    other => Map::from_iter([("value".to_string(), other)]),
                };
                if self.columns.is_none() {
                    let cols: Vec<String> = map.keys().cloned().collect();
                    self.out.write_all(csv_line(&cols).as_bytes()).map_err(bad)?;
                    self.columns = Some(cols);
                }
                let cells: Vec<String> = self
                    .columns
                    .iter()
                    .flatten()
                    .map(|c| match map.get(c) {
                        None | Some(Value::Null) => String::new(),
                        Some(Value::String(s)) => s.clone(),
                        Some(v) => v.to_string(),
                    })
                    .collect();
                self.out.write_all(csv_line(&cells).as_bytes()).map_err(bad)
            }
        }
    }
}

/// One RFC 4180 line: fields with a comma, quote or line break are quoted.
fn csv_line(cells: &[String]) -> String {
    let mut line = cells
        .iter()
        .map(|c| if c.contains([',', '"', '\n', '\r']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { c.clone() })
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}
