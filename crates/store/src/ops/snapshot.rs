//! The RFM and cohort snapshot (`domain::analytics::snapshot`): one streaming pass over
//! the members and stays trees, both ordered by member id, so only one member's stays are
//! held at a time; then the summary record and one `agg` key per scored member.
//!
//! Written by `frontdesk report rebuild` and by the nightly `frontdesk expire` run (for
//! its business date). Replacing a snapshot removes the summary first and writes it
//! last, so an interrupted refresh reads as "not computed" (and `verify` names the
//! leftover memberships) until the next refresh.

use super::OpError;
use crate::store::{Store, StoreError, T, codec};
use chrono::NaiveDate;
use frontdesk_core::domain::analytics::facts::counted;
use frontdesk_core::domain::analytics::snapshot::{
    Builder, INFO_KEY, MEMBERSHIP_PREFIX, Membership, SnapshotRecord, StayFact, membership_key,
};
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::stay::{Stay, StayStatus};
use serde::Serialize;

/// Keys written or removed per sled batch: bounds the memory of a refresh. sled holds
/// every page version a batch replaces until the batch ends (about 3.5 KB a key: 20,000
/// keys a batch took a 200k-member refresh to 1.1 GB, 1,000 to 557 MB, 250 to 440 MB).
pub(crate) const CHUNK: usize = 250;

/// What a snapshot refresh did.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct SnapshotRun {
    /// Business date of the snapshot.
    pub as_of: Option<NaiveDate>,
    /// Members read.
    pub members: u64,
    /// Stays read.
    pub stays: u64,
    /// Members scored (one membership key each).
    pub scored: u64,
    /// Milliseconds computing.
    pub compute_millis: u64,
    /// Milliseconds writing.
    pub write_millis: u64,
}

fn millis(since: std::time::Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Computes the snapshot for `as_of` from the primary records (writes nothing).
pub fn compute_snapshot(
    store: &Store,
    as_of: NaiveDate,
    computed_at: i64,
) -> Result<(SnapshotRecord, Vec<Membership>, SnapshotRun), StoreError> {
    let started = std::time::Instant::now();
    let mut run = SnapshotRun { as_of: Some(as_of), ..SnapshotRun::default() };
    let mut builder = Builder::new(as_of);
    let mut stays = store.scan_prefix::<Stay>(T::Stays, &[]).peekable();
    let mut mine: Vec<StayFact> = Vec::new();
    for item in store.scan_prefix::<Member>(T::Members, &[]) {
        let (_, m) = item?;
        run.members += 1;
        mine.clear();
        loop {
            let owner = match stays.peek() {
                None => break,
                Some(Err(_)) => {
                    return Err(stays.next().and_then(Result::err).unwrap_or(StoreError::Corrupt {
                        tree: "stays",
                        key: String::new(),
                        reason: frontdesk_core::i18n::errors::Decode::UnreadableStay,
                    }));
                }
                Some(Ok((_, s))) => s.member_id,
            };
            if owner > m.id {
                break;
            }
            if let Some(Ok((_, s))) = stays.next() {
                run.stays += 1;
                if owner == m.id && s.status == StayStatus::Completed {
                    mine.push(StayFact { departure: s.departure, revenue_minor: s.revenue_minor });
                }
            }
        }
        if counted(&m) {
            builder.add_member(m.id, &m.home_property, &mine);
        }
    }
    let (record, members) = builder.finish(computed_at);
    run.scored = members.len() as u64;
    run.compute_millis = millis(started);
    Ok((record, members, run))
}

/// Replaces the stored snapshot with one computed for `as_of`, under the writer lock,
/// and flushes.
pub fn refresh_snapshot(store: &Store, as_of: NaiveDate, computed_at: i64) -> Result<SnapshotRun, OpError> {
    let _writer = store.writer();
    store.note_bulk_work();
    let (record, members, mut run) = compute_snapshot(store, as_of, computed_at)?;
    let started = std::time::Instant::now();
    let agg = store.tree(T::Agg);
    agg.remove(INFO_KEY).map_err(StoreError::Sled)?;
    loop {
        let mut batch = sled::Batch::default();
        let mut n = 0;
        for item in agg.scan_prefix(MEMBERSHIP_PREFIX).take(CHUNK) {
            batch.remove(item.map_err(StoreError::Sled)?.0);
            n += 1;
        }
        agg.apply_batch(batch).map_err(StoreError::Sled)?;
        if n < CHUNK {
            break;
        }
    }
    for chunk in members.chunks(CHUNK) {
        let mut batch = sled::Batch::default();
        for m in chunk {
            batch.insert(&membership_key(m.segment, m.id)[..], &[m.scores.r, m.scores.f, m.scores.m][..]);
        }
        agg.apply_batch(batch).map_err(StoreError::Sled)?;
    }
    agg.insert(INFO_KEY, codec::encode(&record)).map_err(StoreError::Sled)?;
    store.flush()?;
    run.write_millis = millis(started);
    Ok(run)
}
