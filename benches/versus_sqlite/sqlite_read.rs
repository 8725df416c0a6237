//! SQLite reads: lookups through the indexes and the summaries as aggregate queries.

use chrono::{Datelike, Months, NaiveDate};
use frontdesk_core::config::Config;
use rusqlite::{Connection, Row, params};

/// The member columns a lookup reads (a whole member row).
pub const COLUMNS: &str = "id, card, name, email, phone, birthday, property, enrolled_on, status, balance, lifetime, \
                       q_year, q_nights, q_stays, q_spend, q_rank, prev_rank, last_stay, stays, nights";

/// A member row read whole, as frontdesk decodes a whole member record.
#[allow(dead_code)]
pub struct MemberRow {
    id: i64,
    text: [Option<String>; 8],
    figures: [i64; 9],
    last_stay: Option<String>,
    counts: [i64; 2],
}

fn member(r: &Row<'_>) -> rusqlite::Result<MemberRow> {
    Ok(MemberRow {
        id: r.get(0)?,
        text: [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?],
        figures: [r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?, r.get(14)?, r.get(15)?, r.get(16)?, 0],
        last_stay: r.get(17)?,
        counts: [r.get(18)?, r.get(19)?],
    })
}

fn rows(conn: &Connection, sql: &str, a: &str, b: Option<&str>) -> usize {
    let mut st = conn.prepare_cached(sql).expect("prepare");
    let found: Vec<MemberRow> = match b {
        None => st.query_map([a], member).expect("query").collect::<Result<_, _>>().expect("rows"),
        Some(b) => st.query_map([a, b], member).expect("query").collect::<Result<_, _>>().expect("rows"),
    };
    found.len()
}

/// The first string after every string that starts with `prefix` (for index ranges).
fn after_prefix(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

pub fn by_card(conn: &Connection, card: &str) -> usize {
    rows(conn, &format!("SELECT {COLUMNS} FROM members WHERE card = ?1"), card, None)
}

/// Numbers ending in `tail`: a range over the reversed digits (index `members_phone_rev`).
pub fn by_phone_tail(conn: &Connection, tail: &str) -> usize {
    let rev: String = tail.chars().rev().collect();
    let sql = format!("SELECT {COLUMNS} FROM members WHERE phone_rev >= ?1 AND phone_rev < ?2 LIMIT 20");
    rows(conn, &sql, &rev, Some(&after_prefix(&rev)))
}

/// Surnames starting with `prefix` (index on `lower(surname)`).
pub fn by_name(conn: &Connection, prefix: &str) -> usize {
    let p = prefix.to_lowercase();
    let sql = format!("SELECT {COLUMNS} FROM members WHERE lower(surname) >= ?1 AND lower(surname) < ?2 LIMIT 20");
    rows(conn, &sql, &p, Some(&after_prefix(&p)))
}

/// The tiers summary as one aggregate query; `?1` is the year of the business date.
pub const TIERS: &str = "SELECT eff, count(*), sum(cur > prev), sum(eff > 0 AND cur < eff) FROM (
   SELECT CASE WHEN q_year = ?1 THEN max(q_rank, prev_rank) WHEN q_year = ?1 - 1 THEN q_rank ELSE 0 END AS eff,
          CASE WHEN q_year = ?1 THEN q_rank ELSE 0 END AS cur,
          CASE WHEN q_year = ?1 THEN prev_rank WHEN q_year = ?1 - 1 THEN q_rank ELSE 0 END AS prev
   FROM members WHERE status = 'active') GROUP BY eff";

/// Members per effective tier, this year's upgrades and elite members not yet requalified
/// (what `report tiers` shows), from one scan of the members.
pub fn tiers(conn: &Connection, today: NaiveDate) -> Vec<(i64, i64)> {
    let mut st = conn.prepare_cached(TIERS).expect("prepare");
    let out: Vec<(i64, i64, i64, i64)> = st
        .query_map([today.year()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    out.into_iter().map(|(rank, count, _, _)| (rank, count)).collect()
}

/// Active / at risk / lapsed / never stayed by last stay, and members by number of stays.
pub fn retention(conn: &Connection, config: &Config, today: NaiveDate) -> usize {
    let cut = |m: u32| today.checked_sub_months(Months::new(m)).unwrap_or(today).to_string();
    let (active, lapsed) = (cut(config.retention.active_months), cut(config.retention.lapsed_months));
    let windows: (i64, i64, i64, i64) = conn
        .prepare_cached(
            "SELECT sum(last_stay > ?1), sum(last_stay <= ?1 AND last_stay > ?2), sum(last_stay <= ?2),
                    sum(last_stay IS NULL) FROM members",
        )
        .expect("prepare")
        .query_row(params![active, lapsed], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("retention");
    let mut st = conn.prepare_cached("SELECT min(stays, 5), count(*) FROM members GROUP BY 1").expect("prepare");
    let buckets: Vec<(i64, i64)> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("query").collect::<Result<_, _>>().expect("rows");
    std::hint::black_box(windows);
    buckets.len()
}

/// Earned, outstanding, redeemed, expired, and points expiring within 30/60/90 days under
/// the inactivity rule (24 months after the last stay).
pub fn liability(conn: &Connection, today: NaiveDate) -> usize {
    let edge = |d: u64| (today + chrono::Days::new(d)).checked_sub_months(Months::new(24)).unwrap_or(today).to_string();
    let totals: (i64, i64, i64, i64, i64) = conn
        .prepare_cached(
            "SELECT sum(lifetime), sum(balance),
                    coalesce(sum(balance) FILTER (WHERE last_stay <= ?1), 0),
                    coalesce(sum(balance) FILTER (WHERE last_stay > ?1 AND last_stay <= ?2), 0),
                    coalesce(sum(balance) FILTER (WHERE last_stay > ?2 AND last_stay <= ?3), 0)
             FROM members",
        )
        .expect("prepare")
        .query_row(params![edge(30), edge(60), edge(90)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .expect("liability");
    let spent: i64 = conn
        .prepare_cached("SELECT coalesce(sum(points), 0) FROM ledger WHERE kind IN ('redeem', 'expire')")
        .expect("prepare")
        .query_row([], |r| r.get(0))
        .expect("redeemed");
    std::hint::black_box((totals, spent));
    1
}

/// Points on members' balances (a check that both sides earned the same points).
pub fn outstanding(conn: &Connection) -> i64 {
    conn.query_row("SELECT coalesce(sum(balance), 0) FROM members", [], |r| r.get(0)).expect("outstanding")
}
