//! Complaints tab: the queue by SLA due time, filters, log, transitions, goodwill,
//! follow-up. The highlight follows a complaint through reloads; the detail stays on the
//! complaint written even when the write moves it out of the filtered queue.

use super::action::{Action, Nav};
use super::forms::{self, FormKind};
use super::msg::Job;
use super::{Model, Narrow};
use frontdesk_core::domain::complaint::{ALL_STATES, ComplaintState};
use frontdesk_store::ops::query::ComplaintFilter;
use frontdesk_store::ops::view::ComplaintView;

/// State filters in the order `Filter` cycles them: all open, then each state.
pub(crate) fn filter_states(index: usize) -> Vec<ComplaintState> {
    match index {
        0 => ALL_STATES.into_iter().filter(|s| *s != ComplaintState::Closed).collect(),
        i => ALL_STATES.get(i - 1).map(|s| vec![*s]).unwrap_or_default(),
    }
}

/// The name of the current filter, for the title.
pub(crate) fn filter_label(m: &Model) -> String {
    let state = match m.complaints.filter {
        0 => m.t("filter.all_open"),
        i => ALL_STATES.get(i - 1).map_or_else(String::new, |s| m.state(s.as_str())),
    };
    let n = &m.complaints.narrow;
    let mut parts = vec![state];
    parts.extend(n.category.as_deref().map(|c| m.category(c)));
    parts.extend(n.severity.as_deref().map(|s| m.severity(s)));
    parts.extend(n.property.clone());
    parts.join(" · ")
}

/// Applies a narrowing and reloads the queue.
pub(crate) fn narrow(m: &mut Model, narrow: Narrow) -> Vec<Job> {
    m.complaints.narrow = narrow;
    m.complaints.cursor.reset();
    load(m)
}

/// Number of filters.
pub(crate) const FILTERS: usize = ALL_STATES.len() + 1;

/// Loads the queue with the current filter.
pub(crate) fn load(m: &mut Model) -> Vec<Job> {
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

/// Entering the tab with a member open: the highlight goes to their most urgent
/// complaint once the queue is in.
pub(crate) fn enter(m: &mut Model) -> Vec<Job> {
    m.complaints.follow = m.detail.as_ref().map(|d| Follow::Member(d.member.card.clone()));
    load(m)
}

/// What the highlight follows when the queue comes in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Follow {
    /// This complaint.
    Complaint(u64),
    /// The first complaint of the member with this card.
    Member(String),
}

/// Takes a loaded queue: the highlight stays on (or moves to) the complaint it follows,
/// and the detail shows the complaint's new state.
pub(crate) fn loaded(m: &mut Model, list: Vec<ComplaintView>) {
    let c = &mut m.complaints;
    let follow = c.follow.take().or_else(|| c.cursor.pick(&c.queue).map(|v| Follow::Complaint(v.id)));
    c.queue = list;
    let found = match &follow {
        Some(Follow::Complaint(id)) => c.cursor.follow(&c.queue, |v| v.id == *id),
        Some(Follow::Member(card)) => c.cursor.follow(&c.queue, |v| v.card.as_deref() == Some(card)),
        None => false,
    };
    if !found {
        c.cursor.clamp(c.queue.len());
    }
    if let Some(open) = c.open.as_mut()
        && let Some(fresh) = c.queue.iter().find(|v| v.id == open.id)
    {
        *open = fresh.clone();
    }
}

/// A complaint was written: its detail shows what the write made of it and the
/// highlight follows it.
pub(crate) fn written(m: &mut Model, view: &ComplaintView) {
    if let Some(open) = m.complaints.open.as_mut().filter(|o| o.id == view.id) {
        // The reply's timeline is the whole one; its due time is the stored complaint's.
        *open = view.clone();
    }
    m.complaints.follow = Some(Follow::Complaint(view.id));
}

/// The complaint actions act on: the one shown, else the highlighted one.
pub(crate) fn target(m: &Model) -> Option<&ComplaintView> {
    m.complaints.open.as_ref().or_else(|| m.complaints.cursor.pick(&m.complaints.queue))
}

/// Actions on the Complaints tab (the offers say which apply to the target).
pub(crate) fn action(m: &mut Model, a: Action) -> Vec<Job> {
    if let Some(nav) = Nav::of(a) {
        let n = m.complaints.queue.len();
        m.complaints.cursor.apply(nav, n);
        return Vec::new();
    }
    let id = target(m).map(|c| c.id);
    match a {
        Action::Open => m.complaints.open = m.complaints.cursor.pick(&m.complaints.queue).cloned(),
        Action::Back => m.complaints.open = None,
        Action::Filter => {
            m.complaints.filter = (m.complaints.filter + 1) % FILTERS;
            m.complaints.cursor.reset();
            return load(m);
        }
        Action::Refresh => return load(m),
        Action::FilterBy => forms::open(m, FormKind::ComplaintFilter),
        Action::New => forms::open(m, FormKind::LogComplaint(m.member_id())),
        Action::Transition => id.into_iter().for_each(|id| forms::open(m, FormKind::Transition(id))),
        Action::Goodwill => id.into_iter().for_each(|id| forms::open(m, FormKind::Goodwill(id))),
        Action::FollowUp => id.into_iter().for_each(|id| forms::open(m, FormKind::FollowUp(id))),
        _ => {}
    }
    Vec::new()
}
