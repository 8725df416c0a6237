//! Posting and reversing stays.

use super::member::{check_property, resolve};
use super::posting::{credit, debit};
use super::stage::RefCheck;
use super::view::{MemberView, tier_table};
use super::{Ctx, MemberRef, OpError, Reply, Stage, fingerprint, promo, xref};
use crate::store::T;
use crate::store::keys;
use crate::store::records::ExtRef;
use chrono::{Datelike, NaiveDate};
use frontdesk_core::domain::earn::{EarnInput, earn};
use frontdesk_core::domain::ledger::{EntryKind, Line};
use frontdesk_core::domain::member::{Member, MemberStatus};
use frontdesk_core::domain::promotion::{GrantSet, Occasion};
use frontdesk_core::domain::stay::{Stay, StayStatus, nights_between};
use frontdesk_core::domain::tier;
use frontdesk_core::i18n::errors::{Missing, Reason, Refusal};
use serde::Serialize;

/// Largest room revenue accepted for one stay, in minor units (10 million units).
pub(super) const MAX_REVENUE_MINOR: i64 = 1_000_000_000;

/// A stay or booking to record.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct StayInput {
    /// Guest.
    pub member: MemberRef,
    /// Property; the default property when absent.
    pub property: Option<String>,
    pub arrival: NaiveDate,
    pub departure: NaiveDate,
    /// Room revenue in minor units, before tax.
    pub revenue_minor: i64,
    /// Canonical channel.
    pub channel: String,
    /// Completed, cancelled or no-show.
    pub status: StayStatus,
    /// Caller's reference for idempotency.
    pub external_ref: Option<String>,
}

/// What posting or reversing a stay did.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct StayOutcome {
    /// True when the external reference had already been applied: nothing changed.
    pub duplicate: bool,
    /// Stay number within the member.
    pub stay: u32,
    /// Stay status after the command.
    pub status: String,
    pub nights: u32,
    /// Base points of the stay.
    pub base_points: i64,
    /// Tier bonus of the stay.
    pub bonus_points: i64,
    /// Points promotions added (each its own ledger posting naming the promotion).
    pub promotion_points: i64,
    /// Tier before the command.
    pub tier_before: String,
    /// The member after the command.
    pub member: MemberView,
}

#[derive(Serialize)]
pub(super) struct StayPrint<'a> {
    pub(super) member_id: u64,
    pub(super) property: &'a str,
    pub(super) arrival: NaiveDate,
    pub(super) departure: NaiveDate,
    pub(super) revenue_minor: i64,
    pub(super) channel: &'a str,
    pub(super) status: StayStatus,
}

fn check(ctx: &Ctx<'_>, input: &StayInput) -> Result<(String, u32), OpError> {
    let property = check_property(ctx, "property", input.property.as_deref())?;
    let nights = nights_between(input.arrival, input.departure).map_err(|r| OpError::invalid("departure", r))?;
    if !(0..=MAX_REVENUE_MINOR).contains(&input.revenue_minor) {
        return Err(OpError::invalid("revenue", Reason::Revenue));
    }
    if !ctx.config.channels.canonical.contains(&input.channel) {
        return Err(OpError::invalid(
            "channel",
            Reason::UnknownChannel { channel: input.channel.clone(), known: ctx.config.channels.canonical.join(", ") },
        ));
    }
    if input.status == StayStatus::Reversed {
        return Err(OpError::invalid("status", Reason::UseStayReverse));
    }
    if input.status == StayStatus::Completed && input.departure > ctx.today {
        return Err(OpError::invalid("departure", Reason::CompletedLater { date: input.departure, today: ctx.today }));
    }
    xref::check_len(input.external_ref.as_deref())?;
    Ok((property, nights))
}

pub(super) fn post(stage: &Stage<'_>, ctx: &Ctx<'_>, input: &StayInput) -> Result<Reply, OpError> {
    let (property, nights) = check(ctx, input)?;
    let mut m = resolve(stage, &input.member)?;
    let print = fingerprint(&StayPrint {
        member_id: m.id,
        property: &property,
        arrival: input.arrival,
        departure: input.departure,
        revenue_minor: input.revenue_minor,
        channel: &input.channel,
        status: input.status,
    });
    if let Some(r) = &input.external_ref
        && let RefCheck::Duplicate(prev) = stage.check_ref(r, "stay", print)?
    {
        return duplicate(stage, ctx, &m, prev);
    }
    if m.status != MemberStatus::Active && input.status == StayStatus::Completed {
        return Err(OpError::Refused(Refusal::NoStays { card: m.card.clone(), status: m.status.as_str().to_string() }));
    }
    let table = tier_table(ctx.config);
    let tier_before = table.code(table.rank_on(ctx.today, &m.qual, m.tier_override.as_ref())).to_string();
    let arrival_rank = table.rank_on(input.arrival, &m.qual, m.tier_override.as_ref());
    let completed = input.status == StayStatus::Completed;
    let qualifies = completed && ctx.config.channel_earns(&input.channel);
    let earned = earn(EarnInput {
        revenue_minor: input.revenue_minor,
        minor_per_unit: ctx.config.minor_per_unit(),
        points_per_unit: ctx.config.earn.points_per_unit,
        bonus_percent: table.bonus_percent(arrival_rank),
        channel_earns: qualifies,
        completed,
    });
    m.stay_seq += 1;
    let mut stay = Stay {
        member_id: m.id,
        seq: m.stay_seq,
        property,
        arrival: input.arrival,
        departure: input.departure,
        nights,
        revenue_minor: input.revenue_minor,
        currency: ctx.config.store.currency.clone(),
        channel: input.channel.clone(),
        status: input.status,
        external_ref: input.external_ref.clone(),
        base_points: earned.base,
        bonus_points: earned.bonus,
        tier_at_arrival: table.code(arrival_rank).into(),
        qualifies,
        ledger_seq: None,
        posted_at: ctx.now,
        posted_by: ctx.actor.name.clone(),
    };
    if completed {
        m.stays += 1;
        m.nights += nights;
        m.last_stay = m.last_stay.max(Some(input.departure));
        m.last_activity = m.last_activity.max(Some(input.departure));
    }
    if qualifies {
        tier::add_to(&mut m.qual, input.departure.year(), i64::from(nights), 1, input.revenue_minor);
    }
    if earned.total() > 0 {
        let mut lines = vec![Line { kind: EntryKind::Earn, points: earned.base }];
        if earned.bonus > 0 {
            lines.push(Line { kind: EntryKind::Bonus, points: earned.bonus });
        }
        let posting = credit(stage, ctx, &mut m, format!("stay {}", stay.seq), String::new(), lines, input.departure)?;
        stay.ledger_seq = Some(posting);
    }
    let promoted = if qualifies {
        let tags = m.tags.clone();
        let occasion = Occasion {
            kind: "stay",
            date: input.departure,
            property: &stay.property,
            channel: Some(&stay.channel),
            tier: &stay.tier_at_arrival,
            tags: &tags,
            base: earned.base,
        };
        let parts = promo::grant(stage, ctx, &mut m, &occasion, &format!("stay {}", stay.seq))?;
        if !parts.is_empty() {
            stage.put(T::Keys, &keys::stay_grants(m.id, stay.seq), &GrantSet { grants: parts.clone() });
        }
        promo::total(&parts)
    } else {
        0
    };
    if let Some(r) = &input.external_ref {
        stage.put_ref(
            r,
            &ExtRef { kind: "stay".into(), member_id: m.id, target: u64::from(stay.seq), fingerprint: print },
        );
    }
    stage.put(T::Stays, &keys::member_seq(m.id, stay.seq), &stay);
    stage.put_member(ctx.config, &m)?;
    if completed && m.stays == 1 {
        super::referral::credit(stage, ctx, m.id, input.departure)?;
    }
    stage.update_overview(|o| {
        if completed {
            o.stays += 1;
            o.nights += u64::from(nights);
        }
    })?;
    stage.audit(
        ctx.now,
        &ctx.actor,
        "stay.post",
        format!("member {} stay {}", m.card, stay.seq),
        format!("balance {}", m.balance - earned.total() - promoted),
        format!(
            "{} {} nights, +{} points{}, balance {}",
            stay.status.as_str(),
            nights,
            earned.total(),
            if promoted > 0 { format!(", promotions +{promoted}") } else { String::new() },
            m.balance
        ),
    );
    let mut out = outcome(ctx, &stay, tier_before, &m, false);
    out.promotion_points = promoted;
    Ok(Reply::Stay(out))
}

fn outcome(ctx: &Ctx<'_>, stay: &Stay, tier_before: String, m: &Member, duplicate: bool) -> StayOutcome {
    StayOutcome {
        duplicate,
        stay: stay.seq,
        status: stay.status.as_str().into(),
        nights: stay.nights,
        base_points: stay.base_points,
        bonus_points: stay.bonus_points,
        promotion_points: 0,
        tier_before,
        member: MemberView::of(ctx, m),
    }
}

fn duplicate(stage: &Stage<'_>, ctx: &Ctx<'_>, m: &Member, prev: ExtRef) -> Result<Reply, OpError> {
    let seq = u32::try_from(prev.target).unwrap_or(0);
    let stay: Stay = stage
        .get(T::Stays, &keys::member_seq(prev.member_id, seq))?
        .ok_or_else(|| OpError::NotFound(Missing::EarlierStay { seq }))?;
    let view = MemberView::of(ctx, m);
    Ok(Reply::Stay(outcome(ctx, &stay, view.tier, m, true)))
}

/// What makes two reversals with one reference the same request.
#[derive(Serialize)]
struct ReversePrint<'a> {
    member_id: u64,
    seq: u32,
    reason: &'a str,
}

pub(super) fn reverse(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    who: &MemberRef,
    seq: u32,
    reason: &str,
    reference: Option<&str>,
) -> Result<Reply, OpError> {
    if reason.trim().is_empty() {
        return Err(OpError::invalid("reason", Reason::ReasonReverseStay));
    }
    xref::check_len(reference)?;
    let mut m = resolve(stage, who)?;
    let key = keys::member_seq(m.id, seq);
    let mut stay: Stay =
        stage.get(T::Stays, &key)?.ok_or_else(|| OpError::NotFound(Missing::Stay { card: m.card.clone(), seq }))?;
    let print = fingerprint(&ReversePrint { member_id: m.id, seq, reason: reason.trim() });
    if xref::earlier(stage, reference, "stay-reverse", print)?.is_some() {
        let tier = MemberView::of(ctx, &m).tier;
        return Ok(Reply::Stay(outcome(ctx, &stay, tier, &m, true)));
    }
    if stay.status != StayStatus::Completed {
        return Err(OpError::Refused(Refusal::NotReversible { seq, status: stay.status.as_str().to_string() }));
    }
    let table = tier_table(ctx.config);
    let tier_before = table.code(table.rank_on(ctx.today, &m.qual, m.tier_override.as_ref())).to_string();
    let grants_key = keys::stay_grants(m.id, seq);
    let promoted = match stage.get::<GrantSet>(T::Keys, &grants_key)? {
        Some(set) => {
            // Promotion points first: they were credited last, from lots of their own.
            promo::revoke(stage, ctx, &mut m, &set.grants, reason.trim(), &format!("stay {seq}"))?;
            stage.remove(T::Keys, &grants_key);
            promo::total(&set.grants)
        }
        None => 0,
    };
    let points = stay.base_points + stay.bonus_points;
    if points > 0 {
        debit(
            stage,
            ctx,
            &mut m,
            (EntryKind::Reverse, points),
            (format!("stay {seq}"), reason.trim().into()),
            stay.ledger_seq,
        )?;
    }
    if stay.qualifies {
        tier::add_to(&mut m.qual, stay.departure.year(), -i64::from(stay.nights), -1, -stay.revenue_minor);
    }
    m.stays = m.stays.saturating_sub(1);
    m.nights = m.nights.saturating_sub(stay.nights);
    stay.status = StayStatus::Reversed;
    stage.put(T::Stays, &key, &stay);
    xref::record(stage, reference, "stay-reverse", m.id, u64::from(seq), print);
    m.last_stay = latest_completed(stage, &m)?;
    stage.put_member(ctx.config, &m)?;
    stage.update_overview(|o| {
        o.stays = o.stays.saturating_sub(1);
        o.nights = o.nights.saturating_sub(u64::from(stay.nights));
    })?;
    stage.audit(
        ctx.now,
        &ctx.actor,
        "stay.reverse",
        format!("member {} stay {seq}", m.card),
        format!("balance {}", m.balance + points + promoted),
        format!("balance {}", m.balance),
    );
    Ok(Reply::Stay(outcome(ctx, &stay, tier_before, &m, false)))
}

fn latest_completed(stage: &Stage<'_>, m: &Member) -> Result<Option<NaiveDate>, OpError> {
    let mut latest = None;
    for seq in 1..=m.stay_seq {
        if let Some(s) = stage.get::<Stay>(T::Stays, &keys::member_seq(m.id, seq))?
            && s.status == StayStatus::Completed
        {
            latest = latest.max(Some(s.departure));
        }
    }
    Ok(latest)
}
