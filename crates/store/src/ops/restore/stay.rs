//! A stay restored as recorded: counts for nights, stays and tier qualification, credits
//! nothing (its points come with the ledger).

use super::{Restored, claim_ref, existing};
use crate::ops::member::{check_property, resolve};
use crate::ops::stay::{MAX_REVENUE_MINOR, StayPrint};
use crate::ops::{Ctx, MemberRef, OpError, Stage, fingerprint};
use crate::store::records::ExtRef;
use crate::store::{T, keys};
use chrono::{Datelike, NaiveDate};
use frontdesk_core::domain::Millis;
use frontdesk_core::domain::stay::{Stay, StayStatus, nights_between};
use frontdesk_core::domain::tier;
use frontdesk_core::i18n::errors::Reason;

/// A stay as exported.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct StayRestore {
    /// Owner.
    pub member: MemberRef,
    /// Sequence number within the member.
    pub seq: u32,
    /// Property; the default property when absent.
    pub property: Option<String>,
    pub arrival: NaiveDate,
    pub departure: NaiveDate,
    /// Room revenue in minor units.
    pub revenue_minor: i64,
    /// Currency of the revenue; the store's when absent (another is refused).
    pub currency: Option<String>,
    /// Canonical channel.
    pub channel: String,
    /// Completed, cancelled, no-show or reversed.
    pub status: StayStatus,
    /// Caller's reference.
    pub external_ref: Option<String>,
    /// Base points it earned.
    pub base_points: i64,
    /// Tier bonus it earned.
    pub bonus_points: i64,
    /// Tier code on the arrival date.
    pub tier_at_arrival: String,
    /// Whether it counted towards tier qualification.
    pub qualifies: bool,
    /// Ledger posting that credited the points.
    pub ledger_seq: Option<u32>,
    /// When it was posted.
    pub posted_at: Millis,
    /// Who posted it.
    pub posted_by: String,
}

fn check(ctx: &Ctx<'_>, r: &StayRestore) -> Result<(String, u32, String), OpError> {
    let property = check_property(ctx, "property", r.property.as_deref())?;
    let nights = nights_between(r.arrival, r.departure).map_err(|e| OpError::invalid("departure", e))?;
    if !(0..=MAX_REVENUE_MINOR).contains(&r.revenue_minor) {
        return Err(OpError::invalid("revenue", Reason::Revenue));
    }
    let currency = r.currency.clone().unwrap_or_else(|| ctx.config.store.currency.clone());
    if currency != ctx.config.store.currency {
        return Err(OpError::invalid(
            "currency",
            Reason::Currency { currency: currency.clone(), store: ctx.config.store.currency.clone() },
        ));
    }
    if !ctx.config.channels.canonical.contains(&r.channel) {
        return Err(OpError::invalid(
            "channel",
            Reason::UnknownChannel { channel: r.channel.clone(), known: ctx.config.channels.canonical.join(", ") },
        ));
    }
    if r.status == StayStatus::Completed && r.departure > ctx.today {
        return Err(OpError::invalid("departure", Reason::AfterBusinessDate { date: r.departure, today: ctx.today }));
    }
    if r.seq == 0 {
        return Err(OpError::invalid("seq", Reason::StaysFromOne));
    }
    if r.base_points < 0 || r.bonus_points < 0 {
        return Err(OpError::invalid("base_points", Reason::StayPoints));
    }
    if r.base_points + r.bonus_points > 0 && r.ledger_seq.is_none() {
        return Err(OpError::invalid("ledger_seq", Reason::StayPosting));
    }
    if r.posted_by.trim().is_empty() {
        return Err(OpError::invalid("posted_by", Reason::Empty));
    }
    Ok((property, nights, currency))
}

pub(super) fn restore(stage: &Stage<'_>, ctx: &Ctx<'_>, r: &StayRestore) -> Result<Restored, OpError> {
    let (property, nights, currency) = check(ctx, r)?;
    let mut m = resolve(stage, &r.member)?;
    let stay = Stay {
        member_id: m.id,
        seq: r.seq,
        property,
        arrival: r.arrival,
        departure: r.departure,
        nights,
        revenue_minor: r.revenue_minor,
        currency,
        channel: r.channel.clone(),
        status: r.status,
        external_ref: r.external_ref.clone(),
        base_points: r.base_points,
        bonus_points: r.bonus_points,
        tier_at_arrival: r.tier_at_arrival.clone(),
        qualifies: r.qualifies,
        ledger_seq: r.ledger_seq,
        posted_at: r.posted_at,
        posted_by: r.posted_by.clone(),
    };
    let record = format!("stay {} of member {}", r.seq, m.card);
    let key = keys::member_seq(m.id, r.seq);
    if let Some(dup) = existing(stage.get::<Stay>(T::Stays, &key)?, &stay, &record)? {
        return Ok(dup);
    }
    if let Some(x) = &stay.external_ref {
        // A reversed stay was completed when it was posted: that is what its reference saw.
        let posted = if stay.status == StayStatus::Reversed { StayStatus::Completed } else { stay.status };
        let print = fingerprint(&StayPrint {
            member_id: m.id,
            property: &stay.property,
            arrival: stay.arrival,
            departure: stay.departure,
            revenue_minor: stay.revenue_minor,
            channel: &stay.channel,
            status: posted,
        });
        claim_ref(
            stage,
            x,
            &ExtRef { kind: "stay".into(), member_id: m.id, target: u64::from(r.seq), fingerprint: print },
        )?;
    }
    let completed = stay.status == StayStatus::Completed;
    if completed {
        m.stays += 1;
        m.nights += nights;
        m.last_stay = m.last_stay.max(Some(stay.departure));
        if stay.qualifies {
            tier::add_to(&mut m.qual, stay.departure.year(), i64::from(nights), 1, stay.revenue_minor);
        }
    }
    if completed || stay.status == StayStatus::Reversed {
        // A reversal does not undo the activity (see `Member::last_activity`).
        m.last_activity = m.last_activity.max(Some(stay.departure));
    }
    m.stay_seq = m.stay_seq.max(r.seq);
    stage.put(T::Stays, &key, &stay);
    stage.put_member(ctx.config, &m)?;
    stage.update_overview(|o| {
        if completed {
            o.stays += 1;
            o.nights += u64::from(nights);
        }
    })?;
    stage.audit(ctx.now, &ctx.actor, "stay.restore", record.clone(), String::new(), stay.status.as_str().into());
    Ok(Restored { duplicate: false, record })
}
