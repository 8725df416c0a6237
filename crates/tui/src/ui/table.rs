//! Lists as ratatui `Table`s: column widths from the display width of what they hold
//! (a Chinese date or name counts two columns a character), the room a wide terminal
//! has going to the columns that can use it, the highlight kept in view by `TableState`.

use super::text::{clean, fit, width};
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};

/// A column: its header and how it may be sized.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    /// Header text.
    pub header: String,
    /// Fewest columns it gets while it is shown.
    pub min: usize,
    /// Most columns it takes (`usize::MAX`: as many as its content wants).
    pub max: usize,
    /// Aligned right (numbers).
    pub right: bool,
    /// Takes the room left over on a wide terminal (names, descriptions).
    pub grow: bool,
    /// Left out, rightmost first, when the terminal is too narrow for every column.
    pub optional: bool,
}

impl Column {
    /// A left-aligned column sized by its content.
    pub(crate) fn new(header: impl Into<String>) -> Column {
        Column { header: header.into(), min: 1, max: usize::MAX, right: false, grow: false, optional: false }
    }

    /// Aligned right.
    pub(crate) fn right(mut self) -> Column {
        self.right = true;
        self
    }

    /// Takes the room left over; may shrink to `min`.
    pub(crate) fn grow(mut self, min: usize) -> Column {
        self.grow = true;
        self.min = min;
        self
    }

    /// At most `max` columns wide.
    pub(crate) fn max(mut self, max: usize) -> Column {
        self.max = max;
        self
    }

    /// May be left out on a narrow terminal.
    pub(crate) fn optional(mut self) -> Column {
        self.optional = true;
        self
    }
}

/// Widths for `cols` holding `rows` in `total` columns (one space between columns); `0`
/// for a column left out. Columns get what their content needs (up to their maximum);
/// growing columns share what is left, or give way first when it is not enough, then
/// optional columns go from the right.
pub(crate) fn widths(cols: &[Column], rows: &[Vec<String>], total: usize) -> Vec<usize> {
    let mut want: Vec<usize> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let content = rows.iter().filter_map(|r| r.get(i)).map(|s| width(s)).max().unwrap_or(0);
            content.max(width(&c.header)).clamp(c.min.min(c.max), c.max)
        })
        .collect();
    let used = |w: &[usize]| -> usize {
        let shown = w.iter().filter(|x| **x > 0).count();
        w.iter().sum::<usize>() + shown.saturating_sub(1)
    };
    if used(&want) > total {
        for (i, c) in cols.iter().enumerate().filter(|(_, c)| c.grow) {
            let over = used(&want).saturating_sub(total);
            want[i] = want[i].saturating_sub(over).max(c.min);
        }
    }
    for (i, _) in cols.iter().enumerate().rev().filter(|(_, c)| c.optional) {
        if used(&want) <= total {
            break;
        }
        want[i] = 0;
    }
    // The growing columns take the room, first come first, each up to its maximum: a
    // name or a description, read whole.
    let mut spare = total.saturating_sub(used(&want));
    for (i, c) in cols.iter().enumerate() {
        if !c.grow || want[i] == 0 {
            continue;
        }
        let more = spare.min(c.max.saturating_sub(want[i]));
        want[i] += more;
        spare -= more;
    }
    want
}

/// A list drawn as a table.
pub(crate) struct List<'a> {
    /// Its columns.
    pub cols: Vec<Column>,
    /// Cell texts, row by row (cleaned here).
    pub rows: Vec<Vec<String>>,
    /// Style of each row when not highlighted.
    pub styles: Vec<Style>,
    /// The highlighted row, if the list has one.
    pub selected: Option<usize>,
    /// Whether the list has the focus (its highlight is reversed; else bold).
    pub focused: bool,
    /// Shown in place of rows when there are none.
    pub empty: Option<String>,
    /// The frame around it.
    pub block: Block<'a>,
}

impl<'a> List<'a> {
    /// A list of `rows` in `cols`, plain, without a frame.
    pub(crate) fn new(cols: Vec<Column>, rows: Vec<Vec<String>>) -> List<'a> {
        List { cols, rows, styles: Vec::new(), selected: None, focused: false, empty: None, block: Block::default() }
    }

    /// Each row's style when not highlighted.
    pub(crate) fn styles(mut self, styles: Vec<Style>) -> List<'a> {
        self.styles = styles;
        self
    }

    /// Row `i` highlighted.
    pub(crate) fn selected(mut self, i: usize) -> List<'a> {
        self.selected = Some(i);
        self
    }

    /// What shows instead of rows when there are none.
    pub(crate) fn empty(mut self, text: String) -> List<'a> {
        self.empty = Some(text);
        self
    }

    /// In a pane titled `title`, drawn as having the focus when `focused`.
    pub(crate) fn pane(mut self, theme: &Theme, title: String, focused: bool) -> List<'a> {
        self.focused = focused;
        self.block = super::pane(theme, title, focused);
        self
    }

    /// Drawn as having the focus (the highlight reversed) without a frame of its own.
    pub(crate) fn focused(mut self, focused: bool) -> List<'a> {
        self.focused = focused;
        self
    }

    /// Draws the list into `area`.
    pub(crate) fn draw(self, theme: &Theme, f: &mut Frame, area: Rect) {
        let inner = self.block.inner(area);
        let total = usize::from(inner.width);
        let w = widths(&self.cols, &self.rows, total);
        let shown: Vec<usize> = (0..self.cols.len()).filter(|i| w[*i] > 0).collect();
        let cell = |text: &str, i: usize| {
            let t = fit(&clean(text), w[i]);
            let line = Line::from(t);
            Cell::from(if self.cols[i].right { line.alignment(Alignment::Right) } else { line })
        };
        let header = Row::new(shown.iter().map(|i| cell(&self.cols[*i].header, *i))).style(theme.dim());
        let body: Vec<Row> = self
            .rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                let cells = shown.iter().map(|i| cell(row.get(*i).map_or("", String::as_str), *i));
                Row::new(cells).style(self.styles.get(r).copied().unwrap_or_default())
            })
            .collect();
        let empty = body.is_empty().then_some(self.empty).flatten();
        let constraints: Vec<Constraint> = shown.iter().map(|i| Constraint::Length(w[*i] as u16)).collect();
        let highlight = if self.focused { theme.selected() } else { theme.marked() };
        let table = Table::new(body, constraints)
            .header(header)
            .column_spacing(1)
            .block(self.block)
            .row_highlight_style(highlight);
        let mut state = TableState::default().with_selected(self.selected.filter(|_| !self.rows.is_empty()));
        f.render_stateful_widget(table, area, &mut state);
        if let Some(e) = empty {
            // Below the header, across the whole width: what there is instead of rows.
            let below = Rect { y: inner.y + 1, height: inner.height.saturating_sub(1), ..inner };
            f.render_widget(Paragraph::new(Line::styled(e, theme.dim())).wrap(Wrap { trim: false }), below);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn chinese_dates_get_their_whole_width() {
        let cols = vec![Column::new("Date"), Column::new("Name").grow(6)];
        let rows = vec![row(&["2026年12月02日", "王小明"])];
        assert_eq!(widths(&cols, &rows, 80), vec![14, 65]);
    }

    #[test]
    fn a_narrow_terminal_shrinks_the_name_then_drops_optional_columns() {
        let cols = vec![
            Column::new("Card"),
            Column::new("Name").grow(8),
            Column::new("Channel").optional(),
            Column::new("Pts").right(),
        ];
        let rows = vec![row(&["620000000377", "Aurélie Fontaine-Delacroix", "corporate", "12,345"])];
        assert_eq!(widths(&cols, &rows, 60), vec![12, 30, 9, 6]);
        assert_eq!(widths(&cols, &rows, 40), vec![12, 10, 9, 6]);
        assert_eq!(widths(&cols, &rows, 30), vec![12, 10, 0, 6]);
    }

    #[test]
    fn a_wide_terminal_gives_the_room_to_the_growing_column_only() {
        let cols = vec![Column::new("Name").grow(8), Column::new("Last stay")];
        let rows = vec![row(&["Ana", "2026-11-20"])];
        assert_eq!(widths(&cols, &rows, 100), vec![89, 10]);
    }
}
