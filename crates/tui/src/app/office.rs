//! Office tab: the approvals queue (maker–checker) and, for managers, the audit trail.

use super::action::{Action, Nav};
use super::cursor::Cursor;
use super::forms::{self, FormKind};
use super::msg::Job;
use super::{Confirm, Model, Popup};
use frontdesk_core::domain::approval::Approval;
use frontdesk_core::domain::operator::Role;
use frontdesk_store::ops::Command;
use frontdesk_store::ops::query::{AuditEvent, AuditFilter};

/// Which list the Office tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OfficeView {
    /// Requests waiting for approval (or all, with the filter).
    #[default]
    Approvals,
    /// The audit trail, newest first (managers and admins).
    Audit,
    /// Promotions: running, upcoming and ended, with spend against budget.
    Promotions,
}

/// Office tab state.
#[derive(Debug, Clone, Default)]
pub struct OfficePanel {
    /// The list shown.
    pub view: OfficeView,
    /// Requests, oldest first.
    pub approvals: Vec<Approval>,
    /// Whether decided requests are listed too.
    pub show_decided: bool,
    /// Highlighted request.
    pub cursor: Cursor,
    /// Audit events, newest first.
    pub audit: Vec<AuditEvent>,
    /// Highlighted audit event.
    pub audit_cursor: Cursor,
    /// Audit filter: 0 everything, 1 the selected member, 2 my own actions.
    pub audit_filter: usize,
    /// Promotions with their spend.
    pub promotions: Vec<frontdesk_store::ops::query::PromotionRow>,
    /// Highlighted promotion.
    pub promotion_cursor: Cursor,
}

/// Audit events the view lists at most (the CLI pages further back).
pub(crate) const AUDIT_LIMIT: usize = 500;

/// Number of audit filters.
pub(crate) const AUDIT_FILTERS: usize = 3;

/// Whether the operator may read the audit trail.
pub(crate) fn may_audit(m: &Model) -> bool {
    m.role >= Role::Manager
}

/// Reloads the current view.
pub(crate) fn load(m: &mut Model) -> Vec<Job> {
    let generation = m.next_generation();
    m.busy += 1;
    match m.office.view {
        OfficeView::Approvals => vec![Job::LoadApprovals { generation, all: m.office.show_decided }],
        OfficeView::Audit => {
            let filter = audit_filter(m);
            vec![Job::LoadAudit { generation, filter, limit: AUDIT_LIMIT }]
        }
        OfficeView::Promotions => vec![Job::LoadPromotions { generation }],
    }
}

/// Actions on the Office tab.
pub(crate) fn action(m: &mut Model, a: Action) -> Vec<Job> {
    match (m.office.view, a) {
        (_, Action::PrevView | Action::NextView) => return switch_view(m, a == Action::NextView),
        (OfficeView::Audit, _) => return audit_action(m, a),
        (OfficeView::Promotions, _) => return promotions_action(m, a),
        (OfficeView::Approvals, _) => {}
    }
    if let Some(nav) = Nav::of(a) {
        let n = m.office.approvals.len();
        m.office.cursor.apply(nav, n);
        return Vec::new();
    }
    let selected = m.office.cursor.pick(&m.office.approvals).cloned();
    match a {
        Action::Filter => {
            m.office.show_decided = !m.office.show_decided;
            m.office.cursor.reset();
            return load(m);
        }
        Action::Refresh => return load(m),
        Action::Open => {
            if let Some(a) = selected {
                let lines = describe(m, &a);
                let command = Command::DecideApproval { id: a.id, approve: true, note: String::new() };
                let title = m.texts.fill("office.confirm_approve", &[("id", a.id.to_string())]);
                m.popups.push(Popup::Confirm(Box::new(Confirm::new(title, lines, command, None))));
            }
        }
        Action::Cancel => {
            if let Some(a) = selected {
                forms::open(m, FormKind::Reject(a.id));
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Why the signed-in operator cannot approve or reject the highlighted request, if they
/// cannot: known before any confirmation (their own request, too low a role).
pub(crate) fn decide_blocked(m: &Model) -> Option<String> {
    let Some(a) = m.office.cursor.pick(&m.office.approvals) else { return Some(m.t("office.none")) };
    let me = frontdesk_core::domain::operator::Actor { name: m.operator.clone(), role: m.role };
    let limit_of = frontdesk_store::ops::approval::limit_of(&m.config, a.change.limit_kind());
    frontdesk_core::domain::approval::may_decide(a, &me, true, limit_of).err().map(|e| m.texts.say(&e))
}

/// The lines a confirmation shows about a request: what, for whom, asked by whom and why.
pub(crate) fn describe(m: &Model, a: &Approval) -> Vec<String> {
    let label = match a.change.limit_kind() {
        frontdesk_core::domain::approval::LimitKind::Adjust => "office.adjust",
        frontdesk_core::domain::approval::LimitKind::Goodwill => "office.goodwill",
    };
    vec![
        m.texts.fill(label, &[("points", m.texts.signed(a.change.points())), ("card", a.change.card().to_string())]),
        m.texts.fill(
            "office.asked_by",
            &[("maker", a.maker.clone()), ("role", m.role_name(a.maker_role)), ("date", m.texts.date(a.requested_on))],
        ),
        format!("“{}”", a.change.reason()),
    ]
}

/// Takes the loaded queue.
pub(crate) fn loaded(m: &mut Model, list: Vec<Approval>) {
    let keep = m.office.cursor.pick(&m.office.approvals).map(|a| a.id);
    m.office.approvals = list;
    if !keep.is_some_and(|id| m.office.cursor.follow(&m.office.approvals, |a| a.id == id)) {
        m.office.cursor.clamp(m.office.approvals.len());
    }
}

/// The audit filter in force.
pub(crate) fn audit_filter(m: &Model) -> AuditFilter {
    match m.office.audit_filter {
        1 => AuditFilter {
            member_card: Some(m.detail.as_ref().map_or_else(|| "-".into(), |d| d.member.card.clone())),
            ..AuditFilter::default()
        },
        2 => AuditFilter { operator: Some(m.operator.clone()), ..AuditFilter::default() },
        _ => AuditFilter::default(),
    }
}

/// The name of the audit filter, for the title.
pub(crate) fn audit_filter_label(m: &Model) -> String {
    match m.office.audit_filter {
        1 => m.detail.as_ref().map_or_else(|| m.t("office.no_member"), |d| d.member.card.clone()),
        2 => m.operator.clone(),
        _ => m.t("office.everything"),
    }
}

fn audit_action(m: &mut Model, a: Action) -> Vec<Job> {
    if let Some(nav) = Nav::of(a) {
        let n = m.office.audit.len();
        m.office.audit_cursor.apply(nav, n);
        return Vec::new();
    }
    match a {
        Action::Filter => {
            m.office.audit_filter = (m.office.audit_filter + 1) % AUDIT_FILTERS;
            m.office.audit_cursor.reset();
            return load(m);
        }
        Action::Refresh => return load(m),
        _ => {}
    }
    Vec::new()
}

/// Takes loaded audit events.
pub(crate) fn audit_loaded(m: &mut Model, events: Vec<AuditEvent>) {
    m.office.audit = events;
    m.office.audit_cursor.clamp(m.office.audit.len());
}

/// The views in order; the audit trail only for managers and admins.
fn views(m: &Model) -> Vec<OfficeView> {
    let mut v = vec![OfficeView::Approvals];
    if may_audit(m) {
        v.push(OfficeView::Audit);
    }
    v.push(OfficeView::Promotions);
    v
}

fn switch_view(m: &mut Model, forward: bool) -> Vec<Job> {
    let views = views(m);
    let at = views.iter().position(|v| *v == m.office.view).unwrap_or(0);
    let next = if forward { (at + 1) % views.len() } else { (at + views.len() - 1) % views.len() };
    m.office.view = views[next];
    load(m)
}

fn promotions_action(m: &mut Model, a: Action) -> Vec<Job> {
    if let Some(nav) = Nav::of(a) {
        let n = m.office.promotions.len();
        m.office.promotion_cursor.apply(nav, n);
    } else if a == Action::Refresh {
        return load(m);
    }
    Vec::new()
}
