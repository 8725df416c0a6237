//! Complaints tab: the queue by SLA due time with overdue rows highlighted, or one
//! complaint with its timeline.

use super::table::{Column, List};
use super::text::{clean, fit, labels};
use super::theme::Theme;
use super::{main_focused, pane};
use crate::app::Model;
use frontdesk_store::ops::view::ComplaintView;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the Complaints tab.
pub(crate) fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    if let Some(c) = &m.complaints.open {
        return detail(m, theme, f, area, c);
    }
    let filter = crate::app::filter_label(m);
    let title = m.texts.fill("complaints.title", &[("n", m.complaints.queue.len().to_string()), ("filter", filter)]);
    let narrow = area.width < 100;
    let overdue = m.t("complaints.overdue");
    let head = labels(&m.t("complaints.header"));
    let col = |i: usize| Column::new(head.get(i).cloned().unwrap_or_default());
    let cols = vec![
        col(0),
        col(1).optional(),
        col(2),
        col(3).max(if narrow { 16 } else { 24 }),
        col(4).max(14),
        col(5),
        Column::new(if narrow { "!".to_string() } else { head.get(6).cloned().unwrap_or_default() }),
        col(7).grow(10),
    ];
    let rows = m
        .complaints
        .queue
        .iter()
        .map(|c| {
            // Below ~100 columns the due time loses its year and the flag shrinks to `!`.
            let due = due_text(&c.due);
            let due = if narrow { due.get(5..).unwrap_or(&due).to_string() } else { due };
            let flag = match (c.overdue, narrow) {
                (false, _) => String::new(),
                (true, true) => "!".into(),
                (true, false) => overdue.clone(),
            };
            vec![
                format!("#{}", c.id),
                c.property.clone(),
                m.severity(&c.severity),
                m.category(&c.category),
                m.state(&c.state),
                due,
                flag,
                clean(&c.description),
            ]
        })
        .collect();
    let styles = m.complaints.queue.iter().map(|c| if c.overdue { theme.error() } else { Style::new() }).collect();
    List::new(cols, rows)
        .styles(styles)
        .selected(m.complaints.cursor.index())
        .empty(m.t("complaints.none"))
        .pane(theme, title, super::main_focused(m))
        .draw(theme, f, area);
}

fn detail(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, c: &ComplaintView) {
    let w = usize::from(area.width.saturating_sub(2));
    let head = format!(
        "#{} · {} · {} · {} · {}",
        c.id,
        c.property,
        m.severity(&c.severity),
        m.category(&c.category),
        m.channel(&c.channel)
    );
    let state = format!(
        "{}: {} · {}: {}",
        m.t("label.state"),
        m.state(&c.state),
        m.t("label.member"),
        c.card.as_deref().unwrap_or("-")
    );
    let late = if c.overdue { format!(" · {}", m.t("complaints.overdue")) } else { String::new() };
    let due = format!("{}: {}{late}", m.t("label.due"), due_text(&c.due));
    let mut lines = vec![
        Line::styled(fit(&head, w), theme.accent()),
        Line::raw(fit(&state, w)),
        Line::styled(fit(&due, w), if c.overdue { theme.error() } else { Style::new() }),
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
        let text = format!("{}  {}  {}  {}", due_text(&t.at), clean(&t.operator), m.state(&t.state), clean(&t.note));
        lines.push(Line::raw(fit(&text, w)));
    }
    let b = pane(theme, m.t("complaints.detail"), main_focused(m));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(b), area);
}

/// An RFC 3339 instant as `YYYY-MM-DD HH:MM` (UTC, as stored).
fn due_text(at: &str) -> String {
    clean(at.get(..16).unwrap_or(at)).replace('T', " ")
}
