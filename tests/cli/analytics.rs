//! On a seeded demo store, every counter-based report equals a brute-force recomputation
//! written here straight from the primary records; `verify` catches a tampered counter.

use crate::support::cli;

use chrono::{Datelike, Months, NaiveDate};
use frontdesk_core::config::Config;
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::member::{Member, MemberStatus};
use frontdesk_core::domain::stay::{Stay, StayStatus};
use frontdesk_store::report::analytics as a;
use frontdesk_store::store::{Store, T};
use std::collections::BTreeMap;

fn demo() -> (tempfile::TempDir, Store, Config, NaiveDate) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let out = cli::frontdesk(&db, &["demo", "--members", "150", "--seed", "7"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let store = Store::open(&db, "test").unwrap();
    (dir, store, Config::builtin().unwrap(), NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
}

fn all<R: frontdesk_store::store::codec::Record>(store: &Store, t: T) -> Vec<R> {
    store.scan_prefix::<R>(t, &[]).map(|r| r.unwrap().1).collect()
}

fn live(m: &Member) -> bool {
    matches!(m.status, MemberStatus::Active | MemberStatus::Blocked)
}

#[test]
fn every_report_equals_a_brute_force_recount_and_verify_catches_tampering() {
    let (_dir, store, config, today) = demo();
    let members: Vec<Member> = all(&store, T::Members);
    let stays: Vec<Stay> = all(&store, T::Stays);
    let complaints: Vec<Complaint> = all(&store, T::Complaints);
    assert!(complaints.len() > 3 && stays.len() > 100);
    let table = frontdesk_store::ops::view::tier_table(&config);
    for property in [None, Some("LIS")] {
        let mine = |m: &&Member| live(m) && property.is_none_or(|p| m.home_property == p);
        // Tiers: each member's effective tier today, from the tier rules directly.
        let r = a::tiers(&store, &config, today, property).unwrap();
        let mut per_tier = vec![0u64; config.tiers.len()];
        for m in members.iter().filter(mine) {
            per_tier[table.rank_on(today, &m.qual, m.tier_override.as_ref())] += 1;
        }
        assert_eq!(r.tiers.iter().map(|c| c.count).collect::<Vec<_>>(), per_tier, "tiers {property:?}");
        let at_risk = a::tier_members(&store, &config, today, property, "at_risk").unwrap();
        assert_eq!(at_risk.members.len() as u64, r.at_risk.iter().map(|c| c.count).sum::<u64>());
        // Retention: last completed stay per member from the stays tree.
        let mut last: BTreeMap<u64, NaiveDate> = BTreeMap::new();
        let mut count: BTreeMap<u64, u64> = BTreeMap::new();
        for s in stays.iter().filter(|s| s.status == StayStatus::Completed) {
            let e = last.entry(s.member_id).or_insert(s.departure);
            *e = (*e).max(s.departure);
            *count.entry(s.member_id).or_insert(0) += 1;
        }
        let r = a::retention(&store, &config, today, property).unwrap();
        let (cut12, cut24) = (today - Months::new(12), today - Months::new(24));
        let (mut act, mut risk, mut lapsed, mut never, mut stayed, mut repeat) = (0, 0, 0, 0, 0u64, 0u64);
        for m in members.iter().filter(mine) {
            match last.get(&m.id) {
                None => never += 1,
                Some(d) if *d > cut12 => act += 1,
                Some(d) if *d > cut24 => risk += 1,
                Some(_) => lapsed += 1,
            }
            let n = count.get(&m.id).copied().unwrap_or(0);
            stayed += u64::from(n >= 1);
            repeat += u64::from(n >= 2);
        }
        assert_eq!(
            (r.active, r.at_risk, r.lapsed, r.never_stayed),
            (act, risk, lapsed, never),
            "retention {property:?}"
        );
        assert_eq!(r.repeat_stay_rate, Some(repeat as f64 / stayed as f64));
        // Liability: balances and lots, expiry found by stepping day by day as the nightly job would.
        let r = a::liability(&store, &config, today, property).unwrap();
        let owners = members.iter().filter(|m| property.is_none_or(|p| m.home_property == p));
        let (mut outstanding, mut earned, mut within) = (0, 0, [0i64; 3]);
        for m in owners {
            outstanding += m.balance;
            earned += m.lifetime_points;
            for day in 1..=90u64 {
                let d = today + chrono::Days::new(day);
                let policy = frontdesk_store::ops::view::expiry_policy(&config, m, d);
                let prev = frontdesk_store::ops::view::expiry_policy(&config, m, d - chrono::Days::new(1));
                for lot in &m.lots {
                    let due = |p, on| {
                        frontdesk_core::domain::ledger::expiry_date(p, lot, m.last_activity).is_some_and(|x| x <= on)
                    };
                    if due(policy, d) && !due(prev, d - chrono::Days::new(1)) {
                        for (i, w) in [30, 60, 90].iter().enumerate() {
                            within[i] += if day <= *w { lot.remaining } else { 0 };
                        }
                    }
                }
            }
        }
        assert_eq!((r.earned, r.outstanding), (earned, outstanding), "liability {property:?}");
        assert_eq!(r.expiring.iter().map(|e| e.points).collect::<Vec<_>>(), within.to_vec());
        // Complaints and satisfaction: the 12 months ending with today's month.
        let from = NaiveDate::from_ymd_opt(today.year() - 1, today.month() + 1, 1).unwrap_or(NaiveDate::MIN);
        let window: Vec<&Complaint> = complaints
            .iter()
            .filter(|c| property.is_none_or(|p| c.property == p))
            .filter(|c| {
                let d = chrono::DateTime::from_timestamp_millis(c.opened_at).unwrap().date_naive();
                d >= from && d <= NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
            })
            .collect();
        let r = a::complaints(&store, &config, today, property).unwrap();
        assert_eq!(r.complaints, window.len() as u64, "complaints {property:?}");
        let late = window
            .iter()
            .filter(|c| {
                c.first_response_at.is_some_and(|t| t > c.respond_by) || c.resolved_at.is_some_and(|t| t > c.resolve_by)
            })
            .count() as u64;
        assert_eq!(r.sla_breached, late);
        assert_eq!(r.goodwill_points, window.iter().map(|c| c.goodwill_points).sum::<i64>());
        let mut per_member: BTreeMap<u64, u64> = BTreeMap::new();
        for c in complaints.iter().filter(|c| property.is_none_or(|p| c.property == p)) {
            if let Some(m) = c.member_id {
                *per_member.entry(m).or_insert(0) += 1;
            }
        }
        assert_eq!(r.complainers, per_member.len() as u64);
        assert_eq!(r.repeat_complainers, per_member.values().filter(|n| **n >= 2).count() as u64);
        let s = a::satisfaction(&store, &config, today, property).unwrap();
        let nps: Vec<u8> = window.iter().filter_map(|c| c.nps).collect();
        let csat: Vec<u8> = window.iter().filter_map(|c| c.csat).collect();
        assert_eq!(s.total.nps_responses, nps.len() as u64);
        assert_eq!(s.total.promoters, nps.iter().filter(|x| **x >= 9).count() as u64);
        assert_eq!(s.total.detractors, nps.iter().filter(|x| **x <= 6).count() as u64);
        assert_eq!(s.total.satisfied, csat.iter().filter(|x| **x >= 4).count() as u64);
        // Birthdays in the next 7 days: every active member's birthday checked directly.
        let b = a::birthdays(&store, &config, today, property, 7, None).unwrap();
        let mut want: Vec<String> = members
            .iter()
            .filter(|m| m.status == MemberStatus::Active && property.is_none_or(|p| m.home_property == p))
            .filter(|m| {
                m.birthday.is_some_and(|bd| {
                    (0..7).any(|k| {
                        let d = today + chrono::Days::new(k);
                        frontdesk_store::report::analytics::in_year(bd, d.year()) == Some(d)
                    })
                })
            })
            .map(|m| m.card.clone())
            .collect();
        let mut got: Vec<String> = b.birthdays.iter().map(|x| x.member.card.clone()).collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "birthdays {property:?}");
        assert_eq!(b.total, want.len() as u64);
        // A page lists the first members in the report's order and still counts them all.
        let page = a::birthdays(&store, &config, today, property, 7, Some(2)).unwrap();
        assert_eq!(page.total, b.total);
        let first: Vec<&str> = b.birthdays.iter().take(2).map(|x| x.member.card.as_str()).collect();
        assert_eq!(page.birthdays.iter().map(|x| x.member.card.as_str()).collect::<Vec<_>>(), first);
    }
    // Tampering with one counter is caught, and rebuild puts it right.
    let config = Config::builtin().unwrap();
    assert!(frontdesk_store::report::verify(&store, &config).unwrap().is_clean());
    let (k, _) = store.tree(T::Agg).scan_prefix(b"ft").next().unwrap().unwrap();
    let mut cells: frontdesk_store::store::records::FactCells = store.get(T::Agg, &k).unwrap().unwrap();
    *cells.0.values_mut().next().unwrap() += 1;
    store.tree(T::Agg).insert(&k, frontdesk_store::store::codec::encode(&cells)).unwrap();
    let report = frontdesk_store::report::verify(&store, &config).unwrap();
    assert!(report.problems.iter().any(|p| p.starts_with("agg counters")), "{:?}", report.problems);
    frontdesk_store::ops::rebuild_facts(&store, &config).unwrap();
    assert!(frontdesk_store::report::verify(&store, &config).unwrap().is_clean());
}
