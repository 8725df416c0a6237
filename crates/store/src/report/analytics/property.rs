//! `report property`: punctuality, repair turnaround and renewal of the managed
//! properties, from the records themselves.
//!
//! There are no counters for these yet: the report scans the activities tree (fee
//! payments), the complaints tree (repairs) and the residences (`H` keys). Decoding costs
//! about 1 µs a record, so a property of 2,000 units paying monthly (24,000 payments a
//! year) reads in tens of milliseconds, and a million activities in about a second
//! (hotel groups with heavy spend activity pay for those too). When that becomes too
//! slow, keep per-(property, month) fee counters in `agg` like the complaint facts.

use crate::store::{Store, StoreError, T, decode_at, keys};
use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::activity::{Activity, ActivityRecord, ActivityStatus};
use frontdesk_core::domain::analytics::property::{PropertyReport, PropertyTally};
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::residence::{Residence, ResidentRole};
use std::collections::BTreeMap;

/// The figures of every managed property (or only `property`) on `as_of`.
pub fn property_report(
    store: &Store,
    config: &Config,
    as_of: NaiveDate,
    property: Option<&str>,
) -> Result<PropertyReport, StoreError> {
    let props: Vec<(String, String)> = config
        .managed_properties()
        .filter(|p| property.is_none_or(|want| want == p.code))
        .map(|p| (p.code.clone(), p.kind.as_str().to_string()))
        .collect();
    let mut tally = PropertyTally::new(as_of, &props);
    if props.is_empty() {
        return Ok(tally.finish());
    }
    let mut roles: BTreeMap<u64, ResidentRole> = BTreeMap::new();
    for item in store.tree(T::Keys).scan_prefix([keys::RESIDENCE]) {
        let (k, v) = item?;
        if let Some(id) = keys::read_u64(&k, 1) {
            roles.insert(id, decode_at::<Residence>(T::Keys, &k, &v)?.role);
        }
    }
    for item in store.tree(T::Activities).iter() {
        let (k, v) = item?;
        let a: ActivityRecord = decode_at(T::Activities, &k, &v)?;
        if let (Activity::FeePayment { period, on_time, .. }, ActivityStatus::Recorded) = (&a.activity, a.status) {
            // Without a recorded role every payer counts as a tenancy.
            let tenant = roles.get(&a.member_id).is_none_or(|r| *r == ResidentRole::Tenant);
            tally.fee(&a.property, a.member_id, *period, *on_time, tenant);
        }
    }
    for item in store.tree(T::Complaints).iter() {
        let (k, v) = item?;
        let c: Complaint = decode_at(T::Complaints, &k, &v)?;
        if c.category == "repairs" && c.opened_at <= end_of(as_of) {
            tally.repair(&c.property, c.opened_at, c.resolved_at);
        }
    }
    Ok(tally.finish())
}

fn end_of(d: NaiveDate) -> i64 {
    d.and_hms_opt(23, 59, 59).map_or(i64::MAX, |t| t.and_utc().timestamp_millis())
}
