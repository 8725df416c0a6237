//! On a seeded demo store after `report rebuild`: RFM segments, segment lists and the
//! cohort matrix equal a brute-force recomputation written here from the stays tree; the
//! CLI prints them; `verify` checks the snapshot; `--members` is never ignored.

use crate::support::cli;

use chrono::{Datelike, Months, NaiveDate};
use frontdesk_core::config::Config;
use frontdesk_core::domain::analytics::{SEGMENTS, Segment};
use frontdesk_core::domain::member::{Member, MemberStatus};
use frontdesk_core::domain::stay::{Stay, StayStatus};
use frontdesk_store::report::analytics as a;
use frontdesk_store::store::{Store, T};
use std::collections::{BTreeMap, BTreeSet};

const AS_OF: &str = "2026-11-23";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn all<R: frontdesk_store::store::codec::Record>(store: &Store, t: T) -> Vec<R> {
    store.scan_prefix::<R>(t, &[]).map(|r| r.unwrap().1).collect()
}

/// The segment of an R and F score, as a grid read row by row (R 5 at the top).
fn grid(r: u8, f: u8) -> Segment {
    use Segment::*;
    const GRID: [[Segment; 5]; 5] = [
        [New, Potential, Potential, Champions, Champions],
        [Potential, Potential, Potential, Loyal, Loyal],
        [Hibernating, Hibernating, Hibernating, Loyal, Loyal],
        [Hibernating, Hibernating, AtRisk, AtRisk, AtRisk],
        [Lost, Lost, AtRisk, AtRisk, AtRisk],
    ];
    GRID[usize::from(5 - r)][usize::from(f - 1)]
}

/// Nearest-rank quintile bounds: the smallest value with at least `i`/5 of the values at or
/// below it; a member's quintile is 1 + the bounds it exceeds.
fn score<T: Ord + Copy>(all: &[T], v: T) -> u8 {
    let mut sorted = all.to_vec();
    sorted.sort();
    let n = sorted.len();
    let bounds: Vec<T> = (1..=4).map(|i| sorted[(0..n).find(|j| (j + 1) * 5 >= i * n).unwrap()]).collect();
    1 + bounds.iter().filter(|b| v > **b).count() as u8
}

fn month(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

#[test]
fn rfm_and_cohorts_equal_a_brute_force_recount() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    cli::ok(&db, &["demo", "--members", "400", "--seed", "11", "--as-of", AS_OF]);
    let rebuilt = cli::ok(&db, &["report", "rebuild", "--as-of", AS_OF]);
    assert!(rebuilt.contains("RFM and cohort snapshot for 2026-11-23"), "{rebuilt}");
    let store = Store::open(&db, "test").unwrap();
    let config = Config::builtin().unwrap();
    let members: Vec<Member> = all(&store, T::Members);
    let live: BTreeMap<u64, &Member> = members
        .iter()
        .filter(|m| matches!(m.status, MemberStatus::Active | MemberStatus::Blocked))
        .map(|m| (m.id, m))
        .collect();
    let mut departures: BTreeMap<u64, Vec<(NaiveDate, i64)>> = BTreeMap::new();
    for s in all::<Stay>(&store, T::Stays) {
        if s.status == StayStatus::Completed && s.departure <= today() && live.contains_key(&s.member_id) {
            departures.entry(s.member_id).or_default().push((s.departure, s.revenue_minor));
        }
    }
    // RFM: figures per member over the window, then scores against everyone's figures.
    let from = today() - Months::new(24);
    let mut figures: BTreeMap<u64, (i64, u64, i64)> = BTreeMap::new();
    for (id, list) in &departures {
        let window: Vec<&(NaiveDate, i64)> = list.iter().filter(|(d, _)| *d > from).collect();
        if let Some(last) = window.iter().map(|(d, _)| *d).max() {
            let revenue = window.iter().map(|(_, r)| r).sum();
            figures.insert(*id, ((today() - last).num_days(), window.len() as u64, revenue));
        }
    }
    let days: Vec<i64> = figures.values().map(|f| f.0).collect();
    let stays: Vec<u64> = figures.values().map(|f| f.1).collect();
    let money: Vec<i64> = figures.values().map(|f| f.2).collect();
    let mut segment_of: BTreeMap<u64, (Segment, String)> = BTreeMap::new();
    for (id, (d, n, m)) in &figures {
        let (r, f, mm) = (6 - score(&days, *d), score(&stays, *n), score(&money, *m));
        segment_of.insert(*id, (grid(r, f), format!("R{r} F{f} M{mm}")));
    }
    assert!(segment_of.len() > 200, "a demo store with enough scored members");
    for property in [None, Some("LIS")] {
        let mine = |id: &u64| property.is_none_or(|p| live[id].home_property == p);
        let r = a::rfm(&store, property).unwrap().expect("snapshot stored");
        let want: Vec<u64> =
            SEGMENTS.iter().map(|s| segment_of.iter().filter(|(id, g)| mine(id) && g.0 == *s).count() as u64).collect();
        assert_eq!(r.segments.iter().map(|s| s.members).collect::<Vec<_>>(), want, "segments {property:?}");
        assert_eq!(r.not_scored, live.keys().filter(|id| mine(id) && !figures.contains_key(id)).count() as u64);
        for s in SEGMENTS {
            let list = a::rfm_members(&store, &config, s, property, None).unwrap().expect("snapshot stored");
            let got: BTreeSet<(u64, String)> = list.members.iter().map(|m| (m.id, m.figure.clone())).collect();
            let want: BTreeSet<(u64, String)> =
                segment_of.iter().filter(|(id, g)| mine(id) && g.0 == s).map(|(id, g)| (*id, g.1.clone())).collect();
            assert_eq!(got, want, "members of {s:?} {property:?}");
        }
        // Cohorts: first completed stay month, and the months each member stayed in after it.
        let c = a::cohorts(&store, property).unwrap().expect("snapshot stored");
        let now = month(today());
        for row in &c.rows {
            let cm = row.cohort[..4].parse::<i32>().unwrap() * 12 + row.cohort[5..].parse::<i32>().unwrap() - 1;
            let cohort: Vec<&Vec<(NaiveDate, i64)>> = departures
                .iter()
                .filter(|(id, list)| mine(id) && list.iter().map(|(d, _)| month(*d)).min() == Some(cm))
                .map(|(_, list)| list)
                .collect();
            assert_eq!(row.members, cohort.len() as u64, "cohort {} {property:?}", row.cohort);
            let want: Vec<f64> = if cohort.is_empty() {
                vec![]
            } else {
                (0..=now - cm)
                    .map(|k| {
                        let back = cohort.iter().filter(|l| l.iter().any(|(d, _)| month(*d) == cm + k)).count();
                        back as f64 / cohort.len() as f64
                    })
                    .collect()
            };
            assert_eq!(row.returning, want, "cohort {} {property:?}", row.cohort);
        }
        assert_eq!(c.rows.len(), 12);
        for m in &c.monthly_stays {
            let mm = m.month[..4].parse::<i32>().unwrap() * 12 + m.month[5..].parse::<i32>().unwrap() - 1;
            let n: usize = departures
                .iter()
                .filter(|(id, _)| mine(id))
                .map(|(_, l)| l.iter().filter(|(d, _)| month(*d) == mm).count())
                .sum();
            assert_eq!(m.stays, n as u64, "stays in {} {property:?}", m.month);
        }
    }
    drop(store);
    let verified = cli::ok(&db, &["verify"]);
    assert!(verified.contains("consistent"), "{verified}");
}

#[test]
fn cli_prints_rfm_and_cohorts_and_never_ignores_members() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    cli::ok(&db, &["demo", "--members", "120", "--seed", "3", "--as-of", AS_OF]);
    // No snapshot yet: computed on the spot for the date, and said so.
    let text = cli::ok(&db, &["report", "rfm", "--as-of", AS_OF]);
    assert!(text.contains("computed now, not stored"), "{text}");
    let retention = cli::ok(&db, &["report", "retention", "--as-of", AS_OF]);
    assert!(retention.contains("cohorts: not computed yet"), "{retention}");
    cli::ok(&db, &["expire", "--as-of", AS_OF]);
    let stored = cli::ok(&db, &["report", "rfm", "--as-of", AS_OF]);
    assert!(stored.contains("stored snapshot"), "{stored}");
    let json: serde_json::Value =
        serde_json::from_str(&cli::ok(&db, &["report", "rfm", "--as-of", AS_OF, "--json"])).unwrap();
    assert_eq!(json["segments"].as_array().map(Vec::len), Some(7));
    let list = cli::ok(&db, &["report", "rfm", "--as-of", AS_OF, "--members", "at-risk", "--csv"]);
    assert!(list.starts_with("table,key,value\n"), "{list}");
    let csv = cli::ok(&db, &["report", "retention", "--as-of", AS_OF, "--csv"]);
    assert!(csv.contains("\ncohort_returning,") && csv.contains("\nmonthly_stays,2026-11,"), "{csv}");
    let text = cli::ok(&db, &["report", "retention", "--as-of", AS_OF]);
    assert!(text.contains("cohorts by first-stay month (snapshot 2026-11-23)"), "{text}");
    for report in ["retention", "liability", "complaints", "satisfaction", "birthdays"] {
        let out = cli::run(&db, &["report", report, "--members", "at_risk"]);
        assert_eq!(out.status.code(), Some(2), "{report}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let out = cli::run(&db, &["report", "rfm", "--members", "whales"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("champions"));
}
