//! Properties of the pure domain: FIFO lots, replay, tiers on arbitrary dates, expiry.

use chrono::{Datelike, Days, NaiveDate};
use frontdesk_core::config::{Config, ExpiryMode};
use frontdesk_core::domain::ledger::{
    self, EntryKind, ExpiryPolicy, Line, Lot, LotMove, Posting, apply_moves, plan_debit, plan_expiry, replay,
};
use frontdesk_core::domain::tier::{QualEvent, TierOverride, TierTable, counters_until};
use proptest::prelude::*;
use rstest::rstest;
use std::collections::BTreeSet;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn base_day() -> NaiveDate {
    d(2023, 1, 1)
}

fn day(offset: u32) -> NaiveDate {
    base_day() + Days::new(u64::from(offset))
}

fn config() -> Config {
    Config::builtin().expect("built-in configuration is valid")
}

// ---------------------------------------------------------------- FIFO lots

/// Lots with distinct ids, random dates (ties included) and positive remaining points.
fn lots_strategy() -> impl Strategy<Value = Vec<Lot>> {
    prop::collection::vec((0u32..60, 1i64..2_000), 0..12).prop_flat_map(|raw| {
        let n = raw.len();
        (Just(raw), Just((1..=n as u32).collect::<Vec<u32>>()).prop_shuffle()).prop_map(|(raw, ids)| {
            raw.into_iter()
                .zip(ids)
                .map(|((off, remaining), id)| Lot { id, earned_on: day(off * 7), remaining })
                .collect()
        })
    })
}

proptest! {
    #[test]
    fn debits_consume_the_oldest_lots_first_and_never_more_than_available(
        lots in lots_strategy(),
        extra in 0i64..500,
        frac in 0.0f64..=1.0,
    ) {
        let available = ledger::balance(&lots);
        // Anything from nothing to more than the balance.
        let wanted = ((available as f64) * frac) as i64 + if frac > 0.9 { extra } else { 0 };
        match plan_debit(&lots, wanted, None) {
            Err(e) => {
                prop_assert!(wanted > available, "refused {wanted} of {available}");
                prop_assert_eq!(e.available, available);
                prop_assert_eq!(e.wanted, wanted);
            }
            Ok(moves) => {
                prop_assert!(wanted <= available);
                prop_assert_eq!(moves.iter().map(|m| m.points).sum::<i64>(), wanted);
                let mut order = lots.clone();
                order.sort_by_key(|l| (l.earned_on, l.id));
                // The moves are exactly a prefix of the oldest-first order: every lot before
                // the last one touched is emptied, the last one may be partly used.
                prop_assert!(moves.len() <= order.len());
                for (i, mv) in moves.iter().enumerate() {
                    let lot = order[i];
                    prop_assert_eq!(mv.lot, lot.id, "move {} takes from lot {} before older lot {}", i, mv.lot, lot.id);
                    prop_assert!(mv.points > 0 && mv.points <= lot.remaining);
                    if i + 1 < moves.len() {
                        prop_assert_eq!(mv.points, lot.remaining, "lot {} is not emptied before a younger one", lot.id);
                    }
                }
                let mut after = lots.clone();
                apply_moves(&mut after, &moves);
                prop_assert_eq!(ledger::balance(&after), available - wanted);
                prop_assert!(after.iter().all(|l| l.remaining > 0), "an emptied lot was kept: {:?}", after);
            }
        }
    }

    #[test]
    fn a_preferred_lot_is_consumed_before_older_ones(lots in lots_strategy(), pick in any::<prop::sample::Index>()) {
        prop_assume!(!lots.is_empty());
        let preferred = lots[pick.index(lots.len())];
        let wanted = ledger::balance(&lots).min(preferred.remaining + 1);
        let moves = plan_debit(&lots, wanted, Some(preferred.id)).expect("within the balance");
        prop_assert_eq!(moves[0], LotMove { lot: preferred.id, points: preferred.remaining.min(wanted) });
        prop_assert_eq!(moves.iter().map(|m| m.points).sum::<i64>(), wanted);
    }

    #[test]
    fn negative_debits_are_refused(lots in lots_strategy(), wanted in i64::MIN..0) {
        prop_assert!(plan_debit(&lots, wanted, None).is_err());
    }
}

/// One step of a random ledger: a credit of points on a day, or a debit.
#[derive(Debug, Clone)]
enum Step {
    Credit { points: i64, on: u32, bonus: i64 },
    Debit { points: i64 },
}

fn steps_strategy() -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![
        3 => (1i64..5_000, 0u32..1_000, 0i64..500).prop_map(|(points, on, bonus)| Step::Credit { points, on, bonus }),
        2 => (1i64..8_000).prop_map(|points| Step::Debit { points }),
    ];
    prop::collection::vec(step, 0..40)
}

proptest! {
    #[test]
    fn replay_of_valid_postings_rebuilds_the_lots_built_incrementally(steps in steps_strategy()) {
        let mut lots: Vec<Lot> = Vec::new();
        let mut postings: Vec<Posting> = Vec::new();
        let mut balance = 0i64;
        for step in steps {
            let seq = postings.len() as u32 + 1;
            let posting = match step {
                Step::Credit { points, on, bonus } => {
                    let mut lines = vec![Line { kind: EntryKind::Earn, points }];
                    if bonus > 0 {
                        lines.push(Line { kind: EntryKind::Bonus, points: bonus });
                    }
                    posting(seq, day(on), lines, Vec::new())
                }
                Step::Debit { points } => {
                    let points = points.min(balance);
                    if points == 0 {
                        continue;
                    }
                    let moves = plan_debit(&lots, points, None).expect("debit within the balance");
                    posting(seq, day(1_000), vec![Line { kind: EntryKind::Redeem, points: -points }], moves)
                }
            };
            apply_moves(&mut lots, &posting.consumed);
            ledger::add_lot(&mut lots, posting.seq, posting.date, posting.credit());
            balance += posting.net();
            prop_assert_eq!(balance, ledger::balance(&lots));
            prop_assert!(balance >= 0);
            postings.push(posting);
        }
        let rebuilt = replay(&postings).expect("valid postings replay");
        prop_assert_eq!(&rebuilt, &lots);
        prop_assert_eq!(ledger::balance(&rebuilt), postings.iter().map(Posting::net).sum::<i64>());
    }
}

fn posting(seq: u32, date: NaiveDate, lines: Vec<Line>, consumed: Vec<LotMove>) -> Posting {
    Posting {
        member_id: 1,
        seq,
        date,
        at: 0,
        operator: "test".into(),
        approver: None,
        source: "test".into(),
        reason: String::new(),
        lines,
        consumed,
    }
}

#[test]
fn replay_rejects_a_debit_that_takes_more_than_a_lot_holds() {
    let postings = vec![
        posting(1, d(2025, 1, 1), vec![Line { kind: EntryKind::Earn, points: 100 }], vec![]),
        posting(
            2,
            d(2025, 2, 1),
            vec![Line { kind: EntryKind::Redeem, points: -150 }],
            vec![LotMove { lot: 1, points: 150 }],
        ),
    ];
    assert_eq!(replay(&postings).map_err(|e| e.seq), Err(2));
}

#[test]
fn replay_rejects_a_debit_whose_moves_do_not_add_up() {
    let postings = vec![
        posting(1, d(2025, 1, 1), vec![Line { kind: EntryKind::Earn, points: 100 }], vec![]),
        posting(
            2,
            d(2025, 2, 1),
            vec![Line { kind: EntryKind::Redeem, points: -50 }],
            vec![LotMove { lot: 1, points: 40 }],
        ),
    ];
    assert_eq!(replay(&postings).map_err(|e| e.seq), Err(2));
}

// ---------------------------------------------------------------- tiers

/// The tier rule written out by hand: per-year totals of stays up to `date`, OR of the
/// three thresholds, the better of this and last year, a dated override that only raises.
fn oracle_rank(cfg: &Config, date: NaiveDate, events: &[QualEvent], over: Option<&TierOverride>) -> usize {
    let minor = cfg.minor_per_unit();
    let year_rank = |y: i32| {
        let mine: Vec<&QualEvent> = events.iter().filter(|e| e.date <= date && e.date.year() == y).collect();
        let nights: u64 = mine.iter().map(|e| u64::from(e.nights)).sum();
        let stays = mine.len() as u64;
        let spend: i64 = mine.iter().map(|e| e.spend_minor).sum();
        let mut rank = 0;
        for (i, t) in cfg.tiers.iter().enumerate() {
            if nights >= u64::from(t.nights) || stays >= u64::from(t.stays) || spend >= t.spend * minor {
                rank = i;
            }
        }
        rank
    };
    let earned = year_rank(date.year()).max(year_rank(date.year() - 1));
    match over {
        Some(o) if date <= o.until => {
            let r = cfg.tiers.iter().position(|t| t.code == o.tier).unwrap_or(0);
            r.max(earned)
        }
        _ => earned,
    }
}

fn events_strategy() -> impl Strategy<Value = Vec<QualEvent>> {
    // Dates over five calendar years (2023–2027), so queries cross year boundaries.
    prop::collection::vec(
        (0u32..(5 * 365), 0u32..15, prop_oneof![0i64..100_000, 0i64..600_000])
            .prop_map(|(off, nights, spend)| QualEvent { date: day(off), nights, spend_minor: spend }),
        0..45,
    )
}

fn override_strategy() -> impl Strategy<Value = Option<TierOverride>> {
    prop::option::of(
        (prop::sample::select(vec!["member", "silver", "gold", "platinum", "bogus"]), 0u32..(5 * 365))
            .prop_map(|(tier, off)| TierOverride { tier: tier.to_string(), until: day(off) }),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn tier_on_any_date_matches_the_hand_written_rule(
        events in events_strategy(),
        query in 0u32..(5 * 365 + 30),
        over in override_strategy(),
    ) {
        let cfg = config();
        let table = TierTable { rules: &cfg.tiers, minor_per_unit: cfg.minor_per_unit() };
        let date = day(query);
        let got = table.rank_on_history(date, &events, over.as_ref());
        prop_assert_eq!(got, oracle_rank(&cfg, date, &events, over.as_ref()), "on {}", date);
        // Order of the history does not matter.
        let mut reversed = events.clone();
        reversed.reverse();
        prop_assert_eq!(table.rank_on_history(date, &reversed, over.as_ref()), got);
        // An override never lowers the tier.
        prop_assert!(got >= table.rank_on_history(date, &events, None));
    }

    #[test]
    fn status_ends_is_a_day_on_which_the_tier_still_holds(
        events in events_strategy(),
        query in 0u32..(4 * 365),
    ) {
        let cfg = config();
        let table = TierTable { rules: &cfg.tiers, minor_per_unit: cfg.minor_per_unit() };
        let date = day(query);
        let rank = table.rank_on_history(date, &events, None);
        let counters = counters_until(date, &events);
        match table.status_ends(date, &counters, None) {
            None => prop_assert_eq!(rank, 0),
            Some(end) => {
                prop_assert!(rank > 0);
                prop_assert!(end >= date);
                // With no further stays the tier is still held on that day…
                prop_assert_eq!(table.rank_on(end, &counters, None), rank, "on {}", end);
                // …and lost (or lowered) the day after.
                prop_assert!(table.rank_on(end + Days::new(1), &counters, None) < rank);
            }
        }
    }
}

fn stay(date: NaiveDate, nights: u32, spend_minor: i64) -> QualEvent {
    QualEvent { date, nights, spend_minor }
}

fn rank_code(date: NaiveDate, events: &[QualEvent], over: Option<&TierOverride>) -> String {
    let cfg = config();
    let table = TierTable { rules: &cfg.tiers, minor_per_unit: cfg.minor_per_unit() };
    table.code(table.rank_on_history(date, events, over)).to_string()
}

#[test]
fn upgrade_takes_effect_on_the_day_the_threshold_is_reached() {
    // Silver needs 4 stays: three in spring, the fourth departing 10 June 2025.
    let mut events: Vec<QualEvent> = (1..=3).map(|m| stay(d(2025, m, 10), 1, 10_000)).collect();
    events.push(stay(d(2025, 6, 10), 1, 10_000));
    assert_eq!(rank_code(d(2025, 6, 9), &events, None), "member");
    assert_eq!(rank_code(d(2025, 6, 10), &events, None), "silver");
}

#[rstest]
#[case::nights_reached_in_one_stay(vec![stay(d(2025, 3, 12), 10, 0)], "silver")]
#[case::nine_nights_are_not_enough(vec![stay(d(2025, 3, 12), 9, 0)], "member")]
#[case::gold_by_nights(vec![stay(d(2025, 3, 12), 12, 0), stay(d(2025, 8, 1), 13, 0)], "gold")]
#[case::nights_do_not_add_across_years(vec![stay(d(2024, 12, 31), 12, 0), stay(d(2025, 1, 1), 13, 0)], "silver")]
fn qualifying_is_counted_per_calendar_year(#[case] events: Vec<QualEvent>, #[case] want: &str) {
    assert_eq!(rank_code(d(2025, 12, 31), &events, None), want);
}

#[rstest]
#[case::held_on_the_last_day_of_the_following_year(d(2026, 12, 31), "gold")]
#[case::held_through_the_next_new_year(d(2026, 1, 1), "gold")]
#[case::lost_on_the_first_of_january_after(d(2027, 1, 1), "member")]
fn status_holds_through_the_end_of_the_following_year(#[case] on: NaiveDate, #[case] want: &str) {
    let events = vec![stay(d(2025, 11, 30), 25, 0)];
    assert_eq!(rank_code(on, &events, None), want);
}

#[rstest]
#[case::one_cent_short(249_999, "member")]
#[case::exactly_the_threshold(250_000, "silver")]
#[case::gold_one_cent_short(599_999, "silver")]
#[case::gold_exactly(600_000, "gold")]
#[case::platinum_exactly(1_150_000, "platinum")]
fn spend_thresholds_count_whole_currency_units(#[case] spend_minor: i64, #[case] want: &str) {
    let cfg = config();
    assert_eq!(cfg.minor_per_unit(), 100);
    let events = vec![stay(d(2025, 5, 1), 1, spend_minor)];
    assert_eq!(rank_code(d(2025, 5, 1), &events, None), want);
}

#[rstest]
#[case::raises_while_in_force(d(2025, 6, 30), "platinum")]
#[case::lapses_the_day_after_until(d(2025, 7, 1), "silver")]
fn an_override_raises_the_tier_until_its_last_day(#[case] on: NaiveDate, #[case] want: &str) {
    let events: Vec<QualEvent> = (1..=4).map(|m| stay(d(2025, m, 10), 1, 0)).collect();
    let over = TierOverride { tier: "platinum".into(), until: d(2025, 6, 30) };
    assert_eq!(rank_code(on, &events, Some(&over)), want);
}

#[test]
fn an_override_never_lowers_an_earned_tier() {
    let events = vec![stay(d(2025, 5, 1), 25, 0)];
    let over = TierOverride { tier: "member".into(), until: d(2025, 12, 31) };
    assert_eq!(rank_code(d(2025, 6, 1), &events, Some(&over)), "gold");
}

#[rstest]
#[case::base_tier_has_no_end(vec![], None, d(2025, 6, 1), None)]
#[case::qualified_this_year_ends_next_year(vec![stay(d(2025, 3, 1), 10, 0)], None, d(2025, 6, 1), Some(d(2026, 12, 31)))]
#[case::qualified_last_year_only_ends_this_year(vec![stay(d(2024, 3, 1), 10, 0)], None, d(2025, 6, 1), Some(d(2025, 12, 31)))]
#[case::requalified_ends_next_year(
    vec![stay(d(2024, 3, 1), 10, 0), stay(d(2025, 3, 1), 10, 0)], None, d(2025, 6, 1), Some(d(2026, 12, 31))
)]
#[case::higher_last_year_ends_this_year(
    vec![stay(d(2024, 3, 1), 25, 0), stay(d(2025, 3, 1), 10, 0)], None, d(2025, 6, 1), Some(d(2025, 12, 31))
)]
#[case::override_above_earned_ends_with_override(
    vec![stay(d(2025, 3, 1), 10, 0)],
    Some(TierOverride { tier: "platinum".into(), until: d(2025, 9, 30) }),
    d(2025, 6, 1),
    Some(d(2025, 9, 30))
)]
#[case::override_below_earned_is_ignored(
    vec![stay(d(2025, 3, 1), 25, 0)],
    Some(TierOverride { tier: "silver".into(), until: d(2025, 9, 30) }),
    d(2025, 6, 1),
    Some(d(2026, 12, 31))
)]
fn status_ends_names_the_last_guaranteed_day(
    #[case] events: Vec<QualEvent>,
    #[case] over: Option<TierOverride>,
    #[case] on: NaiveDate,
    #[case] want: Option<NaiveDate>,
) {
    let cfg = config();
    let table = TierTable { rules: &cfg.tiers, minor_per_unit: cfg.minor_per_unit() };
    let counters = counters_until(on, &events);
    assert_eq!(table.status_ends(on, &counters, over.as_ref()), want);
}

// ---------------------------------------------------------------- expiry

/// `date` plus `months` calendar months, clamped to the end of the month (hand-written).
fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    let total = date.year() * 12 + date.month0() as i32 + months as i32;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    (1..=date.day()).rev().find_map(|dd| NaiveDate::from_ymd_opt(y, m, dd)).expect("a day of the month exists")
}

fn expiry_case() -> impl Strategy<Value = (Vec<Lot>, u32, u32, u32)> {
    // Lots, months (1–36), days from the base to the last activity, days to as-of.
    (lots_strategy(), 1u32..=36, 0u32..500, 0u32..2_000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn rolling_expiry_takes_each_lot_n_months_after_it_was_earned((lots, months, _, as_of) in expiry_case()) {
        let policy = ExpiryPolicy { mode: ExpiryMode::Rolling, months, exempt: false };
        let as_of = day(as_of);
        let plan = plan_expiry(policy, &lots, None, as_of);
        let want: BTreeSet<(u32, i64)> = lots
            .iter()
            .filter(|l| add_months(l.earned_on, months) <= as_of)
            .map(|l| (l.id, l.remaining))
            .collect();
        let got: BTreeSet<(u32, i64)> = plan.iter().map(|m| (m.lot, m.points)).collect();
        prop_assert_eq!(got, want);
        assert_idempotent(policy, &lots, None, as_of)?;
    }

    #[test]
    fn inactivity_expiry_takes_everything_once_the_member_was_inactive_for_n_months(
        (lots, months, last, as_of) in expiry_case()
    ) {
        // The usual shape: every lot was earned on or before the last qualifying activity.
        let last_activity = lots.iter().map(|l| l.earned_on).max().map(|newest| newest.max(day(last)));
        let policy = ExpiryPolicy { mode: ExpiryMode::Inactivity, months, exempt: false };
        let as_of = day(as_of);
        let plan = plan_expiry(policy, &lots, last_activity, as_of);
        let due = last_activity.is_some_and(|la| add_months(la, months) <= as_of);
        let total: i64 = plan.iter().map(|m| m.points).sum();
        if due {
            prop_assert_eq!(total, ledger::balance(&lots), "everything expires");
        } else {
            prop_assert!(plan.is_empty(), "nothing expires before {} months of inactivity: {:?}", months, plan);
        }
        assert_idempotent(policy, &lots, last_activity, as_of)?;
    }

    #[test]
    fn exempt_members_keep_every_point(
        (lots, months, last, as_of) in expiry_case(),
        rolling in any::<bool>(),
    ) {
        let mode = if rolling { ExpiryMode::Rolling } else { ExpiryMode::Inactivity };
        let policy = ExpiryPolicy { mode, months, exempt: true };
        prop_assert!(plan_expiry(policy, &lots, Some(day(last)), day(as_of)).is_empty());
    }
}

/// Applying a plan and planning again for the same date yields nothing.
fn assert_idempotent(
    policy: ExpiryPolicy,
    lots: &[Lot],
    last_activity: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Result<(), TestCaseError> {
    let plan = plan_expiry(policy, lots, last_activity, as_of);
    let mut after = lots.to_vec();
    apply_moves(&mut after, &plan);
    prop_assert_eq!(ledger::balance(&after), ledger::balance(lots) - plan.iter().map(|m| m.points).sum::<i64>());
    let again = plan_expiry(policy, &after, last_activity, as_of);
    prop_assert!(again.is_empty(), "second run on {} expires {:?}", as_of, again);
    Ok(())
}

#[test]
fn rolling_expiry_is_due_exactly_n_months_after_earning() {
    let lots = vec![Lot { id: 1, earned_on: d(2024, 1, 31), remaining: 500 }];
    let policy = ExpiryPolicy { mode: ExpiryMode::Rolling, months: 1, exempt: false };
    // 31 January + 1 month = 29 February 2024 (leap year).
    assert!(plan_expiry(policy, &lots, None, d(2024, 2, 28)).is_empty());
    assert_eq!(plan_expiry(policy, &lots, None, d(2024, 2, 29)), vec![LotMove { lot: 1, points: 500 }]);
}

#[test]

fn inactivity_expiry_includes_lots_credited_without_qualifying_activity() {
    // Last stay 1 March 2023; 200 goodwill points credited 1 June 2024 (not a qualifying
    // activity). On 1 March 2025 the member has been inactive for 24 months.
    let lots = vec![
        Lot { id: 1, earned_on: d(2023, 3, 1), remaining: 1_000 },
        Lot { id: 2, earned_on: d(2024, 6, 1), remaining: 200 },
    ];
    let policy = ExpiryPolicy { mode: ExpiryMode::Inactivity, months: 24, exempt: false };
    let plan = plan_expiry(policy, &lots, Some(d(2023, 3, 1)), d(2025, 3, 1));
    assert_eq!(plan.iter().map(|m| m.points).sum::<i64>(), 1_200);
}
