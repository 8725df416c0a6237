//! Summaries tab: the list of views on the left, the chosen view on the right, or a
//! drill-down member list over the whole panel. Loading and failures are states of the
//! model; nothing here reads the store.

mod birthdays;
pub(crate) mod chart;
mod members;
mod money;
mod property;
mod retention;
mod service;
mod tiers;

use super::block;
use super::text::{Col, cells, fit, width};
use super::theme::Theme;
use crate::app::Model;
use crate::app::summaries::{Report, SummaryView};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the Summaries tab.
pub(crate) fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let s = &m.summaries;
    if let Some(list) = &s.list {
        return members::draw(m, theme, f, area, list);
    }
    let nav_w = SummaryView::ALL.iter().map(|v| width(&m.t(v.label()))).max().unwrap_or(10) + 5;
    let [nav, body] = Layout::horizontal([Constraint::Length(nav_w as u16), Constraint::Min(0)]).areas(area);
    draw_nav(m, theme, f, nav);
    let b = block(theme, fit(&title(m), usize::from(body.width.saturating_sub(4))));
    let inner = b.inner(body);
    f.render_widget(b, body);
    let report = s.view.report().and_then(|k| s.report(k));
    match (s.view, report) {
        (SummaryView::Overview, _) => overview(m, f, inner),
        (SummaryView::Tiers, Some(Report::Tiers(r))) => tiers::draw(m, theme, f, inner, r),
        (SummaryView::Retention, Some(Report::Retention(r))) => retention::draw(m, theme, f, inner, r),
        (SummaryView::Cohorts, Some(Report::Retention(r))) => retention::cohorts(m, theme, f, inner, r),
        (SummaryView::Rfm, Some(Report::Rfm(r))) => tiers::rfm(m, theme, f, inner, r.as_ref()),
        (SummaryView::Liability, Some(Report::Liability(r))) => money::draw(m, theme, f, inner, r),
        (SummaryView::Complaints, Some(Report::Complaints(r))) => service::complaints(m, theme, f, inner, r),
        (SummaryView::Satisfaction, Some(Report::Satisfaction(r))) => service::satisfaction(m, theme, f, inner, r),
        (SummaryView::Birthdays, Some(Report::Birthdays(r))) => birthdays::draw(m, theme, f, inner, r),
        (SummaryView::Property, Some(Report::Property(r))) => property::draw(m, theme, f, inner, r),
        _ => waiting(m, theme, f, inner),
    }
}

/// `Tiers · LIS · 2026-11-23` (the overview is always store-wide).
fn title(m: &Model) -> String {
    let s = &m.summaries;
    let property = match (&s.property, s.view) {
        (_, SummaryView::Overview) | (None, _) => m.t("summary.all_properties"),
        (Some(p), _) => p.clone(),
    };
    format!("{} · {} · {}", m.t(s.view.label()), property, m.texts.date(m.today))
}

fn draw_nav(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let w = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = SummaryView::ALL
        .iter()
        .map(|v| {
            let here = *v == m.summaries.view;
            let marker = if here { "> " } else { "  " };
            let style = if here { theme.selected() } else { Style::new() };
            Line::styled(super::text::pad(&format!("{marker}{}", m.t(v.label())), w), style)
        })
        .collect();
    f.render_widget(Paragraph::new(lines).block(block(theme, m.t("summary.views"))), area);
}

/// Loading, or why the report could not be loaded.
fn waiting(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let s = &m.summaries;
    let lines = match (&s.error, s.loading) {
        (Some(e), None) => vec![
            Line::styled(super::text::clean(e), theme.error()),
            Line::raw(""),
            Line::styled(m.t("summary.retry"), theme.dim()),
        ],
        _ => vec![Line::styled(m.t("summary.loading"), theme.dim())],
    };
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// A dimmed note that wraps at word boundaries.
pub(crate) fn note(theme: &Theme, f: &mut Frame, area: Rect, text: &str) {
    f.render_widget(Paragraph::new(Line::styled(text.to_string(), theme.dim())).wrap(Wrap { trim: true }), area);
}

/// The part of `area` from `rows` down.
pub(crate) fn below(area: Rect, rows: u16) -> Rect {
    let rows = rows.min(area.height);
    Rect { y: area.y + rows, height: area.height - rows, ..area }
}

/// Store-wide totals.
fn overview(m: &Model, f: &mut Frame, area: Rect) {
    let o = &m.summary;
    let rows = [
        ("summary.members", o.members as i64),
        ("summary.stays", o.stays as i64),
        ("summary.nights", o.nights as i64),
        ("summary.points_outstanding", o.points_outstanding),
        ("summary.complaints_open", o.complaints_open as i64),
    ];
    let cols = [Col::left(22), Col::right(14)];
    let mut lines: Vec<Line> =
        rows.iter().map(|(k, v)| Line::raw(cells(&cols, &[m.t(k), m.texts.number(*v)]))).collect();
    lines.push(Line::raw(""));
    lines.push(Line::raw(m.t("summary.overview_hint")));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
