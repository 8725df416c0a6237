//! The first-run screen of an empty store.

use super::block;
use super::theme::Theme;
use crate::app::Model;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the welcome screen.
pub(crate) fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let Some(w) = m.welcome else { return };
    let mut lines = vec![Line::raw(m.t("welcome.intro")), Line::raw("")];
    for (i, key) in ["welcome.demo", "welcome.import", "welcome.empty"].iter().enumerate() {
        let style = if i == w.selected { theme.selected() } else { Style::new() };
        lines.push(Line::styled(format!("  {}  ", m.t(key)), style));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(m.t("welcome.import_hint"), theme.dim()));
    if w.building {
        lines.push(Line::raw(""));
        lines.push(Line::styled(m.t("welcome.building"), theme.warn()));
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block(theme, m.t("welcome.title"))), area);
}
