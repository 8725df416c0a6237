//! The promotion engine inside a command: which running promotions an activity earns,
//! what they have granted so far, one ledger posting per promotion, and taking exactly
//! those points back when the activity is reversed.

use super::posting::{credit, debit};
use super::{Ctx, OpError, Stage};
use crate::store::{T, keys};
use frontdesk_core::domain::ledger::{EntryKind, Line};
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::promotion::{
    GrantRecord, Occasion, Promotion, PromotionBook, Usage, counting_period, evaluate,
};

/// Key of the promotion book in `agg`.
pub(super) const BOOK_KEY: &[u8] = b"promotions";

/// All promotions.
pub(super) fn book(stage: &Stage<'_>) -> Result<PromotionBook, OpError> {
    Ok(stage.get::<PromotionBook>(T::Agg, BOOK_KEY)?.unwrap_or_default())
}

fn read_i64(stage: &Stage<'_>, key: &[u8]) -> Result<i64, OpError> {
    Ok(stage
        .get_raw(T::Keys, key)?
        .and_then(|v| v.get(..8).and_then(|b| b.try_into().ok()))
        .map_or(0, i64::from_be_bytes))
}

/// Adds `delta` to a counter; a counter back at zero is removed (no key per idle pair).
fn bump_i64(stage: &Stage<'_>, key: &[u8], delta: i64) -> Result<(), OpError> {
    let v = read_i64(stage, key)? + delta;
    if v == 0 {
        stage.remove(T::Keys, key);
    } else {
        stage.put_raw(T::Keys, key, v.to_be_bytes().to_vec());
    }
    Ok(())
}

fn read_count(stage: &Stage<'_>, key: &[u8]) -> Result<u32, OpError> {
    Ok(stage.get_raw(T::Keys, key)?.and_then(|v| keys::read_u32(&v, 0)).unwrap_or(0))
}

fn bump_count(stage: &Stage<'_>, key: &[u8], up: bool) -> Result<(), OpError> {
    let n = read_count(stage, key)?;
    let n = if up { n.saturating_add(1) } else { n.saturating_sub(1) };
    if n == 0 {
        stage.remove(T::Keys, key);
    } else {
        stage.put_raw(T::Keys, key, n.to_be_bytes().to_vec());
    }
    Ok(())
}

/// Spend of a promotion so far (net of reversals).
pub(super) fn spent(stage: &Stage<'_>, promotion: u64) -> Result<i64, OpError> {
    read_i64(stage, &keys::pair_prefix(keys::PROMO_SPENT, promotion))
}

/// The promotions `o` is eligible for, each with what it has granted so far (to `member`
/// too, and how many of the member's activities it counted this period).
pub(super) fn candidates<'b>(
    stage: &Stage<'_>,
    book: &'b PromotionBook,
    member: u64,
    o: &Occasion<'_>,
) -> Result<Vec<(&'b Promotion, Usage)>, OpError> {
    let mut out = Vec::new();
    for p in book.promotions.iter().filter(|p| p.applies(o)) {
        let period = counting_period(p, o.date);
        let usage = Usage {
            spent: spent(stage, p.id)?,
            member_granted: read_i64(stage, &keys::pair(keys::PROMO_MEMBER, p.id, member))?,
            member_count: read_count(stage, &keys::promo_count(p.id, member, period))?,
        };
        out.push((p, usage));
    }
    Ok(out)
}

/// Evaluates the running promotions for `o` (an activity of `m`, named `on` — `stay 3`,
/// `activity 17` — in the postings), posts each grant as its own posting and counts the
/// activity towards Nth bonuses. Returns every eligible promotion's part.
pub(super) fn grant(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    m: &mut Member,
    o: &Occasion<'_>,
    on: &str,
) -> Result<Vec<GrantRecord>, OpError> {
    let book = book(stage)?;
    let candidates = candidates(stage, &book, m.id, o)?;
    let grants = evaluate(&candidates, o);
    let mut parts = Vec::with_capacity(candidates.len());
    // Ledger order is evaluation order: multipliers first, then fixed bonuses.
    for g in &grants {
        // `evaluate` only grants candidates.
        let Some((p, _)) = candidates.iter().find(|(p, _)| p.id == g.promotion_id) else { continue };
        let lines = vec![Line { kind: EntryKind::Promotion, points: g.points }];
        let source = format!("promo {} {on}", g.code);
        let seq = credit(stage, ctx, m, source, p.name.clone(), lines, o.date)?;
        bump_i64(stage, &keys::pair_prefix(keys::PROMO_SPENT, p.id), g.points)?;
        bump_i64(stage, &keys::pair(keys::PROMO_MEMBER, p.id, m.id), g.points)?;
        let period = counting_period(p, o.date);
        parts.push(GrantRecord {
            promotion_id: p.id,
            code: g.code.clone(),
            points: g.points,
            posting: Some(seq),
            period,
        });
    }
    for (p, _) in &candidates {
        let period = counting_period(p, o.date);
        bump_count(stage, &keys::promo_count(p.id, m.id, period), true)?;
        if !parts.iter().any(|g| g.promotion_id == p.id) {
            parts.push(GrantRecord { promotion_id: p.id, code: p.code.clone(), points: 0, posting: None, period });
        }
    }
    Ok(parts)
}

/// Takes back the promotions' parts of a reversed activity: their points (from the lots
/// they created first), their spend and their count towards Nth bonuses.
pub(super) fn revoke(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    m: &mut Member,
    parts: &[GrantRecord],
    reason: &str,
    on: &str,
) -> Result<(), OpError> {
    for g in parts {
        if g.points > 0 {
            let source = format!("promo {} {on}", g.code);
            debit(stage, ctx, m, (EntryKind::Promotion, g.points), (source, reason.into()), g.posting)?;
            bump_i64(stage, &keys::pair_prefix(keys::PROMO_SPENT, g.promotion_id), -g.points)?;
            bump_i64(stage, &keys::pair(keys::PROMO_MEMBER, g.promotion_id, m.id), -g.points)?;
        }
        bump_count(stage, &keys::promo_count(g.promotion_id, m.id, g.period), false)?;
    }
    Ok(())
}

/// Promotion points of `parts`.
pub(super) fn total(parts: &[GrantRecord]) -> i64 {
    parts.iter().map(|g| g.points).sum()
}

/// What the running promotions would add to `o` for member `member_id` now, without
/// writing anything (the confirmation of a stay or activity shows it).
pub fn preview(
    store: &crate::store::Store,
    member_id: u64,
    o: &Occasion<'_>,
) -> Result<Vec<frontdesk_core::domain::promotion::Grant>, OpError> {
    let overlay = super::Overlay::new(store, None);
    let stage = Stage::over(&overlay);
    let book = book(&stage)?;
    Ok(evaluate(&candidates(&stage, &book, member_id, o)?, o))
}
