//! The desk made safe and legible: where keys go, card readers, what an action acts on,
//! the store's sign-in state, refusals said before any confirmation, messages, text
//! fields and the keys a task costs. `update` over a real worker and a seeded demo store;
//! the drawing of these is checked in `tui_words.rs`, the real binary in `tui_desk_pty.rs`.

mod tui_support;

use crossterm::event::KeyCode;
use frontdesk::app::msg::{Done, Job, JobResult, Msg, ServerEvent};
use frontdesk::app::session::Session;
use frontdesk::app::{FormKind, Popup, Tab};
use frontdesk::domain::operator::{Actor, Role};
use frontdesk::i18n::Lang;
use frontdesk::ops::operator::{NewOperator, pin};
use frontdesk::ops::{Adjustment, Command, Ctx, MemberRef};
use tui_support::{Driver, LATIN, plain};

/// What the store holds for a member, to compare before and after.
fn figures(d: &mut Driver, id: u64) -> (i64, usize, usize, usize) {
    let s = d.stored_member(id);
    (s.member.balance, s.ledger.len(), s.redemptions.len(), s.stays.len())
}

fn message(d: &Driver) -> String {
    d.model.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

/// A card read at reader speed opens its member from every tab, whatever is highlighted
/// there, and writes nothing: no tab switches on its digits, no confirmation on its Enter.
#[test]
fn a_card_read_from_any_tab_opens_its_member_and_changes_nothing() {
    let mut d = Driver::idle();
    let busy = d.open_busy();
    let card = d.extra.latin.clone();
    let before = figures(&mut d, busy);
    for tab in ['1', '2', '3', '4', '5', '6'] {
        let busy_card = d.busiest_card();
        d.open_member(&busy_card);
        d.press(KeyCode::Char(tab));
        let shown = d.model.tab;
        d.read_card(&format!("{card}\n"));
        assert_eq!(d.model.tab, Tab::Members, "from {shown:?}: the member opens on tab 1");
        assert!(d.model.members.show_detail && d.model.popups.is_empty(), "from {shown:?}: {:?}", d.top());
        assert_eq!(d.model.detail.as_ref().map(|x| x.member.card.as_str()), Some(card.as_str()));
    }
    // Over a confirmation of a redemption: the question goes, nothing is held.
    let busy_card = d.busiest_card();
    d.open_member(&busy_card);
    d.press(KeyCode::Char('3'));
    let affordable = (0..d.model.rewards.catalogue.len())
        .find(|&i| matches!(frontdesk::app::price_for(&d.model, &d.model.rewards.catalogue[i]), Some(Ok(_))))
        .expect("an affordable reward");
    for _ in 0..affordable {
        d.press(KeyCode::Down);
    }
    d.press(KeyCode::Enter);
    assert!(matches!(d.top(), Some(Popup::Confirm(_))));
    d.read_card(&format!("{card}\n"));
    assert!(d.model.popups.is_empty(), "the confirmation is not answered by the reader's Enter");
    assert_eq!(figures(&mut d, busy), before, "nothing was written for the member shown before");
    // Into the search box: the digits do not stay there as a query.
    d.press(KeyCode::Char('/'));
    d.type_str("Halv");
    d.read_card(&format!("{}\n", d.extra.chinese));
    assert_eq!(d.model.members.query.value(), "Halv");
    assert_eq!(d.model.detail.as_ref().map(|x| x.member.name.as_str()), Some(tui_support::CHINESE));
}

/// A whole valid card typed one key at a time on a list, then Enter, opens the member:
/// that Enter does not redeem the highlighted reward.
#[test]
fn a_whole_card_typed_on_a_list_then_enter_opens_the_member() {
    let mut d = Driver::idle();
    let busy = d.open_busy();
    let before = figures(&mut d, busy);
    d.press(KeyCode::Char('3'));
    let card = d.extra.latin.clone();
    d.type_str(&card);
    d.press(KeyCode::Enter);
    assert!(d.model.popups.is_empty(), "{:?}", d.top());
    assert_eq!(d.model.detail.as_ref().map(|x| x.member.card.as_str()), Some(card.as_str()));
    assert_eq!(figures(&mut d, busy), before);
}

/// A reader's digits in a form with typed data come out of the field again; the form
/// stays and the status line says what to do.
#[test]
fn a_card_read_into_a_form_leaves_the_form_as_it_was() {
    let mut d = Driver::idle();
    d.open_busy();
    d.press(KeyCode::Char('a'));
    d.type_str("25");
    d.read_card(&format!("{}\n", d.extra.latin));
    let Some(Popup::Form(f)) = d.top() else { panic!("the form stays: {:?}", d.top()) };
    assert_eq!(f.fields[0].input.value(), "25");
    assert!(message(&d).contains("finish or close the form first"), "{}", message(&d));
}

/// A card that is not one (wrong check digit) is said to be so; nothing opens.
#[test]
fn a_mistyped_card_is_named_and_opens_nothing() {
    let mut d = Driver::idle();
    d.press(KeyCode::Char('4'));
    d.read_card("620000000378\n");
    assert_eq!(d.model.tab, Tab::Complaints);
    assert!(message(&d).contains("not a valid card number"), "{}", message(&d));
}

fn admin_ctx(config: &frontdesk::config::Config) -> Ctx<'_> {
    Ctx { config, actor: Actor::system(), now: tui_support::now().timestamp_millis(), today: tui_support::today() }
}

/// Operators added while the desk is open (no operator existed when it opened): the next
/// job locks the desk at the sign-in screen, shows nothing of the guest, and no write runs
/// as whoever started the process.
#[test]
fn operators_added_while_the_desk_is_open_lock_it_before_anything_runs() {
    let mut d = Driver::idle();
    let id = d.open_busy();
    let before = figures(&mut d, id);
    let config = tui_support::config();
    let boss = NewOperator {
        login: "boss".into(),
        name: "The Boss".into(),
        role: Role::Admin,
        pin_hash: pin::hash("918273").expect("hash"),
    };
    frontdesk::ops::execute(d.worker.store(), &admin_ctx(&config), &Command::AddOperator(boss)).expect("add");
    d.press(KeyCode::Char('a'));
    d.type_str("100");
    d.press(KeyCode::Tab);
    d.type_str("goodwill");
    d.ctrl('s');
    d.press(KeyCode::Char('y'));
    assert!(matches!(d.model.session, Session::Login(_)), "{:?}", d.model.session);
    assert!(d.model.detail.is_none() && d.model.popups.is_empty(), "nothing of the guest stays on screen");
    let adjust = Command::AdjustPoints(Adjustment {
        member: MemberRef::Id(id),
        points: 100,
        reason: "x".into(),
        kind: frontdesk::domain::ledger::EntryKind::Adjust,
        external_ref: None,
    });
    let answer = d.answers(Job::Execute { generation: 99, command: Box::new(adjust), reload: None });
    assert!(matches!(&answer[..], [Msg::Done(Done { result: JobResult::SignInRequired, .. })]), "{answer:?}");
    let stored = frontdesk::ops::member_lookup(d.worker.store(), &MemberRef::Id(id)).expect("read").expect("member");
    assert_eq!(stored.balance, before.0, "nothing was written");
    d.sign_in("boss", "918273");
    assert_eq!(d.model.session, Session::Open);
    assert!(message(&d).contains("Signed in as boss (Administrator)"), "{}", message(&d));
}

/// `e`, `p`, `a` act on the highlighted hit, not on the member opened before.
#[test]
fn member_actions_act_on_the_highlighted_row() {
    let mut d = Driver::idle();
    d.open_member("an");
    let first = d.model.member_id().expect("opened");
    d.press(KeyCode::Esc);
    d.press(KeyCode::Down);
    let second = d.model.members.rows[1].id;
    assert_ne!(first, second);
    d.press(KeyCode::Char('p'));
    assert_eq!(d.form().kind, FormKind::PostStay(second), "the highlighted member, not {first}");
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('1'));
    d.press(KeyCode::Esc);
    d.press(KeyCode::Up);
    d.press(KeyCode::Char('e'));
    assert_eq!(d.form().kind, FormKind::EditMember(first));
}

/// After a transition the detail stays on the complaint written (it moved in the queue),
/// and the next action is for it.
#[test]
fn after_a_write_the_complaint_shown_is_the_one_written() {
    let mut d = Driver::idle();
    d.press(KeyCode::Char('4'));
    let i = d.model.complaints.queue.iter().position(|c| c.card.is_some()).expect("a complaint with a member");
    for _ in 0..i {
        d.press(KeyCode::Down);
    }
    let id = d.model.complaints.queue[i].id;
    let was = d.model.complaints.queue[i].state.clone();
    d.press(KeyCode::Enter);
    d.press(KeyCode::Char('t'));
    d.press(KeyCode::End);
    d.ctrl('s');
    d.press(KeyCode::Char('y'));
    assert_eq!(d.model.complaints.open.as_ref().map(|c| c.id), Some(id), "still the complaint written");
    let state = d.model.complaints.open.as_ref().map(|c| c.state.clone()).unwrap_or_default();
    assert_ne!(state, was, "the detail shows the new state");
    d.press(KeyCode::Char('g'));
    assert_eq!(d.form().kind, FormKind::Goodwill(id));
    d.press(KeyCode::Esc);
    d.press(KeyCode::Esc);
    assert_eq!(d.model.complaints.cursor.pick(&d.model.complaints.queue).map(|c| c.id), Some(id), "highlighted too");
}

/// Follow-up scores on an open complaint are refused before a form opens, with the reason.
#[test]
fn follow_up_on_an_open_complaint_is_refused_before_any_form() {
    let mut d = Driver::idle();
    d.press(KeyCode::Char('4'));
    assert!(d.model.complaints.queue.first().is_some_and(|c| c.state != "resolved" && c.state != "closed"));
    d.press(KeyCode::Char('u'));
    assert!(d.model.popups.is_empty());
    assert!(message(&d).contains("record follow-up scores once it is resolved"), "{}", message(&d));
}

/// Below 80×24 nothing but the notice shows, and typing changes nothing behind it.
#[test]
fn keys_wait_while_the_terminal_is_too_small() {
    let mut d = Driver::demo(Lang::En);
    d.send(Msg::Resize(60, 20));
    d.type_str("Font");
    d.press(KeyCode::Char('4'));
    assert_eq!(d.model.members.query.value(), "");
    assert_eq!(d.model.tab, Tab::Members);
    d.send(Msg::Resize(80, 24));
    d.type_str("Font");
    assert_eq!(d.model.members.query.value(), "Font");
}

/// A stay overlapping a completed stay at the same property is shown with the overlap;
/// yes alone does not post it, the override does.
#[test]
fn an_overlapping_stay_needs_an_explicit_override() {
    let mut d = Driver::idle();
    let id = d.open_busy();
    let post = |d: &mut Driver, arrival: &str, departure: &str| {
        d.press(KeyCode::Char('p'));
        d.type_str(arrival);
        d.press(KeyCode::Tab);
        d.ctrl('u');
        d.type_str(departure);
        d.press(KeyCode::Tab);
        d.type_str("400");
        d.ctrl('s');
    };
    post(&mut d, "2026-11-18", "2026-11-22");
    d.press(KeyCode::Char('y'));
    let stays = figures(&mut d, id).3;
    post(&mut d, "2026-11-20", "2026-11-23");
    let Some(Popup::Confirm(c)) = d.top() else { panic!("a confirmation: {:?}", d.top()) };
    let notice = c.notice.clone().unwrap_or_default();
    assert!(notice.contains("Overlaps stay #") && notice.contains("2026-11-18 → 2026-11-22"), "{notice}");
    d.press(KeyCode::Char('y'));
    assert_eq!(figures(&mut d, id).3, stays, "yes alone does not post an overlap");
    assert!(message(&d).contains("press o to post it anyway"), "{}", message(&d));
    d.press(KeyCode::Char('o'));
    assert_eq!(figures(&mut d, id).3, stays + 1, "the override posts it");
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
    d.send(Msg::Server(ServerEvent::Gone("connection reset".into())));
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
    let zh = frontdesk::i18n::Texts::load(Lang::Zh);
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
    assert_eq!(d.form().get(frontdesk::app::form::FieldId::Category), "wifi");
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

/// Enter opens a question; only `y` answers it, so neither a second Enter nor a reader
/// confirms a redemption.
#[test]
fn enter_alone_never_opens_and_confirms_a_write() {
    let mut d = Driver::idle();
    let id = d.open_busy();
    let before = figures(&mut d, id);
    d.press(KeyCode::Char('3'));
    let affordable = (0..d.model.rewards.catalogue.len())
        .find(|&i| matches!(frontdesk::app::price_for(&d.model, &d.model.rewards.catalogue[i]), Some(Ok(_))))
        .expect("an affordable reward");
    for _ in 0..affordable {
        d.press(KeyCode::Down);
    }
    for _ in 0..3 {
        d.press(KeyCode::Enter);
    }
    assert_eq!(figures(&mut d, id), before);
    d.press(KeyCode::Char('y'));
    assert_eq!(figures(&mut d, id).2, before.2 + 1);
}

/// An adjustment above the clerk's limit says before the yes that it will wait for a
/// supervisor; goodwill above it too.
#[test]
fn a_change_above_the_limit_says_it_will_wait_for_approval() {
    let mut d = Driver::clerk();
    d.open_busy();
    d.press(KeyCode::Char('a'));
    d.type_str("3000");
    d.press(KeyCode::Tab);
    d.type_str("rate dispute");
    d.ctrl('s');
    let Some(Popup::Confirm(c)) = d.top() else { panic!("{:?}", d.top()) };
    assert!(c.notice.as_deref().is_some_and(|n| n.contains("waits for a Supervisor")), "{c:?}");
    assert!(c.lines.iter().any(|l| l.ends_with("(once approved)")), "{:?}", c.lines);
}

/// Roles and the desk's operator are named the same way locally and served.
#[test]
fn the_status_bar_names_who_is_at_the_desk_in_words() {
    let mut d = Driver::idle();
    let status = d.render(80, 24, &plain()).lines().nth(23).unwrap_or_default().to_string();
    assert!(status.starts_with(" no sign-in (Manager) · "), "the role the desk acts in: {status}");
    let mut s = Driver::staffed();
    s.sign_in("ana", tui_support::session::CLERK_PIN);
    let status = s.render(80, 24, &plain()).lines().nth(23).unwrap_or_default().to_string();
    assert!(status.starts_with(" Ana Clerk (Clerk) · ") || status.starts_with(" ana (Clerk) · "), "{status}");
}
