//! Output types of every report: what the CLI prints (text, `--json`, `--csv`) and what the
//! Summaries panel draws. They are stable: fields are only ever added.
//!
//! Every report carries `as_of` and `property` (the filter, `None` = all properties).
//! Shares are fractions in `0.0..=1.0`, `None` when the denominator is zero. Points are
//! whole points; money is in minor units of the store currency.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One member in a drill-down list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    /// Internal id (opens the member in tab 1).
    pub id: u64,
    /// Card number.
    pub card: String,
    /// Name.
    pub name: String,
    /// Effective tier code on the report's as-of date.
    pub tier: String,
    /// Home property code.
    pub property: String,
    /// The figure that put the member in the list, for people, e.g. `needs 3 nights or 1
    /// stay or 450.00 spend`, `R5 F4 M5`, `birthday 2026-03-04`.
    pub figure: String,
}

/// A drill-down list: the members behind one figure of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberList {
    /// Report name (`tiers`, `rfm`, …).
    pub report: String,
    /// Which list, e.g. `at_risk`, `upgraded`, `on_track`, `champions`.
    pub list: String,
    /// Date the list was computed for (for `rfm`, the snapshot's date).
    pub as_of: NaiveDate,
    /// Home property filter.
    pub property: Option<String>,
    /// The members, in card order.
    pub members: Vec<MemberRow>,
}

/// A named count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// What is counted: a tier code, category, severity, property code or month `YYYY-MM`.
    pub key: String,
    /// How many.
    pub count: u64,
}

/// `report tiers`: tier distribution on the as-of date and this year's movement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TiersReport {
    /// Business date the tiers are effective on.
    pub as_of: NaiveDate,
    /// Home property filter.
    pub property: Option<String>,
    /// Calendar year of `as_of` (the qualification year).
    pub year: i32,
    /// Members counted (active and blocked; merged and erased members are not).
    pub members: u64,
    /// Members per effective tier on `as_of`, lowest tier first, every tier listed.
    pub tiers: Vec<Count>,
    /// Members whose effective tier on `as_of` is above their tier on 31 December of the
    /// previous year (qualification or override), per new tier (elite tiers only).
    pub upgraded: Vec<Count>,
    /// Elite members whose current tier is already secured for next year (re-qualified
    /// this year, or an override running past 31 December), per tier.
    pub on_track: Vec<Count>,
    /// Elite members whose tier drops on 1 January unless they qualify again, per current
    /// tier; `--members at_risk` lists them with what they still need.
    pub at_risk: Vec<Count>,
}

/// Stays of one member, bucketed for the repeat-stay rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StayBucket {
    /// Completed stays: `0`, `1`, `2`, `3`, `4` or `5+`.
    pub stays: String,
    /// Members with that many.
    pub members: u64,
}

/// Cohort retention: members grouped by the month of their first completed stay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortRow {
    /// First-stay month, `YYYY-MM`.
    pub cohort: String,
    /// Members in the cohort.
    pub members: u64,
    /// Index `k`: share of the cohort with a completed stay (by departure) in month
    /// `cohort + k`; index 0 is 1.0 by definition. Only months up to the snapshot date.
    pub returning: Vec<f64>,
}

/// Completed stays per departure month, for the sparkline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    /// Month `YYYY-MM`.
    pub month: String,
    /// Completed stays departing that month.
    pub stays: u64,
}

/// The whole-history part of retention, computed in a snapshot (see [`SnapshotInfo`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortMatrix {
    /// When the snapshot was computed; `report rebuild` and the nightly job refresh it.
    pub snapshot: SnapshotInfo,
    /// Cohorts, oldest first (the last `months` first-stay months up to the snapshot date).
    pub rows: Vec<CohortRow>,
    /// Completed stays per month over the same months, oldest first.
    pub monthly_stays: Vec<MonthCount>,
}

/// When a snapshot report was computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotInfo {
    /// Business date the snapshot describes.
    pub as_of: NaiveDate,
    /// When it was computed (UTC ms).
    pub computed_at: i64,
}

/// `report retention`: how recently members stayed, repeat stays, cohorts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetentionReport {
    /// Business date.
    pub as_of: NaiveDate,
    /// Home property filter.
    pub property: Option<String>,
    /// Window of "active", in months (config `retention.active_months`).
    pub active_months: u32,
    /// Beyond this many months without a stay a member is lapsed (`retention.lapsed_months`).
    pub lapsed_months: u32,
    /// Members counted (active and blocked).
    pub members: u64,
    /// Last completed stay (departure) within `active_months` before `as_of`.
    pub active: u64,
    /// Last stay between `active_months` and `lapsed_months` before `as_of`.
    pub at_risk: u64,
    /// Last stay more than `lapsed_months` before `as_of`.
    pub lapsed: u64,
    /// No completed stay on or before `as_of`.
    pub never_stayed: u64,
    /// Members per completed-stays bucket (0 … 5+).
    pub stays: Vec<StayBucket>,
    /// Members with two or more completed stays / members with at least one.
    pub repeat_stay_rate: Option<f64>,
    /// Cohort matrix from the latest snapshot; `None` before the first `report rebuild`.
    pub cohorts: Option<CohortMatrix>,
}

/// An RFM segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Segment {
    /// Recent, frequent, high spend.
    Champions,
    /// Frequent and valuable, not necessarily very recent.
    Loyal,
    /// Recent, moderate frequency: could become loyal.
    Potential,
    /// Recent first stays.
    New,
    /// Used to be frequent or valuable, not seen lately.
    AtRisk,
    /// Low recency, low frequency.
    Hibernating,
    /// Lowest recency: gone.
    Lost,
}

/// Every segment, best first.
pub const SEGMENTS: [Segment; 7] = [
    Segment::Champions,
    Segment::Loyal,
    Segment::Potential,
    Segment::New,
    Segment::AtRisk,
    Segment::Hibernating,
    Segment::Lost,
];

impl Segment {
    /// Name used in output and in `--members SEGMENT` (`at_risk`).
    pub fn as_str(self) -> &'static str {
        match self {
            Segment::Champions => "champions",
            Segment::Loyal => "loyal",
            Segment::Potential => "potential",
            Segment::New => "new",
            Segment::AtRisk => "at_risk",
            Segment::Hibernating => "hibernating",
            Segment::Lost => "lost",
        }
    }

    /// Display label, e.g. `At risk`.
    pub fn label(self) -> &'static str {
        match self {
            Segment::Champions => "Champions",
            Segment::Loyal => "Loyal",
            Segment::Potential => "Potential",
            Segment::New => "New",
            Segment::AtRisk => "At risk",
            Segment::Hibernating => "Hibernating",
            Segment::Lost => "Lost",
        }
    }

    /// Parses a name (`at-risk`, `At risk` too).
    pub fn parse(s: &str) -> Option<Segment> {
        let norm = s.trim().to_lowercase().replace(['-', ' '], "_");
        SEGMENTS.into_iter().find(|g| g.as_str() == norm)
    }

    /// Byte used in stored keys (never renumber).
    pub fn code(self) -> u8 {
        SEGMENTS.iter().position(|g| *g == self).map_or(0, |p| p as u8)
    }

    /// Segment of a stored key byte.
    pub fn from_code(b: u8) -> Option<Segment> {
        SEGMENTS.get(usize::from(b)).copied()
    }
}

/// Members of one segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentCount {
    /// The segment.
    pub segment: Segment,
    /// Display label.
    pub label: String,
    /// Members in it.
    pub members: u64,
    /// Share of the members scored.
    pub share: Option<f64>,
}

/// `report rfm`: recency / frequency / monetary quintiles over the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmReport {
    /// When the snapshot was computed (RFM moves with the calendar).
    pub snapshot: SnapshotInfo,
    /// Home property filter.
    pub property: Option<String>,
    /// Window in months (24).
    pub window_months: u32,
    /// Members with at least one completed stay departing in the window.
    pub members_scored: u64,
    /// Members per segment, every segment listed, best first.
    pub segments: Vec<SegmentCount>,
    /// Upper bounds of quintiles 1–4 of days since the last stay (low = recent = score 5).
    pub recency_days_edges: Vec<i64>,
    /// Upper bounds of quintiles 1–4 of completed stays in the window.
    pub frequency_edges: Vec<u64>,
    /// Upper bounds of quintiles 1–4 of room revenue in the window, minor units.
    pub monetary_minor_edges: Vec<i64>,
}

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

/// A member with a birthday coming up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Birthday {
    /// Next birthday on or after `as_of` (29 February is kept on 28 February in other years).
    pub date: NaiveDate,
    /// Age reached on that day.
    pub age: i32,
    /// The member.
    pub member: MemberRow,
}

/// `report birthdays`: members with a birthday in the next `days` days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BirthdaysReport {
    /// Business date (day 0 of the window).
    pub as_of: NaiveDate,
    /// Home property filter.
    pub property: Option<String>,
    /// Window: `as_of ..= as_of + days − 1` (default 7: today and the next six days).
    pub days: u32,
    /// Active members with a birthday in the window (all of them, listed or not).
    pub total: u64,
    /// Active members, by date then member id (enrolment order); the first page only when
    /// the caller asked for a limit.
    pub birthdays: Vec<Birthday>,
}
