//! Stays & Points tab: the selected member's stays or filtered ledger.

use super::block;
use super::text::{clean, fit};
use super::theme::Theme;
use crate::app::msg::MemberDetail;
use crate::app::{Model, PointsList};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Draws the Stays & Points tab.
pub fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let Some(d) = &m.detail else {
        let p = Paragraph::new(m.t("points.no_member")).style(theme.dim()).block(block(theme, m.t("tab.points")));
        f.render_widget(p, area);
        return;
    };
    let [head, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
    let v = &d.view;
    let w = usize::from(area.width.saturating_sub(2));
    let summary = format!(
        "{}  {} · {} · {}: {}",
        v.card,
        clean(&v.name),
        v.tier,
        m.t("label.balance"),
        m.texts.number(v.balance)
    );
    f.render_widget(Paragraph::new(fit(&summary, w)).block(block(theme, m.t("points.member"))), head);
    match m.points.list {
        PointsList::Stays => stays(m, theme, f, body, d, w),
        PointsList::Ledger => ledger(m, theme, f, body, w),
    }
}

fn window(selected: usize, rows: usize) -> usize {
    selected.saturating_sub(rows.saturating_sub(1))
}

fn stays(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, d: &MemberDetail, w: usize) {
    let rows = usize::from(area.height.saturating_sub(3));
    let mut lines = vec![Line::styled(fit(&m.t("points.stays_header"), w), theme.dim())];
    if d.stays.is_empty() {
        lines.push(Line::styled(m.t("members.no_stays"), theme.dim()));
    }
    let first = window(m.points.selected, rows);
    for (i, s) in d.stays.iter().enumerate().skip(first).take(rows) {
        let t = format!(
            "#{:<4} {:<4} {} → {} {:>3} {:>11} {:<13} {:<10} {:>7} {:>6}",
            s.seq,
            s.property,
            m.texts.date(s.arrival),
            m.texts.date(s.departure),
            s.nights,
            crate::domain::money::format(s.revenue_minor, m.config.store.minor_digits),
            s.channel,
            s.status.as_str(),
            m.texts.number(s.base_points),
            m.texts.number(s.bonus_points)
        );
        let style = if i == m.points.selected { theme.selected() } else { Style::new() };
        lines.push(Line::styled(fit(&t, w), style));
    }
    let title = m.texts.fill("points.stays_title", &[("n", d.stays.len().to_string())]);
    f.render_widget(Paragraph::new(lines).block(block(theme, title)), area);
}

fn ledger(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, w: usize) {
    let rows = usize::from(area.height.saturating_sub(3));
    let postings = crate::app::ledger_rows(m);
    let mut lines = vec![Line::styled(fit(&m.t("points.ledger_header"), w), theme.dim())];
    if postings.is_empty() {
        lines.push(Line::styled(m.t("members.no_ledger"), theme.dim()));
    }
    let first = window(m.points.selected, rows);
    for (i, p) in postings.iter().enumerate().skip(first).take(rows) {
        let kinds: Vec<&str> = p.lines.iter().map(|l| l.kind.as_str()).collect();
        let t = format!(
            "#{:<4} {} {:>+9} {:<14} {:<16} {}",
            p.seq,
            m.texts.date(p.date),
            p.net(),
            kinds.join("+"),
            clean(&p.source),
            clean(&p.reason)
        );
        let style = if i == m.points.selected {
            theme.selected()
        } else if p.net() < 0 {
            theme.warn()
        } else {
            Style::new()
        };
        lines.push(Line::styled(fit(&t, w), style));
    }
    let filter = m.t(crate::app::LEDGER_FILTERS[m.points.ledger_filter % crate::app::LEDGER_FILTERS.len()]);
    let title = m.texts.fill("points.ledger_title", &[("n", postings.len().to_string()), ("filter", filter)]);
    f.render_widget(Paragraph::new(lines).block(block(theme, title)), area);
}
