//! Managed-property figures: fee-payment punctuality, repair turnaround and tenancy
//! renewal, per residential or commercial property. Pure: the caller streams the fee
//! payments and repair complaints in (`report::analytics::property`) and keeps only these
//! tallies, so memory grows with payers and repairs, not with payments.
//!
//! Definitions:
//! * **Punctuality**: recorded (not reversed) fee payments paid on time ÷ all of them,
//!   over every period on record.
//! * **Repair turnaround**: hours from logging to resolution of complaints in the
//!   `repairs` category that have been resolved (reopened ones count their first
//!   resolution); median and 90th percentile (nearest rank). Unresolved ones are counted
//!   as open.
//! * **Renewal**: of the tenants (members whose residence role is tenant; with no
//!   residence recorded, every payer) who paid a fee for a period in the year before last
//!   (the 12 months ending 12 months before the as-of month), the share who also paid one
//!   for a period in the last year (the 12 months ending with the as-of month). A tenant
//!   who keeps paying has renewed; one who stopped has left.

use crate::domain::Millis;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Figures of one managed property.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PropertyFigures {
    /// Property code.
    pub property: String,
    /// `residential` or `commercial`.
    pub kind: String,
    /// Fee periods paid.
    pub fee_periods: u64,
    /// Of which on time.
    pub fee_on_time: u64,
    /// `fee_on_time / fee_periods`.
    pub punctuality: Option<f64>,
    pub repairs_resolved: u64,
    /// Repairs not resolved yet.
    pub repairs_open: u64,
    /// Median hours from logging to resolution.
    pub repair_median_hours: Option<f64>,
    /// 90th percentile of the same.
    pub repair_p90_hours: Option<f64>,
    /// Tenancies that paid in the year before last.
    pub tenancies_due: u64,
    /// Of which paid again in the last year.
    pub tenancies_renewed: u64,
    /// `tenancies_renewed / tenancies_due`.
    pub renewal: Option<f64>,
}

/// Every managed property's figures on a date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PropertyReport {
    /// As-of date.
    pub as_of: NaiveDate,
    /// One entry per managed property, in configuration order.
    pub properties: Vec<PropertyFigures>,
}

#[derive(Debug, Default)]
struct Tally {
    fees: u64,
    on_time: u64,
    hours: Vec<f64>,
    open: u64,
    /// Payer → (paid in the year before last, paid in the last year).
    payers: BTreeMap<u64, (bool, bool)>,
}

/// Accumulates the figures of some properties as records stream by.
#[derive(Debug)]
pub struct PropertyTally {
    as_of: NaiveDate,
    /// First day of the last year's window and of the year before last's.
    last_from: NaiveDate,
    prev_from: NaiveDate,
    next_month: NaiveDate,
    props: Vec<(String, String, Tally)>,
}

impl PropertyTally {
    /// A tally of `properties` (code, kind) as of a date.
    pub fn new(as_of: NaiveDate, properties: &[(String, String)]) -> PropertyTally {
        let month = as_of.with_day(1).unwrap_or(as_of);
        let next_month = month.checked_add_months(Months::new(1)).unwrap_or(month);
        let last_from = next_month.checked_sub_months(Months::new(12)).unwrap_or(month);
        let prev_from = next_month.checked_sub_months(Months::new(24)).unwrap_or(month);
        let props = properties.iter().map(|(p, k)| (p.clone(), k.clone(), Tally::default())).collect();
        PropertyTally { as_of, last_from, prev_from, next_month, props }
    }

    fn of(&mut self, property: &str) -> Option<&mut Tally> {
        self.props.iter_mut().find(|p| p.0 == property).map(|p| &mut p.2)
    }

    /// A recorded fee payment; `tenant` says whether the payer counts for renewal.
    pub fn fee(&mut self, property: &str, member: u64, period: NaiveDate, on_time: bool, tenant: bool) {
        let (prev_from, last_from, next_month) = (self.prev_from, self.last_from, self.next_month);
        let Some(t) = self.of(property) else { return };
        t.fees += 1;
        t.on_time += u64::from(on_time);
        if tenant && period >= prev_from && period < next_month {
            let e = t.payers.entry(member).or_default();
            if period < last_from {
                e.0 = true;
            } else {
                e.1 = true;
            }
        }
    }

    /// A complaint in the `repairs` category.
    pub fn repair(&mut self, property: &str, opened_at: Millis, resolved_at: Option<Millis>) {
        let Some(t) = self.of(property) else { return };
        match resolved_at {
            Some(r) => t.hours.push((r - opened_at).max(0) as f64 / 3_600_000.0),
            None => t.open += 1,
        }
    }

    /// The report.
    pub fn finish(self) -> PropertyReport {
        let properties = self
            .props
            .into_iter()
            .map(|(property, kind, mut t)| {
                t.hours.sort_by(f64::total_cmp);
                let due = t.payers.values().filter(|p| p.0).count() as u64;
                let renewed = t.payers.values().filter(|p| p.0 && p.1).count() as u64;
                PropertyFigures {
                    property,
                    kind,
                    fee_periods: t.fees,
                    fee_on_time: t.on_time,
                    punctuality: share(t.on_time, t.fees),
                    repairs_resolved: t.hours.len() as u64,
                    repairs_open: t.open,
                    repair_median_hours: rank(&t.hours, 50),
                    repair_p90_hours: rank(&t.hours, 90),
                    tenancies_due: due,
                    tenancies_renewed: renewed,
                    renewal: share(renewed, due),
                }
            })
            .collect();
        PropertyReport { as_of: self.as_of, properties }
    }
}

fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Nearest-rank percentile of sorted values.
fn rank(sorted: &[f64], pct: usize) -> Option<f64> {
    let n = sorted.len();
    (n > 0).then(|| sorted[(pct * n).div_ceil(100).clamp(1, n) - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).unwrap()
    }

    fn tally() -> PropertyTally {
        PropertyTally::new(
            NaiveDate::from_ymd_opt(2026, 5, 14).unwrap(),
            &[("LRG".into(), "residential".into()), ("OFF".into(), "commercial".into())],
        )
    }

    #[test]
    fn punctuality_counts_on_time_periods_per_property() {
        let mut t = tally();
        for (p, on_time) in [("LRG", true), ("LRG", true), ("LRG", true), ("LRG", false), ("LIS", true)] {
            t.fee(p, 1, d(2026, 1), on_time, false);
        }
        let r = t.finish();
        assert_eq!((r.properties[0].fee_periods, r.properties[0].fee_on_time), (4, 3));
        assert_eq!(r.properties[0].punctuality, Some(0.75));
        assert_eq!(r.properties[1].punctuality, None, "no payments, no share");
    }

    #[test]
    fn turnaround_is_median_and_p90_of_resolved_repairs() {
        let mut t = tally();
        let h = 3_600_000;
        for hours in [1, 2, 3, 4, 5, 6, 7, 8, 9, 100] {
            t.repair("LRG", 0, Some(hours * h));
        }
        t.repair("LRG", 0, None);
        let f = &t.finish().properties[0];
        assert_eq!((f.repairs_resolved, f.repairs_open), (10, 1));
        assert_eq!((f.repair_median_hours, f.repair_p90_hours), (Some(5.0), Some(9.0)));
    }

    #[test]
    fn renewal_is_tenants_of_the_year_before_last_paying_again_last_year() {
        // Windows for 2026-05-14: year before last 2024-06..2025-05, last year 2025-06..2026-05.
        let cases = [
            (1, vec![d(2024, 6), d(2025, 6)], true, Some(true)),
            (2, vec![d(2025, 5)], true, Some(false)),
            (3, vec![d(2025, 6), d(2026, 5)], true, None),
            (4, vec![d(2024, 5), d(2026, 1)], true, None),
            (5, vec![d(2024, 9), d(2026, 2)], false, None),
        ];
        let mut t = tally();
        for (member, periods, tenant, _) in &cases {
            for p in periods {
                t.fee("LRG", *member, *p, true, *tenant);
            }
        }
        let f = &t.finish().properties[0];
        let due = cases.iter().filter(|c| c.3.is_some()).count() as u64;
        let renewed = cases.iter().filter(|c| c.3 == Some(true)).count() as u64;
        assert_eq!((f.tenancies_due, f.tenancies_renewed), (due, renewed));
        assert_eq!(f.renewal, Some(0.5));
    }
}
