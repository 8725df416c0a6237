//! Rewards and redemption holds.

use crate::i18n::errors::Refusal;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A reward in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reward {
    /// Internal id.
    pub id: u64,
    /// Unique code.
    pub code: String,
    /// Display name.
    pub name: String,
    /// Points cost.
    pub points: i64,
    /// Units left; `None` is unlimited.
    pub stock: Option<u32>,
    /// Lowest tier code allowed.
    pub min_tier: String,
    /// Whether part of the cost may be paid in cash.
    pub partial: bool,
    /// Only at this property, when set.
    pub property: Option<String>,
    /// First day it can be redeemed.
    pub valid_from: Option<NaiveDate>,
    /// Last day it can be redeemed.
    pub valid_until: Option<NaiveDate>,
    /// Withdrawn rewards stay for history but cannot be redeemed.
    pub active: bool,
}

/// Where a redemption stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RedemptionState {
    /// Points taken, reward not yet handed over.
    Held,
    /// Reward handed over.
    Fulfilled,
    /// Cancelled and points refunded.
    Cancelled,
}

impl RedemptionState {
    /// Lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            RedemptionState::Held => "held",
            RedemptionState::Fulfilled => "fulfilled",
            RedemptionState::Cancelled => "cancelled",
        }
    }

    /// Parses a name written by [`RedemptionState::as_str`].
    pub fn parse(s: &str) -> Option<RedemptionState> {
        use RedemptionState::*;
        [Held, Fulfilled, Cancelled].into_iter().find(|st| st.as_str() == s.trim())
    }
}

/// A redemption as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redemption {
    /// Internal id.
    pub id: u64,
    /// Member who redeemed.
    pub member_id: u64,
    pub reward_id: u64,
    /// Reward code at the time.
    pub reward_code: String,
    /// Property where it was redeemed.
    pub property: String,
    /// Points paid.
    pub points: i64,
    /// Cash paid for the rest, in minor units.
    pub cash_minor: i64,
    /// Held, fulfilled or cancelled.
    pub state: RedemptionState,
    /// Business date of the redemption.
    pub date: NaiveDate,
    /// When it was made (UTC ms).
    pub at: i64,
    /// Operator who made it.
    pub operator: String,
    /// Ledger posting that took the points.
    pub posting_seq: u32,
    /// Caller's reference for idempotency.
    pub external_ref: Option<String>,
}

/// What the member pays for a reward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Price {
    /// Points taken.
    pub points: i64,
    /// Cash for the rest, in minor units.
    pub cash_minor: i64,
}

/// The circumstances of a redemption request.
#[derive(Debug, Clone, Copy)]
pub struct RedeemRequest<'a> {
    /// Member's tier rank on the day.
    pub member_rank: usize,
    /// Rank of the reward's minimum tier.
    pub min_rank: usize,
    /// Member's balance.
    pub balance: i64,
    /// Points the member offers when paying partly in cash; `None` pays in full.
    pub points_offered: Option<i64>,
    /// Business date.
    pub date: NaiveDate,
    /// Property where the reward is taken.
    pub property: &'a str,
    /// Cash value of one point in minor units.
    pub point_value_minor: i64,
}

/// The price of `reward` for this request, or why it cannot be redeemed.
pub fn price(reward: &Reward, req: RedeemRequest<'_>) -> Result<Price, Refusal> {
    if !reward.active {
        return Err(Refusal::Withdrawn { code: reward.code.clone() });
    }
    if reward.valid_from.is_some_and(|d| req.date < d) || reward.valid_until.is_some_and(|d| req.date > d) {
        return Err(Refusal::NotValidOn { code: reward.code.clone(), date: req.date });
    }
    if let Some(p) = &reward.property
        && p != req.property
    {
        return Err(Refusal::OnlyAt { code: reward.code.clone(), property: p.to_string() });
    }
    if reward.stock == Some(0) {
        return Err(Refusal::OutOfStock { code: reward.code.clone() });
    }
    if req.member_rank < req.min_rank {
        return Err(Refusal::NeedsTier { code: reward.code.clone(), tier: reward.min_tier.clone() });
    }
    let points = match req.points_offered {
        None => reward.points,
        Some(_) if !reward.partial => {
            return Err(Refusal::FullyInPoints { code: reward.code.clone() });
        }
        Some(p) if p <= 0 || p > reward.points => {
            return Err(Refusal::PointsUpToCost { cost: reward.points });
        }
        Some(p) => p,
    };
    if points > req.balance {
        return Err(Refusal::BalanceShort { points, balance: req.balance });
    }
    let cash_minor = (reward.points - points).saturating_mul(req.point_value_minor);
    Ok(Price { points, cash_minor })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reward() -> Reward {
        Reward {
            id: 1,
            code: "SPA".into(),
            name: "Spa".into(),
            points: 12_000,
            stock: Some(2),
            min_tier: "gold".into(),
            partial: true,
            property: None,
            valid_from: None,
            valid_until: None,
            active: true,
        }
    }

    fn req(rank: usize, balance: i64, offered: Option<i64>) -> RedeemRequest<'static> {
        RedeemRequest {
            member_rank: rank,
            min_rank: 2,
            balance,
            points_offered: offered,
            date: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
            property: "LIS",
            point_value_minor: 1,
        }
    }

    #[test]
    fn full_price_needs_tier_and_balance() {
        assert_eq!(price(&reward(), req(2, 12_000, None)), Ok(Price { points: 12_000, cash_minor: 0 }));
        assert!(price(&reward(), req(1, 50_000, None)).unwrap_err().to_string().contains("needs tier gold"));
        assert!(price(&reward(), req(3, 11_999, None)).unwrap_err().to_string().contains("balance is 11999"));
    }

    #[test]
    fn partial_payment_charges_cash_for_the_rest() {
        assert_eq!(price(&reward(), req(2, 5_000, Some(5_000))), Ok(Price { points: 5_000, cash_minor: 7_000 }));
        let whole_only = Reward { partial: false, ..reward() };
        assert!(price(&whole_only, req(2, 50_000, Some(5_000))).is_err());
    }

    #[test]
    fn out_of_stock_and_withdrawn_rewards_are_refused() {
        let empty = Reward { stock: Some(0), ..reward() };
        let gone = Reward { active: false, ..reward() };
        assert!(price(&empty, req(3, 50_000, None)).unwrap_err().to_string().contains("out of stock"));
        assert!(price(&gone, req(3, 50_000, None)).unwrap_err().to_string().contains("withdrawn"));
    }
}
