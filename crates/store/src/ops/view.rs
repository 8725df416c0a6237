//! Read models: what commands answer and what `show` prints (also the JSON shape).

use super::Ctx;
use chrono::{Datelike, Days, NaiveDate};
use frontdesk_core::config::Config;
use frontdesk_core::domain::Millis;
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::ledger::{self, ExpiryPolicy};
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::tier::{Progress, TierTable, YearQual};
use serde::Serialize;

/// The tier rules of a configuration.
pub fn tier_table(config: &Config) -> TierTable<'_> {
    TierTable { rules: &config.tiers, minor_per_unit: config.minor_per_unit() }
}

/// The expiry rule as it applies to `m` on `date`.
pub fn expiry_policy(config: &Config, m: &Member, date: NaiveDate) -> ExpiryPolicy {
    let table = tier_table(config);
    let rank = table.rank_on(date, &m.qual, m.tier_override.as_ref());
    ExpiryPolicy {
        mode: config.expiry.mode,
        months: config.expiry.months,
        exempt: config.expiry.exempt_tiers.iter().any(|t| t == table.code(rank)),
    }
}

/// A member as shown and as printed by `member show --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct MemberView {
    /// Card number.
    pub card: String,
    pub name: String,
    /// E-mail.
    pub email: Option<String>,
    pub phone: Option<String>,
    pub birthday: Option<NaiveDate>,
    /// Home property.
    pub property: String,
    pub status: String,
    /// Effective tier code today.
    pub tier: String,
    /// Last day the tier is guaranteed.
    pub tier_until: Option<NaiveDate>,
    /// What the next tier still needs this year.
    pub progress: Option<Progress>,
    /// Points balance.
    pub balance: i64,
    /// Points expiring in the next 90 days.
    pub expiring_90_days: i64,
    /// All points ever credited, net of reversals.
    pub lifetime_points: i64,
    /// Completed stays.
    pub stays: u32,
    /// Nights of completed stays.
    pub nights: u32,
    /// Departure of the latest completed stay.
    pub last_stay: Option<NaiveDate>,
    /// Enrolment date.
    pub enrolled_on: NaiveDate,
    /// Complaints still needing work (neither resolved nor closed).
    pub open_complaints: u32,
}

impl MemberView {
    /// The view of `m` on the context's business date.
    pub fn of(ctx: &Ctx<'_>, m: &Member) -> MemberView {
        Self::on(ctx.config, ctx.today, m)
    }

    /// The view of `m` on `today`.
    pub fn on(config: &Config, today: NaiveDate, m: &Member) -> MemberView {
        let table = tier_table(config);
        let over = m.tier_override.as_ref();
        let rank = table.rank_on(today, &m.qual, over);
        let this_year = m
            .qual
            .iter()
            .find(|q| q.year == today.year())
            .copied()
            .unwrap_or(YearQual { year: today.year(), ..YearQual::default() });
        let policy = expiry_policy(config, m, today);
        let horizon = today.checked_add_days(Days::new(90)).unwrap_or(today);
        MemberView {
            card: m.card.clone(),
            name: m.name.clone(),
            email: m.email.clone(),
            phone: m.phone.clone(),
            birthday: m.birthday,
            property: m.home_property.clone(),
            status: m.status.as_str().into(),
            tier: table.code(rank).into(),
            tier_until: table.status_ends(today, &m.qual, over),
            progress: table.progress(rank, &this_year),
            balance: m.balance,
            expiring_90_days: ledger::expiring_between(
                policy,
                &m.lots,
                m.last_activity,
                today.pred_opt().unwrap_or(today),
                horizon,
            ),
            lifetime_points: m.lifetime_points,
            stays: m.stays,
            nights: m.nights,
            last_stay: m.last_stay,
            enrolled_on: m.enrolled_on,
            open_complaints: m.open_complaints,
        }
    }
}

/// What a member command answers: the member after it, and whether the request was a
/// duplicate of an external reference already applied (then nothing changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberOutcome {
    /// True when the external reference had already been applied: nothing changed.
    pub duplicate: bool,
    /// The member after the command (its fields appear at the top level in JSON).
    #[serde(flatten)]
    pub member: MemberView,
}

impl MemberOutcome {
    /// The outcome for `m` on the context's business date.
    pub(crate) fn of(ctx: &Ctx<'_>, m: &Member, duplicate: bool) -> MemberOutcome {
        MemberOutcome { duplicate, member: MemberView::of(ctx, m) }
    }
}

/// What a complaint command answers: the complaint after it, and whether the request was
/// a duplicate of an external reference already applied (then nothing changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplaintOutcome {
    /// True when the external reference had already been applied: nothing changed.
    pub duplicate: bool,
    /// The approval request the command's goodwill is waiting for (above the role limit).
    pub pending_approval: Option<frontdesk_core::domain::approval::Approval>,
    /// The complaint after the command (its fields appear at the top level in JSON).
    #[serde(flatten)]
    pub complaint: ComplaintView,
}

/// A complaint as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ComplaintView {
    pub id: u64,
    /// Member's card, if linked.
    pub card: Option<String>,
    pub property: String,
    pub category: String,
    pub severity: String,
    pub channel: String,
    pub state: String,
    pub description: String,
    /// Logged at (UTC, RFC 3339).
    pub opened_at: String,
    /// Next due time (response, then resolution).
    pub due: String,
    /// Whether an SLA target was missed.
    pub overdue: bool,
    /// Goodwill points granted.
    pub goodwill_points: i64,
    /// Follow-up satisfaction.
    pub csat: Option<u8>,
    /// Follow-up likelihood to recommend.
    pub nps: Option<u8>,
    /// Steps so far.
    pub timeline: Vec<TimelineView>,
}

/// One step of a complaint's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct TimelineView {
    /// When (UTC, RFC 3339).
    pub at: String,
    pub operator: String,
    /// State after the step.
    pub state: String,
    pub note: String,
}

/// An instant as RFC 3339 UTC text.
pub(crate) fn instant(ms: Millis) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map_or_else(|| ms.to_string(), |t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

impl ComplaintView {
    /// The view of `c` at `now`; `card` is the linked member's card.
    pub(crate) fn of(c: &Complaint, card: Option<String>, now: Millis) -> ComplaintView {
        ComplaintView {
            id: c.id,
            card,
            property: c.property.clone(),
            category: c.category.clone(),
            severity: c.severity.clone(),
            channel: c.channel.clone(),
            state: c.state.as_str().into(),
            description: c.description.clone(),
            opened_at: instant(c.opened_at),
            due: instant(c.next_due()),
            overdue: c.is_overdue(now),
            goodwill_points: c.goodwill_points,
            csat: c.csat,
            nps: c.nps,
            timeline: c
                .timeline
                .iter()
                .map(|t| TimelineView {
                    at: instant(t.at),
                    operator: t.operator.clone(),
                    state: t.to.as_str().into(),
                    note: t.note.clone(),
                })
                .collect(),
        }
    }
}
