//! External references in the `keys` tree. A reference of a command that creates a record
//! (`stay`, `redeem`, `complaint`, `member`, `points`, `activity`) must name a record that carries it,
//! and a source system's profile id (`profile`) the member it was linked to;
//! one of a command that acts on a record (`member-update`, `stay-reverse`, `reward`,
//! `fulfil`, `cancel`, `complaint-update`, `activity-reverse`) must name a record that exists, belongs to the
//! same member and is in the state the command left it in (a stay or activity reversed, a
//! redemption fulfilled or cancelled: none ever goes back). One of a change waiting for
//! approval (`approval`) names its request, pending or rejected.

use super::{Checker, Lookup};
use crate::store::records::ExtRef;
use crate::store::{StoreError, T, keys};
use frontdesk_core::domain::activity::{ActivityRecord, ActivityStatus};
use frontdesk_core::domain::approval::{Approval, ApprovalChange, ApprovalState};
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::ledger::Posting;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::reward::{Redemption, RedemptionState, Reward};
use frontdesk_core::domain::stay::{Stay, StayStatus};

/// Said of a reference whose creating command's record does not carry it.
const NOT_CARRIED: &str = "no such record carries this reference";

/// Checks one external reference entry (`x` ‖ reference → [`ExtRef`]).
pub(super) fn check(c: &mut Checker<'_>, key: &[u8], body: &[u8], value: &[u8]) -> Result<(), StoreError> {
    let Some(x) = c.decode::<ExtRef>(T::Keys, key, value) else {
        return Ok(());
    };
    let r = String::from_utf8_lossy(body).into_owned();
    let what = format!("keys external reference `{r}` ({} {})", x.kind, x.target);
    let problem = match x.kind.as_str() {
        "stay" | "redeem" | "complaint" | "member" | "points" | "activity" | "profile" => created(c, &r, &x)?,
        "approval" => requested(c, &r, &x)?,
        "member-update" | "stay-reverse" | "reward" | "fulfil" | "cancel" | "complaint-update" | "activity-reverse" => {
            acted_on(c, &x)?
        }
        other => Some(format!("unknown kind `{other}`")),
    };
    if let Some(p) = problem {
        c.problem(format!("{what} of member id {}: {p}", x.member_id));
    }
    Ok(())
}

/// The problem with `found`, if any: `check` judges a record that exists; a missing record
/// is `missing`; a corrupt one is reported by the pass over its own tree.
fn judge<R>(found: Lookup<R>, missing: &str, check: impl FnOnce(R) -> Option<String>) -> Option<String> {
    match found {
        Lookup::Found(r) => check(r),
        Lookup::Missing => Some(missing.to_string()),
        Lookup::Corrupt => None,
    }
}

/// References of commands that create a record that keeps the reference.
fn created(c: &Checker<'_>, r: &str, x: &ExtRef) -> Result<Option<String>, StoreError> {
    let back =
        |found: Option<&str>, owner: u64| (found != Some(r) || owner != x.member_id).then(|| NOT_CARRIED.to_string());
    let seq = u32::try_from(x.target).unwrap_or(0);
    Ok(match x.kind.as_str() {
        "stay" => judge(c.lookup::<Stay>(T::Stays, &keys::member_seq(x.member_id, seq))?, NOT_CARRIED, |s| {
            back(s.external_ref.as_deref(), s.member_id)
        }),
        "redeem" => judge(c.lookup::<Redemption>(T::Redemptions, &keys::id(x.target))?, NOT_CARRIED, |red| {
            back(red.external_ref.as_deref(), red.member_id)
        }),
        "complaint" => judge(c.lookup::<Complaint>(T::Complaints, &keys::id(x.target))?, NOT_CARRIED, |cm| {
            back(cm.external_ref.as_deref(), cm.member_id.unwrap_or(0))
        }),
        "activity" => judge(c.lookup::<ActivityRecord>(T::Activities, &keys::id(x.target))?, NOT_CARRIED, |a| {
            back(a.external_ref.as_deref(), a.member_id)
        }),
        // A member's own reference, or a source system's profile id of the member.
        "member" | "profile" => judge(c.lookup::<Member>(T::Members, &keys::id(x.target))?, NOT_CARRIED, |m| {
            (m.id != x.member_id).then(|| NOT_CARRIED.to_string())
        }),
        _ => judge(c.lookup::<Posting>(T::Ledger, &keys::member_seq(x.member_id, seq))?, NOT_CARRIED, |p| {
            (p.source != format!("ref {r}") || p.member_id != x.member_id).then(|| NOT_CARRIED.to_string())
        }),
    })
}

/// The reference of an adjustment waiting for approval names the request, which carries it:
/// pending, or rejected (nothing was applied). Once approved, the reference names the
/// posting the change made (kind `points`).
fn requested(c: &Checker<'_>, r: &str, x: &ExtRef) -> Result<Option<String>, StoreError> {
    let found = c.lookup::<Approval>(T::Approvals, &keys::id(x.target))?;
    Ok(judge(found, "the approval request it names does not exist", |a| {
        let carried = match &a.change {
            ApprovalChange::Adjust { external_ref, .. } => external_ref.as_deref() == Some(r),
            ApprovalChange::Goodwill { .. } => false,
        };
        if !carried || a.change.member_id() != x.member_id {
            Some(NOT_CARRIED.to_string())
        } else if a.state == ApprovalState::Approved {
            Some(format!("request {} was approved, so the reference should name its posting", a.id))
        } else {
            None
        }
    }))
}

/// References of commands that act on an existing record.
fn acted_on(c: &Checker<'_>, x: &ExtRef) -> Result<Option<String>, StoreError> {
    let owner = |id: u64| (id != x.member_id).then(|| format!("the record belongs to member id {id}"));
    Ok(match x.kind.as_str() {
        "member-update" => {
            judge(c.lookup::<Member>(T::Members, &keys::id(x.target))?, "the member it names does not exist", |m| {
                owner(m.id)
            })
        }
        "stay-reverse" => {
            let seq = u32::try_from(x.target).unwrap_or(0);
            let found = c.lookup::<Stay>(T::Stays, &keys::member_seq(x.member_id, seq))?;
            judge(found, "the stay it names does not exist", |s| {
                (s.status != StayStatus::Reversed).then(|| format!("stay {seq} is {}, not reversed", s.status.as_str()))
            })
        }
        "activity-reverse" => {
            let found = c.lookup::<ActivityRecord>(T::Activities, &keys::id(x.target))?;
            judge(found, "the activity it names does not exist", |a| {
                owner(a.member_id).or_else(|| {
                    (a.status != ActivityStatus::Reversed).then(|| format!("activity {} is not reversed", a.id))
                })
            })
        }
        "reward" => {
            judge(c.lookup::<Reward>(T::Rewards, &keys::id(x.target))?, "the reward it names does not exist", |_| {
                (x.member_id != 0).then(|| "a reward belongs to no member".to_string())
            })
        }
        "fulfil" | "cancel" => {
            let want = if x.kind == "fulfil" { RedemptionState::Fulfilled } else { RedemptionState::Cancelled };
            let found = c.lookup::<Redemption>(T::Redemptions, &keys::id(x.target))?;
            judge(found, "the redemption it names does not exist", |red| {
                owner(red.member_id).or_else(|| {
                    (red.state != want)
                        .then(|| format!("redemption {} is {}, not {}", red.id, red.state.as_str(), want.as_str()))
                })
            })
        }
        _ => {
            let found = c.lookup::<Complaint>(T::Complaints, &keys::id(x.target))?;
            judge(found, "the complaint it names does not exist", |cm| owner(cm.member_id.unwrap_or(0)))
        }
    })
}
