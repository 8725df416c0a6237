//! `frontdesk batch`: JSONL commands, one per line, each applied on its own (one
//! transaction each) with a JSON result line per input line. A line is an object with
//! `"op"` naming an import kind (`members`, `stays`, `complaints`, `balances`,
//! `bookings`) and the fields of that kind's own layout, e.g.
//! `{"op":"stays","member":"ana@example.com","arrival":"2026-03-01","nights":2,
//! "revenue":"300.00","external_ref":"pms:81723"}`.

use super::mapping::Mapping;
use super::sink::{self, Kind, Row};
use super::source::json_record;
use super::{ImportError, Problem};
use crate::ops::{AuditMode, Ctx, execute_import_batch};
use crate::store::Store;
use serde::Serialize;
use std::io::{BufRead, Write};

/// Result of one line.
#[derive(Debug, Serialize)]
pub struct LineResult {
    /// 1-based line.
    pub line: u64,
    /// Applied or a duplicate.
    pub ok: bool,
    /// The external reference (or member) had already been applied: nothing changed.
    pub duplicate: bool,
    /// Field the error is about, when `ok` is false.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Why the line was rejected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Counts of a batch run: read = applied + duplicates + rejected.
#[derive(Debug, Default, Serialize)]
pub struct BatchSummary {
    /// Command lines read (blank lines are skipped).
    pub read: u64,
    /// Applied.
    pub applied: u64,
    /// Duplicates.
    pub duplicates: u64,
    /// Rejected.
    pub rejected: u64,
}

fn problem(line: u64, p: Problem) -> LineResult {
    LineResult { line, ok: false, duplicate: false, column: Some(p.column), error: Some(p.reason) }
}

/// Applies each command line of `input`, writing one JSON result line per command to `out`.
pub fn run(
    store: &Store,
    ctx: &Ctx<'_>,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<BatchSummary, ImportError> {
    let mut summary = BatchSummary::default();
    let mut line_no = 0u64;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = input.read_until(b'\n', &mut buf).map_err(|e| ImportError::Usage(format!("cannot read: {e}")))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        summary.read += 1;
        let result = one(store, ctx, line_no, std::mem::take(&mut buf))?;
        match (&result.ok, &result.duplicate) {
            (true, true) => summary.duplicates += 1,
            (true, false) => summary.applied += 1,
            _ => summary.rejected += 1,
        }
        let text = serde_json::to_string(&result).map_err(|e| ImportError::Usage(e.to_string()))?;
        writeln!(out, "{text}").map_err(|e| ImportError::Usage(format!("cannot write results: {e}")))?;
    }
    Ok(summary)
}

fn one(store: &Store, ctx: &Ctx<'_>, line: u64, text: Vec<u8>) -> Result<LineResult, ImportError> {
    let rec = json_record(line, text, encoding_rs::UTF_8);
    if let Some(p) = rec.problem.clone() {
        return Ok(problem(line, p));
    }
    let op = match rec.get("op") {
        Ok(Some(op)) => op.into_owned(),
        Ok(None) => {
            return Ok(problem(
                line,
                Problem::new(
                    "op",
                    "is missing; name members, stays, complaints, balances, bookings, ledger or redemptions",
                ),
            ));
        }
        Err(p) => return Ok(problem(line, p)),
    };
    let Some(kind) = Kind::parse(&op) else {
        return Ok(problem(
            line,
            Problem::new(
                "op",
                format!(
                    "`{op}` is not a command; use members, stays, complaints, balances, bookings, ledger or redemptions"
                ),
            ),
        ));
    };
    if let Some(n) = rec.header.names.iter().find(|n| *n != "op" && !kind.fields().contains(&n.as_str())) {
        return Ok(problem(
            line,
            Problem::new(n, format!("unknown field for {op}; known: {}", kind.fields().join(", "))),
        ));
    }
    let map = Mapping::native(kind.fields());
    let row = Row { rec: &rec, map: &map, minor_digits: ctx.config.store.minor_digits, today: ctx.today };
    let cmd = match sink::build(kind, &row) {
        Ok(c) => c,
        Err(p) => return Ok(problem(line, p)),
    };
    let mut results = execute_import_batch(store, ctx, std::slice::from_ref(&cmd), false, AuditMode::PerCommand)?;
    Ok(match results.pop() {
        Some(Ok(duplicate)) => LineResult { line, ok: true, duplicate, column: None, error: None },
        Some(Err(e)) => {
            let column = match &e {
                crate::ops::OpError::Invalid { field, .. } => sink::op_field(field).to_string(),
                _ => "-".into(),
            };
            problem(line, Problem::new(&column, e.to_string()))
        }
        None => problem(line, Problem::new("-", "no result")),
    })
}
