//! Referrals: a member enrolled on another's recommendation earns the referrer the
//! `[activities] referral` points when they complete a first stay or pay a first fee.
//! Until then a pending key (`R` ‖ referred id → referrer id) waits; crediting removes it.

use super::activity::{ActivityInput, record};
use super::member::resolve;
use super::{Ctx, MemberRef, OpError, Reply, Stage};
use crate::store::{T, keys};
use chrono::NaiveDate;
use frontdesk_core::domain::activity::Activity;
use frontdesk_core::i18n::errors::{Reason, Refusal};

fn pending_key(referred: u64) -> [u8; 9] {
    keys::pair_prefix(keys::REFERRAL_PENDING, referred)
}

/// `Command::SetReferrer`: `member` was referred by `referrer`; refused once the member has
/// completed a stay (too late to count) or when a referrer is already named.
pub(super) fn set(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    member: &MemberRef,
    referrer: &MemberRef,
) -> Result<Reply, OpError> {
    let m = resolve(stage, member)?;
    let r = resolve(stage, referrer)?;
    if m.id == r.id {
        return Err(OpError::invalid("referred-by", Reason::SelfReferral));
    }
    if m.stays > 0 {
        return Err(OpError::Refused(Refusal::StayedAlready { card: m.card.clone() }));
    }
    if stage.key_target(&pending_key(m.id))?.is_some() {
        return Err(OpError::Refused(Refusal::HasReferrer { card: m.card.clone() }));
    }
    stage.put_raw(T::Keys, &pending_key(m.id), keys::id(r.id).to_vec());
    stage.audit(
        ctx.now,
        &ctx.actor,
        "member.referrer",
        format!("member {}", m.card),
        String::new(),
        format!("referred by member {}", r.card),
    );
    Ok(Reply::Member(crate::ops::view::MemberOutcome {
        duplicate: false,
        member: super::view::MemberView::of(ctx, &m),
    }))
}

/// Credits the referrer of `referred`, if one waits, for the first stay or fee on `date`.
pub(super) fn credit(stage: &Stage<'_>, ctx: &Ctx<'_>, referred: u64, date: NaiveDate) -> Result<(), OpError> {
    let key = pending_key(referred);
    let Some(referrer) = stage.key_target(&key)? else { return Ok(()) };
    stage.remove(T::Keys, &key);
    let input = ActivityInput {
        member: MemberRef::Id(referrer),
        activity: Activity::Referral { referred },
        date: Some(date.min(ctx.today)),
        property: None,
        external_ref: None,
    };
    match record(stage, ctx, &input) {
        // A referrer no longer active, or credited by hand already: nothing more to do.
        Ok(_) | Err(OpError::Refused(_)) => Ok(()),
        Err(e) => Err(e),
    }
}
