//! `report retention` (families `l` and `m`) and `report liability` (families `m`, `x`).

use super::facts::month_start;
use super::input::{FactRow, by_bucket, n, selected, share};
use super::types::{CohortMatrix, ExpiringWithin, LiabilityReport, RetentionReport, StayBucket};
use chrono::{Days, Months, NaiveDate};

/// Windows of the retention report, in months.
#[derive(Debug, Clone, Copy)]
pub struct Windows {
    /// Active within this many months.
    pub active_months: u32,
    /// Lapsed beyond this many months.
    pub lapsed_months: u32,
}

/// Dates of the cells of last-stay rows: `(Some(day), members)`, `None` for never stayed.
fn last_stays(rows: &[FactRow], property: Option<&str>) -> Vec<(Option<NaiveDate>, u64)> {
    let mut out = Vec::new();
    for (bucket, cells) in by_bucket(rows, property) {
        let month = bucket.as_slice().try_into().ok().map(u32::from_be_bytes).unwrap_or(0);
        for (cell, v) in cells {
            let day = cell.first().copied().unwrap_or(0);
            let date = if month == 0 {
                None
            } else {
                month_start(month).and_then(|m| m.with_day0(u32::from(day).saturating_sub(1)))
            };
            out.push((date, n(v)));
        }
    }
    out
}

trait WithDay0 {
    fn with_day0(self, d: u32) -> Option<NaiveDate>;
}

impl WithDay0 for NaiveDate {
    fn with_day0(self, d: u32) -> Option<NaiveDate> {
        self.checked_add_days(Days::new(u64::from(d)))
    }
}

/// The retention report from last-stay rows (`l`) and member totals (`m`).
pub fn retention_report(
    last: &[FactRow],
    totals: &[FactRow],
    windows: Windows,
    as_of: NaiveDate,
    property: Option<&str>,
    cohorts: Option<CohortMatrix>,
) -> RetentionReport {
    let active_cut = as_of.checked_sub_months(Months::new(windows.active_months)).unwrap_or(NaiveDate::MIN);
    let lapsed_cut = as_of.checked_sub_months(Months::new(windows.lapsed_months)).unwrap_or(NaiveDate::MIN);
    let (mut active, mut at_risk, mut lapsed, mut never) = (0, 0, 0, 0);
    for (date, count) in last_stays(last, property) {
        match date {
            None => never += count,
            Some(d) if d > active_cut => active += count,
            Some(d) if d > lapsed_cut => at_risk += count,
            Some(_) => lapsed += count,
        }
    }
    let mut stays = [0u64; 6];
    for row in totals.iter().filter(|r| selected(r, property)) {
        for (i, s) in stays.iter_mut().enumerate() {
            *s += n(row.get(&[b's', i as u8]));
        }
    }
    let stayed: u64 = stays[1..].iter().sum();
    RetentionReport {
        as_of,
        property: property.map(str::to_string),
        active_months: windows.active_months,
        lapsed_months: windows.lapsed_months,
        members: active + at_risk + lapsed + never,
        active,
        at_risk,
        lapsed,
        never_stayed: never,
        stays: stays
            .iter()
            .enumerate()
            .map(|(i, m)| StayBucket { stays: if i == 5 { "5+".into() } else { i.to_string() }, members: *m })
            .collect(),
        repeat_stay_rate: share(stayed - stays[1], stayed),
        cohorts,
    }
}

/// Store-wide ledger totals (the `overview` record), used without a property filter.
#[derive(Debug, Clone, Copy)]
pub struct LedgerTotals {
    /// Redeemed net of cancellations.
    pub redeemed: i64,
    pub expired: i64,
}

/// The liability report from member totals (`m`) and points by expiry day (`x`).
pub fn liability_report(
    totals: &[FactRow],
    expiry: &[FactRow],
    ledger: LedgerTotals,
    as_of: NaiveDate,
    property: Option<&str>,
) -> LiabilityReport {
    let sum = |cell: u8| totals.iter().filter(|r| selected(r, property)).map(|r| r.get(&[cell])).sum::<i64>();
    let (earned, outstanding) = (sum(b'e'), sum(b'o'));
    let mut overdue = 0;
    let windows = [30u32, 60, 90];
    let mut expiring = [0i64; 3];
    for (bucket, cells) in by_bucket(expiry, property) {
        let month = bucket.as_slice().try_into().ok().map(u32::from_be_bytes).unwrap_or(0);
        for (cell, points) in cells {
            let day = u32::from(cell.first().copied().unwrap_or(1)).saturating_sub(1);
            let Some(d) = month_start(month).and_then(|m| m.with_day0(day)) else { continue };
            if d <= as_of {
                overdue += points;
            }
            for (i, w) in windows.iter().enumerate() {
                if d > as_of && d <= as_of + Days::new(u64::from(*w)) {
                    expiring[i] += points;
                }
            }
        }
    }
    let whole = property.is_none();
    LiabilityReport {
        as_of,
        property: property.map(str::to_string),
        earned,
        redeemed: whole.then_some(ledger.redeemed),
        expired: whole.then_some(ledger.expired),
        redeemed_or_expired: earned - outstanding,
        outstanding,
        overdue,
        expiring: windows.iter().zip(expiring).map(|(d, p)| ExpiringWithin { days: *d, points: p }).collect(),
        outstanding_by_source: None,
    }
}
