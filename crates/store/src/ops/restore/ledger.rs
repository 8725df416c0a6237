//! A ledger posting replayed as recorded: the one way a restore moves points. Postings of
//! a member come in sequence order; each debit takes the lots it took in the exported
//! store, so lots, balance and lifetime points come out as they were.

use super::{Restored, claim_ref, existing};
use crate::ops::member::resolve;
use crate::ops::points::AdjustPrint;
use crate::ops::{Ctx, MemberRef, OpError, Stage, fingerprint};
use crate::store::records::ExtRef;
use crate::store::{T, keys};
use chrono::NaiveDate;
use frontdesk_core::domain::Millis;
use frontdesk_core::domain::ledger::{self, EntryKind, Line, LotMove, Posting};
use frontdesk_core::domain::member::Member;
use frontdesk_core::i18n::errors::{Act, Reason, Refusal};

/// A posting as exported.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PostingRestore {
    /// Owner.
    pub member: MemberRef,
    /// Sequence within the member: the next one.
    pub seq: u32,
    /// Business date (a credit's lot is dated by it).
    pub date: NaiveDate,
    /// When it was written.
    pub at: Millis,
    /// Operator who made it.
    pub operator: String,
    /// Operator who approved it.
    pub approver: Option<String>,
    /// What caused it, e.g. `stay 3`, `redemption 17`, `ref pms:881`.
    pub source: String,
    /// Free-text reason.
    pub reason: String,
    /// Signed amounts.
    pub lines: Vec<Line>,
    /// Lots the debit lines took, as recorded.
    pub consumed: Vec<LotMove>,
}

/// Checks that `moves` take exactly the debit of `lines` from lots that hold enough.
fn check_moves(m: &Member, lines: &[Line], moves: &[LotMove]) -> Result<(), OpError> {
    let debit: i64 = -lines.iter().map(|l| l.points).filter(|p| *p < 0).sum::<i64>();
    let moved: i64 = moves.iter().map(|mv| mv.points).sum();
    if debit != moved {
        return Err(OpError::invalid("consumed", Reason::LedgerDebit { debit, moved }));
    }
    let mut lots = m.lots.clone();
    for mv in moves {
        match lots.iter_mut().find(|l| l.id == mv.lot) {
            Some(l) if mv.points > 0 && l.remaining >= mv.points => l.remaining -= mv.points,
            _ => {
                return Err(OpError::invalid(
                    "consumed",
                    Reason::LotShort { points: mv.points, lot: mv.lot, card: m.card.clone() },
                ));
            }
        }
    }
    Ok(())
}

pub(super) fn restore(stage: &Stage<'_>, ctx: &Ctx<'_>, r: &PostingRestore) -> Result<Restored, OpError> {
    // Replaying postings passes every limit.
    ctx.require_manager(Act::ImportLedger)?;
    if r.lines.is_empty() {
        return Err(OpError::invalid("lines", Reason::PostingLines));
    }
    let mut m = resolve(stage, &r.member)?;
    let p = Posting {
        member_id: m.id,
        seq: r.seq,
        date: r.date,
        at: r.at,
        operator: r.operator.clone(),
        approver: r.approver.clone(),
        source: r.source.clone(),
        reason: r.reason.clone(),
        lines: r.lines.clone(),
        consumed: r.consumed.clone(),
    };
    let record = format!("ledger seq {} of member {}", r.seq, m.card);
    let key = keys::member_seq(m.id, r.seq);
    if let Some(dup) = existing(stage.get::<Posting>(T::Ledger, &key)?, &p, &record)? {
        return Ok(dup);
    }
    if r.seq != m.ledger_seq + 1 {
        return Err(OpError::Refused(Refusal::LedgerOrder {
            card: m.card.clone(),
            postings: m.ledger_seq,
            next: m.ledger_seq + 1,
        }));
    }
    check_moves(&m, &p.lines, &p.consumed)?;
    if let Some(x) = p.source.strip_prefix("ref ")
        && let [line] = p.lines.as_slice()
        && matches!(line.kind, EntryKind::Adjust | EntryKind::Opening)
    {
        // An adjustment made with an external reference: keep the reference, so that the
        // same adjustment (or opening balance) imported again is a duplicate.
        let print =
            fingerprint(&AdjustPrint { member_id: m.id, points: line.points, reason: &p.reason, kind: line.kind });
        claim_ref(
            stage,
            x,
            &ExtRef { kind: "points".into(), member_id: m.id, target: u64::from(p.seq), fingerprint: print },
        )?;
    }
    ledger::apply_moves(&mut m.lots, &p.consumed);
    ledger::add_lot(&mut m.lots, p.seq, p.date, p.credit());
    if p.credit() > 0 || p.lines.iter().any(|l| l.kind == EntryKind::Redeem) {
        // As when it was written: any credit, and a redemption, is qualifying activity.
        m.last_activity = m.last_activity.max(Some(p.date));
    }
    m.balance += p.net();
    m.lifetime_points += p.earned();
    m.ledger_seq = p.seq;
    stage.update_overview(|o| p.lines.iter().for_each(|l| o.add_line(l.kind, l.points)))?;
    stage.put(T::Ledger, &key, &p);
    stage.put_member(ctx.config, &m)?;
    stage.audit(ctx.now, &ctx.actor, "ledger.restore", record.clone(), String::new(), format!("{:+} points", p.net()));
    Ok(Restored { duplicate: false, record })
}
