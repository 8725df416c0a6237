//! Demo tests: determinism, coverage of tiers, complaint categories and states, names.

use super::*;
use chrono::NaiveDate;
use frontdesk_core::domain::complaint::{ALL_STATES, Complaint};
use frontdesk_core::domain::member::Member;
use frontdesk_store::ops::query::overview;
use frontdesk_store::ops::view::MemberView;
use frontdesk_store::store::T;
use std::collections::BTreeMap;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 14).unwrap()
}

fn opts(members: u64, seed: u64) -> DemoOptions {
    let now_ms = today().and_hms_opt(16, 30, 0).unwrap().and_utc().timestamp_millis();
    DemoOptions { members, seed, today: today(), now_ms, managed: true }
}

fn demo(members: u64, seed: u64) -> (tempfile::TempDir, Store, Config, DemoSummary) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "test").unwrap();
    let config = Config::builtin().unwrap();
    let mut calls = 0;
    let summary = build(&store, &config, &opts(members, seed), &mut |done, total| {
        calls += 1;
        assert!(done <= total);
    })
    .unwrap();
    assert!(calls >= 1);
    (dir, store, config, summary)
}

fn members(store: &Store) -> Vec<Member> {
    store.scan_prefix::<Member>(T::Members, &[]).map(|r| r.unwrap().1).collect()
}

fn figures(store: &Store) -> (frontdesk_store::store::records::Overview, Vec<(String, i64)>) {
    let list = members(store).into_iter().map(|m| (m.card, m.balance)).collect();
    (overview(store).unwrap(), list)
}

#[test]
fn same_seed_gives_the_same_store() {
    let (_a, store_a, _, sum_a) = demo(300, 7);
    let (_b, store_b, _, sum_b) = demo(300, 7);
    assert_eq!(figures(&store_a), figures(&store_b));
    assert_eq!(serde_json::to_string(&sum_a).unwrap(), serde_json::to_string(&sum_b).unwrap());
    for t in [T::Stays, T::Ledger, T::Complaints, T::Redemptions, T::Audit, T::Keys] {
        let a: Vec<_> = store_a.tree(t).iter().map(|r| r.unwrap()).collect();
        let b: Vec<_> = store_b.tree(t).iter().map(|r| r.unwrap()).collect();
        assert!(a == b, "tree {} differs", t.name());
    }
    assert_eq!(sum_a.members, 300);
    assert!(sum_a.stays > 1_000, "{sum_a:?}");
    let (_c, store_c, _, _) = demo(300, 8);
    assert_ne!(figures(&store_a).1, figures(&store_c).1);
}

#[test]
fn a_demo_shows_every_tier_category_state_and_script() {
    let (_d, store, config, summary) = demo(2_000, 1);
    eprintln!("{summary:?}");
    let all = members(&store);
    let mut tiers: BTreeMap<String, u64> = BTreeMap::new();
    for m in &all {
        *tiers.entry(MemberView::on(&config, today(), m).tier).or_default() += 1;
    }
    eprintln!("tiers {tiers:?}");
    for t in &config.tiers {
        assert!(tiers.get(&t.code).copied().unwrap_or(0) > 0, "no {} members: {tiers:?}", t.code);
    }
    let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let chinese = all.iter().filter(|m| han(&m.name)).count();
    assert!(chinese > 400 && chinese < 800, "{chinese} Chinese names of 2000");
    assert!(all.iter().any(|m| m.name.contains(' ') && !han(&m.name)));
    assert!(all.iter().filter(|m| m.birthday.is_some()).count() > 1_500);
    let complaints: Vec<Complaint> = store.scan_prefix::<Complaint>(T::Complaints, &[]).map(|r| r.unwrap().1).collect();
    for cat in &config.complaints.categories {
        assert!(complaints.iter().any(|c| &c.category == cat), "no {cat} complaint");
    }
    for st in ALL_STATES {
        assert!(complaints.iter().any(|c| c.state == st), "no {} complaint", st.as_str());
    }
    assert!(complaints.iter().any(|c| c.member_id.is_none()));
    assert!(complaints.iter().any(|c| c.goodwill_points > 0));
    assert!(complaints.iter().any(|c| c.csat.is_some() && c.nps.is_some()));
    assert!(summary.redemptions > 0 && summary.bookings_cancelled > 0 && summary.points_expired > 0, "{summary:?}");
    let o = overview(&store).unwrap();
    assert_eq!(o.points_outstanding, all.iter().map(|m| m.balance).sum::<i64>());
}

/// `cargo test --release -- --ignored demo_scale --nocapture`
#[test]
#[ignore]
fn demo_scale() {
    let members: u64 = std::env::var("DEMO_MEMBERS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "test").unwrap();
    let config = Config::builtin().unwrap();
    let started = std::time::Instant::now();
    let mut last = 0;
    let summary = build(&store, &config, &opts(members, 42), &mut |done, total| {
        if done - last >= 20_000 || done == total {
            last = done;
            eprintln!("{done}/{total} after {:.1}s, VmHWM {} kB", started.elapsed().as_secs_f64(), peak_rss_kb());
        }
    })
    .unwrap();
    let secs = started.elapsed().as_secs_f64();
    eprintln!("{summary:?}");
    eprintln!(
        "{members} members in {secs:.1}s: {:.0} members/s, {:.0} stays/s (completed+cancelled), peak RSS {} MiB, disk {} MiB",
        members as f64 / secs,
        (summary.stays + summary.bookings_cancelled) as f64 / secs,
        peak_rss_kb() / 1024,
        store.size_on_disk() / (1 << 20)
    );
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:").and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok()))
        .unwrap_or(0)
}
