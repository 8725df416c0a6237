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
    pub name: String,
    /// Effective tier code on the report's as-of date.
    pub tier: String,
    /// Home property code.
    pub property: String,
    /// The figure that put the member in the list, for people, e.g. `needs 3 nights or 1
    /// stay or 450.00 spend`, `R5 F4 M5`, `birthday 2026-03-04`.
    pub figure: String,
    /// The same figure as data, for a screen to word in its own language.
    pub why: Why,
}

/// Why a member is in a drill-down list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Why {
    /// Moved up this year, from one tier code to another.
    Upgraded {
        /// Tier at the start of the year.
        from: String,
        /// Tier now.
        to: String,
    },
    /// Holds the tier through next year.
    Secured {
        tier: String,
        /// The year it holds through.
        year: i32,
    },
    /// What the member still needs this year to keep their tier (any one of them).
    Needs {
        nights: u32,
        stays: u32,
        /// Spend in minor units.
        spend_minor: i64,
    },
    /// Recency, frequency and money scores (1–5).
    Scores {
        /// Recency.
        r: u8,
        /// Frequency.
        f: u8,
        /// Money.
        m: u8,
    },
    /// A birthday on this date.
    Birthday(NaiveDate),
}

impl Why {
    /// The figure in English, as the CLI prints it; counts in their plural form from the
    /// catalogue (`needs 1 night or 2 stays or 450.00 spend`).
    pub fn english(&self, minor_digits: u8) -> String {
        match self {
            Why::Upgraded { from, to } => format!("{from} → {to}"),
            Why::Secured { tier, year } => format!("{tier} secured for {year}"),
            Why::Needs { nights, stays, spend_minor } => {
                let t = crate::i18n::Texts::english();
                t.fill(
                    "why.needs_figure",
                    &[
                        ("nights", t.count("unit.nights", i64::from(*nights))),
                        ("stays", t.count("unit.stays", i64::from(*stays))),
                        ("spend", crate::domain::money::format(*spend_minor, minor_digits)),
                    ],
                )
            }
            Why::Scores { r, f, m } => format!("R{r} F{f} M{m}"),
            Why::Birthday(date) => format!("birthday {date}"),
        }
    }
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
    /// `cohort + k`; index 0 is 1.0 by definition. Only months up to the snapshot date;
    /// empty for a month with no new members.
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
    /// Cohorts, oldest first: the 12 first-stay months ending with the snapshot's month.
    pub rows: Vec<CohortRow>,
    /// Completed stays per departure month, the 24 months ending with the snapshot's month,
    /// oldest first (members' home property).
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

/// A member with a birthday coming up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Birthday {
    /// Next birthday on or after `as_of` (29 February is kept on 28 February in other years).
    pub date: NaiveDate,
    /// Age reached on that day.
    pub age: i32,
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

mod rfm;
mod service;

pub use rfm::*;
pub use service::*;
