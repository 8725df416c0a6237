//! Complaints tab: the queue by SLA due time with overdue rows highlighted, or one
//! complaint with its timeline.

use super::block;
use super::text::{clean, fit};
use super::theme::Theme;
use crate::app::Model;
use crate::ops::view::ComplaintView;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the Complaints tab.
pub fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let w = usize::from(area.width.saturating_sub(2));
    if m.complaints.show_detail
        && let Some(c) = m.complaints.queue.get(m.complaints.selected)
    {
        return detail(m, theme, f, area, c, w);
    }
    let filter = crate::app::filter_label(m);
    let title = m.texts.fill("complaints.title", &[("n", m.complaints.queue.len().to_string()), ("filter", filter)]);
    let rows = usize::from(area.height.saturating_sub(3));
    let mut lines = vec![Line::styled(fit(&m.t("complaints.header"), w), theme.dim())];
    if m.complaints.queue.is_empty() {
        lines.push(Line::styled(m.t("complaints.none"), theme.dim()));
    }
    let first = m.complaints.selected.saturating_sub(rows.saturating_sub(1));
    for (i, c) in m.complaints.queue.iter().enumerate().skip(first).take(rows) {
        let due = c.due.get(..16).unwrap_or(&c.due).replace('T', " ");
        let flag = if c.overdue { m.t("complaints.overdue") } else { String::new() };
        let t = format!(
            "#{:<6} {:<4} {:<8} {:<14} {:<14} {} {:<8} {}",
            c.id,
            c.property,
            c.severity,
            c.category,
            c.state,
            due,
            flag,
            clean(&c.description)
        );
        let style = if i == m.complaints.selected {
            theme.selected()
        } else if c.overdue {
            theme.error()
        } else {
            Style::new()
        };
        lines.push(Line::styled(fit(&t, w), style));
    }
    f.render_widget(Paragraph::new(lines).block(block(theme, title)), area);
}

fn detail(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, c: &ComplaintView, w: usize) {
    let mut lines = vec![
        Line::styled(
            fit(&format!("#{} · {} · {} · {} · {}", c.id, c.property, c.severity, c.category, c.channel), w),
            theme.accent(),
        ),
        Line::raw(fit(
            &format!(
                "{}: {} · {}: {}",
                m.t("label.state"),
                c.state,
                m.t("label.member"),
                c.card.as_deref().unwrap_or("-")
            ),
            w,
        )),
        Line::styled(
            fit(
                &format!(
                    "{}: {}{}",
                    m.t("label.due"),
                    c.due,
                    if c.overdue { format!(" · {}", m.t("complaints.overdue")) } else { String::new() }
                ),
                w,
            ),
            if c.overdue { theme.error() } else { Style::new() },
        ),
        Line::raw(""),
        Line::raw(clean(&c.description)),
        Line::raw(""),
    ];
    if c.goodwill_points > 0 || c.csat.is_some() || c.nps.is_some() {
        let s = |x: Option<u8>| x.map_or("-".to_string(), |v| v.to_string());
        lines.push(Line::raw(fit(
            &format!(
                "{}: {} · CSAT {} · NPS {}",
                m.t("label.goodwill"),
                m.texts.number(c.goodwill_points),
                s(c.csat),
                s(c.nps)
            ),
            w,
        )));
    }
    lines.push(Line::styled(m.t("complaints.timeline"), theme.dim()));
    for t in &c.timeline {
        lines.push(Line::raw(fit(
            &format!("{} {:<10} {:<14} {}", t.at.replace('T', " "), clean(&t.operator), t.state, clean(&t.note)),
            w,
        )));
    }
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(block(theme, m.t("complaints.detail"))),
        area,
    );
}
