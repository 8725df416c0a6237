//! Scale harness: builds (or reuses) a demo store and measures what a front desk feels.
//!
//! ```text
//! SCALE_MEMBERS=1000000 SCALE_DIR=/tmp/fd-1m cargo bench --bench scale
//! ```
//! Reports build throughput and peak RSS, durable `stay post` latency (p50/p99) and
//! lookups by card, e-mail and phone tail (p50/p99). With SCALE_DIR pointing at a store
//! that already has members, the build is skipped and only the timings run.

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
use frontdesk_core::domain::contact::phone_digits;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::operator::Actor;
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_exchange::demo::rng::Rng;
use frontdesk_store::ops::{self, Command, Ctx, MemberRef, StayInput, query};
use frontdesk_store::store::{Store, T, keys};
use std::time::{Duration, Instant};

mod support;
use support::{env_u64, peak_rss_mib, percentile_ms};

fn percentiles(mut v: Vec<Duration>) -> (f64, f64, f64) {
    v.sort();
    (percentile_ms(&v, 0.5), percentile_ms(&v, 0.99), percentile_ms(&v, 1.0))
}

fn main() {
    let members = env_u64("SCALE_MEMBERS", 100_000);
    let posts = env_u64("SCALE_POSTS", 5_000);
    let lookups = env_u64("SCALE_LOOKUPS", 20_000);
    let kept;
    let path = match std::env::var("SCALE_DIR") {
        Ok(p) => std::path::PathBuf::from(p),
        Err(_) => {
            kept = tempfile::tempdir().expect("temp dir");
            kept.path().to_path_buf()
        }
    };
    let config = Config::builtin().expect("built-in config is valid");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date");
    let now = 1_795_000_000_000;
    let ctx = Ctx { config: &config, actor: Actor::system(), now, today };
    let store = Store::open(&path, "bench").expect("store opens");
    println!("# frontdesk scale harness\n\nstore: {}", path.display());
    if store.tree(T::Members).is_empty() {
        let started = Instant::now();
        let opts = frontdesk_exchange::demo::DemoOptions { members, seed: 42, today, now_ms: now, managed: true };
        let mut last = 0;
        let mut progress = |done: u64, total: u64| {
            if done >= last + total / 20 || done == total {
                last = done;
                eprintln!(
                    "  built {done}/{total} members, {:.0} s, peak RSS {:.0} MiB",
                    started.elapsed().as_secs_f64(),
                    peak_rss_mib()
                );
            }
        };
        let summary = frontdesk_exchange::demo::build(&store, &config, &opts, &mut progress).expect("demo builds");
        let secs = started.elapsed().as_secs_f64();
        println!("\n| build | value |\n|---|---|");
        println!("| members | {} |\n| stays | {} |", summary.members, summary.stays);
        println!("| time | {secs:.1} s |");
        println!(
            "| members/s | {:.0} |\n| stays/s | {:.0} |",
            summary.members as f64 / secs,
            summary.stays as f64 / secs
        );
        println!("| peak RSS during build | {:.0} MiB |", peak_rss_mib());
        println!("| size on disk | {:.0} MiB |", store.size_on_disk() as f64 / 1048576.0);
    }
    let overview = query::overview(&store).expect("overview");
    println!("\nstore holds {} members, {} stays", overview.members, overview.stays);
    let n = overview.members;
    // A fixed sequence, so runs pick the same members.
    let mut pick = Rng::new(0x9e37_79b9_7f4a_7c15);

    let mut post_times = Vec::with_capacity(posts as usize);
    for i in 0..posts {
        let input = StayInput {
            member: MemberRef::Id(1 + pick.below(n)),
            property: None,
            arrival: NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid date"),
            departure: today,
            revenue_minor: 36_000,
            channel: "direct".into(),
            status: StayStatus::Completed,
            external_ref: Some(format!("scale-{}-{i}", std::process::id())),
        };
        let t = Instant::now();
        let result = ops::execute(&store, &ctx, &Command::PostStay(input));
        post_times.push(t.elapsed());
        if let Err(e) = result {
            eprintln!("post failed: {e}");
        }
    }

    if std::env::var_os("SCALE_WARM").is_some() {
        // What the terminal UI's worker does at start-up: read every member (to build
        // its search index) and, here, every exact-match key.
        let t = Instant::now();
        let keys = store.tree(T::Keys).iter().count();
        let members = store.tree(T::Members).iter().count();
        println!("\nwarmed {members} members and {keys} keys in {:.1} s", t.elapsed().as_secs_f64());
    }
    let mut sample: Vec<Member> = Vec::new();
    while (sample.len() as u64) < lookups.min(n) {
        if let Ok(Some(m)) = store.get::<Member>(T::Members, &keys::id(1 + pick.below(n))) {
            sample.push(m);
        }
    }
    let time = |f: &dyn Fn(&Member) -> usize| {
        let mut v = Vec::with_capacity(sample.len());
        let mut found = 0;
        for m in &sample {
            let t = Instant::now();
            found += f(m);
            v.push(t.elapsed());
        }
        (percentiles(v), found)
    };
    let card =
        time(&|m| usize::from(ops::member_lookup(&store, &MemberRef::Card(m.card.clone())).ok().flatten().is_some()));
    let email = time(&|m| match &m.email {
        Some(e) => usize::from(ops::member_lookup(&store, &MemberRef::Email(e.clone())).ok().flatten().is_some()),
        None => 0,
    });
    let phone = time(&|m| match &m.phone {
        Some(p) => {
            let d = phone_digits(p);
            let tail = &d[d.len().saturating_sub(6)..];
            usize::from(
                query::find_members(&store, &config, tail, 20).map(|v| v.iter().any(|x| x.id == m.id)).unwrap_or(false),
            )
        }
        None => 0,
    });
    let (p50, p99, max) = percentiles(post_times);
    println!("\n| operation | p50 ms | p99 ms | max ms | n |\n|---|---|---|---|---|");
    println!("| durable stay post | {p50:.3} | {p99:.3} | {max:.3} | {posts} |");
    for (name, ((a, b, c), found)) in
        [("lookup by card", card), ("lookup by e-mail", email), ("lookup by phone tail (6 digits)", phone)]
    {
        println!("| {name} | {a:.4} | {b:.4} | {c:.3} | {found} found |");
    }
    search_as_you_type(&store, &config, today, &sample);
    println!("\npeak RSS of the whole run: {:.0} MiB", peak_rss_mib());
}

/// What the terminal UI does per keystroke: search the in-memory index and load the
/// rows shown (up to 50 members read from the store and turned into views).
fn search_as_you_type(store: &Store, config: &Config, today: NaiveDate, sample: &[Member]) {
    if sample.is_empty() {
        return;
    }
    let started = Instant::now();
    let mut index = frontdesk_core::search::Index::default();
    for (_, m) in store.scan_prefix::<Member>(T::Members, &[]).flatten() {
        index.upsert(frontdesk_core::search::Entry::of(&m));
    }
    println!("\nsearch index of {} members built in {:.1} s", index.len(), started.elapsed().as_secs_f64());
    let mut run = |name: &str, query: &dyn Fn(&Member) -> Option<String>| {
        let mut times = Vec::new();
        for m in sample.iter().take(5_000) {
            let Some(q) = query(m) else { continue };
            // Every prefix as it is typed, as the clerk sees it.
            for end in (1..=q.chars().count()).map(|n| q.char_indices().nth(n).map_or(q.len(), |(i, _)| i)) {
                let t = Instant::now();
                let rows: Vec<_> = index
                    .search(&q[..end], 50)
                    .into_iter()
                    .filter_map(|(id, _)| store.get::<Member>(T::Members, &keys::id(id)).ok().flatten())
                    .map(|m| frontdesk_store::ops::view::MemberView::on(config, today, &m))
                    .collect();
                std::hint::black_box(rows);
                times.push(t.elapsed());
            }
        }
        let n = times.len();
        let (p50, p99, max) = percentiles(times);
        println!("| {name} | {p50:.3} | {p99:.3} | {max:.3} | {n} keystrokes |");
    };
    println!("\n| keystroke → result list | p50 ms | p99 ms | max ms | n |\n|---|---|---|---|---|");
    run("card number", &|m| Some(m.card.clone()));
    run("phone tail (typed up to 6 digits)", &|m| {
        m.phone.as_deref().map(|p| {
            let d = phone_digits(p);
            d[d.len().saturating_sub(6)..].to_string()
        })
    });
    run("surname (typed)", &|m| m.name.split_whitespace().last().map(str::to_string));
    run("pinyin initials (typed)", &|m| Some(frontdesk_core::search::initials(&m.name)).filter(|s| !s.is_empty()));
    run("surname with a typo (typed)", &|m| {
        m.name.split_whitespace().last().filter(|w| w.chars().count() > 4).map(|w| {
            let mut c: Vec<char> = w.chars().collect();
            c.swap(1, 2);
            c.into_iter().collect()
        })
    });
}
