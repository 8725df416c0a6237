//! Restoring exported records as they were: the import of an export (see the round trip in
//! [`frontdesk_exchange::export`]). A restored record keeps its identity (member by card, stay and
//! posting by member and sequence number, complaint and redemption by id) and its recorded
//! figures; nothing is recomputed by today's rules and no points are credited except by a
//! restored ledger posting. The same record restored again is a duplicate; a different
//! record under the same identity is a conflict.

mod ledger;
mod service;
mod stay;

pub use ledger::PostingRestore;
pub use service::{ComplaintRestore, RedemptionRestore};
pub use stay::StayRestore;

use super::import::upsert_guest;
use super::{Ctx, Guest, OpError, Stage};
use crate::store::records::ExtRef;
use crate::store::{T, keys};
use frontdesk_core::domain::member::MemberStatus;
use frontdesk_core::domain::tier::TierOverride;
use frontdesk_core::i18n::errors::{Act, Clash, Reason};
use serde::Serialize;

/// One exported record to restore.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Restore {
    /// A member profile (enrolled, or brought up to date when the card, e-mail or phone
    /// matches).
    Member(MemberRestore),
    /// A stay as recorded.
    Stay(StayRestore),
    /// A ledger posting, replayed.
    Posting(PostingRestore),
    /// A complaint with its timeline.
    Complaint(ComplaintRestore),
    /// A redemption in its state.
    Redemption(RedemptionRestore),
}

/// What restoring did.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Restored {
    /// The record was already there, identical: nothing changed.
    pub duplicate: bool,
    /// The record, e.g. `member 620000000013`, `stay 3 of member 620000000013`.
    pub record: String,
}

/// A member as exported: the enrolment profile plus what `member update` sets.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct MemberRestore {
    /// Card, name, contact, birthday, home property, enrolment date and channel.
    pub guest: Guest,
    /// Status; left as it is when absent.
    pub status: Option<MemberStatus>,
    /// Notes; left as they are when absent.
    pub notes: Option<String>,
    /// Tags; left as they are when absent.
    pub tags: Option<Vec<String>>,
    /// Marketing consent; left as it is when absent.
    pub marketing_consent: Option<bool>,
    /// Tier override as recorded (its end may be past); left as it is when absent.
    pub tier_override: Option<TierOverride>,
}

/// Restores one record inside the command's stage.
pub(super) fn apply(stage: &Stage<'_>, ctx: &Ctx<'_>, r: &Restore) -> Result<Restored, OpError> {
    match r {
        Restore::Member(m) => member(stage, ctx, m),
        Restore::Stay(s) => stay::restore(stage, ctx, s),
        Restore::Posting(p) => ledger::restore(stage, ctx, p),
        Restore::Complaint(c) => service::restore_complaint(stage, ctx, c),
        Restore::Redemption(r) => service::restore_redemption(stage, ctx, r),
    }
}

fn member(stage: &Stage<'_>, ctx: &Ctx<'_>, r: &MemberRestore) -> Result<Restored, OpError> {
    let (before, upserted) = upsert_guest(stage, ctx, &r.guest)?;
    let mut m = before.clone();
    if let Some(s) = r.status {
        m.status = s;
    }
    if let Some(n) = &r.notes {
        m.notes = n.chars().filter(|c| !c.is_control() || *c == '\n').collect();
    }
    if let Some(t) = &r.tags {
        m.tags = t.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
    }
    if let Some(c) = r.marketing_consent {
        m.marketing_consent = c;
    }
    if let Some(o) = &r.tier_override
        && m.tier_override.as_ref() != Some(o)
    {
        ctx.require_manager(Act::ImportTierOverride)?;
        if ctx.config.tier(&o.tier).is_none() {
            return Err(OpError::invalid("tier_override", Reason::UnknownTier { tier: o.tier.clone() }));
        }
        m.tier_override = Some(o.clone());
    }
    let record = format!("member {}", m.card);
    if m != before {
        stage.put_member(ctx.config, &m)?;
        stage.audit(ctx.now, &ctx.actor, "member.restore", record.clone(), String::new(), "profile restored".into());
    }
    Ok(Restored { duplicate: !upserted && m == before, record })
}

/// A duplicate when the stored record equals the restored one, a conflict when it differs,
/// `None` when there is none yet.
fn existing<R: PartialEq>(stored: Option<R>, restored: &R, record: &str) -> Result<Option<Restored>, OpError> {
    match stored {
        None => Ok(None),
        Some(s) if s == *restored => Ok(Some(Restored { duplicate: true, record: record.into() })),
        Some(_) => Err(OpError::Conflict(Clash::Record { record: record.to_string() })),
    }
}

/// Records external reference `r` for a restored record, or refuses when another record
/// already uses it.
fn claim_ref(stage: &Stage<'_>, r: &str, x: &ExtRef) -> Result<(), OpError> {
    if r.is_empty() || r.len() > 200 {
        return Err(OpError::invalid("external-ref", Reason::Length { max: 200 }));
    }
    match stage.get::<ExtRef>(T::Keys, &keys::text(keys::EXT_REF, r))? {
        None => {
            stage.put_ref(r, x);
            Ok(())
        }
        Some(e) if e.kind == x.kind && e.member_id == x.member_id && e.target == x.target => Ok(()),
        Some(e) => Err(OpError::Conflict(Clash::ReferenceOtherRecord { reference: r.to_string(), kind: e.kind })),
    }
}

/// Moves the id counter `name` past `id`, so that new records never take a restored id.
fn bump_counter(stage: &Stage<'_>, name: &str, id: u64) -> Result<(), OpError> {
    let key = format!("next.{name}");
    let next = stage.get_raw(T::Meta, key.as_bytes())?.and_then(|v| keys::read_u64(&v, 0)).unwrap_or(1);
    if next <= id {
        stage.put_raw(T::Meta, key.as_bytes(), (id + 1).to_be_bytes().to_vec());
    }
    Ok(())
}
