//! The SQLite side of the same workload (rusqlite, bundled SQLite, WAL journal,
//! `synchronous=FULL`). Earning and tiers use frontdesk's own pure rules
//! (`domain::earn`, `TierTable`), so both sides compute the same points; SQLite keeps on
//! the member row what frontdesk keeps in its member record (balance, lifetime points,
//! this year's qualification, stays, nights, last stay) and computes the summaries with
//! aggregate queries instead of counters.

use super::Post;
use chrono::{Datelike, NaiveDate};
use frontdesk_core::config::Config;
use frontdesk_core::domain::earn::{EarnInput, earn};
use frontdesk_core::domain::tier::YearQual;
use frontdesk_store::ops::view::tier_table;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use std::path::Path;
use std::time::{Duration, Instant};

const SCHEMA: &str = "
CREATE TABLE members(
  id INTEGER PRIMARY KEY, card TEXT NOT NULL UNIQUE, name TEXT NOT NULL, surname TEXT NOT NULL,
  email TEXT UNIQUE, phone TEXT, phone_rev TEXT, birthday TEXT, property TEXT NOT NULL,
  enrolled_on TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active',
  balance INTEGER NOT NULL DEFAULT 0, lifetime INTEGER NOT NULL DEFAULT 0,
  q_year INTEGER NOT NULL DEFAULT 0, q_nights INTEGER NOT NULL DEFAULT 0,
  q_stays INTEGER NOT NULL DEFAULT 0, q_spend INTEGER NOT NULL DEFAULT 0,
  q_rank INTEGER NOT NULL DEFAULT 0, prev_rank INTEGER NOT NULL DEFAULT 0,
  last_stay TEXT, stays INTEGER NOT NULL DEFAULT 0, nights INTEGER NOT NULL DEFAULT 0,
  stay_seq INTEGER NOT NULL DEFAULT 0);
CREATE INDEX members_phone_rev ON members(phone_rev);
CREATE INDEX members_surname ON members(lower(surname));
CREATE TABLE stays(
  id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL, seq INTEGER NOT NULL, property TEXT NOT NULL,
  arrival TEXT NOT NULL, departure TEXT NOT NULL, nights INTEGER NOT NULL, revenue INTEGER NOT NULL,
  channel TEXT NOT NULL, status TEXT NOT NULL, external_ref TEXT UNIQUE,
  base_points INTEGER NOT NULL, bonus_points INTEGER NOT NULL, tier_at_arrival INTEGER NOT NULL);
CREATE INDEX stays_member ON stays(member_id, seq);
CREATE TABLE ledger(
  id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL, kind TEXT NOT NULL, points INTEGER NOT NULL,
  date TEXT NOT NULL, source TEXT NOT NULL);
CREATE INDEX ledger_member ON ledger(member_id);
CREATE INDEX ledger_kind ON ledger(kind);
CREATE TABLE audit(id INTEGER PRIMARY KEY, at INTEGER NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL);
";

/// Rows per transaction of the bulk import.
pub const BATCH: usize = 5_000;

/// Opens the database at `path`: WAL, `synchronous=FULL`, a page cache of `cache_mb`.
pub fn open(path: &Path, cache_mb: u64) -> Connection {
    let conn = Connection::open(path).expect("sqlite opens");
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0)).expect("WAL journal");
    assert_eq!(mode.to_lowercase(), "wal");
    conn.pragma_update(None, "synchronous", "FULL").expect("synchronous=FULL");
    set_cache(&conn, cache_mb);
    conn
}

/// A fresh database at `path`, opened as by [`open`], with the schema.
pub fn create(path: &Path, cache_mb: u64) -> Connection {
    let conn = open(path, cache_mb);
    conn.execute_batch(SCHEMA).expect("schema");
    conn
}

/// Gives SQLite the same page cache as the frontdesk store of the same phase.
pub fn set_cache(conn: &Connection, cache_mb: u64) {
    conn.pragma_update(None, "cache_size", -((cache_mb * 1024) as i64)).expect("cache_size");
}

/// Bulk-loads the members file: prepared upserts by card, BATCH rows per transaction.
pub fn import_members(conn: &mut Connection, file: &Path) -> (Duration, u64) {
    let started = Instant::now();
    let mut rows = csv::Reader::from_path(file).expect("members file");
    let mut done = 0u64;
    let mut records = rows.records();
    loop {
        let tx = conn.transaction().expect("begin");
        let mut n = 0;
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO members(card, name, surname, email, phone, phone_rev, birthday, property, enrolled_on)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                     ON CONFLICT(card) DO UPDATE SET name = excluded.name, surname = excluded.surname,
                       email = excluded.email, phone = excluded.phone, phone_rev = excluded.phone_rev",
                )
                .expect("prepare");
            for rec in records.by_ref().take(BATCH) {
                let r = rec.expect("members row");
                let name = &r[1];
                let surname = name.rsplit(' ').next().unwrap_or(name);
                let phone_rev: String = r[3].chars().filter(char::is_ascii_digit).rev().collect();
                insert
                    .execute(params![&r[0], name, surname, &r[2], &r[3], phone_rev, &r[4], &r[5], &r[6]])
                    .expect("insert");
                n += 1;
            }
        }
        tx.commit().expect("commit");
        done += n;
        if n < BATCH as u64 {
            break;
        }
    }
    (started.elapsed(), done)
}

/// One stay as the stays file or a desk post gives it.
pub struct StayRow<'a> {
    pub card: &'a str,
    pub property: &'a str,
    pub arrival: NaiveDate,
    pub departure: NaiveDate,
    pub revenue_minor: i64,
    pub channel: &'a str,
    pub completed: bool,
    pub external_ref: &'a str,
}

/// Bulk-loads the stays file: each row reads its member, earns, inserts the stay and its
/// ledger posting and updates the member row — BATCH rows per transaction.
pub fn import_stays(conn: &mut Connection, config: &Config, file: &Path) -> (Duration, u64) {
    let started = Instant::now();
    let mut rows = csv::Reader::from_path(file).expect("stays file");
    let mut done = 0u64;
    let mut records = rows.records();
    loop {
        let tx = conn.transaction().expect("begin");
        let mut n = 0;
        for rec in records.by_ref().take(BATCH) {
            let r = rec.expect("stays row");
            let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
            let (units, cents) = r[4].split_once('.').unwrap_or((&r[4], "0"));
            let revenue_minor = units.parse::<i64>().expect("revenue") * 100 + cents.parse::<i64>().expect("cents");
            let row = StayRow {
                card: &r[0],
                property: &r[1],
                arrival: date(&r[2]),
                departure: date(&r[3]),
                revenue_minor,
                channel: &r[5],
                completed: &r[6] == "completed",
                external_ref: &r[7],
            };
            apply_stay(&tx, config, &row);
            n += 1;
        }
        tx.execute("INSERT INTO audit(at, action, detail) VALUES (?1, 'import.stays', ?2)", params![0i64, n as i64])
            .expect("audit");
        tx.commit().expect("commit");
        done += n;
        if n < BATCH as u64 {
            break;
        }
    }
    (started.elapsed(), done)
}

/// A desk post as the completed stay it records.
fn completed(p: &Post) -> StayRow<'_> {
    StayRow {
        card: &p.card,
        property: &p.property,
        arrival: p.arrival,
        departure: p.departure,
        revenue_minor: p.revenue_minor,
        channel: &p.channel,
        completed: true,
        external_ref: &p.external_ref,
    }
}

/// Posts each stay in its own transaction (BEGIN IMMEDIATE … COMMIT, fsync of the WAL).
pub fn post(conn: &mut Connection, config: &Config, posts: &[Post]) -> Vec<Duration> {
    posts
        .iter()
        .map(|p| {
            let t = Instant::now();
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).expect("begin");
            apply_stay(&tx, config, &completed(p));
            tx.execute(
                "INSERT INTO audit(at, action, detail) VALUES (?1, 'stay.post', ?2)",
                params![1_795_000_000_000i64, format!("member {} stay posted", p.card)],
            )
            .expect("audit");
            tx.commit().expect("commit");
            t.elapsed()
        })
        .collect()
}

/// One post as the `sqlite3` tool runs it, the values written out as literals: its own
/// `BEGIN IMMEDIATE … COMMIT` transaction that reads the member row, inserts the stay and
/// its ledger posting, updates the member (balance, lifetime, stays and nights by
/// increments, so that posts of several processes interleave correctly) and writes the
/// audit row. `?1` is the stay's reference, once [`apply_stay`] has applied it.
const SCRIPT_OF_POST: &str = "
SELECT 'BEGIN IMMEDIATE;' || char(10)
  || 'SELECT id, q_year, q_nights, q_stays, q_spend, q_rank, prev_rank, stay_seq FROM members WHERE card = '
  || quote(m.card) || ';' || char(10)
  || 'INSERT INTO stays(member_id, seq, property, arrival, departure, nights, revenue, channel, status, '
  || 'external_ref, base_points, bonus_points, tier_at_arrival) VALUES (' || s.member_id || ', ' || s.seq || ', '
  || quote(s.property) || ', ' || quote(s.arrival) || ', ' || quote(s.departure) || ', ' || s.nights || ', '
  || s.revenue || ', ' || quote(s.channel) || ', ' || quote(s.status) || ', ' || quote(s.external_ref) || ', '
  || s.base_points || ', ' || s.bonus_points || ', ' || s.tier_at_arrival || ');' || char(10)
  || CASE WHEN s.base_points + s.bonus_points > 0 THEN
       'INSERT INTO ledger(member_id, kind, points, date, source) VALUES (' || s.member_id || ', ''earn'', '
       || (s.base_points + s.bonus_points) || ', ' || quote(s.departure) || ', ' || quote('stay ' || s.seq) || ');'
       || char(10) ELSE '' END
  || 'UPDATE members SET balance = balance + ' || (s.base_points + s.bonus_points) || ', lifetime = lifetime + '
  || (s.base_points + s.bonus_points) || ', q_year = ' || m.q_year || ', q_nights = ' || m.q_nights
  || ', q_stays = ' || m.q_stays || ', q_spend = ' || m.q_spend || ', q_rank = ' || m.q_rank
  || ', prev_rank = ' || m.prev_rank || ', stay_seq = stay_seq + 1, stays = stays + 1, nights = nights + '
  || s.nights || ', last_stay = max(coalesce(last_stay, ''''), ' || quote(s.departure) || ') WHERE card = '
  || quote(m.card) || ';' || char(10)
  || 'INSERT INTO audit(at, action, detail) VALUES (1795000000000, ''stay.post'', '
  || quote('member ' || m.card || ' stay posted') || ');' || char(10) || 'COMMIT;' || char(10)
FROM stays s JOIN members m ON m.id = s.member_id WHERE s.external_ref = ?1";

/// The script of each (completed) post for the `sqlite3` tool, earned with frontdesk's
/// rules as [`post`] earns: the posts are applied here one after another in a transaction
/// that is rolled back, each read back as SQL text ([`SCRIPT_OF_POST`]) first.
pub fn post_scripts(conn: &mut Connection, config: &Config, posts: &[Post]) -> Vec<String> {
    let tx = conn.transaction().expect("begin");
    let scripts = posts
        .iter()
        .map(|p| {
            apply_stay(&tx, config, &completed(p));
            tx.query_row(SCRIPT_OF_POST, [&p.external_ref], |r| r.get(0)).expect("script of a post")
        })
        .collect();
    tx.rollback().expect("rollback");
    scripts
}

/// The member columns a stay reads and writes.
struct Qual {
    id: i64,
    year: i32,
    nights: i64,
    stays: i64,
    spend: i64,
    rank: i64,
    prev_rank: i64,
    seq: i64,
}

impl Qual {
    /// Effective rank in `year`: this year's or last year's qualification.
    fn rank_in(&self, year: i32) -> i64 {
        if self.year == year {
            self.rank.max(self.prev_rank)
        } else if self.year + 1 == year {
            self.rank
        } else {
            0
        }
    }
}

/// One stay: reads its member, earns, inserts the stay and its ledger posting and updates
/// the member row (nothing when the reference is already there).
pub fn apply_stay(tx: &Transaction<'_>, config: &Config, s: &StayRow<'_>) {
    let mut m = tx
        .prepare_cached(
            "SELECT id, q_year, q_nights, q_stays, q_spend, q_rank, prev_rank, stay_seq FROM members WHERE card = ?1",
        )
        .expect("prepare")
        .query_row([s.card], |r| {
            Ok(Qual {
                id: r.get(0)?,
                year: r.get(1)?,
                nights: r.get(2)?,
                stays: r.get(3)?,
                spend: r.get(4)?,
                rank: r.get(5)?,
                prev_rank: r.get(6)?,
                seq: r.get(7)?,
            })
        })
        .optional()
        .expect("member read")
        .expect("member exists");
    let table = tier_table(config);
    let nights = (s.departure - s.arrival).num_days();
    let arrival_rank = m.rank_in(s.arrival.year());
    let qualifies = s.completed && config.channel_earns(s.channel);
    let earned = earn(EarnInput {
        revenue_minor: s.revenue_minor,
        minor_per_unit: config.minor_per_unit(),
        points_per_unit: config.earn.points_per_unit,
        bonus_percent: table.bonus_percent(arrival_rank as usize),
        channel_earns: qualifies,
        completed: s.completed,
    });
    let year = s.departure.year();
    if qualifies && year >= m.year {
        if year > m.year {
            m.prev_rank = if m.year + 1 == year { m.rank } else { 0 };
            (m.year, m.nights, m.stays, m.spend) = (year, 0, 0, 0);
        }
        (m.nights, m.stays, m.spend) = (m.nights + nights, m.stays + 1, m.spend + s.revenue_minor);
        let q = YearQual { year, nights: m.nights as u32, stays: m.stays as u32, spend_minor: m.spend };
        m.rank = table.qualified_rank(&q) as i64;
    }
    m.seq += 1;
    let inserted = tx
        .prepare_cached(
            "INSERT INTO stays(member_id, seq, property, arrival, departure, nights, revenue, channel, status,
               external_ref, base_points, bonus_points, tier_at_arrival)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT(external_ref) DO NOTHING",
        )
        .expect("prepare")
        .execute(params![
            m.id,
            m.seq,
            s.property,
            s.arrival.to_string(),
            s.departure.to_string(),
            nights,
            s.revenue_minor,
            s.channel,
            if s.completed { "completed" } else { "cancelled" },
            s.external_ref,
            earned.base,
            earned.bonus,
            arrival_rank
        ])
        .expect("stay insert");
    if inserted == 0 {
        return; // the same reference again: idempotent, nothing changes
    }
    let points = earned.total();
    if points > 0 {
        tx.prepare_cached("INSERT INTO ledger(member_id, kind, points, date, source) VALUES (?1, 'earn', ?2, ?3, ?4)")
            .expect("prepare")
            .execute(params![m.id, points, s.departure.to_string(), format!("stay {}", m.seq)])
            .expect("ledger insert");
    }
    let (stays, stay_nights) = if s.completed { (1, nights) } else { (0, 0) };
    tx.prepare_cached(
        "UPDATE members SET balance = balance + ?2, lifetime = lifetime + ?2, q_year = ?3, q_nights = ?4,
           q_stays = ?5, q_spend = ?6, q_rank = ?7, prev_rank = ?8, stay_seq = ?9, stays = stays + ?10,
           nights = nights + ?11,
           last_stay = CASE WHEN ?10 = 1 THEN max(coalesce(last_stay, ''), ?12) ELSE last_stay END
         WHERE id = ?1",
    )
    .expect("prepare")
    .execute(params![
        m.id,
        points,
        m.year,
        m.nights,
        m.stays,
        m.spend,
        m.rank,
        m.prev_rank,
        m.seq,
        stays,
        stay_nights,
        s.departure.to_string()
    ])
    .expect("member update");
}
