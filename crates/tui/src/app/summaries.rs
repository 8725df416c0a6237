//! Summaries tab: one view per analytics report, moved between with `[` / `]`, loaded by
//! the worker for the business date and the chosen property; drill-down from a tier
//! movement, an RFM segment or a birthday into members, and on to a member in tab 1.

use super::action::{Action, Nav};
use super::cursor::Cursor;
use super::msg::{Job, JobResult};
use super::{Model, Tab};
use frontdesk_core::domain::analytics::MemberList;
pub(crate) use frontdesk_service::reports::{ListRequest, Report, ReportKind};
use frontdesk_store::report::analytics::TIER_LISTS;

/// A view of the Summaries tab, in the order `[` / `]` move through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SummaryView {
    /// Store-wide totals.
    #[default]
    Overview,
    /// Members per tier and this year's movement.
    Tiers,
    /// Active, at risk, lapsed; repeat stays; monthly stays.
    Retention,
    /// Cohort retention by first-stay month.
    Cohorts,
    /// Residential and commercial properties: fee punctuality, repairs, renewal.
    Property,
    /// RFM segments.
    Rfm,
    /// Points liability.
    Liability,
    /// Complaints by category, severity, property and month.
    Complaints,
    /// NPS and CSAT.
    Satisfaction,
    /// Birthdays in the next days.
    Birthdays,
}

impl SummaryView {
    /// Every view, in order.
    pub const ALL: [SummaryView; 10] = [
        SummaryView::Overview,
        SummaryView::Tiers,
        SummaryView::Retention,
        SummaryView::Cohorts,
        SummaryView::Property,
        SummaryView::Rfm,
        SummaryView::Liability,
        SummaryView::Complaints,
        SummaryView::Satisfaction,
        SummaryView::Birthdays,
    ];

    /// Catalogue key of the view's name.
    pub(crate) fn label(self) -> &'static str {
        match self {
            SummaryView::Overview => "views.overview",
            SummaryView::Tiers => "views.tiers",
            SummaryView::Retention => "views.retention",
            SummaryView::Cohorts => "views.cohorts",
            SummaryView::Property => "views.property",
            SummaryView::Rfm => "views.rfm",
            SummaryView::Liability => "views.liability",
            SummaryView::Complaints => "views.complaints",
            SummaryView::Satisfaction => "views.satisfaction",
            SummaryView::Birthdays => "views.birthdays",
        }
    }

    /// The report the view draws (`None`: the store-wide overview).
    pub fn report(self) -> Option<ReportKind> {
        Some(match self {
            SummaryView::Overview => return None,
            SummaryView::Tiers => ReportKind::Tiers,
            SummaryView::Retention | SummaryView::Cohorts => ReportKind::Retention,
            SummaryView::Property => ReportKind::Property,
            SummaryView::Rfm => ReportKind::Rfm,
            SummaryView::Liability => ReportKind::Liability,
            SummaryView::Complaints => ReportKind::Complaints,
            SummaryView::Satisfaction => ReportKind::Satisfaction,
            SummaryView::Birthdays => ReportKind::Birthdays,
        })
    }
}

/// An open drill-down list.
#[derive(Debug, Clone, PartialEq)]
pub struct DrillDown {
    /// What is listed.
    pub request: ListRequest,
    /// The list once loaded.
    pub members: Option<MemberList>,
    /// Highlighted member.
    pub cursor: Cursor,
}

/// Summaries tab state.
#[derive(Debug, Clone, Default)]
pub struct SummariesPanel {
    /// The view shown.
    pub view: SummaryView,
    /// Home / complaint property filter (`None` = all properties).
    pub property: Option<String>,
    /// Reports loaded for `property` and the business date.
    pub reports: Vec<Report>,
    /// Generation of the report or list request in flight.
    pub loading: Option<u64>,
    /// Why the last load failed.
    pub error: Option<String>,
    /// Highlighted row of the view (tier movement, segment, birthday).
    pub cursor: Cursor,
    /// The drill-down list, when one is open.
    pub list: Option<DrillDown>,
    /// Set when a member was opened from here: `Esc` in tab 1 comes back.
    pub opened_member: bool,
}

impl SummariesPanel {
    /// A panel filtered to the desk's property.
    pub(crate) fn new(property: &str) -> SummariesPanel {
        SummariesPanel { property: Some(property.to_string()).filter(|p| !p.is_empty()), ..SummariesPanel::default() }
    }

    /// The loaded report of `kind`.
    pub fn report(&self, kind: ReportKind) -> Option<&Report> {
        self.reports.iter().find(|r| r.kind() == kind)
    }
}

/// Rows of the current view that `Enter` acts on.
pub(crate) fn rows(m: &Model) -> usize {
    let s = &m.summaries;
    match (s.view, s.view.report().and_then(|k| s.report(k))) {
        (SummaryView::Tiers, Some(Report::Tiers(_))) => TIER_LISTS.len(),
        (SummaryView::Rfm, Some(Report::Rfm(Some(r)))) => r.segments.len(),
        (SummaryView::Birthdays, Some(Report::Birthdays(b))) => b.birthdays.len(),
        _ => 0,
    }
}

/// Tier lists in the order the Tiers view shows them.
pub(crate) const MOVEMENT: [&str; 3] = ["upgraded", "on_track", "at_risk"];

/// Entering the tab: reloads the current view (writes may have moved its figures); what
/// was shown stays on screen until the new figures arrive.
pub(crate) fn reload(m: &mut Model) -> Vec<Job> {
    match m.summaries.view.report() {
        Some(kind) => load(m, kind),
        None => overview(m),
    }
}

/// Loads the current view's report unless it is already there.
pub(crate) fn show(m: &mut Model) -> Vec<Job> {
    match m.summaries.view.report() {
        None => overview(m),
        Some(kind) if m.summaries.report(kind).is_some() => Vec::new(),
        Some(kind) => load(m, kind),
    }
}

fn overview(m: &mut Model) -> Vec<Job> {
    let generation = m.next_generation();
    m.busy += 1;
    vec![Job::LoadOverview { generation }]
}

fn load(m: &mut Model, kind: ReportKind) -> Vec<Job> {
    let generation = m.next_generation();
    m.busy += 1;
    m.summaries.loading = Some(generation);
    m.summaries.error = None;
    vec![Job::LoadReport { generation, kind, as_of: m.today, property: m.summaries.property.clone() }]
}

fn load_list(m: &mut Model, request: ListRequest) -> Vec<Job> {
    let generation = m.next_generation();
    m.busy += 1;
    m.summaries.loading = Some(generation);
    m.summaries.error = None;
    m.summaries.list = Some(DrillDown { request: request.clone(), members: None, cursor: Cursor::default() });
    vec![Job::LoadMemberList { generation, request, as_of: m.today, property: m.summaries.property.clone() }]
}

fn step_view(m: &mut Model, step: isize) -> Vec<Job> {
    let all = SummaryView::ALL;
    let at = all.iter().position(|v| *v == m.summaries.view).unwrap_or(0) as isize;
    let next = (at + step).rem_euclid(all.len() as isize) as usize;
    m.summaries.view = all.get(next).copied().unwrap_or_default();
    m.summaries.cursor.reset();
    m.summaries.list = None;
    show(m)
}

/// The property after the current one: the configured properties, then all of them.
fn next_property(m: &Model) -> Option<String> {
    let codes: Vec<Option<String>> =
        m.config.properties.iter().map(|p| Some(p.code.clone())).chain(std::iter::once(None)).collect();
    let at = codes.iter().position(|c| *c == m.summaries.property);
    at.and_then(|i| codes.get((i + 1) % codes.len())).cloned().unwrap_or(None)
}

fn move_selection(m: &mut Model, nav: Nav) {
    if let Some(list) = m.summaries.list.as_mut() {
        let n = list.members.as_ref().map_or(0, |l| l.members.len());
        list.cursor.apply(nav, n);
        return;
    }
    let n = rows(m);
    m.summaries.cursor.apply(nav, n);
}

/// Opens member `id` in tab 1.
fn open_member(m: &mut Model, id: u64) -> Vec<Job> {
    m.tab = Tab::Members;
    m.members.show_detail = true;
    m.members.typing = false;
    m.summaries.opened_member = true;
    let generation = m.next_generation();
    m.busy += 1;
    vec![Job::LoadMember { generation, id }]
}

fn enter(m: &mut Model) -> Vec<Job> {
    let s = &m.summaries;
    if let Some(list) = &s.list {
        let id = list.members.as_ref().and_then(|l| list.cursor.pick(&l.members)).map(|r| r.id);
        return id.map_or_else(Vec::new, |id| open_member(m, id));
    }
    let report = s.view.report().and_then(|k| s.report(k));
    match (s.view, report) {
        (SummaryView::Tiers, Some(Report::Tiers(_))) => match MOVEMENT.get(s.cursor.index()) {
            Some(list) => load_list(m, ListRequest::Tiers((*list).to_string())),
            None => Vec::new(),
        },
        (SummaryView::Rfm, Some(Report::Rfm(Some(r)))) => match s.cursor.pick(&r.segments) {
            Some(g) => load_list(m, ListRequest::Segment(g.segment)),
            None => Vec::new(),
        },
        (SummaryView::Birthdays, Some(Report::Birthdays(b))) => match s.cursor.pick(&b.birthdays) {
            Some(b) => open_member(m, b.member.id),
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Actions on the Summaries tab.
pub(crate) fn action(m: &mut Model, a: Action) -> Vec<Job> {
    if let Some(nav) = Nav::of(a) {
        move_selection(m, nav);
        return Vec::new();
    }
    match a {
        Action::NextView => return step_view(m, 1),
        Action::PrevView => return step_view(m, -1),
        Action::Open => return enter(m),
        Action::Back if m.summaries.list.take().is_some() => m.summaries.error = None,
        Action::Filter => {
            m.summaries.property = next_property(m);
            m.summaries.reports.clear();
            m.summaries.list = None;
            m.summaries.cursor.reset();
            return show(m);
        }
        Action::Refresh => {
            if let Some(list) = m.summaries.list.as_ref().map(|l| l.request.clone()) {
                return load_list(m, list);
            }
            return reload(m);
        }
        _ => {}
    }
    Vec::new()
}

/// Applies a worker answer meant for this tab; returns it back when it is not.
pub(crate) fn finished(m: &mut Model, generation: u64, result: JobResult) -> Option<JobResult> {
    let s = &mut m.summaries;
    let current = s.loading == Some(generation);
    match result {
        JobResult::Report { property, report } => {
            if current {
                s.loading = None;
            }
            // A report for another property (the filter moved on meanwhile) is stale.
            if property == s.property {
                s.reports.retain(|r| r.kind() != report.kind());
                s.reports.push(*report);
                let n = rows(m);
                m.summaries.cursor.clamp(n);
            }
            None
        }
        JobResult::MemberList(list) => {
            if current {
                s.loading = None;
                if let Some(d) = s.list.as_mut() {
                    d.members = Some(*list);
                    d.cursor.reset();
                }
            }
            None
        }
        JobResult::Failed(e) if current => {
            s.loading = None;
            s.error = Some(m.texts.say(&e));
            Some(JobResult::Failed(e))
        }
        other => Some(other),
    }
}
