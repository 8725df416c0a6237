//! The counters one complaint contributes.

use super::{COMPLAINER, COMPLAINTS, FactKey, month_index, record_key};
use crate::domain::Millis;
use crate::domain::complaint::Complaint;
use chrono::{DateTime, NaiveDate};

/// Lower bounds in minutes of the duration buckets (the last is open): a median is
/// reported as the bucket it falls in.
pub const MINUTE_BUCKETS: [i64; 21] =
    [0, 5, 10, 15, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1440, 2880, 4320, 7200, 10080, 20160, 43200];

/// Bucket index of a duration in milliseconds (negative durations count as zero).
pub fn minutes_bucket(ms: Millis) -> u8 {
    let minutes = ms.max(0) / 60_000;
    MINUTE_BUCKETS.iter().rposition(|b| *b <= minutes).unwrap_or(0) as u8
}

/// UTC day of an instant.
pub fn day_of(ms: Millis) -> NaiveDate {
    DateTime::from_timestamp_millis(ms).map_or(NaiveDate::MIN, |t| t.date_naive())
}

/// Every counter a complaint contributes to, in the record of its property and opening
/// month: `n` count; `c` ‖ category ‖ 0 ‖ severity; `b` SLA breached (first response or
/// resolution recorded after its target); `r` ‖ bucket time to first response; `v` ‖
/// bucket time to resolution (while resolved or closed); `g` goodwill points; `p` ‖ score
/// NPS answers; `q` ‖ score CSAT answers. Plus one complaint for its member in the `k`
/// records of its property and of all properties.
pub fn complaint_facts(c: &Complaint) -> Vec<(FactKey, i64)> {
    let record = record_key(COMPLAINTS, &c.property, &month_index(day_of(c.opened_at)).to_be_bytes());
    let cell = |bytes: Vec<u8>| FactKey { record: record.clone(), cell: bytes };
    let mut out = vec![(cell(vec![b'n']), 1)];
    let mut cat = vec![b'c'];
    cat.extend_from_slice(c.category.as_bytes());
    cat.push(0);
    cat.extend_from_slice(c.severity.as_bytes());
    out.push((cell(cat), 1));
    let late_response = c.first_response_at.is_some_and(|t| t > c.respond_by);
    let late_resolve = c.resolved_at.is_some_and(|t| t > c.resolve_by);
    if late_response || late_resolve {
        out.push((cell(vec![b'b']), 1));
    }
    if let Some(t) = c.first_response_at {
        out.push((cell(vec![b'r', minutes_bucket(t - c.opened_at)]), 1));
    }
    if let Some(t) = c.resolved_at {
        out.push((cell(vec![b'v', minutes_bucket(t - c.opened_at)]), 1));
    }
    if c.goodwill_points != 0 {
        out.push((cell(vec![b'g']), c.goodwill_points));
    }
    if let Some(s) = c.nps {
        out.push((cell(vec![b'p', s]), 1));
    }
    if let Some(s) = c.csat {
        out.push((cell(vec![b'q', s]), 1));
    }
    if let Some(id) = c.member_id {
        for p in [c.property.as_str(), ""] {
            out.push((FactKey { record: record_key(COMPLAINER, p, &id.to_be_bytes()), cell: Vec::new() }, 1));
        }
    }
    out
}
