//! What every key of every tree must hold: the record type it decodes as, or the size of
//! its raw value. `verify --deep` checks each stored value against it and `salvage` copies
//! only what passes, so both agree on what "readable" means.

use super::codec::Record;
use super::records::{AuditRecord, ExtRef, FactCells, Overview};
use super::{T, buckets, codec, keys};
use frontdesk_core::domain::activity::ActivityRecord;
use frontdesk_core::domain::analytics::facts;
use frontdesk_core::domain::analytics::snapshot::{INFO_KEY, MEMBERSHIP_PREFIX, SnapshotRecord};
use frontdesk_core::domain::approval::Approval;
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::ledger::Posting;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::operator::Operator;
use frontdesk_core::domain::promotion::{GrantSet, PromotionBook};
use frontdesk_core::domain::residence::Residence;
use frontdesk_core::domain::reward::{Redemption, Reward};
use frontdesk_core::domain::stay::Stay;

/// Key of the marker a restore writes first and removes last (see [`crate::backup`]).
pub const RESTORE_MARKER: &[u8] = b"restore.in_progress";

/// Checks that `value`, stored in `t` at `key`, is what such a key holds; the error says
/// what is wrong with it.
pub(crate) fn check(t: T, key: &[u8], value: &[u8]) -> Result<(), String> {
    match t {
        T::Meta => meta(key, value),
        T::Members => decodes::<Member>(value),
        T::Stays => decodes::<Stay>(value),
        T::Ledger => decodes::<Posting>(value),
        T::Rewards => decodes::<Reward>(value),
        T::Redemptions => decodes::<Redemption>(value),
        T::Complaints => decodes::<Complaint>(value),
        T::Operators => decodes::<Operator>(value),
        T::Audit => decodes::<AuditRecord>(value),
        T::Approvals => decodes::<Approval>(value),
        T::Activities => decodes::<ActivityRecord>(value),
        T::Agg => agg(key, value),
        T::Keys => index(key, value),
    }
}

fn decodes<R: Record>(value: &[u8]) -> Result<(), String> {
    codec::decode::<R>(value).map(|_| ()).map_err(|e| e.to_string())
}

fn sized(value: &[u8], len: usize, what: &str) -> Result<(), String> {
    if value.len() == len { Ok(()) } else { Err(format!("{what} should be {len} bytes but is {}", value.len())) }
}

fn meta(key: &[u8], value: &[u8]) -> Result<(), String> {
    match key {
        b"schema_version" => sized(value, 4, "the schema version"),
        _ if key.starts_with(b"next.") => sized(value, 8, "an id counter"),
        _ if key == super::seal::COMMITS_KEY => sized(value, 8, "the commit counter"),
        _ if key == RESTORE_MARKER => Ok(()),
        _ if key == crate::ops::migrate::UPGRADE_FROM => sized(value, 4, "the schema an upgrade started from"),
        _ => Err("unknown meta key".into()),
    }
}

fn agg(key: &[u8], value: &[u8]) -> Result<(), String> {
    match key {
        b"overview" => decodes::<Overview>(value),
        b"promotions" => decodes::<PromotionBook>(value),
        _ if key == INFO_KEY => decodes::<SnapshotRecord>(value),
        _ if key.starts_with(&MEMBERSHIP_PREFIX) => sized(value, 3, "RFM scores"),
        _ if key.first() == Some(&facts::PREFIX) => decodes::<FactCells>(value),
        _ => Err("unknown aggregate key".into()),
    }
}

fn index(key: &[u8], value: &[u8]) -> Result<(), String> {
    match key.first().copied() {
        Some(buckets::BUCKET) => {
            for (entry, v) in buckets::Bucket::decode(key, value)?.0 {
                index(&entry, &v).map_err(|e| format!("entry {}: {e}", super::hex(&entry)))?;
            }
            Ok(())
        }
        Some(keys::CARD | keys::EMAIL | keys::REWARD_CODE | keys::OPERATOR_LOGIN | keys::ACTIVITY_ONCE) => {
            sized(value, 8, "the id this key points at")
        }
        Some(keys::REFERRAL_PENDING) => sized(value, 8, "the referrer's id"),
        Some(keys::PROMO_SPENT | keys::PROMO_MEMBER) => sized(value, 8, "a points counter"),
        Some(keys::PROMO_COUNT) => sized(value, 4, "an activity count"),
        Some(keys::EXT_REF) => decodes::<ExtRef>(value),
        Some(keys::STAY_GRANTS) => decodes::<GrantSet>(value),
        Some(keys::RESIDENCE) => decodes::<Residence>(value),
        // Links whose key is the whole fact; a birthday key's value is a short note.
        Some(
            keys::PHONE | keys::MEMBER_COMPLAINT | keys::MEMBER_REDEMPTION | keys::MEMBER_ACTIVITY | keys::BIRTHDAY,
        ) => Ok(()),
        _ => Err("unknown key prefix".into()),
    }
}

/// What a damaged index bucket still holds: the entries read before the damage that hold
/// what their key says, each one read that does not (its key, why), and why reading
/// stopped early (`None`: the bucket was read to its end).
pub(crate) struct Remains {
    pub(crate) kept: Vec<buckets::Entry>,
    pub(crate) refused: Vec<(Vec<u8>, String)>,
    pub(crate) stopped: Option<String>,
}

/// The [`Remains`] of the bucket stored at `key` (what `salvage` copies and `report
/// rebuild` keeps of it).
pub(crate) fn remains(key: &[u8], value: &[u8]) -> Remains {
    let (entries, stopped) = buckets::Bucket::salvage(key, value);
    let (mut kept, mut refused) = (Vec::new(), Vec::new());
    for (entry, v) in entries {
        match index(&entry, &v) {
            Ok(()) => kept.push((entry, v)),
            Err(why) => refused.push((entry, why)),
        }
    }
    Remains { kept, refused, stopped }
}
