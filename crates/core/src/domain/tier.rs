//! Tier from qualification history.
//!
//! A member qualifies for a tier in a calendar year by reaching its nights OR stays OR
//! spend on completed, qualifying stays. The tier applies at once and holds through the
//! end of the following year. The effective tier on a date is the higher of this year's
//! and last year's qualified tier, unless a manager's override is in force.

use crate::config::TierRule;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Qualifying totals of one calendar year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearQual {
    /// Calendar year.
    pub year: i32,
    /// Qualifying nights.
    pub nights: u32,
    /// Qualifying stays.
    pub stays: u32,
    /// Qualifying spend in minor units.
    pub spend_minor: i64,
}

/// One completed qualifying stay, dated by its departure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QualEvent {
    /// Departure date: the day the stay counts.
    pub date: NaiveDate,
    /// Nights of the stay.
    pub nights: u32,
    /// Eligible revenue in minor units.
    pub spend_minor: i64,
}

/// A manager's tier override, in force through `until`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierOverride {
    /// Tier code granted.
    pub tier: String,
    /// Last day the override applies.
    pub until: NaiveDate,
}

/// The tier rules with the currency scale needed to compare spend.
#[derive(Debug, Clone, Copy)]
pub struct TierTable<'a> {
    /// Tiers from lowest to highest.
    pub rules: &'a [TierRule],
    /// Minor units per whole currency unit.
    pub minor_per_unit: i64,
}

/// What is still needed for the next tier this year (any one of the three suffices).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Progress {
    /// Code of the next tier.
    pub next_tier: String,
    /// Nights still needed.
    pub nights_needed: u32,
    /// Stays still needed.
    pub stays_needed: u32,
    /// Spend still needed, in minor units.
    pub spend_needed_minor: i64,
}

impl<'a> TierTable<'a> {
    /// Rank (index into the rules) reached by one year's totals.
    pub fn qualified_rank(&self, q: &YearQual) -> usize {
        let spend_units = q.spend_minor / self.minor_per_unit.max(1);
        self.rules
            .iter()
            .rposition(|t| q.nights >= t.nights || q.stays >= t.stays || spend_units >= t.spend)
            .unwrap_or(0)
    }

    /// Effective rank on `date` from per-year counters that cover stays up to `date`.
    pub fn rank_on(&self, date: NaiveDate, counters: &[YearQual], over: Option<&TierOverride>) -> usize {
        let year = date.year();
        let of_year = |y: i32| counters.iter().find(|q| q.year == y).map_or(0, |q| self.qualified_rank(q));
        let earned = of_year(year).max(of_year(year - 1));
        match over {
            Some(o) if date <= o.until => self.rank_of(&o.tier).unwrap_or(0).max(earned),
            _ => earned,
        }
    }

    /// Effective rank on `date` from the full list of qualifying stays (any order).
    pub fn rank_on_history(&self, date: NaiveDate, events: &[QualEvent], over: Option<&TierOverride>) -> usize {
        let counters = counters_until(date, events);
        self.rank_on(date, &counters, over)
    }

    /// Rank of a tier code.
    pub fn rank_of(&self, code: &str) -> Option<usize> {
        self.rules.iter().position(|t| t.code == code)
    }

    /// Code of a rank (clamped to the highest tier).
    pub fn code(&self, rank: usize) -> &'a str {
        self.rules.get(rank.min(self.rules.len().saturating_sub(1))).map_or("", |t| t.code.as_str())
    }

    /// Bonus percent of a rank.
    pub fn bonus_percent(&self, rank: usize) -> u32 {
        self.rules.get(rank).map_or(0, |t| t.bonus_percent)
    }

    /// What this year's totals still lack for the tier above `rank`; `None` at the top.
    pub fn progress(&self, rank: usize, this_year: &YearQual) -> Option<Progress> {
        let next = self.rules.get(rank + 1)?;
        Some(Progress {
            next_tier: next.code.clone(),
            nights_needed: next.nights.saturating_sub(this_year.nights),
            stays_needed: next.stays.saturating_sub(this_year.stays),
            spend_needed_minor: (next.spend * self.minor_per_unit - this_year.spend_minor).max(0),
        })
    }

    /// Last day the effective tier on `date` is guaranteed, or `None` for the base tier.
    pub fn status_ends(
        &self,
        date: NaiveDate,
        counters: &[YearQual],
        over: Option<&TierOverride>,
    ) -> Option<NaiveDate> {
        let year = date.year();
        let rank_of_year = |y: i32| counters.iter().find(|q| q.year == y).map_or(0, |q| self.qualified_rank(q));
        let (this, earned) = (rank_of_year(year), rank_of_year(year).max(rank_of_year(year - 1)));
        let earned_end = match earned {
            0 => None,
            _ if this >= earned => NaiveDate::from_ymd_opt(year + 1, 12, 31),
            _ => NaiveDate::from_ymd_opt(year, 12, 31),
        };
        match over {
            Some(o) if date <= o.until && self.rank_of(&o.tier).unwrap_or(0) > earned => Some(o.until),
            _ => earned_end,
        }
    }
}

/// Per-year totals of the events dated on or before `date`.
pub fn counters_until(date: NaiveDate, events: &[QualEvent]) -> Vec<YearQual> {
    let mut out: Vec<YearQual> = Vec::new();
    for e in events.iter().filter(|e| e.date <= date) {
        add_to(&mut out, e.date.year(), i64::from(e.nights), 1, e.spend_minor);
    }
    out
}

/// Adds (or with negative numbers removes) one stay to the counters of `year`.
pub fn add_to(counters: &mut Vec<YearQual>, year: i32, nights: i64, stays: i64, spend_minor: i64) {
    let pos = match counters.iter().position(|q| q.year == year) {
        Some(p) => p,
        None => {
            counters.push(YearQual { year, ..YearQual::default() });
            counters.sort_by_key(|q| q.year);
            counters.iter().position(|q| q.year == year).unwrap_or(0)
        }
    };
    let q = &mut counters[pos];
    q.nights = (i64::from(q.nights) + nights).clamp(0, i64::from(u32::MAX)) as u32;
    q.stays = (i64::from(q.stays) + stays).clamp(0, i64::from(u32::MAX)) as u32;
    q.spend_minor = (q.spend_minor + spend_minor).max(0);
}
