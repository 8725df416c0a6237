//! `report complaints` and `report satisfaction` from the complaint counters (families
//! `c` and `h`).

use super::facts::{MINUTE_BUCKETS, month_index, month_start};
use super::input::{FactRow, n, selected, share};
use super::types::{ComplaintsReport, Count, MinutesRange, SatisfactionReport, Score};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Months in the window of both reports.
pub(crate) const WINDOW_MONTHS: u32 = 12;

/// Month indexes of the window ending with `as_of`'s month, oldest first.
pub(crate) fn window(as_of: NaiveDate) -> Vec<u32> {
    let last = month_index(as_of);
    (last.saturating_sub(WINDOW_MONTHS - 1)..=last).collect()
}

fn month_name(index: u32) -> String {
    month_start(index).map_or_else(String::new, |d| format!("{:04}-{:02}", d.year(), d.month()))
}

fn bounds(as_of: NaiveDate) -> (NaiveDate, NaiveDate) {
    let w = window(as_of);
    let from = w.first().and_then(|m| month_start(*m)).unwrap_or(as_of);
    let to = month_start(month_index(as_of) + 1).and_then(|d| d.pred_opt()).unwrap_or(as_of);
    (from, to)
}

/// Complaint rows of the window and property filter.
fn in_window<'a>(
    rows: &'a [FactRow],
    as_of: NaiveDate,
    property: Option<&'a str>,
) -> impl Iterator<Item = &'a FactRow> {
    let w = window(as_of);
    let (first, last) = (w.first().copied().unwrap_or(0), w.last().copied().unwrap_or(0));
    rows.iter().filter(move |r| selected(r, property) && r.bucket_u32().is_some_and(|m| m >= first && m <= last))
}

/// The bucket holding the median of a histogram (lower median).
pub(crate) fn median(hist: &[u64]) -> Option<MinutesRange> {
    let total: u64 = hist.iter().sum();
    if total == 0 {
        return None;
    }
    let target = (total - 1) / 2;
    let mut seen = 0;
    for (i, c) in hist.iter().enumerate() {
        seen += c;
        if seen > target {
            return Some(MinutesRange {
                from_minutes: MINUTE_BUCKETS[i],
                to_minutes: MINUTE_BUCKETS.get(i + 1).copied(),
            });
        }
    }
    None
}

/// Orders counts: the configured keys first in their order, then the others by name.
fn ordered(map: BTreeMap<String, u64>, order: &[String]) -> Vec<Count> {
    let mut out: Vec<Count> =
        order.iter().filter_map(|k| map.get(k).map(|c| Count { key: k.clone(), count: *c })).collect();
    out.extend(map.iter().filter(|(k, _)| !order.contains(k)).map(|(k, c)| Count { key: k.clone(), count: *c }));
    out.retain(|c| c.count > 0);
    out
}

/// The configured orders of categories and severities.
pub struct Orders<'a> {
    pub categories: &'a [String],
    /// Severity codes.
    pub severities: &'a [String],
}

/// The complaints report from the complaint rows (`c`) and histogram rows (`h`).
pub fn complaints_report(
    rows: &[FactRow],
    hist: &[FactRow],
    orders: &Orders<'_>,
    as_of: NaiveDate,
    property: Option<&str>,
) -> ComplaintsReport {
    let (mut cats, mut sevs, mut props) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::<String, u64>::new());
    let mut months: BTreeMap<u32, u64> = window(as_of).into_iter().map(|m| (m, 0)).collect();
    let (mut total, mut breached, mut goodwill) = (0u64, 0u64, 0i64);
    let (mut first, mut resolve) = (vec![0u64; MINUTE_BUCKETS.len()], vec![0u64; MINUTE_BUCKETS.len()]);
    for row in in_window(rows, as_of, property) {
        let count = n(row.get(b"n"));
        total += count;
        *months.entry(row.bucket_u32().unwrap_or(0)).or_insert(0) += count;
        *props.entry(row.property.clone()).or_insert(0) += count;
        breached += n(row.get(b"b"));
        goodwill += row.get(b"g");
        for (cell, v) in &row.cells {
            match cell.split_first() {
                Some((b'c', rest)) => {
                    let mut parts = rest.splitn(2, |b| *b == 0);
                    let cat = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
                    let sev = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
                    *cats.entry(cat).or_insert(0) += n(*v);
                    *sevs.entry(sev).or_insert(0) += n(*v);
                }
                Some((b'r', [i])) => first[usize::from(*i).min(MINUTE_BUCKETS.len() - 1)] += n(*v),
                Some((b'v', [i])) => resolve[usize::from(*i).min(MINUTE_BUCKETS.len() - 1)] += n(*v),
                _ => {}
            }
        }
    }
    let who = property.unwrap_or("");
    let mut complainers = 0;
    let mut repeat = 0;
    for row in hist.iter().filter(|r| r.property == who) {
        for (cell, v) in &row.cells {
            let times = cell.first().copied().unwrap_or(0);
            complainers += u64::from(times >= 1) * n(*v);
            repeat += u64::from(times >= 2) * n(*v);
        }
    }
    let (from, to) = bounds(as_of);
    ComplaintsReport {
        as_of,
        property: property.map(str::to_string),
        from,
        to,
        complaints: total,
        by_category: ordered(cats, orders.categories),
        by_severity: ordered(sevs, orders.severities),
        by_property: ordered(props, &[]),
        by_month: months.into_iter().map(|(m, c)| Count { key: month_name(m), count: c }).collect(),
        sla_breached: breached,
        sla_breach_rate: share(breached, total),
        responded: first.iter().sum(),
        median_first_response: median(&first),
        resolved: resolve.iter().sum(),
        median_resolve: median(&resolve),
        complainers,
        repeat_complainers: repeat,
        goodwill_points: goodwill,
    }
}

/// NPS and CSAT answer counts of one group.
#[derive(Debug, Clone, Copy, Default)]
struct Answers {
    nps: [u64; 11],
    csat: [u64; 6],
}

impl Answers {
    fn add(&mut self, row: &FactRow) {
        for s in 0..=10u8 {
            self.nps[usize::from(s)] += n(row.get(&[b'p', s]));
        }
        for s in 1..=5u8 {
            self.csat[usize::from(s)] += n(row.get(&[b'q', s]));
        }
    }

    fn score(&self, key: String) -> Score {
        let nps_responses: u64 = self.nps.iter().sum();
        let promoters = self.nps[9] + self.nps[10];
        let detractors: u64 = self.nps[..=6].iter().sum();
        let csat_responses: u64 = self.csat.iter().sum();
        let satisfied = self.csat[4] + self.csat[5];
        Score {
            key,
            nps_responses,
            promoters,
            detractors,
            nps: share(promoters, nps_responses).zip(share(detractors, nps_responses)).map(|(p, d)| (p - d) * 100.0),
            csat_responses,
            satisfied,
            csat: share(satisfied, csat_responses),
        }
    }
}

/// The satisfaction report from the complaint rows (`c`).
pub fn satisfaction_report(rows: &[FactRow], as_of: NaiveDate, property: Option<&str>) -> SatisfactionReport {
    let mut total = Answers::default();
    let mut months: BTreeMap<u32, Answers> = window(as_of).into_iter().map(|m| (m, Answers::default())).collect();
    let mut props: BTreeMap<String, Answers> = BTreeMap::new();
    for row in in_window(rows, as_of, property) {
        total.add(row);
        months.entry(row.bucket_u32().unwrap_or(0)).or_default().add(row);
        props.entry(row.property.clone()).or_default().add(row);
    }
    let (from, to) = bounds(as_of);
    SatisfactionReport {
        as_of,
        property: property.map(str::to_string),
        from,
        to,
        total: total.score("all".into()),
        by_month: months.into_iter().map(|(m, a)| a.score(month_name(m))).collect(),
        by_property: props
            .into_iter()
            .map(|(p, a)| a.score(p))
            .filter(|s| s.nps_responses + s.csat_responses > 0)
            .collect(),
    }
}
