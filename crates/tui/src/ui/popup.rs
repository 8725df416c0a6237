//! Overlays: forms, confirmations, questions, help generated from the keymap, the
//! message log.

use super::block;
use super::text::{clean, fit, pad, skip_cols, width, wrap};
use super::theme::Theme;
use crate::app::action::{Action, Scope};
use crate::app::form::{FieldKind, Form};
use crate::app::{Confirm, FormKind, Model, Popup};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// Draws every open overlay, bottom first.
pub(crate) fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let top = m.popups.len().saturating_sub(1);
    for (i, p) in m.popups.iter().enumerate() {
        match p {
            Popup::Help => super::help::draw(m, theme, f, area),
            Popup::Messages => super::help::messages(m, theme, f, area),
            Popup::Form(form) => draw_form(m, theme, f, area, form, i == top),
            Popup::Confirm(c) => confirm(m, theme, f, area, c),
            Popup::QuitConfirm => question(m, theme, f, area, "quit.title", "quit.unsaved"),
            Popup::DiscardConfirm => question(m, theme, f, area, "discard.title", "discard.text"),
        }
    }
}

/// `y save · n back`: the keys that answer a question, from the keymap.
fn answer_line(m: &Model, yes: Action, yes_label: &str) -> String {
    let key = |a| m.keymap.key_in(Scope::Confirm, a).unwrap_or_default();
    format!("{} {}    {} {}", key(yes), m.t(yes_label), key(Action::No), m.t("confirm.no"))
}

fn question(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, title: &str, text: &str) {
    let lines = vec![
        Line::raw(m.t(text)),
        Line::raw(""),
        Line::styled(answer_line(m, Action::Yes, "confirm.yes"), theme.accent()),
    ];
    dialog(theme, f, area, &m.t(title), lines, 60);
}

fn confirm(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, c: &Confirm) {
    let mut lines: Vec<Line> = c.lines.iter().map(|l| Line::raw(clean(l))).collect();
    if let Some(n) = &c.notice {
        lines.push(Line::raw(""));
        lines.push(Line::styled(clean(n), theme.warn()));
    }
    lines.push(Line::raw(""));
    let answer = if c.overriding.is_some() {
        answer_line(m, Action::Override, "confirm.override")
    } else {
        answer_line(m, Action::Yes, "confirm.yes")
    };
    lines.push(Line::styled(answer, theme.accent()));
    dialog(theme, f, area, &clean(&c.title), lines, 68);
}

pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// Clears `r` for an overlay. A wide character of the screen beneath that the overlay's
/// edge cuts in half is blanked, so that it cannot push the border out of place.
pub(super) fn clear(f: &mut Frame, r: Rect) {
    f.render_widget(Clear, r);
    let buf = f.buffer_mut();
    let area = buf.area;
    for y in r.y..r.y + r.height {
        if r.x > area.x
            && let Some(cell) = buf.cell_mut(Position { x: r.x - 1, y })
            && width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
        let right = r.x + r.width;
        if right < area.x + area.width
            && let Some(cell) = buf.cell_mut(Position { x: right, y })
            && cell.symbol().is_empty()
        {
            cell.set_symbol(" ");
        }
    }
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

pub(super) fn dialog(theme: &Theme, f: &mut Frame, area: Rect, title: &str, lines: Vec<Line>, w: u16) {
    let inner = usize::from(w.min(area.width).saturating_sub(2));
    let rows: usize = lines.iter().map(|l| wrapped_rows(&line_text(l), inner)).sum();
    let h = u16::try_from(rows + 2).unwrap_or(u16::MAX);
    let r = centered(area, w, h);
    clear(f, r);
    let title = fit(title, inner);
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block(theme, title)), r);
}

pub(super) fn line_text(l: &Line) -> String {
    l.spans.iter().map(|s| s.content.as_ref()).collect()
}

fn draw_form(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, form: &Form<FormKind>, on_top: bool) {
    let label_w = form.fields.iter().map(|x| width(&m.t(x.id.label()))).max().unwrap_or(10) + 2;
    let w: u16 = 72.min(area.width);
    let value_w = usize::from(w).saturating_sub(label_w + 3);
    let mut lines = Vec::new();
    let mut caret = None;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let marker = if field.required { "*" } else { " " };
        let value = match &field.kind {
            FieldKind::Choice(..) => format!("‹ {} ›", clean(field.shown())),
            _ if focused => {
                // The caret stays in view: a long value scrolls, showing what is typed.
                let room = value_w.saturating_sub(1);
                let scroll = field.input.visual_scroll(room);
                caret = Some((lines.len(), label_w + field.input.visual_cursor() - scroll));
                fit(&skip_cols(&clean(field.input.value()), scroll), room)
            }
            _ => fit(&clean(field.input.value()), value_w),
        };
        let style = if focused { theme.selected() } else { Style::new() };
        lines.push(Line::from(vec![
            Span::styled(pad(&format!("{}{marker}", m.t(field.id.label())), label_w), theme.dim()),
            Span::styled(pad(&value, value_w), style),
        ]));
        // A problem says what to type instead: it gets the lines it needs (up to three).
        for e in field.error.iter().flat_map(|e| wrap(e, value_w, 3)) {
            lines.push(Line::styled(format!("{}{e}", " ".repeat(label_w)), theme.error()));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(fit(&m.t("form.keys"), usize::from(w).saturating_sub(2)), theme.dim()));
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let r = centered(area, w, h);
    clear(f, r);
    let title = match subject(m, form.kind) {
        Some(who) => format!("{} — {who}", m.t(form.title)),
        None => m.t(form.title),
    };
    let title = fit(&title, usize::from(r.width.saturating_sub(2)));
    f.render_widget(Paragraph::new(lines).block(block(theme, title)), r);
    if let Some((row, col)) = caret.filter(|_| on_top) {
        let (x, y) = (r.x + 1 + col as u16, r.y + 1 + row as u16);
        if x < r.x + r.width && y < r.y + r.height {
            f.set_cursor_position(Position { x, y });
        }
    }
}

/// Whom or what a form is about, for its title: the member or the complaint.
fn subject(m: &Model, kind: FormKind) -> Option<String> {
    let member = |id: u64| {
        m.detail.as_ref().filter(|d| d.member.id == id).map(|d| format!("{} {}", d.view.card, clean(&d.view.name)))
    };
    let complaint = |id: u64| {
        crate::app::complaints::target(m)
            .filter(|c| c.id == id)
            .or_else(|| m.complaints.queue.iter().find(|c| c.id == id))
            .map(|c| format!("#{id} · {}", m.state(&c.state)))
    };
    match kind {
        FormKind::Enrol | FormKind::LogComplaint(None) | FormKind::ComplaintFilter | FormKind::ImportFile => None,
        FormKind::EditMember(id)
        | FormKind::PostStay(id)
        | FormKind::Adjust(id)
        | FormKind::LogComplaint(Some(id))
        | FormKind::RecordActivity(id)
        | FormKind::ReverseStay { member: id, .. }
        | FormKind::ReverseActivity { member: id, .. } => member(id),
        FormKind::Transition(id) | FormKind::Goodwill(id) | FormKind::FollowUp(id) => complaint(id),
        FormKind::Reject(id) => Some(format!("#{id}")),
    }
}
