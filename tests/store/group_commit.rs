//! Group commit (`ops::group`, what `frontdesk serve` runs): commands that wait while the
//! committer is busy go into one transaction and one flush, each staged on its own.

use chrono::{DateTime, NaiveDate};
use frontdesk_core::config::Config;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::operator::Actor;
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_store::ops::{self, Command, Ctx, MemberRef, NewMember, OpError, Reply, StayInput};
use frontdesk_store::store::{Store, T, keys};
use std::sync::Arc;

fn ctx(config: &Config) -> Ctx<'_> {
    let now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().timestamp_millis();
    Ctx { config, actor: Actor::system(), now, today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap() }
}

fn post(member: MemberRef, k: u32) -> Command {
    let arrival = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap() + chrono::Days::new(u64::from(k) * 3);
    Command::PostStay(StayInput {
        member,
        property: None,
        arrival,
        departure: arrival + chrono::Days::new(2),
        revenue_minor: 20_000,
        channel: "direct".into(),
        status: StayStatus::Completed,
        external_ref: Some(format!("group-{k}")),
    })
}

fn member(store: &Store, id: u64) -> Member {
    store.get(T::Members, &keys::id(id)).unwrap().unwrap()
}

/// A store with one member, its committer started, and the member's id.
fn served_store(dir: &std::path::Path, config: &Arc<Config>) -> (Arc<Store>, u64) {
    let store = Arc::new(Store::open(dir, "test").unwrap());
    let input = NewMember { name: "Ana Lima".into(), ..NewMember::default() };
    let Reply::Member(m) = ops::execute(&store, &ctx(config), &Command::AddMember(input)).unwrap() else { panic!() };
    assert!(ops::group::start(&store, config.clone()));
    assert!(!ops::group::start(&store, config.clone()), "one committer per store");
    let id = store.read_raw(T::Keys, &keys::text(keys::CARD, &m.member.card)).unwrap().unwrap();
    (store, keys::read_u64(&id, 0).unwrap())
}

#[test]
fn commands_waiting_while_the_writer_is_busy_share_one_flush_and_a_refused_one_disturbs_none() {
    let dir = tempfile::tempdir().unwrap();
    let config = Arc::new(Config::builtin().unwrap());
    let (store, id) = served_store(dir.path(), &config);
    let (flushes_before, _) = store.flush_counts();

    // While the writer lock is held nobody commits: every command below queues.
    let writer = store.writer();
    let threads: Vec<_> = (0..8u32)
        .map(|k| {
            let (store, config) = (store.clone(), config.clone());
            std::thread::spawn(move || {
                // The fourth names nobody: refused, on its own.
                let who = if k == 3 { MemberRef::Id(999_999) } else { MemberRef::Id(id) };
                ops::execute(&store, &ctx(&config), &post(who, k))
            })
        })
        .collect();
    while ops::group::submitted(&store) < 8 {
        std::thread::yield_now();
    }
    drop(writer);
    let results: Vec<Result<Reply, OpError>> = threads.into_iter().map(|t| t.join().unwrap()).collect();

    let (flushes_after, _) = store.flush_counts();
    // The committer may have taken the first command before the others queued behind it.
    assert!(flushes_after - flushes_before <= 2, "8 commands took {} flushes", flushes_after - flushes_before);
    for (k, r) in results.iter().enumerate() {
        match (k, r) {
            (3, Err(OpError::NotFound(_))) => {}
            (3, other) => panic!("the post for nobody answered {other:?}"),
            (_, Ok(Reply::Stay(_))) => {}
            (_, other) => panic!("post {k} answered {other:?}"),
        }
    }
    let m = member(&store, id);
    assert_eq!(m.stays, 7, "the seven good posts applied, the refused one did not");
    assert_eq!(m.stay_seq, 7);
}

#[test]
fn a_command_under_other_rules_runs_alone_and_the_same_reference_twice_is_one_stay() {
    let dir = tempfile::tempdir().unwrap();
    let config = Arc::new(Config::builtin().unwrap());
    let (store, id) = served_store(dir.path(), &config);
    // Rules that are not the committer's are applied directly, with the same outcome.
    let other = Config::builtin().unwrap();
    let before = ops::group::submitted(&store);
    ops::execute(&store, &ctx(&other), &post(MemberRef::Id(id), 1)).unwrap();
    assert_eq!(ops::group::submitted(&store), before);
    // The same external reference from two callers at once, through the committer: one
    // stay, and the other told it was a duplicate.
    let threads: Vec<_> = (0..2)
        .map(|_| {
            let (store, config) = (store.clone(), config.clone());
            std::thread::spawn(move || ops::execute(&store, &ctx(&config), &post(MemberRef::Id(id), 2)).unwrap())
        })
        .collect();
    let duplicates = threads.into_iter().map(|t| t.join().unwrap()).filter(Reply::is_duplicate).count();
    assert_eq!(duplicates, 1);
    assert_eq!(member(&store, id).stays, 2);
}
