//! Manual adjustments and opening balances.

use super::member::resolve;
use super::posting::{credit, debit};
use super::stage::RefCheck;
use super::view::MemberView;
use super::{Ctx, MemberRef, OpError, Reply, Stage, fingerprint};
use crate::domain::ledger::{EntryKind, Line};
use crate::domain::operator::within_limit;
use crate::store::records::ExtRef;
use serde::Serialize;

/// Largest single adjustment accepted, in points.
const MAX_ADJUST: i64 = 100_000_000;

/// A manual change to a member's points.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Adjustment {
    /// Member.
    pub member: MemberRef,
    /// Signed points.
    pub points: i64,
    /// Why (required).
    pub reason: String,
    /// `Adjust`, or `Opening` for a balance carried over from a legacy programme.
    pub kind: EntryKind,
    /// Caller's reference for idempotency.
    pub external_ref: Option<String>,
}

/// What an adjustment did.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct PointsOutcome {
    /// True when the external reference had already been applied: nothing changed.
    pub duplicate: bool,
    /// Signed points applied.
    pub points: i64,
    /// Balance before.
    pub balance_before: i64,
    /// The member after.
    pub member: MemberView,
}

#[derive(Serialize)]
pub(super) struct AdjustPrint<'a> {
    pub(super) member_id: u64,
    pub(super) points: i64,
    pub(super) reason: &'a str,
    pub(super) kind: EntryKind,
}

pub(super) fn adjust(stage: &Stage<'_>, ctx: &Ctx<'_>, a: &Adjustment) -> Result<Reply, OpError> {
    let reason = a.reason.trim();
    if reason.is_empty() {
        return Err(OpError::invalid("reason", "a reason is required for a manual adjustment"));
    }
    if a.points == 0 || a.points.abs() > MAX_ADJUST {
        return Err(OpError::invalid("points", format!("must be non-zero and at most {MAX_ADJUST} either way")));
    }
    if !matches!(a.kind, EntryKind::Adjust | EntryKind::Opening) || (a.kind == EntryKind::Opening && a.points < 0) {
        return Err(OpError::invalid("kind", "must be an adjustment, or a positive opening balance"));
    }
    let mut m = resolve(stage, &a.member)?;
    let print = fingerprint(&AdjustPrint { member_id: m.id, points: a.points, reason, kind: a.kind });
    if let Some(r) = &a.external_ref
        && let RefCheck::Duplicate(_) = stage.check_ref(r, "points", print)?
    {
        return Ok(Reply::Points(PointsOutcome {
            duplicate: true,
            points: a.points,
            balance_before: m.balance,
            member: MemberView::of(ctx, &m),
        }));
    }
    if a.kind == EntryKind::Adjust {
        let limit = ctx.config.role_limits(ctx.actor.role.as_str()).adjust_limit;
        within_limit(ctx.actor.role, "an adjustment", a.points, limit).map_err(OpError::Refused)?;
    }
    let before = m.balance;
    let source = a.external_ref.as_ref().map_or_else(|| "manual".to_string(), |r| format!("ref {r}"));
    if a.points > 0 {
        credit(stage, ctx, &mut m, source, reason.into(), vec![Line { kind: a.kind, points: a.points }], ctx.today)?;
    } else {
        debit(stage, ctx, &mut m, (a.kind, -a.points), (source, reason.into()), None)?;
    }
    if let Some(r) = &a.external_ref {
        stage.put_ref(
            r,
            &ExtRef { kind: "points".into(), member_id: m.id, target: u64::from(m.ledger_seq), fingerprint: print },
        );
    }
    stage.put_member(ctx.config, &m)?;
    stage.audit(
        ctx.now,
        &ctx.actor,
        "points.adjust",
        format!("member {}", m.card),
        format!("balance {before}"),
        format!("balance {} ({reason})", m.balance),
    );
    Ok(Reply::Points(PointsOutcome {
        duplicate: false,
        points: a.points,
        balance_before: before,
        member: MemberView::of(ctx, &m),
    }))
}
