//! Stays and bookings.

use crate::i18n::errors::Reason;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What became of a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StayStatus {
    /// Checked out: earns and counts for tiers.
    Completed,
    /// Cancelled before arrival: recorded, earns nothing.
    Cancelled,
    /// Guest never arrived: recorded, earns nothing.
    NoShow,
    /// A completed stay later reversed: its points and counts were taken back.
    Reversed,
}

impl StayStatus {
    /// Lower-case name used in output and input.
    pub fn as_str(self) -> &'static str {
        match self {
            StayStatus::Completed => "completed",
            StayStatus::Cancelled => "cancelled",
            StayStatus::NoShow => "no_show",
            StayStatus::Reversed => "reversed",
        }
    }

    /// Parses the names accepted on input (`checked_out`, `canceled` and `no-show` too).
    pub fn parse(s: &str) -> Option<StayStatus> {
        match s.trim().to_lowercase().replace(['-', ' '], "_").as_str() {
            "completed" | "checked_out" | "check_out" | "checkout" => Some(StayStatus::Completed),
            "cancelled" | "canceled" => Some(StayStatus::Cancelled),
            "no_show" | "noshow" => Some(StayStatus::NoShow),
            _ => None,
        }
    }

    /// Parses a recorded status: what [`StayStatus::parse`] accepts, and `reversed`.
    pub fn parse_recorded(s: &str) -> Option<StayStatus> {
        match s.trim().to_lowercase().as_str() {
            "reversed" => Some(StayStatus::Reversed),
            other => StayStatus::parse(other),
        }
    }
}

/// A stay as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stay {
    /// Owner.
    pub member_id: u64,
    /// Sequence number within the member (1, 2, …).
    pub seq: u32,
    /// Property code.
    pub property: String,
    /// Arrival date.
    pub arrival: NaiveDate,
    /// Departure date.
    pub departure: NaiveDate,
    /// Nights (departure − arrival).
    pub nights: u32,
    /// Room revenue in minor units.
    pub revenue_minor: i64,
    /// ISO currency code of the revenue.
    pub currency: String,
    /// Canonical channel.
    pub channel: String,
    /// Completed, cancelled, no-show or reversed.
    pub status: StayStatus,
    /// Caller's reference for idempotency, if any.
    pub external_ref: Option<String>,
    /// Base points earned.
    pub base_points: i64,
    /// Tier bonus points earned.
    pub bonus_points: i64,
    /// Tier code in effect on the arrival date.
    pub tier_at_arrival: String,
    /// Whether it counted towards tier qualification.
    pub qualifies: bool,
    /// Ledger posting that credited the points, if any.
    pub ledger_seq: Option<u32>,
    /// When it was posted (UTC ms).
    pub posted_at: i64,
    /// Operator who posted it.
    pub posted_by: String,
}

/// Nights between two dates, or why they are not a stay.
pub fn nights_between(arrival: NaiveDate, departure: NaiveDate) -> Result<u32, Reason> {
    let days = (departure - arrival).num_days();
    if days < 0 {
        Err(Reason::DepartureFirst)
    } else if days > 365 {
        Err(Reason::StayTooLong)
    } else {
        // Checked to be within 0..=365 just above.
        Ok(days as u32)
    }
}

/// A stay about to be posted, as far as overlaps go.
#[derive(Debug, Clone, Copy)]
pub struct Occupancy<'a> {
    /// Property code.
    pub property: &'a str,
    /// Arrival date.
    pub arrival: NaiveDate,
    /// Departure date.
    pub departure: NaiveDate,
    /// Its reference: a stay already posted under it is the same stay, not an overlap.
    pub external_ref: Option<&'a str>,
}

/// The completed stays of `stays` at the same property whose nights overlap `new`'s. One
/// guest in two rooms at once is rare and a typing mistake is common, so posting such a
/// stay asks for an explicit override. A departure on the day of the next arrival is no
/// overlap; a stay of no nights overlaps nothing.
pub fn overlapping<'a>(stays: &'a [Stay], new: &Occupancy<'_>) -> Vec<&'a Stay> {
    if new.arrival >= new.departure {
        return Vec::new();
    }
    stays
        .iter()
        .filter(|s| s.status == StayStatus::Completed && s.property == new.property)
        .filter(|s| new.external_ref.is_none() || s.external_ref.as_deref() != new.external_ref)
        .filter(|s| s.arrival < new.departure && new.arrival < s.departure)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn stay(seq: u32, property: &str, arrival: &str, departure: &str, status: StayStatus) -> Stay {
        Stay {
            member_id: 1,
            seq,
            property: property.into(),
            arrival: d(arrival),
            departure: d(departure),
            nights: nights_between(d(arrival), d(departure)).expect("nights"),
            revenue_minor: 0,
            currency: "EUR".into(),
            channel: "direct".into(),
            status,
            external_ref: Some(format!("ref-{seq}")),
            base_points: 0,
            bonus_points: 0,
            tier_at_arrival: "member".into(),
            qualifies: true,
            ledger_seq: None,
            posted_at: 0,
            posted_by: "t".into(),
        }
    }

    #[rstest]
    #[case::inside("2026-11-30", "2026-12-02", None, vec![19])]
    #[case::back_to_back("2026-12-02", "2026-12-04", None, vec![])]
    #[case::ends_on_arrival("2026-11-25", "2026-11-28", None, vec![])]
    #[case::around("2026-11-27", "2026-12-03", None, vec![19])]
    #[case::same_stay_again("2026-11-28", "2026-12-02", Some("ref-19"), vec![])]
    #[case::no_nights("2026-11-30", "2026-11-30", None, vec![])]
    fn a_stay_overlaps_a_completed_stay_at_the_same_property(
        #[case] arrival: &str,
        #[case] departure: &str,
        #[case] external_ref: Option<&str>,
        #[case] want: Vec<u32>,
    ) {
        let stays = vec![
            stay(19, "LIS", "2026-11-28", "2026-12-02", StayStatus::Completed),
            stay(18, "ALG", "2026-11-28", "2026-12-02", StayStatus::Completed),
            stay(17, "LIS", "2026-11-28", "2026-12-02", StayStatus::Reversed),
        ];
        let new = Occupancy { property: "LIS", arrival: d(arrival), departure: d(departure), external_ref };
        let got: Vec<u32> = overlapping(&stays, &new).iter().map(|s| s.seq).collect();
        assert_eq!(got, want);
    }
}
