//! The desk made legible: messages kept and said once, text fields with a caret, the
//! help bar of the focused context, rows that follow writes, and the keys a search and a
//! list cost. `update` over a real worker and a seeded demo store (the safety side is in
//! `tui/desk.rs`).

use crate::support;

use crate::support::{Driver, LATIN, key, plain};
use crossterm::event::KeyCode;
use frontdesk_core::i18n::Lang;
use frontdesk_core::i18n::errors::Os;
use frontdesk_service::jobs::{Done, JobResult};
use frontdesk_tui::app::Popup;
use frontdesk_tui::app::Tab;
use frontdesk_tui::app::msg::{Msg, ServerEvent};

fn message(d: &Driver) -> String {
    d.model.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

/// A message longer than the status line says that the log holds it; the log (`m`)
/// shows it whole with its time.
#[test]
fn a_long_message_points_to_the_log_that_keeps_it_whole() {
    let mut d = Driver::idle();
    let long = "Lost the connection to the server (the frontdesk server at /var/lib/frontdesk/store/frontdesk.sock closed the connection); reconnecting every second.";
    d.model.say(long, true);
    let screen = d.render(80, 24, &plain());
    let status = screen.lines().nth(23).unwrap_or_default().to_string();
    assert!(status.contains("(m: whole message)"), "{status}");
    d.press(KeyCode::Char('m'));
    assert!(matches!(d.top(), Some(Popup::Messages)));
    let screen = d.render(80, 24, &plain());
    assert!(screen.contains("10:00:00"), "{screen}");
    assert!(screen.replace(['\n', '│'], "").replace("  ", " ").contains("frontdesk.sock"), "{screen}");
    d.press(KeyCode::Esc);
    assert!(d.model.popups.is_empty());
    assert!(!d.model.log.is_empty());
}

/// Typing lands at the caret, wherever it is moved; a long value scrolls so the caret
/// shows, and the terminal's cursor sits on it.
#[test]
fn text_fields_insert_at_the_caret_and_scroll_to_it() {
    let mut d = Driver::idle();
    d.press(KeyCode::Char('n'));
    d.type_str("王XY小明");
    d.press(KeyCode::Home);
    d.type_str("Z");
    assert_eq!(d.form().fields[0].input.value(), "Z王XY小明");
    let (_, cursor) = d.draw_with_cursor(80, 24, &plain());
    let (_, x_home) = cursor.expect("the cursor shows in the field");
    d.press(KeyCode::End);
    let (_, cursor) = d.draw_with_cursor(80, 24, &plain());
    let (_, x_end) = cursor.expect("cursor");
    assert_eq!(x_end - x_home, 8, "王 X Y 小 明: 2+1+1+2+2 columns");
    d.type_str(&"long description ".repeat(6));
    let (screen, _) = d.draw_with_cursor(80, 24, &plain());
    assert!(screen.contains("description long description "), "the end of what is typed shows:\n{screen}");
}

/// Messages say things once, in words, with plurals right.
#[test]
fn messages_say_things_once_and_in_words() {
    let mut d = Driver::idle();
    d.send(Msg::Server(ServerEvent::Gone(Os::Error { error: "connection reset".into() }.into())));
    let said = message(&d);
    assert!(!said.contains("server gone"), "the status bar says that; the message says why: {said}");
    assert!(said.contains("connection reset"), "{said}");
    // A date that does not exist is told apart from a mistyped one.
    d.press(KeyCode::Char('n'));
    d.type_str("Test Person");
    for _ in 0..3 {
        d.press(KeyCode::Tab);
    }
    d.type_str("1990-02-30");
    d.ctrl('s');
    let birthday = d.form().fields[3].error.clone().unwrap_or_default();
    assert_eq!(birthday, "1990-02-30 is not a date that exists");
    // One night, one stay: no "1 nights".
    assert_eq!(d.model.texts.count("unit.nights", 1), "1 night");
    assert_eq!(d.model.texts.count("unit.stays", 2), "2 stays");
    assert_eq!(d.model.texts.money(600_000, 2, "EUR"), "6,000.00 EUR");
    let zh = frontdesk_core::i18n::Texts::load(Lang::Zh);
    assert_eq!(zh.count("unit.nights", 1), "1 晚");
}

/// The sign-in screen says nothing of the store (not even how many members it holds).
#[test]
fn the_sign_in_screen_shows_nothing_of_the_store() {
    let mut d = Driver::staffed();
    d.model.message = None;
    d.send(Msg::Done(Done { generation: 0, result: JobResult::Ready(329) }));
    assert!(d.model.message.is_none(), "{:?}", d.model.message);
}

/// The help bar offers what works where the focus is: in the search box no `?` or `q`
/// (they are typed), on the Rewards tab fulfil and cancel only with the redemptions
/// focused; a key that cannot act says why.
#[test]
fn the_help_bar_offers_only_what_works_where_the_focus_is() {
    let mut d = Driver::demo(Lang::En);
    let bar = |d: &mut Driver| d.render(80, 24, &plain()).lines().nth(22).unwrap_or_default().to_string();
    let typing = bar(&mut d);
    assert!(typing.starts_with(" typing ") && typing.contains("F1 help") && !typing.contains("? help"), "{typing}");
    assert!(!typing.contains("q quit"), "{typing}");
    d.press(KeyCode::Esc);
    assert!(bar(&mut d).starts_with(" list "), "{}", bar(&mut d));
    d.press(KeyCode::Char('p'));
    assert!(d.model.popups.is_empty());
    assert!(message(&d).starts_with("Open a member first"), "p with no member says why: {}", message(&d));
    d.open_busy();
    d.press(KeyCode::Char('3'));
    let catalogue = bar(&mut d);
    assert!(!catalogue.contains("fulfil"), "{catalogue}");
    d.press(KeyCode::Char('f'));
    assert!(message(&d).starts_with("Select a redemption first"), "{}", message(&d));
    if d.model.detail.as_ref().is_some_and(|x| !x.redemptions.is_empty()) {
        d.press(KeyCode::Tab);
        let redemptions = bar(&mut d);
        assert!(redemptions.contains("catalogue") && !redemptions.contains("redeem"), "{redemptions}");
    }
}

/// Esc on the members list stays there: it never starts typing (Esc then `q` quits).
#[test]
fn esc_on_the_list_never_starts_typing() {
    let mut d = Driver::idle();
    d.press(KeyCode::Esc);
    assert!(!d.model.members.typing);
    d.press(KeyCode::Char('q'));
    assert!(d.model.quit);
}

/// A search hit shows what a write changed (the balance after a stay).
#[test]
fn search_rows_show_what_a_write_changed() {
    let mut d = Driver::idle();
    let card = d.busiest_card();
    d.open_member(&card);
    let before = d.model.members.rows.iter().find(|r| r.view.card == card).map(|r| r.view.balance);
    d.press(KeyCode::Char('a'));
    d.type_str("500");
    d.press(KeyCode::Tab);
    d.type_str("welcome back");
    d.ctrl('s');
    d.press(KeyCode::Char('y'));
    let after = d.model.members.rows.iter().find(|r| r.view.card == card).map(|r| r.view.balance);
    assert_eq!(after, before.map(|b| b + 500));
}

/// `/` from any tab is a new search: one key, the box empty, typing at once.
#[test]
fn a_new_search_starts_from_any_tab_with_one_key() {
    let mut d = Driver::idle();
    d.open_member(LATIN);
    for tab in ['2', '3', '4', '5', '6'] {
        d.press(KeyCode::Char(tab));
        d.press(KeyCode::Char('/'));
        assert_eq!(d.model.tab, Tab::Members);
        assert!(d.model.members.typing && d.model.members.query.value().is_empty());
        d.press(KeyCode::Esc);
    }
}

/// Lists go to their ends with Home and End (the catalogue pages too); a choice jumps to
/// an option by its first letter.
#[test]
fn lists_go_to_their_ends_and_choices_jump_by_letter() {
    let mut d = Driver::idle();
    d.press(KeyCode::Char('4'));
    let n = d.model.complaints.queue.len();
    d.press(KeyCode::End);
    assert_eq!(d.model.complaints.cursor.index(), n - 1);
    d.press(KeyCode::Home);
    assert_eq!(d.model.complaints.cursor.index(), 0);
    d.press(KeyCode::Char('3'));
    d.press(KeyCode::PageDown);
    assert_eq!(d.model.rewards.cursor.index(), d.model.rewards.catalogue.len() - 1);
    d.press(KeyCode::Char('4'));
    d.press(KeyCode::Char('n'));
    d.press(KeyCode::BackTab);
    d.type_str("w");
    assert_eq!(d.form().get(frontdesk_tui::app::form::FieldId::Category), "wifi");
}

/// The record just written is the highlighted one: a stay posted, a complaint logged.
#[test]
fn the_record_written_is_highlighted() {
    let mut d = Driver::idle();
    d.open_busy();
    d.press(KeyCode::Char('2'));
    d.press(KeyCode::End);
    d.press(KeyCode::Char('p'));
    d.type_str("2026-11-20");
    d.press(KeyCode::Tab);
    d.press(KeyCode::Tab);
    d.type_str("300");
    d.ctrl('s');
    d.press(KeyCode::Char('y'));
    let newest = d.model.detail.as_ref().and_then(|x| x.stays.first()).map(|s| s.seq);
    let shown = d.model.detail.as_ref().and_then(|x| d.model.points.cursor.pick(&x.stays)).map(|s| s.seq);
    assert_eq!(shown, newest);
    d.press(KeyCode::Char('4'));
    d.press(KeyCode::End);
    d.press(KeyCode::Char('n'));
    d.type_str("Kettle missing");
    d.ctrl('s');
    d.press(KeyCode::Char('y'));
    let highlighted = d.model.complaints.cursor.pick(&d.model.complaints.queue).map(|c| c.description.clone());
    assert_eq!(highlighted.as_deref(), Some("Kettle missing"));
}

/// Roles and the desk's operator are named the same way locally and served.
#[test]
fn the_status_bar_names_who_is_at_the_desk_in_words() {
    let mut d = Driver::idle();
    let status = d.render(80, 24, &plain()).lines().nth(23).unwrap_or_default().to_string();
    assert!(status.starts_with(" no sign-in (Manager) · "), "the role the desk acts in: {status}");
    let mut s = Driver::staffed();
    s.sign_in("ana", support::session::CLERK_PIN);
    let status = s.render(80, 24, &plain()).lines().nth(23).unwrap_or_default().to_string();
    assert!(status.starts_with(" Ana Clerk (Clerk) · ") || status.starts_with(" ana (Clerk) · "), "{status}");
}

/// A query typed while the worker still reads every member into the search index says it
/// waits for that, never "No member matches.", and runs once the index is ready.
#[test]
fn a_query_typed_before_the_search_is_ready_says_it_waits() {
    let mut d = Driver::demo(Lang::En);
    d.model.searchable = false;
    let mut held = Vec::new();
    for c in "zzzz".chars() {
        held.extend(d.send_held(key(KeyCode::Char(c))));
    }
    let waiting = d.render(80, 24, &plain());
    assert!(waiting.contains("Preparing search: this runs as soon as every member is read."), "{waiting}");
    assert!(!waiting.contains("No member matches"), "{waiting}");
    d.send(Msg::Done(Done { generation: 0, result: JobResult::Ready(329) }));
    d.run(held);
    let answered = d.render(80, 24, &plain());
    assert!(answered.contains("No member matches."), "{answered}");
}
