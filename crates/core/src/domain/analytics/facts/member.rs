//! The counters one member contributes.

use super::{EXPIRY, FactKey, LAST_STAY, TIERS, TOTALS, month_index, record_key};
use crate::config::Config;
use crate::domain::ledger::{ExpiryPolicy, Lot, expiry_date};
use crate::domain::member::{Member, MemberStatus};
use crate::domain::tier::TierTable;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

/// Whether a member counts in the member reports (tiers, retention, RFM, birthdays):
/// active and blocked members do, merged and erased ones do not. Points reports count
/// every member's points.
pub fn counted(m: &Member) -> bool {
    matches!(m.status, MemberStatus::Active | MemberStatus::Blocked)
}

fn table(config: &Config) -> TierTable<'_> {
    TierTable { rules: &config.tiers, minor_per_unit: config.minor_per_unit() }
}

/// Every counter `m` contributes to, with its value.
pub fn member_facts(m: &Member, config: &Config) -> Vec<(FactKey, i64)> {
    let p = m.home_property.as_str();
    let mut out = Vec::with_capacity(12);
    let totals = record_key(TOTALS, p, &[]);
    out.push((FactKey { record: totals.clone(), cell: vec![b'e'] }, m.lifetime_points));
    out.push((FactKey { record: totals.clone(), cell: vec![b'o'] }, m.balance));
    for lot in m.lots.iter().filter(|l| l.remaining > 0) {
        if let Some(d) = expires_on(config, m, lot) {
            let record = record_key(EXPIRY, p, &month_index(d).to_be_bytes());
            out.push((FactKey { record, cell: vec![day(d)] }, lot.remaining));
        }
    }
    if !counted(m) {
        return out;
    }
    out.push((FactKey { record: totals, cell: vec![b's', m.stays.min(5) as u8] }, 1));
    let (bucket, cell) = match m.last_stay {
        Some(d) => (month_index(d), day(d)),
        None => (0, 0),
    };
    out.push((FactKey { record: record_key(LAST_STAY, p, &bucket.to_be_bytes()), cell: vec![cell] }, 1));
    tier_facts(m, config, &mut out);
    out
}

fn day(d: NaiveDate) -> u8 {
    d.day() as u8
}

fn tier_facts(m: &Member, config: &Config, out: &mut Vec<(FactKey, i64)>) {
    let table = table(config);
    let rank = |y: i32| m.qual.iter().find(|q| q.year == y).map_or(0, |q| table.qualified_rank(q)) as u8;
    let mut over = [0xFF, 0, 0, 0, 0];
    if let Some(o) = &m.tier_override {
        over[0] = table.rank_of(&o.tier).map_or(0xFF, |r| r as u8);
        over[1..].copy_from_slice(&o.until.num_days_from_ce().to_be_bytes());
    }
    let p = m.home_property.as_str();
    let cell = |r: [u8; 3]| [&r[..], &over[..]].concat();
    out.push((FactKey { record: record_key(TIERS, p, &0u32.to_be_bytes()), cell: cell([0, 0, 0]) }, 1));
    let years: BTreeSet<i32> =
        m.qual.iter().filter(|q| table.qualified_rank(q) > 0).flat_map(|q| [q.year, q.year + 1, q.year + 2]).collect();
    for y in years {
        let record = record_key(TIERS, p, &u32::try_from(y).unwrap_or(0).to_be_bytes());
        out.push((FactKey { record, cell: cell([rank(y), rank(y - 1), rank(y - 2)]) }, 1));
    }
}

/// The day a lot will be taken by the expiry job if nothing else happens: its expiry
/// date under the configured mode, or, while the member's tier is exempt on that day,
/// the first day after the exemption ends. `None`: never (exempt for good).
pub fn expires_on(config: &Config, m: &Member, lot: &Lot) -> Option<NaiveDate> {
    let policy = ExpiryPolicy { mode: config.expiry.mode, months: config.expiry.months, exempt: false };
    let table = table(config);
    let over = m.tier_override.as_ref();
    let mut d = expiry_date(policy, lot, m.last_activity)?;
    for _ in 0..8 {
        let rank = table.rank_on(d, &m.qual, over);
        if !config.expiry.exempt_tiers.iter().any(|t| t == table.code(rank)) {
            return Some(d);
        }
        d = table.status_ends(d, &m.qual, over)?.succ_opt()?;
    }
    None
}
