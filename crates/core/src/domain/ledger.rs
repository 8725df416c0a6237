//! The points ledger: append-only postings, lots and FIFO consumption, expiry.
//!
//! Every credit creates a lot dated the day it was earned. Debits consume the oldest
//! lots first. The balance is the sum of the lots' remaining points and never goes
//! negative. Replaying the postings in order rebuilds balance and lots exactly.

use crate::config::ExpiryMode;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Kind of a ledger line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryKind {
    /// Base points of a stay.
    Earn,
    /// Tier bonus of a stay.
    Bonus,
    /// Points paid for a reward.
    Redeem,
    /// Refund of a cancelled redemption.
    RedeemCancel,
    /// Manual adjustment by staff.
    Adjust,
    /// Service-recovery points linked to a complaint.
    Goodwill,
    /// Points that expired.
    Expire,
    /// Points taken back when a stay is reversed.
    Reverse,
    /// A balance carried over from a legacy programme.
    Opening,
    /// Base points of an activity other than a stay (spend, fees, events, bonuses).
    Activity,
    /// Points granted by a promotion (negative when the activity is reversed); each
    /// promotion's points are a posting of their own naming it.
    Promotion,
}

impl EntryKind {
    /// Whether the line counts towards points earned (and lifetime points), as opposed
    /// to redeemed or expired.
    pub(crate) fn is_earning(self) -> bool {
        !matches!(self, EntryKind::Redeem | EntryKind::RedeemCancel | EntryKind::Expire)
    }

    /// Lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Earn => "earn",
            EntryKind::Bonus => "bonus",
            EntryKind::Redeem => "redeem",
            EntryKind::RedeemCancel => "redeem_cancel",
            EntryKind::Adjust => "adjust",
            EntryKind::Goodwill => "goodwill",
            EntryKind::Expire => "expire",
            EntryKind::Reverse => "reverse",
            EntryKind::Opening => "opening",
            EntryKind::Activity => "activity",
            EntryKind::Promotion => "promotion",
        }
    }

    /// Parses a name written by [`EntryKind::as_str`].
    pub fn parse(s: &str) -> Option<EntryKind> {
        use EntryKind::*;
        [Earn, Bonus, Redeem, RedeemCancel, Adjust, Goodwill, Expire, Reverse, Opening, Activity, Promotion]
            .into_iter()
            .find(|k| k.as_str() == s.trim())
    }
}

/// One signed amount of a posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// What the amount is.
    pub kind: EntryKind,
    /// Signed points: credits positive, debits negative.
    pub points: i64,
}

/// Points taken from one lot by a debit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotMove {
    /// Lot id (the sequence of the posting that created it).
    pub lot: u32,
    /// Points taken (positive).
    pub points: i64,
}

/// One ledger posting: the lines written by one command for one member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posting {
    /// Owner.
    pub member_id: u64,
    /// Sequence within the member (1, 2, …).
    pub seq: u32,
    /// Business date.
    pub date: NaiveDate,
    /// When it was written (UTC ms).
    pub at: i64,
    /// Operator who made it.
    pub operator: String,
    /// Operator who approved it, where approval was required.
    pub approver: Option<String>,
    /// What caused it, e.g. `stay 3`, `redemption 17`, `complaint 9`.
    pub source: String,
    /// Free-text reason.
    pub reason: String,
    /// Signed amounts.
    pub lines: Vec<Line>,
    /// Lots consumed by the debit lines, oldest first.
    pub consumed: Vec<LotMove>,
}

impl Posting {
    /// Sum of the lines.
    pub fn net(&self) -> i64 {
        self.lines.iter().map(|l| l.points).sum()
    }

    /// Sum of the lines that count as earned (see [`EntryKind::is_earning`]).
    pub fn earned(&self) -> i64 {
        self.lines.iter().filter(|l| l.kind.is_earning()).map(|l| l.points).sum()
    }

    /// Sum of the positive lines: the size of the lot this posting creates.
    pub fn credit(&self) -> i64 {
        self.lines.iter().map(|l| l.points).filter(|p| *p > 0).sum()
    }
}

/// A parcel of points earned on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lot {
    /// Id: the sequence of the posting that created it.
    pub id: u32,
    /// Day it was earned.
    pub earned_on: NaiveDate,
    /// Points still unspent.
    pub remaining: i64,
}

/// Why a debit cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Insufficient {
    /// Points available.
    pub available: i64,
    /// Points asked for.
    pub wanted: i64,
}

/// Sum of the lots' remaining points.
pub fn balance(lots: &[Lot]) -> i64 {
    lots.iter().map(|l| l.remaining).sum()
}

/// Plans taking `points` from the lots, oldest first (`prefer` lots first when given).
pub fn plan_debit(lots: &[Lot], points: i64, prefer: Option<u32>) -> Result<Vec<LotMove>, Insufficient> {
    let available = balance(lots);
    if points < 0 || points > available {
        return Err(Insufficient { available, wanted: points });
    }
    let mut order: Vec<&Lot> = lots.iter().collect();
    order.sort_by_key(|l| (Some(l.id) != prefer, l.earned_on, l.id));
    let mut left = points;
    let mut moves = Vec::new();
    for lot in order {
        if left == 0 {
            break;
        }
        let take = lot.remaining.min(left);
        if take > 0 {
            moves.push(LotMove { lot: lot.id, points: take });
            left -= take;
        }
    }
    Ok(moves)
}

/// Applies planned moves and drops emptied lots.
pub fn apply_moves(lots: &mut Vec<Lot>, moves: &[LotMove]) {
    for m in moves {
        if let Some(lot) = lots.iter_mut().find(|l| l.id == m.lot) {
            lot.remaining -= m.points;
        }
    }
    lots.retain(|l| l.remaining > 0);
}

/// Adds a lot for a credit.
pub fn add_lot(lots: &mut Vec<Lot>, id: u32, earned_on: NaiveDate, points: i64) {
    if points > 0 {
        lots.push(Lot { id, earned_on, remaining: points });
    }
}

/// The expiry rule as it applies to one member on one date.
#[derive(Debug, Clone, Copy)]
pub struct ExpiryPolicy {
    /// Inactivity or rolling.
    pub mode: ExpiryMode,
    /// Months of inactivity, or lifetime of a lot.
    pub months: u32,
    /// Whether the member's tier is exempt.
    pub exempt: bool,
}

/// The first day a lot (or, under inactivity, everything) is expired.
pub fn expiry_date(policy: ExpiryPolicy, lot: &Lot, last_activity: Option<NaiveDate>) -> Option<NaiveDate> {
    if policy.exempt {
        return None;
    }
    let from = match policy.mode {
        ExpiryMode::Rolling => lot.earned_on,
        // All points share one clock: the last qualifying activity, as the caller defines it.
        ExpiryMode::Inactivity => last_activity.unwrap_or(lot.earned_on),
    };
    from.checked_add_months(Months::new(policy.months))
}

/// Lots (whole remaining amounts) that have expired on `as_of`.
pub fn plan_expiry(
    policy: ExpiryPolicy,
    lots: &[Lot],
    last_activity: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Vec<LotMove> {
    lots.iter()
        .filter(|l| l.remaining > 0)
        .filter(|l| expiry_date(policy, l, last_activity).is_some_and(|d| d <= as_of))
        .map(|l| LotMove { lot: l.id, points: l.remaining })
        .collect()
}

/// Points that will expire from `as_of` (exclusive) through `until` (inclusive).
pub fn expiring_between(
    policy: ExpiryPolicy,
    lots: &[Lot],
    last_activity: Option<NaiveDate>,
    as_of: NaiveDate,
    until: NaiveDate,
) -> i64 {
    lots.iter()
        .filter(|l| expiry_date(policy, l, last_activity).is_some_and(|d| d > as_of && d <= until))
        .map(|l| l.remaining)
        .sum()
}

/// A discrepancy found while replaying postings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayError {
    /// Sequence of the posting at fault.
    pub seq: u32,
    /// What is wrong.
    pub reason: String,
}

/// Rebuilds the lots from postings in sequence order, checking each debit.
pub fn replay(postings: &[Posting]) -> Result<Vec<Lot>, ReplayError> {
    let mut lots: Vec<Lot> = Vec::new();
    for p in postings {
        let debit: i64 = -p.lines.iter().map(|l| l.points).filter(|x| *x < 0).sum::<i64>();
        let moved: i64 = p.consumed.iter().map(|m| m.points).sum();
        if moved != debit {
            return Err(ReplayError { seq: p.seq, reason: format!("debits {debit} but consumes {moved} from lots") });
        }
        for m in &p.consumed {
            match lots.iter().find(|l| l.id == m.lot) {
                Some(l) if l.remaining >= m.points && m.points > 0 => {}
                _ => {
                    return Err(ReplayError {
                        seq: p.seq,
                        reason: format!("takes {} from lot {} which does not hold that many", m.points, m.lot),
                    });
                }
            }
        }
        apply_moves(&mut lots, &p.consumed);
        add_lot(&mut lots, p.seq, p.date, p.credit());
    }
    Ok(lots)
}
