//! Operations on a real sled store: random command sequences keep every balance, lot,
//! ledger and aggregate consistent; refused commands and duplicates change nothing.

use chrono::{DateTime, Days, NaiveDate};
use frontdesk_core::config::Config;
use frontdesk_core::domain::complaint::ComplaintState;
use frontdesk_core::domain::ledger::{EntryKind, Posting};
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::operator::Actor;
use frontdesk_core::domain::stay::{Stay, StayStatus};
use frontdesk_store::ops::{
    self, Adjustment, Command, ComplaintInput, ComplaintUpdate, Ctx, MemberRef, NewMember, OpError, RedeemInput, Reply,
    StayInput, query,
};
use frontdesk_store::store::{Store, T};
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

fn ctx(cfg: &Config) -> Ctx<'_> {
    let now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").expect("valid instant").timestamp_millis();
    Ctx { config: cfg, actor: Actor::system(), now, today: today() }
}

const CHANNELS: [&str; 8] = ["direct", "corporate", "gds", "ota", "wholesale", "group", "complimentary", "other"];
const STATUSES: [StayStatus; 4] =
    [StayStatus::Completed, StayStatus::Completed, StayStatus::Cancelled, StayStatus::NoShow];
const REWARDS: [&str; 7] = ["NIGHT-STD", "UPGRADE", "BREAKFAST", "SPA-60", "LATE-CO", "LOUNGE", "NOPE"];
const CATEGORIES: [&str; 4] = ["cleanliness", "noise", "wifi", "bogus"];
const TO_STATES: [ComplaintState; 5] = [
    ComplaintState::Acknowledged,
    ComplaintState::InProgress,
    ComplaintState::Resolved,
    ComplaintState::Closed,
    ComplaintState::Reopened,
];

/// How a generated command uses an external reference.
#[derive(Debug, Clone, Copy)]
enum RefUse {
    None,
    Fresh,
    /// Repeat an earlier reference with exactly the same request.
    Same(usize),
    /// Repeat an earlier reference with a different request.
    Different(usize),
}

/// A command with raw random numbers, bound to the store's state when it runs.
#[derive(Debug, Clone)]
enum Op {
    AddMember { email: Option<u8> },
    PostStay { who: usize, channel: usize, status: usize, revenue: i64, ago: u64, nights: u64, r: RefUse },
    Adjust { who: usize, points: i64, r: RefUse },
    Redeem { who: usize, reward: usize, partial: Option<i64> },
    Fulfil { which: usize },
    Cancel { which: usize },
    Reverse { who: usize, seq: u32 },
    LogComplaint { who: Option<usize>, category: usize },
    UpdateComplaint { which: usize, to: Option<usize>, goodwill: Option<i64> },
    ExpireMember { who: usize, shift: i64 },
    ExpireAll { shift: i64 },
}

fn ref_use() -> impl Strategy<Value = RefUse> {
    prop_oneof![
        4 => Just(RefUse::None),
        3 => Just(RefUse::Fresh),
        2 => any::<usize>().prop_map(RefUse::Same),
        2 => any::<usize>().prop_map(RefUse::Different),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => prop::option::of(0u8..4).prop_map(|email| Op::AddMember { email }),
        8 => (any::<usize>(), 0..CHANNELS.len(), 0..STATUSES.len(), prop_oneof![0i64..50_000, 0i64..2_000_000],
              0u64..(3 * 365), 0u64..12, ref_use())
            .prop_map(|(who, channel, status, revenue, ago, nights, r)| Op::PostStay {
                who, channel, status, revenue, ago, nights, r
            }),
        4 => (any::<usize>(), prop_oneof![-3_000i64..3_000, -100_000i64..100_000, 1_000i64..50_000], ref_use())
            .prop_map(|(who, points, r)| Op::Adjust { who, points, r }),
        5 => (any::<usize>(), prop_oneof![0..REWARDS.len(), Just(2), Just(4)], prop::option::weighted(0.3, -10i64..30_000))
            .prop_map(|(who, reward, partial)| Op::Redeem { who, reward, partial }),
        2 => any::<usize>().prop_map(|which| Op::Fulfil { which }),
        2 => any::<usize>().prop_map(|which| Op::Cancel { which }),
        3 => (any::<usize>(), 0u32..6).prop_map(|(who, seq)| Op::Reverse { who, seq }),
        2 => (prop::option::of(any::<usize>()), 0..CATEGORIES.len())
            .prop_map(|(who, category)| Op::LogComplaint { who, category }),
        3 => (any::<usize>(), prop::option::of(0..TO_STATES.len()), prop::option::of(-100i64..5_000))
            .prop_map(|(which, to, goodwill)| Op::UpdateComplaint { which, to, goodwill }),
        2 => (any::<usize>(), -400i64..1_200).prop_map(|(who, shift)| Op::ExpireMember { who, shift }),
        1 => (-400i64..1_200).prop_map(|shift| Op::ExpireAll { shift }),
    ]
}

/// What the test remembers about the store to bind random numbers to real records.
#[derive(Default)]
struct Model {
    cards: Vec<String>,
    refs: Vec<(String, Command)>,
    next_ref: u32,
    redemptions: Vec<u64>,
    complaints: Vec<u64>,
}

impl Model {
    fn member(&self, i: usize) -> MemberRef {
        match self.cards.len() {
            // Nobody enrolled yet: a valid card number that names nobody.
            0 => MemberRef::Card(frontdesk_core::domain::card::issue("62", 999_999)),
            n => MemberRef::Card(self.cards[i % n].clone()),
        }
    }

    fn pick(list: &[u64], i: usize) -> u64 {
        if list.is_empty() || i.is_multiple_of(5) { 1_000 + (i % 3) as u64 } else { list[i % list.len()] }
    }

    /// The command for a reference use: the earlier command itself, a changed copy, or
    /// `build` with a fresh or no reference.
    fn with_ref(&mut self, r: RefUse, build: impl FnOnce(Option<String>) -> Command) -> (Command, Expect) {
        let earlier = match r {
            RefUse::Same(i) | RefUse::Different(i) if !self.refs.is_empty() => {
                Some(self.refs[i % self.refs.len()].1.clone())
            }
            _ => None,
        };
        match (r, earlier) {
            (RefUse::Same(_), Some(cmd)) => (cmd, Expect::Duplicate),
            (RefUse::Different(_), Some(cmd)) => (changed(&cmd), Expect::Conflict),
            (RefUse::None, _) => (build(None), Expect::Any),
            _ => {
                self.next_ref += 1;
                (build(Some(format!("ref-{}", self.next_ref))), Expect::Any)
            }
        }
    }
}

/// The same reference with a different payload.
fn changed(cmd: &Command) -> Command {
    match cmd {
        Command::PostStay(s) => Command::PostStay(StayInput { revenue_minor: s.revenue_minor + 100, ..s.clone() }),
        Command::AdjustPoints(a) => {
            Command::AdjustPoints(Adjustment { points: if a.points == -1 { 1 } else { a.points + 1 }, ..a.clone() })
        }
        other => other.clone(),
    }
}

fn external_ref(cmd: &Command) -> Option<String> {
    match cmd {
        Command::PostStay(s) => s.external_ref.clone(),
        Command::AdjustPoints(a) => a.external_ref.clone(),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Any,
    Duplicate,
    Conflict,
}

/// Every key and value of every tree.
fn snapshot(store: &Store) -> Vec<Vec<(Vec<u8>, Vec<u8>)>> {
    store
        .trees()
        .iter()
        .map(|t| t.iter().map(|kv| kv.map(|(k, v)| (k.to_vec(), v.to_vec())).expect("readable")).collect())
        .collect()
}

fn members(store: &Store) -> Vec<Member> {
    store.scan_prefix::<Member>(T::Members, &[]).map(|r| r.expect("member decodes").1).collect()
}

/// The invariants that hold after every command.
fn check_invariants(store: &Store) -> Result<(), TestCaseError> {
    let all = members(store);
    let mut sum_balances = 0;
    for m in &all {
        let postings: Vec<Posting> = query::ledger_of(store, m.id, usize::MAX).expect("ledger reads");
        let net: i64 = postings.iter().map(Posting::net).sum();
        let lots: i64 = m.lots.iter().map(|l| l.remaining).sum();
        prop_assert!(m.balance >= 0, "member {} balance {} is negative", m.card, m.balance);
        prop_assert_eq!(m.balance, net, "member {} balance vs ledger", m.card);
        prop_assert_eq!(m.balance, lots, "member {} balance vs lots {:?}", m.card, m.lots);
        prop_assert!(m.lots.iter().all(|l| l.remaining > 0), "member {} keeps an empty lot", m.card);
        prop_assert_eq!(postings.len() as u32, m.ledger_seq, "member {} ledger sequence", m.card);
        let replayed = {
            let mut p = postings.clone();
            p.reverse();
            frontdesk_core::domain::ledger::replay(&p).expect("ledger replays")
        };
        prop_assert_eq!(&replayed, &m.lots, "member {} lots vs replay", m.card);
        sum_balances += m.balance;
    }
    let completed = store
        .scan_prefix::<Stay>(T::Stays, &[])
        .map(|r| r.expect("stay decodes").1)
        .filter(|s| s.status == StayStatus::Completed)
        .count() as u64;
    let o = query::overview(store).expect("overview reads");
    prop_assert_eq!(o.points_outstanding, sum_balances, "points outstanding vs balances");
    prop_assert_eq!(o.points_earned - o.points_redeemed - o.points_expired, o.points_outstanding);
    prop_assert_eq!(o.members, all.len() as u64, "member count");
    prop_assert_eq!(o.stays, completed, "completed stays");
    prop_assert_eq!(o.stays, all.iter().map(|m| u64::from(m.stays)).sum::<u64>(), "stays per member");
    // The analytics counters kept by each command equal what `report rebuild` computes.
    let cfg = Config::builtin().expect("config");
    let (want, _) = ops::recompute_facts(store, &cfg).expect("facts recompute");
    let stored: Vec<(Vec<u8>, Vec<u8>)> = store
        .tree(T::Agg)
        .scan_prefix(b"f")
        .map(|r| r.map(|(k, v)| (k.to_vec(), v.to_vec())).expect("agg reads"))
        .collect();
    let rebuilt: Vec<(Vec<u8>, Vec<u8>)> = want
        .into_iter()
        .map(|(k, cells)| {
            (k, frontdesk_store::store::codec::encode(&frontdesk_store::store::records::FactCells(cells)))
        })
        .collect();
    prop_assert_eq!(stored, rebuilt, "incremental counters vs rebuild");
    Ok(())
}

fn run_sequence(ops_list: &[Op]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), "test").expect("store opens");
    let cfg = Config::builtin().expect("config");
    let ctx = ctx(&cfg);
    ops::seed_catalogue(&store, &ctx).expect("catalogue seeds");
    let mut model = Model::default();
    for (step, op) in ops_list.iter().enumerate() {
        let before = snapshot(&store);
        let (cmd, expect) = match op.clone() {
            Op::AddMember { email } => {
                let n = model.cards.len();
                (
                    Command::AddMember(NewMember {
                        name: format!("Guest {n}"),
                        email: email.map(|e| format!("guest{e}@example.com")),
                        channel: "desk".into(),
                        ..NewMember::default()
                    }),
                    Expect::Any,
                )
            }
            Op::PostStay { who, channel, status, revenue, ago, nights, r } => {
                let member = model.member(who);
                let arrival = today() - Days::new(ago);
                model.with_ref(r, |external_ref| {
                    Command::PostStay(StayInput {
                        member,
                        property: None,
                        arrival,
                        departure: arrival + Days::new(nights),
                        revenue_minor: revenue,
                        channel: CHANNELS[channel].into(),
                        status: STATUSES[status],
                        external_ref,
                    })
                })
            }
            Op::Adjust { who, points, r } => {
                let member = model.member(who);
                model.with_ref(r, |external_ref| {
                    Command::AdjustPoints(Adjustment {
                        member,
                        points,
                        reason: "test".into(),
                        kind: EntryKind::Adjust,
                        external_ref,
                    })
                })
            }
            Op::Redeem { who, reward, partial } => (
                Command::Redeem(RedeemInput {
                    member: model.member(who),
                    reward: REWARDS[reward].into(),
                    points: partial,
                    property: None,
                    external_ref: None,
                }),
                Expect::Any,
            ),
            Op::Fulfil { which } => (
                Command::FulfilRedemption { id: Model::pick(&model.redemptions, which), external_ref: None },
                Expect::Any,
            ),
            Op::Cancel { which } => (
                Command::CancelRedemption {
                    id: Model::pick(&model.redemptions, which),
                    reason: "test".into(),
                    external_ref: None,
                },
                Expect::Any,
            ),
            Op::Reverse { who, seq } => (
                Command::ReverseStay { member: model.member(who), seq, reason: "test".into(), external_ref: None },
                Expect::Any,
            ),
            Op::LogComplaint { who, category } => (
                Command::LogComplaint(ComplaintInput {
                    member: who.map(|w| model.member(w)),
                    property: None,
                    category: CATEGORIES[category].into(),
                    severity: "normal".into(),
                    channel: "desk".into(),
                    description: "room too cold".into(),
                    external_ref: None,
                }),
                Expect::Any,
            ),
            Op::UpdateComplaint { which, to, goodwill } => (
                Command::UpdateComplaint(ComplaintUpdate {
                    id: Model::pick(&model.complaints, which),
                    to: to.map(|t| TO_STATES[t]),
                    note: "follow-up".into(),
                    goodwill,
                    csat: None,
                    nps: None,
                    external_ref: None,
                }),
                Expect::Any,
            ),
            Op::ExpireMember { who, shift } => {
                let member_id = (who % (model.cards.len() + 1)) as u64 + 1;
                let as_of = today().checked_add_signed(chrono::Duration::days(shift)).expect("date");
                (Command::ExpireMember { member_id, as_of }, Expect::Any)
            }
            Op::ExpireAll { shift } => {
                let as_of = today().checked_add_signed(chrono::Duration::days(shift)).expect("date");
                let first = ops::expire_all(&store, &ctx, as_of).expect("expiry run succeeds");
                check_invariants(&store)?;
                let after_first = snapshot(&store);
                let second = ops::expire_all(&store, &ctx, as_of).expect("expiry run succeeds");
                prop_assert_eq!(second.points_expired, 0, "second expiry run on {} expired points", as_of);
                prop_assert!(after_first == snapshot(&store), "second expiry run on {} changed the store", as_of);
                let _ = first;
                continue;
            }
        };
        let result = ops::execute(&store, &ctx, &cmd);
        match (&result, expect) {
            (Ok(Reply::Stay(o)), Expect::Duplicate) => prop_assert!(o.duplicate, "step {step}: not a duplicate"),
            (Ok(Reply::Points(o)), Expect::Duplicate) => prop_assert!(o.duplicate, "step {step}: not a duplicate"),
            (other, Expect::Duplicate) => prop_assert!(false, "step {step}: repeat of {cmd:?} gave {other:?}"),
            (Err(OpError::Conflict(_)), Expect::Conflict) => {}
            (other, Expect::Conflict) => prop_assert!(false, "step {step}: changed repeat {cmd:?} gave {other:?}"),
            _ => {}
        }
        let duplicate = matches!(&result, Ok(Reply::Stay(o)) if o.duplicate)
            || matches!(&result, Ok(Reply::Points(o)) if o.duplicate);
        if result.is_err() || duplicate {
            prop_assert!(before == snapshot(&store), "step {step}: {cmd:?} gave {result:?} but changed the store");
        }
        match &result {
            Ok(Reply::Member(v)) => model.cards.push(v.member.card.clone()),
            Ok(Reply::Redemption(o)) if !model.redemptions.contains(&o.id) => model.redemptions.push(o.id),
            Ok(Reply::Complaint(v)) if !model.complaints.contains(&v.complaint.id) => {
                model.complaints.push(v.complaint.id)
            }
            _ => {}
        }
        if result.is_ok()
            && !duplicate
            && let Some(r) = external_ref(&cmd)
        {
            model.refs.push((r, cmd.clone()));
        }
        check_invariants(&store)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_commands_keep_balances_ledgers_lots_and_aggregates_consistent(
        enrolled in 1usize..4,
        ops_list in prop::collection::vec(op(), 1..40)
    ) {
        // A few members first, so that most commands name someone who exists.
        let mut all: Vec<Op> = (0..enrolled).map(|i| Op::AddMember { email: (i == 0).then_some(0) }).collect();
        all.extend(ops_list);
        run_sequence(&all)?;
    }
}

#[test]
fn reversal_never_leaves_a_negative_balance() {
    // Earn, spend most of it, then reverse the stay: refused, nothing changes.
    let ops_list = vec![
        Op::AddMember { email: None },
        Op::PostStay { who: 0, channel: 0, status: 0, revenue: 50_000, ago: 10, nights: 2, r: RefUse::None },
        Op::Redeem { who: 0, reward: 2, partial: None },
        Op::Reverse { who: 0, seq: 1 },
    ];
    run_sequence(&ops_list).expect("invariants hold");
}

#[test]
fn a_batch_applies_good_rows_fully_and_a_bad_row_not_at_all() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), "test").expect("store opens");
    let cfg = Config::builtin().expect("config");
    let ctx = ctx(&cfg);
    let guest = |name: &str, email: &str| {
        Command::AddMember(NewMember {
            name: name.into(),
            email: Some(email.into()),
            channel: "import".into(),
            ..NewMember::default()
        })
    };
    let adjust = |points: i64| {
        Command::AdjustPoints(Adjustment {
            member: MemberRef::Id(1),
            points,
            reason: "opening".into(),
            kind: EntryKind::Adjust,
            external_ref: None,
        })
    };
    let stay = Command::PostStay(StayInput {
        member: MemberRef::Id(1),
        property: None,
        arrival: NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"),
        departure: NaiveDate::from_ymd_opt(2026, 10, 3).expect("date"),
        revenue_minor: 30_000,
        channel: "direct".into(),
        status: StayStatus::Completed,
        external_ref: Some("batch-stay".into()),
    });
    let audit_before = store.tree(T::Audit).len();
    let cmds = vec![
        guest("Ana", "ana@example.com"),
        adjust(500),
        // Bad: takes more than the balance after a credit staged in the same batch.
        adjust(-10_000),
        // Bad: the e-mail belongs to the member added above in this batch.
        guest("Ana Again", "ana@example.com"),
        stay,
        guest("Bo", "bo@example.com"),
    ];
    let results = ops::execute_batch(&store, &ctx, &cmds).expect("batch runs");
    let ok: Vec<bool> = results.iter().map(Result::is_ok).collect();
    assert_eq!(ok, vec![true, true, false, false, true, true], "{results:?}");
    assert!(matches!(results[2], Err(OpError::Refused(_))), "{:?}", results[2]);

    let all = members(&store);
    assert_eq!(all.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), vec!["Ana", "Bo"]);
    let ana = &all[0];
    // 500 adjusted + 300 EUR × 10 points; the refused debit left no posting and no lot move.
    assert_eq!(ana.balance, 500 + 3_000);
    assert_eq!(ana.ledger_seq, 2);
    let postings = query::ledger_of(&store, ana.id, usize::MAX).expect("ledger");
    assert_eq!(postings.iter().map(Posting::net).collect::<Vec<_>>(), vec![3_000, 500]);
    assert_eq!(ana.stays, 1);
    let o = query::overview(&store).expect("overview");
    assert_eq!((o.members, o.stays, o.points_outstanding), (2, 1, 3_500));
    assert_eq!(store.tree(T::Audit).len() - audit_before, 4, "one audit event per applied row");
    assert!(
        store.read_raw(T::Keys, b"eana@example.com").expect("keys").is_some()
            && store.read_raw(T::Keys, b"ebo@example.com").expect("keys").is_some()
    );
}
