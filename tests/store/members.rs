//! Finding members by card: issued cards take a shortcut through the id they carry,
//! pre-printed ones the card index; both must find exactly the right member.

use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::card;
use frontdesk_core::domain::operator::Actor;
use frontdesk_store::ops::{self, Command, Ctx, MemberRef, NewMember, Reply};
use frontdesk_store::store::Store;

fn add(store: &Store, ctx: &Ctx<'_>, name: &str, card: Option<String>) -> String {
    let input = NewMember { name: name.into(), card, ..NewMember::default() };
    match ops::execute(store, ctx, &Command::AddMember(input)).unwrap() {
        Reply::Member(v) => v.member.card,
        other => panic!("unexpected reply {other:?}"),
    }
}

#[test]
fn issued_and_preprinted_cards_find_their_own_member() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "test").unwrap();
    let config = Config::builtin().unwrap();
    let ctx =
        Ctx { config: &config, actor: Actor::system(), now: 0, today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap() };
    let ana = add(&store, &ctx, "Ana", None);
    // A pre-printed card shaped like an issued card of member 1 with another prefix:
    // the shortcut lands on member 1, sees the card differ, and falls back to the index.
    let lookalike = card::issue("71", 1);
    let bo = add(&store, &ctx, "Bo", Some(lookalike.clone()));
    let preprinted = "4539148803436467".to_string();
    let cy = add(&store, &ctx, "Cy", Some(preprinted.clone()));
    for (card, name) in [(ana, "Ana"), (bo, "Bo"), (lookalike, "Bo"), (preprinted, "Cy"), (cy, "Cy")] {
        let m = ops::member_lookup(&store, &MemberRef::Card(card.clone())).unwrap().unwrap();
        assert_eq!(m.name, name, "card {card}");
    }
    assert!(ops::member_lookup(&store, &MemberRef::Card(card::issue("62", 99))).unwrap().is_none());
}

#[test]
fn enrolling_twice_with_one_reference_gives_one_member() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "test").unwrap();
    let config = Config::builtin().unwrap();
    let ctx =
        Ctx { config: &config, actor: Actor::system(), now: 0, today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap() };
    let enrol = |name: &str| {
        let input = NewMember {
            name: name.into(),
            email: Some("Ana@Example.com".into()),
            external_ref: Some("crm:42".into()),
            ..NewMember::default()
        };
        ops::execute(&store, &ctx, &Command::AddMember(input))
    };
    let first = match enrol("Ana Silva").unwrap() {
        Reply::Member(v) => v.member.card,
        other => panic!("unexpected reply {other:?}"),
    };
    let again = match enrol("Ana Silva").unwrap() {
        Reply::Member(v) => v.member.card,
        other => panic!("unexpected reply {other:?}"),
    };
    assert_eq!(first, again, "the same request returns the member it made");
    assert_eq!(ops::query::overview(&store).unwrap().members, 1);
    assert!(matches!(enrol("Bo Costa"), Err(ops::OpError::Conflict(_))), "same reference, other person");
    let report = frontdesk_store::report::verify(&store, &config).unwrap();
    assert!(report.is_clean(), "{:?}", report.problems);
}

/// The start-up read of every member on several threads gives each member once, in id
/// order, however many readers there are and however the ids fall into their ranges.
#[test]
fn reading_the_members_on_several_threads_gives_each_once_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "test").unwrap();
    assert!(store.map_members(4, |m| m.id).is_empty(), "an empty store has none");
    let config = Config::builtin().unwrap();
    let ctx =
        Ctx { config: &config, actor: Actor::system(), now: 0, today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap() };
    let mut cards = Vec::new();
    for i in 0..23 {
        cards.push(add(&store, &ctx, &format!("Guest {i}"), None));
    }
    let all: Vec<u64> = (1..=23).collect();
    for readers in [1, 2, 3, 4, 7, 22, 23, 40] {
        assert_eq!(store.map_members(readers, |m| m.id), all, "{readers} readers");
    }
    assert_eq!(store.map_members(4, |m| m.card.clone()), cards);
}
