//! Import benchmark: the shared hotel-booking dataset repeated to IMPORT_ROWS rows with new
//! references (`row_id` continues, so every row is a new booking), imported into an empty
//! store through the same code path as `frontdesk import bookings … --mapping
//! config/mappings/hotel-booking-demand.toml`. Reports rows per second and peak RSS.
//!
//! ```text
//! cargo bench --bench import                        # 1,000,000 rows, the dataset's guests
//! IMPORT_ROWS=200000 IMPORT_GUESTS=new cargo bench --bench import
//! ```
//! IMPORT_GUESTS=same (default) keeps the 9,977 guests, who then book again and again, as
//! the issue's benchmark reads ("the shared dataset repeated with new references");
//! `new` gives each repetition its own e-mail addresses (`name+r7@…`), so every row also
//! enrols a member. IMPORT_DIR keeps the generated file and the store there.

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
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_exchange::import::{self, Input, Kind, Options, load_mapping};
use frontdesk_store::ops::Ctx;
use frontdesk_store::store::Store;
use std::path::{Path, PathBuf};
use std::time::Instant;

// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod support;
use support::bookings::{DATASET, MAPPING, generate};
use support::peak_rss_mib;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let source = PathBuf::from(DATASET);
    if !source.exists() {
        eprintln!("skipping the import benchmark: {DATASET} is absent (it lives in the workplace's shared folder)");
        return;
    }
    let rows: u64 = std::env::var("IMPORT_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let new_guests = std::env::var("IMPORT_GUESTS").is_ok_and(|v| v == "new");
    let keep = std::env::var_os("IMPORT_DIR").map(PathBuf::from);
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = keep.unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&dir).expect("bench dir");
    let file = dir.join(format!("bookings-{rows}-{}.csv", if new_guests { "new" } else { "same" }));
    if !file.exists() {
        generate(&source, &file, rows, new_guests).expect("generate the bookings file");
    }
    let db = dir.join("store");
    let _ = std::fs::remove_dir_all(&db);
    let store = Store::open(&db, "bench").expect("store");
    let config = Config::builtin().expect("config");
    let ctx = Ctx {
        config: &config,
        actor: Actor { name: "bench".into(), role: Role::Admin },
        now: 1_795_000_000_000,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
    };
    let mut opts = Options::new(Kind::Bookings);
    opts.mapping = Some(load_mapping(Path::new(MAPPING), Kind::Bookings).expect("mapping"));
    let started = Instant::now();
    let summary = import::run(&store, &ctx, &Input::Path(file.clone()), &opts, &mut |_| {}).expect("import");
    let seconds = started.elapsed().as_secs_f64();
    println!("| rows | guests | seconds | rows/s | peak RSS | applied | duplicates | rejected |");
    println!("|---:|---|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {rows} | {} | {seconds:.1} | {:.0} | {:.0} MiB | {} | {} | {} |",
        if new_guests { "new per repetition" } else { "the dataset's 9,977" },
        rows as f64 / seconds,
        peak_rss_mib(),
        summary.applied,
        summary.duplicates,
        summary.rejected
    );
}
