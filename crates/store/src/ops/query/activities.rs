//! A member's activities (fee payments, events, spend…) for the Activities panel.

use crate::ops::OpError;
use crate::store::{Store, T, decode_at, keys};
use frontdesk_core::domain::activity::ActivityRecord;

/// A member's latest activities, newest (by date, then by recording) first, at most
/// `limit`: the `a` ‖ member links name them, in recording order.
pub fn activities_of(store: &Store, member_id: u64, limit: usize) -> Result<Vec<ActivityRecord>, OpError> {
    let mut out: Vec<ActivityRecord> = Vec::new();
    let links = store.tree(T::Keys).scan_prefix(keys::pair_prefix(keys::MEMBER_ACTIVITY, member_id));
    for item in links.rev().take(limit) {
        let (k, _) = item?;
        let Some(id) = keys::read_u64(&k, 9) else { continue };
        if let Some(v) = store.tree(T::Activities).get(keys::id(id))? {
            out.push(decode_at(T::Activities, &keys::id(id), &v)?);
        }
    }
    out.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    Ok(out)
}
