//! A drill-down member list over the whole panel: who is behind a figure, and why.

use crate::app::Model;
use crate::app::summaries::{DrillDown, ListRequest};
use crate::ui::block;
use crate::ui::text::{Col, cells, clean, fit, labels, rest};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the open member list.
pub fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, list: &DrillDown) {
    let what = match &list.request {
        ListRequest::Tiers(l) => format!("{} › {}", m.t("views.tiers"), m.t(&format!("movement.{l}"))),
        ListRequest::Segment(s) => format!("{} › {}", m.t("views.rfm"), m.t(&super::tiers::segment_label(*s))),
    };
    let property = m.summaries.property.clone().unwrap_or_else(|| m.t("summary.all_properties"));
    let count =
        list.members.as_ref().map_or(String::new(), |l| format!(" ({})", m.texts.number(l.members.len() as i64)));
    let w = usize::from(area.width.saturating_sub(2));
    let title = fit(&format!("{what} · {property}{count}"), w.saturating_sub(2));
    let b = block(theme, title);
    let inner = b.inner(area);
    f.render_widget(b, area);
    let Some(members) = &list.members else {
        let text = match (&m.summaries.error, m.summaries.loading) {
            (Some(e), None) => Line::styled(clean(e), theme.error()),
            _ => Line::styled(m.t("summary.loading"), theme.dim()),
        };
        f.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
        return;
    };
    // Card, name, tier, property, then the reason gets the rest. Below 110 columns the
    // card and property give way (Enter shows them), so that the reason is never cut.
    let wide = w >= 110;
    let mut head = labels(&m.t("summary.list_header"));
    let mut cols = if wide {
        vec![Col::left(12), Col::left(24), Col::left(9), Col::left(4)]
    } else {
        head = head.into_iter().enumerate().filter(|(i, _)| *i != 0 && *i != 3).map(|(_, h)| h).collect();
        vec![Col::left(20), Col::left(9)]
    };
    cols.push(Col::left(rest(w, &cols)));
    let mut lines = vec![Line::styled(fit(&cells(&cols, &head), w), theme.dim())];
    if members.members.is_empty() {
        lines.push(Line::styled(m.t("summary.no_members"), theme.dim()));
    }
    let room = usize::from(inner.height).saturating_sub(2);
    let first = list.selected.saturating_sub(room.saturating_sub(1));
    for (i, r) in members.members.iter().enumerate().skip(first).take(room) {
        let mut row = vec![clean(&r.name), clean(&r.tier)];
        if wide {
            row = vec![clean(&r.card), clean(&r.name), clean(&r.tier), clean(&r.property)];
        }
        row.push(clean(&r.figure));
        let style = if i == list.selected { theme.selected() } else { Style::new() };
        lines.push(Line::styled(fit(&cells(&cols, &row), w), style));
    }
    f.render_widget(Paragraph::new(lines), inner);
    let hint = Rect { y: inner.bottom().saturating_sub(1), height: 1, ..inner };
    f.render_widget(Paragraph::new(Line::styled(fit(&m.t("summary.list_hint"), w), theme.dim())), hint);
}
