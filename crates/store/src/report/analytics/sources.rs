//! Outstanding points by source for `report liability`: stays, activities, promotions,
//! goodwill and other credits.
//!
//! Exact rather than estimated: a member's balance is the sum of their unspent lots, and
//! each lot is named by the posting that created it, whose lines say what kind of credit
//! it was. So one pass over the members reading each open lot's posting attributes every
//! outstanding point, after FIFO redemptions and expiry, to what earned it. It costs one
//! ledger read per open lot, which is why the Summaries panel (counters only) leaves it out.

use crate::store::{Store, StoreError, T, keys};
use frontdesk_core::domain::analytics::OutstandingBySource;
use frontdesk_core::domain::ledger::Posting;
use frontdesk_core::domain::member::Member;

/// Outstanding points by source, of members whose home property is `property` (all
/// without).
pub fn outstanding_by_source(store: &Store, property: Option<&str>) -> Result<OutstandingBySource, StoreError> {
    let mut out = OutstandingBySource::default();
    for item in store.scan_prefix::<Member>(T::Members, &[]) {
        let (_, m) = item?;
        if property.is_some_and(|p| p != m.home_property) {
            continue;
        }
        for lot in m.lots.iter().filter(|l| l.remaining > 0) {
            let posting: Option<Posting> = store.get(T::Ledger, &keys::member_seq(m.id, lot.id))?;
            let kinds: Vec<_> = posting.map(|p| p.lines.iter().map(|l| l.kind).collect()).unwrap_or_default();
            out.add(&kinds, lot.remaining);
        }
    }
    Ok(out)
}
