//! Building, unit and role on the enrol and edit forms, shown only when the member's
//! property (the default property when enrolling) is residential or commercial. The
//! residence is its own command (`SetResidence`), sent once the enrolment or edit is
//! saved: the model keeps it pending until the member's reply names the card.

use super::Model;
use super::forms::FormKind;
use super::input::{Field, FieldKind, Form};
use super::msg::Job;
use crate::domain::residence::{Residence, ResidentRole};
use crate::ops::{Command, MemberRef};

fn roles(m: &Model) -> Vec<String> {
    ResidentRole::ALL.iter().map(|r| m.t(&format!("property.role_{}", r.as_str()))).collect()
}

/// `fields` with the residence fields added when `property` is a managed one.
pub fn with(m: &Model, property: &str, current: Option<&Residence>, mut fields: Vec<Field>) -> Vec<Field> {
    if m.config.is_managed(property) {
        let role = current.map_or(ResidentRole::Owner, |r| r.role);
        let role = m.t(&format!("property.role_{}", role.as_str()));
        fields.push(Field::new("property.building", FieldKind::Text, true, current.map_or("", |r| &r.building)));
        fields.push(Field::new("property.unit", FieldKind::Text, true, current.map_or("", |r| &r.unit)));
        fields.push(Field::new("property.role", FieldKind::Choice(roles(m)), true, &role));
    }
    fields
}

/// The residence the form describes, if it has the fields.
pub fn read(m: &Model, form: &Form<FormKind>) -> Option<Result<Residence, String>> {
    form.fields.iter().find(|f| f.label == "property.building")?;
    let shown = form.get("property.role");
    let role = ResidentRole::ALL.into_iter().zip(roles(m)).find(|(_, t)| *t == shown).map_or("", |(r, _)| r.as_str());
    Some(Residence::parse(form.get("property.building"), form.get("property.unit"), role))
}

/// Marks a building or unit the rules refuse (too long, only control characters).
pub fn check(m: &Model, form: &mut Form<FormKind>) {
    if let Some(Err(e)) = read(m, form) {
        let field = if e.starts_with("unit") { "property.unit" } else { "property.building" };
        if let Some(f) = form.fields.iter_mut().find(|f| f.label == field && f.error.is_none()) {
            f.error = Some(e);
        }
    }
}

/// After a saved enrolment or edit: the residence command for the member it names.
pub fn follow_up(m: &mut Model, card: &str) -> Vec<Job> {
    let Some(residence) = m.pending_residence.take() else { return Vec::new() };
    let generation = m.next_generation();
    m.busy += 1;
    let command = Command::SetResidence { member: MemberRef::Card(card.to_string()), residence: Some(residence) };
    vec![Job::Execute { generation, command: Box::new(command), reload: m.member_id() }]
}
