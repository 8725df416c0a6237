//! Loading the analytics reports from a store: the Summaries panel and `frontdesk report`
//! call these. Counter-based reports read only the `agg` records of their family (a few
//! per property and month), never the members; drill-down lists stream the members tree
//! holding only the rows they return.
//!
//! What is exact: tiers, retention and liability count every member as their record
//! stands now, so they are exact for `as_of` on or after the latest posting (the normal
//! case: today); for an earlier `as_of` a year's tier totals and a member's last stay
//! may already include later stays. Complaints and satisfaction are exact for any
//! `as_of`: the window is the 12 whole calendar months ending with `as_of`'s month.
//! RFM, cohorts and the monthly stays come from the stored snapshot, exact for its own
//! date (which they carry).

mod birthdays;
mod lists;
mod property;
mod snapshot;
mod sources;

pub use birthdays::{birthdays, in_year};
pub use lists::{TIER_LISTS, tier_members};
pub use property::property_report;
pub use snapshot::{cohorts, load_snapshot, members_of, rfm, rfm_members};
pub use sources::outstanding_by_source;

use crate::store::records::{FactCells, Overview};
use crate::store::{Store, StoreError, T, decode_at};
use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::analytics::facts::{self, family_prefix};
use frontdesk_core::domain::analytics::input::FactRow;
use frontdesk_core::domain::analytics::retention::{LedgerTotals, Windows, liability_report, retention_report};
use frontdesk_core::domain::analytics::service::{Orders, complaints_report, satisfaction_report};
use frontdesk_core::domain::analytics::tiers::tiers_report;
use frontdesk_core::domain::analytics::{
    ComplaintsReport, LiabilityReport, RetentionReport, SatisfactionReport, TiersReport,
};
use frontdesk_core::domain::tier::TierTable;

/// Reads every counter record of one family (all properties).
pub fn load_rows(store: &Store, family: u8) -> Result<Vec<FactRow>, StoreError> {
    let mut out = Vec::new();
    for item in store.tree(T::Agg).scan_prefix(family_prefix(family)) {
        let (k, v) = item?;
        let cells: FactCells = decode_at(T::Agg, &k, &v)?;
        out.extend(FactRow::from_record(&k, cells.0));
    }
    Ok(out)
}

fn table(config: &Config) -> TierTable<'_> {
    TierTable { rules: &config.tiers, minor_per_unit: config.minor_per_unit() }
}

/// `report tiers`.
pub fn tiers(
    store: &Store,
    config: &Config,
    as_of: NaiveDate,
    property: Option<&str>,
) -> Result<TiersReport, StoreError> {
    Ok(tiers_report(&load_rows(store, facts::TIERS)?, &table(config), as_of, property))
}

/// `report retention` (with the cohort matrix and monthly stays of the stored snapshot,
/// if any, whatever its date: the matrix carries it).
pub fn retention(
    store: &Store,
    config: &Config,
    as_of: NaiveDate,
    property: Option<&str>,
) -> Result<RetentionReport, StoreError> {
    let windows =
        Windows { active_months: config.retention.active_months, lapsed_months: config.retention.lapsed_months };
    let (last, totals) = (load_rows(store, facts::LAST_STAY)?, load_rows(store, facts::TOTALS)?);
    Ok(retention_report(&last, &totals, windows, as_of, property, cohorts(store, property)?))
}

/// `report liability`.
pub fn liability(
    store: &Store,
    _config: &Config,
    as_of: NaiveDate,
    property: Option<&str>,
) -> Result<LiabilityReport, StoreError> {
    let o: Overview = store.get(T::Agg, b"overview")?.unwrap_or_default();
    let ledger = LedgerTotals { redeemed: o.points_redeemed, expired: o.points_expired };
    let (totals, expiry) = (load_rows(store, facts::TOTALS)?, load_rows(store, facts::EXPIRY)?);
    Ok(liability_report(&totals, &expiry, ledger, as_of, property))
}

/// `report complaints`.
pub fn complaints(
    store: &Store,
    config: &Config,
    as_of: NaiveDate,
    property: Option<&str>,
) -> Result<ComplaintsReport, StoreError> {
    let severities: Vec<String> = config.complaints.severities.iter().map(|s| s.code.clone()).collect();
    let categories = config.all_complaint_categories();
    let orders = Orders { categories: &categories, severities: &severities };
    let (rows, hist) = (load_rows(store, facts::COMPLAINTS)?, load_rows(store, facts::COMPLAINER_HIST)?);
    Ok(complaints_report(&rows, &hist, &orders, as_of, property))
}

/// `report satisfaction`.
pub fn satisfaction(
    store: &Store,
    _config: &Config,
    as_of: NaiveDate,
    property: Option<&str>,
) -> Result<SatisfactionReport, StoreError> {
    Ok(satisfaction_report(&load_rows(store, facts::COMPLAINTS)?, as_of, property))
}
