//! The upgrade from store layout 1 to layout 3 (schema 2 → 4: index entries into buckets,
//! members and counters in their compact forms) SIGKILLed at random moments: whatever the
//! moment, the next open finishes it, the store verifies, and its reports are those of the
//! store before the upgrade. `FRONTDESK_KILLS=N` sets the kills (default 6).

#![cfg(unix)]

use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::analytics::facts;
use frontdesk_core::domain::member::Member;
use frontdesk_exchange::demo::rng::Rng;
use frontdesk_store::store::buckets::{self, Bucket};
use frontdesk_store::store::records::FactCells;
use frontdesk_store::store::{SCHEMA_VERSION, Store, T, codec};
use std::path::Path;
use std::time::Duration;

use crate::support::cli::{copy_of, ok};
use crate::support::kill::{assert_verifies, env_u64, kill_after, life_of, spawn};

/// A store as layout 1 left it: every member and counter record in its version-1 form,
/// schema 2.
fn as_layout_1(db: &Path) {
    let store = Store::open(db, "test").unwrap();
    let legacy = |kind: u8, body: Vec<u8>| [vec![1, kind, 0, 1], body].concat();
    for item in store.tree(T::Members).iter() {
        let (k, v) = item.unwrap();
        let m: Member = codec::decode(&v).unwrap();
        store
            .tree(T::Members)
            .insert(k, legacy(1, bincode::serde::encode_to_vec(&m, bincode::config::legacy()).unwrap()))
            .unwrap();
    }
    for item in store.tree(T::Agg).scan_prefix([facts::PREFIX]) {
        let (k, v) = item.unwrap();
        let cells: FactCells = codec::decode(&v).unwrap();
        let body = bincode::serde::encode_to_vec(&cells.0, bincode::config::legacy()).unwrap();
        store.tree(T::Agg).insert(k, legacy(10, body)).unwrap();
    }
    // Layout 1 and 2 kept every index entry as a key of its own.
    for item in store.tree(T::Keys).scan_prefix([buckets::BUCKET]) {
        let (k, v) = item.unwrap();
        for (entry, value) in Bucket::decode(&k, &v).unwrap().0 {
            store.tree(T::Keys).insert(entry, value).unwrap();
        }
        store.tree(T::Keys).remove(k).unwrap();
    }
    store.tree(T::Meta).insert(b"schema_version", &2u32.to_be_bytes()).unwrap();
    store.flush().unwrap();
}

/// The tier and liability reports of the store at `db`, read in this process (which does
/// not upgrade what it opens).
fn reports(db: &Path) -> (String, String, u32) {
    let store = Store::open(db, "test").unwrap();
    let config = Config::builtin().unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let tiers = frontdesk_store::report::analytics::tiers(&store, &config, day, None).unwrap();
    let liability = frontdesk_store::report::analytics::liability(&store, &config, day, None).unwrap();
    let schema =
        u32::from_be_bytes(store.tree(T::Meta).get(b"schema_version").unwrap().unwrap().as_ref().try_into().unwrap());
    (format!("{tiers:?}"), format!("{liability:?}"), schema)
}

#[test]
fn a_killed_upgrade_always_resumes_to_a_store_that_verifies_and_reports_as_before() {
    let root = tempfile::tempdir().unwrap();
    let template = root.path().join("template");
    ok(&template, &["demo", "--members", "1500", "--hotels-only"]);
    as_layout_1(&template);
    let (tiers, liability, schema) = reports(&template);
    assert_eq!(schema, 2);
    let opening = ["report", "overview"];
    let calibration = copy_of(&template);
    let life = life_of(calibration.path(), &opening, 1);
    let mut rng = Rng::derive(env_u64("FRONTDESK_CRASH_SEED", 0x9_4111), 9, 0);
    let (mut killed, mut attempts) = (0, 0);
    while killed < env_u64("FRONTDESK_KILLS", 6) && attempts < 40 * env_u64("FRONTDESK_KILLS", 6) {
        attempts += 1;
        let db = copy_of(&template);
        let wait = Duration::from_micros(rng.below((life.as_micros() as u64 * 3 / 2).max(30_000)));
        let (out, was_killed) = kill_after(spawn(db.path(), &opening), wait);
        assert!(was_killed || out.status.success(), "attempt {attempts}: {}", String::from_utf8_lossy(&out.stderr));
        killed += u64::from(was_killed);
        // The next open (verify's) finishes whatever the kill left.
        assert_verifies(db.path(), &format!("an upgrade killed after {} ms", wait.as_millis()));
        assert_eq!(reports(db.path()), (tiers.clone(), liability.clone(), SCHEMA_VERSION), "attempt {attempts}");
    }
    assert!(killed > 0, "no upgrade was killed in {attempts} attempts");
    eprintln!("upgrade: {killed} kills in {attempts} attempts, upgrade life {} ms", life.as_millis());
}
