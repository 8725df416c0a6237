//! The setup, sign-in and lock screens: a centred box with the fields; PINs as dots.

use super::block;
use super::text;
use super::theme::Theme;
use crate::app::Model;
use crate::app::session::Session;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Widest the box gets.
const BOX_WIDTH: u16 = 64;

/// Draws the screen for the session state over `area` (nothing when open).
pub(crate) fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let Some(form) = m.session.form() else { return };
    let (title, intro, keys) = match m.session {
        Session::Setup(_) => ("session.setup_title", "session.setup_intro", "session.setup_keys"),
        Session::Locked(_) => ("session.locked_title", "session.locked_intro", "session.login_keys"),
        _ => ("session.login_title", "session.login_intro", "session.login_keys"),
    };
    let fields = m.session.fields();
    let label_w = fields.iter().map(|f| text::width(&m.t(f.label()))).max().unwrap_or(0) + 2;
    let mut lines = vec![Line::raw(m.t(intro)), Line::raw("")];
    let mut cursor_row = None;
    for (i, field) in fields.iter().enumerate() {
        let input = form.input(*field);
        let shown =
            if field.secret() { "•".repeat(input.value().chars().count()) } else { text::clean(input.value()) };
        let focused = i == form.focus;
        let label = text::pad(&m.t(field.label()), label_w);
        let style = if focused { theme.selected() } else { Style::new() };
        if focused {
            cursor_row = Some((lines.len(), label_w + text::width(&shown_prefix(&shown, input.cursor()))));
        }
        lines.push(Line::from(vec![Span::styled(label, theme.accent()), Span::styled(format!("{shown} "), style)]));
    }
    lines.push(Line::raw(""));
    if form.waiting {
        lines.push(Line::styled(m.t("session.checking"), theme.warn()));
    } else if let Some(e) = &form.error {
        lines.push(Line::styled(text::clean(e), theme.error()));
    } else {
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(m.t(keys), theme.dim()));
    let width = BOX_WIDTH.min(area.width);
    let inner = usize::from(width.saturating_sub(2));
    let rows: usize = lines.iter().map(|l| rows_of(l, inner)).sum();
    let height = u16::try_from(rows + 2).unwrap_or(area.height).min(area.height);
    let r = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width,
        height,
    };
    super::popup::clear(f, r);
    f.render_widget(Paragraph::new(lines.clone()).wrap(Wrap { trim: false }).block(block(theme, m.t(title))), r);
    if let Some((line, col)) = cursor_row.filter(|_| !form.waiting) {
        let above: usize = lines[..line].iter().map(|l| rows_of(l, inner)).sum();
        let y = r.y + 1 + u16::try_from(above).unwrap_or(0);
        let x = r.x + 1 + u16::try_from(col).unwrap_or(0);
        if y < r.y + r.height && x < r.x + r.width {
            f.set_cursor_position(Position { x, y });
        }
    }
}

/// The shown text up to the cursor (the cursor counts characters, dots are one each).
fn shown_prefix(shown: &str, cursor: usize) -> String {
    shown.chars().take(cursor).collect()
}

/// Rows a line takes word-wrapped into `cols` columns.
fn rows_of(line: &Line, cols: usize) -> usize {
    super::popup::wrapped_rows(&super::popup::line_text(line), cols)
}
