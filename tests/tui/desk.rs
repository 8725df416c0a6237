//! The desk made safe and legible: where keys go, card readers, what an action acts on,
//! the store's sign-in state, refusals said before any confirmation, messages, text
//! fields and the keys a task costs. `update` over a real worker and a seeded demo store;
//! the drawing of these is checked in `tui/words.rs`, the real binary in `tui/desk_pty.rs`.

use crate::support;

use crate::support::Driver;
use crossterm::event::KeyCode;
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_core::i18n::Lang;
use frontdesk_service::jobs::{Done, Job, JobResult};
use frontdesk_store::ops::operator::{NewOperator, pin};
use frontdesk_store::ops::{Adjustment, Command, Ctx, MemberRef};
use frontdesk_tui::app::msg::Msg;
use frontdesk_tui::app::session::Session;
use frontdesk_tui::app::{FormKind, Popup, Tab};

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
    d.highlight_affordable_reward();
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
    assert_eq!(d.model.detail.as_ref().map(|x| x.member.name.as_str()), Some(support::CHINESE));
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

fn admin_ctx(config: &frontdesk_core::config::Config) -> Ctx<'_> {
    Ctx { config, actor: Actor::system(), now: support::now().timestamp_millis(), today: support::today() }
}

/// Operators added while the desk is open (no operator existed when it opened): the next
/// job locks the desk at the sign-in screen, shows nothing of the guest, and no write runs
/// as whoever started the process.
#[test]
fn operators_added_while_the_desk_is_open_lock_it_before_anything_runs() {
    let mut d = Driver::idle();
    let id = d.open_busy();
    let before = figures(&mut d, id);
    let config = support::config();
    let boss = NewOperator {
        login: "boss".into(),
        name: "The Boss".into(),
        role: Role::Admin,
        pin_hash: pin::hash("918273").expect("hash"),
    };
    frontdesk_store::ops::execute(d.worker.store(), &admin_ctx(&config), &Command::AddOperator(boss)).expect("add");
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
        kind: frontdesk_core::domain::ledger::EntryKind::Adjust,
        external_ref: None,
    });
    let answer = d.answers(Job::Execute { generation: 99, command: Box::new(adjust), reload: None });
    assert!(matches!(&answer[..], [Msg::Done(Done { result: JobResult::SignInRequired, .. })]), "{answer:?}");
    let stored =
        frontdesk_store::ops::member_lookup(d.worker.store(), &MemberRef::Id(id)).expect("read").expect("member");
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

/// Enter opens a question; only `y` answers it, so neither a second Enter nor a reader
/// confirms a redemption.
#[test]
fn enter_alone_never_opens_and_confirms_a_write() {
    let mut d = Driver::idle();
    let id = d.open_busy();
    let before = figures(&mut d, id);
    d.press(KeyCode::Char('3'));
    d.highlight_affordable_reward();
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
