//! `update` without a terminal: one test per action, in the panels where it applies,
//! plus key releases, quitting with typed data, stale answers, resize and the welcome screen.
//! Jobs run synchronously on a real worker over a seeded demo store.

use crate::support::{CHINESE, Driver, LATIN, key};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use frontdesk_core::i18n::Lang;
use frontdesk_service::jobs::Job;
use frontdesk_tui::app::action::Action;
use frontdesk_tui::app::msg::Msg;
use frontdesk_tui::app::{FormKind, Popup, Tab};

fn demo() -> Driver {
    Driver::demo(Lang::En)
}

fn idle() -> Driver {
    Driver::idle()
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn top(d: &Driver) -> Option<&Popup> {
    d.top()
}

fn form(d: &Driver) -> &frontdesk_tui::app::form::Form<FormKind> {
    d.form()
}

fn open_busy(d: &mut Driver) -> u64 {
    d.open_busy()
}

#[test]
fn every_action_is_covered_here() {
    let covered = [
        "quit",
        "help",
        "tab_1",
        "tab_2",
        "tab_3",
        "tab_4",
        "tab_5",
        "tab_6",
        "search",
        "messages",
        "lock",
        "refresh",
        "open",
        "back",
        "up",
        "down",
        "page_up",
        "page_down",
        "home",
        "end",
        "next_field",
        "prev_field",
        "submit",
        "yes",
        "no",
        "override",
        "new",
        "edit",
        "post",
        "reverse",
        "adjust",
        "fulfil",
        "cancel",
        "transition",
        "goodwill",
        "follow_up",
        "filter",
        "filter_by",
        "prev_view",
        "next_view",
        "reveal",
    ];
    let all: Vec<String> = Action::all().into_iter().map(Action::name).collect();
    // The writing actions (new … follow_up) are tested in tui/writes.rs, prev_view and
    // next_view in tui/summaries_update.rs, filter, filter_by, refresh and reveal in
    // tui/update_lists.rs, lock in tui/session.rs, tab_6 in tui/office.rs; messages,
    // home, end, yes, no and override in tui/desk.rs.
    assert_eq!(all, covered, "a new action needs a test here or in tui/writes.rs");
}

#[test]
fn quit() {
    let mut d = demo();
    d.press(KeyCode::Char('q'));
    assert!(!d.model.quit, "q while typing a search is a letter");
    assert_eq!(d.model.members.query.value(), "q");
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('q'));
    assert!(d.model.quit);
    let mut d = idle();
    d.ctrl('c');
    assert!(d.model.quit, "ctrl-c quits too");
}

#[test]
fn quit_with_typed_data_asks_first() {
    let mut d = idle();
    d.press(KeyCode::Char('n'));
    d.type_str("Quentin");
    d.press(KeyCode::Char('q'));
    assert!(!d.model.quit, "q in a form is a letter");
    assert_eq!(form(&d).fields[0].input.value(), "Quentinq");
    d.ctrl('c');
    assert!(matches!(top(&d), Some(Popup::QuitConfirm)));
    d.press(KeyCode::Char('z'));
    assert!(matches!(top(&d), Some(Popup::QuitConfirm)), "other keys leave the question open");
    d.press(KeyCode::Esc);
    assert!(!d.model.quit);
    assert_eq!(form(&d).fields[0].input.value(), "Quentinq", "saying no keeps the typed data");
    d.ctrl('c');
    d.press(KeyCode::Char('y'));
    assert!(d.model.quit);
}

#[test]
fn key_release_events_are_ignored() {
    let mut d = idle();
    let release = |c| Msg::Key(KeyEvent::new_with_kind(KeyCode::Char(c), KeyModifiers::NONE, KeyEventKind::Release));
    assert!(d.send_held(release('q')).is_empty());
    assert!(d.send_held(release('4')).is_empty());
    assert!(!d.model.quit);
    assert_eq!(d.model.tab, Tab::Members);
}

#[test]
fn help() {
    let mut d = idle();
    d.press(KeyCode::Char('?'));
    assert!(matches!(top(&d), Some(Popup::Help)));
    d.press(KeyCode::Char('j'));
    assert!(matches!(top(&d), Some(Popup::Help)), "other keys leave help open");
    d.press(KeyCode::Esc);
    assert!(d.model.popups.is_empty());
    d.press(KeyCode::F(1));
    d.press(KeyCode::Char('?'));
    assert!(d.model.popups.is_empty());
    d.press(KeyCode::Char('?'));
    d.press(KeyCode::Char('q'));
    assert!(d.model.popups.is_empty() && !d.model.quit, "q closes help without quitting");
}

#[test]
fn tab_1() {
    let mut d = idle();
    d.press(KeyCode::Char('4'));
    d.press(KeyCode::Char('1'));
    assert_eq!(d.model.tab, Tab::Members);
}

#[test]
fn tab_2() {
    let mut d = idle();
    d.press(KeyCode::Char('2'));
    assert_eq!(d.model.tab, Tab::Points);
    assert!(d.model.detail.is_none());
    d.press(KeyCode::Char('/'));
    assert_eq!((d.model.tab, d.model.members.typing), (Tab::Members, true), "without a member, / goes to search");
}

#[test]
fn tab_3() {
    let mut d = idle();
    let before = d.jobs.len();
    d.press(KeyCode::Char('3'));
    assert_eq!(d.model.tab, Tab::Rewards);
    assert!(matches!(d.jobs[before], Job::LoadRewards { .. }));
    assert!(!d.model.rewards.catalogue.is_empty());
}

#[test]
fn tab_4() {
    let mut d = idle();
    d.model.complaints.queue.clear();
    d.press(KeyCode::Char('4'));
    assert_eq!(d.model.tab, Tab::Complaints);
    assert!(!d.model.complaints.queue.is_empty(), "the queue reloads on entry");
    assert!(d.model.complaints.queue.iter().all(|c| c.state != "closed"));
}

#[test]
fn tab_5() {
    let mut d = idle();
    d.press(KeyCode::Char('5'));
    assert_eq!(d.model.tab, Tab::Summaries);
    assert_eq!(d.model.summary.members, 329, "300 guests, 26 residents, 3 extra");
    assert!(d.model.summary.stays > 0);
    assert_eq!(d.model.busy, 0, "every job answered");
}

#[test]
fn search() {
    let mut d = idle();
    d.press(KeyCode::Char('/'));
    assert!(d.model.members.typing);
    d.type_str("zs");
    assert!(d.model.members.rows.iter().any(|r| r.view.name == CHINESE), "pinyin initials find 张三");
    d.ctrl('u');
    d.paste("0013 5678\n");
    assert_eq!(d.model.members.query.value(), "0013 5678 ", "line breaks in a paste become spaces");
    assert!(d.model.members.rows.iter().any(|r| r.view.name == CHINESE), "phone tail finds 张三");
    d.ctrl('u');
    d.paste("Ingrid\u{1b}[2J");
    assert_eq!(d.model.members.query.value(), "Ingrid[2J", "control characters are dropped from pastes");
    d.press(KeyCode::Backspace);
    d.press(KeyCode::Backspace);
    d.press(KeyCode::Backspace);
    assert_eq!(d.model.members.rows.first().map(|r| r.view.name.as_str()), Some(LATIN));
    d.ctrl('u');
    assert!(d.model.members.rows.is_empty(), "an empty query clears the list");
}

#[test]
fn stale_search_answers_are_dropped() {
    let mut d = demo();
    let first = d.send_held(key(KeyCode::Char('z')));
    let second = d.send_held(key(KeyCode::Char('s')));
    let (Some(Job::Search { generation: g1, .. }), Some(Job::Search { generation: g2, query })) =
        (first.first().cloned(), second.first().cloned())
    else {
        panic!("typing searches: {first:?} {second:?}");
    };
    assert!(g2 > g1);
    assert_eq!(query, "zs");
    let newer = d.answers(second[0].clone());
    let older = d.answers(first[0].clone());
    for a in newer {
        d.send(a);
    }
    let rows = d.model.members.rows.clone();
    assert!(rows.iter().any(|r| r.view.name == CHINESE));
    for a in older {
        d.send(a);
    }
    assert_eq!(d.model.members.rows, rows, "the answer to `z` came late and was dropped");
}

#[test]
fn resize() {
    let mut d = demo();
    d.send(Msg::Resize(132, 43));
    assert_eq!(d.model.size, (132, 43));
}

#[test]
fn open() {
    let mut d = demo();
    d.type_str(LATIN);
    d.press(KeyCode::Enter);
    assert!(d.model.members.show_detail);
    assert_eq!(d.model.detail.as_ref().map(|x| x.view.name.as_str()), Some(LATIN));
    d.press(KeyCode::Char('4'));
    let first = d.model.complaints.queue[0].id;
    d.press(KeyCode::Enter);
    assert!(d.model.complaints.open.is_some());
    assert_eq!(d.model.complaints.queue[d.model.complaints.cursor.index()].id, first);
    d.press(KeyCode::Char('2'));
    d.press(KeyCode::Tab);
    assert_eq!(d.model.points.list, frontdesk_tui::app::PointsList::Ledger, "Tab switches stays/ledger");
}

#[test]
fn back() {
    let mut d = demo();
    d.open_member(LATIN);
    d.press(KeyCode::Esc);
    assert!(!d.model.members.show_detail, "back from the detail to the list");
    d.press(KeyCode::Esc);
    assert!(!d.model.members.typing, "Esc on the list stays there: it never starts typing");
    // A clean form closes.
    d.press(KeyCode::Char('n'));
    d.press(KeyCode::Esc);
    assert!(d.model.popups.is_empty());
    // A dirty form never closes without asking, and no answer saves it.
    d.press(KeyCode::Char('n'));
    d.type_str("Bea");
    d.press(KeyCode::Esc);
    assert!(matches!(top(&d), Some(Popup::DiscardConfirm)));
    d.press(KeyCode::Esc);
    assert_eq!(form(&d).fields[0].input.value(), "Bea", "Esc on the question keeps the data");
    d.ctrl('s');
    assert!(matches!(top(&d), Some(Popup::Confirm(_))));
    let jobs = d.send_held(key(KeyCode::Esc));
    assert!(jobs.is_empty(), "Esc never confirms");
    assert_eq!(form(&d).fields[0].input.value(), "Bea");
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('y'));
    assert!(d.model.popups.is_empty(), "yes discards");
}

#[test]
fn up() {
    let mut d = demo();
    d.type_str("an");
    d.press(KeyCode::Down);
    d.press(KeyCode::Down);
    d.press(KeyCode::Up);
    assert_eq!(d.model.members.cursor.index(), 1);
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('k'));
    assert_eq!(d.model.members.cursor.index(), 0);
    d.press(KeyCode::Char('k'));
    assert_eq!(d.model.members.cursor.index(), 0, "stops at the top");
}

#[test]
fn down() {
    let mut d = idle();
    d.press(KeyCode::Char('4'));
    let n = d.model.complaints.queue.len();
    d.press(KeyCode::Char('j'));
    d.press(KeyCode::Down);
    assert_eq!(d.model.complaints.cursor.index(), 2.min(n - 1));
    for _ in 0..n + 3 {
        d.press(KeyCode::Down);
    }
    assert_eq!(d.model.complaints.cursor.index(), n - 1, "stops at the bottom");
}

#[test]
fn page_up() {
    let mut d = demo();
    let _ = open_busy(&mut d);
    d.press(KeyCode::Char('2'));
    d.press(KeyCode::Enter);
    for _ in 0..3 {
        d.press(KeyCode::PageDown);
    }
    let at = d.model.points.cursor.index();
    d.press(KeyCode::PageUp);
    assert_eq!(d.model.points.cursor.index(), at.saturating_sub(10));
}

#[test]
fn page_down() {
    let mut d = idle();
    d.press(KeyCode::Char('4'));
    let n = d.model.complaints.queue.len();
    d.press(KeyCode::PageDown);
    assert_eq!(d.model.complaints.cursor.index(), 10.min(n - 1));
}

#[test]
fn next_field() {
    let mut d = idle();
    d.press(KeyCode::Char('n'));
    let n = form(&d).fields.len();
    d.press(KeyCode::Tab);
    assert_eq!(form(&d).focus, 1);
    d.press(KeyCode::Down);
    assert_eq!(form(&d).focus, 2);
    d.press(KeyCode::Enter);
    assert_eq!(form(&d).focus, 3, "Enter moves on before the last field");
    for _ in 0..n - 3 {
        d.press(KeyCode::Tab);
    }
    assert_eq!(form(&d).focus, 0, "wraps");
    assert!(!form(&d).dirty, "moving is not typing");
}

#[test]
fn prev_field() {
    let mut d = idle();
    d.press(KeyCode::Char('n'));
    let n = form(&d).fields.len();
    d.press(KeyCode::BackTab);
    assert_eq!(form(&d).focus, n - 1, "wraps backwards");
    d.press(KeyCode::Up);
    assert_eq!(form(&d).focus, n - 2);
}

#[test]
fn submit() {
    let mut d = idle();
    d.press(KeyCode::Char('n'));
    d.press(KeyCode::Tab);
    d.type_str("not-an-email");
    d.press(KeyCode::Tab);
    d.type_str("12");
    let jobs = d.send_held(ctrl('s'));
    assert!(jobs.is_empty(), "an invalid form asks for nothing");
    let f = form(&d);
    assert_eq!(f.focus, 0, "focus goes to the first problem");
    assert_eq!(f.fields[0].error.as_deref(), Some("required"));
    assert!(f.fields[1].error.as_deref().is_some_and(|e| e.starts_with("not an e-mail address")));
    assert_eq!(f.fields[2].error.as_deref(), Some("must have at least 3 digits"));
    assert!(f.fields[3].error.is_none());
    d.type_str("X");
    assert!(form(&d).fields[0].error.is_none(), "typing clears the field's error");
}
