//! The model's longer rules: stays, redemptions, complaint updates and approvals.

use super::rules::{CHANNELS, CState, refuse};
use super::{Expect, MRedemption, MStay, Model, Pending, RState, SState};
use chrono::{Datelike, Days};

impl Model {
    pub(super) fn post(
        &mut self,
        who: usize,
        channel: usize,
        state: SState,
        revenue: i64,
        ago: i64,
        nights: u64,
    ) -> Expect {
        let today = self.today;
        let arrival = today.checked_sub_signed(chrono::Duration::days(ago)).unwrap_or(today);
        let departure = arrival + Days::new(nights);
        let channel = CHANNELS[channel];
        if !self.canonical.iter().any(|c| c == channel) {
            return refuse("unknown channel");
        }
        if revenue < 0 {
            return refuse("negative revenue");
        }
        let completed = state == SState::Completed;
        if completed && departure > today {
            return refuse("completed stay in the future");
        }
        if !self.member_ok(who) {
            return refuse("no such member");
        }
        if completed && self.members[who].status() != "active" {
            return refuse("member not active");
        }
        let qualifies = completed && self.earning.iter().any(|c| c == channel);
        let bonus_pct = self.tiers[self.rank_on(&self.members[who], arrival)].4;
        let base = if qualifies { revenue / 100 * 10 } else { 0 };
        let points = base + base * bonus_pct / 100;
        let nights32 = nights as u32;
        let lot = (points > 0).then(|| self.credit(who, points, departure, true));
        let m = &mut self.members[who];
        if completed {
            m.last_activity = m.last_activity.max(Some(departure));
        }
        if qualifies {
            Model::add_qual(m, departure.year(), nights as i64, 1, revenue);
        }
        m.stays.push(MStay { state, points, lot, qualifies, nights: nights32, year: departure.year(), revenue });
        Expect::Ok
    }

    pub(super) fn reverse(&mut self, who: usize, seq: u32) -> Expect {
        if !self.member_ok(who) {
            return refuse("no such member");
        }
        let Some(stay) = seq.checked_sub(1).and_then(|i| self.members[who].stays.get(i as usize)).cloned() else {
            return refuse("no such stay");
        };
        if stay.state != SState::Completed {
            return refuse("stay not completed");
        }
        if !self.can_debit(who, stay.points) {
            return refuse("balance would go negative");
        }
        if stay.points > 0 {
            self.debit(who, stay.points, stay.lot);
            self.members[who].lifetime -= stay.points;
            self.totals.earned -= stay.points;
        }
        let m = &mut self.members[who];
        if stay.qualifies {
            Model::add_qual(m, stay.year, -i64::from(stay.nights), -1, -stay.revenue);
        }
        m.stays[seq as usize - 1].state = SState::Reversed;
        Expect::Ok
    }

    pub(super) fn redeem(&mut self, who: usize, reward: usize, partial: Option<i64>, at_sha: bool) -> Expect {
        if !self.member_ok(who) {
            return refuse("no such member");
        }
        let Some(r) = self.rewards.get(reward).cloned() else { return refuse("no such reward") };
        let m = &self.members[who];
        if m.status() != "active" {
            return refuse("member not active");
        }
        let here = if at_sha { "SHA" } else { "LIS" };
        if r.property.as_deref().is_some_and(|p| p != here) {
            return refuse("reward of another property");
        }
        if r.stock == Some(0) {
            return refuse("out of stock");
        }
        if self.rank_on(m, self.today) < r.min_rank {
            return refuse("tier too low");
        }
        let points = match partial {
            None => r.points,
            Some(_) if !r.partial => return refuse("must pay in full"),
            Some(p) if p <= 0 || p > r.points => return refuse("points out of range"),
            Some(p) => p,
        };
        if points > m.balance() {
            return refuse("balance too low");
        }
        self.debit(who, points, None);
        self.totals.redeemed += points;
        let m = &mut self.members[who];
        m.last_activity = m.last_activity.max(Some(self.today));
        if let Some(s) = self.rewards[reward].stock.as_mut() {
            *s -= 1;
        }
        self.redemptions.push(MRedemption { id: 0, member: who, reward, points, state: RState::Held });
        self.pending = Some(Pending::Redemption);
        Expect::Ok
    }

    pub(super) fn update(
        &mut self,
        which: usize,
        to: Option<usize>,
        goodwill: Option<i64>,
        csat: Option<u8>,
        clerk: bool,
    ) -> Expect {
        let Some(c) = self.complaints.get(which).cloned() else { return refuse("no such complaint") };
        if csat.is_some_and(|s| !(1..=5).contains(&s)) {
            return refuse("csat out of range");
        }
        let to = to.map(|t| CState::ALL[t]);
        if csat.is_some() && c.state.is_open() && to.is_none_or(CState::is_open) {
            return refuse("scores before resolution");
        }
        if let Some(t) = to
            && !c.state.may_go(t)
        {
            return refuse("transition not allowed");
        }
        if let Some(points) = goodwill {
            if c.member.is_none() {
                return refuse("goodwill without a member");
            }
            if points <= 0 {
                return refuse("goodwill not positive");
            }
        }
        let new_state = to.unwrap_or(c.state);
        if let (Some(points), Some(w)) = (goodwill, c.member) {
            if clerk && !self.clerk_may(points, true) {
                self.request(w, Some(which), points);
            } else {
                self.credit(w, points, self.today, true);
                self.complaints[which].goodwill += points;
            }
        }
        if let Some(w) = c.member
            && c.state.is_open() != new_state.is_open()
        {
            let m = &mut self.members[w];
            m.open_complaints = if new_state.is_open() { m.open_complaints + 1 } else { m.open_complaints - 1 };
        }
        let cm = &mut self.complaints[which];
        cm.state = new_state;
        cm.csat = csat.or(cm.csat);
        Expect::Ok
    }

    /// A checker (supervisor, rank 1, or manager, rank 2) decides a clerk's request;
    /// approving applies the change, which may still be refused (no balance to debit).
    pub(super) fn decide(&mut self, which: usize, approve: bool, supervisor: bool) -> Expect {
        let Some(a) = self.approvals.get(which).cloned() else { return refuse("no such request") };
        if a.decided.is_some() {
            return refuse("already decided");
        }
        let role = if supervisor { 1 } else { 2 };
        if role < a.needs {
            return refuse("checker's role too low");
        }
        if approve {
            if a.points > 0 {
                self.credit(a.member, a.points, self.today, true);
            } else if self.can_debit(a.member, -a.points) {
                self.debit(a.member, -a.points, None);
                self.members[a.member].lifetime += a.points;
                self.totals.earned += a.points;
            } else {
                return refuse("balance would go negative");
            }
            if let Some(c) = a.complaint {
                self.complaints[c].goodwill += a.points;
            }
        }
        self.approvals[which].decided = Some(approve);
        Expect::Ok
    }
}
