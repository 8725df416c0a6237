use super::*;
use crate::store::codec;
use chrono::NaiveDate;
use proptest::prelude::*;

fn date(days: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(days).unwrap()
}

fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-z徐艳 0-9:-]{0,12}").unwrap()
}

proptest! {
    #[test]
    fn stays_round_trip(
        ids in (any::<u64>(), any::<u32>(), any::<u32>(), any::<i64>(), any::<i64>(), any::<i64>(), any::<i64>()),
        words in (text(), text(), text(), text(), text(), proptest::option::of(text())),
        days in (1i32..3_000_000, 1i32..3_000_000),
        flags in (0u8..4, any::<bool>(), proptest::option::of(any::<u32>())),
    ) {
        let (member_id, seq, nights, revenue_minor, base_points, bonus_points, posted_at) = ids;
        let (property, currency, channel, tier_at_arrival, posted_by, external_ref) = words;
        let stay = Stay {
            member_id, seq, property, arrival: date(days.0), departure: date(days.1), nights, revenue_minor,
            currency, channel, status: status_of(flags.0).unwrap(), external_ref, base_points, bonus_points,
            tier_at_arrival, qualifies: flags.1, ledger_seq: flags.2, posted_at, posted_by,
        };
        let back: Stay = codec::decode(&codec::encode(&stay)).unwrap();
        prop_assert_eq!(back, stay);
    }

    #[test]
    fn postings_round_trip(
        ids in (any::<u64>(), any::<u32>(), 1i32..3_000_000, any::<i64>()),
        words in (text(), proptest::option::of(text()), text(), text()),
        lines in proptest::collection::vec((0u8..11, any::<i64>()), 0..5),
        consumed in proptest::collection::vec((any::<u32>(), any::<i64>()), 0..5),
    ) {
        let posting = Posting {
            member_id: ids.0, seq: ids.1, date: date(ids.2), at: ids.3,
            operator: words.0, approver: words.1, source: words.2, reason: words.3,
            lines: lines.into_iter().map(|(k, points)| Line { kind: kind_of(k).unwrap(), points }).collect(),
            consumed: consumed.into_iter().map(|(lot, points)| LotMove { lot, points }).collect(),
        };
        let back: Posting = codec::decode(&codec::encode(&posting)).unwrap();
        prop_assert_eq!(back, posting);
    }

    #[test]
    fn damaged_records_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
        for kind in [2u8, 3, 7] {
            let mut env = vec![1, kind, 0, if kind == 7 { 3 } else { 2 }];
            env.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            env.extend_from_slice(&bytes);
            let _ = codec::decode::<Stay>(&env);
            let _ = codec::decode::<Posting>(&env);
            let _ = codec::decode::<AuditRecord>(&env);
        }
    }
}

#[test]
fn every_entry_kind_has_the_number_it_is_read_back_by() {
    for (i, k) in KINDS.iter().enumerate() {
        assert_eq!(usize::from(kind_index(*k)), i);
    }
    for s in [StayStatus::Completed, StayStatus::Cancelled, StayStatus::NoShow, StayStatus::Reversed] {
        assert_eq!(status_of(status_index(s)).unwrap(), s);
    }
}

#[test]
fn an_audit_event_packs_to_little_more_than_its_text() {
    let a = AuditRecord {
        at: 1_775_000_000_000,
        operator: "ana".into(),
        role: "clerk".into(),
        command: "stay.post".into(),
        target: "member 620000000013 stay 3".into(),
        before: "balance 100".into(),
        after: "completed 2 nights, +500 points, balance 600".into(),
        member: Some("620000000013".into()),
    };
    let text: usize = [&a.operator, &a.role, &a.command, &a.target, &a.before, &a.after].iter().map(|s| s.len()).sum();
    let packed = codec::encode(&a).len();
    assert!(packed <= text + 12 + 8 + 6 + 12, "{packed} bytes for {text} of text");
    assert_eq!(codec::decode::<AuditRecord>(&codec::encode(&a)).unwrap(), a);
}
