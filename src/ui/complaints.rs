//! Complaints tab: the queue by SLA due time with overdue rows highlighted, or one
//! complaint with its timeline.

use super::block;
use super::text::{Col, cells, clean, fit, labels, rest, width};
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
    // Below ~100 columns the property goes, the due time loses its year and the flag
    // shrinks to `!`, so that the description keeps some room.
    let overdue = m.t("complaints.overdue");
    let mut head = labels(&m.t("complaints.header"));
    let narrow = w < 100;
    let flag_w = if narrow { 1 } else { width(&overdue).max(head.get(6).map_or(0, |h| width(h))) };
    let mut cols = vec![
        Col::left(7),
        Col::left(4),
        Col::left(8),
        Col::left(13),
        Col::left(14),
        Col::left(if narrow { 11 } else { 16 }),
        Col::left(flag_w),
    ];
    if narrow {
        cols.remove(1);
        if head.len() > 1 {
            head.remove(1);
        }
        if let Some(h) = head.get_mut(5) {
            *h = "!".into();
        }
    }
    cols.push(Col::left(rest(w, &cols)));
    let mut lines = vec![Line::styled(fit(&cells(&cols, &head), w), theme.dim())];
    if m.complaints.queue.is_empty() {
        lines.push(Line::styled(m.t("complaints.none"), theme.dim()));
    }
    let first = m.complaints.selected.saturating_sub(rows.saturating_sub(1));
    for (i, c) in m.complaints.queue.iter().enumerate().skip(first).take(rows) {
        let due = due_text(&c.due);
        let due = if narrow { due.get(5..).unwrap_or(&due).to_string() } else { due };
        let flag = match (c.overdue, narrow) {
            (false, _) => String::new(),
            (true, true) => "!".into(),
            (true, false) => overdue.clone(),
        };
        let mut values = vec![
            format!("#{}", c.id),
            clean(&c.property),
            clean(&c.severity),
            clean(&c.category),
            clean(&c.state),
            due,
            flag,
            clean(&c.description),
        ];
        if narrow {
            values.remove(1);
        }
        let t = cells(&cols, &values);
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
                    due_text(&c.due),
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
            &cells(
                &[Col::left(16), Col::left(10), Col::left(14), Col::left(w.saturating_sub(43))],
                &[due_text(&t.at), clean(&t.operator), clean(&t.state), clean(&t.note)],
            ),
            w,
        )));
    }
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(block(theme, m.t("complaints.detail"))),
        area,
    );
}

/// An RFC 3339 instant as `YYYY-MM-DD HH:MM` (UTC, as stored).
fn due_text(at: &str) -> String {
    clean(at.get(..16).unwrap_or(at)).replace('T', " ")
}
