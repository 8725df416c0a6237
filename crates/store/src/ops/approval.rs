//! Requests for approval (maker–checker): a change above the maker's role limit is stored
//! as a request, and a higher role approves it (the change is applied then, with maker and
//! checker on its ledger posting) or rejects it. See [`frontdesk_core::domain::approval`].

use super::view::MemberView;
use super::{Ctx, OpError, Reply, Stage, complaint, points};
use crate::store::{T, keys};
use frontdesk_core::config::Config;
use frontdesk_core::domain::approval::{Approval, ApprovalChange, ApprovalState, LimitKind, approver_role, may_decide};
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_core::i18n::errors::{Missing, PointsKind, Refusal};
use serde::Serialize;

/// What a request or a decision did.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct ApprovalOutcome {
    /// True when the same request had already been made: nothing changed.
    pub duplicate: bool,
    /// The request after the command.
    pub approval: Approval,
    /// The member after the command (their balance changes only when approved).
    pub member: Option<MemberView>,
}

/// The limit of each role for one kind of change.
pub fn limit_of(config: &Config, kind: LimitKind) -> impl Fn(Role) -> i64 + '_ {
    move |role| {
        let limits = config.role_limits(role.as_str());
        match kind {
            LimitKind::Adjust => limits.adjust_limit,
            LimitKind::Goodwill => limits.goodwill_limit,
        }
    }
}

/// Stores `change` as a request awaiting a higher role; refused when no role may approve
/// that much.
pub(super) fn request(stage: &Stage<'_>, ctx: &Ctx<'_>, change: ApprovalChange) -> Result<Approval, OpError> {
    let kind = change.limit_kind();
    let points = change.points();
    let Some(needs) = approver_role(ctx.actor.role, points, limit_of(ctx.config, kind)) else {
        let what = if kind == LimitKind::Adjust { PointsKind::Adjustment } else { PointsKind::Goodwill };
        return Err(OpError::Refused(Refusal::AboveEveryLimit { what, points: points.unsigned_abs() }));
    };
    let approval = Approval {
        id: stage.next_id("approval")?,
        change,
        maker: ctx.actor.name.clone(),
        maker_role: ctx.actor.role,
        needs,
        requested_at: ctx.now,
        requested_on: ctx.today,
        state: ApprovalState::Pending,
        checker: None,
        decided_at: None,
        decision_note: String::new(),
    };
    stage.put(T::Approvals, &keys::id(approval.id), &approval);
    stage.audit(
        ctx.now,
        &ctx.actor,
        "approval.request",
        format!("member {}", approval.change.card()),
        String::new(),
        format!("request {}: {} needs a {}", approval.id, approval.change.summary(), needs.as_str()),
    );
    Ok(approval)
}

/// The stored request `id`.
pub(super) fn load(stage: &Stage<'_>, id: u64) -> Result<Approval, OpError> {
    stage.get::<Approval>(T::Approvals, &keys::id(id))?.ok_or_else(|| OpError::NotFound(Missing::Approval { id }))
}

/// Approves (and applies) or rejects request `id`.
pub(super) fn decide(stage: &Stage<'_>, ctx: &Ctx<'_>, id: u64, approve: bool, note: &str) -> Result<Reply, OpError> {
    let mut a = load(stage, id)?;
    let note = complaint::clean_text("note", note, !approve)?;
    may_decide(&a, &ctx.actor, approve, limit_of(ctx.config, a.change.limit_kind())).map_err(OpError::Refused)?;
    let member = if approve {
        // The change is the maker's: it is applied in their name, with the checker recorded.
        let maker = Ctx { actor: Actor { name: a.maker.clone(), role: a.maker_role }, ..ctx.clone() };
        stage.set_approver(&ctx.actor.name);
        let m = match &a.change {
            ApprovalChange::Adjust { .. } => points::apply_approved(stage, &maker, &a)?,
            ApprovalChange::Goodwill { .. } => complaint::apply_approved_goodwill(stage, &maker, &a)?,
        };
        Some(MemberView::of(ctx, &m))
    } else {
        stage.get(T::Members, &keys::id(a.change.member_id()))?.map(|m| MemberView::of(ctx, &m))
    };
    a.state = if approve { ApprovalState::Approved } else { ApprovalState::Rejected };
    a.checker = Some(ctx.actor.name.clone());
    a.decided_at = Some(ctx.now);
    a.decision_note = note;
    stage.put(T::Approvals, &keys::id(a.id), &a);
    stage.audit(
        ctx.now,
        &ctx.actor,
        if approve { "approval.approve" } else { "approval.reject" },
        format!("member {}", a.change.card()),
        format!("request {} pending", a.id),
        format!("request {} {}: {}", a.id, a.state.as_str(), a.change.summary()),
    );
    Ok(Reply::Approval(ApprovalOutcome { duplicate: false, approval: a, member }))
}
