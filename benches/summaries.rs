//! Summaries at scale: how long each Summaries view takes to load (what the worker runs
//! when tab 5 opens a view) on a demo store, and how long `report rebuild` takes.
//!
//! ```text
//! SUMMARY_DIR=/work/fd-1m cargo bench --bench summaries       # reuse a 1M-member demo store
//! SUMMARY_MEMBERS=20000 cargo bench --bench summaries         # build a small one first
//! ```
//! The store is opened with the terminal UI's page cache (`store.interactive_cache_mb`).
//! SUMMARY_REBUILD=1 forces `report rebuild` first (it always runs when the store has no
//! analytics counters yet, e.g. one built before they existed). SUMMARY_RUNS sets the
//! loads per view (default 200): the first is the cold open, p50/p99 cover them all.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::exit,
    reason = "a test or benchmark stops loudly where an expectation fails, and reports by printing"
)]

use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_store::report::analytics as reports;
use frontdesk_store::store::{Store, T};
use std::time::Instant;

mod support;
use support::{env_u64, percentile_ms};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

type Load<'a> = Box<dyn Fn() -> Result<usize, frontdesk_store::store::StoreError> + 'a>;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let config = Config::builtin().expect("built-in config is valid");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date");
    let kept;
    let path = match std::env::var("SUMMARY_DIR") {
        Ok(p) => std::path::PathBuf::from(p),
        Err(_) => {
            kept = tempfile::tempdir().expect("temp dir");
            kept.path().to_path_buf()
        }
    };
    let store = Store::open_with_cache(&path, "bench", config.store.interactive_cache_mb).expect("store opens");
    if store.tree(T::Members).is_empty() {
        let members = env_u64("SUMMARY_MEMBERS", 20_000);
        let opts = frontdesk_exchange::demo::DemoOptions {
            members,
            seed: 42,
            today,
            now_ms: 1_795_000_000_000,
            managed: true,
        };
        let started = Instant::now();
        frontdesk_exchange::demo::build(&store, &config, &opts, &mut |_, _| {}).expect("demo builds");
        println!("built a {members}-member demo store in {:.1} s", started.elapsed().as_secs_f64());
    }
    let members = store.tree(T::Members).len();
    let stays = store.tree(T::Stays).len();
    println!("# Summaries at scale\n\nstore: {} ({members} members, {stays} stays)", path.display());
    let no_counters =
        reports::load_rows(&store, frontdesk_core::domain::analytics::facts::TIERS).map_or(true, |r| r.is_empty());
    let no_snapshot = reports::load_snapshot(&store).map_or(true, |s| s.is_none());
    if no_counters || no_snapshot || std::env::var("SUMMARY_REBUILD").is_ok() {
        // What `frontdesk report rebuild` runs: the counters, then the RFM / cohort snapshot.
        let started = Instant::now();
        frontdesk_store::ops::rebuild_facts(&store, &config).expect("rebuild counters");
        let counters = started.elapsed();
        frontdesk_store::ops::refresh_snapshot(&store, today, 1_795_000_000_000).expect("rebuild snapshot");
        println!(
            "\n`report rebuild`: {:.1} s (counters {:.1} s, RFM and cohort snapshot {:.1} s)",
            started.elapsed().as_secs_f64(),
            counters.as_secs_f64(),
            (started.elapsed() - counters).as_secs_f64()
        );
    }
    let runs = env_u64("SUMMARY_RUNS", 200).max(1);
    let c = &config;
    let s = &store;
    let views: Vec<(&str, Load<'_>)> = vec![
        ("tiers", Box::new(move || reports::tiers(s, c, today, None).map(|r| r.tiers.len()))),
        ("retention", Box::new(move || reports::retention(s, c, today, None).map(|_| 1))),
        ("liability", Box::new(move || reports::liability(s, c, today, None).map(|_| 1))),
        ("complaints", Box::new(move || reports::complaints(s, c, today, None).map(|_| 1))),
        ("satisfaction", Box::new(move || reports::satisfaction(s, c, today, None).map(|_| 1))),
        (
            "birthdays (7 days, first 500 listed)",
            Box::new(move || reports::birthdays(s, c, today, None, 7, Some(500)).map(|r| r.birthdays.len())),
        ),
        ("tiers, one property", Box::new(move || reports::tiers(s, c, today, Some("LIS")).map(|r| r.tiers.len()))),
        ("RFM segments", Box::new(move || reports::rfm(s, None).map(|r| r.map_or(0, |r| r.segments.len())))),
        ("cohorts", Box::new(move || reports::cohorts(s, None).map(|r| r.map_or(0, |r| r.rows.len())))),
    ];
    let drill_runs = env_u64("SUMMARY_DRILL_RUNS", 20).max(1);
    let lists: Vec<(&str, Load<'_>)> = vec![
        (
            "drill-down: a segment's first 500 (Loyal)",
            Box::new(move || {
                let segment = frontdesk_core::domain::analytics::Segment::Loyal;
                reports::rfm_members(s, c, segment, None, Some(500)).map(|l| l.map_or(0, |l| l.members.len()))
            }),
        ),
        (
            "drill-down: tier members at risk (scans members)",
            Box::new(move || reports::tier_members(s, c, today, None, "at_risk").map(|l| l.members.len())),
        ),
    ];
    println!("\n| view | cold | p50 | p99 | max |\n|---|---:|---:|---:|---:|");
    let all = views.iter().map(|v| (v, runs)).chain(lists.iter().map(|l| (l, drill_runs)));
    for ((name, load), runs) in all {
        let mut times = Vec::with_capacity(runs as usize);
        for _ in 0..runs {
            let started = Instant::now();
            load().expect("report loads");
            times.push(started.elapsed());
        }
        let cold = times[0];
        times.sort();
        println!(
            "| {name} | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms |",
            cold.as_secs_f64() * 1e3,
            percentile_ms(&times, 0.5),
            percentile_ms(&times, 0.99),
            percentile_ms(&times, 1.0)
        );
    }
}
