//! Comparing the store's observable state with the model's.

use super::{CState, Lot, Model, RState, SState};
use frontdesk_core::domain::approval::ApprovalState;
use frontdesk_core::domain::complaint::ComplaintState;
use frontdesk_core::domain::reward::RedemptionState;
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_store::ops::view::MemberView;
use frontdesk_store::ops::{Ctx, MemberRef, OpError, Reply, query};
use frontdesk_store::store::Store;

/// Every key and value of every tree.
pub fn snapshot(store: &Store) -> Vec<Vec<(Vec<u8>, Vec<u8>)>> {
    store
        .trees()
        .iter()
        .map(|t| t.iter().map(|kv| kv.map(|(k, v)| (k.to_vec(), v.to_vec())).expect("readable")).collect())
        .collect()
}

/// A reply or error in a few words, for the step log.
pub fn brief(r: &Result<Reply, OpError>) -> String {
    match r {
        Ok(Reply::Member(v)) => format!("ok member {}", v.member.card),
        Ok(Reply::Redemption(o)) => format!("ok redemption {} {}", o.id, o.state),
        Ok(Reply::Complaint(c)) => format!("ok complaint {} {:?}", c.complaint.id, c.complaint.state),
        Ok(Reply::Activity(a)) => format!("ok activity {} +{}", a.activity.id, a.activity.base_points),
        Ok(Reply::Stay(s)) => format!("ok stay {} +{}", s.stay, s.base_points + s.bonus_points),
        Ok(Reply::Expired(e)) => format!("ok expired {}", e.points),
        Ok(other) => {
            format!("ok {}", serde_json::to_string(other).unwrap_or_default().chars().take(80).collect::<String>())
        }
        Err(e) => format!("error: {e}"),
    }
}

fn c_state(s: ComplaintState) -> CState {
    CState::ALL[frontdesk_core::domain::complaint::ALL_STATES.iter().position(|x| *x == s).expect("known state")]
}

macro_rules! same {
    ($what:expr, $store:expr, $model:expr) => {
        let (s, m) = ($store, $model);
        if s != m {
            return Err(format!("{}: store {:?}, model {:?}", $what, s, m));
        }
    };
}

/// Compares members (balance, lots, lifetime, stays, tier, status…), stays, redemptions,
/// rewards' stock, complaints and the overview totals.
pub fn compare(store: &Store, ctx: &Ctx<'_>, model: &Model) -> Result<(), String> {
    for (i, mm) in model.members.iter().enumerate() {
        let m = frontdesk_store::ops::member_lookup(store, &MemberRef::Id(mm.id))
            .map_err(|e| e.to_string())?
            .ok_or(format!("member {i} ({}) missing", mm.card))?;
        let who = format!("member {i} ({})", mm.card);
        let view = MemberView::of(ctx, &m);
        let lots: Vec<Lot> = {
            let mut l: Vec<Lot> =
                m.lots.iter().map(|l| Lot { id: l.id, earned_on: l.earned_on, remaining: l.remaining }).collect();
            l.sort_by_key(|l| l.id);
            l
        };
        same!(format!("{who} balance"), m.balance, mm.balance());
        same!(format!("{who} lots"), lots, Model::lots_of(mm));
        same!(format!("{who} lifetime points"), m.lifetime_points, mm.lifetime);
        same!(format!("{who} ledger postings"), m.ledger_seq, mm.ledger_seq);
        same!(format!("{who} last activity"), m.last_activity, mm.last_activity);
        same!(format!("{who} stays"), m.stays as usize, mm.completed().count());
        same!(format!("{who} nights"), m.nights, mm.completed().map(|s| s.nights).sum::<u32>());
        same!(format!("{who} tier"), view.tier.as_str(), model.tier_code(mm));
        same!(format!("{who} status"), m.status.as_str(), mm.status());
        same!(format!("{who} e-mail"), &m.email, &mm.email);
        same!(format!("{who} open complaints"), m.open_complaints, mm.open_complaints);
        let mut stays = query::stays_of(store, m.id, usize::MAX).map_err(|e| e.to_string())?;
        stays.sort_by_key(|s| s.seq);
        let want: Vec<SState> = mm.stays.iter().map(|s| s.state).collect();
        let got: Vec<SState> = stays
            .iter()
            .map(|s| match s.status {
                StayStatus::Completed => SState::Completed,
                StayStatus::Cancelled => SState::Cancelled,
                StayStatus::NoShow => SState::NoShow,
                StayStatus::Reversed => SState::Reversed,
            })
            .collect();
        same!(format!("{who} stay states"), got, want);
        let points: Vec<i64> = stays.iter().map(|s| s.base_points + s.bonus_points).collect();
        same!(format!("{who} stay points"), points, mm.stays.iter().map(|s| s.points).collect::<Vec<_>>());
    }
    for (i, r) in model.redemptions.iter().enumerate() {
        let mm = &model.members[r.member];
        let got = query::redemptions_of(store, mm.id).map_err(|e| e.to_string())?;
        let red = got.iter().find(|x| x.id == r.id).ok_or(format!("redemption {i} ({}) missing", r.id))?;
        let state = match red.state {
            RedemptionState::Held => RState::Held,
            RedemptionState::Fulfilled => RState::Fulfilled,
            _ => RState::Cancelled,
        };
        same!(format!("redemption {} state", r.id), state, r.state);
        same!(format!("redemption {} points", r.id), red.points, r.points);
    }
    let rewards = query::rewards(store).map_err(|e| e.to_string())?;
    for r in &model.rewards {
        let got = rewards.iter().find(|x| x.code == r.code).ok_or(format!("reward {} missing", r.code))?;
        same!(format!("reward {} stock", r.code), got.stock, r.stock);
    }
    for c in &model.complaints {
        let got = query::complaint(store, c.id).map_err(|e| e.to_string())?.ok_or(format!("complaint {}", c.id))?;
        same!(format!("complaint {} state", c.id), c_state(got.state), c.state);
        same!(format!("complaint {} goodwill", c.id), got.goodwill_points, c.goodwill);
        same!(format!("complaint {} csat", c.id), got.csat, c.csat);
    }
    let requests = query::approvals(store, true, usize::MAX).map_err(|e| e.to_string())?;
    for a in &model.approvals {
        let got = requests.iter().find(|x| x.id == a.id).ok_or(format!("approval request {} missing", a.id))?;
        let decided = match got.state {
            ApprovalState::Pending => None,
            ApprovalState::Approved => Some(true),
            ApprovalState::Rejected => Some(false),
        };
        same!(format!("approval request {} state", a.id), decided, a.decided);
    }
    let o = query::overview(store).map_err(|e| e.to_string())?;
    let completed: Vec<_> = model.members.iter().flat_map(|m| m.completed()).collect();
    same!("overview members", o.members, model.members.len() as u64);
    same!("overview stays", o.stays, completed.len() as u64);
    same!("overview nights", o.nights, completed.iter().map(|s| u64::from(s.nights)).sum::<u64>());
    same!("overview points earned", o.points_earned, model.totals.earned);
    same!("overview points redeemed", o.points_redeemed, model.totals.redeemed);
    same!("overview points expired", o.points_expired, model.totals.expired);
    let outstanding: i64 = model.members.iter().map(|m| m.balance()).sum();
    same!("overview points outstanding", o.points_outstanding, outstanding);
    let open = model.complaints.iter().filter(|c| c.state.is_open()).count() as u64;
    same!("overview open complaints", o.complaints_open, open);
    Ok(())
}
