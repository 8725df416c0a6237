//! Contact data in the terminal UI for a clerk: masked in search rows, the member detail
//! and the edit form; `v` reveals it (one audit event) until the clerk leaves the member;
//! saving an edit that left the masked fields alone does not touch them.

use crate::support::{Driver, LATIN, plain};
use crossterm::event::KeyCode;
use frontdesk_store::ops::Command;
use frontdesk_tui::app::Popup;

/// The Latin test member's phone as stored, and as a clerk sees it.
const WHOLE: &str = "+4791234567";
const MASKED: &str = "+47 •••• 4567";

#[test]
fn a_clerk_sees_the_phone_masked_until_revealing_it_once() {
    let mut d = Driver::clerk();
    let card = d.extra.latin.clone();
    d.press(KeyCode::Char('/'));
    d.type_str("4567");
    let row = d.model.members.rows.iter().find(|r| r.view.card == card).expect("found by phone tail");
    assert_eq!(row.view.phone.as_deref(), Some(MASKED), "search rows are masked");
    d.open_member(LATIN);
    let detail = d.model.detail.as_ref().expect("detail");
    assert_eq!(detail.view.phone.as_deref(), Some(MASKED));
    assert_eq!(detail.member.phone.as_deref(), Some(MASKED), "the record the UI keeps is masked too");
    for (w, h) in [(80, 24), (140, 40)] {
        let text = d.render(w, h, &plain());
        assert!(text.contains(MASKED) && !text.contains(WHOLE), "{text}");
        insta::assert_snapshot!(format!("member_detail_clerk_{w}x{h}"), text);
    }

    d.press(KeyCode::Char('v'));
    let detail = d.model.detail.as_ref().expect("detail");
    assert_eq!(detail.view.phone.as_deref(), Some(WHOLE), "revealed");
    let message = d.model.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(message.contains("audited"), "{message}");
    for (w, h) in [(80, 24), (140, 40)] {
        insta::assert_snapshot!(format!("member_detail_clerk_revealed_{w}x{h}"), d.render(w, h, &plain()));
    }
    // A reload after a write keeps the reveal while the member stays open.
    d.press(KeyCode::Char('e'));
    d.ctrl('s');
    d.press(KeyCode::Char('y'));
    assert_eq!(d.model.detail.as_ref().and_then(|x| x.view.phone.clone()).as_deref(), Some(WHOLE));

    // Leaving the member masks it again.
    d.press(KeyCode::Esc);
    d.open_member(LATIN);
    assert_eq!(d.model.detail.as_ref().and_then(|x| x.view.phone.clone()).as_deref(), Some(MASKED));
    let reveals = d.audit_of(&card).into_iter().filter(|c| c == "member.reveal").count();
    assert_eq!(reveals, 1, "exactly one reveal was audited");
}

#[test]
fn an_edit_that_leaves_masked_fields_alone_does_not_send_them() {
    let mut d = Driver::clerk();
    d.open_member(LATIN);
    d.press(KeyCode::Char('e'));
    let phone = d.form().fields.iter().find(|f| f.id == frontdesk_tui::app::form::FieldId::Phone).expect("phone field");
    assert_eq!(phone.value(), MASKED);
    d.ctrl('s');
    let Some(Popup::Confirm(c)) = d.top() else { panic!("a confirmation, got {:?}", d.top()) };
    let Command::UpdateMember(_, changes) = &c.command else { panic!("an update, got {:?}", c.command) };
    assert_eq!((changes.email.as_deref(), changes.phone.as_deref()), (None, None));

    // Typing next to the mask is refused inline: reveal first.
    d.press(KeyCode::Esc);
    let at =
        d.form().fields.iter().position(|f| f.id == frontdesk_tui::app::form::FieldId::Phone).expect("phone field");
    while d.form().focus != at {
        d.press(KeyCode::Tab);
    }
    d.type_str("9");
    d.ctrl('s');
    let phone = d.form().fields.iter().find(|f| f.id == frontdesk_tui::app::form::FieldId::Phone).expect("phone field");
    assert!(phone.error.as_deref().is_some_and(|e| e.contains("reveal")), "{:?}", phone.error);
}

#[test]
fn an_erased_member_leaves_the_search_index() {
    let mut d = Driver::demo(frontdesk_core::i18n::Lang::En);
    let card = d.extra.latin.clone();
    let command = Box::new(Command::EraseMember {
        member: frontdesk_store::ops::MemberRef::Card(card.clone()),
        reason: "GDPR request 7".into(),
    });
    d.run(vec![frontdesk_service::jobs::Job::Execute { generation: 1, command, reload: None }]);
    for query in ["Ingrid", "Halvorsen", "4567", "erased"] {
        d.press(KeyCode::Char('/'));
        d.ctrl('u');
        d.type_str(query);
        assert!(d.model.members.rows.iter().all(|r| r.view.card != card), "{query} still finds the erased member");
    }
    d.ctrl('u');
    d.type_str(&card);
    let row = d.model.members.rows.first().expect("found by card");
    assert_eq!((row.view.name.as_str(), row.view.phone.as_deref()), (format!("erased {card}").as_str(), None));
}
