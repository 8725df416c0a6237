//! Property-management mode on tab 2: for a member of a residential or commercial
//! property the tab lists their activities (fee payments, events, services) instead of
//! stays, and `p` records a fee payment or an event through `Command::RecordActivity`.

use super::forms::FormKind;
use super::input::{Field, FieldKind, Form};
use super::{Confirm, Model};
use crate::domain::activity::{Activity, ActivityRecord};
use crate::ops::{ActivityInput, Command, MemberRef};
use chrono::{Datelike, NaiveDate};

/// Whether the selected member belongs to a residential or commercial property.
pub fn managed(m: &Model) -> bool {
    m.detail.as_ref().is_some_and(|d| m.config.is_managed(&d.member.home_property))
}

/// Catalogue key of an activity kind's name.
pub fn kind_key(a: &Activity) -> &'static str {
    match a {
        Activity::FeePayment { .. } => "property.kind_fee",
        Activity::Event { .. } => "property.kind_event",
        Activity::Spend { .. } => "property.kind_spend",
        Activity::Referral { .. } => "property.kind_referral",
        Activity::Survey { .. } => "property.kind_survey",
        Activity::Enrolment => "property.kind_enrolment",
        Activity::Birthday { .. } => "property.kind_birthday",
    }
}

/// What an activity was, in a few words: `2026-10 120.00 on time`, `SUMMER-BBQ-2026`.
pub fn details(m: &Model, r: &ActivityRecord) -> String {
    let money = |minor: i64| crate::domain::money::format(minor, m.config.store.minor_digits);
    match &r.activity {
        Activity::FeePayment { period, amount_minor, on_time } => {
            let when = if *on_time { "property.on_time" } else { "property.late" };
            format!("{} {} {}", period.format("%Y-%m"), money(*amount_minor), m.t(when))
        }
        Activity::Event { code } | Activity::Survey { code } => code.clone(),
        Activity::Spend { category, amount_minor, .. } => format!("{category:?} {}", money(*amount_minor)),
        Activity::Referral { referred } => format!("#{referred}"),
        Activity::Enrolment => String::new(),
        Activity::Birthday { year } => year.to_string(),
    }
}

fn yes_no(m: &Model) -> Vec<String> {
    vec![m.t("property.yes"), m.t("property.no")]
}

/// The form to record an activity for member `id`: a fee payment for this month paid
/// today on time, unless the clerk changes it.
pub fn form(m: &Model, kind: FormKind) -> Form<FormKind> {
    let kinds = vec![m.t("property.kind_fee"), m.t("property.kind_event")];
    let period = m.today.with_day(1).unwrap_or(m.today);
    Form::new(
        kind,
        "property.form_title",
        vec![
            Field::new("property.field_kind", FieldKind::Choice(kinds.clone()), true, &kinds[0]),
            Field::new("property.field_date", FieldKind::Date, true, &m.today.to_string()),
            Field::new("property.field_period", FieldKind::Date, false, &period.to_string()),
            Field::new("property.field_amount", FieldKind::Money, false, ""),
            Field::new("property.field_on_time", FieldKind::Choice(yes_no(m)), true, &m.t("property.yes")),
            Field::new("property.field_event", FieldKind::Text, false, ""),
        ],
    )
}

fn is_fee(m: &Model, form: &Form<FormKind>) -> bool {
    form.get("property.field_kind") == m.t("property.kind_fee")
}

/// What the generic checks cannot know: a fee needs its period and amount, an event its
/// code; nothing is dated after the business date.
pub fn check(m: &Model, form: &mut Form<FormKind>) {
    let fee = is_fee(m, form);
    let date = NaiveDate::parse_from_str(form.get("property.field_date"), "%Y-%m-%d").ok();
    for f in form.fields.iter_mut().filter(|f| f.error.is_none()) {
        let empty = f.value().trim().is_empty();
        f.error = match f.label {
            "property.field_amount" | "property.field_period" if fee && empty => Some(m.t("property.need_amount")),
            "property.field_event" if !fee && empty => Some(m.t("property.need_event")),
            "property.field_date" if date.is_some_and(|d| d > m.today) => Some(m.t("error.future_departure")),
            _ => None,
        };
    }
}

/// The confirmation: whose activity, what, and the points it is expected to earn.
pub fn confirm(m: &Model, form: &Form<FormKind>, id: u64) -> Option<Confirm> {
    let d = m.detail.as_ref()?;
    let g = |l: &str| form.get(l).trim().to_string();
    let date = NaiveDate::parse_from_str(&g("property.field_date"), "%Y-%m-%d").ok()?;
    let activity = if is_fee(m, form) {
        let period = NaiveDate::parse_from_str(&g("property.field_period"), "%Y-%m-%d").ok()?;
        Activity::FeePayment {
            period: period.with_day(1).unwrap_or(period),
            amount_minor: crate::domain::money::parse(&g("property.field_amount"), m.config.store.minor_digits).ok()?,
            on_time: g("property.field_on_time") == m.t("property.yes"),
        }
    } else {
        Activity::Event { code: g("property.field_event").to_uppercase() }
    };
    let rules = &m.config.activities;
    let base = crate::domain::activity::base_points(&activity, rules, m.config.minor_per_unit());
    let preview = ActivityRecord {
        id: 0,
        member_id: id,
        activity: activity.clone(),
        date,
        property: d.member.home_property.clone(),
        base_points: base,
        posting: None,
        grants: Vec::new(),
        status: crate::domain::activity::ActivityStatus::Recorded,
        external_ref: None,
        recorded_at: 0,
        recorded_by: String::new(),
    };
    let lines = vec![
        format!("{}: {} {}", m.t("label.member"), d.member.card, d.member.name),
        format!("{} · {} · {}", m.t(kind_key(&activity)), m.texts.date(date), details(m, &preview)),
        format!("{}: {}", m.t("label.base_points"), m.texts.number(base)),
        // Promotions come in from the worker (see `promotions::request_preview`).
        format!(
            "{}: {} → {}",
            m.t("label.balance"),
            m.texts.number(d.member.balance),
            m.texts.number(d.member.balance + base)
        ),
    ];
    let input =
        ActivityInput { member: MemberRef::Id(id), activity, date: Some(date), property: None, external_ref: None };
    Some(Confirm {
        title: m.t("property.confirm"),
        lines,
        command: Command::RecordActivity(Box::new(input)),
        reload: Some(id),
        awaiting: None,
    })
}

/// Asks to reverse the selected activity (its points and its promotions' points).
pub fn reverse(m: &mut Model, id: u64) {
    if m.points.list != super::PointsList::Stays {
        return;
    }
    let Some(d) = &m.detail else { return };
    let Some(r) = d.activities.get(m.points.selected) else { return };
    if r.status != crate::domain::activity::ActivityStatus::Recorded {
        m.say(m.t("error.not_reversible"), true);
        return;
    }
    let points = r.base_points + r.promotion_points();
    let lines = vec![
        format!("{} · {} · {}", m.t(kind_key(&r.activity)), m.texts.date(r.date), details(m, r)),
        format!(
            "{}: {} → {}",
            m.t("label.balance"),
            m.texts.number(d.member.balance),
            m.texts.number(d.member.balance - points)
        ),
    ];
    let command = Command::ReverseActivity { id: r.id, reason: m.t("reason.reversed_at_desk"), external_ref: None };
    let confirm = Confirm { title: m.t("confirm.reverse"), lines, command, reload: Some(id), awaiting: None };
    m.popups.push(super::Popup::Confirm(confirm));
}
