//! `report rfm`, its segment lists and the cohort matrix, from the stored snapshot
//! (`agg` `si` and `sr` ‖ segment ‖ id; see `domain::analytics::snapshot`). Reading a
//! report reads one record; a segment list reads that segment's keys and its members.

use super::lists::row;
use crate::store::{Store, StoreError, T, keys};
use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::analytics::snapshot::{
    INFO_KEY, Membership, SnapshotRecord, parse_membership_key, segment_prefix,
};
use frontdesk_core::domain::analytics::{CohortMatrix, MemberList, RfmReport, Segment};
use frontdesk_core::domain::member::Member;

/// The stored snapshot summary, if one was computed.
pub fn load_snapshot(store: &Store) -> Result<Option<SnapshotRecord>, StoreError> {
    store.get::<SnapshotRecord>(T::Agg, INFO_KEY)
}

/// `report rfm` from the stored snapshot (whatever its date); `None` before the first
/// `report rebuild` or nightly run.
pub fn rfm(store: &Store, property: Option<&str>) -> Result<Option<RfmReport>, StoreError> {
    Ok(load_snapshot(store)?.map(|s| s.rfm_report(property)))
}

/// The cohort matrix and monthly stays from the stored snapshot, if any.
pub fn cohorts(store: &Store, property: Option<&str>) -> Result<Option<CohortMatrix>, StoreError> {
    Ok(load_snapshot(store)?.map(|s| s.cohort_matrix(property)))
}

fn list(
    store: &Store,
    config: &Config,
    as_of: NaiveDate,
    segment: Segment,
    property: Option<&str>,
    ids: impl Iterator<Item = Result<(u64, [u8; 3]), StoreError>>,
    limit: Option<usize>,
) -> Result<MemberList, StoreError> {
    let limit = limit.unwrap_or(usize::MAX);
    let mut members = Vec::new();
    for item in ids {
        if members.len() >= limit {
            break;
        }
        let (id, [r, f, m]) = item?;
        let Some(member) = store.get::<Member>(T::Members, &keys::id(id))? else { continue };
        if property.is_some_and(|p| p != member.home_property) {
            continue;
        }
        members.push(row(config, &member, as_of, frontdesk_core::domain::analytics::Why::Scores { r, f, m }));
    }
    members.sort_by(|a, b| a.card.cmp(&b.card));
    Ok(MemberList {
        report: "rfm".into(),
        list: segment.as_str().into(),
        as_of,
        property: property.map(str::to_string),
        members,
    })
}

/// The members of one segment in the stored snapshot, with their scores (`R5 F4 M5`);
/// `None` when no snapshot exists. Reads that segment's keys only, and with a `limit` only
/// the first members in id order (the Summaries view shows a page; the segment's size is
/// in the RFM report).
pub fn rfm_members(
    store: &Store,
    config: &Config,
    segment: Segment,
    property: Option<&str>,
    limit: Option<usize>,
) -> Result<Option<MemberList>, StoreError> {
    let Some(snap) = load_snapshot(store)? else { return Ok(None) };
    let ids = store.tree(T::Agg).scan_prefix(segment_prefix(segment)).map(|item| {
        let (k, v) = item?;
        let id = parse_membership_key(&k).map_or(0, |(_, id)| id);
        let scores = [v.first().copied().unwrap_or(0), v.get(1).copied().unwrap_or(0), v.get(2).copied().unwrap_or(0)];
        Ok((id, scores))
    });
    list(store, config, snap.as_of, segment, property, ids, limit).map(Some)
}

/// The members of one segment from memberships computed on the spot (a snapshot for
/// another date than the stored one).
pub fn members_of(
    store: &Store,
    config: &Config,
    as_of: NaiveDate,
    memberships: &[Membership],
    segment: Segment,
    property: Option<&str>,
) -> Result<MemberList, StoreError> {
    let ids =
        memberships.iter().filter(|m| m.segment == segment).map(|m| Ok((m.id, [m.scores.r, m.scores.f, m.scores.m])));
    list(store, config, as_of, segment, property, ids, None)
}
