//! Post a stay, reverse one, adjust points.

use super::{FormKind, Outcome, approval_notice, balance_line, date, date_field, integer, member_line, money, opt};
use crate::app::Model;
use crate::app::confirm::Confirm;
use crate::app::form::{Field, FieldId, FieldKind, Form};
use crate::app::words::Vocabulary;
use frontdesk_core::domain::approval::LimitKind;
use frontdesk_core::domain::ledger::EntryKind;
use frontdesk_core::domain::stay::{Occupancy, StayStatus, nights_between, overlapping};
use frontdesk_store::ops::{Adjustment, Command, MemberRef, StayInput};

pub(super) fn form(m: &Model, kind: FormKind) -> Option<Form<FormKind>> {
    let c = &m.config;
    Some(match kind {
        FormKind::ReverseStay { member, seq } => {
            let d = m.detail.as_ref().filter(|d| d.member.id == member)?;
            d.stays.iter().find(|s| s.seq == seq)?;
            Form::new(kind, "form.reverse_stay", vec![Field::text(FieldId::Reason, true, "")])
        }
        _ => Form::new(
            kind,
            "form.post_stay",
            vec![
                Field::choice(FieldId::Property, super::member::properties(m), &c.store.default_property),
                date_field(FieldId::Arrival, true, ""),
                date_field(FieldId::Departure, true, &m.today.to_string()),
                Field::new(FieldId::Revenue, FieldKind::Money, true, ""),
                Field::choice(FieldId::Channel, m.choices(Vocabulary::Channel, &c.channels.canonical), "direct"),
                Field::text(FieldId::ExternalRef, false, ""),
            ],
        ),
    })
}

pub(super) fn adjust_form(kind: FormKind) -> Form<FormKind> {
    Form::new(
        kind,
        "form.adjust",
        vec![Field::new(FieldId::Points, FieldKind::Integer, true, ""), Field::text(FieldId::Reason, true, "")],
    )
}

pub(super) fn parse(m: &Model, form: &mut Form<FormKind>) -> Option<Outcome> {
    match form.kind {
        FormKind::PostStay(id) => post(m, form, id),
        FormKind::ReverseStay { member, seq } => reverse(m, form, member, seq),
        FormKind::Adjust(id) => adjust(m, form, id),
        _ => None,
    }
}

fn post(m: &Model, form: &mut Form<FormKind>, id: u64) -> Option<Outcome> {
    let (arrival, departure) = (date(form, FieldId::Arrival), date(form, FieldId::Departure));
    if let (Some(a), Some(d)) = (arrival, departure)
        && nights_between(a, d).is_err()
    {
        let key = if d < a { "error.departure_before_arrival" } else { "error.stay_too_long" };
        form.flag(FieldId::Departure, m.t(key));
    }
    if departure.is_some_and(|d| d > m.today) {
        form.flag(FieldId::Departure, m.t("error.future_departure"));
    }
    let mb = &m.detail.as_ref().filter(|d| d.member.id == id)?.member;
    let input = StayInput {
        member: MemberRef::Id(id),
        property: opt(form, FieldId::Property),
        arrival: arrival?,
        departure: departure?,
        revenue_minor: money(m, form, FieldId::Revenue)?,
        channel: form.get(FieldId::Channel).to_string(),
        status: StayStatus::Completed,
        external_ref: opt(form, FieldId::ExternalRef),
    };
    let mut lines = vec![member_line(m, mb)];
    lines.extend(crate::app::preview::stay(m, mb, &input));
    let overlaps = overlaps(m, &input);
    let mut confirm = Confirm::new(m.t("confirm.post_stay"), lines, Command::PostStay(input), Some(id));
    if let Some(notice) = overlaps {
        confirm.notice = Some(notice);
        confirm.overriding = Some(Box::new(confirm.command.clone()));
    }
    Some(Outcome::Confirm(Box::new(confirm)))
}

/// The warning when the stay overlaps a completed stay of the member at the property.
fn overlaps(m: &Model, input: &StayInput) -> Option<String> {
    let d = m.detail.as_ref()?;
    let property = input.property.clone().unwrap_or_else(|| m.config.store.default_property.clone());
    let new = Occupancy {
        property: &property,
        arrival: input.arrival,
        departure: input.departure,
        external_ref: input.external_ref.as_deref(),
    };
    let clash = overlapping(&d.stays, &new);
    let s = clash.first()?;
    Some(m.texts.fill(
        "confirm.overlaps",
        &[
            ("seq", s.seq.to_string()),
            ("arrival", m.texts.date(s.arrival)),
            ("departure", m.texts.date(s.departure)),
            ("nights", m.texts.count("unit.nights", i64::from(s.nights))),
        ],
    ))
}

fn reverse(m: &Model, form: &mut Form<FormKind>, member: u64, seq: u32) -> Option<Outcome> {
    let d = m.detail.as_ref().filter(|d| d.member.id == member)?;
    let stay = d.stays.iter().find(|s| s.seq == seq)?;
    let points = stay.base_points + stay.bonus_points;
    let lines = vec![
        member_line(m, &d.member),
        format!(
            "#{} {} {} → {} · {}",
            stay.seq,
            stay.property,
            m.texts.date(stay.arrival),
            m.texts.date(stay.departure),
            m.texts.count("unit.nights", i64::from(stay.nights))
        ),
        format!("{}: -{}", m.t("label.points"), m.texts.number(points)),
        balance_line(m, d.member.balance, d.member.balance - points),
    ];
    let command = Command::ReverseStay {
        member: MemberRef::Id(member),
        seq,
        reason: form.get(FieldId::Reason).to_string(),
        external_ref: None,
    };
    Some(Outcome::Confirm(Box::new(Confirm::new(m.t("confirm.reverse"), lines, command, Some(member)))))
}

fn adjust(m: &Model, form: &mut Form<FormKind>, id: u64) -> Option<Outcome> {
    let points = integer(form, FieldId::Points)?;
    if points == 0 {
        form.flag(FieldId::Points, m.t("error.zero_points"));
        return None;
    }
    let mb = &m.detail.as_ref().filter(|d| d.member.id == id)?.member;
    let notice = approval_notice(m, LimitKind::Adjust, points);
    let balance = if notice.is_some() {
        format!("{} {}", balance_line(m, mb.balance, mb.balance + points), m.t("confirm.once_approved"))
    } else {
        balance_line(m, mb.balance, mb.balance + points)
    };
    let a = Adjustment {
        member: MemberRef::Id(id),
        points,
        reason: form.get(FieldId::Reason).to_string(),
        kind: EntryKind::Adjust,
        external_ref: None,
    };
    let mut confirm =
        Confirm::new(m.t("confirm.adjust"), vec![member_line(m, mb), balance], Command::AdjustPoints(a), Some(id));
    confirm.notice = notice;
    Some(Outcome::Confirm(Box::new(confirm)))
}
