//! The demo's residential property: residents in every role across buildings, fee
//! payments mostly on time, repair requests, a running promotion on on-time fees, and a
//! store that passes `verify`.

use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::activity::{Activity, ActivityRecord};
use frontdesk_core::domain::complaint::{Complaint, ComplaintState};
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::residence::{Residence, ResidentRole};
use frontdesk_exchange::demo::{self, DemoOptions, DemoSummary};
use frontdesk_store::report::verify;
use frontdesk_store::store::{Store, T, codec, keys};
use std::collections::BTreeSet;

fn build(seed: u64) -> (tempfile::TempDir, Store, Config, DemoSummary) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), "test").expect("store opens");
    let config = Config::builtin().expect("defaults load");
    let today = NaiveDate::from_ymd_opt(2026, 5, 14).expect("date");
    let now_ms = today.and_hms_opt(16, 30, 0).expect("time").and_utc().timestamp_millis();
    let opts = DemoOptions { members: 300, seed, today, now_ms, managed: true };
    let summary = demo::build(&store, &config, &opts, &mut |_, _| {}).expect("demo builds");
    (dir, store, config, summary)
}

fn residences(store: &Store) -> Vec<Residence> {
    store
        .tree(T::Keys)
        .scan_prefix([keys::RESIDENCE])
        .map(|kv| codec::decode::<Residence>(&kv.expect("read").1).expect("decodes"))
        .collect()
}

#[test]
fn the_demo_has_a_residential_property_with_its_life() {
    let (_dir, store, config, summary) = build(7);
    assert!(summary.residents >= 12 && summary.fee_payments > 100 && summary.service_requests > 10, "{summary:?}");
    let members: Vec<Member> = store.scan_prefix::<Member>(T::Members, &[]).map(|r| r.expect("member").1).collect();
    let at_home = members.iter().filter(|m| m.home_property == "LRG").count() as u64;
    assert_eq!(at_home, summary.residents);
    let homes = residences(&store);
    assert_eq!(homes.len() as u64, summary.residents, "every resident has a residence");
    let roles: BTreeSet<&str> = homes.iter().map(|r| r.role.as_str()).collect();
    assert_eq!(roles.len(), ResidentRole::ALL.len(), "{roles:?}");
    let buildings: BTreeSet<&str> = homes.iter().map(|r| r.building.as_str()).collect();
    assert!(buildings.len() >= 3, "{buildings:?}");

    let activities: Vec<ActivityRecord> =
        store.scan_prefix::<ActivityRecord>(T::Activities, &[]).map(|r| r.expect("activity").1).collect();
    let fees: Vec<bool> = activities
        .iter()
        .filter_map(|a| match a.activity {
            Activity::FeePayment { on_time, .. } => Some(on_time),
            _ => None,
        })
        .collect();
    let on_time = fees.iter().filter(|t| **t).count();
    assert!(on_time * 100 > fees.len() * 75 && on_time < fees.len(), "{on_time} of {} on time", fees.len());
    assert!(activities.iter().any(|a| matches!(a.activity, Activity::Event { .. })));
    assert!(activities.iter().any(|a| a.grants.iter().any(|g| g.code == "FEE-ON-TIME")), "the promotion grants points");

    let complaints: Vec<Complaint> =
        store.scan_prefix::<Complaint>(T::Complaints, &[]).map(|r| r.expect("complaint").1).collect();
    let repairs: Vec<&Complaint> =
        complaints.iter().filter(|c| c.property == "LRG" && c.category == "repairs").collect();
    assert!(repairs.len() > 10, "{} repairs", repairs.len());
    assert!(repairs.iter().any(|c| c.state == ComplaintState::Closed));
    for c in complaints.iter().filter(|c| c.property == "LRG") {
        assert!(config.complaint_categories("LRG").contains(&c.category), "{}", c.category);
    }

    let report = verify(&store, &config).expect("verify runs");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn the_residential_demo_is_deterministic() {
    let (_a, a, _, sa) = build(3);
    let (_b, b, _, sb) = build(3);
    assert_eq!(format!("{sa:?}"), format!("{sb:?}"));
    for t in [T::Activities, T::Complaints, T::Keys] {
        let x: Vec<_> = a.tree(t).iter().map(|r| r.expect("read")).collect();
        let y: Vec<_> = b.tree(t).iter().map(|r| r.expect("read")).collect();
        assert!(x == y, "tree {} differs", t.name());
    }
}
