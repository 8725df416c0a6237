//! Reject an approval request; import a file from the welcome screen.

use super::{FormKind, Outcome, opt};
use crate::app::Model;
use crate::app::confirm::Confirm;
use crate::app::form::{Choice, Field, FieldId, Form};
use frontdesk_store::ops::Command;

/// What the welcome screen imports.
const IMPORT_KINDS: [&str; 5] = ["bookings", "members", "stays", "complaints", "balances"];

pub(super) fn form(m: &Model, kind: FormKind) -> Form<FormKind> {
    match kind {
        FormKind::Reject(_) => Form::new(kind, "form.reject", vec![Field::text(FieldId::Note, true, "")]),
        _ => {
            let kinds = IMPORT_KINDS
                .iter()
                .map(|k| Choice { code: (*k).to_string(), label: m.t(&format!("import_kind.{k}")) })
                .collect();
            Form::new(
                kind,
                "form.import",
                vec![
                    Field::text(FieldId::File, true, ""),
                    Field::choice(FieldId::ImportKind, kinds, "bookings"),
                    Field::text(FieldId::Mapping, false, ""),
                ],
            )
        }
    }
}

pub(super) fn parse(m: &Model, form: &mut Form<FormKind>) -> Option<Outcome> {
    match form.kind {
        FormKind::Reject(id) => {
            let note = form.get(FieldId::Note).to_string();
            let lines = vec![format!("#{id}: {note}")];
            let command = Command::DecideApproval { id, approve: false, note };
            Some(Outcome::Confirm(Box::new(Confirm::new(m.t("confirm.reject"), lines, command, None))))
        }
        _ => {
            for id in [FieldId::File, FieldId::Mapping] {
                let v = form.get(id);
                if !v.is_empty() && !std::path::Path::new(v).is_file() {
                    form.flag(id, m.t("error.no_file"));
                }
            }
            Some(Outcome::Import {
                file: std::path::PathBuf::from(form.get(FieldId::File)),
                kind: form.get(FieldId::ImportKind).to_string(),
                mapping: opt(form, FieldId::Mapping).map(std::path::PathBuf::from),
            })
        }
    }
}
