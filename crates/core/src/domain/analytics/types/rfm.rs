//! RFM segments and the RFM report.

use super::SnapshotInfo;
use serde::{Deserialize, Serialize};

/// An RFM segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Segment {
    /// Recent, frequent, high spend.
    Champions,
    /// Frequent and valuable, not necessarily very recent.
    Loyal,
    /// Recent, moderate frequency: could become loyal.
    Potential,
    /// Recent first stays.
    New,
    /// Used to be frequent or valuable, not seen lately.
    AtRisk,
    /// Low recency, low frequency.
    Hibernating,
    /// Lowest recency: gone.
    Lost,
}

/// Every segment, best first.
pub const SEGMENTS: [Segment; 7] = [
    Segment::Champions,
    Segment::Loyal,
    Segment::Potential,
    Segment::New,
    Segment::AtRisk,
    Segment::Hibernating,
    Segment::Lost,
];

impl Segment {
    /// Name used in output and in `--members SEGMENT` (`at_risk`).
    pub fn as_str(self) -> &'static str {
        match self {
            Segment::Champions => "champions",
            Segment::Loyal => "loyal",
            Segment::Potential => "potential",
            Segment::New => "new",
            Segment::AtRisk => "at_risk",
            Segment::Hibernating => "hibernating",
            Segment::Lost => "lost",
        }
    }

    /// Display label, e.g. `At risk`.
    pub fn label(self) -> &'static str {
        match self {
            Segment::Champions => "Champions",
            Segment::Loyal => "Loyal",
            Segment::Potential => "Potential",
            Segment::New => "New",
            Segment::AtRisk => "At risk",
            Segment::Hibernating => "Hibernating",
            Segment::Lost => "Lost",
        }
    }

    /// Parses a name (`at-risk`, `At risk` too).
    pub fn parse(s: &str) -> Option<Segment> {
        let norm = s.trim().to_lowercase().replace(['-', ' '], "_");
        SEGMENTS.into_iter().find(|g| g.as_str() == norm)
    }

    /// Byte used in stored keys (never renumber).
    pub fn code(self) -> u8 {
        SEGMENTS.iter().position(|g| *g == self).map_or(0, |p| p as u8)
    }

    /// Segment of a stored key byte.
    pub fn from_code(b: u8) -> Option<Segment> {
        SEGMENTS.get(usize::from(b)).copied()
    }
}

/// Members of one segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentCount {
    pub segment: Segment,
    /// Display label.
    pub label: String,
    /// Members in it.
    pub members: u64,
    /// Share of the members scored.
    pub share: Option<f64>,
}

/// `report rfm`: recency / frequency / monetary quintiles over the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmReport {
    /// When the snapshot was computed (RFM moves with the calendar).
    pub snapshot: SnapshotInfo,
    /// Home property filter.
    pub property: Option<String>,
    /// Window in months (24).
    pub window_months: u32,
    /// Members with at least one completed stay departing in the window.
    pub members_scored: u64,
    /// Members per segment, every segment listed, best first.
    pub segments: Vec<SegmentCount>,
    /// Upper bounds of quintiles 1–4 of days since the last stay (low = recent = score 5).
    pub recency_days_edges: Vec<i64>,
    /// Upper bounds of quintiles 1–4 of completed stays in the window.
    pub frequency_edges: Vec<u64>,
    /// Upper bounds of quintiles 1–4 of room revenue in the window, minor units.
    pub monetary_minor_edges: Vec<i64>,
    /// Members counted (active and blocked) with no completed stay in the window: scored
    /// in no segment (retention shows them as lapsed or never stayed).
    pub not_scored: u64,
}
