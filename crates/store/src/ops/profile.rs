//! A guest's id in the system a file comes from (a PMS profile, a POS customer number),
//! kept as an external member reference of kind `profile`: a row that carries it finds
//! its member before any e-mail, card or phone, so a source without either still maps
//! its guests onto the same members every time it is imported.

use super::{OpError, Stage};
use crate::store::records::ExtRef;
use crate::store::{T, keys};
use frontdesk_core::i18n::errors::{Clash, Reason};

/// Kind of the external reference that keeps a profile id.
pub(crate) const KIND: &str = "profile";

/// The member `profile` names, if it was seen before.
pub(super) fn member_of(stage: &Stage<'_>, profile: &str) -> Result<Option<u64>, OpError> {
    if profile.is_empty() || profile.len() > super::xref::MAX_REF {
        return Err(OpError::invalid("profile", Reason::Length { max: super::xref::MAX_REF }));
    }
    match stage.get::<ExtRef>(T::Keys, &keys::text(keys::EXT_REF, profile))? {
        None => Ok(None),
        Some(r) if r.kind == KIND => Ok(Some(r.member_id)),
        Some(r) => Err(OpError::Conflict(Clash::Profile { profile: profile.to_string(), kind: r.kind.to_string() })),
    }
}

/// Links `profile` to member `id` unless it already is; whether anything was written.
pub(super) fn link(stage: &Stage<'_>, profile: &str, id: u64) -> Result<bool, OpError> {
    if member_of(stage, profile)? == Some(id) {
        return Ok(false);
    }
    stage.put_ref(profile, &ExtRef { kind: KIND.into(), member_id: id, target: id, fingerprint: 0 });
    Ok(true)
}
