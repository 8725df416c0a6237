//! Promotions: dated rules that add points to eligible activities, within a per-member cap
//! and a total budget. Evaluation is a pure function of the promotion, what it has granted
//! so far and the activity.
//!
//! Order when several apply: multipliers on base first, then fixed bonuses (a plain bonus
//! or one on the Nth activity of a period), each in promotion-id order. Every promotion
//! works on the activity's base points alone, never on another promotion's points, so
//! the order only decides the order of the ledger entries, not the amounts.

use crate::i18n::errors::Reason;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Who and what a promotion applies to; an empty list matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    /// Tier codes.
    pub tiers: Vec<String>,
    /// Property codes.
    pub properties: Vec<String>,
    /// Canonical booking channels (stays only; other activities have none).
    pub channels: Vec<String>,
    /// Activity kinds (`stay`, `spend`, `fee`, …; see [`super::activity::KINDS`]).
    pub kinds: Vec<String>,
    /// Member tags; the member needs one of them.
    pub tags: Vec<String>,
}

/// The span over which "the Nth activity" is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    /// Calendar month.
    Month,
    /// Calendar quarter.
    Quarter,
    /// Calendar year.
    Year,
    /// The whole promotion.
    Promotion,
}

impl Period {
    /// Parses `month`, `quarter`, `year` or `promotion`.
    pub fn parse(s: &str) -> Option<Period> {
        match s.trim().to_lowercase().as_str() {
            "month" => Some(Period::Month),
            "quarter" => Some(Period::Quarter),
            "year" => Some(Period::Year),
            "promotion" => Some(Period::Promotion),
            _ => None,
        }
    }

    /// First day of the period holding `date` (the promotion's start for `Promotion`).
    pub(crate) fn start(self, date: NaiveDate, promotion_start: NaiveDate) -> NaiveDate {
        let first = |month: u32| NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date);
        match self {
            Period::Month => first(date.month()),
            Period::Quarter => first((date.month() - 1) / 3 * 3 + 1),
            Period::Year => first(1),
            Period::Promotion => promotion_start,
        }
    }
}

/// What a promotion adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    /// Points on base × percent / 100 in total: 200 doubles the base (adds base once more).
    Multiplier {
        /// Total percent of base, at least 100.
        percent: u32,
    },
    /// A fixed bonus on every eligible activity.
    Fixed { points: i64 },
    /// A fixed bonus on exactly the Nth eligible activity of a member in a period.
    Nth {
        /// Which activity (1 = the first).
        n: u32,
        /// Over what span.
        period: Period,
        points: i64,
    },
}

impl Effect {
    fn is_multiplier(self) -> bool {
        matches!(self, Effect::Multiplier { .. })
    }
}

/// A stored promotion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promotion {
    /// Id (key of its tree); also its place in the evaluation order.
    pub id: u64,
    /// Short code named on ledger entries, e.g. `SPRING26`.
    pub code: String,
    /// Name shown to people.
    pub name: String,
    /// First day it applies.
    pub starts: NaiveDate,
    /// Last day it applies.
    pub ends: NaiveDate,
    /// Who and what.
    pub eligibility: Eligibility,
    /// What it adds.
    pub effect: Effect,
    /// Most points one member may get from it (`None`: no cap).
    pub member_cap: Option<i64>,
    /// Most points it may grant in all (`None`: no budget).
    pub budget: Option<i64>,
    /// Ended early on this day (it applies up to the day before).
    pub ended_on: Option<NaiveDate>,
}

impl Promotion {
    /// Whether it runs on `date`.
    pub fn runs_on(&self, date: NaiveDate) -> bool {
        self.starts <= date && date <= self.ends && self.ended_on.is_none_or(|e| date < e)
    }

    /// Whether `o` is eligible (ignoring caps and budget).
    pub fn applies(&self, o: &Occasion<'_>) -> bool {
        let e = &self.eligibility;
        let any = |list: &[String], v: &str| list.is_empty() || list.iter().any(|x| x.eq_ignore_ascii_case(v));
        self.runs_on(o.date)
            && any(&e.kinds, o.kind)
            && any(&e.tiers, o.tier)
            && any(&e.properties, o.property)
            && (e.channels.is_empty() || o.channel.is_some_and(|c| any(&e.channels, c)))
            && (e.tags.is_empty() || o.tags.iter().any(|t| any(&e.tags, t)))
    }
}

/// The activity being evaluated, as promotions see it.
#[derive(Debug, Clone, Copy)]
pub struct Occasion<'a> {
    /// Activity kind.
    pub kind: &'a str,
    /// Business date of the activity (a stay's departure).
    pub date: NaiveDate,
    pub property: &'a str,
    /// Canonical channel (stays).
    pub channel: Option<&'a str>,
    /// The member's tier on the date.
    pub tier: &'a str,
    /// The member's tags.
    pub tags: &'a [String],
    /// Base points of the activity.
    pub base: i64,
}

/// What a promotion has granted so far, net of reversals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    /// Points granted to everybody.
    pub spent: i64,
    /// Points granted to this member.
    pub member_granted: i64,
    /// This member's eligible activities in the current period before this one.
    pub member_count: u32,
}

/// Points one promotion grants to one activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub promotion_id: u64,
    /// Promotion code.
    pub code: String,
    /// Points (positive).
    pub points: i64,
    /// Points the rule gave before the cap and budget cut them.
    pub uncapped: i64,
}

/// All promotions, stored as one record so that a command reads them with one key inside
/// its transaction (there are tens, not millions).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionBook {
    /// By id.
    pub promotions: Vec<Promotion>,
}

impl PromotionBook {
    /// The promotion with this code (case-insensitive).
    pub fn by_code(&self, code: &str) -> Option<&Promotion> {
        self.promotions.iter().find(|p| p.code.eq_ignore_ascii_case(code.trim()))
    }
}

/// One promotion's part in one activity, kept with the activity so that reversing it
/// takes exactly these points back. An eligible activity is recorded even when the cap or
/// budget left nothing to grant: it still counts towards an Nth-activity bonus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantRecord {
    pub promotion_id: u64,
    /// Promotion code.
    pub code: String,
    /// Points granted (0 when cut to nothing).
    pub points: i64,
    /// The ledger posting that granted them.
    pub posting: Option<u32>,
    /// First day of the counting period the activity fell in.
    pub period: NaiveDate,
}

/// The promotions' parts in one stay (stays predate promotions, so they are kept beside
/// the stay rather than in it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantSet {
    /// The parts.
    pub grants: Vec<GrantRecord>,
}

/// The first day of the span `p` counts activities over, for an activity on `date`.
pub fn counting_period(p: &Promotion, date: NaiveDate) -> NaiveDate {
    match p.effect {
        Effect::Nth { period, .. } => period.start(date, p.starts),
        _ => p.starts,
    }
}

/// Points the effect gives, before cap and budget.
fn raw(effect: Effect, o: &Occasion<'_>, count_before: u32) -> i64 {
    match effect {
        Effect::Multiplier { percent } => o.base.max(0).saturating_mul(i64::from(percent.saturating_sub(100))) / 100,
        Effect::Fixed { points } => points.max(0),
        Effect::Nth { n, points, .. } => {
            if count_before.saturating_add(1) == n {
                points.max(0)
            } else {
                0
            }
        }
    }
}

/// What room is left under a promotion's cap and budget.
pub(crate) fn room(p: &Promotion, u: &Usage) -> i64 {
    let cap = p.member_cap.map_or(i64::MAX, |c| c.saturating_sub(u.member_granted));
    let budget = p.budget.map_or(i64::MAX, |b| b.saturating_sub(u.spent));
    cap.min(budget).max(0)
}

/// The grants of the eligible promotions for one activity, in evaluation order
/// (multipliers first, then fixed bonuses; by id within each). `candidates` pairs each
/// promotion with its usage; ineligible ones and zero grants are left out.
pub fn evaluate(candidates: &[(&Promotion, Usage)], o: &Occasion<'_>) -> Vec<Grant> {
    let mut eligible: Vec<&(&Promotion, Usage)> = candidates.iter().filter(|(p, _)| p.applies(o)).collect();
    eligible.sort_by_key(|(p, _)| (!p.effect.is_multiplier(), p.id));
    eligible
        .into_iter()
        .filter_map(|(p, u)| {
            let uncapped = raw(p.effect, o, u.member_count);
            let points = uncapped.min(room(p, u));
            (points > 0).then(|| Grant { promotion_id: p.id, code: p.code.clone(), points, uncapped })
        })
        .collect()
}

/// Why a promotion cannot be stored, if it cannot.
pub fn check(p: &Promotion) -> Result<(), Reason> {
    let code_ok = (2..=20).contains(&p.code.len())
        && p.code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !code_ok {
        return Err(Reason::PromoCode { code: p.code.clone() });
    }
    if p.ends < p.starts {
        return Err(Reason::PromoEndsFirst { ends: p.ends, starts: p.starts });
    }
    match p.effect {
        Effect::Multiplier { percent } if !(101..=1_000).contains(&percent) => {
            return Err(Reason::PromoMultiplier);
        }
        Effect::Fixed { points } | Effect::Nth { points, .. } if points <= 0 => {
            return Err(Reason::PromoBonus);
        }
        Effect::Nth { n: 0, .. } => return Err(Reason::PromoNth),
        _ => {}
    }
    if p.member_cap.is_some_and(|c| c <= 0) || p.budget.is_some_and(|b| b <= 0) {
        return Err(Reason::PromoCap);
    }
    Ok(())
}

#[cfg(test)]
#[path = "promotion_tests.rs"]
mod tests;
