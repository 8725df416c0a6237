//! Tabs, the help bar generated from the keymap, and the status bar.

use super::text;
use super::theme::Theme;
use crate::app::Tab as Panel;
use crate::app::action::Action;
use crate::app::{Model, Popup, StoreState, Tab};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The tab line: `1 Members  2 Stays & Points …` with the active one highlighted.
pub fn tabs(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
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

/// The actions the current context offers, with their catalogue keys, most used first.
pub fn offered(m: &Model) -> Vec<(Action, &'static str)> {
    use Action::*;
    if m.session != crate::app::session::Session::Open {
        // The sign-in screens name their own keys.
        return vec![];
    }
    if let Some(top) = m.popups.last() {
        return match top {
            Popup::Form(_) => vec![(NextField, "help.next_field"), (Submit, "help.submit"), (Back, "help.back")],
            Popup::Confirm(_) | Popup::QuitConfirm | Popup::DiscardConfirm => vec![],
            Popup::Help => vec![(Back, "help.close")],
        };
    }
    if m.welcome.is_some() {
        return vec![(Open, "help.choose"), (Quit, "help.quit")];
    }
    let mut v = match m.tab {
        Panel::Members if m.members.typing => vec![(Open, "help.open"), (Back, "help.leave_search")],
        Panel::Members if m.members.show_detail && m.detail.is_some() => vec![
            (Search, "help.search"),
            (Edit, "help.edit"),
            (Reveal, "help.reveal"),
            (Post, "help.post_stay"),
            (Adjust, "help.adjust"),
            (New, "help.enrol"),
        ],
        Panel::Members => vec![
            (Search, "help.search"),
            (Open, "help.open"),
            (New, "help.enrol"),
            (Edit, "help.edit"),
            (Post, "help.post_stay"),
            (Adjust, "help.adjust"),
        ],
        Panel::Points => vec![
            (Post, "help.post_stay"),
            (Reverse, "help.reverse"),
            (Adjust, "help.adjust"),
            (Open, "help.switch_list"),
            (Filter, "help.filter"),
        ],
        Panel::Rewards => vec![
            (Open, "help.redeem"),
            (NextField, "help.switch_list"),
            (Fulfil, "help.fulfil"),
            (Cancel, "help.cancel"),
        ],
        Panel::Complaints => vec![
            (New, "help.log_complaint"),
            (Open, "help.open"),
            (Transition, "help.transition"),
            (Goodwill, "help.goodwill"),
            (FollowUp, "help.follow_up"),
            (Filter, "help.filter"),
            (FilterBy, "help.filter_by"),
        ],
        Panel::Office => office(m),
        Panel::Summaries if m.summaries.list.is_some() => vec![(Open, "help.open_member"), (Back, "help.back")],
        Panel::Summaries => {
            let mut v = vec![(NextView, "help.next_view"), (PrevView, "help.prev_view")];
            if crate::app::summaries::rows(m) > 0 {
                let birthdays = m.summaries.view == crate::app::summaries::SummaryView::Birthdays;
                v.push((Open, if birthdays { "help.open_member" } else { "help.drill_down" }));
            }
            v.extend([(Filter, "help.property"), (Refresh, "help.refresh")]);
            v
        }
    };
    // A resident records fee payments and events where a guest posts stays.
    if m.detail.as_ref().is_some_and(|d| m.config.is_managed(&d.member.home_property)) {
        for item in v.iter_mut().filter(|i| i.1 == "help.post_stay") {
            item.1 = "property.help_record";
        }
    }
    v.extend([(Help, "help.help"), (Quit, "help.quit")]);
    v
}

fn office(m: &Model) -> Vec<(Action, &'static str)> {
    use Action::*;
    match m.office.view {
        crate::app::office::OfficeView::Approvals => vec![
            (Open, "help.approve"),
            (Cancel, "help.reject"),
            (Filter, "help.show_decided"),
            (NextView, if crate::app::office::may_audit(m) { "help.audit" } else { "help.promotions" }),
            (Refresh, "help.refresh"),
        ],
        crate::app::office::OfficeView::Audit => {
            vec![
                (Filter, "help.filter"),
                (NextView, "help.promotions"),
                (PrevView, "help.approvals"),
                (Refresh, "help.refresh"),
            ]
        }
        crate::app::office::OfficeView::Promotions => vec![(NextView, "help.approvals"), (Refresh, "help.refresh")],
    }
}

/// One line of `key action` pairs for the current context.
pub fn help_bar(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let mut items: Vec<(String, String, Action)> = offered(m)
        .into_iter()
        .filter_map(|(action, label)| m.keymap.keys_of(action).into_iter().next().map(|k| (k, m.t(label), action)))
        .collect();
    let width = |items: &[(String, String, Action)]| {
        items.iter().map(|(k, l, _)| text::width(k) + text::width(l) + 3).sum::<usize>()
    };
    // Help and quit always stay visible: panel items give way from the right.
    while width(&items) > usize::from(area.width) {
        match items.iter().rposition(|(_, _, a)| !matches!(a, Action::Help | Action::Quit)) {
            Some(i) => {
                items.remove(i);
            }
            None => break,
        }
    }
    let mut spans = Vec::new();
    for (key, label, _) in items {
        spans.push(Span::styled(format!(" {key}"), theme.accent()));
        spans.push(Span::styled(format!(" {label} "), theme.dim()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Operator, property, business date, store state and the last message.
pub fn status_bar(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let state = match m.store_state {
        StoreState::Local => m.t("status.local"),
        StoreState::Served => m.t("status.served"),
        StoreState::ReadOnly => m.t("status.read_only"),
        StoreState::ServerGone => m.t("status.server_gone"),
    };
    let busy = if m.busy > 0 { format!(" {}", m.t("status.working")) } else { String::new() };
    let who = match m.session {
        crate::app::session::Session::Open => text::clean(&m.operator),
        crate::app::session::Session::Locked(_) => m.t("session.locked"),
        _ => m.t("session.nobody"),
    };
    let left =
        format!(" {} · {} · {} · {}{} ", who, m.config.store.default_property, m.texts.date(m.today), state, busy);
    let room = usize::from(area.width).saturating_sub(text::width(&left));
    let (msg, style) = match &m.message {
        Some(msg) if msg.error => (text::fit(&msg.text, room), theme.error()),
        Some(msg) => (text::fit(&msg.text, room), theme.ok()),
        None => (String::new(), Style::new()),
    };
    let line = Line::from(vec![Span::styled(left, theme.selected()), Span::styled(format!(" {msg}"), style)]);
    f.render_widget(Paragraph::new(line), area);
}
