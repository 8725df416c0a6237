use super::*;
use crate::ops::{Command, NewMember, Reply, execute};
use crate::store::codec;
use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::operator::Actor;
use frontdesk_core::domain::phone::phone_digits;
use std::path::Path;

fn ctx(config: &Config) -> Ctx<'_> {
    Ctx { config, actor: Actor::system(), now: 0, today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap() }
}

/// A store as schema 1 left it: members enrolled, then each phone stored as the old rule
/// kept it (digits as typed, `+` only when typed) with its key.
fn old_store(dir: &Path, config: &Config, phones: &[(&str, &str)]) -> Vec<u64> {
    let store = Store::open(dir, "test").unwrap();
    let ctx = ctx(config);
    let mut ids = Vec::new();
    for (property, phone) in phones {
        let input =
            NewMember { name: format!("Guest {phone}"), property: Some((*property).into()), ..NewMember::default() };
        let Reply::Member(v) = execute(&store, &ctx, &Command::AddMember(input)).unwrap() else { panic!() };
        let id = store.tree(T::Keys).get(keys::text(keys::CARD, &v.member.card)).unwrap().unwrap();
        let id = keys::read_u64(&id, 0).unwrap();
        let mut m: Member = store.get(T::Members, &keys::id(id)).unwrap().unwrap();
        m.phone = Some((*phone).into());
        store.tree(T::Members).insert(keys::id(id), codec::encode(&m)).unwrap();
        store.tree(T::Keys).insert(keys::phone(phone_digits(phone), id), &[][..]).unwrap();
        ids.push(id);
    }
    store.tree(T::Meta).insert(b"schema_version", &1u32.to_be_bytes()).unwrap();
    store.flush().unwrap();
    ids
}

fn phone_of(store: &Store, id: u64) -> Option<String> {
    store.get::<Member>(T::Members, &keys::id(id)).unwrap().unwrap().phone
}

fn has_key(store: &Store, phone: &str, id: u64) -> bool {
    store.tree(T::Keys).contains_key(keys::phone(phone_digits(phone), id)).unwrap()
}

const OLD: [(&str, &str); 5] = [
    ("SHA", "13800138000"),    // `138 0013 8000` imported at the Shanghai hotel
    ("LIS", "912345678"),      // typed the national way in Lisbon
    ("LIS", "351912345679"),   // `(351) 912 345 679`: the country code without its +
    ("SHA", "+8613800135678"), // already international
    ("LIS", "0015354240569"),  // no valid number anywhere: kept as it is
];

#[test]
fn an_old_store_is_upgraded_once_after_a_backup_and_verifies_clean() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::builtin().unwrap();
    let ids = old_store(dir.path(), &config, &OLD);
    let store = Store::open(dir.path(), "test").unwrap();
    let run = upgrade(&store, &ctx(&config)).unwrap().expect("schema 1 is upgraded");
    assert_eq!((run.from, run.to, run.phones, run.kept), (1, 2, 3, 1));
    assert_eq!(store.schema_version(), SCHEMA_VERSION);
    let want = ["+8613800138000", "+351912345678", "+351912345679", "+8613800135678", "0015354240569"];
    for ((id, (_, old)), new) in ids.iter().zip(OLD).zip(want) {
        assert_eq!(phone_of(&store, *id).as_deref(), Some(new));
        assert!(has_key(&store, new, *id), "key of {new}");
        assert_eq!(has_key(&store, old, *id), phone_digits(old) == phone_digits(new), "old key of {old}");
    }
    let report = crate::report::verify(&store, &config).unwrap();
    assert!(report.is_clean(), "{:?}", report.problems);
    // The backup is the store before the upgrade, for its owner only.
    let meta = std::fs::metadata(&run.backup).unwrap();
    assert_eq!(std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o777, 0o600);
    let summary = crate::backup::check_file(&run.backup).unwrap();
    assert_eq!(summary.header.schema_version, 1);
    assert!(upgrade(&store, &ctx(&config)).unwrap().is_none(), "a second open changes nothing");
    // Restored, the backup is the old store again, and is upgraded when next opened.
    let again = tempfile::tempdir().unwrap();
    let restored = Store::open_for_repair(again.path(), "test").unwrap();
    crate::backup::restore(&restored, &run.backup, false).unwrap();
    assert_eq!(restored.schema_version(), 1);
    let redo = upgrade(&restored, &ctx(&config)).unwrap().expect("upgraded after a restore");
    assert_eq!((redo.phones, redo.kept), (3, 1));
}

#[test]
fn an_upgrade_cut_short_is_finished_by_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::builtin().unwrap();
    let ids = old_store(dir.path(), &config, &OLD);
    let store = Store::open(dir.path(), "test").unwrap();
    // Killed after the backup and the first transaction.
    let backup = backup_before(&store, 0).unwrap();
    let taken = std::fs::read(&backup).unwrap();
    assert_eq!(rewrite(&store, &ctx(&config), &ids[..1], None).unwrap(), 1);
    assert_eq!(store.schema_version(), 1, "not done until the last transaction says so");
    drop(store);
    let store = Store::open(dir.path(), "test").unwrap();
    let run = upgrade(&store, &ctx(&config)).unwrap().expect("finished");
    assert_eq!((run.phones, run.kept), (2, 1), "the member rewritten before is left as it is");
    assert_eq!(std::fs::read(&run.backup).unwrap(), taken, "the backup from before any change is kept");
    assert_eq!(phone_of(&store, ids[0]).as_deref(), Some("+8613800138000"));
    let report = crate::report::verify(&store, &config).unwrap();
    assert!(report.is_clean(), "{:?}", report.problems);
}

#[test]
fn a_new_store_starts_at_the_current_schema() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::builtin().unwrap();
    let store = Store::open(dir.path(), "test").unwrap();
    assert_eq!(store.schema_version(), SCHEMA_VERSION);
    assert!(upgrade(&store, &ctx(&config)).unwrap().is_none());
    assert!(!dir.path().join("before-schema-2.backup").exists());
}
