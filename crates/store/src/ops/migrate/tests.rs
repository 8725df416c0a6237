use super::*;
use crate::ops::{Command, NewMember, Reply, execute};
use crate::store::codec;
use crate::store::codec::Record;
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
        let id = store.read_raw(T::Keys, &keys::text(keys::CARD, &v.member.card)).unwrap().unwrap();
        let id = keys::read_u64(&id, 0).unwrap();
        let mut m: Member = store.get(T::Members, &keys::id(id)).unwrap().unwrap();
        m.phone = Some((*phone).into());
        store.tree(T::Members).insert(keys::id(id), codec::encode(&m)).unwrap();
        store.tree(T::Keys).insert(keys::phone(phone_digits(phone), id), &[][..]).unwrap();
        ids.push(id);
    }
    // Before store layout 3 every index entry was a key of its own.
    for item in store.tree(T::Keys).scan_prefix([crate::store::buckets::BUCKET]) {
        let (k, v) = item.unwrap();
        for (entry, value) in crate::store::buckets::Bucket::decode(&k, &v).unwrap().0 {
            store.tree(T::Keys).insert(entry, value).unwrap();
        }
        store.tree(T::Keys).remove(k).unwrap();
    }
    store.tree(T::Meta).insert(b"schema_version", &1u32.to_be_bytes()).unwrap();
    store.flush().unwrap();
    ids
}

fn phone_of(store: &Store, id: u64) -> Option<String> {
    store.get::<Member>(T::Members, &keys::id(id)).unwrap().unwrap().phone
}

fn has_key(store: &Store, phone: &str, id: u64) -> bool {
    store.read_raw(T::Keys, &keys::phone(phone_digits(phone), id)).unwrap().is_some()
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
    assert_eq!((run.from, run.to, run.phones, run.kept), (1, SCHEMA_VERSION, 3, 1));
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
    begin(&store, 1).unwrap();
    let taken = std::fs::read(&backup).unwrap();
    let mut first =
        Upgrade { from: 1, to: SCHEMA_VERSION, backup: backup.clone(), phones: 0, kept: 0, compacted: 0, regrouped: 0 };
    super::regroup::regroup(&store).unwrap();
    rewrite(&store, &ctx(&config), &ids[..1], &mut first, false).unwrap();
    assert_eq!(first.phones, 1);
    assert_under_way(&store, 1);
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
    assert!(!dir.path().join(format!("before-schema-{SCHEMA_VERSION}.backup")).exists());
}

/// A store as layout 1 (schema 2) left it: members who stayed, every member and counter
/// record in its version-1 form. Returns the tier and liability reports it gave.
fn layout_1_store(dir: &Path, config: &Config) -> (String, String) {
    let store = Store::open(dir, "test").unwrap();
    let ctx = ctx(config);
    for n in 0..30u32 {
        let input = NewMember { name: format!("Guest {n}"), property: Some("LIS".into()), ..NewMember::default() };
        let Reply::Member(v) = execute(&store, &ctx, &Command::AddMember(input)).unwrap() else { panic!() };
        for s in 0..(n % 4) {
            let arrival = NaiveDate::from_ymd_opt(2025, 1 + s, 1 + n % 20).unwrap();
            let stay = crate::ops::StayInput {
                member: crate::ops::MemberRef::Card(v.member.card.clone()),
                property: None,
                arrival,
                departure: arrival + chrono::Days::new(u64::from(1 + s)),
                revenue_minor: 40_000 + i64::from(n) * 1_000,
                channel: "direct".into(),
                status: frontdesk_core::domain::stay::StayStatus::Completed,
                external_ref: None,
            };
            execute(&store, &ctx, &Command::PostStay(stay)).unwrap();
        }
    }
    let legacy = |kind: u8, body: Vec<u8>| [vec![1, kind, 0, 1], body].concat();
    for item in store.tree(T::Members).iter() {
        let (k, v) = item.unwrap();
        let m: Member = codec::decode(&v).unwrap();
        let body = bincode::serde::encode_to_vec(&m, bincode::config::legacy()).unwrap();
        store.tree(T::Members).insert(k, legacy(1, body)).unwrap();
    }
    for item in store.tree(T::Agg).scan_prefix([facts::PREFIX]) {
        let (k, v) = item.unwrap();
        let cells: FactCells = codec::decode(&v).unwrap();
        let body = bincode::serde::encode_to_vec(&cells.0, bincode::config::legacy()).unwrap();
        store.tree(T::Agg).insert(k, legacy(10, body)).unwrap();
    }
    store.tree(T::Meta).insert(b"schema_version", &2u32.to_be_bytes()).unwrap();
    store.flush().unwrap();
    reports(&store, config)
}

fn reports(store: &Store, config: &Config) -> (String, String) {
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let tiers = crate::report::analytics::tiers(store, config, day, None).unwrap();
    let liability = crate::report::analytics::liability(store, config, day, None).unwrap();
    (format!("{tiers:?}"), format!("{liability:?}"))
}

fn versions(store: &Store, t: T, prefix: &[u8]) -> std::collections::BTreeSet<Option<u16>> {
    store.tree(t).scan_prefix(prefix).map(|item| codec::version_of(&item.unwrap().1)).collect()
}

#[test]
fn a_layout_1_store_is_rewritten_compact_and_reports_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::builtin().unwrap();
    let before = layout_1_store(dir.path(), &config);
    let store = Store::open(dir.path(), "test").unwrap();
    let size_before: usize = store.tree(T::Members).iter().map(|i| i.unwrap().1.len()).sum();
    assert_eq!(versions(&store, T::Members, &[]), [Some(1)].into());
    let run = upgrade(&store, &ctx(&config)).unwrap().expect("schema 2 is upgraded");
    assert_eq!((run.from, run.to, run.phones, run.kept), (2, SCHEMA_VERSION, 0, 0));
    let agg = store.tree(T::Agg).scan_prefix([facts::PREFIX]).count() as u64;
    assert_eq!(run.compacted, 30 + agg, "every member and counter record");
    assert_eq!(versions(&store, T::Members, &[]), [Some(Member::VERSION)].into());
    assert_eq!(versions(&store, T::Agg, &[facts::PREFIX]), [Some(FactCells::VERSION)].into());
    let size_after: usize = store.tree(T::Members).iter().map(|i| i.unwrap().1.len()).sum();
    assert!(size_after * 10 < size_before * 8, "members take {size_after} bytes, were {size_before}");
    assert_eq!(reports(&store, &config), before);
    let report = crate::report::verify(&store, &config).unwrap();
    assert!(report.is_clean(), "{:?}", report.problems);
    assert!(upgrade(&store, &ctx(&config)).unwrap().is_none(), "a second open changes nothing");
}

#[test]
fn a_layout_upgrade_cut_short_after_any_transaction_resumes_to_the_same_store() {
    let config = Config::builtin().unwrap();
    for cut in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let before = layout_1_store(dir.path(), &config);
        let store = Store::open(dir.path(), "test").unwrap();
        backup_before(&store, 0).unwrap();
        begin(&store, 2).unwrap();
        if cut > 0 {
            compact_counters(&store).unwrap();
        }
        if cut > 1 {
            let ids: Vec<u64> = (1..=10).collect();
            let mut part =
                Upgrade { from: 2, to: 3, backup: PathBuf::new(), phones: 0, kept: 0, compacted: 0, regrouped: 0 };
            rewrite(&store, &ctx(&config), &ids, &mut part, false).unwrap();
        }
        assert_under_way(&store, 2);
        drop(store);
        let store = Store::open(dir.path(), "test").unwrap();
        upgrade(&store, &ctx(&config)).unwrap().expect("finished");
        assert_eq!(versions(&store, T::Members, &[]), [Some(Member::VERSION)].into(), "cut {cut}");
        assert_eq!(reports(&store, &config), before, "cut {cut}");
        let report = crate::report::verify(&store, &config).unwrap();
        assert!(report.is_clean(), "cut {cut}: {:?}", report.problems);
    }
}

/// An upgrade from `from` under way: the store says this build's schema, which a previous
/// release refuses, and the marker says where the upgrade started.
fn assert_under_way(store: &Store, from: u32) {
    assert_eq!(store.schema_version(), SCHEMA_VERSION, "an older build refuses the store from the start");
    assert_eq!(pending_from(store).unwrap(), Some(from), "not done until the last transaction says so");
    let report = crate::report::verify(store, &Config::builtin().unwrap()).unwrap();
    assert!(report.problems.iter().any(|p| p.contains("not finished")), "{:?}", report.problems);
}

#[test]
fn a_backup_left_by_an_earlier_upgrade_is_set_aside_not_reused() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::builtin().unwrap();
    old_store(dir.path(), &config, &OLD[..1]);
    let stale = dir.path().join(format!("before-schema-{SCHEMA_VERSION}.backup"));
    std::fs::write(&stale, b"a backup of what the store held before an earlier restore").unwrap();
    let store = Store::open(dir.path(), "test").unwrap();
    let run = upgrade(&store, &ctx(&config)).unwrap().expect("upgraded");
    let summary = crate::backup::check_file(&run.backup).unwrap();
    assert_eq!(summary.header.schema_version, 1, "a backup of this store as it was");
    let aside = dir.path().join(format!("before-schema-{SCHEMA_VERSION}.set-aside-0.backup"));
    assert_eq!(std::fs::read(aside).unwrap(), b"a backup of what the store held before an earlier restore");
}

#[test]
fn a_damaged_upgrade_mark_still_finishes_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::builtin().unwrap();
    old_store(dir.path(), &config, &OLD[..2]);
    let store = Store::open(dir.path(), "test").unwrap();
    backup_before(&store, 0).unwrap();
    begin(&store, 1).unwrap();
    store.tree(T::Meta).insert(UPGRADE_FROM, &[0u8, 1][..]).unwrap();
    assert_eq!(pending_from(&store).unwrap(), Some(SCHEMA_VERSION - 1));
    upgrade(&store, &ctx(&config)).unwrap().expect("finished");
    assert_eq!(pending_from(&store).unwrap(), None);
    let report = crate::report::verify(&store, &config).unwrap();
    assert!(report.is_clean(), "{:?}", report.problems);
}
