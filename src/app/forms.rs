//! The forms: how each is built, checked field by field, and turned into a confirmed
//! command whose effect is shown before anything is written.

use super::input::{Field, FieldKind, Form};
use super::{Confirm, Model, Popup};
use crate::domain::card;
use crate::domain::contact::{normalize_email, normalize_phone};
use crate::domain::ledger::EntryKind;
use crate::domain::stay::{StayStatus, nights_between};
use crate::ops::{
    Adjustment, Command, ComplaintInput, ComplaintUpdate, MemberChanges, MemberRef, NewMember, StayInput,
};
use chrono::NaiveDate;

/// What a form is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// Enrol a new member.
    Enrol,
    /// Edit member `id`.
    EditMember(u64),
    /// Post a stay for member `id`.
    PostStay(u64),
    /// Adjust member `id`'s points.
    Adjust(u64),
    /// Log a complaint, for member `id` when known.
    LogComplaint(Option<u64>),
    /// Move complaint `id` on.
    Transition(u64),
    /// Goodwill on complaint `id`.
    Goodwill(u64),
    /// Follow-up scores on complaint `id`.
    FollowUp(u64),
    /// Narrow the complaint queue (no write).
    ComplaintFilter,
    /// Import a file (the welcome screen's path prompt).
    ImportFile,
    /// Reject approval request `id` (a note is required).
    Reject(u64),
    /// Record a fee payment or event for member `id` (managed properties).
    RecordActivity(u64),
}

pub(super) fn text(label: &'static str, required: bool, value: &str) -> Field {
    Field::new(label, FieldKind::Text, required, value)
}

pub(super) fn choice(label: &'static str, options: &[String], value: &str) -> Field {
    let v = if options.iter().any(|o| o == value) {
        value.to_string()
    } else {
        options.first().cloned().unwrap_or_default()
    };
    Field::new(label, FieldKind::Choice(options.to_vec()), true, &v)
}

pub(super) fn codes<'a>(it: impl Iterator<Item = &'a String>) -> Vec<String> {
    it.cloned().collect()
}

/// Opens a form on top of everything.
pub fn open(m: &mut Model, kind: FormKind) {
    let c = m.config.clone();
    let properties: Vec<String> = c.properties.iter().map(|p| p.code.clone()).collect();
    let form = match kind {
        FormKind::Enrol => Form::new(
            kind,
            "form.enrol",
            super::residence::with(
                m,
                &c.store.default_property,
                None,
                vec![
                    text("field.name", true, ""),
                    text("field.email", false, ""),
                    text("field.phone", false, ""),
                    Field::new("field.birthday", FieldKind::Date, false, ""),
                    choice("field.property", &properties, &c.store.default_property),
                    text("field.card", false, ""),
                ],
            ),
        ),
        FormKind::EditMember(_) => {
            let Some(d) = &m.detail else { return };
            let mb = &d.member;
            Form::new(
                kind,
                "form.edit",
                super::residence::with(
                    m,
                    &mb.home_property,
                    d.residence.as_ref(),
                    vec![
                        text("field.name", true, &mb.name),
                        text("field.email", false, mb.email.as_deref().unwrap_or("")),
                        text("field.phone", false, mb.phone.as_deref().unwrap_or("")),
                        Field::new(
                            "field.birthday",
                            FieldKind::Date,
                            false,
                            &mb.birthday.map_or(String::new(), |b| b.to_string()),
                        ),
                        choice("field.property", &properties, &mb.home_property),
                        text("field.notes", false, &mb.notes),
                    ],
                ),
            )
        }
        FormKind::PostStay(_) => Form::new(
            kind,
            "form.post_stay",
            vec![
                choice("field.property", &properties, &c.store.default_property),
                Field::new("field.arrival", FieldKind::Date, true, ""),
                Field::new("field.departure", FieldKind::Date, true, &m.today.to_string()),
                Field::new("field.revenue", FieldKind::Money, true, ""),
                choice("field.channel", &c.channels.canonical, "direct"),
                text("field.external_ref", false, ""),
            ],
        ),
        FormKind::Adjust(_) => Form::new(
            kind,
            "form.adjust",
            vec![Field::new("field.points", FieldKind::Integer, true, ""), text("field.reason", true, "")],
        ),
        FormKind::LogComplaint(who) => super::complaints::log_form(m, kind, who, &properties),
        FormKind::Transition(id) => {
            let Some(cv) = m.complaints.queue.iter().find(|q| q.id == id) else { return };
            let Some(state) = crate::domain::complaint::ComplaintState::parse(&cv.state) else { return };
            let next: Vec<String> = state.next_states().iter().map(|s| s.as_str().to_string()).collect();
            Form::new(kind, "form.transition", vec![choice("field.state", &next, ""), text("field.note", false, "")])
        }
        FormKind::Reject(_) => Form::new(kind, "form.reject", vec![text("field.note", true, "")]),
        FormKind::RecordActivity(_) => super::activities::form(m, kind),
        FormKind::Goodwill(_) => Form::new(
            kind,
            "form.goodwill",
            vec![Field::new("field.points", FieldKind::Integer, true, ""), text("field.note", false, "")],
        ),
        FormKind::ComplaintFilter => {
            let any = m.t("filter.any");
            let with_any = |list: Vec<String>| std::iter::once(any.clone()).chain(list).collect::<Vec<_>>();
            let n = &m.complaints.narrow;
            let severities = codes(c.complaints.severities.iter().map(|s| &s.code));
            Form::new(
                kind,
                "form.complaint_filter",
                vec![
                    choice(
                        "field.category",
                        &with_any(c.all_complaint_categories()),
                        n.category.as_deref().unwrap_or(&any),
                    ),
                    choice("field.severity", &with_any(severities), n.severity.as_deref().unwrap_or(&any)),
                    choice("field.property", &with_any(properties.clone()), n.property.as_deref().unwrap_or(&any)),
                ],
            )
        }
        FormKind::ImportFile => {
            let kinds: Vec<String> =
                ["bookings", "members", "stays", "complaints", "balances"].iter().map(|k| k.to_string()).collect();
            Form::new(
                kind,
                "form.import",
                vec![
                    text("field.file", true, ""),
                    choice("field.kind", &kinds, "bookings"),
                    text("field.mapping", false, ""),
                ],
            )
        }
        FormKind::FollowUp(_) => Form::new(
            kind,
            "form.follow_up",
            vec![
                choice("field.csat", &(1..=5).map(|n| n.to_string()).collect::<Vec<_>>(), "4"),
                choice("field.nps", &(0..=10).map(|n| n.to_string()).collect::<Vec<_>>(), "8"),
                text("field.note", false, ""),
            ],
        ),
    };
    m.popups.push(Popup::Form(form));
}

/// Checks every field of the form; marks each problem inline. True when all are fine.
pub fn check(m: &Model, form: &mut Form<FormKind>) -> bool {
    let digits = m.config.store.minor_digits;
    let editing = matches!(form.kind, FormKind::EditMember(_));
    for f in &mut form.fields {
        let v = f.value().to_string();
        f.error = if v.is_empty() {
            f.required.then(|| m.t("error.required"))
        } else if editing && matches!(f.label, "field.email" | "field.phone") && unchanged_contact(m, f.label, &v) {
            // As loaded (masked for a clerk): not sent, so nothing to check.
            None
        } else if matches!(f.label, "field.email" | "field.phone") && v.contains('•') {
            Some(m.t("error.masked"))
        } else {
            match (f.label, &f.kind) {
                (_, FieldKind::Date) => NaiveDate::parse_from_str(&v, "%Y-%m-%d").err().map(|_| m.t("error.date")),
                (_, FieldKind::Money) => crate::domain::money::parse(&v, digits).err().map(|_| m.t("error.money")),
                (_, FieldKind::Integer) => v.parse::<i64>().err().map(|_| m.t("error.integer")),
                ("field.email", _) => normalize_email(&v).err().map(|r| format!("{} ({r})", m.t("error.email"))),
                ("field.phone", _) => normalize_phone(&v).err().map(|r| format!("{} ({r})", m.t("error.phone"))),
                ("field.card", _) => card::problem(&v).map(|r| format!("{} ({r})", m.t("error.card"))),
                _ => None,
            }
        };
    }
    match form.kind {
        FormKind::RecordActivity(_) => super::activities::check(m, form),
        FormKind::Enrol | FormKind::EditMember(_) => super::residence::check(m, form),
        _ => {}
    }
    if form.kind == FormKind::ImportFile {
        for f in form.fields.iter_mut().filter(|f| matches!(f.label, "field.file" | "field.mapping")) {
            if !f.value().is_empty() && !std::path::Path::new(f.value()).is_file() {
                f.error = Some(m.t("error.no_file"));
            }
        }
    }
    if let FormKind::PostStay(_) = form.kind {
        let (a, d) = (date(form.get("field.arrival")), date(form.get("field.departure")));
        if let (Some(a), Some(d)) = (a, d)
            && let Err(r) = nights_between(a, d)
            && let Some(f) = form.fields.iter_mut().find(|f| f.label == "field.departure")
        {
            f.error = Some(r.to_string());
        }
        if d.is_some_and(|d| d > m.today)
            && let Some(f) = form.fields.iter_mut().find(|f| f.label == "field.departure")
        {
            f.error = Some(m.t("error.future_departure"));
        }
    }
    !form.has_errors()
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Whether an edit form's e-mail or phone is still the value the member was loaded with
/// (masked for a clerk, whole once revealed): such a field is left as it is.
fn unchanged_contact(m: &Model, label: &str, value: &str) -> bool {
    let Some(d) = &m.detail else { return false };
    let loaded = if label == "field.email" { d.member.email.as_deref() } else { d.member.phone.as_deref() };
    loaded.unwrap_or("") == value
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// The confirmation for a checked form: the command and its effect.
pub fn confirm(m: &Model, form: &Form<FormKind>) -> Option<Confirm> {
    let g = |l: &str| form.get(l).to_string();
    let member = m.detail.as_ref().map(|d| &d.member);
    let (title, lines, command, reload): (String, Vec<String>, Command, Option<u64>) = match form.kind {
        FormKind::Enrol => {
            let input = NewMember {
                card: opt(&g("field.card")),
                name: g("field.name"),
                email: opt(&g("field.email")),
                phone: opt(&g("field.phone")),
                birthday: date(&g("field.birthday")),
                property: opt(&g("field.property")),
                channel: "desk".into(),
                enrolled_on: None,
                external_ref: None,
            };
            (
                m.t("confirm.enrol"),
                vec![format!("{}: {}", m.t("field.name"), input.name)],
                Command::AddMember(input),
                None,
            )
        }
        FormKind::EditMember(id) => {
            let ch = MemberChanges {
                name: Some(g("field.name")),
                email: Some(g("field.email")).filter(|v| !unchanged_contact(m, "field.email", v)),
                phone: Some(g("field.phone")).filter(|v| !unchanged_contact(m, "field.phone", v)),
                birthday: date(&g("field.birthday")),
                property: Some(g("field.property")),
                notes: Some(g("field.notes")),
                ..MemberChanges::default()
            };
            (
                m.t("confirm.edit"),
                vec![g("field.name")],
                Command::UpdateMember(MemberRef::Id(id), Box::new(ch)),
                Some(id),
            )
        }
        FormKind::PostStay(id) => {
            let mb = member?;
            let (arrival, departure) = (date(&g("field.arrival"))?, date(&g("field.departure"))?);
            let revenue_minor = crate::domain::money::parse(&g("field.revenue"), m.config.store.minor_digits).ok()?;
            let input = StayInput {
                member: MemberRef::Id(id),
                property: opt(&g("field.property")),
                arrival,
                departure,
                revenue_minor,
                channel: g("field.channel"),
                status: StayStatus::Completed,
                external_ref: opt(&g("field.external_ref")),
            };
            let mut lines = vec![member_line(m, mb)];
            lines.extend(super::preview::stay(m, mb, &input));
            (m.t("confirm.post_stay"), lines, Command::PostStay(input), Some(id))
        }
        FormKind::Adjust(id) => {
            let mb = member?;
            let points: i64 = g("field.points").parse().ok()?;
            let lines = vec![
                member_line(m, mb),
                format!(
                    "{}: {} → {}",
                    m.t("label.balance"),
                    m.texts.number(mb.balance),
                    m.texts.number(mb.balance + points)
                ),
            ];
            let a = Adjustment {
                member: MemberRef::Id(id),
                points,
                reason: g("field.reason"),
                kind: EntryKind::Adjust,
                external_ref: None,
            };
            (m.t("confirm.adjust"), lines, Command::AdjustPoints(a), Some(id))
        }
        FormKind::LogComplaint(member_id) => {
            let input = ComplaintInput {
                member: member_id.map(MemberRef::Id),
                property: opt(&g("field.property")),
                category: g("field.category"),
                severity: g("field.severity"),
                channel: g("field.channel"),
                description: g("field.description"),
                external_ref: None,
            };
            let lines = vec![format!("{} / {}", input.category, input.severity), input.description.clone()];
            (m.t("confirm.log_complaint"), lines, Command::LogComplaint(input), member_id)
        }
        FormKind::Transition(id) => {
            let to = crate::domain::complaint::ComplaintState::parse(&g("field.state"))?;
            let u = ComplaintUpdate { id, to: Some(to), note: g("field.note"), ..ComplaintUpdate::default() };
            (
                m.t("confirm.transition"),
                vec![format!("#{id} → {}", to.as_str())],
                Command::UpdateComplaint(u),
                m.member_id(),
            )
        }
        FormKind::Goodwill(id) => {
            let points: i64 = g("field.points").parse().ok()?;
            let u = ComplaintUpdate { id, goodwill: Some(points), note: g("field.note"), ..ComplaintUpdate::default() };
            (
                m.t("confirm.goodwill"),
                vec![format!("#{id}: +{}", m.texts.number(points))],
                Command::UpdateComplaint(u),
                m.member_id(),
            )
        }
        FormKind::ComplaintFilter | FormKind::ImportFile => return None,
        FormKind::RecordActivity(id) => return super::activities::confirm(m, form, id),
        FormKind::Reject(id) => {
            let command = Command::DecideApproval { id, approve: false, note: g("field.note") };
            (m.t("confirm.reject"), vec![format!("#{id}: {}", g("field.note"))], command, None)
        }
        FormKind::FollowUp(id) => {
            let u = ComplaintUpdate {
                id,
                csat: g("field.csat").parse().ok(),
                nps: g("field.nps").parse().ok(),
                note: g("field.note"),
                ..ComplaintUpdate::default()
            };
            let lines = vec![format!("CSAT {} · NPS {}", g("field.csat"), g("field.nps"))];
            (m.t("confirm.follow_up"), lines, Command::UpdateComplaint(u), m.member_id())
        }
    };
    Some(Confirm { title, lines, command, reload, awaiting: None })
}

/// `Member: card name`, so that the confirmation says whose points change.
fn member_line(m: &Model, mb: &crate::domain::member::Member) -> String {
    format!("{}: {} {}", m.t("label.member"), mb.card, mb.name)
}
