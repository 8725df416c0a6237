//! Changing a member's profile, status or tier override.

use super::super::view::MemberOutcome;
use super::super::{Ctx, MemberRef, OpError, Reply, Stage, fingerprint, xref};
use super::{PhoneRule, check_birthday, check_email, check_name, check_phone, check_property, resolve, write_keys};
use crate::store::T;
use chrono::NaiveDate;
use frontdesk_core::domain::member::{Member, MemberStatus};
use frontdesk_core::domain::tier::TierOverride;
use frontdesk_core::i18n::errors::{Act, Reason, Refusal};
use serde::Serialize;

/// Kind of the external references of member updates.
const KIND: &str = "member-update";

/// Changes to a member; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct MemberChanges {
    /// New name.
    pub name: Option<String>,
    /// New e-mail; `Some("")` clears it.
    pub email: Option<String>,
    /// New phone; `Some("")` clears it.
    pub phone: Option<String>,
    /// New birthday.
    pub birthday: Option<NaiveDate>,
    /// New home property.
    pub property: Option<String>,
    /// New notes.
    pub notes: Option<String>,
    /// New status (active or blocked).
    pub status: Option<MemberStatus>,
    /// Manager's tier override (tier code, last day).
    pub tier_override: Option<(String, NaiveDate)>,
    /// Caller's reference for idempotency: the same changes again with it change nothing.
    pub external_ref: Option<String>,
}

/// What makes two updates with one reference the same request: the member and the
/// normalised value of every field asked for.
#[derive(Serialize)]
struct UpdatePrint<'a> {
    member_id: u64,
    name: Option<&'a str>,
    email: Option<Option<&'a str>>,
    phone: Option<Option<&'a str>>,
    birthday: Option<NaiveDate>,
    property: Option<&'a str>,
    notes: Option<&'a str>,
    status: Option<MemberStatus>,
    tier_override: Option<&'a TierOverride>,
}

impl<'a> UpdatePrint<'a> {
    fn of(ch: &MemberChanges, m: &'a Member) -> Self {
        UpdatePrint {
            member_id: m.id,
            name: ch.name.as_ref().map(|_| m.name.as_str()),
            email: ch.email.as_ref().map(|_| m.email.as_deref()),
            phone: ch.phone.as_ref().map(|_| m.phone.as_deref()),
            birthday: ch.birthday.and(m.birthday),
            property: ch.property.as_ref().map(|_| m.home_property.as_str()),
            notes: ch.notes.as_ref().map(|_| m.notes.as_str()),
            status: ch.status,
            tier_override: ch.tier_override.as_ref().and(m.tier_override.as_ref()),
        }
    }
}

/// `before` with the changes applied, each field validated.
fn apply(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    before: &Member,
    ch: &MemberChanges,
    phone_rule: PhoneRule,
) -> Result<Member, OpError> {
    let mut m = before.clone();
    if let Some(n) = &ch.name {
        m.name = check_name(n)?;
    }
    if let Some(e) = &ch.email {
        m.email = if e.trim().is_empty() { None } else { Some(check_email(stage, e, m.id)?) };
    }
    if let Some(b) = ch.birthday {
        m.birthday = Some(check_birthday(ctx, b)?);
    }
    if let Some(p) = &ch.property {
        m.home_property = check_property(ctx, "property", Some(p))?;
    }
    // After the property: a number typed without a country code is one of the property
    // the member now belongs to.
    if let Some(p) = &ch.phone {
        m.phone = if p.trim().is_empty() { None } else { Some(phone_rule(ctx, &m.home_property, p)?) };
    }
    if let Some(n) = &ch.notes {
        m.notes = n.chars().filter(|c| !c.is_control() || *c == '\n').collect();
    }
    if let Some(s) = ch.status {
        // Merged and erased are outcomes of a merge or an erasure (which remove or move
        // data), never a status to set: an "erased" member would keep every personal field.
        if !matches!(s, MemberStatus::Active | MemberStatus::Blocked) {
            return Err(OpError::invalid("status", Reason::StatusByUpdate { status: s.as_str().to_string() }));
        }
        m.status = s;
    }
    if let Some((tier, until)) = &ch.tier_override {
        ctx.require_manager(Act::OverrideTier)?;
        if ctx.config.tier(tier).is_none() {
            return Err(OpError::invalid("tier", Reason::UnknownTier { tier: tier.clone() }));
        }
        if *until < ctx.today {
            return Err(OpError::invalid("tier-until", Reason::NotPast));
        }
        m.tier_override = Some(TierOverride { tier: tier.clone(), until: *until });
    }
    Ok(m)
}

pub(in crate::ops) fn update(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    who: &MemberRef,
    ch: &MemberChanges,
) -> Result<Reply, OpError> {
    update_with(stage, ctx, who, ch, check_phone)
}

/// Changes a member, a new phone checked by `phone_rule`.
pub(in crate::ops) fn update_with(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    who: &MemberRef,
    ch: &MemberChanges,
    phone_rule: PhoneRule,
) -> Result<Reply, OpError> {
    xref::check_len(ch.external_ref.as_deref())?;
    let before = resolve(stage, who)?;
    if before.status == MemberStatus::Erased {
        return Err(OpError::Refused(Refusal::Erased { card: before.card.clone() }));
    }
    let m = apply(stage, ctx, &before, ch, phone_rule)?;
    let reference = ch.external_ref.as_deref();
    let print = fingerprint(&UpdatePrint::of(ch, &m));
    if xref::earlier(stage, reference, KIND, print)?.is_some() {
        return Ok(Reply::Member(MemberOutcome::of(ctx, &before, true)));
    }
    xref::record(stage, reference, KIND, m.id, m.id, print);
    if m == before {
        if reference.is_some() {
            // The reference is written even though the member is not: every write is audited.
            let target = format!("member {}", m.card);
            stage.audit(ctx.now, &ctx.actor, "member.update", target, String::new(), "no change".into());
        }
        return Ok(Reply::Member(MemberOutcome::of(ctx, &m, false)));
    }
    write_keys(stage, Some(&before), &m);
    if !ctx.config.is_managed(&m.home_property) {
        // A member moved to a hotel no longer lives in a unit of ours.
        stage.remove(T::Keys, &crate::ops::residence::key(m.id));
    }
    stage.put_member(ctx.config, &m)?;
    // Audit names the fields that changed, never personal values: audit records are
    // never deleted, so they must hold nothing that an erasure would have to remove.
    let changed = changed_fields(&before, &m);
    stage.audit(ctx.now, &ctx.actor, "member.update", format!("member {}", m.card), changed.clone(), changed);
    Ok(Reply::Member(MemberOutcome::of(ctx, &m, false)))
}

fn changed_fields(a: &Member, b: &Member) -> String {
    let mut out = Vec::new();
    let mut note = |changed: bool, name: &str| {
        if changed {
            out.push(name.to_string());
        }
    };
    note(a.name != b.name, "name");
    note(a.email != b.email, "email");
    note(a.phone != b.phone, "phone");
    note(a.birthday != b.birthday, "birthday");
    note(a.home_property != b.home_property, "property");
    note(a.notes != b.notes, "notes");
    if a.status != b.status {
        out.push(format!("status {} -> {}", a.status.as_str(), b.status.as_str()));
    }
    if a.tier_override != b.tier_override {
        out.push(
            b.tier_override
                .as_ref()
                .map_or("override removed".into(), |o| format!("tier override {} until {}", o.tier, o.until)),
        );
    }
    format!("changed: {}", out.join(", "))
}
