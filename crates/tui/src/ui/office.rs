//! Office tab: the approvals queue, or the audit trail (managers and admins).

use super::table::{Column, List};
use super::text::{clean, labels};
use super::theme::Theme;
use crate::app::Model;
use crate::app::office::{OfficeView, audit_filter_label};
use crate::app::words::Vocabulary;
use frontdesk_core::domain::approval::{Approval, ApprovalChange, ApprovalState};
use frontdesk_core::domain::promotion::{Effect, Period};
use frontdesk_store::ops::query::PromotionState;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Draws the Office tab.
pub(crate) fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    match m.office.view {
        OfficeView::Approvals => approvals(m, theme, f, area),
        OfficeView::Audit => audit(m, theme, f, area),
        OfficeView::Promotions => promotions(m, theme, f, area),
    }
}

fn approvals(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let which = if m.office.show_decided { m.t("office.all") } else { m.t("office.pending") };
    let title =
        m.texts.fill("office.approvals_title", &[("n", m.office.approvals.len().to_string()), ("which", which)]);
    let head = labels(&m.t("office.approvals_header"));
    let col = |i: usize| Column::new(head.get(i).cloned().unwrap_or_default());
    let cols =
        vec![col(0), col(1), col(2).max(14), col(3).right(), col(4), col(5).max(18), col(6).optional(), col(7).grow(8)];
    let rows = m
        .office
        .approvals
        .iter()
        .map(|a| {
            vec![
                format!("#{}", a.id),
                m.texts.date(a.requested_on),
                clean(&a.maker),
                m.texts.signed(a.change.points()),
                clean(a.change.card()),
                kind(m, a),
                state(m, a),
                clean(a.change.reason()),
            ]
        })
        .collect();
    let styles = m
        .office
        .approvals
        .iter()
        .map(|a| if a.state == ApprovalState::Pending { Style::new() } else { theme.dim() })
        .collect();
    List::new(cols, rows)
        .styles(styles)
        .selected(m.office.cursor.index())
        .empty(m.t("office.none"))
        .pane(theme, title, super::main_focused(m))
        .draw(theme, f, area);
}

/// `Adjustment` or `Goodwill #7`.
fn kind(m: &Model, a: &Approval) -> String {
    match &a.change {
        ApprovalChange::Adjust { .. } => m.t("office.kind_adjust"),
        ApprovalChange::Goodwill { complaint_id, .. } => format!("{} #{complaint_id}", m.t("office.kind_goodwill")),
    }
}

/// `Needs a supervisor` or `Approved by max`.
fn state(m: &Model, a: &Approval) -> String {
    match (a.state, &a.checker) {
        (ApprovalState::Pending, _) | (_, None) => m.texts.fill("office.needs", &[("role", m.role_name(a.needs))]),
        (s, Some(c)) => format!("{} {}", m.word(Vocabulary::Approval, s.as_str()), clean(c)),
    }
}

fn audit(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let title = m
        .texts
        .fill("office.audit_title", &[("n", m.office.audit.len().to_string()), ("filter", audit_filter_label(m))]);
    let wide = area.width >= 112;
    let head = labels(&m.t("office.audit_header"));
    let col = |i: usize| Column::new(head.get(i).cloned().unwrap_or_default());
    let cols = vec![col(0), col(1).max(14), col(2).max(26), col(3).max(22), col(4).grow(8)];
    let rows = m
        .office
        .audit
        .iter()
        .map(|e| {
            // `2026-11-23T10:05:00Z` → `2026-11-23 10:05:00`, or `11-23 10:05` when narrow.
            let at = e.at.replace('T', " ").trim_end_matches('Z').to_string();
            let at = if wide { at } else { at.get(5..16).unwrap_or(&at).to_string() };
            let (before, after) = (m.audit_value(&clean(&e.before)), m.audit_value(&clean(&e.after)));
            let change = if e.before.is_empty() { after } else { format!("{before} → {after}") };
            let command = m.word(Vocabulary::Audit, &e.command);
            vec![at, clean(&e.operator), command, clean(&e.target), change]
        })
        .collect();
    List::new(cols, rows)
        .selected(m.office.audit_cursor.index())
        .empty(m.t("office.no_events"))
        .pane(theme, title, super::main_focused(m))
        .draw(theme, f, area);
}

/// `double ×2.0`, `+500`, `+500 on the 3rd per quarter`.
fn effect(m: &Model, e: Effect) -> String {
    match e {
        Effect::Multiplier { percent } => format!("×{}.{:02}", percent / 100, percent % 100),
        Effect::Fixed { points } => format!("+{}", m.texts.number(points)),
        Effect::Nth { n, period, points } => m.texts.fill(
            "promo.nth",
            &[("points", m.texts.number(points)), ("n", n.to_string()), ("period", m.t(period_key(period)))],
        ),
    }
}

fn period_key(p: Period) -> &'static str {
    match p {
        Period::Month => "promo.month",
        Period::Quarter => "promo.quarter",
        Period::Year => "promo.year",
        Period::Promotion => "promo.whole",
    }
}

/// Running, upcoming or ended on the business date, in the catalogue's words.
fn status(m: &Model, state: PromotionState) -> String {
    m.t(match state {
        PromotionState::Running => "promo.running",
        PromotionState::Upcoming => "promo.upcoming",
        PromotionState::Ended => "promo.ended",
    })
}

fn promotions(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let title = m.texts.fill("promo.title", &[("n", m.office.promotions.len().to_string())]);
    let wide = area.width >= 112;
    let head = labels(&m.t("promo.header"));
    let col = |i: usize| Column::new(head.get(i).cloned().unwrap_or_default());
    let cols = vec![col(0), col(1), col(2), col(3).max(24), col(4).right(), col(5).grow(8)];
    let rows = m
        .office
        .promotions
        .iter()
        .map(|o| {
            let p = &o.promotion;
            let dates = if wide {
                format!("{} – {}", m.texts.date(p.starts), m.texts.date(p.ends))
            } else {
                format!("{}–{}", p.starts.format("%Y-%m"), p.ends.format("%Y-%m"))
            };
            let spend = match p.budget {
                Some(b) => format!("{} / {}", m.texts.number(o.spent), m.texts.number(b)),
                None => m.texts.number(o.spent),
            };
            vec![clean(&p.code), status(m, o.state), dates, effect(m, p.effect), spend, clean(&p.name)]
        })
        .collect();
    let styles = m
        .office
        .promotions
        .iter()
        .map(|o| if o.state == PromotionState::Running { Style::new() } else { theme.dim() })
        .collect();
    List::new(cols, rows)
        .styles(styles)
        .selected(m.office.promotion_cursor.index())
        .empty(m.t("promo.empty"))
        .pane(theme, title, super::main_focused(m))
        .draw(theme, f, area);
}
