//! Points expiry: a per-member command and the nightly run over every member.

use super::posting::{Memo, record};
use super::view::{MemberView, expiry_policy};
use super::{Command, Ctx, OpError, Reply, Stage, execute_batch};
use crate::store::{Store, T};
use chrono::NaiveDate;
use frontdesk_core::domain::ledger::{self, EntryKind, Line};
use frontdesk_core::domain::member::Member;
use serde::Serialize;

/// Members expired per transaction in a run.
const BATCH: usize = 500;

/// What expiry did for one member.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct ExpiryOutcome {
    /// Points expired.
    pub points: i64,
    /// The member after.
    pub member: MemberView,
}

/// Totals of an expiry run.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct ExpiryRun {
    pub members_scanned: u64,
    /// Members who lost points.
    pub members_expired: u64,
    pub points_expired: i64,
}

fn due(ctx: &Ctx<'_>, m: &Member, as_of: NaiveDate) -> Vec<ledger::LotMove> {
    ledger::plan_expiry(expiry_policy(ctx.config, m, as_of), &m.lots, m.last_activity, as_of)
}

pub(super) fn expire_member(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    member_id: u64,
    as_of: NaiveDate,
) -> Result<Reply, OpError> {
    let mut m = stage.member(member_id)?;
    let moves = due(ctx, &m, as_of);
    let points: i64 = moves.iter().map(|mv| mv.points).sum();
    if points == 0 {
        return Ok(Reply::Expired(ExpiryOutcome { points: 0, member: MemberView::of(ctx, &m) }));
    }
    let before = m.balance;
    let memo = Memo {
        source: format!("expiry {as_of}"),
        reason: format!("{:?} expiry", ctx.config.expiry.mode).to_lowercase(),
        date: as_of,
    };
    record(stage, ctx, &mut m, memo, vec![Line { kind: EntryKind::Expire, points: -points }], moves)?;
    stage.put_member(ctx.config, &m)?;
    stage.audit(
        ctx.now,
        &ctx.actor,
        "expire",
        format!("member {}", m.card),
        format!("balance {before}"),
        format!("balance {} (expired {points} as of {as_of})", m.balance),
    );
    Ok(Reply::Expired(ExpiryOutcome { points, member: MemberView::of(ctx, &m) }))
}

/// Expires everything due on `as_of` across the store. Running it twice for the same
/// date changes nothing the second time: expired lots are gone.
pub fn expire_all(store: &Store, ctx: &Ctx<'_>, as_of: NaiveDate) -> Result<ExpiryRun, OpError> {
    let mut run = ExpiryRun::default();
    let mut pending = Vec::with_capacity(BATCH);
    for item in store.scan_prefix::<Member>(T::Members, &[]) {
        let (_, m) = item?;
        run.members_scanned += 1;
        if !due(ctx, &m, as_of).is_empty() {
            pending.push(Command::ExpireMember { member_id: m.id, as_of });
        }
        if pending.len() >= BATCH {
            apply(store, ctx, &mut pending, &mut run)?;
        }
    }
    apply(store, ctx, &mut pending, &mut run)?;
    Ok(run)
}

fn apply(store: &Store, ctx: &Ctx<'_>, pending: &mut Vec<Command>, run: &mut ExpiryRun) -> Result<(), OpError> {
    if pending.is_empty() {
        return Ok(());
    }
    for result in execute_batch(store, ctx, pending)? {
        if let Reply::Expired(e) = result? {
            run.members_expired += u64::from(e.points > 0);
            run.points_expired += e.points;
        }
    }
    pending.clear();
    Ok(())
}
