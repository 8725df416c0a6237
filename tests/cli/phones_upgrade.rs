//! Stores written before phones were stored in E.164 (schema 1, digits as typed) are
//! upgraded on open, and their members are then found by every form of their number,
//! through `member find` and the desk search (see also `phones.rs`).

use crate::support::cli::{ok, run};
use chrono::{NaiveDate, TimeZone, Utc};
use frontdesk_core::clock::FixedClock;
use frontdesk_core::config::Config;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::operator::Actor;
use frontdesk_core::domain::phone::phone_digits;
use frontdesk_service::jobs::{Done, Job, JobResult};
use frontdesk_service::worker::Worker;
use frontdesk_store::ops::{self, Command, Ctx, NewMember, Reply};
use frontdesk_store::store::buckets::{self, Bucket};
use frontdesk_store::store::{Store, T, codec, keys};
use std::path::Path;
use std::sync::Arc;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// The names `member find QUERY` lists.
fn found(db: &Path, query: &str) -> Vec<String> {
    let out = ok(db, &["--json", "member", "find", query]);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    rows.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_string()).collect()
}

/// The names the desk's search-as-you-type lists for `query` (the worker the terminal UI
/// and `frontdesk serve` run).
fn desk_hits(worker: &mut Worker, query: &str) -> Vec<String> {
    let mut answers = Vec::new();
    worker.handle(Job::Search { generation: 1, query: query.into() }, &mut |m| answers.push(m));
    match answers.into_iter().next() {
        Some(Done { result: JobResult::Found(rows), .. }) => rows.into_iter().map(|r| r.view.name).collect(),
        other => panic!("no answer for {query:?}: {other:?}"),
    }
}

fn worker(db: &Path) -> Worker {
    let store = Store::open(db, "test").unwrap();
    let config = Arc::new(Config::builtin().unwrap());
    let at = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    Worker::new(store, config, Actor::system(), Box::new(FixedClock { at, date: today() }), today())
}

/// Members as schema 1 stored them: each phone as its form reduced to digits (with `+`
/// only when typed), keyed by those digits.
const OLD: [(&str, &str, &str); 4] = [
    ("Wang Wei", "SHA", "13800138000"),
    ("Ana Silva", "LIS", "912345678"),
    ("Bruno Costa", "LIS", "351912345670"),
    ("Li Na", "SHA", "+8613987654321"),
];

fn write_old_store(db: &Path) {
    let store = Store::open(db, "test").unwrap();
    let config = Config::builtin().unwrap();
    let ctx = Ctx { config: &config, actor: Actor::system(), now: 0, today: today() };
    for (name, property, phone) in OLD {
        let input = NewMember { name: name.into(), property: Some(property.into()), ..NewMember::default() };
        let Reply::Member(v) = ops::execute(&store, &ctx, &Command::AddMember(input)).unwrap() else { panic!() };
        let id = keys::read_u64(&store.read_raw(T::Keys, &keys::text(keys::CARD, &v.member.card)).unwrap().unwrap(), 0);
        let id = id.unwrap();
        let mut m: Member = store.get(T::Members, &keys::id(id)).unwrap().unwrap();
        m.phone = Some(phone.into());
        store.tree(T::Members).insert(keys::id(id), codec::encode(&m)).unwrap();
        store.tree(T::Keys).insert(keys::phone(phone_digits(phone), id), &[][..]).unwrap();
    }
    // Before store layout 3 every index entry was a key of its own.
    for item in store.tree(T::Keys).scan_prefix([buckets::BUCKET]) {
        let (k, v) = item.unwrap();
        for (entry, value) in Bucket::decode(&k, &v).unwrap().0 {
            store.tree(T::Keys).insert(entry, value).unwrap();
        }
        store.tree(T::Keys).remove(k).unwrap();
    }
    store.tree(T::Meta).insert(b"schema_version", &1u32.to_be_bytes()).unwrap();
    store.flush().unwrap();
}

#[test]
fn a_store_written_before_is_upgraded_on_open_and_finds_old_members_by_every_form() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    write_old_store(&db);
    let out = run(&db, &["verify"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("upgraded the store from schema version 1 to 4: 3 phones now in international form"), "{err}");
    // Said before it starts too: at a million members an upgrade takes a while.
    let starting = err.find("upgrading the store from schema version 1 to 4: a backup").expect("said before it starts");
    assert!(starting < err.find("upgraded the store").unwrap_or(0), "{err}");
    assert!(db.join("before-schema-4.backup").is_file());
    let forms: [(&str, &[&str]); 4] = [
        ("Wang Wei", &["+8613800138000", "+86 138 0013 8000", "0086 138 0013 8000", "138-0013-8000", "38000"]),
        ("Ana Silva", &["+351912345678", "+351 912 345 678", "00351 912 345 678", "912 345 678", "5678"]),
        ("Bruno Costa", &["+351912345670", "(+351) 912-345-670", "00351912345670", "912345670"]),
        ("Li Na", &["+8613987654321", "0086 139 8765 4321", "139 8765 4321", "54321"]),
    ];
    for (name, queries) in forms {
        for q in queries {
            assert_eq!(found(&db, q), [name], "member find {q}");
        }
    }
    let again = run(&db, &["member", "find", "5678"]);
    assert!(!String::from_utf8_lossy(&again.stderr).contains("upgraded"), "upgraded once");
    let mut desk = worker(&db);
    for (name, queries) in forms {
        for q in queries {
            assert!(desk_hits(&mut desk, q).contains(&name.to_string()), "desk search {q} finds {name}");
        }
    }
}
