//! Stays and bookings.

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
pub fn nights_between(arrival: NaiveDate, departure: NaiveDate) -> Result<u32, &'static str> {
    let days = (departure - arrival).num_days();
    if days < 0 {
        Err("departure is before arrival")
    } else if days > 365 {
        Err("a stay may be at most 365 nights")
    } else {
        // Checked to be within 0..=365 just above.
        Ok(days as u32)
    }
}
