//! Manual adjustments and opening balances.

use super::approval::{self, ApprovalOutcome};
use super::member::resolve;
use super::posting::{credit, debit};
use super::stage::RefCheck;
use super::view::MemberView;
use super::{Ctx, MemberRef, OpError, Reply, Stage, fingerprint, xref};
use crate::store::records::ExtRef;
use crate::store::{T, keys};
use frontdesk_core::domain::approval::{Approval, ApprovalChange};
use frontdesk_core::domain::ledger::{EntryKind, Line};
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::operator::within_limit;
use frontdesk_core::i18n::errors::{PointsKind, Reason, Refusal};
use serde::Serialize;

/// External-reference kind of an adjustment waiting for approval (the reference then
/// points at the request; once approved, at the posting).
const APPROVAL_REF: &str = "approval";

/// Largest single adjustment accepted, in points.
const MAX_ADJUST: i64 = 100_000_000;

/// A manual change to a member's points.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Adjustment {
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
        return Err(OpError::invalid("reason", Reason::ReasonAdjust));
    }
    if a.points == 0 || a.points.abs() > MAX_ADJUST {
        return Err(OpError::invalid("points", Reason::AdjustRange { max: MAX_ADJUST }));
    }
    if !matches!(a.kind, EntryKind::Adjust | EntryKind::Opening) || (a.kind == EntryKind::Opening && a.points < 0) {
        return Err(OpError::invalid("kind", Reason::AdjustKind));
    }
    let m = resolve(stage, &a.member)?;
    let print = fingerprint(&AdjustPrint { member_id: m.id, points: a.points, reason, kind: a.kind });
    if let Some(r) = &a.external_ref {
        xref::check_len(Some(r))?;
        if let Some(prev) = stage.get::<ExtRef>(T::Keys, &keys::text(keys::EXT_REF, r))?
            && prev.kind == APPROVAL_REF
            && prev.fingerprint == print
        {
            let approval = approval::load(stage, prev.target)?;
            let member = Some(MemberView::of(ctx, &m));
            return Ok(Reply::Approval(ApprovalOutcome { duplicate: true, approval, member }));
        }
        if let RefCheck::Duplicate(_) = stage.check_ref(r, "points", print)? {
            return Ok(Reply::Points(PointsOutcome {
                duplicate: true,
                points: a.points,
                balance_before: m.balance,
                member: MemberView::of(ctx, &m),
            }));
        }
    }
    if a.kind == EntryKind::Adjust {
        let limit = ctx.config.role_limits(ctx.actor.role.as_str()).adjust_limit;
        if within_limit(ctx.actor.role, PointsKind::Adjustment, a.points, limit).is_err() {
            let change = ApprovalChange::Adjust {
                member_id: m.id,
                card: m.card.clone(),
                points: a.points,
                reason: reason.into(),
                external_ref: a.external_ref.clone(),
            };
            let request = approval::request(stage, ctx, change)?;
            xref::record(stage, a.external_ref.as_deref(), APPROVAL_REF, m.id, request.id, print);
            let member = Some(MemberView::of(ctx, &m));
            return Ok(Reply::Approval(ApprovalOutcome { duplicate: false, approval: request, member }));
        }
    }
    let change = Change { points: a.points, reason, kind: a.kind, external_ref: a.external_ref.as_deref(), print };
    let (m, before) = post(stage, ctx, m, &change)?;
    Ok(Reply::Points(PointsOutcome {
        duplicate: false,
        points: a.points,
        balance_before: before,
        member: MemberView::of(ctx, &m),
    }))
}

/// Applies an approved adjustment request in the maker's name (`ctx`); the stage names the
/// checker.
pub(super) fn apply_approved(stage: &Stage<'_>, ctx: &Ctx<'_>, request: &Approval) -> Result<Member, OpError> {
    let ApprovalChange::Adjust { member_id, points, reason, external_ref, .. } = &request.change else {
        return Err(OpError::Refused(Refusal::NotAdjustment { id: request.id }));
    };
    let m = stage.member(*member_id)?;
    let kind = EntryKind::Adjust;
    let print = fingerprint(&AdjustPrint { member_id: m.id, points: *points, reason, kind });
    let change = Change { points: *points, reason, kind, external_ref: external_ref.as_deref(), print };
    Ok(post(stage, ctx, m, &change)?.0)
}

/// An adjustment that passed its checks.
struct Change<'a> {
    points: i64,
    reason: &'a str,
    kind: EntryKind,
    external_ref: Option<&'a str>,
    print: u64,
}

/// Posts the adjustment; the member after and the balance before.
fn post(stage: &Stage<'_>, ctx: &Ctx<'_>, mut m: Member, c: &Change<'_>) -> Result<(Member, i64), OpError> {
    let before = m.balance;
    let source = c.external_ref.map_or_else(|| "manual".to_string(), |r| format!("ref {r}"));
    let reason = c.reason.to_string();
    if c.points > 0 {
        credit(stage, ctx, &mut m, source, reason.clone(), vec![Line { kind: c.kind, points: c.points }], ctx.today)?;
    } else {
        debit(stage, ctx, &mut m, (c.kind, -c.points), (source, reason.clone()), None)?;
    }
    xref::record(stage, c.external_ref, "points", m.id, u64::from(m.ledger_seq), c.print);
    stage.put_member(ctx.config, &m)?;
    stage.audit(
        ctx.now,
        &ctx.actor,
        "points.adjust",
        format!("member {}", m.card),
        format!("balance {before}"),
        format!("balance {} ({})", m.balance, c.kind.as_str()),
    );
    Ok((m, before))
}
