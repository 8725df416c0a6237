//! Adding and ending promotions (managers and admins).

use super::promo::{BOOK_KEY, book, spent};
use super::{Ctx, OpError, Reply, Stage};
use crate::store::T;
use chrono::NaiveDate;
use frontdesk_core::domain::promotion::{Effect, Eligibility, Promotion, check};
use frontdesk_core::i18n::errors::{Act, Clash, Missing, Reason, Refusal};
use serde::{Deserialize, Serialize};

/// A promotion to add.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PromotionInput {
    /// Short code, e.g. `SPRING26`.
    pub code: String,
    /// Name shown to people and on ledger entries.
    pub name: String,
    /// First day.
    pub starts: NaiveDate,
    /// Last day.
    pub ends: NaiveDate,
    /// Who and what.
    pub eligibility: Eligibility,
    /// What it adds.
    pub effect: Effect,
    /// Most points per member.
    pub member_cap: Option<i64>,
    /// Most points in all.
    pub budget: Option<i64>,
}

/// A promotion with its spend so far.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PromotionOutcome {
    /// The promotion after the command.
    pub promotion: Promotion,
    /// Points it has granted, net of reversals.
    pub spent: i64,
}

pub(super) fn add(stage: &Stage<'_>, ctx: &Ctx<'_>, input: &PromotionInput) -> Result<Reply, OpError> {
    ctx.require_manager(Act::AddPromotions)?;
    let mut book = book(stage)?;
    let code = input.code.trim().to_uppercase();
    if book.by_code(&code).is_some() {
        return Err(OpError::Conflict(Clash::Promotion { code: code.to_string() }));
    }
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(OpError::invalid("name", Reason::PromoName));
    }
    let p = Promotion {
        id: stage.next_id("promotion")?,
        code,
        name: name.to_string(),
        starts: input.starts,
        ends: input.ends,
        eligibility: input.eligibility.clone(),
        effect: input.effect,
        member_cap: input.member_cap,
        budget: input.budget,
        ended_on: None,
    };
    check(&p).map_err(|r| OpError::invalid("promotion", r))?;
    book.promotions.push(p.clone());
    stage.put(T::Agg, BOOK_KEY, &book);
    let after = format!("{} to {}, budget {}", p.starts, p.ends, p.budget.map_or("none".into(), |b| b.to_string()));
    stage.audit(ctx.now, &ctx.actor, "promo.add", format!("promotion {}", p.code), String::new(), after);
    Ok(Reply::Promotion(PromotionOutcome { promotion: p, spent: 0 }))
}

pub(super) fn end(stage: &Stage<'_>, ctx: &Ctx<'_>, code: &str, on: Option<NaiveDate>) -> Result<Reply, OpError> {
    ctx.require_manager(Act::EndPromotions)?;
    let mut book = book(stage)?;
    let on = on.unwrap_or(ctx.today);
    let Some(p) = book.promotions.iter_mut().find(|p| p.code.eq_ignore_ascii_case(code.trim())) else {
        return Err(OpError::NotFound(Missing::Promotion { code: code.to_string() }));
    };
    if let Some(e) = p.ended_on {
        return Err(OpError::Refused(Refusal::PromotionEnded { code: p.code.clone(), on: e }));
    }
    if on > p.ends {
        return Err(OpError::Refused(Refusal::PromotionEnds { code: p.code.clone(), ends: p.ends }));
    }
    p.ended_on = Some(on.max(p.starts));
    let ended = p.clone();
    stage.put(T::Agg, BOOK_KEY, &book);
    let spent = spent(stage, ended.id)?;
    stage.audit(
        ctx.now,
        &ctx.actor,
        "promo.end",
        format!("promotion {}", ended.code),
        format!("until {}", ended.ends),
        format!("ended {}", on),
    );
    Ok(Reply::Promotion(PromotionOutcome { promotion: ended, spent }))
}
