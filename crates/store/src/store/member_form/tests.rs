use super::*;
use crate::store::codec;
use proptest::prelude::*;

fn date(days: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(days).unwrap()
}

fn member(lots: Vec<Lot>, qual: Vec<YearQual>, dates: Option<i32>) -> Member {
    Member {
        id: 7,
        card: "620000000013".into(),
        name: "徐艳".into(),
        email: Some("yanxu1@example.com".into()),
        phone: Some("+8618015922508".into()),
        birthday: dates.map(date),
        home_property: "SHA".into(),
        notes: "quiet room".into(),
        tags: vec!["vip".into(), "corporate".into()],
        marketing_consent: true,
        status: MemberStatus::Active,
        enrolled_on: date(739_000),
        enrol_channel: "desk".into(),
        balance: lots.iter().fold(0i64, |sum, l| sum.wrapping_add(l.remaining)),
        lifetime_points: 40_000,
        lots,
        qual,
        tier_override: dates.map(|d| TierOverride { tier: "gold".into(), until: date(d + 400) }),
        last_activity: dates.map(|d| date(d + 10)),
        last_stay: dates.map(|d| date(d + 9)),
        stays: 12,
        nights: 40,
        stay_seq: 14,
        ledger_seq: 30,
        open_complaints: 1,
    }
}

proptest! {
    #[test]
    fn members_round_trip(
        lots in proptest::collection::vec((any::<u32>(), 1i32..3_000_000, any::<i64>()), 0..20),
        qual in proptest::collection::vec((-3000i32..3000, any::<u32>(), any::<u32>(), any::<i64>()), 0..6),
        dates in proptest::option::of(1i32..3_000_000),
    ) {
        let lots = lots.into_iter().map(|(id, d, remaining)| Lot { id, earned_on: date(d), remaining }).collect();
        let qual = qual.into_iter().map(|(year, nights, stays, spend_minor)| YearQual { year, nights, stays, spend_minor }).collect();
        let m = member(lots, qual, dates);
        let back: Member = codec::decode(&codec::encode(&m)).unwrap();
        prop_assert_eq!(back, m);
    }

    #[test]
    fn damaged_members_never_panic(cut in 0usize..200, flip in any::<u8>()) {
        let m = member(vec![Lot { id: 3, earned_on: date(739_100), remaining: 500 }], Vec::new(), Some(720_000));
        let mut bytes = codec::encode(&m);
        let at = cut % bytes.len();
        bytes[at] ^= flip;
        let _ = codec::decode::<Member>(&bytes);
        bytes.truncate(at);
        let _ = codec::decode::<Member>(&bytes);
    }
}

#[test]
fn version_two_is_far_smaller_than_version_one() {
    let lots = (1..=6).map(|i| Lot { id: i, earned_on: date(739_000 + i as i32 * 40), remaining: 2_500 }).collect();
    let qual = vec![YearQual { year: 2025, nights: 20, stays: 6, spend_minor: 450_000 }];
    let m = member(lots, qual, Some(720_000));
    let v1 = bincode::serde::encode_to_vec(&m, bincode::config::legacy()).unwrap().len() + 4;
    let v2 = codec::encode(&m).len();
    assert!(v2 * 10 <= v1 * 7, "version 2 takes {v2} bytes against version 1's {v1}");
}

#[test]
fn a_day_chrono_cannot_hold_is_refused_not_wrapped() {
    let mut w = Writer::default();
    w.uint(1).int(i64::from(i32::MAX)).int(10);
    assert!(Lots::unpack(&w.0).is_err());
}
