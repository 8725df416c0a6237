//! A plain in-memory model of the loyalty rules for `store/model_based.rs`: members with
//! lots (FIFO, expiry), tiers from per-year counters, stays, redemptions, complaints and
//! activities. It re-derives every rule from DESIGN.md §5–6 and the configuration's
//! numbers; it shares no code path with `frontdesk_store::ops` or `frontdesk_core::domain`.

pub mod check;
mod flows;
pub mod rules;

use chrono::{Datelike, Months, NaiveDate};
use frontdesk_core::config::Config;
pub use rules::{CState, Step};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lot {
    pub id: u32,
    pub earned_on: NaiveDate,
    pub remaining: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SState {
    Completed,
    Cancelled,
    NoShow,
    Reversed,
}

#[derive(Debug, Clone)]
pub struct MStay {
    pub state: SState,
    pub points: i64,
    pub lot: Option<u32>,
    pub qualifies: bool,
    pub nights: u32,
    pub year: i32,
    pub revenue: i64,
}

#[derive(Debug, Clone)]
pub struct MMember {
    pub card: String,
    pub id: u64,
    pub email: Option<String>,
    pub blocked: bool,
    /// Personal data erased: nothing earns or redeems, the profile cannot change.
    pub erased: bool,
    pub lots: Vec<Lot>,
    pub ledger_seq: u32,
    pub lifetime: i64,
    pub last_activity: Option<NaiveDate>,
    pub stays: Vec<MStay>,
    /// Qualifying (year, nights, stays, spend in minor units).
    pub qual: Vec<(i32, i64, i64, i64)>,
    pub over: Option<(usize, NaiveDate)>,
    pub open_complaints: u32,
    pub once: BTreeSet<String>,
}

impl MMember {
    /// Status as the store names it.
    pub fn status(&self) -> &'static str {
        if self.erased {
            "erased"
        } else if self.blocked {
            "blocked"
        } else {
            "active"
        }
    }
    pub fn balance(&self) -> i64 {
        self.lots.iter().map(|l| l.remaining).sum()
    }
    pub fn completed(&self) -> impl Iterator<Item = &MStay> {
        self.stays.iter().filter(|s| s.state == SState::Completed)
    }
}

#[derive(Debug, Clone)]
pub struct MReward {
    pub code: String,
    pub points: i64,
    pub stock: Option<u32>,
    pub min_rank: usize,
    pub partial: bool,
    pub property: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RState {
    Held,
    Fulfilled,
    Cancelled,
}

#[derive(Debug, Clone)]
pub struct MRedemption {
    pub id: u64,
    pub member: usize,
    pub reward: usize,
    pub points: i64,
    pub state: RState,
}

#[derive(Debug, Clone)]
pub struct MComplaint {
    pub id: u64,
    pub member: Option<usize>,
    pub state: CState,
    pub goodwill: i64,
    pub csat: Option<u8>,
}

#[derive(Debug, Clone)]
pub struct MActivity {
    pub id: u64,
    pub member: usize,
    pub points: i64,
    pub lot: Option<u32>,
    pub once: Option<String>,
    pub reversed: bool,
}

/// A change waiting for a higher role (maker–checker).
#[derive(Debug, Clone)]
pub struct MApproval {
    pub id: u64,
    /// The member credited or debited, and the complaint for goodwill.
    pub member: usize,
    pub complaint: Option<usize>,
    pub points: i64,
    /// Lowest role that may decide: 1 supervisor, 2 manager, 3 admin.
    pub needs: usize,
    /// None while pending; then approved or not.
    pub decided: Option<bool>,
}

/// Ledger totals by kind, as the overview keeps them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub earned: i64,
    pub redeemed: i64,
    pub expired: i64,
}

/// What the model says a step does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Ok,
    Refused(&'static str),
}

/// The whole model.
pub struct Model {
    pub today: NaiveDate,
    /// (code, nights, stays, spend in whole units, bonus percent), lowest first.
    pub tiers: Vec<(String, i64, i64, i64, i64)>,
    pub earning: Vec<String>,
    pub canonical: Vec<String>,
    pub expiry_months: u32,
    pub exempt: Vec<String>,
    pub members: Vec<MMember>,
    pub rewards: Vec<MReward>,
    pub redemptions: Vec<MRedemption>,
    pub complaints: Vec<MComplaint>,
    pub activities: Vec<MActivity>,
    pub approvals: Vec<MApproval>,
    /// (adjust, goodwill) limits of clerk, supervisor, manager, admin.
    pub limits: [(i64, i64); 4],
    pub totals: Totals,
    /// The entity the last accepted step created, waiting for the store's id.
    pub pending: Option<Pending>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Member,
    Redemption,
    Complaint,
    Activity,
    Approval,
}

impl Model {
    pub fn new(cfg: &Config, today: NaiveDate) -> Model {
        let tiers: Vec<(String, i64, i64, i64, i64)> = cfg
            .tiers
            .iter()
            .map(|t| (t.code.clone(), t.nights.into(), t.stays.into(), t.spend, t.bonus_percent.into()))
            .collect();
        let rank_of = |code: &str| tiers.iter().position(|t| t.0 == code).unwrap_or(0);
        let rewards = cfg
            .rewards
            .iter()
            .map(|r| MReward {
                code: r.code.clone(),
                points: r.points,
                stock: r.stock,
                min_rank: rank_of(&r.min_tier),
                partial: r.partial,
                property: r.property.clone(),
            })
            .collect();
        Model {
            today,
            earning: cfg.channels.earning.clone(),
            canonical: cfg.channels.canonical.clone(),
            expiry_months: cfg.expiry.months,
            exempt: cfg.expiry.exempt_tiers.clone(),
            tiers,
            members: Vec::new(),
            rewards,
            redemptions: Vec::new(),
            complaints: Vec::new(),
            activities: Vec::new(),
            approvals: Vec::new(),
            limits: ["clerk", "supervisor", "manager", "admin"].map(|r| {
                let l = cfg.role_limits(r);
                (l.adjust_limit, l.goodwill_limit)
            }),
            totals: Totals::default(),
            pending: None,
        }
    }

    /// Tier reached by one year's counters: the highest whose nights, stays or spend is met.
    fn year_rank(&self, m: &MMember, year: i32) -> usize {
        let Some(&(_, n, s, spend)) = m.qual.iter().find(|q| q.0 == year) else { return 0 };
        let units = spend / 100;
        self.tiers.iter().rposition(|t| n >= t.1 || s >= t.2 || units >= t.3).unwrap_or(0)
    }

    /// Effective tier on `date`: the better of that year and the year before, or the
    /// manager's override while it lasts.
    pub fn rank_on(&self, m: &MMember, date: NaiveDate) -> usize {
        let earned = self.year_rank(m, date.year()).max(self.year_rank(m, date.year() - 1));
        match m.over {
            Some((r, until)) if date <= until => r.max(earned),
            _ => earned,
        }
    }

    pub fn tier_code(&self, m: &MMember) -> &str {
        &self.tiers[self.rank_on(m, self.today)].0
    }

    fn add_qual(m: &mut MMember, year: i32, nights: i64, stays: i64, spend: i64) {
        match m.qual.iter_mut().find(|q| q.0 == year) {
            Some(q) => {
                q.1 = (q.1 + nights).max(0);
                q.2 = (q.2 + stays).max(0);
                q.3 = (q.3 + spend).max(0);
            }
            None => m.qual.push((year, nights.max(0), stays.max(0), spend.max(0))),
        }
    }

    /// A credit of `points` (kind counted as earned or not) as one new lot dated `on`.
    fn credit(&mut self, who: usize, points: i64, on: NaiveDate, earning: bool) -> u32 {
        let m = &mut self.members[who];
        m.ledger_seq += 1;
        m.lots.push(Lot { id: m.ledger_seq, earned_on: on, remaining: points });
        m.last_activity = m.last_activity.max(Some(on));
        if earning {
            m.lifetime += points;
            self.totals.earned += points;
        } else {
            self.totals.redeemed -= points;
        }
        m.ledger_seq
    }

    /// Whether `points` can be taken from the member's lots.
    fn can_debit(&self, who: usize, points: i64) -> bool {
        points <= self.members[who].balance()
    }

    /// Takes `points` oldest lot first (lot `prefer` first of all); the caller checked
    /// [`Model::can_debit`].
    fn debit(&mut self, who: usize, points: i64, prefer: Option<u32>) {
        let m = &mut self.members[who];
        m.ledger_seq += 1;
        let mut order: Vec<usize> = (0..m.lots.len()).collect();
        order.sort_by_key(|&i| (Some(m.lots[i].id) != prefer, m.lots[i].earned_on, m.lots[i].id));
        let mut left = points;
        for i in order {
            let take = m.lots[i].remaining.min(left);
            m.lots[i].remaining -= take;
            left -= take;
        }
        m.lots.retain(|l| l.remaining > 0);
    }

    /// Points of the member's lots expired on `as_of` (all of them once the last activity
    /// is `expiry_months` old; none for an exempt tier).
    fn expiring(&self, who: usize, as_of: NaiveDate) -> i64 {
        let m = &self.members[who];
        if self.exempt.contains(&self.tiers[self.rank_on(m, as_of)].0) {
            return 0;
        }
        m.lots
            .iter()
            .filter(|l| {
                let from = m.last_activity.unwrap_or(l.earned_on);
                from.checked_add_months(Months::new(self.expiry_months)).is_some_and(|d| d <= as_of)
            })
            .map(|l| l.remaining)
            .sum()
    }

    /// Files a request for a change above the clerk's limit: the lowest role above a
    /// clerk whose limit covers it must decide.
    fn request(&mut self, member: usize, complaint: Option<usize>, points: i64) {
        let goodwill = complaint.is_some();
        let needs = (1..4)
            .find(|&r| {
                let l = self.limits[r];
                points.abs() <= if goodwill { l.1 } else { l.0 }
            })
            .unwrap_or(3);
        self.approvals.push(MApproval { id: 0, member, complaint, points, needs, decided: None });
        self.pending = Some(Pending::Approval);
    }

    /// Whether a clerk may make this change without approval.
    fn clerk_may(&self, points: i64, goodwill: bool) -> bool {
        points.abs() <= if goodwill { self.limits[0].1 } else { self.limits[0].0 }
    }

    /// Binds the store's id (or card) to the entity the last accepted step created.
    pub fn bind(&mut self, id: u64, card: Option<String>) {
        match self.pending.take() {
            Some(Pending::Member) => {
                if let Some(m) = self.members.last_mut() {
                    m.id = id;
                    m.card = card.unwrap_or_default();
                }
            }
            Some(Pending::Redemption) => self.redemptions.last_mut().into_iter().for_each(|r| r.id = id),
            Some(Pending::Complaint) => self.complaints.last_mut().into_iter().for_each(|c| c.id = id),
            Some(Pending::Activity) => self.activities.last_mut().into_iter().for_each(|a| a.id = id),
            Some(Pending::Approval) => self.approvals.last_mut().into_iter().for_each(|a| a.id = id),
            None => {}
        }
    }
}
