//! The RFM and cohort snapshot and the birthdays report against hand-computed fixtures:
//! quintile edges and scores, the segment map, a small set of members scored and grouped
//! by hand, and birthdays in windows across month, year and 29 February.

use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::analytics::rfm::{quintile, quintile_edges, segment};
use frontdesk_core::domain::analytics::snapshot::{Builder, StayFact};
use frontdesk_core::domain::analytics::{SEGMENTS, Segment};
use frontdesk_core::domain::member::{Member, MemberStatus};
use frontdesk_store::store::{Store, T, codec, keys};
use rstest::rstest;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[rstest]
#[case::five_distinct(&[10, 20, 30, 40, 50], &[10, 20, 30, 40], &[(10, 1), (25, 3), (40, 4), (41, 5)])]
#[case::ties_stay_together(&[1, 1, 1, 1, 1, 1, 2, 3, 4, 9], &[1, 1, 1, 3], &[(1, 1), (2, 4), (3, 4), (4, 5)])]
#[case::three_values(&[5, 7, 9], &[5, 7, 7, 9], &[(5, 1), (7, 2), (8, 4), (9, 4), (10, 5)])]
#[case::empty(&[], &[], &[(3, 1)])]
fn quintiles_by_hand(#[case] sorted: &[i64], #[case] edges: &[i64], #[case] scores: &[(i64, u8)]) {
    let found = quintile_edges(sorted);
    assert_eq!(found, edges);
    for (v, q) in scores {
        assert_eq!(quintile(v, &found), *q, "value {v}");
    }
}

#[rstest]
#[case(5, 5, Segment::Champions)]
#[case(5, 4, Segment::Champions)]
#[case(4, 5, Segment::Loyal)]
#[case(3, 4, Segment::Loyal)]
#[case(5, 1, Segment::New)]
#[case(5, 2, Segment::Potential)]
#[case(5, 3, Segment::Potential)]
#[case(4, 1, Segment::Potential)]
#[case(4, 3, Segment::Potential)]
#[case(3, 3, Segment::Hibernating)]
#[case(3, 1, Segment::Hibernating)]
#[case(2, 2, Segment::Hibernating)]
#[case(2, 3, Segment::AtRisk)]
#[case(1, 5, Segment::AtRisk)]
#[case(2, 5, Segment::AtRisk)]
#[case(1, 2, Segment::Lost)]
#[case(1, 1, Segment::Lost)]
fn segment_map_by_hand(#[case] r: u8, #[case] f: u8, #[case] want: Segment) {
    assert_eq!(segment(r, f), want);
}

fn stays(list: &[((i32, u32, u32), i64)]) -> Vec<StayFact> {
    list.iter().map(|((y, m, d), rev)| StayFact { departure: date(*y, *m, *d), revenue_minor: *rev }).collect()
}

/// As of 2026-06-15 (window after 2024-06-15; cohorts 2025-07 … 2026-06; series 2024-07 …):
/// A LIS: three stays, last 5 days ago, 600; first stay 2025-12 (back in 2026-05, 2026-06).
/// B LIS: one stay 14 days ago, 1000; first stay 2026-06.
/// C POR: 2024-01 (before the window, 50) and 2025-01-20 (511 days ago, 80).
/// D POR: only 2024-03 (not scored). E LIS: no stays (not scored). G LIS: only a stay
/// departing after the as-of date (ignored: not scored, no cohort).
/// F POR: four monthly stays 2026-02 … 2026-05 of 400, last 36 days ago.
fn builder() -> Builder {
    let mut b = Builder::new(date(2026, 6, 15));
    b.add_member(1, "LIS", &stays(&[((2026, 6, 10), 300), ((2026, 5, 1), 200), ((2025, 12, 1), 100)]));
    b.add_member(2, "LIS", &stays(&[((2026, 6, 1), 1000)]));
    b.add_member(3, "POR", &stays(&[((2024, 1, 10), 50), ((2025, 1, 20), 80)]));
    b.add_member(4, "POR", &stays(&[((2024, 3, 1), 70)]));
    b.add_member(5, "LIS", &[]);
    b.add_member(7, "LIS", &stays(&[((2026, 7, 1), 90)]));
    let f = [((2026, 2, 10), 400), ((2026, 3, 10), 400), ((2026, 4, 10), 400), ((2026, 5, 10), 400)];
    b.add_member(6, "POR", &stays(&f));
    b
}

#[rstest]
// Days [5, 14, 36, 511], stays [1, 1, 3, 4], revenue [80, 600, 1000, 1600]: with four
// members the edges are the values themselves. A: R5 F3 M2 Potential; B: R4 F1 M3
// Potential; F: R3 F4 M4 Loyal; C: R2 F1 M1 Hibernating.
#[case::all(None, 4, 3, &[0, 1, 2, 0, 0, 1, 0])]
#[case::lis(Some("LIS"), 2, 2, &[0, 0, 2, 0, 0, 0, 0])]
#[case::por(Some("POR"), 2, 1, &[0, 1, 0, 0, 0, 1, 0])]
fn rfm_by_hand(#[case] property: Option<&str>, #[case] scored: u64, #[case] not_scored: u64, #[case] segs: &[u64]) {
    let (record, members) = builder().finish(42);
    let r = record.rfm_report(property);
    assert_eq!((r.members_scored, r.not_scored, r.window_months), (scored, not_scored, 24));
    assert_eq!(r.segments.iter().map(|s| s.members).collect::<Vec<_>>(), segs);
    assert_eq!(r.segments.iter().map(|s| s.segment).collect::<Vec<_>>(), SEGMENTS);
    assert_eq!((r.recency_days_edges, r.frequency_edges), (vec![5, 14, 36, 511], vec![1, 1, 3, 4]));
    assert_eq!(r.monetary_minor_edges, vec![80, 600, 1000, 1600]);
    assert_eq!((r.snapshot.as_of, r.snapshot.computed_at), (date(2026, 6, 15), 42));
    let got: Vec<(u64, Segment, [u8; 3])> =
        members.iter().map(|m| (m.id, m.segment, [m.scores.r, m.scores.f, m.scores.m])).collect();
    let want = vec![
        (6, Segment::Loyal, [3, 4, 4]),
        (1, Segment::Potential, [5, 3, 2]),
        (2, Segment::Potential, [4, 1, 3]),
        (3, Segment::Hibernating, [2, 1, 1]),
    ];
    assert_eq!(got, want);
}

#[rstest]
#[case::all(None, &[("2025-12", 1, &[1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0][..]), ("2026-02", 1, &[1.0, 1.0, 1.0, 1.0, 0.0]), ("2026-06", 1, &[1.0])], &[("2025-01", 1), ("2025-12", 1), ("2026-02", 1), ("2026-03", 1), ("2026-04", 1), ("2026-05", 2), ("2026-06", 2)])]
#[case::lis(Some("LIS"), &[("2025-12", 1, &[1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0][..]), ("2026-06", 1, &[1.0])], &[("2025-12", 1), ("2026-05", 1), ("2026-06", 2)])]
fn cohorts_by_hand(
    #[case] property: Option<&str>,
    #[case] cohorts: &[(&str, u64, &[f64])],
    #[case] busy_months: &[(&str, u64)],
) {
    let (record, _) = builder().finish(0);
    let c = record.cohort_matrix(property);
    let months: Vec<&str> = c.rows.iter().map(|r| r.cohort.as_str()).collect();
    assert_eq!(months.len(), 12);
    assert_eq!((months[0], months[11]), ("2025-07", "2026-06"));
    for row in &c.rows {
        match cohorts.iter().find(|(m, _, _)| *m == row.cohort) {
            Some((_, n, shares)) => {
                assert_eq!((row.members, row.returning.as_slice()), (*n, *shares), "{}", row.cohort)
            }
            None => assert_eq!((row.members, row.returning.len()), (0, 0), "{}", row.cohort),
        }
    }
    assert_eq!(c.monthly_stays.len(), 24);
    assert_eq!((c.monthly_stays[0].month.as_str(), c.monthly_stays[23].month.as_str()), ("2024-07", "2026-06"));
    let busy: Vec<(&str, u64)> =
        c.monthly_stays.iter().filter(|m| m.stays > 0).map(|m| (m.month.as_str(), m.stays)).collect();
    assert_eq!(busy, busy_months);
}

fn member(id: u64, property: &str, birthday: Option<NaiveDate>, status: MemberStatus) -> Member {
    Member {
        id,
        card: format!("62000000{id:04}"),
        name: format!("M{id}"),
        email: None,
        phone: None,
        birthday,
        home_property: property.into(),
        notes: String::new(),
        tags: vec![],
        marketing_consent: false,
        status,
        enrolled_on: date(2020, 1, 1),
        enrol_channel: "desk".into(),
        balance: 0,
        lifetime_points: 0,
        lots: vec![],
        qual: vec![],
        tier_override: None,
        last_activity: None,
        last_stay: None,
        stays: 0,
        nights: 0,
        stay_seq: 0,
        ledger_seq: 0,
        open_complaints: 0,
    }
}

/// 1 LIS 1990-06-15; 2 POR 1985-06-21; 3 LIS 2000-06-22; 4 LIS 1992-02-29; 5 LIS
/// 1970-06-16 but blocked (only active members are greeted); 6 LIS 1980-12-31; 7 none.
fn birthday_store() -> (tempfile::TempDir, Store, Config) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db"), "test").unwrap();
    let config = Config::builtin().unwrap();
    let active = MemberStatus::Active;
    let members = [
        member(1, "LIS", Some(date(1990, 6, 15)), active),
        member(2, "POR", Some(date(1985, 6, 21)), active),
        member(3, "LIS", Some(date(2000, 6, 22)), active),
        member(4, "LIS", Some(date(1992, 2, 29)), active),
        member(5, "LIS", Some(date(1970, 6, 16)), MemberStatus::Blocked),
        member(6, "LIS", Some(date(1980, 12, 31)), active),
        member(7, "LIS", None, active),
    ];
    for m in &members {
        store.tree(T::Members).insert(keys::id(m.id), codec::encode(m)).unwrap();
    }
    frontdesk_store::ops::rebuild_facts(&store, &config).unwrap();
    (dir, store, config)
}

#[rstest]
#[case::week_from_a_birthday((2026, 6, 15), 7, None, &[((2026, 6, 15), 1, 36), ((2026, 6, 21), 2, 41)])]
#[case::eight_days_at_lis((2026, 6, 15), 8, Some("LIS"), &[((2026, 6, 15), 1, 36), ((2026, 6, 22), 3, 26)])]
#[case::leap_day_on_28_february((2027, 2, 27), 3, None, &[((2027, 2, 28), 4, 35)])]
#[case::leap_day_in_a_leap_year((2028, 2, 28), 2, None, &[((2028, 2, 29), 4, 36)])]
#[case::across_new_year((2026, 12, 30), 3, None, &[((2026, 12, 31), 6, 46)])]
#[case::nobody((2026, 8, 1), 7, None, &[])]
fn birthdays_by_hand(
    #[case] as_of: (i32, u32, u32),
    #[case] days: u32,
    #[case] property: Option<&str>,
    #[case] want: &[((i32, u32, u32), u64, i32)],
) {
    let (_dir, store, config) = birthday_store();
    let as_of = date(as_of.0, as_of.1, as_of.2);
    let r = frontdesk_store::report::analytics::birthdays(&store, &config, as_of, property, days, None).unwrap();
    let got: Vec<(NaiveDate, u64, i32)> = r.birthdays.iter().map(|b| (b.date, b.member.id, b.age)).collect();
    let want: Vec<(NaiveDate, u64, i32)> =
        want.iter().map(|((y, m, d), id, age)| (date(*y, *m, *d), *id, *age)).collect();
    assert_eq!(got, want);
    assert_eq!((r.as_of, r.days, r.total), (as_of, days, want.len() as u64));
}
