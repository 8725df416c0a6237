use super::*;
use proptest::prelude::*;
use rstest::rstest;

#[rstest]
#[case::card(keys::text(keys::CARD, "620000000013"), 4)]
#[case::email(keys::text(keys::EMAIL, "anna@example.com"), 4)]
#[case::reference(keys::text(keys::EXT_REF, "PMS-0001"), 5)]
#[case::phone(keys::phone("44790012345", 7), 6)]
#[case::short_phone(keys::phone("12", 7), 4)]
#[case::birthday(keys::birthday(2, 29, 70_000).to_vec(), 10)]
fn an_entry_has_one_bucket_of_its_family(#[case] entry: Vec<u8>, #[case] len: usize) {
    let bucket = bucket_of(&entry).expect("bucketed");
    assert_eq!(bucket.len(), len);
    assert_eq!(&bucket[..2], &[BUCKET, entry[0]]);
    assert!(bucketed(&entry));
}

#[rstest]
#[case::operator(keys::text(keys::OPERATOR_LOGIN, "anna"))]
#[case::complaint_link(keys::pair(keys::MEMBER_COMPLAINT, 1, 2).to_vec())]
#[case::empty(Vec::new())]
fn other_keys_are_their_own(#[case] key: Vec<u8>) {
    assert_eq!(bucket_of(&key), None);
    assert_eq!(buckets_under(&key), None);
}

#[test]
fn birthdays_of_one_day_and_id_range_share_a_bucket() {
    let a = bucket_of(&keys::birthday(3, 5, 1)).unwrap();
    let b = bucket_of(&keys::birthday(3, 5, 65_535)).unwrap();
    let c = bucket_of(&keys::birthday(3, 5, 65_536)).unwrap();
    let d = bucket_of(&keys::birthday(3, 6, 1)).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_ne!(a, d);
    assert!(a.starts_with(&buckets_under(&[keys::BIRTHDAY, 3, 5]).unwrap()));
}

#[test]
fn a_damaged_bucket_is_refused_not_misread() {
    let entry = keys::text(keys::CARD, "620000000013");
    let key = bucket_of(&entry).unwrap();
    let mut b = Bucket::default();
    b.0.insert(entry.clone(), 7u64.to_be_bytes().to_vec());
    let bytes = b.encode(&key).unwrap();
    assert_eq!(Bucket::decode(&key, &bytes).unwrap(), b);
    assert!(Bucket::decode(&key, &bytes[..bytes.len() - 1]).is_err(), "cut short");
    assert!(Bucket::decode(&key, &[&bytes[..], &[0]].concat()).is_err(), "trailing byte");
    assert!(Bucket::decode(&key, &[&[2], &bytes[1..]].concat()).is_err(), "unknown format");
    let other = bucket_of(&keys::text(keys::CARD, "620000000021")).unwrap();
    if other != key {
        assert!(Bucket::decode(&other, &bytes).is_err(), "an entry in the wrong bucket");
    }
    assert!(Bucket::decode(b"xyz", &bytes).is_err(), "not a bucket key");
}

#[test]
fn a_lookup_in_a_damaged_bucket_is_an_error_not_an_absent_entry() {
    let (a, b) = (keys::text(keys::CARD, "620000000013"), keys::text(keys::CARD, "620000000500"));
    let key = bucket_of(&a).unwrap();
    let mut bucket = Bucket::default();
    bucket.0.insert(a.clone(), 7u64.to_be_bytes().to_vec());
    let bytes = bucket.encode(&key).unwrap();
    assert_eq!(Bucket::find(&key, &bytes, &a).unwrap(), Some(&7u64.to_be_bytes()[..]));
    assert_eq!(Bucket::find(&key, &bytes, &b).unwrap(), None);
    let no_count = [&[FORMAT, 0][..], &bytes[2..]].concat();
    assert!(Bucket::find(&key, &no_count, &a).is_err(), "a count cut to 0 leaves bytes unread");
    assert!(Bucket::find(&key, &no_count, &b).is_err());
    assert!(Bucket::find(&key, &bytes[..bytes.len() - 1], &b).is_err(), "cut short");
}

/// An index entry of any bucketed family, from a small alphabet so that prefixes repeat.
fn entry() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        "[0-9]{1,8}".prop_map(|t| keys::text(keys::CARD, &t)),
        "[a-c]{1,4}@[a-c]{1,3}".prop_map(|t| keys::text(keys::EMAIL, &t)),
        "[A-C0-9-]{1,6}".prop_map(|t| keys::text(keys::EXT_REF, &t)),
        ("[0-9]{1,8}", 0u64..5).prop_map(|(d, id)| keys::phone(&d, id)),
        (1u32..3, 1u32..4, 0u64..200_000).prop_map(|(m, d, id)| keys::birthday(m, d, id).to_vec()),
    ]
}

proptest! {
    /// Writes folded into buckets read back as plain keys would, and a scan by any
    /// prefix finds exactly the entries under it, in order.
    #[test]
    fn buckets_hold_what_plain_keys_would(
        rounds in proptest::collection::vec(proptest::collection::vec((entry(), proptest::option::of(0u8..9)), 1..20), 1..6),
        probes in proptest::collection::vec(entry(), 1..10),
    ) {
        let mut plain: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
        let mut stored: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
        for round in rounds {
            let mut writes: BTreeMap<Vec<u8>, Option<Vec<u8>>> = BTreeMap::new();
            for (e, v) in round {
                let v = v.map(|b| vec![b]);
                match &v { Some(v) => plain.insert(e.clone(), v.clone()), None => plain.remove(&e) };
                writes.insert(e, v);
            }
            fold(&mut writes, |k| stored.get(k).map(|b| Bucket::decode(k, b)).transpose()).unwrap();
            for (k, v) in writes {
                prop_assert_eq!(k[0], BUCKET);
                match v { Some(v) => { stored.insert(k, v); } None => { stored.remove(&k); } }
            }
        }
        for (e, v) in &plain {
            let key = bucket_of(e).unwrap();
            prop_assert_eq!(Bucket::find(&key, &stored[&key], e).unwrap(), Some(&v[..]));
        }
        for p in probes {
            let key = bucket_of(&p).unwrap();
            let found = stored.get(&key).and_then(|b| Bucket::find(&key, b, &p).unwrap().map(<[u8]>::to_vec));
            prop_assert_eq!(found.as_ref(), plain.get(&p));
            for cut in 1..=p.len() {
                let prefix = &p[..cut];
                let range = buckets_under(prefix).unwrap();
                let mut got: Vec<(Vec<u8>, Vec<u8>)> = stored
                    .range(range.clone()..)
                    .take_while(|(k, _)| k.starts_with(&range))
                    .flat_map(|(k, b)| Bucket::decode(k, b).unwrap().0)
                    .filter(|(k, _)| k.starts_with(prefix))
                    .collect();
                got.sort();
                let want: Vec<(Vec<u8>, Vec<u8>)> =
                    plain.range(prefix.to_vec()..).take_while(|(k, _)| k.starts_with(prefix)).map(|(k, v)| (k.clone(), v.clone())).collect();
                prop_assert_eq!(got, want);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// `Store::key_entries` over a real store gives what a scan of plain keys would, cut at
    /// its limit, whether the family's buckets are walked in order (phones, birthdays) and
    /// stopped early, or all read and sorted (cards, e-mails, references).
    #[test]
    fn key_entries_stop_at_their_limit_in_key_order(
        entries in proptest::collection::btree_map(entry(), 0u8..9, 1..60),
        probes in proptest::collection::vec((entry(), 0usize..6), 1..8),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(dir.path(), "test").unwrap();
        for (e, v) in &entries {
            store.put_key_entry_raw(e, Some(&[*v])).unwrap();
        }
        for (p, limit) in probes {
            for cut in 1..=p.len() {
                let prefix = &p[..cut];
                let want: Vec<Entry> = entries
                    .range(prefix.to_vec()..)
                    .take_while(|(k, _)| k.starts_with(prefix))
                    .take(limit)
                    .map(|(k, v)| (k.clone(), vec![*v]))
                    .collect();
                prop_assert_eq!(store.key_entries(prefix, limit).unwrap(), want);
            }
        }
    }
}
