//! Drill-down member lists computed by streaming the members tree (`--members`): only the
//! rows returned are held, so memory is bounded by the list, not the store.

use crate::ops::view::tier_table;
use crate::store::{Store, StoreError, T};
use chrono::{Datelike, NaiveDate};
use frontdesk_core::config::Config;
use frontdesk_core::domain::analytics::facts::counted;
use frontdesk_core::domain::analytics::{MemberList, MemberRow, Why};
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::tier::{TierTable, YearQual};

/// A member as a list row with why they are in it.
pub fn row(config: &Config, m: &Member, as_of: NaiveDate, why: Why) -> MemberRow {
    let table = tier_table(config);
    MemberRow {
        id: m.id,
        card: m.card.clone(),
        name: m.name.clone(),
        tier: table.code(table.rank_on(as_of, &m.qual, m.tier_override.as_ref())).to_string(),
        property: m.home_property.clone(),
        figure: why.english(config.store.minor_digits),
        why,
    }
}

/// Lists of `report tiers --members LIST`.
pub const TIER_LISTS: [&str; 3] = ["at_risk", "on_track", "upgraded"];

fn needs(table: &TierTable<'_>, rank: usize, this_year: &YearQual) -> Option<Why> {
    let rule = table.rules.get(rank)?;
    Some(Why::Needs {
        nights: rule.nights.saturating_sub(this_year.nights),
        stays: rule.stays.saturating_sub(this_year.stays),
        spend_minor: (rule.spend * table.minor_per_unit - this_year.spend_minor).max(0),
    })
}

/// The members behind one figure of `report tiers`: `at_risk` (with what they still need
/// to keep their tier), `on_track` or `upgraded`.
pub fn tier_members(
    store: &Store,
    config: &Config,
    as_of: NaiveDate,
    property: Option<&str>,
    list: &str,
) -> Result<MemberList, StoreError> {
    let table = tier_table(config);
    let year = as_of.year();
    let mut members = Vec::new();
    for item in store.scan_prefix::<Member>(T::Members, &[]) {
        let (_, m) = item?;
        if !counted(&m) || property.is_some_and(|p| p != m.home_property) {
            continue;
        }
        let over = m.tier_override.as_ref();
        let now = table.rank_on(as_of, &m.qual, over);
        let start = NaiveDate::from_ymd_opt(year - 1, 12, 31).map_or(0, |d| table.rank_on(d, &m.qual, over));
        let this_year =
            m.qual.iter().find(|q| q.year == year).copied().unwrap_or(YearQual { year, ..YearQual::default() });
        let next_year = NaiveDate::from_ymd_opt(year + 1, 1, 1).map_or(0, |d| {
            let so_far: Vec<YearQual> = m.qual.iter().filter(|q| q.year <= year).copied().collect();
            table.rank_on(d, &so_far, over)
        });
        let why = match list {
            "at_risk" if now > 0 && next_year < now => needs(&table, now, &this_year),
            "on_track" if now > 0 && next_year >= now => {
                Some(Why::Secured { tier: table.code(now).to_string(), year: year + 1 })
            }
            "upgraded" if now > start => {
                Some(Why::Upgraded { from: table.code(start).to_string(), to: table.code(now).to_string() })
            }
            _ => None,
        };
        let Some(why) = why else { continue };
        members.push(row(config, &m, as_of, why));
    }
    members.sort_by(|a, b| a.card.cmp(&b.card));
    Ok(MemberList { report: "tiers".into(), list: list.into(), as_of, property: property.map(str::to_string), members })
}
