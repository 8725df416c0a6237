//! The reward catalogue and redemptions.

use super::member::{check_property, resolve};
use super::posting::{credit, debit};
use super::stage::RefCheck;
use super::view::{MemberView, tier_table};
use super::{Ctx, MemberRef, OpError, Reply, Stage, fingerprint};
use crate::config::RewardSeed;
use crate::domain::ledger::{EntryKind, Line};
use crate::domain::member::MemberStatus;
use crate::domain::reward::{self, RedeemRequest, Redemption, RedemptionState, Reward};
use crate::store::T;
use crate::store::keys;
use crate::store::records::ExtRef;
use chrono::NaiveDate;
use serde::Serialize;

/// A reward to add to the catalogue.
#[derive(Debug, Clone)]
pub struct RewardInput {
    /// Unique code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Points cost.
    pub points: i64,
    /// Units available; unlimited when absent.
    pub stock: Option<u32>,
    /// Lowest tier.
    pub min_tier: String,
    /// Part payment allowed.
    pub partial: bool,
    /// Only at this property.
    pub property: Option<String>,
    /// First valid day.
    pub valid_from: Option<NaiveDate>,
    /// Last valid day.
    pub valid_until: Option<NaiveDate>,
}

impl RewardInput {
    /// The input for a reward of the configured sample catalogue.
    pub fn from_seed(r: &RewardSeed) -> RewardInput {
        RewardInput {
            code: r.code.clone(),
            name: r.name.clone(),
            points: r.points,
            stock: r.stock,
            min_tier: r.min_tier.clone(),
            partial: r.partial,
            property: r.property.clone(),
            valid_from: None,
            valid_until: None,
        }
    }
}

/// A redemption request.
#[derive(Debug, Clone)]
pub struct RedeemInput {
    /// Member.
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
#[derive(Debug, Clone, Serialize)]
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

pub(super) fn add(stage: &Stage<'_>, ctx: &Ctx<'_>, r: &RewardInput) -> Result<Reply, OpError> {
    let code = r.code.trim().to_uppercase();
    if code.is_empty() || code.len() > 16 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(OpError::invalid("code", "must be 1-16 letters, digits, '-' or '_'"));
    }
    if r.name.trim().is_empty() {
        return Err(OpError::invalid("name", "must not be empty"));
    }
    if r.points <= 0 || r.points > 100_000_000 {
        return Err(OpError::invalid("points", "must be between 1 and 100,000,000"));
    }
    if ctx.config.tier(&r.min_tier).is_none() {
        return Err(OpError::invalid("min-tier", format!("unknown tier `{}`", r.min_tier)));
    }
    let property = r.property.as_deref().map(|p| check_property(ctx, "property", Some(p))).transpose()?;
    if let (Some(a), Some(b)) = (r.valid_from, r.valid_until)
        && b < a
    {
        return Err(OpError::invalid("valid-until", "is before valid-from"));
    }
    let code_key = keys::text(keys::REWARD_CODE, &code);
    if stage.key_target(&code_key)?.is_some() {
        return Err(OpError::Refused(format!("reward {code} already exists")));
    }
    let id = stage.next_id("reward")?;
    let reward = Reward {
        id,
        code: code.clone(),
        name: r.name.trim().into(),
        points: r.points,
        stock: r.stock,
        min_tier: r.min_tier.clone(),
        partial: r.partial,
        property,
        valid_from: r.valid_from,
        valid_until: r.valid_until,
        active: true,
    };
    stage.put_raw(T::Keys, &code_key, keys::id(id).to_vec());
    stage.put(T::Rewards, &keys::id(id), &reward);
    stage.audit(
        ctx.now,
        &ctx.actor,
        "reward.add",
        format!("reward {code}"),
        String::new(),
        format!("{} points", r.points),
    );
    Ok(Reply::Reward(reward))
}

/// The reward with this code, inside a transaction.
pub(super) fn reward_by_code(stage: &Stage<'_>, code: &str) -> Result<Reward, OpError> {
    let code = code.trim().to_uppercase();
    let id = stage
        .key_target(&keys::text(keys::REWARD_CODE, &code))?
        .ok_or_else(|| OpError::NotFound(format!("no reward with code {code}; see `frontdesk reward list`")))?;
    stage
        .get(T::Rewards, &keys::id(id))?
        .ok_or_else(|| OpError::NotFound(format!("reward {code} is missing; run `frontdesk verify`")))
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
            .ok_or_else(|| OpError::NotFound("the earlier redemption is missing; run `frontdesk verify`".into()))?;
        return Ok(Reply::Redemption(outcome(ctx, &red, m.balance, &m, true)));
    }
    if m.status != MemberStatus::Active {
        return Err(OpError::Refused(format!("member {} is {}; redemption is not allowed", m.card, m.status.as_str())));
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
    stage.put_member(&m);
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
    m: &crate::domain::member::Member,
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

fn held(stage: &Stage<'_>, id: u64) -> Result<Redemption, OpError> {
    let red: Redemption =
        stage.get(T::Redemptions, &keys::id(id))?.ok_or_else(|| OpError::NotFound(format!("no redemption {id}")))?;
    if red.state != RedemptionState::Held {
        return Err(OpError::Refused(format!("redemption {id} is already {}", red.state.as_str())));
    }
    Ok(red)
}

pub(super) fn fulfil(stage: &Stage<'_>, ctx: &Ctx<'_>, id: u64) -> Result<Reply, OpError> {
    let mut red = held(stage, id)?;
    let m = stage.member(red.member_id)?;
    red.state = RedemptionState::Fulfilled;
    stage.put(T::Redemptions, &keys::id(id), &red);
    stage.audit(ctx.now, &ctx.actor, "redeem.fulfil", format!("redemption {id}"), "held".into(), "fulfilled".into());
    Ok(Reply::Redemption(outcome(ctx, &red, m.balance, &m, false)))
}

pub(super) fn cancel(stage: &Stage<'_>, ctx: &Ctx<'_>, id: u64, reason: &str) -> Result<Reply, OpError> {
    let mut red = held(stage, id)?;
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
    stage.put_member(&m);
    stage.audit(
        ctx.now,
        &ctx.actor,
        "redeem.cancel",
        format!("redemption {id}"),
        format!("held, balance {before}"),
        format!("cancelled, balance {}", m.balance),
    );
    Ok(Reply::Redemption(outcome(ctx, &red, before, &m, false)))
}
