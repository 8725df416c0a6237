//! Property-management mode: record a fee payment or an event for a resident; reverse an
//! activity (a reason is asked, as for a stay).

use super::{FormKind, Outcome, balance_line, date, date_field, member_line, money};
use crate::app::Model;
use crate::app::activities::{details, kind_key};
use crate::app::confirm::Confirm;
use crate::app::form::{Choice, Field, FieldId, FieldKind, Form};
use chrono::Datelike;
use frontdesk_core::domain::activity::{Activity, ActivityRecord, ActivityStatus};
use frontdesk_store::ops::{ActivityInput, Command, MemberRef};

fn yes_no(m: &Model) -> Vec<Choice> {
    vec![
        Choice { code: "yes".into(), label: m.t("property.yes") },
        Choice { code: "no".into(), label: m.t("property.no") },
    ]
}

pub(super) fn form(m: &Model, kind: FormKind) -> Form<FormKind> {
    if let FormKind::ReverseActivity { .. } = kind {
        return Form::new(kind, "form.reverse_activity", vec![Field::text(FieldId::Reason, true, "")]);
    }
    let kinds = vec![
        Choice { code: "fee".into(), label: m.t("property.kind_fee") },
        Choice { code: "event".into(), label: m.t("property.kind_event") },
    ];
    // A fee payment for this month paid today on time, unless the clerk changes it.
    let period = m.today.with_day(1).unwrap_or(m.today);
    Form::new(
        kind,
        "property.form_title",
        vec![
            Field::choice(FieldId::ActivityKind, kinds, "fee"),
            date_field(FieldId::Date, true, &m.today.to_string()),
            date_field(FieldId::Period, false, &period.to_string()),
            Field::new(FieldId::Amount, FieldKind::Money, false, ""),
            Field::choice(FieldId::OnTime, yes_no(m), "yes"),
            Field::text(FieldId::Event, false, ""),
        ],
    )
}

/// Asks to reverse the highlighted activity of member `id`.
pub(crate) fn reverse(m: &mut Model, id: u64) {
    let Some(d) = &m.detail else { return };
    let Some(r) = d.activities.get(m.points.cursor.index()) else { return };
    if r.status != ActivityStatus::Recorded {
        m.say(m.t("error.not_reversible"), true);
        return;
    }
    let activity = r.id;
    super::open(m, FormKind::ReverseActivity { member: id, id: activity });
}

pub(super) fn parse(m: &Model, form: &mut Form<FormKind>) -> Option<Outcome> {
    match form.kind {
        FormKind::RecordActivity(id) => record(m, form, id),
        FormKind::ReverseActivity { member, id } => reverse_confirm(m, form, member, id),
        _ => None,
    }
}

/// What the generic checks cannot know: a fee needs its period and amount, an event its
/// code; nothing is dated after the business date.
fn record(m: &Model, form: &mut Form<FormKind>, id: u64) -> Option<Outcome> {
    let fee = form.get(FieldId::ActivityKind) == "fee";
    for (field, needed) in [(FieldId::Amount, fee), (FieldId::Period, fee), (FieldId::Event, !fee)] {
        if needed && form.get(field).is_empty() {
            form.flag(field, m.t(if fee { "property.need_amount" } else { "property.need_event" }));
        }
    }
    let when = date(form, FieldId::Date);
    if when.is_some_and(|d| d > m.today) {
        form.flag(FieldId::Date, m.t("error.future_departure"));
    }
    let d = m.detail.as_ref().filter(|d| d.member.id == id)?;
    let activity = if fee {
        let period = date(form, FieldId::Period)?;
        Activity::FeePayment {
            period: period.with_day(1).unwrap_or(period),
            amount_minor: money(m, form, FieldId::Amount)?,
            on_time: form.get(FieldId::OnTime) == "yes",
        }
    } else {
        Activity::Event { code: form.get(FieldId::Event).to_uppercase() }
    };
    let when = when?;
    let base =
        frontdesk_core::domain::activity::base_points(&activity, &m.config.activities, m.config.minor_per_unit());
    let preview = ActivityRecord {
        id: 0,
        member_id: id,
        activity: activity.clone(),
        date: when,
        property: d.member.home_property.clone(),
        base_points: base,
        posting: None,
        grants: Vec::new(),
        status: ActivityStatus::Recorded,
        external_ref: None,
        recorded_at: 0,
        recorded_by: String::new(),
    };
    let lines = vec![
        member_line(m, &d.member),
        format!("{} · {} · {}", m.t(kind_key(&activity)), m.texts.date(when), details(m, &preview)),
        format!("{}: {}", m.t("label.base_points"), m.texts.number(base)),
        // Promotions come in from the worker (see `promotions::request_preview`).
        balance_line(m, d.member.balance, d.member.balance + base),
    ];
    let input =
        ActivityInput { member: MemberRef::Id(id), activity, date: Some(when), property: None, external_ref: None };
    let confirm = Confirm::new(m.t("property.confirm"), lines, Command::RecordActivity(Box::new(input)), Some(id));
    Some(Outcome::Confirm(Box::new(confirm)))
}

fn reverse_confirm(m: &Model, form: &mut Form<FormKind>, member: u64, id: u64) -> Option<Outcome> {
    let d = m.detail.as_ref().filter(|d| d.member.id == member)?;
    let r = d.activities.iter().find(|a| a.id == id)?;
    let points = r.base_points + r.promotion_points();
    let lines = vec![
        member_line(m, &d.member),
        format!("{} · {} · {}", m.t(kind_key(&r.activity)), m.texts.date(r.date), details(m, r)),
        balance_line(m, d.member.balance, d.member.balance - points),
    ];
    let command = Command::ReverseActivity { id, reason: form.get(FieldId::Reason).to_string(), external_ref: None };
    Some(Outcome::Confirm(Box::new(Confirm::new(m.t("confirm.reverse_activity"), lines, command, Some(member)))))
}
