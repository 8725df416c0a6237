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
                dialog(theme, f, area, &clean(&c.title), lines, 64);
            }
            Popup::QuitConfirm => dialog(
                theme,
                f,
                area,
                &m.t("quit.title"),
                vec![
                    Line::raw(m.t("quit.unsaved")),
                    Line::raw(""),
                    Line::styled(m.t("confirm.yes_no"), theme.accent()),
                ],
                56,
            ),
            Popup::DiscardConfirm => dialog(
                theme,
                f,
                area,
                &m.t("discard.title"),
                vec![
                    Line::raw(m.t("discard.text")),
                    Line::raw(""),
                    Line::styled(m.t("confirm.yes_no"), theme.accent()),
                ],
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

/// Rows `text` takes when word-wrapped into `cols` columns.
pub(super) fn wrapped_rows(text: &str, cols: usize) -> usize {
    let cols = cols.max(1);
    let (mut rows, mut used) = (1, 0);
    for word in text.split(' ') {
        let w = width(word);
        let need = if used == 0 { w } else { used + 1 + w };
        if need <= cols {
            used = need;
        } else {
            rows += 1 + w.saturating_sub(1) / cols;
            used = if w > 0 && w.is_multiple_of(cols) { cols } else { w % cols };
        }
    }
    rows
}

fn dialog(theme: &Theme, f: &mut Frame, area: Rect, title: &str, lines: Vec<Line>, w: u16) {
    let inner = usize::from(w.min(area.width).saturating_sub(2));
    let rows: usize = lines.iter().map(|l| wrapped_rows(&line_text(l), inner)).sum();
    let h = u16::try_from(rows + 2).unwrap_or(u16::MAX);
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
    let mut rows = Vec::new();
    for a in Action::all() {
        let keys = m.keymap.keys_of(a);
        if !keys.is_empty() {
            rows.push((keys.join(" "), m.t(&describe(a))));
        }
    }
    let key_w = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0) + 2;
    // Over the panel only: the tab line, the key line and the status bar stay visible.
    let body = Rect { y: area.y + 1, height: area.height.saturating_sub(3), ..area };
    let room = usize::from(body.height.saturating_sub(2));
    let two = rows.len() > room;
    let box_w = body.width.saturating_sub(4).min(if two { 100 } else { 76 });
    let inner = usize::from(box_w.saturating_sub(2));
    let col_w = if two { inner.saturating_sub(2) / 2 } else { inner };
    let desc_w = col_w.saturating_sub(key_w);
    let entry = |(k, d): &(String, String)| {
        [Span::styled(pad(k, key_w), theme.accent()), Span::raw(pad(&fit(d, desc_w), desc_w))]
    };
    let text: Vec<Line> = if two {
        let (a, b) = rows.split_at(rows.len().div_ceil(2));
        a.iter()
            .zip(b.iter().map(Some).chain(std::iter::repeat(None)))
            .map(|(x, y)| {
                let mut spans = entry(x).to_vec();
                if let Some(y) = y {
                    spans.push(Span::raw("  "));
                    spans.extend(entry(y));
                }
                Line::from(spans)
            })
            .collect()
    } else {
        rows.iter().map(|r| Line::from(entry(r).to_vec())).collect()
    };
    let h = u16::try_from(text.len() + 2).unwrap_or(u16::MAX);
    let r = centered(body, box_w, h);
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(text).block(block(theme, m.t("help.title"))), r);
}

pub(super) fn line_text(l: &Line) -> String {
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
    let title = match subject(m, form.kind) {
        Some(who) => format!("{} — {who}", m.t(form.title)),
        None => m.t(form.title),
    };
    let title = fit(&title, usize::from(r.width.saturating_sub(2)));
    f.render_widget(Paragraph::new(lines).block(block(theme, title)), r);
}

/// Whom or what a form is about, for its title: the member or the complaint.
fn subject(m: &Model, kind: FormKind) -> Option<String> {
    let member = |id: u64| {
        m.detail.as_ref().filter(|d| d.member.id == id).map(|d| format!("{} {}", d.view.card, clean(&d.view.name)))
    };
    let complaint =
        |id: u64| m.complaints.queue.iter().find(|c| c.id == id).map(|c| format!("#{id} · {}", clean(&c.state)));
    match kind {
        FormKind::Enrol | FormKind::LogComplaint(None) | FormKind::ComplaintFilter | FormKind::ImportFile => None,
        FormKind::EditMember(id)
        | FormKind::PostStay(id)
        | FormKind::Adjust(id)
        | FormKind::LogComplaint(Some(id))
        | FormKind::RecordActivity(id) => member(id),
        FormKind::Transition(id) | FormKind::Goodwill(id) | FormKind::FollowUp(id) => complaint(id),
        FormKind::Reject(id) => Some(format!("#{id}")),
    }
}
