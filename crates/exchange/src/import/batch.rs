//! `frontdesk batch`: JSONL commands, one per line, each applied on its own (one
//! transaction each) with a JSON result line per input line. A line is an object whose
//! `"op"` names either
//!
//! * an import kind (`members`, `stays`, `complaints`, `balances`, `bookings`), with the
//!   fields of that kind's own layout, e.g. `{"op":"stays","member":"ana@example.com",
//!   "arrival":"2026-03-01","nights":2,"revenue":"300.00","external_ref":"pms:81723"}`; or
//! * a core write ([`script`](super::script)), with the fields of the CLI command it
//!   mirrors (`*` required):
//!   - `adjust`: `member`*, `points`*, `reason`*, `opening` (true: an opening balance);
//!   - `redeem`: `member`*, `reward`*, `points` (part payment), `property`;
//!   - `fulfil`: `id`* (redemption); `cancel`: `id`*, `reason`;
//!   - `reverse`: `member`*, `stay`* (stay number), `reason`*;
//!   - `member-update`: `member`*, `name`, `email`, `phone`, `birthday`, `property`,
//!     `notes`, `status`, `tier` with `tier_until` (`email`, `phone`, `notes` given empty
//!     or null are cleared);
//!   - `complaint-update`: `id`*, `state`, `note`, `goodwill`, `csat`, `nps`;
//!   - `reward-add`: `code`*, `name`*, `points`*, `stock`, `min_tier`, `partial`,
//!     `property`, `valid_from`, `valid_until`.
//!
//! Every core write also takes `external_ref`: the same reference with the same fields
//! again is a duplicate that changes nothing, with other fields a conflict. Its result
//! line carries the command's `reply` (e.g. the redemption id to fulfil later). A field
//! the op does not know rejects the line, naming the field. A change above the operator's
//! limit is stored as a request for approval and reported `"pending": true` with its
//! request id. Lines read = applied + pending + duplicates + rejected.

use super::apply;
use super::mapping::Mapping;
use super::phones::PhoneMemo;
use super::script::{self, Op};
use super::sink::{self, Kind, Row};
use super::source::{RawRecord, json_record};
use super::{ImportError, Problem};
use frontdesk_core::i18n::errors::{ImportSays, RowSays};
use frontdesk_store::ops::{self, AuditMode, Command, Ctx, OpError, Reply, execute_import_batch};
use frontdesk_store::store::Store;
use serde::Serialize;
use std::io::{BufRead, Write};

/// Result of one line.
#[derive(Debug, Serialize)]
pub(crate) struct LineResult {
    /// 1-based line.
    pub line: u64,
    /// Applied or a duplicate.
    pub ok: bool,
    /// The external reference (or member) had already been applied: nothing changed.
    pub duplicate: bool,
    /// The change is above the operator's limit: stored as a request waiting for a
    /// higher role's approval, not applied (the CLI's exit 7).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub pending: bool,
    /// The approval request it waits in, when pending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<u64>,
    /// Field the error is about, when `ok` is false.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Why the line was rejected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What a core write answered (the member, stay, redemption… after it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply: Option<Reply>,
}

/// Counts of a batch run: read = applied + pending + duplicates + rejected.
#[derive(Debug, Default, Serialize)]
pub struct BatchSummary {
    /// Command lines read (blank lines are skipped).
    pub read: u64,
    pub applied: u64,
    /// Stored as requests waiting for approval, not applied.
    pub pending: u64,
    pub duplicates: u64,
    pub rejected: u64,
}

fn problem(line: u64, p: Problem) -> LineResult {
    LineResult {
        line,
        ok: false,
        duplicate: false,
        pending: false,
        request: None,
        column: Some(p.column),
        error: Some(p.reason.to_string()),
        reply: None,
    }
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
    // A stream names the same guests again and again, as an import does.
    let mut phones = PhoneMemo::default();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = input
            .read_until(b'\n', &mut buf)
            .map_err(|e| ImportError::Usage(ImportSays::CannotRead { error: e.to_string() }))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        summary.read += 1;
        let result = one(store, ctx, line_no, std::mem::take(&mut buf), &mut phones)?;
        match (result.ok, result.duplicate, result.pending) {
            (true, true, _) => summary.duplicates += 1,
            (true, false, true) => summary.pending += 1,
            (true, false, false) => summary.applied += 1,
            _ => summary.rejected += 1,
        }
        let text = serde_json::to_string(&result)
            .map_err(|e| ImportError::Usage(ImportSays::Json { error: e.to_string() }))?;
        writeln!(out, "{text}").map_err(|e| ImportError::Usage(ImportSays::CannotWrite { error: e.to_string() }))?;
    }
    Ok(summary)
}

/// The import kinds a line's `op` can name.
const IMPORT_KINDS: &str = "members, stays, complaints, balances, bookings, activities";

/// Everything a line's `op` can name, for messages.
fn ops_list() -> String {
    format!("{IMPORT_KINDS}, or {}", script::NAMES)
}

fn one(
    store: &Store,
    ctx: &Ctx<'_>,
    line: u64,
    text: Vec<u8>,
    phones: &mut PhoneMemo,
) -> Result<LineResult, ImportError> {
    let rec = json_record(line, text, encoding_rs::UTF_8);
    if let Some(p) = rec.problem.clone() {
        return Ok(problem(line, p));
    }
    let op = match rec.get("op") {
        Ok(Some(op)) => op.into_owned(),
        Ok(None) => return Ok(problem(line, Problem::new("op", RowSays::OpMissing { known: ops_list() }))),
        Err(p) => return Ok(problem(line, p)),
    };
    if let Some(kind) = Kind::parse(&op) {
        return import_line(store, ctx, line, &op, kind, &rec, phones);
    }
    if let Some(script_op) = Op::parse(&op) {
        return script_line(store, ctx, line, &op, script_op, &rec);
    }
    Ok(problem(line, Problem::new("op", RowSays::NotCommand { op, known: ops_list() })))
}

/// A field of `rec` other than `op` that is not in `known`, as a problem.
fn unknown_field(rec: &RawRecord, op: &str, known: &[&str]) -> Option<Problem> {
    let n = rec.header.names.iter().find(|n| *n != "op" && !known.contains(&n.as_str()))?;
    Some(Problem::new(n, RowSays::UnknownFieldOf { op: op.to_string(), known: known.join(", ") }))
}

fn import_line(
    store: &Store,
    ctx: &Ctx<'_>,
    line: u64,
    op: &str,
    kind: Kind,
    rec: &RawRecord,
    phones: &mut PhoneMemo,
) -> Result<LineResult, ImportError> {
    if let Some(p) = unknown_field(rec, op, kind.fields()) {
        return Ok(problem(line, p));
    }
    let map = Mapping::native(kind.fields());
    let row = Row { rec, map: &map, money: sink::Money::store(ctx.config), today: ctx.today };
    let mut cmd = match sink::build(kind, &row) {
        Ok(c) => c,
        Err(p) => return Ok(problem(line, p)),
    };
    // A guest named by phone only is matched like `import` does (each line is applied
    // before the next is read, so earlier lines are already in the store).
    if let Err(p) = apply::read_phone(ctx, None, &mut cmd, "phone", phones) {
        return Ok(problem(line, p));
    }
    if let Some(guest) = apply::phone_only_guest(&mut cmd)
        && let Some(phone) = guest.new.phone.clone()
    {
        match apply::member_with_phone(store, &phone, "phone")? {
            Ok(found) => guest.phone_match = found,
            Err(p) => return Ok(problem(line, p)),
        }
    }
    // A stay line is the desk's own write: through `ops::execute` it shares a server's group
    // commit with every other client (one transaction and one flush for the lines that
    // arrive together) instead of taking a transaction and a flush of its own.
    let outcome = if matches!(cmd, Command::PostStay(_)) {
        match ops::execute(store, ctx, &cmd) {
            Ok(reply) => Some(Ok(reply.is_duplicate())),
            Err(e @ (OpError::Store(_) | OpError::Tx(_))) => return Err(e.into()),
            Err(e) => Some(Err(e)),
        }
    } else {
        execute_import_batch(store, ctx, std::slice::from_ref(&cmd), false, AuditMode::PerCommand)?.pop()
    };
    Ok(match outcome {
        Some(Ok(duplicate)) => LineResult {
            line,
            ok: true,
            duplicate,
            pending: false,
            request: None,
            column: None,
            error: None,
            reply: None,
        },
        Some(Err(e)) => {
            let column = match &e {
                OpError::Invalid { field, .. } => sink::op_field(field).to_string(),
                _ => "-".into(),
            };
            problem(line, Problem::new(&column, e.fault()))
        }
        None => problem(line, Problem::new("-", RowSays::NoResult)),
    })
}

fn script_line(
    store: &Store,
    ctx: &Ctx<'_>,
    line: u64,
    name: &str,
    op: Op,
    rec: &RawRecord,
) -> Result<LineResult, ImportError> {
    if let Some(p) = unknown_field(rec, name, op.fields()) {
        return Ok(problem(line, p));
    }
    let cmd = match script::build(op, rec) {
        Ok(c) => c,
        Err(p) => return Ok(problem(line, p)),
    };
    match ops::execute(store, ctx, &cmd) {
        Ok(reply) => {
            let request = waiting_request(&reply);
            Ok(LineResult {
                line,
                ok: true,
                duplicate: reply.is_duplicate(),
                pending: request.is_some(),
                request,
                column: None,
                error: None,
                reply: Some(reply),
            })
        }
        // The store itself failed: stop here, as an import does (earlier lines are saved).
        Err(e @ (OpError::Store(_) | OpError::Tx(_))) => Err(e.into()),
        Err(e) => {
            let column = match &e {
                OpError::Invalid { field, .. } => field.replace('-', "_"),
                OpError::Conflict(_) => "external_ref".into(),
                _ => "-".into(),
            };
            Ok(problem(line, Problem::new(&column, e.fault())))
        }
    }
}

/// The request a reply says the change waits in, when it waits for approval.
fn waiting_request(reply: &Reply) -> Option<u64> {
    use frontdesk_core::domain::approval::ApprovalState;
    match reply {
        Reply::Approval(o) if o.approval.state == ApprovalState::Pending => Some(o.approval.id),
        Reply::Complaint(o) => o.pending_approval.as_ref().map(|a| a.id),
        _ => None,
    }
}
