//! Item 3: bulk import of the shared hotel-booking dataset (repeated to VS_BOOKINGS rows
//! as `benches/import.rs` does with the dataset's own guests) into a fresh store on both
//! sides. frontdesk: `frontdesk import bookings FILE --mapping …` as a child process (wall
//! time, peak RSS). SQLite: in-process rusqlite into a fresh database of the bench's
//! schema (WAL, `synchronous=FULL`, BATCH rows per transaction), reading the columns the
//! mapping `config/mappings/hotel-booking-demand.toml` maps, the same way: the guest is
//! found by e-mail or enrolled with a new card, then the booking is a stay earned with
//! frontdesk's rules ([`sqlite::apply_stay`]). Then the first `member show` on each fresh
//! store, each its own process.

use super::child::{find_sqlite3, frontdesk, run, sqlite3};
use super::commands::Setup;
use super::sqlite::{self, BATCH, StayRow};
use super::{Table, ratio, size_of, sqlite_read};
use crate::support::bookings::{DATASET, MAPPING, generate};
use chrono::{Days, NaiveDate};
use frontdesk_core::config::Config;
use frontdesk_store::store::Store;
use rusqlite::{OptionalExtension, Transaction, params};
use std::path::Path;
use std::time::{Duration, Instant};

/// One booking row read the way the mapping reads it.
struct Booking {
    name: String,
    email: String,
    phone: String,
    property: String,
    arrival: NaiveDate,
    nights: u64,
    revenue_minor: i64,
    channel: String,
    status: String,
    external_ref: String,
}

/// Positions of the columns the mapping reads.
struct Columns([usize; 14]);

const NAMES: [&str; 14] = [
    "row_id",
    "hotel",
    "arrival_date_year",
    "arrival_date_month",
    "arrival_date_day_of_month",
    "stays_in_weekend_nights",
    "stays_in_week_nights",
    "adr",
    "market_segment",
    "distribution_channel",
    "reservation_status",
    "name",
    "email",
    "phone-number",
];

impl Columns {
    fn of(header: &csv::StringRecord) -> Columns {
        Columns(NAMES.map(|n| header.iter().position(|h| h == n).unwrap_or_else(|| panic!("no column {n}"))))
    }
}

/// A decimal amount ("75.5") in minor units (cents), rounded half up past two digits.
fn minor(amount: &str) -> i64 {
    let (units, fraction) = amount.split_once('.').unwrap_or((amount, ""));
    let digits = format!("{fraction:0<3}");
    let cents: i64 = digits[..2].parse().expect("cents");
    let round = i64::from(digits.as_bytes()[2] >= b'5');
    units.parse::<i64>().expect("amount") * 100 + cents + round
}

/// The mapping's fields of one row (`hotel-booking-demand.toml`).
fn booking(c: &Columns, r: &csv::StringRecord) -> Booking {
    let col = |i: usize| &r[c.0[i]];
    let date = format!("{} {} {}", col(2), col(3), col(4));
    let arrival = NaiveDate::parse_from_str(&date, "%Y %B %d").expect("arrival date");
    let nights: u64 = col(5).parse::<u64>().expect("weekend nights") + col(6).parse::<u64>().expect("week nights");
    let channel = match (col(8), col(9)) {
        ("Complementary", _) => "complimentary",
        (_, "Direct") => "direct",
        (_, "Corporate") => "corporate",
        (_, "GDS") => "gds",
        (_, "TA/TO") => "wholesale",
        _ => "other",
    };
    let status = match col(10) {
        "Check-Out" => "completed",
        "Canceled" => "cancelled",
        _ => "no_show",
    };
    Booking {
        name: col(11).to_string(),
        email: col(12).to_lowercase(),
        phone: col(13).to_string(),
        property: if col(1) == "Resort Hotel" { "ALG" } else { "LIS" }.to_string(),
        arrival,
        nights,
        revenue_minor: minor(col(7)) * nights as i64,
        channel: channel.to_string(),
        status: status.to_string(),
        external_ref: format!("hotel-booking-demand:{}:{}", col(1), col(0)),
    }
}

/// The guest's card: the member with this e-mail, else a new member enrolled on arrival.
fn guest(tx: &Transaction<'_>, b: &Booking, prefix: &str, next: &mut u64) -> String {
    let found: Option<String> = tx
        .prepare_cached("SELECT card FROM members WHERE email = ?1")
        .expect("prepare")
        .query_row([&b.email], |r| r.get(0))
        .optional()
        .expect("member by e-mail");
    if let Some(card) = found.filter(|_| !b.email.is_empty()) {
        return card;
    }
    let card = frontdesk_core::domain::card::issue(prefix, *next);
    *next += 1;
    let surname = b.name.rsplit(' ').next().unwrap_or(&b.name);
    let phone_rev: String = b.phone.chars().filter(char::is_ascii_digit).rev().collect();
    let email = Some(&b.email).filter(|e| !e.is_empty());
    tx.prepare_cached(
        "INSERT INTO members(card, name, surname, email, phone, phone_rev, property, enrolled_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .expect("prepare")
    .execute(params![card, b.name, surname, email, b.phone, phone_rev, b.property, b.arrival.to_string()])
    .expect("member insert");
    card
}

/// The SQLite import into a fresh database at `db`; (wall, stays applied).
fn sqlite_import(db: &Path, config: &Config, file: &Path) -> (Duration, u64) {
    let started = Instant::now();
    let mut conn = sqlite::create(db, config.store.cache_mb);
    let mut rows = csv::Reader::from_path(file).expect("bookings file");
    let columns = Columns::of(rows.headers().expect("header"));
    let (mut next, mut done) = (1u64, 0u64);
    let mut records = rows.records();
    loop {
        let tx = conn.transaction().expect("begin");
        let mut n = 0u64;
        for rec in records.by_ref().take(BATCH) {
            let b = booking(&columns, &rec.expect("bookings row"));
            let card = guest(&tx, &b, &config.store.card_prefix, &mut next);
            let row = StayRow {
                card: &card,
                property: &b.property,
                arrival: b.arrival,
                departure: b.arrival + Days::new(b.nights),
                revenue_minor: b.revenue_minor,
                channel: &b.channel,
                completed: b.status == "completed",
                external_ref: &b.external_ref,
            };
            sqlite::apply_stay(&tx, config, &row);
            n += 1;
        }
        tx.execute("INSERT INTO audit(at, action, detail) VALUES (0, 'import.bookings', ?1)", [n as i64])
            .expect("audit");
        tx.commit().expect("commit");
        done += n;
        if n < BATCH as u64 {
            break;
        }
    }
    drop(conn);
    (started.elapsed(), done)
}

/// (stays, members, points outstanding) of the SQLite database.
fn sqlite_counts(db: &Path) -> (i64, i64, i64) {
    let conn = sqlite::open(db, 8);
    let count = |t: &str| conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).expect("count");
    (count("stays"), count("members"), sqlite_read::outstanding(&conn))
}

/// (members, points outstanding) of the frontdesk store, opened once the import has exited.
fn frontdesk_counts(db: &Path, config: &Config, today: NaiveDate) -> (u64, i64) {
    let store = Store::open(db, "bench").expect("imported store opens");
    let tiers = frontdesk_store::report::analytics::tiers(&store, config, today, None).expect("tiers");
    let liability = frontdesk_store::report::analytics::liability(&store, config, today, None).expect("liability");
    (tiers.tiers.iter().map(|t| t.count).sum(), liability.outstanding)
}

/// The database file and its WAL, in bytes.
fn sqlite_size(db: &Path) -> u64 {
    ["", "-wal"].iter().map(|e| std::fs::metadata(format!("{}{e}", db.display())).map_or(0, |m| m.len())).sum()
}

/// The JSON summary's count `key`.
fn count(summary: &serde_json::Value, key: &str) -> u64 {
    summary[key].as_u64().unwrap_or_else(|| panic!("no {key} in the import's summary: {summary}"))
}

/// Item 3, then the first `member show` on each fresh store.
pub fn run_import(s: &Setup<'_>, rows: u64, table: &mut Table, checks: &mut Vec<String>) {
    let source = Path::new(DATASET);
    if !source.exists() {
        println!("\nbookings import skipped: dataset not found ({DATASET})");
        return;
    }
    let file = s.dir.join(format!("bookings-{rows}.csv"));
    generate(source, &file, rows, false).expect("generate the bookings file");
    let (fd_db, sq_db) = (s.dir.join("bookings-frontdesk"), s.dir.join("bookings-sqlite.db"));
    let _ = std::fs::remove_dir_all(&fd_db);
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", sq_db.display()));
    }
    let path = file.to_str().expect("UTF-8 path");
    let import = ["--json", "import", "bookings", path, "--mapping", MAPPING];
    let fd = run(frontdesk(&fd_db, &import), None, "frontdesk import bookings");
    let summary: serde_json::Value = serde_json::from_str(&fd.out).expect("the import's JSON summary");
    let (applied, rejected) = (count(&summary, "applied"), count(&summary, "rejected"));
    let (sq_wall, sq_applied) = sqlite_import(&sq_db, s.config, &file);
    let secs = |d: Duration| d.as_secs_f64();
    let (a, b) = (secs(fd.wall), secs(sq_wall));
    table.rate("bookings import: child process / in-process rusqlite", "rows/s", rows as f64 / a, rows as f64 / b);
    table.text("bookings import: total time", format!("{a:.2} s"), format!("{b:.2} s"), ratio(a, b));
    table.text("bookings import: peak RSS", format!("{:.0} MiB", fd.rss_mib), "in-process".into(), "—".into());
    let (x, y) = (size_of(&fd_db), sqlite_size(&sq_db));
    let mib = |v: u64| format!("{:.1} MiB", v as f64 / 1_048_576.0);
    table.text("bookings import: size on disk", mib(x), mib(y), ratio(x as f64, y as f64));
    first_show(s, &fd_db, &sq_db, table);
    let (fd_members, fd_points) = frontdesk_counts(&fd_db, s.config, s.today);
    let (sq_stays, sq_members, sq_points) = sqlite_counts(&sq_db);
    assert_eq!(applied as i64, sq_stays, "both sides apply every booking as a stay");
    checks.push(format!(
        "bookings import of {rows} rows: stays applied frontdesk {applied} (duplicates {}, rejected {rejected}), \
         SQLite {sq_applied} rows, {sq_stays} stays; members frontdesk {fd_members}, SQLite {sq_members}; \
         points outstanding frontdesk {fd_points}, SQLite {sq_points}",
        count(&summary, "duplicates")
    ));
}

/// The first `member show` on each freshly imported store (member 1), `sqlite3` if present.
fn first_show(s: &Setup<'_>, fd_db: &Path, sq_db: &Path, table: &mut Table) {
    let card = frontdesk_core::domain::card::issue(&s.config.store.card_prefix, 1);
    let fd = run(frontdesk(fd_db, &["member", "show", &card]), None, "frontdesk member show");
    assert!(fd.out.contains(&card), "member show printed {}", fd.out);
    let Some(tool) = find_sqlite3() else {
        let ms = fd.wall.as_secs_f64() * 1e3;
        table.text("first `member show` after the bookings import", format!("{ms:.3} ms"), "—".into(), "—".into());
        return;
    };
    let sql = format!("SELECT {} FROM members WHERE card = '{card}';", sqlite_read::COLUMNS);
    let sq = run(sqlite3(&tool, sq_db, Some(&sql)), None, "sqlite3 member row");
    assert!(sq.out.contains(&card), "sqlite3 printed {}", sq.out);
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    table.ms("first `member show` after the bookings import", ms(fd.wall), ms(sq.wall));
}
