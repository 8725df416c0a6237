//! Office tab: the approvals queue, or the audit trail (managers and admins).

use super::block;
use super::text::{Col, cells, clean, fit, labels, rest};
use super::theme::Theme;
use crate::app::Model;
use crate::app::office::{OfficeView, audit_filter_label};
use crate::domain::approval::{Approval, ApprovalChange, ApprovalState};
use crate::domain::promotion::{Effect, Period};
use crate::ops::query::PromotionState;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Draws the Office tab.
pub fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    match m.office.view {
        OfficeView::Approvals => approvals(m, theme, f, area),
        OfficeView::Audit => audit(m, theme, f, area),
        OfficeView::Promotions => promotions(m, theme, f, area),
    }
}

fn approvals(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let w = usize::from(area.width.saturating_sub(2));
    let rows = usize::from(area.height.saturating_sub(3));
    let which = if m.office.show_decided { m.t("office.all") } else { m.t("office.pending") };
    let title =
        m.texts.fill("office.approvals_title", &[("n", m.office.approvals.len().to_string()), ("which", which)]);
    let wide = w >= 110;
    let mut cols = vec![Col::left(5), Col::left(10), Col::left(8), Col::right(8), Col::left(13), Col::left(12)];
    if wide {
        cols.push(Col::left(22));
    }
    cols.push(Col::left(rest(w, &cols)));
    let mut head = labels(&m.t("office.approvals_header"));
    if !wide {
        head.remove(6.min(head.len().saturating_sub(1)));
    }
    let mut lines = vec![Line::styled(fit(&cells(&cols, &head), w), theme.dim())];
    if m.office.approvals.is_empty() {
        lines.push(Line::styled(m.t("office.none"), theme.dim()));
    }
    let first = m.office.selected.saturating_sub(rows.saturating_sub(1));
    for (i, a) in m.office.approvals.iter().enumerate().skip(first).take(rows) {
        let mut values = vec![
            format!("#{}", a.id),
            m.texts.date(a.requested_on),
            clean(&a.maker),
            format!("{:+}", a.change.points()),
            clean(a.change.card()),
            kind(m, a),
        ];
        if wide {
            values.push(state(m, a));
        }
        values.push(clean(a.change.reason()));
        let style = if i == m.office.selected {
            theme.selected()
        } else if a.state == ApprovalState::Pending {
            Style::new()
        } else {
            theme.dim()
        };
        lines.push(Line::styled(fit(&cells(&cols, &values), w), style));
    }
    f.render_widget(Paragraph::new(lines).block(block(theme, title)), area);
}

/// `adjust` or `goodwill #7`.
fn kind(m: &Model, a: &Approval) -> String {
    match &a.change {
        ApprovalChange::Adjust { .. } => m.t("office.kind_adjust"),
        ApprovalChange::Goodwill { complaint_id, .. } => format!("{} #{complaint_id}", m.t("office.kind_goodwill")),
    }
}

/// `needs supervisor` or `approved by max`.
fn state(m: &Model, a: &Approval) -> String {
    match (a.state, &a.checker) {
        (ApprovalState::Pending, _) | (_, None) => m.texts.fill("office.needs", &[("role", a.needs.as_str().into())]),
        (s, Some(c)) => format!("{} {}", s.as_str(), clean(c)),
    }
}

fn audit(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let w = usize::from(area.width.saturating_sub(2));
    let rows = usize::from(area.height.saturating_sub(3));
    let title = m
        .texts
        .fill("office.audit_title", &[("n", m.office.audit.len().to_string()), ("filter", audit_filter_label(m))]);
    let wide = w >= 110;
    let mut cols = vec![Col::left(if wide { 19 } else { 11 }), Col::left(10), Col::left(18), Col::left(19)];
    cols.push(Col::left(rest(w, &cols)));
    let head = labels(&m.t("office.audit_header"));
    let mut lines = vec![Line::styled(fit(&cells(&cols, &head), w), theme.dim())];
    if m.office.audit.is_empty() {
        lines.push(Line::styled(m.t("office.no_events"), theme.dim()));
    }
    let first = m.office.audit_selected.saturating_sub(rows.saturating_sub(1));
    for (i, e) in m.office.audit.iter().enumerate().skip(first).take(rows) {
        // `2026-11-23T10:05:00Z` → `2026-11-23 10:05:00`, or `11-23 10:05` when narrow.
        let at = e.at.replace('T', " ").trim_end_matches('Z').to_string();
        let at = if wide { at } else { at.get(5..16).unwrap_or(&at).to_string() };
        let change =
            if e.before.is_empty() { clean(&e.after) } else { format!("{} → {}", clean(&e.before), clean(&e.after)) };
        let values = [at, clean(&e.operator), clean(&e.command), clean(&e.target), change];
        let style = if i == m.office.audit_selected { theme.selected() } else { Style::new() };
        lines.push(Line::styled(fit(&cells(&cols, &values), w), style));
    }
    f.render_widget(Paragraph::new(lines).block(block(theme, title)), area);
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
    let w = usize::from(area.width.saturating_sub(2));
    let rows = usize::from(area.height.saturating_sub(3));
    let title = m.texts.fill("promo.title", &[("n", m.office.promotions.len().to_string())]);
    let wide = w >= 110;
    let mut cols =
        vec![Col::left(11), Col::left(9), Col::left(if wide { 23 } else { 15 }), Col::left(12), Col::right(17)];
    cols.push(Col::left(rest(w, &cols)));
    let head = labels(&m.t("promo.header"));
    let mut lines = vec![Line::styled(fit(&cells(&cols, &head), w), theme.dim())];
    if m.office.promotions.is_empty() {
        lines.push(Line::styled(m.t("promo.empty"), theme.dim()));
    }
    let first = m.office.promotion_selected.saturating_sub(rows.saturating_sub(1));
    for (i, o) in m.office.promotions.iter().enumerate().skip(first).take(rows) {
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
        let values = [clean(&p.code), status(m, o.state), dates, effect(m, p.effect), spend, clean(&p.name)];
        let style = if i == m.office.promotion_selected {
            theme.selected()
        } else if o.state == PromotionState::Running {
            Style::new()
        } else {
            theme.dim()
        };
        lines.push(Line::styled(fit(&cells(&cols, &values), w), style));
    }
    f.render_widget(Paragraph::new(lines).block(block(theme, title)), area);
}
