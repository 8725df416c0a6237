//! Log a complaint; move one on (optionally with goodwill); goodwill alone; follow-up
//! scores; narrow the queue.

use super::{FormKind, Outcome, approval_notice, integer, opt};
use crate::app::Model;
use crate::app::confirm::Confirm;
use crate::app::form::{Choice, Field, FieldId, FieldKind, Form};
use crate::app::words::Vocabulary;
use frontdesk_core::domain::approval::LimitKind;
use frontdesk_core::domain::complaint::ComplaintState;
use frontdesk_store::ops::view::ComplaintView;
use frontdesk_store::ops::{Command, ComplaintInput, ComplaintUpdate, MemberRef};

/// The complaint shown or highlighted with id `id`.
fn complaint(m: &Model, id: u64) -> Option<&ComplaintView> {
    m.complaints.open.as_ref().filter(|c| c.id == id).or_else(|| m.complaints.queue.iter().find(|c| c.id == id))
}

fn numbers(range: std::ops::RangeInclusive<u8>) -> Vec<Choice> {
    range.map(|n| Choice { code: n.to_string(), label: n.to_string() }).collect()
}

pub(super) fn form(m: &Model, kind: FormKind) -> Option<Form<FormKind>> {
    let c = &m.config;
    let severities: Vec<String> = c.complaints.severities.iter().map(|s| s.code.clone()).collect();
    Some(match kind {
        FormKind::LogComplaint(who) => {
            let home = who
                .and_then(|id| m.detail.as_ref().filter(|d| d.member.id == id))
                .map_or(c.store.default_property.clone(), |d| d.member.home_property.clone());
            Form::new(
                kind,
                "form.log_complaint",
                vec![
                    Field::choice(
                        FieldId::Category,
                        m.choices(Vocabulary::Category, c.complaint_categories(&home)),
                        "",
                    ),
                    Field::text(FieldId::Description, true, ""),
                    Field::choice(FieldId::Severity, m.choices(Vocabulary::Severity, &severities), "normal"),
                    Field::choice(FieldId::Channel, m.choices(Vocabulary::Channel, &c.complaints.channels), "desk"),
                    Field::choice(FieldId::Property, super::member::properties(m), &home),
                ],
            )
        }
        FormKind::Transition(id) => {
            let cv = complaint(m, id)?;
            let state = ComplaintState::parse(&cv.state)?;
            let next: Vec<String> = state.next_states().iter().map(|s| s.as_str().to_string()).collect();
            let mut fields = vec![Field::choice(FieldId::State, m.choices(Vocabulary::State, &next), "")];
            if cv.card.is_some() {
                fields.push(Field::new(FieldId::Points, FieldKind::Integer, false, ""));
            }
            fields.push(Field::text(FieldId::Note, false, ""));
            Form::new(kind, "form.transition", fields)
        }
        FormKind::Goodwill(id) => {
            complaint(m, id)?;
            Form::new(
                kind,
                "form.goodwill",
                vec![Field::new(FieldId::Points, FieldKind::Integer, true, ""), Field::text(FieldId::Note, false, "")],
            )
        }
        FormKind::FollowUp(id) => {
            complaint(m, id)?;
            Form::new(
                kind,
                "form.follow_up",
                vec![
                    Field::choice(FieldId::Csat, numbers(1..=5), "4"),
                    Field::choice(FieldId::Nps, numbers(0..=10), "8"),
                    Field::text(FieldId::Note, false, ""),
                ],
            )
        }
        _ => filter_form(m, &severities),
    })
}

fn filter_form(m: &Model, severities: &[String]) -> Form<FormKind> {
    let c = &m.config;
    let any = Choice { code: String::new(), label: m.t("filter.any") };
    let with_any = |list: Vec<Choice>| std::iter::once(any.clone()).chain(list).collect::<Vec<_>>();
    let n = &m.complaints.narrow;
    let pick = |v: &Option<String>| v.clone().unwrap_or_default();
    Form::new(
        FormKind::ComplaintFilter,
        "form.complaint_filter",
        vec![
            Field::choice(
                FieldId::Category,
                with_any(m.choices(Vocabulary::Category, &c.all_complaint_categories())),
                &pick(&n.category),
            ),
            Field::choice(FieldId::Severity, with_any(m.choices(Vocabulary::Severity, severities)), &pick(&n.severity)),
            Field::choice(FieldId::Property, with_any(super::member::properties(m)), &pick(&n.property)),
        ],
    )
}

pub(super) fn parse(m: &Model, form: &mut Form<FormKind>) -> Option<Outcome> {
    let note = form.get(FieldId::Note).to_string();
    let (title, lines, command, notice) = match form.kind {
        FormKind::LogComplaint(member_id) => {
            let input = ComplaintInput {
                member: member_id.map(MemberRef::Id),
                property: opt(form, FieldId::Property),
                category: form.get(FieldId::Category).to_string(),
                severity: form.get(FieldId::Severity).to_string(),
                channel: form.get(FieldId::Channel).to_string(),
                description: form.get(FieldId::Description).to_string(),
                external_ref: None,
            };
            let lines = vec![
                format!("{} · {}", m.category(&input.category), m.severity(&input.severity)),
                input.description.clone(),
            ];
            let confirm = Confirm::new(m.t("confirm.log_complaint"), lines, Command::LogComplaint(input), member_id);
            return Some(Outcome::Confirm(Box::new(confirm)));
        }
        FormKind::Transition(id) => {
            let to = ComplaintState::parse(form.get(FieldId::State))?;
            let goodwill = goodwill(m, form)?;
            let mut lines = vec![format!("#{id} → {}", m.state(to.as_str()))];
            lines.extend(goodwill.map(|p| goodwill_line(m, p)));
            let u = ComplaintUpdate { id, to: Some(to), goodwill, note, ..ComplaintUpdate::default() };
            let notice = goodwill.and_then(|p| approval_notice(m, LimitKind::Goodwill, p));
            (m.t("confirm.transition"), lines, u, notice)
        }
        FormKind::Goodwill(id) => {
            let points = integer(form, FieldId::Points)?;
            if points <= 0 {
                form.flag(FieldId::Points, m.t("error.positive_points"));
                return None;
            }
            let u = ComplaintUpdate { id, goodwill: Some(points), note, ..ComplaintUpdate::default() };
            let notice = approval_notice(m, LimitKind::Goodwill, points);
            (m.t("confirm.goodwill"), vec![format!("#{id}"), goodwill_line(m, points)], u, notice)
        }
        FormKind::FollowUp(id) => {
            let (csat, nps) = (form.get(FieldId::Csat).to_string(), form.get(FieldId::Nps).to_string());
            let lines = vec![format!("#{id}: CSAT {csat} · NPS {nps}")];
            let u = ComplaintUpdate {
                id,
                csat: csat.parse().ok(),
                nps: nps.parse().ok(),
                note,
                ..ComplaintUpdate::default()
            };
            (m.t("confirm.follow_up"), lines, u, None)
        }
        _ => {
            let pick = |id| opt(form, id);
            let narrow = crate::app::Narrow {
                category: pick(FieldId::Category),
                severity: pick(FieldId::Severity),
                property: pick(FieldId::Property),
            };
            return Some(Outcome::Narrow(narrow));
        }
    };
    let mut confirm = Confirm::new(title, lines, Command::UpdateComplaint(command), m.member_id());
    confirm.notice = notice;
    Some(Outcome::Confirm(Box::new(confirm)))
}

/// The optional goodwill points of a transition: `Some(None)` when none are given.
fn goodwill(m: &Model, form: &mut Form<FormKind>) -> Option<Option<i64>> {
    if form.get(FieldId::Points).is_empty() {
        return Some(None);
    }
    let points = integer(form, FieldId::Points)?;
    if points <= 0 {
        form.flag(FieldId::Points, m.t("error.positive_points"));
        return None;
    }
    Some(Some(points))
}

fn goodwill_line(m: &Model, points: i64) -> String {
    format!("{}: +{}", m.t("label.goodwill"), m.texts.number(points))
}
