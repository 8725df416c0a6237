//! Writing ledger postings: the one place balances, lots and totals change.

use super::{Ctx, OpError, Stage};
use crate::store::{T, keys};
use chrono::NaiveDate;
use frontdesk_core::domain::ledger::{self, EntryKind, Line, LotMove, Posting};
use frontdesk_core::domain::member::Member;
use frontdesk_core::i18n::errors::Refusal;

/// What a posting is for, and its business date.
pub(super) struct Memo {
    /// What caused it, e.g. `stay 3`.
    pub source: String,
    /// Free-text reason.
    pub reason: String,
    /// Business date (a credit's lot is dated by it).
    pub date: NaiveDate,
}

/// Writes a posting for `m`: moves `consumed` out of lots, adds one lot for the credit
/// lines, and keeps balance, lifetime points, activity and the store totals in step.
pub(super) fn record(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    m: &mut Member,
    memo: Memo,
    lines: Vec<Line>,
    consumed: Vec<LotMove>,
) -> Result<u32, OpError> {
    m.ledger_seq += 1;
    let posting = Posting {
        member_id: m.id,
        seq: m.ledger_seq,
        date: memo.date,
        at: ctx.now,
        operator: ctx.actor.name.clone(),
        approver: stage.approver(),
        source: memo.source,
        reason: memo.reason,
        lines,
        consumed,
    };
    ledger::apply_moves(&mut m.lots, &posting.consumed);
    ledger::add_lot(&mut m.lots, posting.seq, posting.date, posting.credit());
    if posting.credit() > 0 {
        // Any credit is qualifying activity: under inactivity expiry it keeps all points alive.
        m.last_activity = m.last_activity.max(Some(posting.date));
    }
    m.balance += posting.net();
    m.lifetime_points += posting.earned();
    stage.update_overview(|o| posting.lines.iter().for_each(|l| o.add_line(l.kind, l.points)))?;
    stage.put(T::Ledger, &keys::member_seq(m.id, posting.seq), &posting);
    Ok(posting.seq)
}

/// Writes a credit posting (one lot dated `earned_on`) and returns its sequence number.
pub(super) fn credit(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    m: &mut Member,
    source: String,
    reason: String,
    lines: Vec<Line>,
    earned_on: NaiveDate,
) -> Result<u32, OpError> {
    record(stage, ctx, m, Memo { source, reason, date: earned_on }, lines, Vec::new())
}

/// Writes a debit posting taking `points` FIFO (preferring lot `prefer`); refuses to
/// make the balance negative.
pub(super) fn debit(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    m: &mut Member,
    (kind, points): (EntryKind, i64),
    (source, reason): (String, String),
    prefer: Option<u32>,
) -> Result<u32, OpError> {
    let moves = ledger::plan_debit(&m.lots, points, prefer).map_err(|i| {
        OpError::Refused(Refusal::Negative {
            card: m.card.clone(),
            available: i.available,
            kind: kind.as_str().to_string(),
            points: i.wanted,
        })
    })?;
    let memo = Memo { source, reason, date: ctx.today };
    record(stage, ctx, m, memo, vec![Line { kind, points: -points }], moves)
}
