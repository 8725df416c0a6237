//! Overlays: help generated from the keymap, forms, confirmations.

use super::block;
use super::text::{clean, fit, pad, width};
use super::theme::Theme;
use crate::app::action::Action;
use crate::app::input::{FieldKind, Form};
use crate::app::{FormKind, Model, Popup};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// Draws every open overlay, bottom first.
pub fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    for p in &m.popups {
        match p {
            Popup::Help => help(m, theme, f, area),
            Popup::Form(form) => draw_form(m, theme, f, area, form),
            Popup::Confirm(c) => {
                let mut lines: Vec<Line> = c.lines.iter().map(|l| Line::raw(clean(l))).collect();
                lines.push(Line::raw(""));
                lines.push(Line::styled(m.t("confirm.yes_no"), theme.accent()));
                dialog(theme, f, area, &c.title, lines, 64);
            }
            Popup::QuitConfirm => dialog(
                theme,
                f,
                area,
                &m.t("quit.title"),
                vec![Line::raw(m.t("quit.unsaved")), Line::styled(m.t("confirm.yes_no"), theme.accent())],
                56,
            ),
            Popup::DiscardConfirm => dialog(
                theme,
                f,
                area,
                &m.t("discard.title"),
                vec![Line::raw(m.t("discard.text")), Line::styled(m.t("confirm.yes_no"), theme.accent())],
                56,
            ),
        }
    }
}

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

fn dialog(theme: &Theme, f: &mut Frame, area: Rect, title: &str, lines: Vec<Line>, w: u16) {
    let h = lines.len() as u16 + 2;
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block(theme, title.to_string())), r);
}

/// One description key per action, as the help overlay lists them.
fn describe(a: Action) -> String {
    match a {
        Action::Tab(n) => format!("action.tab_{n}"),
        other => format!("action.{}", other.name()),
    }
}

fn help(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let r = centered(area, 76, area.height.saturating_sub(2));
    let mut lines = Vec::new();
    for a in Action::all() {
        let keys = m.keymap.keys_of(a);
        if keys.is_empty() {
            continue;
        }
        lines.push(Line::from(vec![
            Span::styled(pad(&keys.join(" "), 16), theme.accent()),
            Span::raw(m.t(&describe(a))),
        ]));
    }
    let cols = usize::from(r.height.saturating_sub(2));
    // Two columns when the list is longer than the box.
    let text: Vec<Line> = if lines.len() > cols {
        let (a, b) = lines.split_at(lines.len().div_ceil(2));
        a.iter()
            .zip(b.iter().map(Some).chain(std::iter::repeat(None)))
            .map(|(x, y)| {
                let left = fit(&line_text(x), 37);
                let right = y.map(|l| fit(&line_text(l), 37)).unwrap_or_default();
                Line::raw(format!("{}{}", pad(&left, 38), right))
            })
            .collect()
    } else {
        lines
    };
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(text).block(block(theme, m.t("help.title"))), r);
}

fn line_text(l: &Line) -> String {
    l.spans.iter().map(|s| s.content.as_ref()).collect()
}

fn draw_form(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, form: &Form<FormKind>) {
    let label_w = form.fields.iter().map(|x| width(&m.t(x.label))).max().unwrap_or(10) + 2;
    let w: u16 = 70;
    let value_w = usize::from(w).saturating_sub(label_w + 4);
    let mut lines = Vec::new();
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let marker = if field.required { "*" } else { " " };
        let mut value = clean(&field.input.value);
        if let FieldKind::Choice(_) = field.kind {
            value = format!("‹ {value} ›");
        } else if focused {
            value.push('▏');
        }
        let style = if focused { theme.selected() } else { Style::new() };
        lines.push(Line::from(vec![
            Span::styled(pad(&format!("{}{marker}", m.t(field.label)), label_w), theme.dim()),
            Span::styled(pad(&value, value_w), style),
        ]));
        if let Some(e) = &field.error {
            lines.push(Line::styled(format!("{}{}", " ".repeat(label_w), fit(e, value_w)), theme.error()));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(m.t("form.keys"), theme.dim()));
    let h = lines.len() as u16 + 2;
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).block(block(theme, m.t(form.title))), r);
}
