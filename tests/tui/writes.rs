//! `update` without a terminal: the actions that write (New, Edit, Post, Reverse, Adjust,
//! Fulfil, Cancel, Transition, Goodwill, FollowUp), each through its form or confirmation
//! to the store and back. The other actions are in `tui/update.rs`.

use crate::support::{CHINESE, Driver, key};
use crossterm::event::KeyCode;
use frontdesk_core::i18n::Lang;
use frontdesk_service::jobs::Job;
use frontdesk_store::ops::Command;
use frontdesk_tui::app::{FormKind, Popup, Tab};

fn demo() -> Driver {
    Driver::demo(Lang::En)
}

fn idle() -> Driver {
    Driver::idle()
}

fn top(d: &Driver) -> Option<&Popup> {
    d.top()
}

fn form(d: &Driver) -> &frontdesk_tui::app::form::Form<FormKind> {
    d.form()
}

fn confirm_lines(d: &Driver) -> Vec<String> {
    match top(d) {
        Some(Popup::Confirm(c)) => c.lines.clone(),
        other => panic!("expected a confirmation on top, got {other:?}"),
    }
}

fn open_busy(d: &mut Driver) -> u64 {
    d.open_busy()
}

#[test]
fn new() {
    let mut d = idle();
    d.press(KeyCode::Char('n'));
    assert_eq!(form(&d).kind, FormKind::Enrol);
    d.type_str("Zoë Ångström");
    d.press(KeyCode::Tab);
    d.type_str("zoe@example.org");
    d.ctrl('s');
    assert_eq!(
        confirm_lines(&d),
        ["Name: Zoë Ångström", "E-mail: zoe@example.org", "Property: LIS · Lisbon City Hotel"]
    );
    d.press(KeyCode::Char('y'));
    assert!(d.model.popups.is_empty(), "saved: the form is done");
    let msg = d.model.message.clone().expect("a status message");
    assert!(!msg.error && msg.text.contains("Zoë Ångström"), "{msg:?}");
    assert!(d.model.members.show_detail, "the new member is opened");
    assert_eq!(d.model.detail.as_ref().map(|x| x.member.name.as_str()), Some("Zoë Ångström"));
    d.press(KeyCode::Char('/'));
    d.type_str("zoe@example.org");
    assert_eq!(d.model.members.rows.first().map(|r| r.view.name.as_str()), Some("Zoë Ångström"));

    // On the Complaints tab, New logs a complaint.
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('4'));
    let before = d.model.complaints.queue.len();
    d.press(KeyCode::Char('n'));
    let zoe = d.model.member_id();
    assert!(zoe.is_some(), "the new member is the selected one");
    assert_eq!(form(&d).kind, FormKind::LogComplaint(zoe), "for the selected member");
    // The caret starts on the description (the first thing still to type); back on the
    // category, a letter picks it.
    d.type_str("Lift out of order on floor 7");
    d.press(KeyCode::BackTab);
    d.type_str("m");
    d.ctrl('s');
    let lines = confirm_lines(&d);
    assert_eq!(lines[0], "Maintenance · Normal", "words, not codes: {lines:?}");
    assert!(lines.contains(&"Lift out of order on floor 7".to_string()));
    d.press(KeyCode::Enter);
    assert!(matches!(top(&d), Some(Popup::Confirm(_))), "Enter never confirms");
    d.press(KeyCode::Char('y'));
    assert_eq!(d.model.complaints.queue.len(), before + 1);
    assert!(d.model.complaints.queue.iter().any(|c| c.description == "Lift out of order on floor 7"));
}

#[test]
fn edit() {
    let mut d = demo();
    d.open_member(CHINESE);
    let id = d.model.member_id().expect("member");
    d.press(KeyCode::Char('e'));
    assert_eq!(form(&d).kind, FormKind::EditMember(id));
    assert_eq!(form(&d).fields[0].input.value(), CHINESE, "prefilled");
    d.press(KeyCode::BackTab);
    d.type_str("素食");
    d.ctrl('s');
    d.press(KeyCode::Char('y'));
    assert_eq!(d.stored_member(id).member.notes, "素食");
    assert_eq!(d.model.detail.as_ref().map(|x| x.member.notes.as_str()), Some("素食"), "reloaded");
}

#[test]
fn post() {
    let mut d = demo();
    let id = open_busy(&mut d);
    let before = d.stored_member(id).member.balance;
    let stays = d.stored_member(id).stays.len();
    d.press(KeyCode::Char('p'));
    assert_eq!(d.model.tab, Tab::Points, "posting shows the stays");
    assert_eq!(form(&d).kind, FormKind::PostStay(id));
    assert_eq!(form(&d).focus, 1, "the caret starts on the arrival, the first thing to type");
    d.type_str("2026-11-20");
    d.press(KeyCode::Tab);
    assert_eq!(form(&d).fields[2].input.value(), "2026-11-23", "departure defaults to today");
    d.press(KeyCode::Tab);
    d.type_str("612.50");
    d.ctrl('s');
    let lines = confirm_lines(&d);
    let find = |label: &str| lines.iter().find(|l| l.starts_with(label)).cloned().unwrap_or_default();
    assert!(find("Nights: 3").contains("2026-11-20 → 2026-11-23"), "{lines:?}");
    let base: i64 = digits(&find("Base points: "));
    assert!(base > 0, "{lines:?}");
    assert!(find("Tier bonus (").contains("%):"), "{lines:?}");
    let balance = find("Balance: ");
    let after = balance.rsplit(" → ").next().map(digits).unwrap_or(0);
    assert!(balance.starts_with(&format!("Balance: {} → ", d.model.texts.number(before))), "{lines:?}");
    assert!(after >= before + base);
    assert!(d.model.popups.iter().any(|p| matches!(p, Popup::Form(_))), "the form stays under the question");
    let jobs = d.send_held(key(KeyCode::Char('y')));
    assert!(
        matches!(&jobs[..], [Job::Execute { command, reload: Some(r), .. }] if matches!(**command, Command::PostStay(_)) && *r == id)
    );
    d.run(jobs);
    let stored = d.stored_member(id);
    assert_eq!(stored.member.balance, after, "the preview told the truth");
    assert_eq!(stored.stays.len(), stays + 1);
    assert_eq!(d.model.detail.as_ref().map(|x| x.view.balance), Some(after), "the panel shows the new balance");
    assert!(d.model.popups.is_empty());
}

fn digits(s: &str) -> i64 {
    let tail = s.rsplit(": ").next().unwrap_or(s);
    tail.chars().filter(char::is_ascii_digit).collect::<String>().parse().unwrap_or(0)
}

#[test]
fn reverse() {
    let mut d = demo();
    let id = open_busy(&mut d);
    d.press(KeyCode::Char('2'));
    let detail = d.model.detail.clone().expect("member");
    let i = detail.stays.iter().position(|s| s.status.as_str() == "completed").expect("a completed stay");
    for _ in 0..i {
        d.press(KeyCode::Down);
    }
    d.press(KeyCode::Char('r'));
    let stay = &detail.stays[i];
    assert_eq!(form(&d).kind, FormKind::ReverseStay { member: id, seq: stay.seq }, "a reversal asks why");
    d.ctrl('s');
    assert!(form(&d).fields[0].error.is_some(), "the reason is required");
    d.type_str("posted to the wrong guest");
    d.ctrl('s');
    let points = stay.base_points + stay.bonus_points;
    let lines = confirm_lines(&d);
    assert!(lines[1].starts_with(&format!("#{} ", stay.seq)), "{lines:?}");
    d.press(KeyCode::Char('y'));
    let stored = d.stored_member(id);
    assert_eq!(stored.member.balance, detail.member.balance - points);
    let after = stored.stays.iter().find(|s| s.seq == stay.seq).expect("stay");
    assert_ne!(after.status.as_str(), "completed");
    assert_eq!(stored.ledger[0].reason, "posted to the wrong guest", "the ledger keeps the reason typed");
    let msg = d.model.message.clone().expect("a status message").text;
    assert!(msg.starts_with(&format!("Stay #{} reversed", stay.seq)), "not 'Stay posted': {msg}");
}

#[test]
fn adjust() {
    let mut d = demo();
    let id = open_busy(&mut d);
    let before = d.stored_member(id).member.balance;
    d.press(KeyCode::Char('a'));
    assert_eq!(form(&d).kind, FormKind::Adjust(id));
    d.type_str("-250");
    d.ctrl('s');
    assert!(form(&d).fields[1].error.is_some(), "a reason is required");
    d.type_str("late checkout dispute");
    d.ctrl('s');
    let n = |v| d.model.texts.number(v);
    let lines = confirm_lines(&d);
    assert!(lines[0].starts_with("Member: 6"), "says whose points: {lines:?}");
    assert_eq!(lines[1], format!("Balance: {} → {}", n(before), n(before - 250)));
    d.press(KeyCode::Enter);
    assert_eq!(d.stored_member(id).member.balance, before, "Enter does not confirm");
    d.press(KeyCode::Char('y'));
    assert_eq!(d.stored_member(id).member.balance, before - 250);
}

/// Redeems the first affordable reward for the busy member; returns (member id, redemption id).
fn redeem(d: &mut Driver) -> (u64, u64) {
    let id = open_busy(d);
    d.press(KeyCode::Char('3'));
    d.highlight_affordable_reward();
    d.press(KeyCode::Enter);
    assert!(confirm_lines(d).iter().any(|l| l.starts_with("Balance: ")));
    d.press(KeyCode::Enter);
    assert!(matches!(d.top(), Some(Popup::Confirm(_))), "a second Enter holds nothing");
    d.press(KeyCode::Char('y'));
    let r = d.model.detail.as_ref().and_then(|x| x.redemptions.first()).expect("redemption").clone();
    assert_eq!(r.state.as_str(), "held");
    d.press(KeyCode::Tab);
    assert!(d.model.rewards.on_redemptions);
    (id, r.id)
}

#[test]
fn fulfil() {
    let mut d = demo();
    let (id, rid) = redeem(&mut d);
    d.press(KeyCode::Char('f'));
    d.press(KeyCode::Char('y'));
    let stored = d.stored_member(id);
    assert_eq!(stored.redemptions.iter().find(|r| r.id == rid).map(|r| r.state.as_str()), Some("fulfilled"));
    d.press(KeyCode::Char('f'));
    assert!(d.model.message.as_ref().is_some_and(|m| m.error), "only held redemptions");
    assert!(d.model.popups.is_empty());
}

#[test]
fn cancel() {
    let mut d = demo();
    let (id, rid) = redeem(&mut d);
    let before = d.stored_member(id).member.balance;
    let points = d.stored_member(id).redemptions.iter().find(|r| r.id == rid).map_or(0, |r| r.points);
    d.press(KeyCode::Char('x'));
    let n = |v| d.model.texts.number(v);
    assert_eq!(confirm_lines(&d)[1], format!("Balance: {} → {}", n(before), n(before + points)));
    d.press(KeyCode::Char('n'));
    assert_eq!(d.stored_member(id).member.balance, before, "no changes nothing");
    d.press(KeyCode::Char('x'));
    d.press(KeyCode::Char('y'));
    let stored = d.stored_member(id);
    assert_eq!(stored.member.balance, before + points);
    assert_eq!(stored.redemptions.iter().find(|r| r.id == rid).map(|r| r.state.as_str()), Some("cancelled"));
}

/// Complaints tab with the first complaint of filter index `filter` that has a member.
fn complaint(d: &mut Driver, filter: usize) -> u64 {
    d.press(KeyCode::Char('4'));
    for _ in 0..filter {
        d.press(KeyCode::Char('s'));
    }
    let i = d.model.complaints.queue.iter().position(|c| c.card.is_some()).expect("a complaint with a member");
    for _ in 0..i {
        d.press(KeyCode::Down);
    }
    d.model.complaints.queue[i].id
}

#[test]
fn transition() {
    let mut d = idle();
    let id = complaint(&mut d, 1);
    d.press(KeyCode::Char('t'));
    assert_eq!(form(&d).kind, FormKind::Transition(id));
    assert_eq!(form(&d).get(frontdesk_tui::app::form::FieldId::State), "acknowledged");
    d.ctrl('s');
    assert_eq!(confirm_lines(&d), vec![format!("#{id} → Acknowledged")]);
    d.press(KeyCode::Char('y'));
    d.press(KeyCode::Char('s'));
    assert!(d.model.complaints.queue.iter().any(|c| c.id == id && c.state == "acknowledged"));
}

#[test]
fn goodwill() {
    let mut d = idle();
    let id = complaint(&mut d, 0);
    d.press(KeyCode::Char('g'));
    d.type_str("1500");
    d.ctrl('s');
    assert_eq!(confirm_lines(&d), vec![format!("#{id}"), "Goodwill: +1,500".to_string()]);
    d.press(KeyCode::Char('y'));
    assert_eq!(d.model.complaints.queue.iter().find(|c| c.id == id).map(|c| c.goodwill_points), Some(1500));
}

#[test]
fn follow_up() {
    let mut d = idle();
    let id = complaint(&mut d, 5);
    d.press(KeyCode::Char('u'));
    d.press(KeyCode::Right);
    d.ctrl('s');
    assert_eq!(confirm_lines(&d), vec![format!("#{id}: CSAT 5 · NPS 8")]);
    d.press(KeyCode::Char('y'));
    let c = d.model.complaints.queue.iter().find(|c| c.id == id).cloned().expect("still resolved");
    assert_eq!((c.csat, c.nps), (Some(5), Some(8)));
}

/// The confirmation reads the phone back as the number it will be stored as: typed the
/// national way at the Shanghai hotel, a Chinese number.
#[test]
fn enrol_confirmation_reads_the_phone_back_in_international_form() {
    let mut d = idle();
    d.press(KeyCode::Char('n'));
    d.type_str("Li Lei");
    d.press(KeyCode::Tab);
    d.press(KeyCode::Tab);
    d.type_str("138 0013 8000");
    d.press(KeyCode::Tab);
    d.press(KeyCode::Tab);
    d.type_str("S");
    d.ctrl('s');
    assert_eq!(confirm_lines(&d), ["Name: Li Lei", "Phone: +86 138 0013 8000", "Property: SHA · Shanghai Bund Hotel"]);
}
