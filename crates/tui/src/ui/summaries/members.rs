//! A drill-down member list over the whole panel: who is behind a figure, and why.

use crate::app::Model;
use crate::app::summaries::{DrillDown, ListRequest};
use crate::ui::block;
use crate::ui::table::{Column, List};
use crate::ui::text::{clean, fit, labels};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the open member list.
pub(crate) fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, list: &DrillDown) {
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
    let head = labels(&m.t("summary.list_header"));
    let col = |i: usize| Column::new(head.get(i).cloned().unwrap_or_default());
    // The reason is the point of the list: it is never cut before the card and property go.
    let cols = vec![col(0).optional(), col(1).max(28), col(2), col(3).optional(), col(4).grow(16)];
    let rows = members
        .members
        .iter()
        .map(|r| vec![clean(&r.card), clean(&r.name), m.tier(&r.tier), clean(&r.property), m.why(&r.why)])
        .collect();
    let list_area = Rect { height: inner.height.saturating_sub(1), ..inner };
    List::new(cols, rows)
        .selected(list.cursor.index())
        .empty(m.t("summary.no_members"))
        .focused(m.popups.is_empty())
        .draw(theme, f, list_area);
    let hint = Rect { y: inner.bottom().saturating_sub(1), height: 1, ..inner };
    f.render_widget(Paragraph::new(Line::styled(fit(&m.t("summary.list_hint"), w), theme.dim())), hint);
}
