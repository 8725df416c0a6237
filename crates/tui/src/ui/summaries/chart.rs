//! Small charts of the Summaries views: labelled horizontal bars (ratatui's `BarChart`),
//! a month sparkline, and the shade of a share. Each reads without colour: bars and
//! shades are characters, and figures are printed beside them.

use super::super::text::{Col, cells, fit};
use super::super::theme::Theme;
use crate::app::Model;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::bar;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Paragraph, Sparkline};

/// Bars in plain ASCII (with the ASCII-border option).
const ASCII_BARS: bar::Set<'static> = bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "=",
    five_eighths: "=",
    half: "-",
    three_eighths: "-",
    one_quarter: ".",
    one_eighth: ".",
    empty: " ",
};

/// Longest bar: wider reads no better and pushes the eye away from the figures.
const MAX_BAR: u16 = 48;

/// The bar characters of the theme.
pub(crate) fn bars(theme: &Theme) -> bar::Set<'static> {
    if theme.ascii { ASCII_BARS } else { bar::NINE_LEVELS }
}

/// One row of a bar table: its cells (laid out by the table's columns) and the bar value.
pub(crate) struct BarRow {
    /// Text cells: label, figures.
    pub cells: Vec<String>,
    /// Length of the bar.
    pub value: u64,
}

/// A table whose rows end in a horizontal bar, all bars on one scale.
pub(crate) struct BarTable {
    /// Columns of the text cells.
    pub cols: Vec<Col>,
    /// Header labels, drawn dimmed.
    pub header: Vec<String>,
    pub rows: Vec<BarRow>,
    /// The highlighted row, drawn reversed.
    pub selected: Option<usize>,
    /// Scale of the bars (default: the largest value).
    pub max: Option<u64>,
}

impl BarTable {
    /// Draws the table at the top of `area`; returns the rows used.
    pub(crate) fn draw(&self, theme: &Theme, f: &mut Frame, area: Rect) -> u16 {
        let text_w = self.cols.iter().map(|c| c.width + 1).sum::<usize>() + 1;
        let w = usize::from(area.width);
        let mut lines = vec![Line::styled(fit(&cells(&self.cols, &self.header), w), theme.dim())];
        for (i, r) in self.rows.iter().enumerate() {
            let style = if self.selected == Some(i) { theme.selected() } else { Style::new() };
            lines.push(Line::styled(fit(&cells(&self.cols, &r.cells), w), style));
        }
        let used = (lines.len() as u16).min(area.height);
        f.render_widget(Paragraph::new(lines), Rect { height: used, ..area });
        let bar_x = area.x + text_w as u16;
        if bar_x + 2 < area.right() && used > 1 {
            let chart = Rect { x: bar_x, y: area.y + 1, width: (area.right() - bar_x).min(MAX_BAR), height: used - 1 };
            let data: Vec<Bar> = self.rows.iter().map(|r| Bar::new(r.value).text_value(String::new())).collect();
            let top = self.max.unwrap_or_else(|| self.rows.iter().map(|r| r.value).max().unwrap_or(0)).max(1);
            let widget =
                BarChart::horizontal(data).bar_width(1).bar_gap(0).max(top).bar_set(bars(theme)).bar_style(theme.bar());
            f.render_widget(widget, chart);
        }
        used
    }
}

/// A series of months as a sparkline `height` rows high, each month `cols` wide (1–4,
/// to fill the width), with the first and last month written under it. Returns the rows used.
pub(crate) fn months(
    m: &Model,
    theme: &Theme,
    f: &mut Frame,
    area: Rect,
    series: &[(String, u64)],
    height: u16,
) -> u16 {
    if series.is_empty() || area.height < height + 1 {
        return 0;
    }
    let n = series.len();
    let each = (usize::from(area.width) / n).clamp(1, 4);
    let data: Vec<u64> = series.iter().flat_map(|(_, v)| std::iter::repeat_n(*v, each)).collect();
    let top = series.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let width = (n * each).min(usize::from(area.width)) as u16;
    let spark = Sparkline::default().data(data).max(top).bar_set(bars(theme)).style(theme.bar());
    f.render_widget(spark, Rect { width, height, ..area });
    let first = series.first().map_or("", |(k, _)| k.as_str());
    let last = series.last().map_or("", |(k, _)| k.as_str());
    let gap = usize::from(width).saturating_sub(first.len() + last.len()).max(1);
    let axis = if usize::from(width) > first.len() + last.len() {
        format!("{first}{}{last}", " ".repeat(gap))
    } else {
        m.texts.fill("summary.months_to", &[("from", first.into()), ("to", last.into())])
    };
    let axis_area = Rect { y: area.y + height, height: 1, ..area };
    f.render_widget(Paragraph::new(Line::styled(fit(&axis, usize::from(area.width)), theme.dim())), axis_area);
    height + 1
}

/// The shade character of a share (0.0–1.0): five steps, in ASCII with that option.
pub(crate) fn shade(theme: &Theme, share: f64) -> &'static str {
    let (steps, ascii) = (["█", "▓", "▒", "░", " "], ["@", "#", "+", ".", " "]);
    let i = if share >= 0.75 {
        0
    } else if share >= 0.5 {
        1
    } else if share >= 0.25 {
        2
    } else if share >= 0.05 {
        3
    } else {
        4
    };
    if theme.ascii { ascii[i] } else { steps[i] }
}

/// A share as a percentage with one decimal (`62.7 %`), or `–` without a denominator.
pub(crate) fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "–".to_string(), |s| format!("{:.1} %", s * 100.0))
}

/// `part` of `whole` as a share.
pub(crate) fn share_of(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}
