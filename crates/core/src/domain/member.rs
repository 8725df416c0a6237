//! Members and the figures kept with them.

use super::ledger::Lot;
use super::tier::{TierOverride, YearQual};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Whether a member may earn and redeem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberStatus {
    /// Normal.
    Active,
    /// Blocked by staff: no earning or redemption.
    Blocked,
    /// Merged into another member.
    Merged,
    /// Personal data erased; ledger kept pseudonymously.
    Erased,
}

impl MemberStatus {
    /// Lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Active => "active",
            MemberStatus::Blocked => "blocked",
            MemberStatus::Merged => "merged",
            MemberStatus::Erased => "erased",
        }
    }

    /// Parses a status name.
    pub fn parse(s: &str) -> Option<MemberStatus> {
        match s {
            "active" => Some(MemberStatus::Active),
            "blocked" => Some(MemberStatus::Blocked),
            _ => None,
        }
    }

    /// Parses any status name, including `merged` and `erased`, which only a recorded
    /// member (an export being imported) may carry.
    pub fn parse_recorded(s: &str) -> Option<MemberStatus> {
        use MemberStatus::*;
        [Active, Blocked, Merged, Erased].into_iter().find(|st| st.as_str() == s.trim())
    }
}

/// A member with the figures maintained in the same transaction as each change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Internal id.
    pub id: u64,
    /// Card number (Luhn-checked).
    pub card: String,
    /// Name in any script.
    pub name: String,
    /// Normalised e-mail.
    pub email: Option<String>,
    /// Normalised phone.
    pub phone: Option<String>,
    pub birthday: Option<NaiveDate>,
    /// Home property code.
    pub home_property: String,
    /// Preferences and notes.
    pub notes: String,
    /// Tags for segmentation.
    pub tags: Vec<String>,
    /// Consent to marketing messages.
    pub marketing_consent: bool,
    /// Active, blocked, merged or erased.
    pub status: MemberStatus,
    /// Enrolment date.
    pub enrolled_on: NaiveDate,
    /// Enrolment channel (desk, web, import, …).
    pub enrol_channel: String,
    /// Current balance (= sum of lots).
    pub balance: i64,
    /// All points ever credited (net of reversals).
    pub lifetime_points: i64,
    /// Unspent lots, oldest first.
    pub lots: Vec<Lot>,
    /// Qualifying totals per calendar year.
    pub qual: Vec<YearQual>,
    /// Manager's tier override.
    pub tier_override: Option<TierOverride>,
    /// Last day of qualifying activity (a stay, any credit or a redemption), for
    /// inactivity expiry. A later reversal does not shorten it: the member was active.
    pub last_activity: Option<NaiveDate>,
    /// Departure of the latest completed stay.
    pub last_stay: Option<NaiveDate>,
    /// Completed stays.
    pub stays: u32,
    /// Nights of completed stays.
    pub nights: u32,
    /// Sequence number of the last stay record.
    pub stay_seq: u32,
    /// Sequence number of the last ledger posting.
    pub ledger_seq: u32,
    /// Complaints still needing work (neither resolved nor closed).
    pub open_complaints: u32,
}
