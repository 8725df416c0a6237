//! Applying one chunk of members through `ops`: enrol them, then replay their history in
//! time order, one batch per month of stays and one per instant of complaint handling.

use super::DemoSummary;

mod commands;
use super::names::{self, Person};
use super::rng::Rng;
use super::service::{self, Occasion, PlannedComplaint};
use super::stays::{self, PROPERTIES, PlannedStay};
use chrono::{Datelike, Days, NaiveDate};
use frontdesk_core::config::Config;
use frontdesk_core::domain::Millis;
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_store::ops::{Command, Ctx, NewMember, OpError, Reply, execute_batch};
use frontdesk_store::store::Store;

/// What every batch shares.
pub(super) struct Env<'a> {
    pub store: &'a Store,
    pub config: &'a Config,
    pub seed: u64,
    pub today: NaiveDate,
    pub now: Millis,
}

impl Env<'_> {
    /// A context at instant `now` on business date `today`.
    pub(crate) fn ctx(&self, now: Millis, today: NaiveDate) -> Ctx<'_> {
        Ctx { config: self.config, actor: Actor { name: "demo".into(), role: Role::Admin }, now, today }
    }
}

struct MemberPlan {
    person: Person,
    home: usize,
    enrolled: NaiveDate,
    stays: Vec<PlannedStay>,
}

/// What the replies told us about a member so far.
#[derive(Debug, Clone, Copy, Default)]
struct Known {
    balance: i64,
    rank: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Fulfil,
    Cancel,
    Keep,
}

/// Why each command of a batch was sent, to route its reply.
enum Tag {
    Stay(usize),
    Redeem(usize, Fate),
    Settle(usize),
    Adjust(usize),
    Log(usize),
    Update,
}

/// One step of the chunk's timeline.
#[derive(Debug, Clone, Copy)]
enum Step {
    Slice(usize),
    Log(usize),
    Update(usize, usize),
}

/// The chunk being applied and what its replies taught us.
struct Chunk<'e, 'a> {
    env: &'e Env<'a>,
    rng: Rng,
    plans: Vec<MemberPlan>,
    cards: Vec<Option<String>>,
    known: Vec<Known>,
    complaints: Vec<PlannedComplaint>,
    complaint_ids: Vec<Option<u64>>,
    redeem_next: Vec<(usize, Fate)>,
    settle_next: Vec<(usize, u64, Fate)>,
}

/// Month index of `d` counted from the month of `start`.
fn month_index(start: NaiveDate, d: NaiveDate) -> usize {
    ((d.year() - start.year()) * 12 + d.month0() as i32 - start.month0() as i32).max(0) as usize
}

/// Last day of month `k` after `start`'s month, but not after `today`.
fn slice_date(start: NaiveDate, k: usize, today: NaiveDate) -> NaiveDate {
    let first = start.with_day(1).unwrap_or(start);
    let next = first.checked_add_months(chrono::Months::new(k as u32 + 1)).unwrap_or(today);
    next.pred_opt().unwrap_or(today).min(today)
}

fn at_hour(d: NaiveDate, hour: u32) -> Millis {
    d.and_hms_opt(hour, 0, 0).map_or(0, |t| t.and_utc().timestamp_millis())
}

/// Enrols members `first..first + n` and replays their history.
pub(super) fn chunk(
    env: &Env<'_>,
    first: u64,
    n: u64,
    complaint_no: &mut u64,
    summary: &mut DemoSummary,
) -> Result<(), OpError> {
    let plans: Vec<MemberPlan> = (first..first + n)
        .map(|ordinal| {
            let mut rng = Rng::derive(env.seed, 1, ordinal);
            let origin = names::origin(&mut rng);
            let person = names::person(&mut rng, origin, ordinal + 1, env.today);
            let home = stays::home(&mut rng, origin);
            let (enrolled, stays) = stays::plan(&mut rng, home, env.today);
            MemberPlan { person, home, enrolled, stays }
        })
        .collect();
    let mut c = Chunk {
        env,
        rng: Rng::derive(env.seed, 2, first),
        known: vec![Known::default(); plans.len()],
        cards: Vec::new(),
        plans,
        complaints: Vec::new(),
        complaint_ids: Vec::new(),
        redeem_next: Vec::new(),
        settle_next: Vec::new(),
    };
    c.enrol(summary)?;
    c.plan_complaints(first == 0, complaint_no);
    c.replay(summary)
}

impl Chunk<'_, '_> {
    fn enrol(&mut self, summary: &mut DemoSummary) -> Result<(), OpError> {
        let env = self.env;
        let cmds: Vec<Command> = self
            .plans
            .iter()
            .map(|p| {
                Command::AddMember(NewMember {
                    card: None,
                    name: p.person.name.clone(),
                    email: p.person.email.clone(),
                    phone: p.person.phone.clone(),
                    birthday: p.person.birthday,
                    property: Some(PROPERTIES[p.home].into()),
                    channel: ["desk", "web", "desk", "phone"][(p.enrolled.ordinal() % 4) as usize].into(),
                    enrolled_on: Some(p.enrolled),
                    external_ref: None,
                })
            })
            .collect();
        let results = execute_batch(env.store, &env.ctx(env.now, env.today), &cmds)?;
        self.cards = results
            .into_iter()
            .map(|r| match r {
                Ok(Reply::Member(o)) => Some(o.member.card),
                _ => None,
            })
            .collect();
        summary.members += self.cards.iter().filter(|c| c.is_some()).count() as u64;
        Ok(())
    }

    /// About 1.5 % of members complain, plus some walk-in guests; the first chunk adds
    /// enough to show every category and state.
    fn plan_complaints(&mut self, first_chunk: bool, complaint_no: &mut u64) {
        let n = self.plans.len();
        let wanted = n * 15 / 1000
            + usize::from(self.rng.chance((n * 15 % 1000) as f64 / 1000.0))
            + if first_chunk { 24 } else { 0 };
        for _ in 0..wanted {
            let occ = self.occasion();
            let property = occ.0.map_or_else(|| *self.rng.pick(&PROPERTIES), |i| PROPERTIES[self.plans[i].home]);
            let occasion = Occasion { member: occ.0, property: occ.1.unwrap_or(property), around: occ.2 };
            let planned = service::plan(&mut self.rng, self.env.config, *complaint_no, occasion, self.env.now);
            *complaint_no += 1;
            self.complaints.push(planned);
        }
        self.complaint_ids = vec![None; self.complaints.len()];
    }

    /// A member (85 %) with a completed stay and an instant during it, else a walk-in.
    fn occasion(&mut self) -> (Option<usize>, Option<&'static str>, Millis) {
        if self.rng.chance(0.85) {
            for _ in 0..8 {
                let i = self.rng.index(self.plans.len());
                let done: Vec<&PlannedStay> =
                    self.plans[i].stays.iter().filter(|s| s.status == StayStatus::Completed).collect();
                if self.cards[i].is_some() && !done.is_empty() {
                    let s = done[self.rng.index(done.len())];
                    let nights = (s.departure - s.arrival).num_days().max(1) as u64;
                    let day = s.arrival.checked_add_days(Days::new(self.rng.below(nights))).unwrap_or(s.arrival);
                    return (
                        Some(i),
                        Some(PROPERTIES[s.property]),
                        at_hour(day, self.rng.range(7, 22) as u32) + self.rng.range(0, 59) * 60_000,
                    );
                }
            }
        }
        let start = stays::window_start(self.env.today);
        let day = start
            .checked_add_days(Days::new(self.rng.below((self.env.today - start).num_days().max(1) as u64)))
            .unwrap_or(start);
        (None, None, at_hour(day, self.rng.range(7, 22) as u32))
    }

    fn replay(&mut self, summary: &mut DemoSummary) -> Result<(), OpError> {
        let (start, today) = (stays::window_start(self.env.today), self.env.today);
        let months = month_index(start, today) + 1;
        let mut buckets: Vec<Vec<(usize, usize)>> = vec![Vec::new(); months];
        for (i, p) in self.plans.iter().enumerate() {
            if self.cards[i].is_some() {
                for (j, s) in p.stays.iter().enumerate() {
                    buckets[month_index(start, s.departure).min(months - 1)].push((i, j));
                }
            }
        }
        let mut timeline: Vec<(Millis, Step)> =
            (0..months).map(|k| (at_hour(slice_date(start, k, today), 21).min(self.env.now), Step::Slice(k))).collect();
        for (ci, c) in self.complaints.iter().enumerate() {
            timeline.push((c.opened_at, Step::Log(ci)));
            timeline.extend(c.steps.iter().enumerate().map(|(si, s)| (s.0, Step::Update(ci, si))));
        }
        timeline.sort_by_key(|t| t.0);
        let mut i = 0;
        while i < timeline.len() {
            let at = timeline[i].0;
            let end = timeline[i..].iter().position(|t| t.0 != at).map_or(timeline.len(), |p| i + p);
            let mut day = chrono::DateTime::from_timestamp_millis(at).map_or(today, |t| t.date_naive()).min(today);
            let mut cmds = Vec::new();
            let mut tags = Vec::new();
            for (_, step) in &timeline[i..end] {
                match *step {
                    Step::Slice(k) => {
                        day = day.max(slice_date(start, k, today));
                        self.slice(&buckets[k], &mut cmds, &mut tags);
                    }
                    Step::Log(ci) => self.log(ci, &mut cmds, &mut tags),
                    Step::Update(ci, si) => self.update(ci, si, &mut cmds, &mut tags),
                }
            }
            if !cmds.is_empty() {
                let results = execute_batch(self.env.store, &self.env.ctx(at, day), &cmds)?;
                for (tag, result) in tags.into_iter().zip(results) {
                    self.absorb(tag, result, summary);
                }
            }
            i = end;
        }
        Ok(())
    }

    fn absorb(&mut self, tag: Tag, result: Result<Reply, OpError>, summary: &mut DemoSummary) {
        let Ok(reply) = result else { return };
        match (tag, reply) {
            (Tag::Stay(i), Reply::Stay(o)) => {
                if o.status == StayStatus::Completed.as_str() {
                    summary.stays += 1;
                } else {
                    summary.bookings_cancelled += 1;
                }
                self.known[i] = Known { balance: o.member.balance, rank: self.env.config.tier_rank(&o.member.tier) };
                if o.base_points > 0 && self.rng.chance(0.12) {
                    let fate = [Fate::Fulfil, Fate::Cancel, Fate::Keep][self.rng.weighted(&[83, 12, 5])];
                    self.redeem_next.push((i, fate));
                }
            }
            (Tag::Redeem(i, fate), Reply::Redemption(o)) => {
                summary.redemptions += 1;
                self.known[i].balance = o.member.balance;
                self.settle_next.push((i, o.id, fate));
            }
            (Tag::Settle(i), Reply::Redemption(o)) => self.known[i].balance = o.member.balance,
            (Tag::Adjust(i), Reply::Points(o)) => self.known[i].balance = o.member.balance,
            (Tag::Log(ci), Reply::Complaint(v)) => {
                summary.complaints += 1;
                self.complaint_ids[ci] = Some(v.complaint.id);
            }
            _ => {}
        }
    }
}
