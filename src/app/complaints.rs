//! Complaints tab: the queue by SLA due time, filters, log, transitions, goodwill, follow-up.

use super::Model;
use super::action::Action;
use super::forms::{self, FormKind};
use super::msg::Job;
use crate::domain::complaint::{ALL_STATES, ComplaintState};
use crate::ops::query::ComplaintFilter;

/// State filters in the order `Filter` cycles them: all open, then each state.
pub fn filter_states(index: usize) -> Vec<ComplaintState> {
    match index {
        0 => ALL_STATES.into_iter().filter(|s| *s != ComplaintState::Closed).collect(),
        i => ALL_STATES.get(i - 1).map(|s| vec![*s]).unwrap_or_default(),
    }
}

/// The name of the current filter, for the title.
pub fn filter_label(m: &Model) -> String {
    let state = match m.complaints.filter {
        0 => m.t("filter.all_open"),
        i => ALL_STATES.get(i - 1).map_or_else(String::new, |s| s.as_str().to_string()),
    };
    let n = &m.complaints.narrow;
    std::iter::once(state)
        .chain([&n.category, &n.severity, &n.property].into_iter().flatten().cloned())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Applies a submitted narrowing form and reloads the queue.
pub fn narrow(m: &mut Model, form: &super::input::Form<FormKind>) -> Vec<Job> {
    let any = m.t("filter.any");
    let pick = |label: &str| Some(form.get(label).to_string()).filter(|v| *v != any && !v.is_empty());
    m.complaints.narrow = super::Narrow {
        category: pick("field.category"),
        severity: pick("field.severity"),
        property: pick("field.property"),
    };
    m.complaints.selected = 0;
    load(m)
}

/// Number of filters.
pub const FILTERS: usize = ALL_STATES.len() + 1;

/// Loads the queue with the current filter.
pub fn load(m: &mut Model) -> Vec<Job> {
    let generation = m.next_generation();
    m.busy += 1;
    let n = &m.complaints.narrow;
    let filter = ComplaintFilter {
        states: filter_states(m.complaints.filter),
        category: n.category.clone(),
        severity: n.severity.clone(),
        property: n.property.clone(),
        member_id: None,
    };
    vec![Job::LoadComplaints { generation, filter }]
}

/// Actions on the Complaints tab.
pub fn action(m: &mut Model, a: Action) -> Vec<Job> {
    let n = m.complaints.queue.len();
    let selected = m.complaints.queue.get(m.complaints.selected).map(|c| c.id);
    match a {
        Action::Up => m.complaints.selected = m.complaints.selected.saturating_sub(1),
        Action::Down => m.complaints.selected = (m.complaints.selected + 1).min(n.saturating_sub(1)),
        Action::PageUp => m.complaints.selected = m.complaints.selected.saturating_sub(10),
        Action::PageDown => m.complaints.selected = (m.complaints.selected + 10).min(n.saturating_sub(1)),
        Action::Open => m.complaints.show_detail = selected.is_some(),
        Action::Back => m.complaints.show_detail = false,
        Action::Filter => {
            m.complaints.filter = (m.complaints.filter + 1) % FILTERS;
            m.complaints.selected = 0;
            return load(m);
        }
        Action::Refresh => return load(m),
        Action::FilterBy => forms::open(m, FormKind::ComplaintFilter),
        Action::New => forms::open(m, FormKind::LogComplaint(m.member_id())),
        Action::Transition => {
            if let Some(id) = selected {
                forms::open(m, FormKind::Transition(id));
            }
        }
        Action::Goodwill => {
            if let Some(id) = selected {
                forms::open(m, FormKind::Goodwill(id));
            }
        }
        Action::FollowUp => {
            if let Some(id) = selected {
                forms::open(m, FormKind::FollowUp(id));
            }
        }
        _ => {}
    }
    Vec::new()
}

/// The complaint form: a resident's request uses their property's categories (repairs,
/// parking…), a guest's the hotel ones.
pub(super) fn log_form(
    m: &Model,
    kind: FormKind,
    who: Option<u64>,
    properties: &[String],
) -> crate::app::input::Form<FormKind> {
    let c = &m.config;
    let home = who
        .and_then(|id| m.detail.as_ref().filter(|d| d.member.id == id))
        .map_or(c.store.default_property.clone(), |d| d.member.home_property.clone());
    crate::app::input::Form::new(
        kind,
        "form.log_complaint",
        vec![
            super::forms::choice("field.category", c.complaint_categories(&home), ""),
            super::forms::choice(
                "field.severity",
                &super::forms::codes(c.complaints.severities.iter().map(|s| &s.code)),
                "normal",
            ),
            super::forms::choice("field.channel", &c.complaints.channels, "desk"),
            super::forms::choice("field.property", properties, &home),
            super::forms::text("field.description", true, ""),
        ],
    )
}
