//! Reads of promotions and activities for the CLI and the TUI: the promotion book with
//! each promotion's spend, one promotion's report, and a member's activities.

use super::super::OpError;
use crate::store::{Store, T, keys};
use chrono::NaiveDate;
use frontdesk_core::domain::activity::{ActivityRecord, ActivityStatus};
use frontdesk_core::domain::promotion::{GrantRecord, GrantSet, Promotion, PromotionBook};
use frontdesk_core::domain::stay::Stay;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Where a promotion stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PromotionState {
    /// Starts later.
    Upcoming,
    /// Applies today.
    Running,
    /// Past its last day, or ended early.
    Ended,
}

impl PromotionState {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            PromotionState::Upcoming => "upcoming",
            PromotionState::Running => "running",
            PromotionState::Ended => "ended",
        }
    }

    /// The state of `p` on `today`.
    pub(crate) fn of(p: &Promotion, today: NaiveDate) -> PromotionState {
        if p.runs_on(today) {
            PromotionState::Running
        } else if today < p.starts && p.ended_on.is_none() {
            PromotionState::Upcoming
        } else {
            PromotionState::Ended
        }
    }
}

/// A promotion with its spend.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PromotionRow {
    pub promotion: Promotion,
    /// Upcoming, running or ended on the business date.
    pub state: PromotionState,
    /// Points granted so far, net of reversals.
    pub spent: i64,
    /// Budget left (`None` without a budget).
    pub remaining: Option<i64>,
}

pub fn promotion_book(store: &Store) -> Result<PromotionBook, OpError> {
    Ok(store.get::<PromotionBook>(T::Agg, b"promotions")?.unwrap_or_default())
}

/// Spend of one promotion: its `P` counter, kept in the same transaction as each grant.
pub(crate) fn promotion_spent(store: &Store, id: u64) -> Result<i64, OpError> {
    let v = store.tree(T::Keys).get(keys::pair_prefix(keys::PROMO_SPENT, id))?;
    Ok(v.and_then(|b| b.get(..8).and_then(|b| b.try_into().ok())).map_or(0, i64::from_be_bytes))
}

/// Every promotion (by id) with its state on `today` and its spend; one key read per
/// promotion, so the TUI can call it on every refresh.
pub fn promotions(store: &Store, today: NaiveDate) -> Result<Vec<PromotionRow>, OpError> {
    let book = promotion_book(store)?;
    let mut out = Vec::with_capacity(book.promotions.len());
    for p in book.promotions {
        let spent = promotion_spent(store, p.id)?;
        out.push(PromotionRow {
            state: PromotionState::of(&p, today),
            remaining: p.budget.map(|b| (b - spent).max(0)),
            spent,
            promotion: p,
        });
    }
    Ok(out)
}

/// Points of one promotion by property or activity kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionReport {
    /// The promotion, its state and spend.
    pub code: String,
    /// Points granted (net of reversals): the sum of the parts below.
    pub granted: i64,
    /// The spend counter (equals `granted` on a store that `verify` passes).
    pub spent: i64,
    /// Budget, if any.
    pub budget: Option<i64>,
    /// Members who received points from it.
    pub members_reached: u64,
    /// Activities (stays included) it granted points to.
    pub activities: u64,
    /// Points by property.
    pub by_property: BTreeMap<String, i64>,
    /// Points by activity kind (`stay`, `spend`, …).
    pub by_kind: BTreeMap<String, i64>,
}

impl PromotionReport {
    fn add(&mut self, members: &mut BTreeSet<u64>, member: u64, property: &str, kind: &str, points: i64) {
        self.granted += points;
        self.activities += 1;
        members.insert(member);
        *self.by_property.entry(property.to_string()).or_default() += points;
        *self.by_kind.entry(kind.to_string()).or_default() += points;
    }
}

fn part(grants: &[GrantRecord], id: u64) -> i64 {
    grants.iter().filter(|g| g.promotion_id == id).map(|g| g.points).sum()
}

/// One promotion's report, or `None` when no promotion has that code.
///
/// Computed from the primary records that hold each grant — the activities tree and the
/// stays' grant sets (keys prefix `g`) — rather than from the ledger: the ledger is the
/// largest tree and its promotion postings name the code only in free text, whereas these
/// records carry the promotion id, points, property and kind exactly, exclude reversed
/// activities (reversed stays lose their grant set) and are a small fraction of the store.
pub fn promotion_report(store: &Store, code: &str) -> Result<Option<PromotionReport>, OpError> {
    let book = promotion_book(store)?;
    let Some(p) = book.by_code(code) else { return Ok(None) };
    let mut r = PromotionReport { code: p.code.clone(), budget: p.budget, ..Default::default() };
    r.spent = promotion_spent(store, p.id)?;
    let mut members = BTreeSet::new();
    for item in store.scan_prefix::<ActivityRecord>(T::Activities, &[]) {
        let (_, a) = item?;
        let points = part(&a.grants, p.id);
        if a.status == ActivityStatus::Recorded && points != 0 {
            r.add(&mut members, a.member_id, &a.property, a.activity.kind(), points);
        }
    }
    for item in store.scan_prefix::<GrantSet>(T::Keys, &[keys::STAY_GRANTS]) {
        let (k, set) = item?;
        let points = part(&set.grants, p.id);
        if points == 0 {
            continue;
        }
        let (Some(member), Some(seq)) = (keys::read_u64(&k, 1), keys::read_u32(&k, 9)) else { continue };
        let stay: Option<Stay> = store.get(T::Stays, &keys::member_seq(member, seq))?;
        let property = stay.map_or_else(|| "?".to_string(), |s| s.property);
        r.add(&mut members, member, &property, "stay", points);
    }
    r.members_reached = members.len() as u64;
    Ok(Some(r))
}
