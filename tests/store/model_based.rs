//! Model-based test: a seeded random mix of commands (members, stays and reversals,
//! adjustments, redemptions and their settlement, complaints with goodwill and follow-up,
//! expiry, activities and their reversal) runs against a real sled store through
//! `frontdesk_store::ops` and against the plain model in `support::model`; after every step the
//! observable state must be equal, and a step the model refuses must be refused by the
//! store and change nothing.
//!
//! CI size: 20 seeds × 200 steps. Long run (see docs/RELIABILITY.md):
//! `FRONTDESK_MODEL_SEEDS=10000 cargo test --release --test store model_based::`
//! (`FRONTDESK_MODEL_STEPS` changes the steps per seed, `FRONTDESK_MODEL_FIRST` the first
//! seed, `TMPDIR=/dev/shm` keeps fsync off the disk).

use crate::support::model;

use crate::support::model::rules::{Act, CATEGORIES, CHANNELS, STATUSES};
use crate::support::model::{Expect, Model, SState, Step, check};
use chrono::{DateTime, NaiveDate};
use frontdesk_core::config::Config;
use frontdesk_core::domain::activity::{Activity, SpendCategory};
use frontdesk_core::domain::ledger::EntryKind;
use frontdesk_core::domain::member::MemberStatus;
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_store::ops::{
    self, ActivityInput, Adjustment, Command, ComplaintInput, ComplaintUpdate, Ctx, MemberChanges, MemberRef,
    NewMember, RedeemInput, Reply, StayInput,
};
use frontdesk_store::store::Store;

/// SplitMix64: a tiny deterministic generator, so that a seed names one run forever.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn idx(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo) as u64) as i64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

/// A member index: mostly someone enrolled, sometimes one past the end (nobody).
fn who(r: &mut Rng, m: &Model) -> usize {
    if r.chance(4) { m.members.len() } else { r.idx(m.members.len().max(1)) }
}

/// An index into a list of `n`: mostly an element, sometimes one past the end.
fn which(r: &mut Rng, n: usize) -> usize {
    if n == 0 || r.chance(5) { n } else { r.idx(n) }
}

/// A redemption index: mostly one still held, when there is one.
fn held(r: &mut Rng, m: &Model) -> usize {
    let open: Vec<usize> =
        (0..m.redemptions.len()).filter(|&i| m.redemptions[i].state == model::RState::Held).collect();
    if open.is_empty() || r.chance(30) { which(r, m.redemptions.len()) } else { open[r.idx(open.len())] }
}

fn gen_step(r: &mut Rng, m: &Model) -> Step {
    let w = who(r, m);
    match r.below(100) {
        0..=5 => Step::Add { email: r.chance(60).then(|| r.below(12) as u8) },
        6..=8 => Step::SetStatus { who: w, status: if r.chance(10) { 2 + r.idx(2) } else { r.idx(2) } },
        9 if r.chance(50) => Step::SetEmail { who: w, email: r.below(12) as u8 },
        9 => Step::Erase { who: w },
        10..=11 => Step::Override { who: w, tier: r.idx(5), until_shift: r.range(-30, 500) },
        12..=35 => Step::Post {
            who: w,
            channel: r.idx(CHANNELS.len()),
            status: r.idx(STATUSES.len()),
            revenue: if r.chance(3) {
                -1
            } else if r.chance(20) {
                r.range(0, 3_000_000)
            } else {
                r.range(0, 90_000)
            },
            ago: r.range(-20, 1_100),
            nights: r.below(12),
        },
        36..=41 => {
            let made = m.members.get(w).map_or(0, |x| x.stays.len() as u64);
            Step::Reverse { who: w, seq: r.below(made + 2) as u32 }
        }
        42..=50 => Step::Adjust {
            who: w,
            points: if r.chance(50) { r.range(-3_000, 3_000) } else { r.range(-60_000, 60_000) },
            opening: r.chance(15),
            clerk: r.chance(40),
        },
        51..=60 => Step::Redeem {
            who: w,
            reward: if r.chance(5) { 99 } else { r.idx(m.rewards.len()) },
            // (Most members cannot afford most rewards: the refusals are checked too.)
            partial: r.chance(30).then(|| r.range(-10, 30_000)),
            at_sha: r.chance(20),
        },
        61..=63 => Step::Fulfil { which: held(r, m) },
        64..=66 => Step::Cancel { which: held(r, m) },
        67..=72 => Step::Log { who: r.chance(80).then_some(w), category: r.idx(CATEGORIES.len()) },
        73..=84 => Step::Update {
            which: which(r, m.complaints.len()),
            to: r.chance(80).then(|| r.idx(7)),
            goodwill: r.chance(25).then(|| r.range(-100, 5_000)),
            csat: r.chance(15).then(|| r.below(6) as u8),
            clerk: r.chance(40),
        },
        85..=87 => Step::Decide { which: which(r, m.approvals.len()), approve: r.chance(75), supervisor: r.chance(40) },
        88..=89 => Step::Expire { who: w, shift: r.range(-400, 1_500) },
        90..=96 => {
            let act = match r.below(4) {
                0 | 1 => Act::Spend { rate_index: r.idx(3), amount: r.range(0, 200_000) },
                2 => Act::Event,
                _ if r.chance(50) => Act::Survey(r.below(3) as u8),
                _ => Act::Enrolment,
            };
            Step::Activity { who: w, act, ago: if r.chance(3) { -1 } else { r.range(0, 900) } }
        }
        _ => Step::ReverseActivity { which: which(r, m.activities.len()) },
    }
}

/// A card that names a member of the model, or a valid card that names nobody.
fn card(m: &Model, who: usize) -> MemberRef {
    match m.members.get(who) {
        Some(x) => MemberRef::Card(x.card.clone()),
        None => MemberRef::Card(frontdesk_core::domain::card::issue("62", 999_999)),
    }
}

fn date(shift: i64) -> NaiveDate {
    today().checked_add_signed(chrono::Duration::days(shift)).expect("date in range")
}

/// The command a step stands for, bound to the store's cards and ids.
fn command(m: &Model, step: &Step) -> Command {
    const MISSING: u64 = 999_999;
    let id_of = |list: Vec<u64>, i: usize| list.get(i).copied().unwrap_or(MISSING);
    let changes = |f: &dyn Fn(&mut MemberChanges)| {
        let mut ch = MemberChanges::default();
        f(&mut ch);
        Box::new(ch)
    };
    match step.clone() {
        Step::Add { email } => Command::AddMember(NewMember {
            name: format!("Guest {}", m.members.len()),
            email: email.map(|e| format!("guest{e}@example.com")),
            channel: "desk".into(),
            ..NewMember::default()
        }),
        Step::SetStatus { who, status } => {
            let status =
                [MemberStatus::Active, MemberStatus::Blocked, MemberStatus::Merged, MemberStatus::Erased][status];
            Command::UpdateMember(card(m, who), changes(&|c| c.status = Some(status)))
        }
        Step::SetEmail { who, email } => {
            Command::UpdateMember(card(m, who), changes(&|c| c.email = Some(format!("guest{email}@example.com"))))
        }
        Step::Override { who, tier, until_shift } => {
            let code = m.tiers.get(tier).map_or("diamond".to_string(), |t| t.0.clone());
            Command::UpdateMember(card(m, who), changes(&|c| c.tier_override = Some((code.clone(), date(until_shift)))))
        }
        Step::Post { who, channel, status, revenue, ago, nights } => {
            let arrival = date(-ago);
            Command::PostStay(StayInput {
                member: card(m, who),
                property: None,
                arrival,
                departure: arrival + chrono::Days::new(nights),
                revenue_minor: revenue,
                channel: CHANNELS[channel].into(),
                status: match STATUSES[status] {
                    SState::Completed => StayStatus::Completed,
                    SState::Cancelled => StayStatus::Cancelled,
                    _ => StayStatus::NoShow,
                },
                external_ref: None,
            })
        }
        Step::Reverse { who, seq } => {
            Command::ReverseStay { member: card(m, who), seq, reason: "model".into(), external_ref: None }
        }
        Step::Adjust { who, points, opening, .. } => Command::AdjustPoints(Adjustment {
            member: card(m, who),
            points,
            reason: "model".into(),
            kind: if opening { EntryKind::Opening } else { EntryKind::Adjust },
            external_ref: None,
        }),
        Step::Redeem { who, reward, partial, at_sha } => Command::Redeem(RedeemInput {
            member: card(m, who),
            reward: m.rewards.get(reward).map_or("NOPE".into(), |r| r.code.clone()),
            points: partial,
            property: at_sha.then(|| "SHA".into()),
            external_ref: None,
        }),
        Step::Fulfil { which } => Command::FulfilRedemption {
            id: id_of(m.redemptions.iter().map(|r| r.id).collect(), which),
            external_ref: None,
        },
        Step::Cancel { which } => Command::CancelRedemption {
            id: id_of(m.redemptions.iter().map(|r| r.id).collect(), which),
            reason: "model".into(),
            external_ref: None,
        },
        Step::Log { who, category } => Command::LogComplaint(ComplaintInput {
            member: who.map(|w| card(m, w)),
            property: None,
            category: CATEGORIES[category].into(),
            severity: "normal".into(),
            channel: "desk".into(),
            description: "room too cold".into(),
            external_ref: None,
        }),
        Step::Update { which, to, goodwill, csat, .. } => Command::UpdateComplaint(ComplaintUpdate {
            id: id_of(m.complaints.iter().map(|c| c.id).collect(), which),
            to: to.map(|t| frontdesk_core::domain::complaint::ALL_STATES[t]),
            note: "model".into(),
            goodwill,
            csat,
            nps: None,
            external_ref: None,
        }),
        // (The reason must share no word with the name "Guest N": the product refuses that.)
        Step::Erase { who } => Command::EraseMember { member: card(m, who), reason: "GDPR request".into() },
        Step::Decide { which, approve, .. } => Command::DecideApproval {
            id: id_of(m.approvals.iter().map(|a| a.id).collect(), which),
            approve,
            note: if approve { String::new() } else { "no".into() },
        },
        Step::Expire { who, shift } => {
            Command::ExpireMember { member_id: m.members.get(who).map_or(MISSING, |x| x.id), as_of: date(shift) }
        }
        Step::Activity { who, act, ago } => {
            let activity = match act {
                Act::Spend { rate_index, amount } => Activity::Spend {
                    category: [SpendCategory::FoodBeverage, SpendCategory::Spa, SpendCategory::Other][rate_index],
                    amount_minor: amount,
                    stay_seq: None,
                },
                Act::Event => Activity::Event { code: "gala".into() },
                Act::Survey(n) => Activity::Survey { code: format!("s{n}") },
                Act::Enrolment => Activity::Enrolment,
            };
            Command::RecordActivity(Box::new(ActivityInput {
                member: card(m, who),
                activity,
                date: Some(date(-ago)),
                property: None,
                external_ref: None,
            }))
        }
        Step::ReverseActivity { which } => Command::ReverseActivity {
            id: id_of(m.activities.iter().map(|a| a.id).collect(), which),
            reason: "model".into(),
            external_ref: None,
        },
    }
}

/// Who runs a step: a clerk for the steps that say so, a supervisor or a manager for
/// decisions, the system (an admin) otherwise.
fn actor<'a>(ctx: &Ctx<'a>, step: &Step) -> Ctx<'a> {
    let (name, role) = match step {
        Step::Adjust { clerk: true, .. } | Step::Update { clerk: true, .. } => ("cleo", Role::Clerk),
        Step::Decide { supervisor: true, .. } => ("sam", Role::Supervisor),
        Step::Decide { .. } => ("mia", Role::Manager),
        _ => return ctx.clone(),
    };
    Ctx { actor: Actor { name: name.into(), role }, ..ctx.clone() }
}

/// The id (and card) of what a reply created.
fn created(store: &Store, reply: &Reply) -> (u64, Option<String>) {
    match reply {
        Reply::Member(v) => {
            let card = v.member.card.clone();
            let m = ops::member_lookup(store, &MemberRef::Card(card.clone())).expect("lookup").expect("member exists");
            (m.id, Some(card))
        }
        Reply::Redemption(o) => (o.id, None),
        Reply::Complaint(c) => (c.pending_approval.as_ref().map_or(c.complaint.id, |a| a.id), None),
        Reply::Approval(a) => (a.approval.id, None),
        Reply::Activity(a) => (a.activity.id, None),
        _ => (0, None),
    }
}

/// Runs one seed; on a divergence returns the steps so far and what differed.
fn run_seed(seed: u64, steps: usize, tally: &mut Tally) -> Result<(), String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), "model").expect("store opens");
    let cfg = Config::builtin().expect("config");
    let now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").expect("instant").timestamp_millis();
    let ctx = Ctx { config: &cfg, actor: Actor::system(), now, today: today() };
    ops::seed_catalogue(&store, &ctx).expect("catalogue seeds");
    let a = &cfg.activities;
    let rates = [a.fnb_per_unit, a.spa_per_unit, a.other_per_unit];
    let mut model = Model::new(&cfg, today());
    let mut rng = Rng(seed);
    let mut log: Vec<String> = Vec::new();
    for i in 0..steps {
        let step = if i < 3 { Step::Add { email: None } } else { gen_step(&mut rng, &model) };
        let cmd = command(&model, &step);
        let expect = model.apply(&step, rates, a.event, a.survey, a.enrolment);
        let before = matches!(expect, Expect::Refused(_)).then(|| check::snapshot(&store));
        let result = ops::execute(&store, &actor(&ctx, &step), &cmd);
        log.push(format!("{i}: {step:?} -> model {expect:?}, store {}", check::brief(&result)));
        tally.count(&step, matches!(expect, Expect::Ok));
        let fail = |what: String| format!("seed {seed} step {i}: {what}\n{}", log.join("\n"));
        match (&expect, &result) {
            (Expect::Ok, Ok(reply)) => {
                let (id, card) = created(&store, reply);
                model.bind(id, card);
            }
            (Expect::Refused(_), Err(_)) => {
                if before != Some(check::snapshot(&store)) {
                    return Err(fail("a refused command changed the store".into()));
                }
            }
            _ => return Err(fail("model and store disagree on acceptance".into())),
        }
        check::compare(&store, &ctx, &model).map_err(fail)?;
    }
    Ok(())
}

/// Steps accepted and refused, by kind.
#[derive(Default)]
struct Tally(std::collections::BTreeMap<String, (u64, u64)>);

impl Tally {
    fn count(&mut self, step: &Step, ok: bool) {
        let kind = format!("{step:?}").split([' ', '{']).next().unwrap_or_default().to_string();
        let e = self.0.entry(kind).or_default();
        if ok { e.0 += 1 } else { e.1 += 1 }
    }
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn store_and_model_agree_after_every_step() {
    let seeds = env_or("FRONTDESK_MODEL_SEEDS", 20);
    let steps = env_or("FRONTDESK_MODEL_STEPS", 200) as usize;
    let first = env_or("FRONTDESK_MODEL_FIRST", 1);
    let started = std::time::Instant::now();
    let mut failures = Vec::new();
    let mut tally = Tally::default();
    for seed in first..first + seeds {
        if let Err(e) = run_seed(seed, steps, &mut tally) {
            eprintln!("{e}\n");
            failures.push(seed);
            if failures.len() >= 3 {
                break;
            }
        }
    }
    eprintln!(
        "model-based: {seeds} seeds × {steps} steps from seed {first} in {:.1} s, failing seeds {failures:?}",
        started.elapsed().as_secs_f64()
    );
    eprintln!("steps accepted / refused by kind: {:?}", tally.0);
    assert!(failures.is_empty(), "seeds {failures:?} diverged (see above)");
}

/// Regression (found by this test): `UpdateMember` set any status, so a client of the
/// socket or a batch could mark a member erased while every personal field stayed.
#[test]
fn an_update_cannot_set_merged_or_erased() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), "model").expect("store opens");
    let cfg = Config::builtin().expect("config");
    let ctx = Ctx { config: &cfg, actor: Actor::system(), now: 0, today: today() };
    let add = Command::AddMember(NewMember { name: "Ana".into(), channel: "desk".into(), ..NewMember::default() });
    let Ok(Reply::Member(v)) = ops::execute(&store, &ctx, &add) else { panic!("member added") };
    let who = MemberRef::Card(v.member.card);
    for status in [MemberStatus::Merged, MemberStatus::Erased] {
        let before = check::snapshot(&store);
        let ch = MemberChanges { status: Some(status), ..MemberChanges::default() };
        let result = ops::execute(&store, &ctx, &Command::UpdateMember(who.clone(), Box::new(ch)));
        assert!(matches!(&result, Err(e) if e.to_string().contains("cannot be set by an update")), "{result:?}");
        assert!(before == check::snapshot(&store), "a refused update changed the store");
    }
    let ch = MemberChanges { status: Some(MemberStatus::Blocked), ..MemberChanges::default() };
    ops::execute(&store, &ctx, &Command::UpdateMember(who, Box::new(ch))).expect("blocking is an update");
}
