//! Property test on a real store: for random promotions and random sequences of stays and
//! activities of a few members, interleaved with reversals, no promotion ever grants
//! beyond its budget or a member's cap, `verify` is clean, and reversing everything left
//! returns every balance to where it started. `PROMO_PROP_CASES` raises the case count.

use chrono::{Days, NaiveDate};
use frontdesk_core::config::Config;
use frontdesk_core::domain::activity::{Activity, SpendCategory};
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_core::domain::promotion::{Effect, Eligibility, Period};
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_store::ops::{self, ActivityInput, Command, Ctx, MemberRef, NewMember, PromotionInput, Reply, StayInput};
use frontdesk_store::store::{Store, T, keys};
use proptest::prelude::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[derive(Debug, Clone)]
enum Step {
    Stay { member: usize, day: u64, units: i64 },
    Spend { member: usize, day: u64, units: i64 },
    Event { member: usize, day: u64 },
    Reverse { pick: usize },
}

fn arb_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0usize..3, 0u64..300, 0i64..400).prop_map(|(member, day, units)| Step::Stay { member, day, units }),
        (0usize..3, 0u64..300, 0i64..400).prop_map(|(member, day, units)| Step::Spend { member, day, units }),
        (0usize..3, 0u64..300).prop_map(|(member, day)| Step::Event { member, day }),
        (0usize..50).prop_map(|pick| Step::Reverse { pick }),
    ]
}

fn arb_effect() -> impl Strategy<Value = Effect> {
    prop_oneof![
        (101u32..400).prop_map(|percent| Effect::Multiplier { percent }),
        (1i64..600).prop_map(|points| Effect::Fixed { points }),
        (1u32..4, 1i64..700).prop_map(|(n, points)| Effect::Nth { n, period: Period::Quarter, points }),
    ]
}

/// What can be reversed: a stay (member, seq) or an activity id.
enum Done {
    Stay(usize, u32),
    Activity(u64),
}

fn cases() -> u32 {
    std::env::var("PROMO_PROP_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), max_shrink_iters: 50, ..ProptestConfig::default() })]

    #[test]
    fn budgets_and_caps_hold_and_reversing_everything_restores_every_balance(
        promos in proptest::collection::vec(
            (arb_effect(), proptest::option::of(1i64..2_000), proptest::option::of(1i64..6_000)),
            1..4,
        ),
        steps in proptest::collection::vec(arb_step(), 1..40),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), "test").unwrap();
        let config = Config::builtin().unwrap();
        let ctx = Ctx {
            config: &config,
            actor: Actor { name: "max".into(), role: Role::Manager },
            now: 1_780_000_000_000,
            today: date(2027, 1, 1),
        };
        let run = |cmd: Command| ops::execute(&store, &ctx, &cmd);
        let mut cards = Vec::new();
        for name in ["Ana", "Bo", "Cy"] {
            let new = NewMember { name: name.into(), channel: "desk".into(), ..NewMember::default() };
            let Ok(Reply::Member(o)) = run(Command::AddMember(new)) else { panic!() };
            cards.push(o.member.card);
        }
        for (i, (effect, member_cap, budget)) in promos.iter().enumerate() {
            run(Command::AddPromotion(Box::new(PromotionInput {
                code: format!("P{i}"),
                name: format!("promotion {i}"),
                starts: date(2026, 1, 1),
                ends: date(2026, 12, 31),
                eligibility: Eligibility::default(),
                effect: *effect,
                member_cap: *member_cap,
                budget: *budget,
            }))).unwrap();
        }
        let start = date(2026, 1, 1);
        let mut done: Vec<Done> = Vec::new();
        for step in &steps {
            let member = |m: usize| MemberRef::Card(cards[m].clone());
            let activity = |m: usize, day: u64, activity: Activity| Command::RecordActivity(Box::new(ActivityInput {
                member: member(m),
                activity,
                date: Some(start + Days::new(day)),
                property: None,
                external_ref: None,
            }));
            let reply = match step {
                Step::Stay { member: m, day, units } => run(Command::PostStay(StayInput {
                    member: member(*m),
                    property: None,
                    arrival: start + Days::new(*day),
                    departure: start + Days::new(day + 1),
                    revenue_minor: units * 100,
                    channel: "direct".into(),
                    status: StayStatus::Completed,
                    external_ref: None,
                })),
                Step::Spend { member: m, day, units } => run(activity(*m, *day, Activity::Spend {
                    category: SpendCategory::FoodBeverage,
                    amount_minor: units * 100,
                    stay_seq: None,
                })),
                Step::Event { member: m, day } => run(activity(*m, *day, Activity::Event { code: "E".into() })),
                Step::Reverse { pick } if !done.is_empty() => {
                    let r = match done.swap_remove(pick % done.len()) {
                        Done::Stay(m, seq) => run(Command::ReverseStay { member: member(m), seq, reason: "r".into(), external_ref: None }),
                        Done::Activity(id) => run(Command::ReverseActivity { id, reason: "r".into(), external_ref: None }),
                    };
                    prop_assert!(r.is_ok(), "reversal refused: {:?}", r.err());
                    continue;
                }
                Step::Reverse { .. } => continue,
            };
            match (step, reply) {
                (Step::Stay { member: m, .. }, Ok(Reply::Stay(o))) => done.push(Done::Stay(*m, o.stay)),
                (_, Ok(Reply::Activity(o))) => done.push(Done::Activity(o.activity.id)),
                (_, other) => prop_assert!(false, "{step:?}: {other:?}"),
            }
            for (i, (_, cap, budget)) in promos.iter().enumerate() {
                let id = (i + 1) as u64;
                let spent = read_i64(&store, &keys::pair_prefix(keys::PROMO_SPENT, id));
                prop_assert!(budget.is_none_or(|b| spent <= b), "P{i} spent {spent} of {budget:?}");
                for card in &cards {
                    let m = ops::member_lookup(&store, &MemberRef::Card(card.clone())).unwrap().unwrap();
                    let got = read_i64(&store, &keys::pair(keys::PROMO_MEMBER, id, m.id));
                    prop_assert!(cap.is_none_or(|c| got <= c) && got >= 0, "P{i} gave {card} {got}, cap {cap:?}");
                }
            }
        }
        let report = frontdesk_store::report::verify(&store, &config).unwrap();
        prop_assert!(report.is_clean(), "{:#?}", report.problems);
        // Newest first: a later activity may have used lots of an earlier one.
        while let Some(d) = done.pop() {
            let r = match d {
                Done::Stay(m, seq) => run(Command::ReverseStay { member: MemberRef::Card(cards[m].clone()), seq, reason: "r".into(), external_ref: None }),
                Done::Activity(id) => run(Command::ReverseActivity { id, reason: "r".into(), external_ref: None }),
            };
            prop_assert!(r.is_ok(), "{:?}", r.err());
        }
        for card in &cards {
            let m = ops::member_lookup(&store, &MemberRef::Card(card.clone())).unwrap().unwrap();
            prop_assert_eq!(m.balance, 0, "{}", card);
        }
        prop_assert!(store.tree(T::Keys).scan_prefix([keys::PROMO_SPENT]).next().is_none(), "every spend back at zero");
        let report = frontdesk_store::report::verify(&store, &config).unwrap();
        prop_assert!(report.is_clean(), "{:#?}", report.problems);
    }
}

fn read_i64(store: &Store, key: &[u8]) -> i64 {
    store.tree(T::Keys).get(key).unwrap().map_or(0, |v| i64::from_be_bytes(v.as_ref().try_into().unwrap()))
}
