//! Building, unit and role of members of managed (residential and commercial)
//! properties, stored under `H` ‖ member id in the keys tree beside the member record.

use super::member::resolve;
use super::view::MemberOutcome;
use super::{Ctx, MemberRef, OpError, Reply, Stage};
use crate::store::codec::decode;
use crate::store::{Store, T, keys};
use frontdesk_core::domain::residence::Residence;
use frontdesk_core::i18n::errors::{Missing, Reason};

/// The key of a member's residence.
pub fn key(member_id: u64) -> [u8; 9] {
    keys::pair_prefix(keys::RESIDENCE, member_id)
}

/// Sets (or with `None` clears) a member's residence. Only members whose home property is
/// residential or commercial have one: at a hotel a unit number means nothing.
pub(super) fn set(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    who: &MemberRef,
    residence: Option<&Residence>,
) -> Result<Reply, OpError> {
    let m = resolve(stage, who)?;
    let before: Option<Residence> = read(stage, m.id)?;
    match residence {
        Some(r) => {
            if !ctx.config.is_managed(&m.home_property) {
                return Err(OpError::invalid(
                    "residence",
                    Reason::ResidenceAtHotel { card: m.card.clone(), property: m.home_property.clone() },
                ));
            }
            // Checked again here: the command may come from a file or another client.
            let r = Residence::parse(&r.building, &r.unit, r.role.as_str())
                .map_err(|e| OpError::invalid("residence", e))?;
            if before.as_ref() == Some(&r) {
                return Ok(Reply::Member(MemberOutcome::of(ctx, &m, true)));
            }
            stage.put(T::Keys, &key(m.id), &r);
        }
        None if before.is_none() => return Ok(Reply::Member(MemberOutcome::of(ctx, &m, true))),
        None => stage.remove(T::Keys, &key(m.id)),
    }
    // The audit names the change but not the unit: audit records are never erased.
    stage.audit(
        ctx.now,
        &ctx.actor,
        "member.residence",
        format!("member {}", m.card),
        if before.is_some() { "residence set".into() } else { "no residence".into() },
        if residence.is_some() { "residence set".into() } else { "no residence".into() },
    );
    Ok(Reply::Member(MemberOutcome::of(ctx, &m, false)))
}

fn read(stage: &Stage<'_>, member_id: u64) -> Result<Option<Residence>, OpError> {
    stage.get::<Residence>(T::Keys, &key(member_id))
}

/// A member's residence, read outside a transaction.
pub fn residence_of(store: &Store, member_id: u64) -> Result<Option<Residence>, OpError> {
    match store.tree(T::Keys).get(key(member_id))? {
        None => Ok(None),
        Some(bytes) => decode::<Residence>(&bytes)
            .map(Some)
            .map_err(|e| OpError::NotFound(Missing::Residence { id: member_id, detail: e.to_string() })),
    }
}
