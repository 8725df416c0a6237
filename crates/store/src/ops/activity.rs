//! Recording and reversing earning activities other than stays, with their promotions.

use super::member::{check_property, resolve};
use super::posting::{credit, debit};
use super::view::{MemberView, tier_table};
use super::{Ctx, MemberRef, OpError, Reply, Stage, fingerprint, promo, xref};
use crate::store::{T, keys};
use chrono::NaiveDate;
use frontdesk_core::domain::activity::{Activity, ActivityRecord, ActivityStatus, base_points};
use frontdesk_core::domain::ledger::{EntryKind, Line};
use frontdesk_core::domain::member::{Member, MemberStatus};
use frontdesk_core::domain::promotion::Occasion;
use frontdesk_core::domain::stay::{Stay, StayStatus};
use frontdesk_core::i18n::errors::{Missing, Reason, Refusal};
use serde::{Deserialize, Serialize};

/// Largest amount accepted for one activity, in minor units (10 million units).
const MAX_AMOUNT_MINOR: i64 = 1_000_000_000;

/// An activity to record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActivityInput {
    pub member: MemberRef,
    /// What happened.
    pub activity: Activity,
    /// When; the business date when absent.
    pub date: Option<NaiveDate>,
    /// Property; the member's home property when absent.
    pub property: Option<String>,
    /// Caller's reference for idempotency.
    pub external_ref: Option<String>,
}

/// What recording or reversing an activity did.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActivityOutcome {
    /// True when the external reference had already been applied: nothing changed.
    pub duplicate: bool,
    /// The activity after the command.
    pub activity: ActivityRecord,
    /// The member after the command.
    pub member: MemberView,
}

#[derive(Serialize)]
struct ActivityPrint<'a> {
    member_id: u64,
    activity: &'a Activity,
    date: NaiveDate,
    property: &'a str,
}

fn check_amounts(stage: &Stage<'_>, m: &Member, a: &Activity) -> Result<(), OpError> {
    let amount = match a {
        Activity::Spend { amount_minor, .. } | Activity::FeePayment { amount_minor, .. } => Some(*amount_minor),
        _ => None,
    };
    if amount.is_some_and(|v| !(0..=MAX_AMOUNT_MINOR).contains(&v)) {
        return Err(OpError::invalid("amount", Reason::Revenue));
    }
    if let Activity::Spend { stay_seq: Some(seq), .. } = a {
        let stay: Option<Stay> = stage.get(T::Stays, &keys::member_seq(m.id, *seq))?;
        if !stay.is_some_and(|s| s.status == StayStatus::Completed) {
            return Err(OpError::invalid("stay", Reason::NoStayToCharge { card: m.card.clone(), seq: *seq }));
        }
    }
    if let Activity::Referral { referred } = a
        && (*referred == m.id || stage.get::<Member>(T::Members, &keys::id(*referred))?.is_none())
    {
        return Err(OpError::invalid("referred", Reason::ReferOther));
    }
    if let Activity::Event { code } | Activity::Survey { code } = a
        && !(1..=40).contains(&code.trim().chars().count())
    {
        return Err(OpError::invalid("code", Reason::EventCode));
    }
    Ok(())
}

pub(super) fn record(stage: &Stage<'_>, ctx: &Ctx<'_>, input: &ActivityInput) -> Result<Reply, OpError> {
    let mut m = resolve(stage, &input.member)?;
    let date = input.date.unwrap_or(ctx.today);
    if date > ctx.today {
        return Err(OpError::invalid("date", Reason::AfterBusinessDate { date, today: ctx.today }));
    }
    let property = check_property(ctx, "property", input.property.as_deref().or(Some(m.home_property.as_str())))?;
    xref::check_len(input.external_ref.as_deref())?;
    let print = fingerprint(&ActivityPrint { member_id: m.id, activity: &input.activity, date, property: &property });
    if let Some(prev) = xref::earlier(stage, input.external_ref.as_deref(), "activity", print)? {
        let activity = load(stage, prev.target)?;
        return Ok(Reply::Activity(ActivityOutcome { duplicate: true, activity, member: MemberView::of(ctx, &m) }));
    }
    if m.status != MemberStatus::Active {
        return Err(OpError::Refused(Refusal::NoActivities {
            card: m.card.clone(),
            status: m.status.as_str().to_string(),
        }));
    }
    check_amounts(stage, &m, &input.activity)?;
    let once = input.activity.once_key().map(|k| keys::text(keys::ACTIVITY_ONCE, &format!("{}:{k}", m.id)));
    if let Some(key) = &once
        && let Some(earlier) = stage.key_target(key)?
    {
        return Err(OpError::Refused(Refusal::EarnedOnce {
            card: m.card.clone(),
            what: input.activity.once_key().unwrap_or_default(),
            earlier,
        }));
    }
    let id = stage.next_id("activity")?;
    let on = format!("activity {id}");
    let base = base_points(&input.activity, &ctx.config.activities, ctx.config.minor_per_unit());
    let posting = if base > 0 {
        let lines = vec![Line { kind: EntryKind::Activity, points: base }];
        Some(credit(stage, ctx, &mut m, on.clone(), input.activity.kind().into(), lines, date)?)
    } else {
        None
    };
    let table = tier_table(ctx.config);
    let tier = table.code(table.rank_on(date, &m.qual, m.tier_override.as_ref())).to_string();
    let tags = m.tags.clone();
    let occasion = Occasion {
        kind: input.activity.kind(),
        date,
        property: &property,
        channel: None,
        tier: &tier,
        tags: &tags,
        base,
    };
    let grants = promo::grant(stage, ctx, &mut m, &occasion, &on)?;
    let rec = ActivityRecord {
        id,
        member_id: m.id,
        activity: input.activity.clone(),
        date,
        property,
        base_points: base,
        posting,
        grants,
        status: ActivityStatus::Recorded,
        external_ref: input.external_ref.clone(),
        recorded_at: ctx.now,
        recorded_by: ctx.actor.name.clone(),
    };
    stage.put(T::Activities, &keys::id(id), &rec);
    stage.put_raw(T::Keys, &keys::pair(keys::MEMBER_ACTIVITY, m.id, id), Vec::new());
    if let Some(key) = &once {
        stage.put_raw(T::Keys, key, keys::id(id).to_vec());
    }
    xref::record(stage, input.external_ref.as_deref(), "activity", m.id, id, print);
    stage.put_member(ctx.config, &m)?;
    if matches!(rec.activity, Activity::FeePayment { .. }) {
        super::referral::credit(stage, ctx, m.id, date)?;
    }
    stage.audit(
        ctx.now,
        &ctx.actor,
        "activity.record",
        format!("member {} activity {id}", m.card),
        format!("balance {}", m.balance - base - rec.promotion_points()),
        format!(
            "{} +{base} points, promotions +{}, balance {}",
            rec.activity.kind(),
            rec.promotion_points(),
            m.balance
        ),
    );
    Ok(Reply::Activity(ActivityOutcome { duplicate: false, activity: rec, member: MemberView::of(ctx, &m) }))
}

/// The stored activity `id`.
pub(super) fn load(stage: &Stage<'_>, id: u64) -> Result<ActivityRecord, OpError> {
    stage
        .get::<ActivityRecord>(T::Activities, &keys::id(id))?
        .ok_or_else(|| OpError::NotFound(Missing::Activity { id }))
}

#[derive(Serialize)]
struct ReversePrint<'a> {
    id: u64,
    reason: &'a str,
}

pub(super) fn reverse(
    stage: &Stage<'_>,
    ctx: &Ctx<'_>,
    id: u64,
    reason: &str,
    reference: Option<&str>,
) -> Result<Reply, OpError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(OpError::invalid("reason", Reason::ReasonReverseActivity));
    }
    let mut rec = load(stage, id)?;
    let mut m = resolve(stage, &MemberRef::Id(rec.member_id))?;
    let print = fingerprint(&ReversePrint { id, reason });
    if xref::earlier(stage, reference, "activity-reverse", print)?.is_some() {
        return Ok(Reply::Activity(ActivityOutcome {
            duplicate: true,
            activity: rec,
            member: MemberView::of(ctx, &m),
        }));
    }
    if rec.status == ActivityStatus::Reversed {
        return Err(OpError::Refused(Refusal::ActivityReversed { id }));
    }
    let on = format!("activity {id}");
    // Promotion points first: they were credited last and come from their own lots.
    promo::revoke(stage, ctx, &mut m, &rec.grants, reason, &on)?;
    if rec.base_points > 0 {
        debit(stage, ctx, &mut m, (EntryKind::Reverse, rec.base_points), (on.clone(), reason.into()), rec.posting)?;
    }
    if let Some(k) = rec.activity.once_key() {
        // Reversed by mistake, it can be recorded again.
        stage.remove(T::Keys, &keys::text(keys::ACTIVITY_ONCE, &format!("{}:{k}", m.id)));
    }
    rec.status = ActivityStatus::Reversed;
    stage.put(T::Activities, &keys::id(id), &rec);
    xref::record(stage, reference, "activity-reverse", m.id, id, print);
    stage.put_member(ctx.config, &m)?;
    let taken = rec.base_points + rec.promotion_points();
    stage.audit(
        ctx.now,
        &ctx.actor,
        "activity.reverse",
        format!("member {} activity {id}", m.card),
        format!("balance {}", m.balance + taken),
        format!("balance {}", m.balance),
    );
    Ok(Reply::Activity(ActivityOutcome { duplicate: false, activity: rec, member: MemberView::of(ctx, &m) }))
}
