//! The help overlay, generated from the keymap: what the focused context offers, then
//! the keys that work everywhere; and the message log.

use super::block;
use super::popup::{centered, clear, wrapped_rows};
use super::text::{clean, fit, pad, width};
use super::theme::Theme;
use crate::app::Model;
use crate::app::action::{Action, Scope};
use crate::app::commands::offers_in;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// One line of help: keys, what they do, and whether they work now.
struct Entry {
    keys: String,
    what: String,
    blocked: bool,
}

/// The entries of the context under the overlay, then the global ones not among them.
fn entries(m: &Model) -> (Vec<Entry>, Vec<Entry>) {
    // The help describes the context it was opened over: look beneath the overlay.
    let focus = m.focus_beneath_help();
    let here: Vec<Entry> = offers_in(m, focus)
        .into_iter()
        .filter(|o| !o.action.scopes().contains(&Scope::Global))
        .map(|o| Entry {
            keys: m.keymap.keys_of(o.action).join(" "),
            what: m.t(&o.action.description()),
            blocked: o.blocked.is_some(),
        })
        .collect();
    let scope = focus.scope();
    let everywhere = Action::all()
        .into_iter()
        .filter(|a| a.scopes().contains(&Scope::Global))
        .filter_map(|a| {
            let keys: Vec<String> = m.keymap.keys_of(a);
            // Beside a text field a printable key is typed: show the one that works there.
            let shown = if matches!(scope, Scope::Search | Scope::Form) {
                m.keymap.key_in(scope, a).into_iter().collect::<Vec<_>>()
            } else {
                keys
            };
            (!shown.is_empty()).then(|| Entry { keys: shown.join(" "), what: m.t(&a.description()), blocked: false })
        })
        .collect();
    (here, everywhere)
}

/// Draws the help overlay over the panel (the tab line, help bar and status bar stay).
pub(crate) fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let (here, everywhere) = entries(m);
    let key_w = here.iter().chain(&everywhere).map(|e| width(&e.keys)).max().unwrap_or(0) + 2;
    let body = Rect { y: area.y + 1, height: area.height.saturating_sub(3), ..area };
    let box_w = if body.width <= 100 { body.width } else { 100 };
    let inner = usize::from(box_w.saturating_sub(2));
    let two = here.len() + everywhere.len() + 2 > usize::from(body.height.saturating_sub(2));
    let col_w = if two { inner.saturating_sub(2) / 2 } else { inner };
    let line = |e: &Entry| -> Vec<Span<'static>> {
        let style = if e.blocked { theme.dim() } else { Style::new() };
        vec![
            Span::styled(pad(&e.keys, key_w), theme.accent()),
            Span::styled(pad(&fit(&e.what, col_w.saturating_sub(key_w)), col_w.saturating_sub(key_w)), style),
        ]
    };
    let heading = |key: &str| vec![Span::styled(pad(&m.t(key), col_w), theme.dim())];
    let mut cells: Vec<Vec<Span>> = vec![heading("help.here")];
    cells.extend(here.iter().map(line));
    cells.push(heading("help.everywhere"));
    cells.extend(everywhere.iter().map(line));
    let text: Vec<Line> = if two {
        let half = cells.len().div_ceil(2);
        let (a, b) = cells.split_at(half);
        a.iter()
            .enumerate()
            .map(|(i, left)| {
                let mut spans = left.clone();
                if let Some(right) = b.get(i) {
                    spans.push(Span::raw("  "));
                    spans.extend(right.clone());
                }
                Line::from(spans)
            })
            .collect()
    } else {
        cells.into_iter().map(Line::from).collect()
    };
    let h = u16::try_from(text.len() + 2).unwrap_or(u16::MAX);
    let r = centered(body, box_w, h);
    clear(f, r);
    f.render_widget(Paragraph::new(text).block(block(theme, m.t("help.title"))), r);
}

/// The message log: newest first, each with its time, wrapped whole.
pub(crate) fn messages(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let body = Rect { y: area.y + 1, height: area.height.saturating_sub(3), ..area };
    // The whole width on a normal terminal: the log covers what is beneath it.
    let box_w = if body.width <= 110 { body.width } else { 110 };
    let inner = usize::from(box_w.saturating_sub(2));
    let room = usize::from(body.height.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    if m.log.is_empty() {
        lines.push(Line::styled(m.t("log.empty"), theme.dim()));
    }
    let mut used = 0;
    for msg in m.log.entries().skip(m.log.cursor.index()) {
        let at =
            chrono::DateTime::from_timestamp_millis(msg.at).map_or(String::new(), |t| t.format("%H:%M:%S").to_string());
        let text = format!("{at}  {}", clean(&msg.text).replace('\n', " · "));
        let rows = wrapped_rows(&text, inner);
        if used + rows > room {
            break;
        }
        used += rows;
        lines.push(Line::styled(text, if msg.error { theme.error() } else { Style::new() }));
    }
    let title = m.texts.fill("log.title", &[("n", m.log.len().to_string())]);
    let r = Rect { x: body.x + (body.width - box_w) / 2, width: box_w, ..body };
    clear(f, r);
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block(theme, title)), r);
}
