//! Importing the hotel booking demand dataset: the summary and `report overview` agree with
//! an independent count over the file; a second import changes nothing; `verify` passes.
//!
//! The expectation is computed here from the CSV alone, with the default rules written out:
//! 10 points per whole EUR of adr × nights on earning channels (direct, corporate, gds,
//! other), tier bonus from the tier on the arrival date (Silver 10 nights / 4 stays /
//! 2,500 EUR, +10 %; Gold 25 / 15 / 6,000, +25 %; Platinum 50 / 25 / 11,500, +50 %,
//! counted per calendar year of departure, effective = max of this and last year).

use chrono::{Datelike, Days, NaiveDate};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::cli;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn frontdesk(db: &Path, args: &[&str]) -> Output {
    cli::frontdesk(db, args).output().expect("frontdesk runs")
}

fn json(db: &Path, args: &[&str]) -> Value {
    let out = frontdesk(db, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

#[derive(Debug, Default, PartialEq)]
struct Expected {
    rows: u64,
    members: u64,
    completed: u64,
    nights: u64,
    points: i64,
}

/// (nights, stays, spend) thresholds and bonus percent, lowest first (the defaults).
const TIERS: [(i64, i64, i64, i64); 4] = [(0, 0, 0, 0), (10, 4, 2500, 10), (25, 15, 6000, 25), (50, 25, 11500, 50)];

fn rank(q: Option<&(i64, i64, i64)>) -> usize {
    let (n, s, spend_minor) = q.copied().unwrap_or_default();
    TIERS.iter().rposition(|t| n >= t.0 || s >= t.1 || spend_minor / 100 >= t.2).unwrap_or(0)
}

fn month(name: &str) -> u32 {
    let names = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    names.iter().position(|n| *n == name).expect("month name") as u32 + 1
}

/// adr in cents, exactly.
fn cents(adr: &str) -> i64 {
    let (w, f) = adr.split_once('.').unwrap_or((adr, ""));
    w.parse::<i64>().expect("adr") * 100 + format!("{f:0<2}").parse::<i64>().expect("adr cents")
}

fn expected(file: &Path) -> Expected {
    let mut rdr = csv::Reader::from_path(file).expect("dataset readable");
    let mut e = Expected::default();
    let mut emails = HashSet::new();
    // guest -> year -> (nights, stays, spend in cents)
    let mut qual: HashMap<String, HashMap<i32, (i64, i64, i64)>> = HashMap::new();
    for row in rdr.deserialize::<HashMap<String, String>>() {
        let r = row.expect("row");
        e.rows += 1;
        let email = r["email"].to_lowercase();
        emails.insert(email.clone());
        if r["reservation_status"] != "Check-Out" {
            continue;
        }
        let nights: i64 = r["stays_in_weekend_nights"].parse::<i64>().expect("n")
            + r["stays_in_week_nights"].parse::<i64>().expect("n");
        let arrival = NaiveDate::from_ymd_opt(
            r["arrival_date_year"].parse().expect("year"),
            month(&r["arrival_date_month"]),
            r["arrival_date_day_of_month"].parse().expect("day"),
        )
        .expect("arrival");
        let departure = arrival + Days::new(nights as u64);
        e.completed += 1;
        e.nights += nights as u64;
        let channel =
            if r["market_segment"] == "Complementary" { "Complementary" } else { r["distribution_channel"].as_str() };
        if !matches!(channel, "Direct" | "Corporate" | "GDS" | "Undefined") {
            continue;
        }
        let revenue = cents(&r["adr"]) * nights;
        let years = qual.entry(email).or_default();
        let tier = rank(years.get(&arrival.year())).max(rank(years.get(&(arrival.year() - 1))));
        let base = revenue / 100 * 10;
        e.points += base + base * TIERS[tier].3 / 100;
        let q = years.entry(departure.year()).or_default();
        q.0 += nights;
        q.1 += 1;
        q.2 += revenue;
    }
    e.members = emails.len() as u64;
    e
}

fn check(file: &Path) {
    let want = expected(file);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let mapping = manifest().join("config/mappings/hotel-booking-demand.toml");
    let args =
        ["--json", "import", "bookings", file.to_str().expect("path"), "--mapping", mapping.to_str().expect("path")];
    let first = json(&db, &args);
    assert_eq!(first["read"], want.rows, "{first}");
    assert_eq!(first["applied"], want.rows, "{first}");
    assert_eq!(first["rejected"], 0, "{first}");
    let o = json(&db, &["--json", "report", "overview"]);
    let got = Expected {
        rows: want.rows,
        members: o["members"].as_u64().expect("members"),
        completed: o["stays"].as_u64().expect("stays"),
        nights: o["nights"].as_u64().expect("nights"),
        points: o["points_earned"].as_i64().expect("points"),
    };
    assert_eq!(got, want);
    assert_eq!(o["points_outstanding"], want.points);
    let again = json(&db, &args);
    assert_eq!((again["applied"].as_u64(), again["duplicates"].as_u64()), (Some(0), Some(want.rows)), "{again}");
    assert_eq!(json(&db, &["--json", "report", "overview"]), o, "a second import changes nothing");
    let v = frontdesk(&db, &["verify"]);
    assert!(v.status.success(), "verify: {}", String::from_utf8_lossy(&v.stdout));
}

#[test]
fn excerpt_in_the_repository_imports_and_agrees() {
    check(&manifest().join("tests/fixtures/hotel-booking-demand/excerpt.csv"));
}

#[test]
fn shared_dataset_imports_and_agrees() {
    let file = manifest().join("../shared/data/hotel-booking-demand/bookings_with_guests.csv");
    if !file.exists() {
        eprintln!("SKIPPED: {} is absent (the shared data folder is not beside the repository)", file.display());
        return;
    }
    check(&file);
}
