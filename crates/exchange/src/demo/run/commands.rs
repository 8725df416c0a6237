//! Building the commands of one batch from the plan and what earlier replies told us.

use super::super::stays::PROPERTIES;
use super::{Chunk, Fate, Tag};
use frontdesk_core::config::RewardSeed;
use frontdesk_core::domain::ledger::EntryKind;
use frontdesk_store::ops::{Adjustment, Command, ComplaintInput, MemberRef, RedeemInput, StayInput};

impl Chunk<'_, '_> {
    pub(super) fn card(&self, i: usize) -> MemberRef {
        MemberRef::Card(self.cards[i].clone().unwrap_or_default())
    }

    pub(super) fn slice(&mut self, bucket: &[(usize, usize)], cmds: &mut Vec<Command>, tags: &mut Vec<Tag>) {
        for (i, id, fate) in std::mem::take(&mut self.settle_next) {
            match fate {
                Fate::Fulfil => cmds.push(Command::FulfilRedemption { id, external_ref: None }),
                Fate::Cancel => cmds.push(Command::CancelRedemption {
                    id,
                    reason: "Guest changed plans".into(),
                    external_ref: None,
                }),
                Fate::Keep => continue,
            }
            tags.push(Tag::Settle(i));
        }
        for (i, fate) in std::mem::take(&mut self.redeem_next) {
            if let Some(input) = self.pick_reward(i) {
                cmds.push(Command::Redeem(input));
                tags.push(Tag::Redeem(i, fate));
            }
        }
        for &(i, j) in bucket {
            if self.rng.chance(0.006) && self.known[i].balance > 0 {
                cmds.push(Command::AdjustPoints(self.adjustment(i)));
                tags.push(Tag::Adjust(i));
            }
            let s = &self.plans[i].stays[j];
            cmds.push(Command::PostStay(StayInput {
                member: self.card(i),
                property: Some(PROPERTIES[s.property].into()),
                arrival: s.arrival,
                departure: s.departure,
                revenue_minor: s.revenue_minor,
                channel: s.channel.into(),
                status: s.status,
                external_ref: None,
            }));
            tags.push(Tag::Stay(i));
        }
    }

    pub(super) fn adjustment(&mut self, i: usize) -> Adjustment {
        let folio = self.rng.range(10_000, 99_999);
        let (points, reason) = match self.rng.index(4) {
            0 => (self.rng.range(5, 40) * 100, format!("Missing stay credit, folio {folio}")),
            1 => (self.rng.range(2, 10) * 100, "Service recovery: room not ready at check-in".to_string()),
            2 => (1000, "Partner programme transfer".to_string()),
            _ => (
                -(self.rng.range(1, 10) * 100).min(self.known[i].balance),
                format!("Duplicate credit corrected, folio {folio}"),
            ),
        };
        Adjustment { member: self.card(i), points, reason, kind: EntryKind::Adjust, external_ref: None }
    }

    /// A reward the member can afford at their tier, as far as the replies tell.
    pub(super) fn pick_reward(&mut self, i: usize) -> Option<RedeemInput> {
        let k = self.known[i];
        let config = self.env.config;
        let ok = |r: &RewardSeed| {
            config.tier_rank(&r.min_tier) <= k.rank
                && (r.points <= k.balance || r.partial && k.balance * 5 >= r.points * 2)
        };
        let eligible: Vec<&RewardSeed> = config.rewards.iter().filter(|r| ok(r)).collect();
        let weights: Vec<u32> = eligible.iter().map(|r| if r.stock.is_some() { 1 } else { 4 }).collect();
        let r = eligible.get(self.rng.weighted(&weights))?;
        let points = (r.points > k.balance).then_some(k.balance / 500 * 500);
        let property = r.property.clone().unwrap_or_else(|| PROPERTIES[self.plans[i].home].into());
        Some(RedeemInput {
            member: self.card(i),
            reward: r.code.clone(),
            points,
            property: Some(property),
            external_ref: None,
        })
    }

    pub(super) fn log(&mut self, ci: usize, cmds: &mut Vec<Command>, tags: &mut Vec<Tag>) {
        let c = &self.complaints[ci];
        cmds.push(Command::LogComplaint(ComplaintInput {
            member: c.member.filter(|i| self.cards[*i].is_some()).map(|i| self.card(i)),
            property: Some(c.property.clone()),
            category: c.category.clone(),
            severity: c.severity.clone(),
            channel: c.channel.clone(),
            description: c.description.clone(),
            external_ref: None,
        }));
        tags.push(Tag::Log(ci));
    }

    pub(super) fn update(&mut self, ci: usize, si: usize, cmds: &mut Vec<Command>, tags: &mut Vec<Tag>) {
        if let Some(id) = self.complaint_ids[ci] {
            let mut u = self.complaints[ci].steps[si].1.clone();
            u.id = id;
            cmds.push(Command::UpdateComplaint(u));
            tags.push(Tag::Update);
        }
    }
}
