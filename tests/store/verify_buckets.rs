//! `verify` and `verify --deep` over a store whose index buckets (store layout 3) are
//! damaged: the damage is reported, once per bucket, and every other pass still runs.

use super::verify::{assert_reports, busy_store};
use frontdesk_store::report::verify::verify_deep;
use frontdesk_store::store::{T, buckets, hex, keys};

/// Cuts the last two bytes off the bucket holding `entry`; returns the bucket's key.
fn cut_bucket_of(store: &frontdesk_store::store::Store, entry: &[u8]) -> Vec<u8> {
    let key = buckets::bucket_of(entry).unwrap();
    let tree = store.tree(T::Keys);
    let bytes = tree.get(&key).unwrap().expect("the entry's bucket is stored");
    tree.insert(&key, &bytes[..bytes.len() - 2]).unwrap();
    key
}

#[test]
fn a_damaged_card_bucket_is_reported_once_and_verify_goes_on() {
    let f = busy_store();
    let bucket = cut_bucket_of(&f.store, &keys::text(keys::CARD, &f.cards[1]));
    let report = f.verify();
    assert_reports(&report, &["keys bucket", &hex(&bucket), "does not decode"]);
    assert_eq!(report.members, 4, "the members pass went through every member");
    assert!(
        !report.problems.iter().any(|p| p.contains("card key")),
        "the members in the damaged bucket are not blamed one by one:\n{}",
        report.problems.join("\n")
    );
    let mentions = report.problems.iter().filter(|p| p.contains(&hex(&bucket))).count();
    assert_eq!(mentions, 1, "{}", report.problems.join("\n"));
}

#[test]
fn a_damaged_phone_or_birthday_bucket_does_not_stop_verify() {
    let f = busy_store();
    let m = f.member(0);
    let phone = m.phone.as_deref().expect("the first member has a phone");
    let digits = frontdesk_core::domain::contact::phone_digits(phone);
    let bucket = cut_bucket_of(&f.store, &keys::phone(digits, m.id));
    assert_reports(&f.verify(), &["keys bucket", &hex(&bucket)]);
}

#[test]
fn deep_verify_names_the_bucket_and_runs_every_consistency_pass() {
    let f = busy_store();
    let bucket = cut_bucket_of(&f.store, &keys::text(keys::EMAIL, "ana@example.com"));
    let report = verify_deep(&f.store, &f.config).unwrap();
    assert_reports(&report, &["keys", &hex(&bucket), "damaged record"]);
    assert!(
        !report.problems.iter().any(|p| p.contains("checks stopped")),
        "the consistency passes ran to the end:\n{}",
        report.problems.join("\n")
    );
}

#[test]
fn report_rebuild_writes_damaged_member_indexes_again_from_the_records() {
    let f = busy_store();
    let m = f.member(0);
    let phone = frontdesk_core::domain::contact::phone_digits(m.phone.as_deref().unwrap()).to_string();
    let cut = [
        cut_bucket_of(&f.store, &keys::text(keys::CARD, &f.cards[1])),
        cut_bucket_of(&f.store, &keys::text(keys::EMAIL, "ana@example.com")),
        cut_bucket_of(&f.store, &keys::phone(&phone, m.id)),
    ];
    f.store.put_key_entry_raw(&keys::text(keys::CARD, &f.cards[3]), None).unwrap();
    assert!(f.verify().problem_count() >= 4);
    let run = frontdesk_store::ops::rebuild_facts(&f.store, &f.config).unwrap();
    assert_eq!(run.index.buckets_replaced, cut.len() as u64, "{run:?}");
    assert!(run.index.entries_restored >= 4, "{run:?}");
    assert_eq!(run.index.conflicts, 0);
    let report = f.verify();
    assert!(report.is_clean(), "{}", report.problems.join("\n"));
    let again = frontdesk_store::ops::rebuild_facts(&f.store, &f.config).unwrap();
    assert_eq!((again.index.buckets_replaced, again.index.entries_restored), (0, 0), "a sound store is left as it is");
}

#[test]
fn a_stay_reference_lost_with_its_bucket_comes_back_and_the_stay_is_not_posted_twice() {
    use frontdesk_store::ops::{self, Command, StayInput};
    let f = busy_store();
    let input = StayInput {
        external_ref: Some("PMS-77".into()),
        ..super::verify::stay(&f, 2, super::verify::date(2025, 4, 1), 2, 20_000, "direct")
    };
    super::verify::post(&f, input.clone());
    let bucket = cut_bucket_of(&f.store, &keys::text(keys::EXT_REF, "PMS-77"));
    frontdesk_store::ops::rebuild_facts(&f.store, &f.config).unwrap();
    assert!(f.verify().is_clean(), "{}", f.verify().problems.join("\n"));
    assert!(f.store.tree(T::Keys).get(&bucket).unwrap().is_some());
    let ctx = ops::Ctx {
        config: &f.config,
        actor: frontdesk_core::domain::operator::Actor::system(),
        now: 1_750_000_000_000,
        today: super::verify::date(2025, 6, 30),
    };
    let stays = f.member(2).stays;
    let again = ops::execute(&f.store, &ctx, &Command::PostStay(input));
    assert!(again.is_err(), "the stay sent again is refused: {again:?}");
    assert_eq!(f.member(2).stays, stays, "and not posted twice");
}
