//! Retention (recency buckets as bars, repeat stays, monthly stays as a sparkline) and the
//! cohort matrix as a shaded grid of percentages.

use super::chart::{BarRow, BarTable, months, percent, shade, share_of};
use super::{below, note};
use crate::app::Model;
use crate::ui::text::{Col, cells, fit, labels, pad_left, width};
use crate::ui::theme::Theme;
use frontdesk_core::domain::analytics::{CohortMatrix, RetentionReport};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the Retention view.
pub(crate) fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, r: &RetentionReport) {
    let w = usize::from(area.width);
    let n = |v: u64| m.texts.number(v as i64);
    let intro = m.texts.fill("summary.retention_intro", &[("n", n(r.members))]);
    f.render_widget(Paragraph::new(Line::styled(fit(&intro, w), theme.dim())), area);
    let (a, l) = (r.active_months.to_string(), r.lapsed_months.to_string());
    let buckets = [
        (m.texts.fill("summary.active", &[("a", a.clone())]), r.active),
        (m.texts.fill("summary.at_risk", &[("a", a), ("l", l.clone())]), r.at_risk),
        (m.texts.fill("summary.lapsed", &[("l", l)]), r.lapsed),
        (m.t("summary.never_stayed"), r.never_stayed),
    ];
    let label_w = buckets.iter().map(|(b, _)| width(b)).max().unwrap_or(12);
    let table = BarTable {
        cols: vec![Col::left(label_w), Col::right(8), Col::right(7)],
        header: labels(&m.t("summary.retention_header")),
        rows: buckets
            .into_iter()
            .map(|(label, v)| BarRow { cells: vec![label, n(v), percent(share_of(v, r.members))], value: v })
            .collect(),
        selected: None,
        max: Some(r.members),
    };
    let mut y = 2 + table.draw(theme, f, below(area, 2)) + 1;
    let repeat = m.texts.fill("summary.repeat_rate", &[("rate", percent(r.repeat_stay_rate))]);
    f.render_widget(Paragraph::new(Line::raw(fit(&repeat, w))), below(area, y));
    y += 2;
    // Members by completed stays, one column per bucket.
    let cols: Vec<Col> = std::iter::once(Col::left(width(&m.t("summary.by_stays")).max(8)))
        .chain(r.stays.iter().map(|_| Col::right(6)))
        .collect();
    let head: Vec<String> =
        std::iter::once(m.t("summary.stays_label")).chain(r.stays.iter().map(|b| b.stays.clone())).collect();
    let row: Vec<String> =
        std::iter::once(m.t("summary.by_stays")).chain(r.stays.iter().map(|b| n(b.members))).collect();
    let lines = vec![Line::styled(fit(&cells(&cols, &head), w), theme.dim()), Line::raw(fit(&cells(&cols, &row), w))];
    f.render_widget(Paragraph::new(lines), below(area, y));
    y += 3;
    let rest = below(area, y);
    match &r.cohorts {
        Some(c) => {
            let top = c.monthly_stays.iter().map(|s| s.stays).max().unwrap_or(0);
            let title =
                m.texts.fill("summary.monthly_stays", &[("date", m.texts.date(c.snapshot.as_of)), ("max", n(top))]);
            f.render_widget(Paragraph::new(Line::styled(fit(&title, w), theme.dim())), rest);
            let series: Vec<(String, u64)> = c.monthly_stays.iter().map(|s| (s.month.clone(), s.stays)).collect();
            let height = rest.height.saturating_sub(2).clamp(1, 4);
            months(m, theme, f, below(rest, 1), &series, height);
        }
        None => note(theme, f, rest, &m.t("summary.monthly_not_computed")),
    }
}

/// Draws the Cohorts view: one row per first-stay month, one column per month after it.
pub(crate) fn cohorts(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, r: &RetentionReport) {
    let Some(c) = &r.cohorts else {
        let lines = vec![
            Line::styled(m.t("summary.not_computed"), theme.warn()),
            Line::raw(""),
            Line::styled(m.t("summary.cohorts_about"), theme.dim()),
        ];
        f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
        return;
    };
    grid(m, theme, f, area, c);
}

/// Width of one cell of the grid: a space, the shade and a percentage up to `100`.
const CELL: usize = 5;

fn grid(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, c: &CohortMatrix) {
    let w = usize::from(area.width);
    let head = labels(&m.t("summary.cohorts_header"));
    let first = [Col::left(7), Col::right(7)];
    let fit_months = w.saturating_sub(16) / CELL;
    let span = c.rows.iter().map(|r| r.returning.len()).max().unwrap_or(0).min(fit_months);
    let mut header = cells(&first, &head);
    for k in 0..span {
        header.push_str(&pad_left(&format!("+{k}"), CELL));
    }
    let intro = m.texts.fill("summary.cohorts_intro", &[("date", m.texts.date(c.snapshot.as_of))]);
    note(theme, f, area, &intro);
    let area = below(area, 2);
    let mut lines = vec![Line::styled(fit(&header, w), theme.dim())];
    // The newest cohorts matter most: keep them when rows run out.
    let room = usize::from(area.height).saturating_sub(3);
    let skip = c.rows.len().saturating_sub(room);
    for row in c.rows.iter().skip(skip) {
        let mut spans = vec![Span::raw(cells(&first, &[row.cohort.clone(), m.texts.number(row.members as i64)]))];
        for share in row.returning.iter().take(span) {
            let pct = format!("{:.0}", share * 100.0);
            spans.push(Span::raw(" "));
            spans.push(Span::styled(shade(theme, *share), theme.bar()));
            spans.push(Span::raw(pad_left(&pct, CELL - 2)));
        }
        lines.push(Line::from(spans));
    }
    let legend = m.texts.fill(
        "summary.cohorts_legend",
        &[
            ("a", shade(theme, 1.0).into()),
            ("b", shade(theme, 0.5).into()),
            ("c", shade(theme, 0.25).into()),
            ("d", shade(theme, 0.05).into()),
        ],
    );
    lines.push(Line::raw(""));
    lines.push(Line::styled(legend, Style::new()));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
