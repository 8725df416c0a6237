//! The RFM and cohort snapshot: what depends on whole stay histories and moves with the
//! calendar, so it is computed for one as-of date by a streaming pass over members and
//! their stays ([`Builder`]), stored in `agg` ([`SnapshotRecord`] plus one key per scored
//! member) and read back by the reports. Pure: the pass over the store is `ops::snapshot`.
//!
//! Per property (the member's home property, as in every member report) it keeps:
//! * RFM segment counts and members not scored (rules in [`super::rfm`]);
//! * the cohort matrix: members counted by the month of their first completed stay ever
//!   (by departure), for the [`COHORT_MONTHS`] months ending with the as-of month, and per
//!   cohort the members with a completed stay departing `k` months after (k = 0 up to
//!   the as-of month);
//! * completed stays per departure month over the [`SERIES_MONTHS`] months ending with the
//!   as-of month (the retention sparkline).
//!
//! Only stays departing on or before the as-of date count. Memory: one compact row per
//! scored member (24 bytes) until the quintiles are known, then one membership (16 bytes);
//! the stays of one member at a time.

use super::facts::{month_index, month_start};
use super::rfm::{self, Edges, Scores, WINDOW_MONTHS};
use super::types::{CohortMatrix, CohortRow, MonthCount, RfmReport, SEGMENTS, Segment, SegmentCount, SnapshotInfo};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// First-stay months in the cohort matrix (the as-of month and the 11 before it).
pub(crate) const COHORT_MONTHS: u32 = 12;
/// Months of the monthly stays series (the as-of month and the 23 before it).
pub(crate) const SERIES_MONTHS: u32 = 24;

/// One cohort's counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortCounts {
    /// Members whose first completed stay departed in the cohort month.
    pub members: u64,
    /// Index `k`: of those, members with a completed stay departing `k` months later.
    pub returning: Vec<u64>,
}

/// The snapshot's figures for one home property.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PropertySnapshot {
    /// Home property code.
    pub property: String,
    /// Members per segment, indexed by [`Segment::code`].
    pub segments: Vec<u64>,
    /// Members counted with no completed stay in the RFM window.
    pub not_scored: u64,
    /// [`COHORT_MONTHS`] cohorts, oldest first.
    pub cohorts: Vec<CohortCounts>,
    /// Completed stays per month, [`SERIES_MONTHS`] months, oldest first.
    pub monthly_stays: Vec<u64>,
}

/// The stored snapshot summary (`agg` key [`frontdesk_store::store::keys`] `si`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotRecord {
    /// Business date it describes.
    pub as_of: NaiveDate,
    /// When it was computed (UTC ms).
    pub computed_at: i64,
    /// RFM window in months.
    pub window_months: u32,
    /// Chain-wide quintile edges of days since the last stay.
    pub recency_days_edges: Vec<i64>,
    /// Chain-wide quintile edges of stays in the window.
    pub frequency_edges: Vec<u64>,
    /// Chain-wide quintile edges of room revenue in the window.
    pub monetary_minor_edges: Vec<i64>,
    /// Per home property, by code.
    pub properties: Vec<PropertySnapshot>,
}

/// A completed stay as the snapshot sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StayFact {
    /// Departure date.
    pub departure: NaiveDate,
    /// Room revenue, minor units.
    pub revenue_minor: i64,
}

/// A scored member's segment and scores (stored as `agg` `sr` ‖ segment ‖ id → `[r, f, m]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    /// Member id.
    pub id: u64,
    pub segment: Segment,
    /// R, F, M scores.
    pub scores: Scores,
}

struct Scored {
    id: u64,
    property: u16,
    days: u16,
    stays: u32,
    revenue: i64,
}

/// Accumulates members one at a time; [`Builder::finish`] scores them.
pub struct Builder {
    as_of: NaiveDate,
    month: u32,
    window_after: NaiveDate,
    index: BTreeMap<String, u16>,
    props: Vec<PropertySnapshot>,
    scored: Vec<Scored>,
}

impl Builder {
    /// A builder for `as_of`.
    pub fn new(as_of: NaiveDate) -> Builder {
        Builder {
            as_of,
            month: month_index(as_of),
            window_after: as_of.checked_sub_months(Months::new(WINDOW_MONTHS)).unwrap_or(NaiveDate::MIN),
            index: BTreeMap::new(),
            props: Vec::new(),
            scored: Vec::new(),
        }
    }

    fn property(&mut self, code: &str) -> usize {
        if let Some(i) = self.index.get(code) {
            return usize::from(*i);
        }
        let i = self.props.len();
        let cohorts = (0..COHORT_MONTHS)
            .map(|j| CohortCounts { members: 0, returning: vec![0; (COHORT_MONTHS - j) as usize] })
            .collect();
        self.props.push(PropertySnapshot {
            property: code.to_string(),
            segments: vec![0; SEGMENTS.len()],
            not_scored: 0,
            cohorts,
            monthly_stays: vec![0; SERIES_MONTHS as usize],
        });
        self.index.insert(code.to_string(), u16::try_from(i).unwrap_or(u16::MAX));
        i
    }

    /// Adds a counted member (active or blocked) with its completed stays, in any order.
    pub fn add_member(&mut self, id: u64, property: &str, stays: &[StayFact]) {
        let (as_of, month, after) = (self.as_of, self.month, self.window_after);
        let p = self.property(property);
        let stays = || stays.iter().filter(move |s| s.departure <= as_of);
        let prop = &mut self.props[p];
        let series_start = month + 1 - SERIES_MONTHS.min(month + 1);
        for s in stays() {
            let m = month_index(s.departure);
            if m >= series_start {
                prop.monthly_stays[(m - series_start) as usize] += 1;
            }
        }
        if let Some(first) = stays().map(|s| month_index(s.departure)).min()
            && first + COHORT_MONTHS > month
        {
            let cohort = &mut prop.cohorts[(first + COHORT_MONTHS - 1 - month) as usize];
            cohort.members += 1;
            let mut seen = 0u32;
            stays().for_each(|s| seen |= 1 << (month_index(s.departure) - first));
            for (k, n) in cohort.returning.iter_mut().enumerate() {
                *n += u64::from(seen >> k & 1);
            }
        }
        let window: Vec<&StayFact> = stays().filter(|s| s.departure > after).collect();
        match window.iter().map(|s| s.departure).max() {
            None => prop.not_scored += 1,
            Some(last) => self.scored.push(Scored {
                id,
                property: u16::try_from(p).unwrap_or(u16::MAX),
                days: u16::try_from((as_of - last).num_days()).unwrap_or(u16::MAX),
                stays: u32::try_from(window.len()).unwrap_or(u32::MAX),
                revenue: window.iter().map(|s| s.revenue_minor).sum(),
            }),
        }
    }

    /// Scores every member: the summary record and the memberships in key order
    /// (segment, then id).
    pub fn finish(mut self, computed_at: i64) -> (SnapshotRecord, Vec<Membership>) {
        let edges = edges(&self.scored);
        let mut members = Vec::with_capacity(self.scored.len());
        for s in std::mem::take(&mut self.scored) {
            let scores = edges.score(i64::from(s.days), u64::from(s.stays), s.revenue);
            let segment = rfm::segment(scores.r, scores.f);
            self.props[usize::from(s.property)].segments[usize::from(segment.code())] += 1;
            members.push(Membership { id: s.id, segment, scores });
        }
        members.sort_by_key(|m| (m.segment.code(), m.id));
        self.props.sort_by(|a, b| a.property.cmp(&b.property));
        let record = SnapshotRecord {
            as_of: self.as_of,
            computed_at,
            window_months: WINDOW_MONTHS,
            recency_days_edges: edges.recency_days,
            frequency_edges: edges.frequency,
            monetary_minor_edges: edges.monetary_minor,
            properties: self.props,
        };
        (record, members)
    }
}

fn edges(scored: &[Scored]) -> Edges {
    let mut days: Vec<i64> = scored.iter().map(|s| i64::from(s.days)).collect();
    days.sort_unstable();
    let recency_days = rfm::quintile_edges(&days);
    drop(days);
    let mut stays: Vec<u64> = scored.iter().map(|s| u64::from(s.stays)).collect();
    stays.sort_unstable();
    let frequency = rfm::quintile_edges(&stays);
    drop(stays);
    let mut revenue: Vec<i64> = scored.iter().map(|s| s.revenue).collect();
    revenue.sort_unstable();
    Edges { recency_days, frequency, monetary_minor: rfm::quintile_edges(&revenue) }
}

fn month_name(index: u32) -> String {
    month_start(index).map_or_else(String::new, |d| d.format("%Y-%m").to_string())
}

impl SnapshotRecord {
    /// When it was computed.
    pub(crate) fn info(&self) -> SnapshotInfo {
        SnapshotInfo { as_of: self.as_of, computed_at: self.computed_at }
    }

    fn selected<'a>(&'a self, property: Option<&'a str>) -> impl Iterator<Item = &'a PropertySnapshot> + 'a {
        self.properties.iter().filter(move |p| property.is_none_or(|code| p.property == code))
    }

    /// `report rfm` for a home property (`None`: all).
    pub fn rfm_report(&self, property: Option<&str>) -> RfmReport {
        let mut counts = [0u64; SEGMENTS.len()];
        let mut not_scored = 0;
        for p in self.selected(property) {
            counts.iter_mut().zip(&p.segments).for_each(|(c, n)| *c += n);
            not_scored += p.not_scored;
        }
        let scored: u64 = counts.iter().sum();
        RfmReport {
            snapshot: self.info(),
            property: property.map(str::to_string),
            window_months: self.window_months,
            members_scored: scored,
            segments: SEGMENTS
                .iter()
                .zip(counts)
                .map(|(s, n)| SegmentCount {
                    segment: *s,
                    label: s.label().into(),
                    members: n,
                    share: (scored > 0).then(|| n as f64 / scored as f64),
                })
                .collect(),
            recency_days_edges: self.recency_days_edges.clone(),
            frequency_edges: self.frequency_edges.clone(),
            monetary_minor_edges: self.monetary_minor_edges.clone(),
            not_scored,
        }
    }

    /// The cohort matrix and monthly stays for a home property (`None`: all). Every
    /// cohort month is listed; one without members has no shares (`returning` empty).
    pub fn cohort_matrix(&self, property: Option<&str>) -> CohortMatrix {
        let month = month_index(self.as_of);
        let mut cohorts: Vec<CohortCounts> = (0..COHORT_MONTHS)
            .map(|j| CohortCounts { members: 0, returning: vec![0; (COHORT_MONTHS - j) as usize] })
            .collect();
        let mut series = vec![0u64; SERIES_MONTHS as usize];
        for p in self.selected(property) {
            for (sum, c) in cohorts.iter_mut().zip(&p.cohorts) {
                sum.members += c.members;
                sum.returning.iter_mut().zip(&c.returning).for_each(|(a, b)| *a += b);
            }
            series.iter_mut().zip(&p.monthly_stays).for_each(|(a, b)| *a += b);
        }
        let first_cohort = (month + 1).saturating_sub(COHORT_MONTHS);
        let rows = cohorts
            .into_iter()
            .enumerate()
            .map(|(j, c)| CohortRow {
                cohort: month_name(first_cohort + j as u32),
                members: c.members,
                returning: if c.members == 0 {
                    Vec::new()
                } else {
                    c.returning.iter().map(|n| *n as f64 / c.members as f64).collect()
                },
            })
            .collect();
        let first_month = (month + 1).saturating_sub(SERIES_MONTHS);
        let monthly_stays = series
            .into_iter()
            .enumerate()
            .map(|(i, stays)| MonthCount { month: month_name(first_month + i as u32), stays })
            .collect();
        CohortMatrix { snapshot: self.info(), rows, monthly_stays }
    }
}

/// `agg` key of the snapshot summary.
pub const INFO_KEY: &[u8] = b"si";
/// `agg` prefix of the segment memberships: `sr` ‖ segment code ‖ member id (8 bytes BE)
/// → `[r, f, m]`.
pub const MEMBERSHIP_PREFIX: [u8; 2] = *b"sr";

/// `agg` key of one membership.
pub fn membership_key(segment: Segment, id: u64) -> [u8; 11] {
    let mut k = [0u8; 11];
    k[..2].copy_from_slice(&MEMBERSHIP_PREFIX);
    k[2] = segment.code();
    k[3..].copy_from_slice(&id.to_be_bytes());
    k
}

/// Scan prefix of one segment's memberships.
pub fn segment_prefix(segment: Segment) -> [u8; 3] {
    [MEMBERSHIP_PREFIX[0], MEMBERSHIP_PREFIX[1], segment.code()]
}

/// Segment and member id of a membership key.
pub fn parse_membership_key(key: &[u8]) -> Option<(Segment, u64)> {
    if key.len() != 11 || key[..2] != MEMBERSHIP_PREFIX {
        return None;
    }
    Some((Segment::from_code(key[2])?, u64::from_be_bytes(key[3..].try_into().ok()?)))
}
