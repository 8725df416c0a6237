//! Incremental counters ("facts") kept in the `agg` tree.
//!
//! A record contributes a list of `(FactKey, value)` ([`member_facts`], [`complaint_facts`]);
//! the counters are the sum of the contributions of every record. Whenever `ops` writes a
//! record it applies `after − before` ([`diff`]), `report rebuild` sums the contributions
//! of every record, and `verify` recomputes the sums and compares. Keys never depend on
//! a date, so a report at any as-of can be worked out from them.
//!
//! Counters are grouped into a few small records, one per (family, property, bucket):
//! `agg` key `f` ‖ family ‖ property ‖ 0 ‖ bucket (4 bytes BE, or a member id for
//! complainers). A record is a map cell → value; zero cells are dropped and an empty
//! record is removed, so a store with no activity in a family holds no keys for it.
//!
//! Families:
//! * `t` tiers, bucket = year (0: every member): cell `[rank Y, rank Y−1, rank Y−2,
//!   override rank or 0xFF, override last day (days from CE, i32 BE)]` → members.
//! * `l` last completed stay, bucket = month index, cell `[day]` → members
//!   (bucket 0, cell `[0]`: never stayed).
//! * `m` member totals, bucket 0: `e` lifetime points, `o` balance, `s` ‖ min(stays, 5)
//!   → members.
//! * `x` points by the day they expire, bucket = month index, cell `[day]` → points.
//! * `c` complaints, bucket = opening month index: see [`complaint_facts`].
//! * `k` complaints per member, bucket = member id (property `""` = anywhere), cell `[]`;
//!   `h` its histogram, derived when a `k` record changes ([`derived`]), cell
//!   `[min(n, 255)]` → members.
//!
//! Month index = year × 12 + month − 1.

mod complaint;
mod member;

pub use complaint::{MINUTE_BUCKETS, complaint_facts, day_of, minutes_bucket};
pub use member::{counted, expires_on, member_facts};

use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Family byte of tier counters.
pub const TIERS: u8 = b't';
/// Family byte of last-stay counters.
pub const LAST_STAY: u8 = b'l';
/// Family byte of member totals.
pub const TOTALS: u8 = b'm';
/// Family byte of points by expiry day.
pub const EXPIRY: u8 = b'x';
/// Family byte of complaint counters.
pub const COMPLAINTS: u8 = b'c';
/// Family byte of complaints per member.
pub(crate) const COMPLAINER: u8 = b'k';
/// Family byte of the complaints-per-member histogram.
pub const COMPLAINER_HIST: u8 = b'h';
/// First byte of every fact record key in `agg`.
pub const PREFIX: u8 = b'f';

/// One counter: the record that holds it and its cell there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FactKey {
    /// `agg` key of the record.
    pub record: Vec<u8>,
    /// Cell within the record.
    pub cell: Vec<u8>,
}

/// Counters by record key, then cell.
pub type FactSet = BTreeMap<Vec<u8>, BTreeMap<Vec<u8>, i64>>;

/// The `agg` key of a record.
pub(crate) fn record_key(family: u8, property: &str, bucket: &[u8]) -> Vec<u8> {
    let mut k = Vec::with_capacity(3 + property.len() + bucket.len());
    k.extend_from_slice(&[PREFIX, family]);
    k.extend_from_slice(property.as_bytes());
    k.push(0);
    k.extend_from_slice(bucket);
    k
}

/// Scan prefix of one family (all properties).
pub fn family_prefix(family: u8) -> [u8; 2] {
    [PREFIX, family]
}

/// Family, property and bucket of a record key.
pub(crate) fn parse_record_key(key: &[u8]) -> Option<(u8, &str, &[u8])> {
    if key.first() != Some(&PREFIX) {
        return None;
    }
    let family = *key.get(1)?;
    let rest = key.get(2..)?;
    let zero = rest.iter().position(|b| *b == 0)?;
    let property = std::str::from_utf8(&rest[..zero]).ok()?;
    Some((family, property, &rest[zero + 1..]))
}

/// Month index of a date.
pub(crate) fn month_index(d: NaiveDate) -> u32 {
    u32::try_from(d.year()).unwrap_or(0) * 12 + d.month0()
}

/// First day of a month index.
pub(crate) fn month_start(index: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(index / 12).ok()?, index % 12 + 1, 1)
}

/// Adds `sign ×` the contributions to a set, dropping zero cells and empty records.
pub fn add(set: &mut FactSet, facts: &[(FactKey, i64)], sign: i64) {
    for (k, v) in facts {
        add_one(set, &k.record, &k.cell, v * sign);
    }
}

/// Adds one value to a set, dropping the cell when it reaches zero.
pub fn add_one(set: &mut FactSet, record: &[u8], cell: &[u8], v: i64) {
    if v == 0 {
        return;
    }
    let cells = set.entry(record.to_vec()).or_default();
    let now = cells.get(cell).copied().unwrap_or(0) + v;
    if now == 0 {
        cells.remove(cell);
    } else {
        cells.insert(cell.to_vec(), now);
    }
    if cells.is_empty() {
        set.remove(record);
    }
}

/// Counters derived from a record's change: a `k` record (one member's complaints at one
/// property) moving from `old` to `new` complaints moves the member between the cells
/// of that property's `h` histogram.
pub fn derived(record: &[u8], old: &BTreeMap<Vec<u8>, i64>, new: &BTreeMap<Vec<u8>, i64>) -> Vec<(FactKey, i64)> {
    let Some((COMPLAINER, property, _)) = parse_record_key(record) else {
        return Vec::new();
    };
    let count = |cells: &BTreeMap<Vec<u8>, i64>| cells.get(&Vec::new()).copied().unwrap_or(0);
    let (a, b) = (count(old), count(new));
    if a == b {
        return Vec::new();
    }
    let hist = record_key(COMPLAINER_HIST, property, &[]);
    let cell = |n: i64| vec![u8::try_from(n.clamp(0, 255)).unwrap_or(255)];
    let mut out = Vec::new();
    if a > 0 {
        out.push((FactKey { record: hist.clone(), cell: cell(a) }, -1));
    }
    if b > 0 {
        out.push((FactKey { record: hist, cell: cell(b) }, 1));
    }
    out
}

/// Adds the derived counters of a whole set built from contributions alone (rebuild and
/// verify): every `k` record counted from zero.
pub fn complete(set: &mut FactSet) {
    let empty = BTreeMap::new();
    let extra: Vec<(FactKey, i64)> = set.iter().flat_map(|(record, cells)| derived(record, &empty, cells)).collect();
    add(set, &extra, 1);
}
