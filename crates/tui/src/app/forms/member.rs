//! Enrol a member; edit one.

use super::{FormKind, Outcome, date, date_field, opt, residence};
use crate::app::Model;
use crate::app::confirm::Confirm;
use crate::app::form::{Choice, Field, FieldId, Form};
use frontdesk_core::domain::card;
use frontdesk_core::domain::contact::{normalize_email, normalize_phone};
use frontdesk_store::ops::{Command, MemberChanges, MemberRef, NewMember};

/// The properties as choices: `LIS · Lisbon City Hotel`.
pub(super) fn properties(m: &Model) -> Vec<Choice> {
    m.config
        .properties
        .iter()
        .map(|p| Choice { code: p.code.clone(), label: format!("{} · {}", p.code, p.name) })
        .collect()
}

pub(super) fn form(m: &Model, kind: FormKind) -> Option<Form<FormKind>> {
    let c = &m.config;
    Some(match kind {
        FormKind::EditMember(id) => {
            let d = m.detail.as_ref().filter(|d| d.member.id == id)?;
            let mb = &d.member;
            let fields = vec![
                Field::text(FieldId::Name, true, &mb.name),
                Field::text(FieldId::Email, false, mb.email.as_deref().unwrap_or("")),
                Field::text(FieldId::Phone, false, mb.phone.as_deref().unwrap_or("")),
                date_field(FieldId::Birthday, false, &mb.birthday.map_or(String::new(), |b| b.to_string())),
                Field::choice(FieldId::Property, properties(m), &mb.home_property),
                Field::text(FieldId::Notes, false, &mb.notes),
            ];
            Form::new(kind, "form.edit", residence::with(m, &mb.home_property, d.residence.as_ref(), fields))
        }
        _ => {
            let fields = vec![
                Field::text(FieldId::Name, true, ""),
                Field::text(FieldId::Email, false, ""),
                Field::text(FieldId::Phone, false, ""),
                date_field(FieldId::Birthday, false, ""),
                Field::choice(FieldId::Property, properties(m), &c.store.default_property),
                Field::text(FieldId::Card, false, ""),
            ];
            Form::new(kind, "form.enrol", residence::with(m, &c.store.default_property, None, fields))
        }
    })
}

/// Whether an edit form's e-mail or phone is still the value the member was loaded with
/// (masked for a clerk, whole once revealed): such a field is left as it is.
fn unchanged_contact(m: &Model, id: FieldId, value: &str) -> bool {
    let Some(d) = &m.detail else { return false };
    let loaded = if id == FieldId::Email { d.member.email.as_deref() } else { d.member.phone.as_deref() };
    loaded.unwrap_or("") == value
}

/// Marks contact fields and the card that the rules refuse.
fn check_contact(m: &Model, form: &mut Form<FormKind>) {
    let editing = matches!(form.kind, FormKind::EditMember(_));
    for id in [FieldId::Email, FieldId::Phone, FieldId::Card] {
        let v = form.get(id).to_string();
        if v.is_empty() || (editing && id != FieldId::Card && unchanged_contact(m, id, &v)) {
            continue;
        }
        let problem = match id {
            _ if id != FieldId::Card && v.contains('•') => Some(m.t("error.masked")),
            FieldId::Email => {
                normalize_email(&v).err().map(|r| format!("{} ({})", m.t("error.email"), m.texts.say(&r)))
            }
            FieldId::Phone => {
                // A number without a country code is one of the property chosen in the form.
                let country = m.config.phone_country_of(Some(form.get(FieldId::Property)));
                // The reason alone: under the Phone field it needs no "not a phone number",
                // and it says what to type (the example takes the room).
                normalize_phone(&v, country).err().map(|r| m.texts.say(&r))
            }
            _ => card::problem(&v).map(|r| format!("{} ({})", m.t("error.card"), m.texts.say(&r))),
        };
        if let Some(p) = problem {
            form.flag(id, p);
        }
    }
}

pub(super) fn parse(m: &Model, form: &mut Form<FormKind>) -> Option<Outcome> {
    check_contact(m, form);
    let residence = residence::read(&m.texts, form);
    let g = |id| form.get(id).to_string();
    let (title, lines, command, reload) = match form.kind {
        FormKind::EditMember(id) => {
            let ch = MemberChanges {
                name: Some(g(FieldId::Name)),
                email: Some(g(FieldId::Email)).filter(|v| !unchanged_contact(m, FieldId::Email, v)),
                phone: Some(g(FieldId::Phone)).filter(|v| !unchanged_contact(m, FieldId::Phone, v)),
                birthday: date(form, FieldId::Birthday),
                property: Some(g(FieldId::Property)),
                notes: Some(g(FieldId::Notes)),
                ..MemberChanges::default()
            };
            let lines = vec![format!("{}: {}", m.t("field.name"), g(FieldId::Name))];
            (m.t("confirm.edit"), lines, Command::UpdateMember(MemberRef::Id(id), Box::new(ch)), Some(id))
        }
        _ => {
            let input = NewMember {
                card: opt(form, FieldId::Card),
                name: g(FieldId::Name),
                email: opt(form, FieldId::Email),
                phone: opt(form, FieldId::Phone),
                birthday: date(form, FieldId::Birthday),
                property: opt(form, FieldId::Property),
                channel: "desk".into(),
                enrolled_on: None,
                external_ref: None,
            };
            let lines = enrol_lines(m, &input);
            (m.t("confirm.enrol"), lines, Command::AddMember(input), None)
        }
    };
    let mut confirm = Confirm::new(title, lines, command, reload);
    confirm.residence = residence;
    Some(Outcome::Confirm(Box::new(confirm)))
}

/// What the enrolment will store, as the clerk reads it back to the guest: the phone as
/// the number it is read as (the property's country when typed without a code).
fn enrol_lines(m: &Model, input: &NewMember) -> Vec<String> {
    let mut lines = vec![format!("{}: {}", m.t("field.name"), input.name)];
    if let Some(e) = &input.email {
        lines.push(format!("{}: {e}", m.t("field.email")));
    }
    if let Some(p) = &input.phone {
        let country = m.config.phone_country_of(input.property.as_deref());
        let read =
            normalize_phone(p, country).map_or_else(|_| p.clone(), |e164| frontdesk_core::domain::phone::pretty(&e164));
        lines.push(format!("{}: {read}", m.t("field.phone")));
    }
    if let Some(p) = input.property.as_deref().and_then(|c| m.config.property(c)) {
        lines.push(format!("{}: {} · {}", m.t("field.property"), p.code, p.name));
    }
    lines
}
