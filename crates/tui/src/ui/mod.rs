//! Drawing: a pure function of the model. Nothing here reads the store or the clock.

mod activities;
mod ascii;
mod complaints;
mod help;
mod members;
mod office;
mod points;
mod popup;
mod rewards;
mod session;
mod shell;
pub(crate) mod summaries;
pub(crate) mod table;
pub mod text;
pub mod theme;
mod welcome;

use crate::app::{Model, Tab};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use theme::Theme;

pub(crate) use crate::app::MIN_SIZE;

/// Draws the whole screen.
pub fn view(m: &Model, theme: &Theme, f: &mut Frame) {
    draw(m, theme, f);
    if theme.ascii {
        ascii::replace_symbols(f.buffer_mut());
    }
}

fn draw(m: &Model, theme: &Theme, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let text = m.texts.fill("notice.too_small", &[("w", area.width.to_string()), ("h", area.height.to_string())]);
        f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).style(theme.warn()), area);
        return;
    }
    let [tabs, body, help, status] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1), Constraint::Length(1)])
            .areas(area);
    shell::tabs(m, theme, f, tabs);
    if m.session != crate::app::session::Session::Open {
        // Nothing of the store shows before somebody signed in.
        session::draw(m, theme, f, body);
    } else if m.welcome.is_some() {
        welcome::draw(m, theme, f, body);
    } else {
        match m.tab {
            Tab::Members => members::draw(m, theme, f, body),
            Tab::Points => points::draw(m, theme, f, body),
            Tab::Rewards => rewards::draw(m, theme, f, body),
            Tab::Complaints => complaints::draw(m, theme, f, body),
            Tab::Summaries => summaries::draw(m, theme, f, body),
            Tab::Office => office::draw(m, theme, f, body),
        }
    }
    shell::help_bar(m, theme, f, help);
    shell::status_bar(m, theme, f, status);
    if m.session == crate::app::session::Session::Open {
        popup::draw(m, theme, f, area);
    }
}

/// A bordered block with a title, in the theme's borders.
pub(crate) fn block<'a>(theme: &Theme, title: String) -> Block<'a> {
    Block::default().borders(Borders::ALL).border_set(theme.border()).title(title).title_style(theme.accent())
}

/// A pane's block: the one with the focus has heavy borders and a marked title, so a
/// clerk sees where keys go; the others are drawn plain and dim.
pub(crate) fn pane<'a>(theme: &Theme, title: String, focused: bool) -> Block<'a> {
    if focused {
        Block::default()
            .borders(Borders::ALL)
            .border_set(theme.focus_border())
            .title(format!("▶ {title}"))
            .title_style(theme.accent())
    } else {
        Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .border_style(theme.dim())
            .title(title)
            .title_style(theme.dim())
    }
}

/// Whether the current tab's main pane has the focus (no overlay, not the search box).
pub(crate) fn main_focused(m: &Model) -> bool {
    m.popups.is_empty() && m.pane() == crate::app::focus::Pane::Main
}
