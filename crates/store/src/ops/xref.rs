//! External references of the commands that take one: validation, the duplicate check and
//! recording the first use, shared so that every command follows the same rule (the same
//! reference with the same payload is a duplicate, with a different payload a conflict).

use super::stage::RefCheck;
use super::{OpError, Stage};
use crate::store::records::ExtRef;
use frontdesk_core::i18n::errors::Reason;

/// Longest external reference accepted, in bytes.
pub(crate) const MAX_REF: usize = 200;

/// Checks that a reference is 1 to [`MAX_REF`] bytes long.
pub(crate) fn check_len(reference: Option<&str>) -> Result<(), OpError> {
    match reference {
        Some(r) if r.is_empty() || r.len() > MAX_REF => {
            Err(OpError::invalid("external-ref", Reason::Length { max: MAX_REF }))
        }
        _ => Ok(()),
    }
}

/// The earlier use of `reference` when it is a duplicate of this request (same kind and
/// fingerprint); `None` when there is no reference or it is new; a conflict otherwise.
pub(crate) fn earlier(
    stage: &Stage<'_>,
    reference: Option<&str>,
    kind: &str,
    print: u64,
) -> Result<Option<ExtRef>, OpError> {
    let Some(r) = reference else { return Ok(None) };
    check_len(Some(r))?;
    Ok(match stage.check_ref(r, kind, print)? {
        RefCheck::New => None,
        RefCheck::Duplicate(prev) => Some(prev),
    })
}

/// Records the first use of `reference` (nothing when there is none).
pub(crate) fn record(stage: &Stage<'_>, reference: Option<&str>, kind: &str, member_id: u64, target: u64, print: u64) {
    if let Some(r) = reference {
        stage.put_ref(r, &ExtRef { kind: kind.into(), member_id, target, fingerprint: print });
    }
}
