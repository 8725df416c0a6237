use super::*;
use proptest::prelude::*;
use rstest::rstest;
use std::collections::HashMap;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn promo(id: u64, effect: Effect) -> Promotion {
    Promotion {
        id,
        code: format!("P{id}"),
        name: format!("promotion {id}"),
        starts: date(2026, 1, 1),
        ends: date(2026, 12, 31),
        eligibility: Eligibility::default(),
        effect,
        member_cap: None,
        budget: None,
        ended_on: None,
    }
}

fn occasion(kind: &str, day: NaiveDate, base: i64) -> Occasion<'_> {
    Occasion { kind, date: day, property: "LIS", channel: Some("direct"), tier: "silver", tags: &[], base }
}

fn points(grants: &[Grant]) -> Vec<(String, i64)> {
    grants.iter().map(|g| (g.code.clone(), g.points)).collect()
}

const DOUBLE: Effect = Effect::Multiplier { percent: 200 };

#[rstest]
#[case::double(DOUBLE, 1_234, 1_234)]
#[case::one_and_a_half(Effect::Multiplier { percent: 150 }, 1_235, 617)]
#[case::fixed(Effect::Fixed { points: 500 }, 10, 500)]
#[case::fixed_on_zero_base(Effect::Fixed { points: 500 }, 0, 500)]
#[case::multiplier_on_zero_base(DOUBLE, 0, 0)]
fn each_effect_on_base(#[case] effect: Effect, #[case] base: i64, #[case] want: i64) {
    let p = promo(1, effect);
    let got = evaluate(&[(&p, Usage::default())], &occasion("stay", date(2026, 3, 5), base));
    assert_eq!(got.iter().map(|g| g.points).sum::<i64>(), want);
}

#[rstest]
#[case::first(0, 0)]
#[case::second(1, 0)]
#[case::third(2, 500)]
#[case::fourth(3, 0)]
fn the_nth_bonus_is_for_exactly_the_nth_activity(#[case] before: u32, #[case] want: i64) {
    let p = promo(1, Effect::Nth { n: 3, period: Period::Quarter, points: 500 });
    let u = Usage { member_count: before, ..Usage::default() };
    let got = evaluate(&[(&p, u)], &occasion("stay", date(2026, 5, 1), 1_000));
    assert_eq!(got.iter().map(|g| g.points).sum::<i64>(), want);
}

#[rstest]
#[case::month(Period::Month, date(2026, 12, 31), date(2026, 12, 1))]
#[case::quarter_q4(Period::Quarter, date(2026, 12, 31), date(2026, 10, 1))]
#[case::quarter_q1(Period::Quarter, date(2027, 1, 1), date(2027, 1, 1))]
#[case::quarter_q2(Period::Quarter, date(2027, 6, 30), date(2027, 4, 1))]
#[case::year_end(Period::Year, date(2026, 12, 31), date(2026, 1, 1))]
#[case::new_year(Period::Year, date(2027, 1, 1), date(2027, 1, 1))]
#[case::promotion(Period::Promotion, date(2027, 3, 3), date(2026, 11, 15))]
fn periods_start_on_calendar_boundaries(#[case] period: Period, #[case] day: NaiveDate, #[case] want: NaiveDate) {
    assert_eq!(period.start(day, date(2026, 11, 15)), want);
}

#[rstest]
#[case::before_start(date(2025, 12, 31), false)]
#[case::first_day(date(2026, 1, 1), true)]
#[case::last_day(date(2026, 12, 31), true)]
#[case::after_end(date(2027, 1, 1), false)]
fn a_promotion_runs_from_its_first_to_its_last_day(#[case] day: NaiveDate, #[case] runs: bool) {
    assert_eq!(promo(1, DOUBLE).runs_on(day), runs);
}

#[test]
fn ending_a_promotion_early_stops_it_from_that_day() {
    let mut p = promo(1, DOUBLE);
    p.ended_on = Some(date(2026, 6, 1));
    assert!(p.runs_on(date(2026, 5, 31)) && !p.runs_on(date(2026, 6, 1)));
}

#[rstest]
#[case::cap_cuts(Some(700), None, Usage { member_granted: 500, ..Usage::default() }, 200)]
#[case::cap_reached(Some(700), None, Usage { member_granted: 700, ..Usage::default() }, 0)]
#[case::budget_cuts(None, Some(10_000), Usage { spent: 9_900, ..Usage::default() }, 100)]
#[case::budget_spent(None, Some(10_000), Usage { spent: 10_000, ..Usage::default() }, 0)]
#[case::tighter_of_both(Some(700), Some(10_000), Usage { spent: 9_950, member_granted: 100, member_count: 0 }, 50)]
fn caps_and_budgets_cut_the_grant(
    #[case] cap: Option<i64>,
    #[case] budget: Option<i64>,
    #[case] usage: Usage,
    #[case] want: i64,
) {
    let mut p = promo(1, DOUBLE);
    p.member_cap = cap;
    p.budget = budget;
    let got = evaluate(&[(&p, usage)], &occasion("stay", date(2026, 3, 5), 1_000));
    assert_eq!(got.iter().map(|g| g.points).sum::<i64>(), want);
    if let Some(g) = got.first() {
        assert_eq!(g.uncapped, 1_000, "the preview can say how much the cap took");
    }
}

#[test]
fn overlapping_promotions_apply_multipliers_first_each_on_base() {
    let fixed = promo(1, Effect::Fixed { points: 300 });
    let triple = promo(2, Effect::Multiplier { percent: 300 });
    let double = promo(3, DOUBLE);
    let nth = promo(4, Effect::Nth { n: 1, period: Period::Month, points: 50 });
    let all = [
        (&fixed, Usage::default()),
        (&nth, Usage::default()),
        (&double, Usage::default()),
        (&triple, Usage::default()),
    ];
    let got = evaluate(&all, &occasion("stay", date(2026, 3, 5), 1_000));
    let want = [("P2", 2_000), ("P3", 1_000), ("P1", 300), ("P4", 50)];
    assert_eq!(points(&got), want.map(|(c, p)| (c.to_string(), p)).to_vec());
}

#[rstest]
#[case::kind_matches(Eligibility { kinds: vec!["stay".into()], ..Eligibility::default() }, true)]
#[case::kind_differs(Eligibility { kinds: vec!["spend".into()], ..Eligibility::default() }, false)]
#[case::tier(Eligibility { tiers: vec!["gold".into(), "platinum".into()], ..Eligibility::default() }, false)]
#[case::property_any_case(Eligibility { properties: vec!["lis".into()], ..Eligibility::default() }, true)]
#[case::channel(Eligibility { channels: vec!["ota".into()], ..Eligibility::default() }, false)]
#[case::tag_missing(Eligibility { tags: vec!["vip".into()], ..Eligibility::default() }, false)]
fn eligibility_filters(#[case] e: Eligibility, #[case] applies: bool) {
    let mut p = promo(1, DOUBLE);
    p.eligibility = e;
    assert_eq!(p.applies(&occasion("stay", date(2026, 3, 5), 100)), applies);
}

#[test]
fn a_channel_rule_never_matches_activities_without_a_channel() {
    let mut p = promo(1, Effect::Fixed { points: 10 });
    p.eligibility.channels = vec!["direct".into()];
    let mut o = occasion("event", date(2026, 3, 5), 0);
    o.channel = None;
    assert!(!p.applies(&o));
}

#[test]
fn tags_match_any_of_the_members_tags() {
    let mut p = promo(1, Effect::Fixed { points: 10 });
    p.eligibility.tags = vec!["Owner".into()];
    let tags = vec!["resident".to_string(), "owner".to_string()];
    let mut o = occasion("fee", date(2026, 3, 5), 0);
    o.tags = &tags;
    assert!(p.applies(&o));
}

#[rstest]
#[case::good(promo(1, DOUBLE), true)]
#[case::bad_code({ let mut p = promo(1, DOUBLE); p.code = "spring sale".into(); p }, false)]
#[case::ends_before_start({ let mut p = promo(1, DOUBLE); p.ends = date(2025, 1, 1); p }, false)]
#[case::multiplier_below_100(promo(1, Effect::Multiplier { percent: 100 }), false)]
#[case::nth_zero(promo(1, Effect::Nth { n: 0, period: Period::Month, points: 5 }), false)]
#[case::negative_bonus(promo(1, Effect::Fixed { points: -5 }), false)]
#[case::zero_budget({ let mut p = promo(1, DOUBLE); p.budget = Some(0); p }, false)]
fn promotions_are_checked_before_they_are_stored(#[case] p: Promotion, #[case] ok: bool) {
    assert_eq!(check(&p).is_ok(), ok, "{:?}", check(&p));
}

/// A ledger in memory driven by [`evaluate`]: what the store does per activity.
#[derive(Default)]
struct Books {
    spent: HashMap<u64, i64>,
    granted: HashMap<(u64, u32), i64>,
    counts: HashMap<(u64, u32, NaiveDate), u32>,
    balance: HashMap<u32, i64>,
    /// Per activity: member, base and grants (for reversal).
    done: Vec<(u32, i64, NaiveDate, Vec<Grant>)>,
}

impl Books {
    fn post(&mut self, promos: &[Promotion], member: u32, day: NaiveDate, base: i64) {
        let o = occasion("stay", day, base);
        let usages: Vec<(&Promotion, Usage)> = promos
            .iter()
            .map(|p| {
                let start = match p.effect {
                    Effect::Nth { period, .. } => period.start(day, p.starts),
                    _ => p.starts,
                };
                let u = Usage {
                    spent: self.spent.get(&p.id).copied().unwrap_or(0),
                    member_granted: self.granted.get(&(p.id, member)).copied().unwrap_or(0),
                    member_count: self.counts.get(&(p.id, member, start)).copied().unwrap_or(0),
                };
                (p, u)
            })
            .collect();
        let grants = evaluate(&usages, &o);
        for (p, _) in &usages {
            if p.applies(&o) {
                let start = match p.effect {
                    Effect::Nth { period, .. } => period.start(day, p.starts),
                    _ => p.starts,
                };
                *self.counts.entry((p.id, member, start)).or_default() += 1;
            }
        }
        for g in &grants {
            *self.spent.entry(g.promotion_id).or_default() += g.points;
            *self.granted.entry((g.promotion_id, member)).or_default() += g.points;
        }
        *self.balance.entry(member).or_default() += base + grants.iter().map(|g| g.points).sum::<i64>();
        self.done.push((member, base, day, grants));
    }

    fn reverse(&mut self, i: usize) {
        let (member, base, _, grants) = self.done.remove(i);
        for g in &grants {
            *self.spent.entry(g.promotion_id).or_default() -= g.points;
            *self.granted.entry((g.promotion_id, member)).or_default() -= g.points;
        }
        *self.balance.entry(member).or_default() -= base + grants.iter().map(|g| g.points).sum::<i64>();
    }
}

fn arb_promo(id: u64) -> impl Strategy<Value = Promotion> {
    let effect = prop_oneof![
        (101u32..400).prop_map(|percent| Effect::Multiplier { percent }),
        (1i64..800).prop_map(|points| Effect::Fixed { points }),
        (1u32..4, 1i64..900).prop_map(|(n, points)| Effect::Nth { n, period: Period::Quarter, points }),
    ];
    (effect, proptest::option::of(1i64..3_000), proptest::option::of(1i64..20_000))
        .prop_map(move |(effect, member_cap, budget)| Promotion { member_cap, budget, ..promo(id, effect) })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Whatever the activities and reversals, no promotion grants beyond its budget or a
    /// member's cap, and reversing everything leaves every balance and spend at zero.
    #[test]
    fn caps_and_budgets_hold_and_reversal_undoes_everything(
        promos in (arb_promo(1), arb_promo(2), arb_promo(3)).prop_map(|(a, b, c)| vec![a, b, c]),
        activities in proptest::collection::vec((0u32..4, 0u32..365, 0i64..5_000), 1..60),
        reversals in proptest::collection::vec(0usize..60, 0..20),
    ) {
        let mut books = Books::default();
        for (step, (member, day, base)) in activities.iter().enumerate() {
            books.post(&promos, *member, date(2026, 1, 1) + chrono::Days::new(u64::from(*day)), *base);
            if let Some(r) = reversals.get(step).filter(|r| **r < books.done.len()) {
                books.reverse(*r);
            }
            for p in &promos {
                let spent = books.spent.get(&p.id).copied().unwrap_or(0);
                prop_assert!(p.budget.is_none_or(|b| spent <= b), "{} spent {spent} of {:?}", p.code, p.budget);
                for m in 0..4 {
                    let got = books.granted.get(&(p.id, m)).copied().unwrap_or(0);
                    prop_assert!(p.member_cap.is_none_or(|c| got <= c), "{} gave member {m} {got}", p.code);
                    prop_assert!(got >= 0);
                }
            }
        }
        while !books.done.is_empty() {
            books.reverse(books.done.len() - 1);
        }
        prop_assert!(books.balance.values().all(|b| *b == 0), "{:?}", books.balance);
        prop_assert!(books.spent.values().all(|s| *s == 0), "{:?}", books.spent);
    }
}
