//! Maker–checker approval of changes above the maker's role limit: who may approve what.
//!
//! A clerk's goodwill or manual adjustment above the clerk's limit is not refused: it
//! becomes a request that an operator of a higher role, whose own limit covers it, approves
//! or rejects. Nobody decides their own request, and a request is decided once.

use super::Millis;
use super::operator::{Actor, Role};
use crate::i18n::errors::Refusal;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The roles that may approve, lowest first.
const ROLES: [Role; 4] = [Role::Clerk, Role::Supervisor, Role::Manager, Role::Admin];

/// What a request would do once approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApprovalChange {
    /// A manual points adjustment.
    Adjust {
        member_id: u64,
        /// Card number, for people reading the queue.
        card: String,
        /// Signed points.
        points: i64,
        /// Why.
        reason: String,
        /// The maker's external reference, recorded when the adjustment is applied.
        external_ref: Option<String>,
    },
    /// Goodwill points on a complaint.
    Goodwill {
        complaint_id: u64,
        member_id: u64,
        /// Card number, for people reading the queue.
        card: String,
        /// Points (positive).
        points: i64,
        /// The maker's note.
        note: String,
    },
}

impl ApprovalChange {
    /// Signed points the change would post.
    pub fn points(&self) -> i64 {
        match self {
            ApprovalChange::Adjust { points, .. } | ApprovalChange::Goodwill { points, .. } => *points,
        }
    }

    /// The member credited or debited.
    pub fn member_id(&self) -> u64 {
        match self {
            ApprovalChange::Adjust { member_id, .. } | ApprovalChange::Goodwill { member_id, .. } => *member_id,
        }
    }

    /// Card of the member.
    pub fn card(&self) -> &str {
        match self {
            ApprovalChange::Adjust { card, .. } | ApprovalChange::Goodwill { card, .. } => card,
        }
    }

    /// The maker's reason (an adjustment) or note (goodwill).
    pub fn reason(&self) -> &str {
        match self {
            ApprovalChange::Adjust { reason, .. } => reason,
            ApprovalChange::Goodwill { note, .. } => note,
        }
    }

    /// Which limit applies.
    pub fn limit_kind(&self) -> LimitKind {
        match self {
            ApprovalChange::Adjust { .. } => LimitKind::Adjust,
            ApprovalChange::Goodwill { .. } => LimitKind::Goodwill,
        }
    }

    /// Short description, e.g. `adjust +5000` or `goodwill +3000 (complaint 7)`.
    pub fn summary(&self) -> String {
        match self {
            ApprovalChange::Adjust { points, .. } => format!("adjust {points:+}"),
            ApprovalChange::Goodwill { points, complaint_id, .. } => {
                format!("goodwill {points:+} (complaint {complaint_id})")
            }
        }
    }
}

/// The two limits a role has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LimitKind {
    /// Manual adjustments (either sign).
    Adjust,
    /// Goodwill on complaints.
    Goodwill,
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApprovalState {
    /// Waiting for a checker.
    Pending,
    /// Approved and applied.
    Approved,
    /// Rejected: nothing was applied.
    Rejected,
}

impl ApprovalState {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ApprovalState::Pending => "pending",
            ApprovalState::Approved => "approved",
            ApprovalState::Rejected => "rejected",
        }
    }
}

/// A stored request for approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// Id (key of the `approvals` tree).
    pub id: u64,
    /// What it would do.
    pub change: ApprovalChange,
    /// Who asked.
    pub maker: String,
    /// The maker's role when asking.
    pub maker_role: Role,
    /// The lowest role that may approve it.
    pub needs: Role,
    /// When asked (UTC ms).
    pub requested_at: Millis,
    /// Business date of the request.
    pub requested_on: NaiveDate,
    /// Where it stands.
    pub state: ApprovalState,
    /// Who approved or rejected it.
    pub checker: Option<String>,
    /// When it was decided (UTC ms).
    pub decided_at: Option<Millis>,
    /// The checker's note.
    pub decision_note: String,
}

/// The lowest role above `maker` whose limit (from `limit_of`) covers `points`; `None` when
/// no role may approve that much.
pub fn approver_role(maker: Role, points: i64, limit_of: impl Fn(Role) -> i64) -> Option<Role> {
    ROLES.into_iter().filter(|r| *r > maker).find(|r| points.unsigned_abs() <= limit_of(*r).unsigned_abs())
}

/// Why `checker` may not decide `a`, if they may not. Approving also needs the checker's
/// own limit to cover the change (`limit_of`); rejecting only needs the role.
pub fn may_decide(a: &Approval, checker: &Actor, approve: bool, limit_of: impl Fn(Role) -> i64) -> Result<(), Refusal> {
    if a.state != ApprovalState::Pending {
        return Err(Refusal::Decided { id: a.id, state: a.state.as_str().to_string() });
    }
    if checker.name == a.maker {
        return Err(Refusal::OwnRequest { id: a.id });
    }
    if checker.role < a.needs || checker.role <= a.maker_role {
        return Err(Refusal::NeedsRole {
            id: a.id,
            role: a.needs.as_str().to_string(),
            you: checker.role.as_str().to_string(),
        });
    }
    if approve && a.change.points().unsigned_abs() > limit_of(checker.role).unsigned_abs() {
        return Err(Refusal::AboveYourLimit {
            id: a.id,
            points: a.change.points().unsigned_abs(),
            role: checker.role.as_str().to_string(),
            limit: limit_of(checker.role),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn limit(r: Role) -> i64 {
        match r {
            Role::Clerk => 1_000,
            Role::Supervisor => 5_000,
            Role::Manager => 100_000,
            Role::Admin => 1_000_000,
        }
    }

    #[rstest]
    #[case(Role::Clerk, 1_001, Some(Role::Supervisor))]
    #[case(Role::Clerk, -5_000, Some(Role::Supervisor))]
    #[case(Role::Clerk, 5_001, Some(Role::Manager))]
    #[case(Role::Supervisor, 2_000, Some(Role::Manager))]
    #[case(Role::Manager, 100_001, Some(Role::Admin))]
    #[case(Role::Admin, 2_000_000, None)]
    #[case(Role::Clerk, 2_000_000, None)]
    fn the_lowest_higher_role_whose_limit_covers_it_approves(
        #[case] maker: Role,
        #[case] points: i64,
        #[case] want: Option<Role>,
    ) {
        assert_eq!(approver_role(maker, points, limit), want);
    }

    fn request(points: i64, needs: Role) -> Approval {
        Approval {
            id: 7,
            change: ApprovalChange::Adjust {
                member_id: 1,
                card: "6200000001".into(),
                points,
                reason: "r".into(),
                external_ref: None,
            },
            maker: "ana".into(),
            maker_role: Role::Clerk,
            needs,
            requested_at: 0,
            requested_on: NaiveDate::default(),
            state: ApprovalState::Pending,
            checker: None,
            decided_at: None,
            decision_note: String::new(),
        }
    }

    fn actor(name: &str, role: Role) -> Actor {
        Actor { name: name.into(), role }
    }

    #[rstest]
    #[case::supervisor_within_limit(actor("bo", Role::Supervisor), 3_000, Role::Supervisor, true, true)]
    #[case::own_request(actor("ana", Role::Manager), 3_000, Role::Supervisor, true, false)]
    #[case::same_role_as_maker(actor("cy", Role::Clerk), 3_000, Role::Clerk, true, false)]
    #[case::below_needed_role(actor("bo", Role::Supervisor), 50_000, Role::Manager, true, false)]
    #[case::reject_needs_only_role(actor("di", Role::Manager), 50_000, Role::Manager, false, true)]
    fn who_may_decide(
        #[case] checker: Actor,
        #[case] points: i64,
        #[case] needs: Role,
        #[case] approve: bool,
        #[case] ok: bool,
    ) {
        assert_eq!(may_decide(&request(points, needs), &checker, approve, limit).is_ok(), ok);
    }

    #[test]
    fn a_decided_request_is_not_decided_again() {
        let mut a = request(3_000, Role::Supervisor);
        a.state = ApprovalState::Approved;
        let err = may_decide(&a, &actor("bo", Role::Manager), true, limit).unwrap_err().to_string();
        assert!(err.contains("already approved"), "{err}");
    }

    #[test]
    fn a_checker_above_the_needed_role_but_below_the_amount_cannot_approve() {
        // The request was routed to a supervisor, but the limits changed since.
        let a = request(6_000, Role::Supervisor);
        assert!(may_decide(&a, &actor("bo", Role::Supervisor), true, limit).is_err());
        assert!(may_decide(&a, &actor("bo", Role::Supervisor), false, limit).is_ok());
    }
}
