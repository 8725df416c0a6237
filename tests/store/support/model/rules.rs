//! The model's rules: what each step does to the model, or why it is refused.

use super::{Expect, Lot, MActivity, MComplaint, MMember, Model, Pending, RState, SState};

use std::collections::BTreeSet;

/// Complaint workflow states (DESIGN.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CState {
    Open,
    Acknowledged,
    InProgress,
    AwaitingGuest,
    Resolved,
    Closed,
    Reopened,
}

impl CState {
    pub const ALL: [CState; 7] = [
        CState::Open,
        CState::Acknowledged,
        CState::InProgress,
        CState::AwaitingGuest,
        CState::Resolved,
        CState::Closed,
        CState::Reopened,
    ];

    /// open → acknowledged → in progress → resolved → closed, plus awaiting guest and reopened.
    pub(super) fn may_go(self, to: CState) -> bool {
        use CState::*;
        matches!(
            (self, to),
            (Open, Acknowledged | InProgress | Resolved)
                | (Acknowledged, InProgress | AwaitingGuest | Resolved)
                | (InProgress, AwaitingGuest | Resolved)
                | (AwaitingGuest, InProgress | Resolved)
                | (Resolved, Closed | Reopened)
                | (Closed, Reopened)
                | (Reopened, Acknowledged | InProgress | Resolved)
        )
    }

    pub fn is_open(self) -> bool {
        !matches!(self, CState::Resolved | CState::Closed)
    }
}

/// Activity kinds the test records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act {
    /// Spend with a rate per whole unit.
    Spend {
        rate_index: usize,
        amount: i64,
    },
    Event,
    Survey(u8),
    Enrolment,
}

/// One random step, with raw indexes (a member index past the end names nobody).
#[derive(Debug, Clone)]
pub enum Step {
    Add {
        email: Option<u8>,
    },
    /// 0 active, 1 blocked, 2 merged, 3 erased (the last two only by merge and erasure).
    SetStatus {
        who: usize,
        status: usize,
    },
    SetEmail {
        who: usize,
        email: u8,
    },
    Override {
        who: usize,
        tier: usize,
        until_shift: i64,
    },
    Post {
        who: usize,
        channel: usize,
        status: usize,
        revenue: i64,
        ago: i64,
        nights: u64,
    },
    Reverse {
        who: usize,
        seq: u32,
    },
    Adjust {
        who: usize,
        points: i64,
        opening: bool,
        clerk: bool,
    },
    Redeem {
        who: usize,
        reward: usize,
        partial: Option<i64>,
        at_sha: bool,
    },
    Fulfil {
        which: usize,
    },
    Cancel {
        which: usize,
    },
    Log {
        who: Option<usize>,
        category: usize,
    },
    Update {
        which: usize,
        to: Option<usize>,
        goodwill: Option<i64>,
        csat: Option<u8>,
        clerk: bool,
    },
    /// A manager erases a member's personal data (again: no change).
    Erase {
        who: usize,
    },
    /// A supervisor (or else a manager) decides a request.
    Decide {
        which: usize,
        approve: bool,
        supervisor: bool,
    },
    Expire {
        who: usize,
        shift: i64,
    },
    Activity {
        who: usize,
        act: Act,
        ago: i64,
    },
    ReverseActivity {
        which: usize,
    },
}

/// Channel names the steps use: the canonical ones and one unknown.
pub const CHANNELS: [&str; 9] =
    ["direct", "corporate", "gds", "ota", "wholesale", "group", "complimentary", "other", "teleport"];
/// Stay statuses: completed twice as often.
pub const STATUSES: [SState; 4] = [SState::Completed, SState::Completed, SState::Cancelled, SState::NoShow];
/// Complaint categories: three real, one unknown.
pub const CATEGORIES: [&str; 4] = ["cleanliness", "noise", "wifi", "bogus"];

pub(super) fn refuse(why: &'static str) -> Expect {
    Expect::Refused(why)
}

impl Model {
    pub(super) fn member_ok(&self, who: usize) -> bool {
        who < self.members.len()
    }

    /// Applies `step` to the model, or says why the product must refuse it (and then
    /// changes nothing).
    pub fn apply(&mut self, step: &Step, rates: [i64; 3], event: i64, survey: i64, enrolment: i64) -> Expect {
        let today = self.today;
        match step.clone() {
            Step::Add { email } => {
                let email = email.map(|e| format!("guest{e}@example.com"));
                if email.is_some() && self.members.iter().any(|m| m.email == email) {
                    return refuse("e-mail taken");
                }
                self.members.push(MMember {
                    card: String::new(),
                    id: 0,
                    email,
                    blocked: false,
                    erased: false,
                    lots: Vec::new(),
                    ledger_seq: 0,
                    lifetime: 0,
                    last_activity: None,
                    stays: Vec::new(),
                    qual: Vec::new(),
                    over: None,
                    open_complaints: 0,
                    once: BTreeSet::new(),
                });
                self.pending = Some(Pending::Member);
            }
            Step::SetStatus { who, status } => {
                if !self.member_ok(who) {
                    return refuse("no such member");
                }
                if self.members[who].erased {
                    return refuse("erased member");
                }
                if status > 1 {
                    return refuse("merged and erased are not set by an update");
                }
                self.members[who].blocked = status == 1;
            }
            Step::SetEmail { who, email } => {
                let email = Some(format!("guest{email}@example.com"));
                if !self.member_ok(who) {
                    return refuse("no such member");
                }
                if self.members[who].erased {
                    return refuse("erased member");
                }
                if self.members.iter().enumerate().any(|(i, m)| i != who && m.email == email) {
                    return refuse("e-mail taken");
                }
                self.members[who].email = email;
            }
            Step::Override { who, tier, until_shift } => {
                if !self.member_ok(who) {
                    return refuse("no such member");
                }
                if self.members[who].erased {
                    return refuse("erased member");
                }
                if tier >= self.tiers.len() {
                    return refuse("unknown tier");
                }
                let until = today.checked_add_signed(chrono::Duration::days(until_shift)).unwrap_or(today);
                if until < today {
                    return refuse("override in the past");
                }
                self.members[who].over = Some((tier, until));
            }
            Step::Post { who, channel, status, revenue, ago, nights } => {
                return self.post(who, channel, STATUSES[status], revenue, ago, nights);
            }
            Step::Reverse { who, seq } => return self.reverse(who, seq),
            Step::Adjust { who, points, opening, clerk } => {
                if points == 0 || (opening && points < 0) {
                    return refuse("zero points or a negative opening balance");
                }
                if !self.member_ok(who) {
                    return refuse("no such member");
                }
                if clerk && !opening && !self.clerk_may(points, false) {
                    self.request(who, None, points);
                } else if points > 0 {
                    self.credit(who, points, today, true);
                } else if self.can_debit(who, -points) {
                    self.debit(who, -points, None);
                    self.members[who].lifetime += points;
                    self.totals.earned += points;
                } else {
                    return refuse("balance would go negative");
                }
            }
            Step::Redeem { who, reward, partial, at_sha } => return self.redeem(who, reward, partial, at_sha),
            Step::Fulfil { which } | Step::Cancel { which } => {
                let Some(r) = self.redemptions.get(which).cloned() else { return refuse("no such redemption") };
                if r.state != RState::Held {
                    return refuse("redemption not held");
                }
                if matches!(step, Step::Fulfil { .. }) {
                    self.redemptions[which].state = RState::Fulfilled;
                } else {
                    self.credit(r.member, r.points, today, false);
                    if let Some(s) = self.rewards[r.reward].stock.as_mut() {
                        *s += 1;
                    }
                    self.redemptions[which].state = RState::Cancelled;
                }
            }
            Step::Log { who, category } => {
                if category >= 3 {
                    return refuse("unknown category");
                }
                if who.is_some_and(|w| !self.member_ok(w)) {
                    return refuse("no such member");
                }
                if let Some(w) = who {
                    self.members[w].open_complaints += 1;
                }
                let c = MComplaint { id: 0, member: who, state: CState::Open, goodwill: 0, csat: None };
                self.complaints.push(c);
                self.pending = Some(Pending::Complaint);
            }
            Step::Erase { who } => {
                if !self.member_ok(who) {
                    return refuse("no such member");
                }
                let m = &mut self.members[who];
                m.erased = true;
                m.email = None;
            }
            Step::Update { which, to, goodwill, csat, clerk } => return self.update(which, to, goodwill, csat, clerk),
            Step::Decide { which, approve, supervisor } => return self.decide(which, approve, supervisor),
            Step::Expire { who, shift } => {
                if !self.member_ok(who) {
                    return refuse("no such member");
                }
                let as_of = today.checked_add_signed(chrono::Duration::days(shift)).unwrap_or(today);
                let points = self.expiring(who, as_of);
                if points > 0 {
                    let m = &mut self.members[who];
                    m.ledger_seq += 1;
                    m.lots.clear();
                    self.totals.expired += points;
                }
            }
            Step::Activity { who, act, ago } => {
                if !self.member_ok(who) {
                    return refuse("no such member");
                }
                let date = today.checked_sub_signed(chrono::Duration::days(ago)).unwrap_or(today);
                if date > today {
                    return refuse("activity in the future");
                }
                if self.members[who].status() != "active" {
                    return refuse("member not active");
                }
                let (points, once) = match act {
                    Act::Spend { rate_index, amount } => (amount / 100 * rates[rate_index], None),
                    Act::Event => (event, None),
                    Act::Survey(code) => (survey, Some(format!("survey s{code}"))),
                    Act::Enrolment => (enrolment, Some("enrolment".to_string())),
                };
                if once.as_ref().is_some_and(|k| self.members[who].once.contains(k)) {
                    return refuse("already earned once");
                }
                let lot = (points > 0).then(|| self.credit(who, points, date, true));
                if let Some(k) = &once {
                    self.members[who].once.insert(k.clone());
                }
                self.activities.push(MActivity { id: 0, member: who, points, lot, once, reversed: false });
                self.pending = Some(Pending::Activity);
            }
            Step::ReverseActivity { which } => {
                let Some(a) = self.activities.get(which).cloned() else { return refuse("no such activity") };
                if a.reversed {
                    return refuse("already reversed");
                }
                if !self.can_debit(a.member, a.points) {
                    return refuse("balance would go negative");
                }
                if a.points > 0 {
                    self.debit(a.member, a.points, a.lot);
                    self.members[a.member].lifetime -= a.points;
                    self.totals.earned -= a.points;
                }
                if let Some(k) = &a.once {
                    self.members[a.member].once.remove(k);
                }
                self.activities[which].reversed = true;
            }
        }
        Expect::Ok
    }

    /// Lots as (id, earned on, remaining), sorted by id.
    pub fn lots_of(m: &MMember) -> Vec<Lot> {
        let mut l = m.lots.clone();
        l.sort_by_key(|l| l.id);
        l
    }
}
