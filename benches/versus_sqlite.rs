//! frontdesk versus SQLite: the same loyalty workload, once through frontdesk's real code
//! over its sled store and once over SQLite (rusqlite, bundled library, WAL journal,
//! `synchronous=FULL`, indexes on card, e-mail, reversed phone digits, `lower(surname)`,
//! stays by member), in the same run, on the same generated files.
//!
//! ```text
//! cargo bench --features sqlite-bench --bench versus_sqlite                     # 20,000 members
//! VS_MEMBERS=100000 cargo bench --features sqlite-bench --bench versus_sqlite
//! VS_MEMBERS=1000000 VS_NAME_LOOKUPS=50 cargo bench --features sqlite-bench --bench versus_sqlite
//! VS_COMMANDS=0 cargo bench --features sqlite-bench --bench versus_sqlite      # in-process only
//! ```
//! Environment: VS_MEMBERS (20,000), VS_STAYS stays per member (3), VS_POSTS durable posts
//! (2,000), VS_LOOKUPS per key class (5,000), VS_NAME_LOOKUPS name searches (200: frontdesk's
//! `member find NAME` scans every member), VS_RUNS loads per summary view (10), VS_DIR to
//! keep the files and both stores there (a temporary directory otherwise). The whole-command
//! phases: VS_ONESHOT_RUNS runs of each one-shot command (10), VS_SERVE_POSTS served posts
//! per round (4,000), VS_BOOKINGS rows of the bookings import (VS_MEMBERS); 0 skips that
//! phase, VS_COMMANDS=0 skips all three; VS_SQLITE3 names the `sqlite3` tool (else the one
//! on the PATH; without one the one-shot and served phases are skipped).
//!
//! The workload, in process: (1) bulk import of the members file, then the stays file;
//! (2) durable stay posts, each its own transaction and fsync; (3) lookups by card, phone
//! tail (6 digits) and surname prefix (4 letters); (4) the tiers, retention and liability
//! summaries. Import and posting run with the CLI's page cache (`store.cache_mb`), lookups
//! and summaries with the terminal UI's (`store.interactive_cache_mb`); SQLite gets the same.
//!
//! Then (5) whole commands, each its own process, once both stores are closed (sled locks
//! its store for one process): the `frontdesk` binary against the `sqlite3` tool.
//! * One-shot CLI on the stores of (1)–(4): `member show CARD`, `stay post …` and `report
//!   tiers` against one `sqlite3` invocation each (the member row by card; the post as its
//!   own `BEGIN IMMEDIATE … COMMIT`, `synchronous=FULL`, its points earned beforehand with
//!   frontdesk's rules and written as literals; the tiers GROUP BY of (4)), alternating,
//!   another random member each run: median and max wall time, peak RSS of the process
//!   (`wait4` under a small launcher, see `versus_sqlite/child.rs`).
//! * Served durable posts: `frontdesk serve` with K = 1, 4, 8 `frontdesk batch -` processes
//!   at once, each fed VS_SERVE_POSTS / K stay lines, against K `sqlite3` processes at once
//!   (one connection each, WAL, `synchronous=FULL`, each post its own transaction):
//!   posts/s from the first start to the last exit.
//! * Bulk import of bookings: the shared hotel-booking dataset repeated to VS_BOOKINGS rows
//!   (as `benches/import.rs` does), `frontdesk import bookings FILE --mapping
//!   config/mappings/hotel-booking-demand.toml` as a child (wall, peak RSS, store size)
//!   against an in-process rusqlite import of the same columns into a fresh database (guest
//!   by e-mail, stay earned as in (1)); then the first `member show` on each fresh store.
//!   Skipped when the dataset is absent.
//!
//! The last table is markdown ready to paste; ratios are frontdesk time / SQLite time
//! (above 1: frontdesk is slower), and frontdesk / SQLite of the figure in the size and
//! peak RSS rows.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::exit,
    reason = "a test or benchmark stops loudly where an expectation fails, and reports by printing"
)]

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "versus_sqlite/bookings.rs"]
mod bookings;
#[path = "versus_sqlite/child.rs"]
mod child;
#[path = "versus_sqlite/commands.rs"]
mod commands;
#[path = "versus_sqlite/data.rs"]
mod data;
#[path = "versus_sqlite/fd.rs"]
mod fd;
#[path = "versus_sqlite/sqlite.rs"]
mod sqlite;
#[path = "versus_sqlite/sqlite_read.rs"]
mod sqlite_read;
mod support;

use chrono::{Days, NaiveDate};
use frontdesk_core::config::Config;
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_exchange::demo::rng::Rng;
use frontdesk_exchange::import::Kind;
use frontdesk_store::ops::Ctx;
use frontdesk_store::store::Store;
use std::time::{Duration, Instant};
use support::{env_u64, peak_rss_mib, percentile_ms};

/// One SQLite summary query.
type SqlView<'a> = Box<dyn Fn() -> usize + 'a>;

/// One desk post, the same for both sides.
pub struct Post {
    pub card: String,
    pub property: String,
    pub arrival: NaiveDate,
    pub departure: NaiveDate,
    pub revenue_minor: i64,
    pub channel: String,
    pub external_ref: String,
}

/// Rows of the result table: what, frontdesk, SQLite, ratio.
#[derive(Default)]
struct Table(Vec<[String; 4]>);

impl Table {
    /// A row of two times (ms), lower is better.
    fn ms(&mut self, what: &str, fd: f64, sq: f64) {
        self.0.push([what.into(), format!("{fd:.3} ms"), format!("{sq:.3} ms"), ratio(fd, sq)]);
    }
    /// A row of two throughputs; the ratio is still of times (SQLite rate / frontdesk rate).
    fn rate(&mut self, what: &str, unit: &str, fd: f64, sq: f64) {
        self.0.push([what.into(), format!("{fd:.0} {unit}"), format!("{sq:.0} {unit}"), ratio(sq, fd)]);
    }
    fn text(&mut self, what: &str, fd: String, sq: String, r: String) {
        self.0.push([what.into(), fd, sq, r]);
    }
}

fn ratio(fd: f64, sq: f64) -> String {
    match fd / sq {
        r if !r.is_finite() => "—".into(),
        r if r < 0.1 => format!("{r:.4}"),
        r => format!("{r:.2}"),
    }
}

fn sorted(mut v: Vec<Duration>) -> Vec<Duration> {
    v.sort();
    v
}

fn p(v: &[Duration], q: f64) -> f64 {
    percentile_ms(v, q)
}

/// Times `f` and `g` over every key, alternating, so that both see the same machine;
/// (sorted latencies, results found) of each.
fn time_pair(
    keys: &[String],
    mut f: impl FnMut(&str) -> usize,
    mut g: impl FnMut(&str) -> usize,
) -> [(Vec<Duration>, usize); 2] {
    let mut out = [(Vec::with_capacity(keys.len()), 0), (Vec::with_capacity(keys.len()), 0)];
    for k in keys {
        let t = Instant::now();
        out[0].1 += f(k);
        out[0].0.push(t.elapsed());
        let t = Instant::now();
        out[1].1 += g(k);
        out[1].0.push(t.elapsed());
    }
    out.map(|(v, n)| (sorted(v), n))
}

fn posts(prefix: &str, members: u64, n: u64, today: NaiveDate, properties: &[String], tag: &str) -> Vec<Post> {
    let mut r = Rng::new(0x5eed ^ tag.len() as u64);
    (0..n)
        .map(|k| {
            let i = 1 + r.below(members);
            let nights = 1 + r.below(3);
            Post {
                card: frontdesk_core::domain::card::issue(prefix, i),
                property: r.pick(properties).clone(),
                arrival: today - Days::new(nights),
                departure: today,
                revenue_minor: (nights * 15_000) as i64,
                channel: "direct".into(),
                external_ref: format!("{tag}-{k}"),
            }
        })
        .collect()
}

fn size_of(path: &std::path::Path) -> u64 {
    std::fs::read_dir(path)
        .map(|d| {
            d.flatten()
                .map(|e| if e.path().is_dir() { size_of(&e.path()) } else { e.metadata().map_or(0, |m| m.len()) })
                .sum()
        })
        .unwrap_or(0)
}

fn main() {
    if let Some(code) = child::launched() {
        std::process::exit(code);
    }
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let members = env_u64("VS_MEMBERS", 20_000);
    let per = env_u64("VS_STAYS", 3);
    let n_posts = env_u64("VS_POSTS", 2_000);
    let n_lookups = env_u64("VS_LOOKUPS", 5_000);
    let n_names = env_u64("VS_NAME_LOOKUPS", 200);
    let runs = env_u64("VS_RUNS", 10).max(1);
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = std::env::var_os("VS_DIR").map_or_else(|| temp.path().to_path_buf(), std::path::PathBuf::from);
    let (fd_path, sq_path) = (dir.join("frontdesk-store"), dir.join("sqlite.db"));
    let _ = std::fs::remove_dir_all(&fd_path);
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", sq_path.display()));
    }
    std::fs::create_dir_all(&dir).expect("bench dir");
    let config = Config::builtin().expect("built-in config");
    let today = data::today();
    let ctx = Ctx {
        config: &config,
        actor: Actor { name: "bench".into(), role: Role::Admin },
        now: 1_795_000_000_000,
        today,
    };
    let prefix = config.store.card_prefix.clone();
    let properties: Vec<String> = config.properties.iter().take(4).map(|p| p.code.clone()).collect();

    println!("# frontdesk versus SQLite\n\n{members} members, {per} stays each, files and stores in {}", dir.display());
    let t = Instant::now();
    let stay_rows = data::write_files(&dir, &prefix, members, per, &properties).expect("write the CSV files");
    eprintln!("generated the files in {:.1} s", t.elapsed().as_secs_f64());
    let mut table = Table::default();

    // 1. Bulk import.
    let store = Store::open_with_cache(&fd_path, "bench", config.store.cache_mb).expect("store opens");
    let (fd_m, fd_mn) = fd::import(&store, &ctx, &dir.join("members.csv"), Kind::Members);
    eprintln!("frontdesk: {fd_mn} members in {:.1} s", fd_m.as_secs_f64());
    let (fd_s, fd_sn) = fd::import(&store, &ctx, &dir.join("stays.csv"), Kind::Stays);
    eprintln!("frontdesk: {fd_sn} stays in {:.1} s (peak RSS {:.0} MiB)", fd_s.as_secs_f64(), peak_rss_mib());
    let mut conn = sqlite::create(&sq_path, config.store.cache_mb);
    let (sq_m, sq_mn) = sqlite::import_members(&mut conn, &dir.join("members.csv"));
    let (sq_s, sq_sn) = sqlite::import_stays(&mut conn, &config, &dir.join("stays.csv"));
    eprintln!("SQLite: {sq_mn} members in {:.1} s, {sq_sn} stays in {:.1} s", sq_m.as_secs_f64(), sq_s.as_secs_f64());
    assert_eq!((fd_mn, fd_sn, sq_mn, sq_sn), (members, stay_rows, members, stay_rows), "every row applied");
    let secs = |d: Duration| d.as_secs_f64();
    table.rate("bulk import: members", "rows/s", members as f64 / secs(fd_m), members as f64 / secs(sq_m));
    table.rate("bulk import: stays", "rows/s", stay_rows as f64 / secs(fd_s), stay_rows as f64 / secs(sq_s));
    let (fd_all, sq_all) = (secs(fd_m + fd_s), secs(sq_m + sq_s));
    table.text("bulk import: total time", format!("{fd_all:.1} s"), format!("{sq_all:.1} s"), ratio(fd_all, sq_all));

    // 2. Durable posts, interleaved, so that both sides see the same disk at the same time.
    // frontdesk's flush ends with an fdatasync of sled's log, as SQLite's commit (WAL,
    // synchronous=FULL) ends with an fsync: both survive a power cut once they answer.
    let desk = posts(&prefix, members, n_posts, today, &properties, "desk");
    let (mut fd_p, mut sq_p) = (Vec::new(), Vec::new());
    for a in &desk {
        fd_p.extend(fd::post(&store, &ctx, std::slice::from_ref(a)));
        sq_p.extend(sqlite::post(&mut conn, &config, std::slice::from_ref(a)));
    }
    let rate = |v: &[Duration]| v.len() as f64 / v.iter().map(Duration::as_secs_f64).sum::<f64>();
    let (fd_p, sq_p) = (sorted(fd_p), sorted(sq_p));
    table.ms("durable stay post p50", p(&fd_p, 0.5), p(&sq_p, 0.5));
    table.ms("durable stay post p99", p(&fd_p, 0.99), p(&sq_p, 0.99));
    table.rate("durable stay posts, one after another", "posts/s", rate(&fd_p), rate(&sq_p));
    store.flush().expect("flush");
    let mib = |b: u64| format!("{:.0} MiB", b as f64 / 1_048_576.0);
    let sq_size = ["", "-wal"]
        .iter()
        .map(|e| std::fs::metadata(format!("{}{e}", sq_path.display())).map_or(0, |m| m.len()))
        .sum();
    let fd_size = size_of(&fd_path);
    table.text("size on disk", mib(fd_size), mib(sq_size), ratio(fd_size as f64, sq_size as f64));

    // 3. Lookups, with the terminal UI's page cache on both sides.
    drop(store);
    let store = Store::open_with_cache(&fd_path, "bench", config.store.interactive_cache_mb).expect("store reopens");
    // Both sides start the reads with an empty page cache of their own (the files are
    // in the operating system's cache for both).
    drop(conn);
    let conn = sqlite::open(&sq_path, config.store.interactive_cache_mb);
    let mut r = Rng::new(0xc0ffee);
    let sample: Vec<data::MemberData> = (0..n_lookups).map(|_| data::member(&prefix, 1 + r.below(members))).collect();
    let cards: Vec<String> = sample.iter().map(|m| m.card.clone()).collect();
    let tails: Vec<String> = sample.iter().map(|m| m.phone[m.phone.len() - 6..].to_string()).collect();
    let names: Vec<String> = sample
        .iter()
        .take(n_names as usize)
        .map(|m| m.surname.chars().take(4).collect::<String>().to_lowercase())
        .collect();
    let mut found = Vec::new();
    for (what, keys, fdf, sqf) in [
        (
            "lookup by card",
            &cards,
            fd::by_card as fn(&Store, &str) -> usize,
            sqlite_read::by_card as fn(&rusqlite::Connection, &str) -> usize,
        ),
        ("lookup by phone tail (6 digits)", &tails, fd::by_phone_tail, sqlite_read::by_phone_tail),
        ("lookup by surname prefix (4 letters), `member find`", &names, fd::by_name, sqlite_read::by_name),
    ] {
        let [(a, fa), (b, fb)] = time_pair(keys, |k| fdf(&store, k), |k| sqf(&conn, k));
        table.ms(&format!("{what} p50"), p(&a, 0.5), p(&b, 0.5));
        table.ms(&format!("{what} p99"), p(&a, 0.99), p(&b, 0.99));
        found.push(format!("{what}: {} keys, frontdesk found {fa} rows, SQLite {fb}", keys.len()));
    }
    let mut ui = fd::UiIndex::build(&store, &config);
    let ui_names: Vec<String> =
        sample.iter().map(|m| m.surname.chars().take(4).collect::<String>().to_lowercase()).collect();
    let [(a, fa), (b, fb)] = time_pair(&ui_names, |k| ui.search(&store, k), |k| sqlite_read::by_name(&conn, k));
    table.ms("surname prefix, terminal UI's in-memory index p50", p(&a, 0.5), p(&b, 0.5));
    table.ms("surname prefix, terminal UI's in-memory index p99", p(&a, 0.99), p(&b, 0.99));
    found.push(format!(
        "UI index: built in {:.1} s; {} keys, frontdesk found {fa}, SQLite {fb}",
        ui.built_in.as_secs_f64(),
        ui_names.len()
    ));

    // 4. Summaries.
    let sq_views: Vec<(&str, SqlView<'_>)> = vec![
        ("tiers", Box::new(|| sqlite_read::tiers(&conn, today).len())),
        ("retention", Box::new(|| sqlite_read::retention(&conn, &config, today))),
        ("liability", Box::new(|| sqlite_read::liability(&conn, today))),
    ];
    for ((name, fdv), (_, sqv)) in fd::summaries(&store, &config, today).iter().zip(&sq_views) {
        let runs: Vec<String> = (0..runs).map(|i| i.to_string()).collect();
        let [(a, _), (b, _)] = time_pair(&runs, |_| fdv().expect("view loads"), |_| sqv());
        table.ms(&format!("summary: {name} (median of {})", runs.len()), p(&a, 0.5), p(&b, 0.5));
    }
    let liability = frontdesk_store::report::analytics::liability(&store, &config, today, None).expect("liability");
    let fd_tiers = frontdesk_store::report::analytics::tiers(&store, &config, today, None).expect("tiers");
    let table_of = frontdesk_store::ops::view::tier_table(&config);
    let show = |v: Vec<(String, u64)>| v.iter().map(|(k, c)| format!("{k} {c}")).collect::<Vec<_>>().join(", ");
    found.push(format!(
        "members per tier: frontdesk {}; SQLite {}",
        show(fd_tiers.tiers.into_iter().map(|c| (c.key, c.count)).collect()),
        show(
            sqlite_read::tiers(&conn, today)
                .into_iter()
                .map(|(r, c)| (table_of.code(r as usize).to_string(), c as u64))
                .collect()
        )
    ));
    found.push(format!(
        "points outstanding: frontdesk {}, SQLite {}",
        liability.outstanding,
        sqlite_read::outstanding(&conn)
    ));

    // 5. Whole commands, each its own process: sled locks its store for one process, so
    // both stores are closed first.
    drop(sq_views);
    drop(store);
    drop(conn);
    let setup = commands::Setup {
        dir: &dir,
        fd: &fd_path,
        sq: &sq_path,
        config: &config,
        members,
        properties: &properties,
        today,
    };
    commands::phases(&setup, &mut table, &mut found);

    println!(
        "\n| {members} members, {stay_rows} stays | frontdesk | SQLite | frontdesk / SQLite |\n|---|---:|---:|---:|"
    );
    for [a, b, c, d] in &table.0 {
        println!("| {a} | {b} | {c} | {d} |");
    }
    println!("\nchecks:");
    for line in found {
        println!("- {line}");
    }
    println!("- peak RSS of the whole run: {:.0} MiB", peak_rss_mib());
}
