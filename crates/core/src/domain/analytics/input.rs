//! The counters a report reads: the records of one family, as read from `agg`.

use super::facts::parse_record_key;
use std::collections::BTreeMap;

/// One counter record: its property, bucket and cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactRow {
    /// Property code (`""` for the all-properties complainer records).
    pub property: String,
    /// Bucket bytes (year, month index or member id, big-endian).
    pub bucket: Vec<u8>,
    /// Cell → value.
    pub cells: BTreeMap<Vec<u8>, i64>,
}

impl FactRow {
    /// A row from an `agg` key and its cells; `None` when the key is not a fact record.
    pub fn from_record(key: &[u8], cells: BTreeMap<Vec<u8>, i64>) -> Option<FactRow> {
        let (_, property, bucket) = parse_record_key(key)?;
        Some(FactRow { property: property.to_string(), bucket: bucket.to_vec(), cells })
    }

    /// The bucket as a big-endian u32 (year or month index).
    pub(crate) fn bucket_u32(&self) -> Option<u32> {
        self.bucket.as_slice().try_into().ok().map(u32::from_be_bytes)
    }

    /// Value of a cell (0 when absent).
    pub(crate) fn get(&self, cell: &[u8]) -> i64 {
        self.cells.get(cell).copied().unwrap_or(0)
    }
}

/// Whether a row belongs to the property filter.
pub(crate) fn selected(row: &FactRow, property: Option<&str>) -> bool {
    property.is_none_or(|p| row.property == p)
}

/// Sums the cells of the selected rows per bucket.
pub(crate) fn by_bucket<'a>(
    rows: impl IntoIterator<Item = &'a FactRow>,
    property: Option<&str>,
) -> BTreeMap<Vec<u8>, BTreeMap<Vec<u8>, i64>> {
    let mut out: BTreeMap<Vec<u8>, BTreeMap<Vec<u8>, i64>> = BTreeMap::new();
    for row in rows.into_iter().filter(|r| selected(r, property)) {
        let cells = out.entry(row.bucket.clone()).or_default();
        for (c, v) in &row.cells {
            *cells.entry(c.clone()).or_insert(0) += v;
        }
    }
    out
}

/// Share `a / b`, `None` when `b` is zero.
pub(crate) fn share(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// A count as u64 (negative counters, which verify reports, count as zero).
pub(crate) fn n(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}
