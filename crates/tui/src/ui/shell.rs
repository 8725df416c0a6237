//! Tabs, the help bar (what the focused context offers, with the keys that work there),
//! and the status bar.

use super::text;
use super::theme::Theme;
use crate::app::action::Action;
use crate::app::commands::{Offer, offers};
use crate::app::{Model, StoreState, Tab};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The tab line: `1 Members  2 Stays & Points …` with the active one highlighted.
pub(crate) fn tabs(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let labels: Vec<String> =
        Tab::ALL.iter().enumerate().map(|(i, t)| format!(" {} {} ", i + 1, m.t(tab_label(m, *t)))).collect();
    let brand = " frontdesk ";
    // The name gives way first when the tabs need the room (80 columns in English).
    let room = usize::from(area.width);
    let mut spans = Vec::new();
    if labels.iter().map(|l| text::width(l)).sum::<usize>() + text::width(brand) <= room {
        spans.push(Span::styled(brand, theme.accent()));
    }
    for (tab, label) in Tab::ALL.iter().zip(labels) {
        let style = if *tab == m.tab && m.welcome.is_none() { theme.selected() } else { Style::new() };
        spans.push(Span::styled(label, style));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A tab's catalogue key: tab 2 is Activities for a resident of a managed property.
fn tab_label(m: &Model, t: Tab) -> &'static str {
    let resident = m.detail.as_ref().is_some_and(|d| m.config.is_managed(&d.member.home_property));
    if t == Tab::Points && resident { "property.tab" } else { t.label() }
}

/// How readily an item leaves a help bar that is too narrow: higher goes first.
fn drop_rank(o: &Offer) -> u8 {
    match o.action {
        Action::Help => 0,
        Action::Messages => 4,
        Action::Quit => 3,
        Action::Search => 2,
        _ => 1,
    }
}

/// One line: where keys go, then `key action` pairs the focused context offers now.
pub(crate) fn help_bar(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let focus = m.focus();
    let scope = focus.scope();
    let mut items: Vec<(String, String, u8)> = offers(m)
        .into_iter()
        .filter(|o| o.blocked.is_none() && o.label != "help.move")
        .filter_map(|o| m.keymap.key_in(scope, o.action).map(|k| (k, m.t(o.label), drop_rank(&o))))
        .collect();
    let tag = if matches!(focus, crate::app::focus::Focus::Session | crate::app::focus::Focus::TooSmall) {
        String::new()
    } else {
        format!(" {} ", m.t(focus.label()))
    };
    let width = |items: &[(String, String, u8)]| {
        text::width(&tag) + items.iter().map(|(k, l, _)| text::width(k) + text::width(l) + 3).sum::<usize>()
    };
    while width(&items) > usize::from(area.width) {
        let worst = items.iter().map(|i| i.2).max().unwrap_or(0);
        match items.iter().rposition(|i| i.2 == worst && worst > 0) {
            Some(i) => {
                items.remove(i);
            }
            None => break,
        }
    }
    let mut spans = Vec::new();
    if !tag.is_empty() {
        spans.push(Span::styled(tag, theme.selected()));
    }
    for (key, label, _) in items {
        spans.push(Span::styled(format!(" {key}"), theme.accent()));
        spans.push(Span::styled(format!(" {label} "), theme.dim()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Who is at the desk, as the status bar names them.
fn who(m: &Model) -> String {
    match m.session {
        crate::app::session::Session::Open if m.operators_exist => {
            format!("{} ({})", text::clean(&m.operator), m.role_name(m.role))
        }
        // Without operators the desk acts in the role it was started with (`--role`).
        crate::app::session::Session::Open if m.role == frontdesk_core::domain::operator::Role::Admin => {
            m.t("session.no_sign_in")
        }
        crate::app::session::Session::Open => format!("{} ({})", m.t("session.no_sign_in"), m.role_name(m.role)),
        crate::app::session::Session::Locked(_) => m.t("session.locked"),
        _ => m.t("session.nobody"),
    }
}

/// Operator, store state, property, business date and the last message. The message
/// gets the room first: the date, then the property, then the store state give way; a
/// message that still does not fit says that the message log holds it whole.
pub(crate) fn status_bar(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let state = match m.store_state {
        StoreState::Local => m.t("status.local"),
        StoreState::Served => m.t("status.served"),
        StoreState::ReadOnly => m.t("status.read_only"),
        StoreState::ServerGone => m.t("status.server_gone"),
    };
    let busy = if m.busy > 0 { format!(" {}", m.t("status.working")) } else { String::new() };
    let parts = [who(m), state, m.config.store.default_property.clone(), m.texts.date(m.today)];
    // A store gone or read-only is never left out to make room.
    let least = if matches!(m.store_state, StoreState::ServerGone | StoreState::ReadOnly) { 2 } else { 1 };
    let message = m.message.as_ref().map_or(String::new(), |msg| msg.text.replace('\n', " · "));
    let total = usize::from(area.width);
    let left_of = |n: usize| format!(" {}{busy} ", parts[..n].join(" · "));
    let fits = |n: &usize| text::width(&left_of(*n)) + 1 + text::width(&message) <= total;
    let keep = (least..=parts.len()).rev().find(fits).unwrap_or(least);
    let left = left_of(if message.is_empty() { parts.len() } else { keep });
    let room = total.saturating_sub(text::width(&left) + 1);
    let (msg, style) = match &m.message {
        Some(msg) => (fitted(m, &message, room), if msg.error { theme.error() } else { theme.ok() }),
        None => (String::new(), Style::new()),
    };
    let line = Line::from(vec![Span::styled(left, theme.selected()), Span::styled(format!(" {msg}"), style)]);
    f.render_widget(Paragraph::new(line), area);
}

/// `text` in `room` columns; cut, it ends with where to read the rest.
fn fitted(m: &Model, text: &str, room: usize) -> String {
    let one_line = text.to_string();
    if text::width(&one_line) <= room {
        return text::clean(&one_line);
    }
    let key = m.keymap.key_in(m.focus().scope(), Action::Messages).unwrap_or_default();
    let more = m.texts.fill("status.more", &[("key", key)]);
    format!("{} {more}", text::fit(&one_line, room.saturating_sub(text::width(&more) + 1)))
}
