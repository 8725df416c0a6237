//! The reward catalogue: adding rewards and finding one by code.

use super::super::member::check_property;
use super::super::{Ctx, OpError, Reply, Stage, fingerprint, xref};
use crate::store::T;
use crate::store::keys;
use chrono::NaiveDate;
use frontdesk_core::config::RewardSeed;
use frontdesk_core::domain::reward::Reward;
use frontdesk_core::i18n::errors::{Missing, Reason, Refusal};
use serde::Serialize;

/// Kind of the external references of catalogue additions.
const KIND: &str = "reward";

/// A reward to add to the catalogue.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RewardInput {
    /// Unique code.
    pub code: String,
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
    /// Caller's reference for idempotency: adding the same reward again with it changes
    /// nothing.
    pub external_ref: Option<String>,
}

impl RewardInput {
    /// The input for a reward of the configured sample catalogue.
    pub(crate) fn from_seed(r: &RewardSeed) -> RewardInput {
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
            external_ref: None,
        }
    }
}

/// What adding a reward answers.
#[derive(Debug, Clone, Serialize)]
pub struct RewardOutcome {
    /// True when the external reference had already been applied: nothing changed.
    pub duplicate: bool,
    /// The reward (its fields appear at the top level in JSON).
    #[serde(flatten)]
    pub reward: Reward,
}

/// What makes two additions with one reference the same request (normalised).
#[derive(Serialize)]
struct RewardPrint<'a> {
    code: &'a str,
    name: &'a str,
    points: i64,
    stock: Option<u32>,
    min_tier: &'a str,
    partial: bool,
    property: Option<&'a str>,
    valid_from: Option<NaiveDate>,
    valid_until: Option<NaiveDate>,
}

pub(in crate::ops) fn add(stage: &Stage<'_>, ctx: &Ctx<'_>, r: &RewardInput) -> Result<Reply, OpError> {
    let code = r.code.trim().to_uppercase();
    if code.is_empty() || code.len() > 16 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(OpError::invalid("code", Reason::RewardCode));
    }
    if r.name.trim().is_empty() {
        return Err(OpError::invalid("name", Reason::Empty));
    }
    if r.points <= 0 || r.points > 100_000_000 {
        return Err(OpError::invalid("points", Reason::RewardPoints));
    }
    if ctx.config.tier(&r.min_tier).is_none() {
        return Err(OpError::invalid("min-tier", Reason::UnknownTier { tier: r.min_tier.clone() }));
    }
    let property = r.property.as_deref().map(|p| check_property(ctx, "property", Some(p))).transpose()?;
    if let (Some(a), Some(b)) = (r.valid_from, r.valid_until)
        && b < a
    {
        return Err(OpError::invalid("valid-until", Reason::BeforeValidFrom));
    }
    let print = fingerprint(&RewardPrint {
        code: &code,
        name: r.name.trim(),
        points: r.points,
        stock: r.stock,
        min_tier: &r.min_tier,
        partial: r.partial,
        property: property.as_deref(),
        valid_from: r.valid_from,
        valid_until: r.valid_until,
    });
    let reference = r.external_ref.as_deref();
    if let Some(prev) = xref::earlier(stage, reference, KIND, print)? {
        let reward = stage
            .get::<Reward>(T::Rewards, &keys::id(prev.target))?
            .ok_or_else(|| OpError::NotFound(Missing::EarlierReward { code: code.clone() }))?;
        return Ok(Reply::Reward(RewardOutcome { duplicate: true, reward }));
    }
    let code_key = keys::text(keys::REWARD_CODE, &code);
    if stage.key_target(&code_key)?.is_some() {
        return Err(OpError::Refused(Refusal::RewardExists { code }));
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
    xref::record(stage, reference, KIND, 0, id, print);
    stage.audit(
        ctx.now,
        &ctx.actor,
        "reward.add",
        format!("reward {code}"),
        String::new(),
        format!("{} points", r.points),
    );
    Ok(Reply::Reward(RewardOutcome { duplicate: false, reward }))
}

/// The reward with this code, inside a transaction.
pub(in crate::ops) fn reward_by_code(stage: &Stage<'_>, code: &str) -> Result<Reward, OpError> {
    let code = code.trim().to_uppercase();
    let id = stage
        .key_target(&keys::text(keys::REWARD_CODE, &code))?
        .ok_or_else(|| OpError::NotFound(Missing::Reward { code: code.to_string() }))?;
    stage
        .get(T::Rewards, &keys::id(id))?
        .ok_or_else(|| OpError::NotFound(Missing::RewardIndexed { code: code.to_string() }))
}
