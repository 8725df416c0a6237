//! The forms. Each is its own spec, in its own file: the fields it shows, how their
//! values parse into the command's input (each problem marked beside its field), and the
//! confirmation that shows the effect before anything is written.

mod activity;
mod complaint;
mod member;
mod office;
pub(crate) mod residence;
mod stay;

use super::confirm::Confirm;
use super::form::{DateProblem, Field, FieldId, FieldKind, Form, date_problem};
use super::msg::Job;
use super::{Model, Popup};
use chrono::NaiveDate;

pub(crate) use activity::reverse as reverse_activity;

/// What a form is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// Enrol a new member.
    Enrol,
    /// Edit member `id`.
    EditMember(u64),
    /// Post a stay for member `id`.
    PostStay(u64),
    /// Reverse stay `seq` of member `member` (a reason is kept in the ledger).
    ReverseStay {
        member: u64,
        /// The stay.
        seq: u32,
    },
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
    /// Reverse activity `id` of member `member`.
    ReverseActivity {
        member: u64,
        /// The activity.
        id: u64,
    },
}

/// What a checked form leads to.
pub(super) enum Outcome {
    /// A write, shown with its effect until the clerk says yes.
    Confirm(Box<Confirm>),
    /// Narrow the complaint queue: nothing is written, the form closes.
    Narrow(super::Narrow),
    /// Import a file: idempotent by reference, so no confirmation; the form closes.
    Import {
        file: std::path::PathBuf,
        /// What it holds.
        kind: String,
        mapping: Option<std::path::PathBuf>,
    },
}

/// Opens the form `kind` on top of everything (nothing opens when what it is about is gone).
pub(crate) fn open(m: &mut Model, kind: FormKind) {
    let form = match kind {
        FormKind::Enrol | FormKind::EditMember(_) => member::form(m, kind),
        FormKind::PostStay(_) | FormKind::ReverseStay { .. } => stay::form(m, kind),
        FormKind::Adjust(_) => Some(stay::adjust_form(kind)),
        FormKind::LogComplaint(_)
        | FormKind::Transition(_)
        | FormKind::Goodwill(_)
        | FormKind::FollowUp(_)
        | FormKind::ComplaintFilter => complaint::form(m, kind),
        FormKind::ImportFile | FormKind::Reject(_) => Some(office::form(m, kind)),
        FormKind::RecordActivity(_) | FormKind::ReverseActivity { .. } => Some(activity::form(m, kind)),
    };
    if let Some(form) = form {
        m.popups.push(Popup::Form(form));
    }
}

/// Checks the form and, when every field is fine, shows what it would write (or runs
/// what writes nothing). A form with problems stays, the caret on the first one.
pub(crate) fn submit(m: &mut Model, mut form: Form<FormKind>) -> Vec<Job> {
    for f in &mut form.fields {
        f.error = None;
    }
    check_fields(m, &mut form);
    let outcome = match form.kind {
        FormKind::Enrol | FormKind::EditMember(_) => member::parse(m, &mut form),
        FormKind::PostStay(_) | FormKind::ReverseStay { .. } | FormKind::Adjust(_) => stay::parse(m, &mut form),
        FormKind::LogComplaint(_)
        | FormKind::Transition(_)
        | FormKind::Goodwill(_)
        | FormKind::FollowUp(_)
        | FormKind::ComplaintFilter => complaint::parse(m, &mut form),
        FormKind::ImportFile | FormKind::Reject(_) => office::parse(m, &mut form),
        FormKind::RecordActivity(_) | FormKind::ReverseActivity { .. } => activity::parse(m, &mut form),
    };
    match outcome.filter(|_| !form.has_errors()) {
        None => {
            form.focus_first_error();
            m.popups.push(Popup::Form(form));
            Vec::new()
        }
        Some(Outcome::Narrow(narrow)) => super::complaints::narrow(m, narrow),
        Some(Outcome::Import { file, kind, mapping }) => {
            let generation = m.next_generation();
            m.busy += 1;
            m.say_passing(m.t("welcome.importing"));
            if let Some(w) = m.welcome.as_mut() {
                w.building = true;
            }
            // The form stays until the import is done (its answer closes it).
            m.popups.push(Popup::Form(form));
            vec![Job::Import { generation, file, kind, mapping }]
        }
        Some(Outcome::Confirm(mut c)) => {
            m.popups.push(Popup::Form(form));
            let jobs = super::promotions::request_preview(m, &mut c);
            m.popups.push(Popup::Confirm(c));
            jobs
        }
    }
}

/// The checks every field gets: filled when required, a date, an amount or a number
/// when that is what it takes.
fn check_fields(m: &Model, form: &mut Form<FormKind>) {
    let digits = m.config.store.minor_digits;
    for f in &mut form.fields {
        let v = f.value().to_string();
        f.error = if v.is_empty() && f.is_text() {
            f.required.then(|| m.t("error.required"))
        } else {
            match f.kind {
                FieldKind::Date => date_problem(&v).map(|p| match p {
                    DateProblem::Shape => m.t("error.date"),
                    DateProblem::NoSuchDay => m.texts.fill("error.no_such_date", &[("date", v.clone())]),
                }),
                FieldKind::Money => frontdesk_core::domain::money::parse(&v, digits).err().map(|_| m.t("error.money")),
                FieldKind::Integer => v.parse::<i64>().err().map(|_| m.t("error.integer")),
                FieldKind::Text | FieldKind::Choice(..) => None,
            }
        };
    }
}

/// A checked date field's value (`None` when empty or not a date).
fn date(form: &Form<FormKind>, id: FieldId) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(form.get(id), "%Y-%m-%d").ok()
}

/// A checked optional text field's value.
fn opt(form: &Form<FormKind>, id: FieldId) -> Option<String> {
    Some(form.get(id).to_string()).filter(|s| !s.is_empty())
}

/// A checked money field's value in minor units.
fn money(m: &Model, form: &Form<FormKind>, id: FieldId) -> Option<i64> {
    frontdesk_core::domain::money::parse(form.get(id), m.config.store.minor_digits).ok()
}

/// A checked number field's value.
fn integer(form: &Form<FormKind>, id: FieldId) -> Option<i64> {
    form.get(id).parse().ok()
}

/// A field for a date.
fn date_field(id: FieldId, required: bool, value: &str) -> Field {
    Field::new(id, FieldKind::Date, required, value)
}

/// `Member: card name`, so that a confirmation says whose points change.
fn member_line(m: &Model, mb: &frontdesk_core::domain::member::Member) -> String {
    format!("{}: {} {}", m.t("label.member"), mb.card, mb.name)
}

/// `Balance: 3,000 → 6,000`.
fn balance_line(m: &Model, before: i64, after: i64) -> String {
    format!("{}: {} → {}", m.t("label.balance"), m.texts.number(before), m.texts.number(after))
}

/// What a change of `points` by the signed-in operator needs: `None` when their limit
/// covers it, else the notice that it will wait for approval by the role named.
fn approval_notice(m: &Model, kind: frontdesk_core::domain::approval::LimitKind, points: i64) -> Option<String> {
    let limit_of = frontdesk_store::ops::approval::limit_of(&m.config, kind);
    if points.unsigned_abs() <= limit_of(m.role).unsigned_abs() {
        return None;
    }
    Some(match frontdesk_core::domain::approval::approver_role(m.role, points, limit_of) {
        Some(role) => m.texts.fill("confirm.waits_for_approval", &[("role", m.role_name(role))]),
        None => m.t("confirm.above_every_limit"),
    })
}
