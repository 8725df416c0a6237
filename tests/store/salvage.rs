//! `salvage` and the index buckets of store layout 3: a copy of an older store comes out
//! with its entries in buckets, a damaged bucket costs only the entries that cannot be
//! read, and entries left on their own in a store at this schema are grouped on open.

use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::operator::Actor;
use frontdesk_store::backup::salvage;
use frontdesk_store::ops::{self, Command, Ctx, NewMember, Reply};
use frontdesk_store::report::verify::verify_deep;
use frontdesk_store::store::buckets::{self, Bucket};
use frontdesk_store::store::{Store, T, hex, keys};

fn ctx(config: &Config) -> Ctx<'_> {
    Ctx { config, actor: Actor::system(), now: 1_750_000_000_000, today: NaiveDate::from_ymd_opt(2025, 6, 30).unwrap() }
}

/// Enrols `n` guests born on the same day (so their birthdays share a bucket); returns
/// their cards.
fn enrol(store: &Store, config: &Config, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let input = NewMember {
                name: format!("Guest {i}"),
                email: Some(format!("guest{i}@example.com")),
                phone: Some(format!("+351 912 345 {:03}", 100 + i)),
                birthday: NaiveDate::from_ymd_opt(1980, 5, 17),
                channel: "desk".into(),
                ..NewMember::default()
            };
            match ops::execute(store, &ctx(config), &Command::AddMember(input)).unwrap() {
                Reply::Member(v) => v.member.card,
                other => panic!("unexpected {other:?}"),
            }
        })
        .collect()
}

/// Every index entry taken out of its bucket and stored as a key of its own, as layouts 1
/// and 2 kept them, with `schema`.
fn unbucket(store: &Store, schema: u32) {
    for item in store.tree(T::Keys).scan_prefix([buckets::BUCKET]) {
        let (k, v) = item.unwrap();
        for (entry, value) in Bucket::decode(&k, &v).unwrap().0 {
            store.tree(T::Keys).insert(entry, value).unwrap();
        }
        store.tree(T::Keys).remove(k).unwrap();
    }
    store.tree(T::Meta).insert(b"schema_version", &schema.to_be_bytes()).unwrap();
    store.flush().unwrap();
}

fn id_of(store: &Store, card: &str) -> Option<u64> {
    store.read_raw(T::Keys, &keys::text(keys::CARD, card)).unwrap().and_then(|v| keys::read_u64(&v, 0))
}

#[test]
fn a_copy_of_a_layout_2_store_has_its_entries_in_buckets_and_verifies_clean() {
    let config = Config::builtin().unwrap();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let from = Store::open(a.path(), "test").unwrap();
    let cards = enrol(&from, &config, 5);
    unbucket(&from, 3);
    let into = Store::open(b.path(), "test").unwrap();
    let summary = salvage(&from, &into).unwrap();
    assert!(summary.is_complete(), "{:?}", summary.lost);
    assert!(cards.iter().all(|c| id_of(&into, c).is_some()), "every card is readable in the copy");
    let upgraded = ops::migrate::upgrade(&into, &ctx(&config)).unwrap().expect("the copy keeps schema 3");
    assert_eq!(upgraded.from, 3);
    let report = verify_deep(&into, &config).unwrap();
    assert!(report.is_clean(), "{}", report.problems.join("\n"));
}

#[test]
fn a_damaged_bucket_costs_only_the_entries_that_cannot_be_read() {
    let config = Config::builtin().unwrap();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let from = Store::open(a.path(), "test").unwrap();
    let cards = enrol(&from, &config, 4);
    let ids: Vec<u64> = cards.iter().map(|c| id_of(&from, c).unwrap()).collect();
    let bucket = buckets::bucket_of(&keys::birthday(5, 17, ids[0])).unwrap();
    let bytes = from.tree(T::Keys).get(&bucket).unwrap().unwrap();
    assert_eq!(Bucket::decode(&bucket, &bytes).unwrap().0.len(), 4, "the four birthdays share a bucket");
    from.tree(T::Keys).insert(&bucket, &bytes[..bytes.len() - 1]).unwrap();
    let into = Store::open(b.path(), "test").unwrap();
    let summary = salvage(&from, &into).unwrap();
    assert_eq!(summary.lost.len(), 1, "{:?}", summary.lost);
    assert!(summary.lost[0].contains(&hex(&bucket)) && summary.lost[0].contains("3 kept"), "{:?}", summary.lost);
    let kept = |id: u64| into.read_raw(T::Keys, &keys::birthday(5, 17, id)).unwrap().is_some();
    assert_eq!(ids.iter().map(|id| kept(*id)).collect::<Vec<_>>(), [true, true, true, false]);
    let report = verify_deep(&into, &config).unwrap();
    assert_eq!(report.problem_count(), 1, "only the lost birthday: {}", report.problems.join("\n"));
    assert!(report.problems[0].contains("birthday key missing"), "{}", report.problems[0]);
}

#[test]
fn entries_on_their_own_at_this_schema_are_grouped_when_the_store_opens() {
    let config = Config::builtin().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "test").unwrap();
    let cards = enrol(&store, &config, 3);
    unbucket(&store, frontdesk_store::store::SCHEMA_VERSION);
    assert_eq!(id_of(&store, &cards[0]), None, "this build reads entries only in buckets");
    assert!(ops::migrate::upgrade(&store, &ctx(&config)).unwrap().is_none(), "no upgrade: the schema is current");
    assert!(cards.iter().all(|c| id_of(&store, c).is_some()));
    let report = verify_deep(&store, &config).unwrap();
    assert!(report.is_clean(), "{}", report.problems.join("\n"));
}
