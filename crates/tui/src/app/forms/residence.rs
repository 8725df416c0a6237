//! Building, unit and role on the enrol and edit forms, shown only when the member's
//! property (the default property when enrolling) is residential or commercial. The
//! residence is its own command (`SetResidence`), sent once the enrolment or edit is
//! saved: the model keeps it pending until the member's reply names the card.

use super::FormKind;
use crate::app::Model;
use crate::app::form::{Choice, Field, FieldId, Form};
use crate::app::msg::Job;
use frontdesk_core::domain::residence::{Residence, ResidentRole};
use frontdesk_core::i18n::errors::Reason;
use frontdesk_store::ops::{Command, MemberRef};

fn roles(m: &Model) -> Vec<Choice> {
    ResidentRole::ALL
        .iter()
        .map(|r| Choice { code: r.as_str().to_string(), label: m.t(&format!("property.role_{}", r.as_str())) })
        .collect()
}

/// `fields` with the residence fields added when `property` is a managed one.
pub(crate) fn with(m: &Model, property: &str, current: Option<&Residence>, mut fields: Vec<Field>) -> Vec<Field> {
    if m.config.is_managed(property) {
        let role = current.map_or(ResidentRole::Owner, |r| r.role);
        fields.push(Field::text(FieldId::Building, true, current.map_or("", |r| &r.building)));
        fields.push(Field::text(FieldId::Unit, true, current.map_or("", |r| &r.unit)));
        fields.push(Field::choice(FieldId::Role, roles(m), role.as_str()));
    }
    fields
}

/// The residence the form describes, if it has the fields; a building or unit the rules
/// refuse is marked on its field.
pub(crate) fn read(texts: &frontdesk_core::i18n::Texts, form: &mut Form<FormKind>) -> Option<Residence> {
    if !form.has(FieldId::Building) {
        return None;
    }
    match Residence::parse(form.get(FieldId::Building), form.get(FieldId::Unit), form.get(FieldId::Role)) {
        Ok(r) => Some(r),
        Err(e) => {
            let unit =
                matches!(&e, Reason::LabelEmpty { field } | Reason::LabelTooLong { field, .. } if field == "unit");
            let field = if unit { FieldId::Unit } else { FieldId::Building };
            form.flag(field, texts.say(&e));
            None
        }
    }
}

/// After a saved enrolment or edit: the residence command for the member it names.
pub(crate) fn follow_up(m: &mut Model, card: &str) -> Vec<Job> {
    let Some(residence) = m.pending_residence.take() else { return Vec::new() };
    let generation = m.next_generation();
    m.busy += 1;
    let command = Command::SetResidence { member: MemberRef::Card(card.to_string()), residence: Some(residence) };
    vec![Job::Execute { generation, command: Box::new(command), reload: m.member_id() }]
}
