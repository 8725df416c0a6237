//! The RFM and cohort snapshot's internal consistency (not its freshness: it describes its
//! own date): the segment counts of the summary equal the stored memberships, every
//! membership names an existing member and carries scores that give its segment.

use super::{Checker, Lookup};
use crate::store::{StoreError, T, hex, keys};
use frontdesk_core::domain::analytics::SEGMENTS;
use frontdesk_core::domain::analytics::rfm;
use frontdesk_core::domain::analytics::snapshot::{INFO_KEY, MEMBERSHIP_PREFIX, SnapshotRecord, parse_membership_key};
use frontdesk_core::domain::member::Member;

const FIX: &str = "`frontdesk report rebuild` recomputes it";

/// Checks the snapshot in `agg`, if any.
pub(super) fn check(c: &mut Checker<'_>) -> Result<(), StoreError> {
    let info = match c.store.tree(T::Agg).get(INFO_KEY)? {
        None => None,
        Some(bytes) => match c.decode::<SnapshotRecord>(T::Agg, INFO_KEY, &bytes) {
            Some(r) => Some(r),
            None => return Ok(()),
        },
    };
    let mut found = [0u64; SEGMENTS.len()];
    for item in c.store.tree(T::Agg).scan_prefix(MEMBERSHIP_PREFIX) {
        let (k, v) = item?;
        let Some((segment, id)) = parse_membership_key(&k) else {
            c.problem(format!("agg {}: not an RFM membership key; {FIX}", hex(&k)));
            continue;
        };
        found[usize::from(segment.code())] += 1;
        let valid = v.len() == 3 && v.iter().all(|s| (1..=5).contains(s));
        if !valid || rfm::segment(v[0], v[1]) != segment {
            c.problem(format!(
                "agg {}: RFM scores {} do not give segment {}; {FIX}",
                hex(&k),
                hex(&v),
                segment.as_str()
            ));
        }
        if let Lookup::Missing = c.lookup::<Member>(T::Members, &keys::id(id))? {
            c.problem(format!(
                "agg {}: RFM segment {} names member id {id}, which does not exist; {FIX}",
                hex(&k),
                segment.as_str()
            ));
        }
    }
    let Some(info) = info else {
        if found.iter().any(|n| *n > 0) {
            c.problem(format!("agg: RFM memberships without a snapshot summary (an interrupted refresh); {FIX}"));
        }
        return Ok(());
    };
    for p in &info.properties {
        for c0 in p.cohorts.iter().filter(|k| k.returning.first().copied().unwrap_or(0) != k.members) {
            c.problem(format!(
                "agg snapshot of {}: a {} cohort of {} members has {:?} returning in month 0; {FIX}",
                info.as_of,
                p.property,
                c0.members,
                c0.returning.first()
            ));
        }
    }
    for (i, segment) in SEGMENTS.iter().enumerate() {
        let want: u64 = info.properties.iter().map(|p| p.segments.get(i).copied().unwrap_or(0)).sum();
        if want != found[i] {
            c.problem(format!(
                "agg snapshot of {}: segment {} counts {want} members, {} memberships stored; {FIX}",
                info.as_of,
                segment.as_str(),
                found[i]
            ));
        }
    }
    Ok(())
}
