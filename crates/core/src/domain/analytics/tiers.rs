//! `report tiers` from the tier counters (family `t`).

use super::input::{FactRow, by_bucket, n};
use super::types::{Count, TiersReport};
use crate::domain::tier::TierTable;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// A member's tier situation in one year: ranks qualified in Y, Y−1, Y−2 and override.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TierCell {
    /// Ranks qualified in Y, Y−1 and Y−2.
    pub ranks: [usize; 3],
    /// Override rank and last day.
    pub over: Option<(usize, NaiveDate)>,
}

impl TierCell {
    /// Decodes a cell written by `facts::member_facts`.
    pub(crate) fn decode(cell: &[u8]) -> Option<TierCell> {
        let ranks = [usize::from(*cell.first()?), usize::from(*cell.get(1)?), usize::from(*cell.get(2)?)];
        let days = i32::from_be_bytes(cell.get(4..8)?.try_into().ok()?);
        let over = match cell.get(3)? {
            0xFF => None,
            r => Some((usize::from(*r), NaiveDate::from_num_days_from_ce_opt(days)?)),
        };
        Some(TierCell { ranks, over })
    }

    fn with_over(&self, date: NaiveDate, earned: usize) -> usize {
        match self.over {
            Some((r, until)) if date <= until => r.max(earned),
            _ => earned,
        }
    }

    /// Effective rank on a date of year Y.
    pub(crate) fn rank_on(&self, date: NaiveDate) -> usize {
        self.with_over(date, self.ranks[0].max(self.ranks[1]))
    }

    /// Effective rank on 31 December of Y−1.
    pub(crate) fn rank_at_start(&self, year: i32) -> usize {
        let date = NaiveDate::from_ymd_opt(year - 1, 12, 31).unwrap_or(NaiveDate::MIN);
        self.with_over(date, self.ranks[1].max(self.ranks[2]))
    }

    /// Effective rank on 1 January of Y+1 if nothing more is earned.
    pub(crate) fn rank_next_year(&self, year: i32) -> usize {
        let date = NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap_or(NaiveDate::MAX);
        self.with_over(date, self.ranks[0])
    }
}

/// Every member's tier cell in the year of `as_of`, with the number of members in it:
/// members with a cell for the year, and everyone else (ranks all 0) with their override.
pub(crate) fn cells_of_year(rows: &[FactRow], year: i32, property: Option<&str>) -> Vec<(TierCell, u64)> {
    let buckets = by_bucket(rows, property);
    let year_key = u32::try_from(year).unwrap_or(0).to_be_bytes().to_vec();
    let empty = BTreeMap::new();
    let all = buckets.get(0u32.to_be_bytes().as_slice()).unwrap_or(&empty);
    let explicit = buckets.get(&year_key).unwrap_or(&empty);
    let mut rest: BTreeMap<Vec<u8>, i64> = all.clone();
    let mut out = Vec::new();
    for (cell, count) in explicit {
        if let Some(tc) = TierCell::decode(cell) {
            *rest.entry([&[0, 0, 0], &cell[3..]].concat()).or_insert(0) -= count;
            out.push((tc, n(*count)));
        }
    }
    out.extend(rest.iter().filter_map(|(c, v)| TierCell::decode(c).map(|tc| (tc, n(*v)))));
    out
}

/// The tier report on `as_of` from the tier counters.
pub fn tiers_report(rows: &[FactRow], table: &TierTable<'_>, as_of: NaiveDate, property: Option<&str>) -> TiersReport {
    let year = as_of.year();
    let len = table.rules.len().max(1);
    let (mut tiers, mut upgraded, mut on_track, mut at_risk) =
        (vec![0u64; len], vec![0u64; len], vec![0; len], vec![0; len]);
    let mut members = 0;
    for (cell, count) in cells_of_year(rows, year, property) {
        let now = cell.rank_on(as_of).min(len - 1);
        members += count;
        tiers[now] += count;
        if now > cell.rank_at_start(year) {
            upgraded[now] += count;
        }
        if now > 0 {
            if cell.rank_next_year(year) >= now { on_track[now] += count } else { at_risk[now] += count }
        }
    }
    let counts = |v: &[u64], from: usize| -> Vec<Count> {
        v.iter().enumerate().skip(from).map(|(r, c)| Count { key: table.code(r).to_string(), count: *c }).collect()
    };
    TiersReport {
        as_of,
        property: property.map(str::to_string),
        year,
        members,
        tiers: counts(&tiers, 0),
        upgraded: counts(&upgraded, 1),
        on_track: counts(&on_track, 1),
        at_risk: counts(&at_risk, 1),
    }
}
