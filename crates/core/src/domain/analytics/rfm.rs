//! RFM scoring: quintile edges, scores and the segment map. Pure.
//!
//! Rules (issue 6):
//! * Window: completed stays departing in `(as_of − 24 months, as_of]`.
//! * Recency = days from the last such departure to `as_of`; frequency = such stays;
//!   monetary = their room revenue (minor units, summed as stored).
//! * Members with no completed stay in the window are not scored and sit in no segment
//!   (they are counted in `RfmReport::not_scored`; retention shows them as lapsed or never
//!   stayed). Scoring them would give every long-gone member R1 and drown the quintiles.
//! * Quintile edges are nearest-rank: over the `n` sorted values, edge `i` (1..=4) is the
//!   value at rank `ceil(i·n/5)`. A value's quintile is 1 + the number of edges strictly
//!   below it, so a value equal to an edge falls in the quintile that edge closes (ties
//!   never split). F and M scores are that quintile (5 = most stays / revenue); the R score
//!   is 6 − the quintile of the days (5 = most recent).
//! * Edges are chain-wide, so a segment means the same in every property; a property
//!   filter counts the members of that home property.

use super::types::Segment;

/// Window of RFM, in months.
pub(crate) const WINDOW_MONTHS: u32 = 24;

/// Upper bounds of quintiles 1–4 of `sorted` (ascending); empty when `sorted` is.
pub fn quintile_edges<T: Copy>(sorted: &[T]) -> Vec<T> {
    let n = sorted.len();
    if n == 0 {
        return Vec::new();
    }
    (1..=4).map(|i| sorted[(i * n).div_ceil(5).saturating_sub(1).min(n - 1)]).collect()
}

/// Quintile 1..=5 of `v`: 1 + the number of edges strictly below it.
pub fn quintile<T: PartialOrd>(v: &T, edges: &[T]) -> u8 {
    1 + edges.iter().filter(|e| *e < v).count() as u8
}

/// R, F and M scores of one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scores {
    /// Recency score, 5 = most recent.
    pub r: u8,
    /// Frequency score, 5 = most stays.
    pub f: u8,
    /// Monetary score, 5 = most revenue.
    pub m: u8,
}

/// The three sets of edges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Edges {
    /// Days since the last stay.
    pub recency_days: Vec<i64>,
    /// Stays in the window.
    pub frequency: Vec<u64>,
    /// Room revenue in the window, minor units.
    pub monetary_minor: Vec<i64>,
}

impl Edges {
    /// Scores of a member with those figures.
    pub(crate) fn score(&self, days: i64, stays: u64, revenue_minor: i64) -> Scores {
        Scores {
            r: 6 - quintile(&days, &self.recency_days),
            f: quintile(&stays, &self.frequency),
            m: quintile(&revenue_minor, &self.monetary_minor),
        }
    }
}

/// The segment of an R and F score.
///
/// The map is the R × F grid widely used in RFM practice (e.g. Putler, "RFM Analysis For
/// Successful Customer Segmentation", <https://www.putler.com/rfm-analysis/>, and the
/// `seg_map` of the many Python RFM tutorials that follow it), which names ten segments
/// by regular expressions over "RF": Champions `5[4-5]`, Loyal customers `[3-4][4-5]`,
/// Potential loyalists `[4-5][2-3]`, New customers `51`, Promising `41`, Need attention
/// `33`, About to sleep `3[1-2]`, At risk `[1-2][3-4]`, Can't lose them `[1-2]5`,
/// Hibernating `[1-2][1-2]`. Issue 6 asks for seven, so: Promising joins Potential; Need
/// attention and About to sleep join Hibernating; Can't lose them joins At risk; and the
/// Hibernating cell splits by recency, `2[1-2]` Hibernating and `1[1-2]` Lost. M is scored
/// and shown but, as in that map, does not pick the segment.
pub fn segment(r: u8, f: u8) -> Segment {
    match (r, f) {
        (5.., 4..) => Segment::Champions,
        (3..=4, 4..) => Segment::Loyal,
        (5.., ..=1) => Segment::New,
        (5.., 2..=3) | (4, ..=3) => Segment::Potential,
        (3, ..=3) | (2, ..=2) => Segment::Hibernating,
        (..=2, 3..) => Segment::AtRisk,
        _ => Segment::Lost,
    }
}
