//! The reward catalogue ([`catalogue`]) and redemptions: a hold on points that is then
//! fulfilled or cancelled.

mod catalogue;

pub(super) use catalogue::add;
pub use catalogue::{RewardInput, RewardOutcome};

use super::member::{check_property, resolve};
use super::posting::{credit, debit};
use super::stage::RefCheck;
use super::view::{MemberView, tier_table};
use super::{Ctx, MemberRef, OpError, Reply, Stage, fingerprint, xref};
use crate::store::T;
use crate::store::keys;
use crate::store::records::ExtRef;
pub(in crate::ops) use catalogue::reward_by_code;
use frontdesk_core::domain::ledger::{EntryKind, Line};
use frontdesk_core::domain::member::MemberStatus;
use frontdesk_core::domain::reward::{self, RedeemRequest, Redemption, RedemptionState, Reward};
use frontdesk_core::i18n::errors::{Missing, Refusal};
use serde::Serialize;
use std::ops::ControlFlow;

/// A redemption request.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RedeemInput {
    pub member: MemberRef,
    /// Reward code.
    pub reward: String,
    /// Points offered when paying partly in cash.
    pub points: Option<i64>,
    /// Property where it is taken; the default when absent.
    pub property: Option<String>,
    /// Caller's reference for idempotency.
    pub external_ref: Option<String>,
}

/// What a redemption command did.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct RedemptionOutcome {
    /// True when the external reference had already been applied: nothing changed.
    pub duplicate: bool,
    /// Redemption id.
    pub id: u64,
    /// Reward code.
    pub reward: String,
    /// State after the command.
    pub state: String,
    /// Points paid.
    pub points: i64,
    /// Cash paid, in minor units.
    pub cash_minor: i64,
    /// Balance before the command.
    pub balance_before: i64,
    /// The member after.
    pub member: MemberView,
}

#[derive(Serialize)]
pub(super) struct RedeemPrint<'a> {
    pub(super) member_id: u64,
    pub(super) reward: &'a str,
    pub(super) points: Option<i64>,
    pub(super) property: &'a str,
}

pub(super) fn redeem(stage: &Stage<'_>, ctx: &Ctx<'_>, input: &RedeemInput) -> Result<Reply, OpError> {
    let property = check_property(ctx, "property", input.property.as_deref())?;
    let mut m = resolve(stage, &input.member)?;
    let mut reward = reward_by_code(stage, &input.reward)?;
    let print =
        fingerprint(&RedeemPrint { member_id: m.id, reward: &reward.code, points: input.points, property: &property });
    if let Some(r) = &input.external_ref
        && let RefCheck::Duplicate(prev) = stage.check_ref(r, "redeem", print)?
    {
        let red: Redemption = stage
            .get(T::Redemptions, &keys::id(prev.target))?
            .ok_or_else(|| OpError::NotFound(Missing::EarlierRedemption))?;
        return Ok(Reply::Redemption(outcome(ctx, &red, m.balance, &m, true)));
    }
    if m.status != MemberStatus::Active {
        return Err(OpError::Refused(Refusal::NoRedemption {
            card: m.card.clone(),
            status: m.status.as_str().to_string(),
        }));
    }
    let table = tier_table(ctx.config);
    let price = reward::price(
        &reward,
        RedeemRequest {
            member_rank: table.rank_on(ctx.today, &m.qual, m.tier_override.as_ref()),
            min_rank: table.rank_of(&reward.min_tier).unwrap_or(0),
            balance: m.balance,
            points_offered: input.points,
            date: ctx.today,
            property: &property,
            point_value_minor: ctx.config.redemption.point_value_minor,
        },
    )
    .map_err(OpError::Refused)?;
    let before = m.balance;
    let id = stage.next_id("redemption")?;
    let posting_seq = debit(
        stage,
        ctx,
        &mut m,
        (EntryKind::Redeem, price.points),
        (format!("redemption {id}"), reward.code.clone()),
        None,
    )?;
    m.last_activity = m.last_activity.max(Some(ctx.today));
    if let Some(s) = reward.stock.as_mut() {
        *s -= 1;
        stage.put(T::Rewards, &keys::id(reward.id), &reward);
    }
    let red = Redemption {
        id,
        member_id: m.id,
        reward_id: reward.id,
        reward_code: reward.code.clone(),
        property,
        points: price.points,
        cash_minor: price.cash_minor,
        state: RedemptionState::Held,
        date: ctx.today,
        at: ctx.now,
        operator: ctx.actor.name.clone(),
        posting_seq,
        external_ref: input.external_ref.clone(),
    };
    if let Some(r) = &input.external_ref {
        stage.put_ref(r, &ExtRef { kind: "redeem".into(), member_id: m.id, target: id, fingerprint: print });
    }
    stage.put(T::Redemptions, &keys::id(id), &red);
    stage.put_raw(T::Keys, &keys::pair(keys::MEMBER_REDEMPTION, m.id, id), Vec::new());
    stage.put_member(ctx.config, &m)?;
    stage.audit(
        ctx.now,
        &ctx.actor,
        "redeem",
        format!("member {} redemption {id}", m.card),
        format!("balance {before}"),
        format!("balance {} ({})", m.balance, reward.code),
    );
    Ok(Reply::Redemption(outcome(ctx, &red, before, &m, false)))
}

fn outcome(
    ctx: &Ctx<'_>,
    red: &Redemption,
    before: i64,
    m: &frontdesk_core::domain::member::Member,
    duplicate: bool,
) -> RedemptionOutcome {
    RedemptionOutcome {
        duplicate,
        id: red.id,
        reward: red.reward_code.clone(),
        state: red.state.as_str().into(),
        points: red.points,
        cash_minor: red.cash_minor,
        balance_before: before,
        member: MemberView::of(ctx, m),
    }
}

/// What makes two fulfilments or cancellations with one reference the same request.
#[derive(Serialize)]
struct SettlePrint<'a> {
    id: u64,
    reason: &'a str,
}

/// The held redemption a fulfilment or cancellation names (`Continue`), or the duplicate
/// reply when the request's external reference was already applied (`Break`).
fn settle(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    id: u64,
    (kind, reference, print): (&str, Option<&str>, u64),
) -> Result<ControlFlow<Reply, Redemption>, OpError> {
    xref::check_len(reference)?;
    let red: Redemption =
        stage.get(T::Redemptions, &keys::id(id))?.ok_or_else(|| OpError::NotFound(Missing::Redemption { id }))?;
    if xref::earlier(stage, reference, kind, print)?.is_some() {
        let m = stage.member(red.member_id)?;
        return Ok(ControlFlow::Break(Reply::Redemption(outcome(ctx, &red, m.balance, &m, true))));
    }
    if red.state != RedemptionState::Held {
        return Err(OpError::Refused(Refusal::RedemptionAlready { id, state: red.state.as_str().to_string() }));
    }
    Ok(ControlFlow::Continue(red))
}

pub(super) fn fulfil(stage: &Stage<'_>, ctx: &Ctx<'_>, id: u64, reference: Option<&str>) -> Result<Reply, OpError> {
    let print = fingerprint(&SettlePrint { id, reason: "" });
    let mut red = match settle(stage, ctx, id, ("fulfil", reference, print))? {
        ControlFlow::Continue(red) => red,
        ControlFlow::Break(duplicate) => return Ok(duplicate),
    };
    let m = stage.member(red.member_id)?;
    red.state = RedemptionState::Fulfilled;
    stage.put(T::Redemptions, &keys::id(id), &red);
    xref::record(stage, reference, "fulfil", red.member_id, id, print);
    let target = format!("member {} redemption {id}", m.card);
    stage.audit(ctx.now, &ctx.actor, "redeem.fulfil", target, "held".into(), "fulfilled".into());
    Ok(Reply::Redemption(outcome(ctx, &red, m.balance, &m, false)))
}

pub(super) fn cancel(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    id: u64,
    reason: &str,
    reference: Option<&str>,
) -> Result<Reply, OpError> {
    let print = fingerprint(&SettlePrint { id, reason: reason.trim() });
    let mut red = match settle(stage, ctx, id, ("cancel", reference, print))? {
        ControlFlow::Continue(red) => red,
        ControlFlow::Break(duplicate) => return Ok(duplicate),
    };
    let mut m = stage.member(red.member_id)?;
    let before = m.balance;
    credit(
        stage,
        ctx,
        &mut m,
        format!("redemption {id}"),
        reason.trim().into(),
        vec![Line { kind: EntryKind::RedeemCancel, points: red.points }],
        ctx.today,
    )?;
    if let Some(mut reward) = stage.get::<Reward>(T::Rewards, &keys::id(red.reward_id))?
        && let Some(s) = reward.stock.as_mut()
    {
        *s += 1;
        stage.put(T::Rewards, &keys::id(reward.id), &reward);
    }
    red.state = RedemptionState::Cancelled;
    stage.put(T::Redemptions, &keys::id(id), &red);
    xref::record(stage, reference, "cancel", red.member_id, id, print);
    stage.put_member(ctx.config, &m)?;
    stage.audit(
        ctx.now,
        &ctx.actor,
        "redeem.cancel",
        format!("member {} redemption {id}", m.card),
        format!("held, balance {before}"),
        format!("cancelled, balance {}", m.balance),
    );
    Ok(Reply::Redemption(outcome(ctx, &red, before, &m, false)))
}
