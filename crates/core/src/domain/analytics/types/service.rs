//! Points liability, complaints and satisfaction reports.

use super::Count;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Points expiring within a number of days after `as_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpiringWithin {
    /// Days after `as_of` (30, 60, 90).
    pub days: u32,
    /// Points whose expiry day falls in `as_of + 1 ..= as_of + days` (cumulative).
    pub points: i64,
}

/// `report liability`: points earned, spent and still owed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiabilityReport {
    /// Business date.
    pub as_of: NaiveDate,
    /// Home property filter.
    pub property: Option<String>,
    /// Points credited net of reversals (lifetime points of the members).
    pub earned: i64,
    /// Points redeemed net of cancellations; store-wide only (`None` with a property).
    pub redeemed: Option<i64>,
    /// Points expired; store-wide only (`None` with a property).
    pub expired: Option<i64>,
    /// Redeemed + expired = earned − outstanding (also per property).
    pub redeemed_or_expired: i64,
    /// Points on members' balances.
    pub outstanding: i64,
    /// Points whose expiry day is on or before `as_of` but that the expiry job has not
    /// yet taken.
    pub overdue: i64,
    /// Points expiring within 30, 60 and 90 days.
    pub expiring: Vec<ExpiringWithin>,
    /// Outstanding points by what earned them (`report liability`; `None` where only the
    /// counters were read, as in the Summaries panel).
    #[serde(default)]
    pub outstanding_by_source: Option<OutstandingBySource>,
}

/// Outstanding points by the kind of credit whose lot still holds them; the parts add up
/// to the outstanding balance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutstandingBySource {
    /// Stays: base points and tier bonus.
    pub stay: i64,
    /// Base points of other activities (spend, fees, events, referrals, bonuses).
    pub activity: i64,
    /// Points granted by promotions.
    pub promotion: i64,
    /// Service-recovery goodwill.
    pub goodwill: i64,
    /// Manual adjustments, opening balances and refunds of cancelled redemptions.
    pub other: i64,
}

impl OutstandingBySource {
    /// Counts `points` still held by a lot created by a posting with these line kinds. A
    /// posting credits one kind of points (a stay's base and tier bonus share one).
    pub fn add(&mut self, kinds: &[crate::domain::ledger::EntryKind], points: i64) {
        use crate::domain::ledger::EntryKind as K;
        let has = |k: K| kinds.contains(&k);
        let cell = if has(K::Promotion) {
            &mut self.promotion
        } else if has(K::Activity) {
            &mut self.activity
        } else if has(K::Earn) || has(K::Bonus) {
            &mut self.stay
        } else if has(K::Goodwill) {
            &mut self.goodwill
        } else {
            &mut self.other
        };
        *cell += points;
    }

    /// Sum of the parts.
    pub fn total(&self) -> i64 {
        self.stay + self.activity + self.promotion + self.goodwill + self.other
    }
}

/// A duration range in minutes: the histogram bucket a median falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesRange {
    /// Lower bound, inclusive.
    pub from_minutes: i64,
    /// Upper bound, exclusive; `None` for the open last bucket.
    pub to_minutes: Option<i64>,
}

/// `report complaints`: complaints opened in the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintsReport {
    /// Business date.
    pub as_of: NaiveDate,
    /// Complaint property filter.
    pub property: Option<String>,
    /// First day of the window: the window is whole calendar months, the 12 months
    /// ending with the month of `as_of`.
    pub from: NaiveDate,
    /// Last day of the window (the end of `as_of`'s month).
    pub to: NaiveDate,
    /// Complaints opened in the window.
    pub complaints: u64,
    /// Per category (configured order, then others), zero counts left out.
    pub by_category: Vec<Count>,
    /// Per severity (configured order).
    pub by_severity: Vec<Count>,
    /// Per property.
    pub by_property: Vec<Count>,
    /// Per opening month, every month of the window, oldest first.
    pub by_month: Vec<Count>,
    /// Complaints whose recorded first response or resolution came after its SLA target.
    pub sla_breached: u64,
    /// `sla_breached / complaints`.
    pub sla_breach_rate: Option<f64>,
    /// Complaints with a first response, and the bucket holding the median time to it.
    pub responded: u64,
    /// Median time from logging to first response (bucket, see `MinutesRange`).
    pub median_first_response: Option<MinutesRange>,
    /// Complaints currently resolved or closed.
    pub resolved: u64,
    /// Median time from logging to resolution (bucket).
    pub median_resolve: Option<MinutesRange>,
    /// Members with a complaint ever at this property (all properties: anywhere).
    pub complainers: u64,
    /// Members with two or more complaints ever (not windowed).
    pub repeat_complainers: u64,
    /// Goodwill points granted on complaints opened in the window.
    pub goodwill_points: i64,
}

/// NPS and CSAT of one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// Month `YYYY-MM` or property code; `all` for the total.
    pub key: String,
    /// Likelihood-to-recommend answers.
    pub nps_responses: u64,
    /// Answers 9–10.
    pub promoters: u64,
    /// Answers 0–6.
    pub detractors: u64,
    /// (promoters − detractors) / responses × 100, in −100..=100.
    pub nps: Option<f64>,
    /// CSAT answers (1–5).
    pub csat_responses: u64,
    /// Answers 4–5.
    pub satisfied: u64,
    /// satisfied / responses, as a share.
    pub csat: Option<f64>,
}

/// `report satisfaction`: follow-up scores of complaints opened in the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SatisfactionReport {
    /// Business date.
    pub as_of: NaiveDate,
    /// Complaint property filter.
    pub property: Option<String>,
    /// First day of the window (12 whole months ending with `as_of`'s month).
    pub from: NaiveDate,
    /// Last day of the window.
    pub to: NaiveDate,
    /// The whole window.
    pub total: Score,
    /// Per opening month, every month of the window, oldest first.
    pub by_month: Vec<Score>,
    /// Per property with any answer.
    pub by_property: Vec<Score>,
}

#[cfg(test)]
mod tests {
    use super::OutstandingBySource;
    use crate::domain::ledger::EntryKind::{self, *};
    use rstest::rstest;

    #[rstest]
    #[case::stay_base_and_bonus(&[Earn, Bonus], [1, 0, 0, 0, 0])]
    #[case::activity(&[Activity], [0, 1, 0, 0, 0])]
    #[case::promotion(&[Promotion], [0, 0, 1, 0, 0])]
    #[case::goodwill(&[Goodwill], [0, 0, 0, 1, 0])]
    #[case::adjust(&[Adjust], [0, 0, 0, 0, 1])]
    #[case::opening(&[Opening], [0, 0, 0, 0, 1])]
    #[case::refund(&[RedeemCancel], [0, 0, 0, 0, 1])]
    #[case::unknown_posting(&[], [0, 0, 0, 0, 1])]
    fn a_lot_counts_under_the_kind_of_its_posting(#[case] kinds: &[EntryKind], #[case] want: [i64; 5]) {
        let mut s = OutstandingBySource::default();
        s.add(kinds, 1);
        assert_eq!([s.stay, s.activity, s.promotion, s.goodwill, s.other], want);
        assert_eq!(s.total(), 1);
    }
}
