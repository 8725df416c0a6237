//! `update` without a terminal, continued: list filters, narrowing, refresh, reveal, and
//! keys that arrive oddly (Esc typed fast before a tab key). Jobs run synchronously on a
//! real worker over a seeded demo store.

use crate::support::{Driver, LATIN, key};
use crossterm::event::KeyCode;
use frontdesk_service::jobs::Job;
use frontdesk_tui::app::msg::Msg;

#[test]
fn filter() {
    let mut d = Driver::idle();
    d.press(KeyCode::Char('4'));
    d.press(KeyCode::Char('s'));
    assert!(d.model.complaints.queue.iter().all(|c| c.state == "open"));
    for _ in 0..5 {
        d.press(KeyCode::Char('s'));
    }
    assert!(!d.model.complaints.queue.is_empty());
    assert!(d.model.complaints.queue.iter().all(|c| c.state == "closed"));
    let _ = d.open_busy();
    d.press(KeyCode::Char('2'));
    d.press(KeyCode::Char('s'));
    assert_eq!(d.model.points.list, frontdesk_tui::app::PointsList::Ledger);
    assert!(frontdesk_tui::app::ledger_rows(&d.model).iter().all(|p| p.net() > 0));
    d.press(KeyCode::Char('s'));
    let debits = frontdesk_tui::app::ledger_rows(&d.model);
    assert!(!debits.is_empty() && debits.iter().all(|p| p.net() < 0));
}

#[test]
fn filter_by_narrows_the_queue_by_category_severity_and_property() {
    let mut d = Driver::idle();
    d.press(KeyCode::Char('4'));
    let all = d.model.complaints.queue.len();
    d.press(KeyCode::Char('F'));
    assert!(matches!(d.model.popups.last(), Some(frontdesk_tui::app::Popup::Form(_))));
    // Category: step right until "noise"; severity and property stay "any".
    for _ in 0..30 {
        let Some(frontdesk_tui::app::Popup::Form(f)) = d.model.popups.last() else { break };
        if f.get(frontdesk_tui::app::form::FieldId::Category) == "noise" {
            break;
        }
        d.press(KeyCode::Right);
    }
    d.ctrl('s');
    assert!(d.model.popups.is_empty(), "narrowing writes nothing, so it needs no confirmation");
    assert_eq!(d.model.complaints.narrow.category.as_deref(), Some("noise"));
    assert!(d.model.complaints.queue.len() < all);
    assert!(d.model.complaints.queue.iter().all(|c| c.category == "noise"));
}

#[test]
fn refresh() {
    let mut d = Driver::idle();
    d.press(KeyCode::Char('5'));
    d.model.summary.members = 0;
    d.ctrl('r');
    assert_eq!(d.model.summary.members, 329, "300 guests, 26 residents, 3 extra");
    d.press(KeyCode::Char('4'));
    d.model.complaints.queue.clear();
    d.ctrl('r');
    assert!(!d.model.complaints.queue.is_empty());
    d.press(KeyCode::Char('3'));
    d.model.rewards.catalogue.clear();
    d.ctrl('r');
    assert!(!d.model.rewards.catalogue.is_empty());
}

#[test]
fn reveal() {
    let mut d = Driver::idle();
    assert!(d.send_held(key(KeyCode::Char('v'))).is_empty(), "no member open: nothing to reveal");
    d.open_member(LATIN);
    let jobs = d.send_held(key(KeyCode::Char('v')));
    assert!(
        matches!(jobs.as_slice(), [Job::Execute { command, reload: None, .. }] if matches!(**command, frontdesk_store::ops::Command::RevealContact { .. })),
        "{jobs:?}"
    );
    d.run(jobs);
    assert_eq!(d.model.members.revealed.as_ref().map(|c| c.card.clone()), Some(d.extra.latin.clone()));
    assert!(d.model.message.as_ref().is_some_and(|m| m.text.contains("audited") && !m.error));
    d.press(KeyCode::Esc);
    assert!(d.model.members.revealed.is_none(), "leaving the member drops the reveal");
    d.press(KeyCode::Char('/'));
    d.type_str("v");
    assert!(d.model.members.query.value().ends_with('v'), "v while typing a search is a letter");
}

#[test]
fn esc_then_a_tab_key_typed_fast_arrives_as_alt_and_still_switches_tab() {
    let mut d = Driver::idle();
    d.press(KeyCode::Char('/'));
    d.type_str("ana");
    d.send(frontdesk_tui::app::msg::Msg::Key(crossterm::event::KeyEvent::new(
        KeyCode::Char('4'),
        crossterm::event::KeyModifiers::ALT,
    )));
    assert_eq!(d.model.tab, frontdesk_tui::app::Tab::Complaints);
    assert_eq!(d.model.members.query.value(), "ana", "the search text is kept");
}

#[test]
fn the_status_bar_says_search_is_being_prepared_until_the_worker_is_ready() {
    let mut d = Driver::idle();
    let _ = frontdesk_tui::app::startup(&mut d.model);
    let before = d.model.busy;
    assert_eq!(d.model.message.as_ref().map(|m| m.text.as_str()), Some("Preparing search…"));
    d.send(Msg::Done(frontdesk_service::jobs::Done {
        generation: 0,
        result: frontdesk_service::jobs::JobResult::Ready(1_234),
    }));
    assert_eq!(d.model.busy, before - 1);
    assert_eq!(d.model.message.as_ref().map(|m| m.text.as_str()), Some("Search ready: 1,234 members."));
}
