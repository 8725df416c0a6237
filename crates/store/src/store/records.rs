//! Stored record types that are not domain types, and the [`Record`] kinds of all.
//!
//! Kind bytes are part of the on-disk format: never reuse or renumber them.

use crate::record_v1;
use crate::store::codec::decode_payload;
use frontdesk_core::domain::activity::ActivityRecord;
use frontdesk_core::domain::analytics::snapshot::SnapshotRecord;
use frontdesk_core::domain::approval::Approval;
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::operator::Operator;
use frontdesk_core::domain::promotion::{GrantSet, PromotionBook};
use frontdesk_core::domain::residence::Residence;
use frontdesk_core::domain::reward::{Redemption, Reward};
use frontdesk_core::i18n::errors::Decode;
use serde::{Deserialize, Serialize};

pub use super::cells::FactCells;

// Kind 1, member: `store::member_form`.
// Kinds 2 and 3, stay and ledger posting: `store::forms`.
record_v1!(Reward, 4, "reward");
record_v1!(Redemption, 5, "redemption");
record_v1!(Complaint, 6, "complaint");
record_v1!(Overview, 8, "overview aggregate");
record_v1!(ExtRef, 9, "external reference");
// Kind 10, fact counters: `store::cells`.
record_v1!(SnapshotRecord, 11, "analytics snapshot");
record_v1!(Operator, 12, "operator");
record_v1!(Approval, 13, "approval request");
record_v1!(PromotionBook, 14, "promotion book");
record_v1!(ActivityRecord, 15, "activity");
record_v1!(GrantSet, 16, "stay promotion grants");
record_v1!(Residence, 17, "residence");

/// What an external reference was used for, with a fingerprint of the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtRef {
    /// Command family, e.g. `stay`, `redeem`.
    pub kind: String,
    /// Member concerned (0 when none).
    pub member_id: u64,
    /// Record created (stay seq, redemption id, …).
    pub target: u64,
    /// Fingerprint of the request's payload.
    pub fingerprint: u64,
}

/// One audit event. Never updated or deleted, so it holds no personal values (names,
/// e-mails, phones, birthdays, free text): an erasure could not remove them.
///
/// Version 2 added `member`; version 1 records get it from their target when decoded.
/// Version 3 is packed (`store::forms`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// When (UTC ms).
    pub at: i64,
    /// Operator name.
    pub operator: String,
    /// Operator role.
    pub role: String,
    /// Command name, e.g. `stay.post`.
    pub command: String,
    /// What it touched, e.g. `member 620000000012`.
    pub target: String,
    /// State before, summarised.
    pub before: String,
    /// State after, summarised.
    pub after: String,
    /// Card of the member concerned, if any: what `frontdesk audit --member` filters on.
    pub member: Option<String>,
}

/// [`AuditRecord`] as version 1 wrote it (before `member`).
#[derive(Deserialize)]
struct AuditRecordV1 {
    at: i64,
    operator: String,
    role: String,
    command: String,
    target: String,
    before: String,
    after: String,
}

impl AuditRecord {
    /// Reads the versions before the packed one (`store::forms`): 2, its serde form, and 1,
    /// which gets `member` from its target.
    pub(super) fn older(version: u16, bytes: &[u8]) -> Result<Self, Decode> {
        match version {
            2 => decode_payload::<AuditRecord>(bytes),
            1 => {
                let v: AuditRecordV1 = decode_payload(bytes)?;
                Ok(AuditRecord {
                    member: member_in_target(&v.target),
                    at: v.at,
                    operator: v.operator,
                    role: v.role,
                    command: v.command,
                    target: v.target,
                    before: v.before,
                    after: v.after,
                })
            }
            _ => Err(Decode::UnknownVersion { record: "audit record".into(), version }),
        }
    }
}

/// The card an audit target names after the word `member` (`member 620000000012 stay 4`,
/// `stay 3 of member 620000000012`), if any.
pub(crate) fn member_in_target(target: &str) -> Option<String> {
    let mut words = target.split_whitespace();
    while let Some(w) = words.next() {
        if w == "member" {
            return words.next().filter(|c| c.chars().all(|ch| ch.is_ascii_digit())).map(str::to_string);
        }
    }
    None
}

/// Store-wide totals kept in the `agg` tree inside every command's transaction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    /// Members (any status).
    pub members: u64,
    /// Completed stays.
    pub stays: u64,
    /// Nights of completed stays.
    pub nights: u64,
    /// Credits (earn, bonus, goodwill, opening, positive adjustments) net of reversals
    /// and negative adjustments.
    pub points_earned: i64,
    /// Redemptions net of cancellations.
    pub points_redeemed: i64,
    /// Expired points.
    pub points_expired: i64,
    /// Earned − redeemed − expired = the sum of all balances.
    pub points_outstanding: i64,
    /// Complaints still needing work (neither resolved nor closed).
    pub complaints_open: u64,
}

impl Overview {
    /// Accounts one ledger line.
    pub fn add_line(&mut self, kind: frontdesk_core::domain::ledger::EntryKind, points: i64) {
        use frontdesk_core::domain::ledger::EntryKind::*;
        match kind {
            Redeem | RedeemCancel => self.points_redeemed -= points,
            Expire => self.points_expired -= points,
            _ => self.points_earned += points,
        }
        self.points_outstanding += points;
    }
}

#[cfg(test)]
mod tests {
    use super::member_in_target;
    use rstest::rstest;

    #[rstest]
    #[case("member 620000000012", Some("620000000012"))]
    #[case("member 620000000012 stay 4", Some("620000000012"))]
    #[case("stay 3 of member 620000000012", Some("620000000012"))]
    #[case("complaint 9 of member 620000000012", Some("620000000012"))]
    #[case("complaint 9", None)]
    #[case("operator ana", None)]
    #[case("member", None)]
    #[case("member abc", None)]
    #[case("", None)]
    fn the_member_of_a_target_is_the_card_after_the_word_member(#[case] target: &str, #[case] card: Option<&str>) {
        assert_eq!(member_in_target(target).as_deref(), card);
    }
}
