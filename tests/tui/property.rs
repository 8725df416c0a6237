//! Property-management mode in the TUI at 80×24 over the demo store: a resident's
//! detail, their Activities panel (tab 2) with the record-activity form and its
//! confirmation, and their complaints (the log form offers the property's categories).

use crate::support::{Driver, plain};
use crossterm::event::KeyCode;
use frontdesk_core::domain::card;
use frontdesk_core::i18n::Lang;

/// The first resident of the demo's residential property: the demo enrols its 300 hotel
/// members first, so the residents' ids start at 301; household 0 is an owner's.
fn resident_card() -> String {
    card::issue("62", 301)
}

fn snap(d: &mut Driver, name: &str) {
    let text = d.render(80, 24, &plain());
    for (i, line) in text.lines().enumerate() {
        let cols = unicode_width::UnicodeWidthStr::width(line);
        assert!(cols <= 80, "{name} row {i} is {cols} columns wide: {line}");
    }
    insta::assert_snapshot!(format!("{name}_80x24"), text);
}

fn resident() -> Driver {
    let mut d = Driver::demo(Lang::En);
    d.open_member(&resident_card());
    let detail = d.model.detail.as_ref().expect("resident loaded");
    assert_eq!(detail.member.home_property, "LRG");
    assert!(detail.residence.is_some(), "the demo gives residents a residence");
    d
}

#[test]
fn a_residents_detail_shows_residence_and_recent_activities() {
    let mut d = resident();
    let screen = d.render(80, 24, &plain());
    assert!(screen.contains("Residence: A-0101 · owner"), "{screen}");
    assert!(screen.contains("Recent activities") && !screen.contains("Recent stays"), "{screen}");
    assert!(screen.contains(" 2 Activities "), "tab 2 is named for residents: {screen}");
    snap(&mut d, "resident_detail");
}

#[test]
fn tab_2_lists_a_residents_activities_and_records_a_fee_payment() {
    let mut d = resident();
    d.press(KeyCode::Char('2'));
    let screen = d.render(80, 24, &plain());
    assert!(screen.contains("Activities (") && screen.contains("on time"), "{screen}");
    snap(&mut d, "resident_activities");
    let before = d.model.detail.as_ref().map_or(0, |x| x.member.balance);
    let count = d.model.detail.as_ref().map_or(0, |x| x.activities.len());
    d.press(KeyCode::Char('p'));
    assert_eq!(d.form().kind, frontdesk_tui::app::FormKind::RecordActivity(d.model.member_id().unwrap_or(0)));
    // Activity, date, period, then the amount: required for a fee payment.
    for _ in 0..3 {
        d.press(KeyCode::Tab);
    }
    d.ctrl('s');
    let amount =
        d.form().fields.iter().find(|f| f.id == frontdesk_tui::app::form::FieldId::Amount).expect("amount field");
    assert!(amount.error.is_some(), "the empty amount is flagged");
    snap(&mut d, "resident_record_fee_required");
    d.type_str("120.00");
    // November is paid already (once per period): pay December in advance.
    d.press(KeyCode::BackTab);
    d.ctrl('u');
    d.type_str("2026-12-01");
    snap(&mut d, "resident_record_fee_form");
    d.ctrl('s');
    snap(&mut d, "resident_record_fee_confirm");
    d.press(KeyCode::Char('y'));
    let after = d.model.detail.as_ref().expect("reloaded");
    assert_eq!(after.activities.len(), count + 1, "{:?}", d.model.message);
    // 120 units at 1 point each, +100 on time, and the running +50 % promotion on it.
    assert_eq!(after.member.balance - before, 330, "{:?}", after.activities.first());
}

#[test]
fn a_residents_complaints_use_the_property_categories() {
    let mut d = resident();
    d.press(KeyCode::Char('4'));
    d.press(KeyCode::Char('n'));
    let categories: Vec<String> = match &d.form().fields[0].kind {
        frontdesk_tui::app::form::FieldKind::Choice(list, _) => list.iter().map(|c| c.code.clone()).collect(),
        other => panic!("category is a choice: {other:?}"),
    };
    assert_eq!(categories.first().map(String::as_str), Some("repairs"), "{categories:?}");
    assert!(!categories.iter().any(|c| c == "wifi"));
    snap(&mut d, "resident_log_complaint");
    d.press(KeyCode::Esc);
    d.press(KeyCode::Esc);
    // The queue narrowed to the residential property, one repair request opened.
    d.model.complaints.narrow.property = Some("LRG".into());
    d.model.complaints.narrow.category = Some("repairs".into());
    d.ctrl('r');
    assert!(d.model.complaints.queue.iter().all(|c| c.property == "LRG" && c.category == "repairs"));
    assert!(!d.model.complaints.queue.is_empty(), "open repair requests in the demo");
    d.press(KeyCode::Enter);
    snap(&mut d, "resident_complaint_detail");
}

#[test]
fn the_edit_form_of_a_resident_carries_building_unit_and_role() {
    let mut d = resident();
    d.press(KeyCode::Char('e'));
    let form = d.form();
    assert_eq!(form.get(frontdesk_tui::app::form::FieldId::Building), "A");
    assert_eq!(form.get(frontdesk_tui::app::form::FieldId::Unit), "0101");
    assert_eq!(form.get(frontdesk_tui::app::form::FieldId::Role), "owner");
    let unit = form.fields.iter().position(|f| f.id == frontdesk_tui::app::form::FieldId::Unit).expect("unit field");
    for _ in 0..unit {
        d.press(KeyCode::Tab);
    }
    d.ctrl('u');
    d.type_str("0102");
    snap(&mut d, "resident_edit_form");
    d.ctrl('s');
    d.press(KeyCode::Char('y'));
    let r = d.model.detail.as_ref().and_then(|x| x.residence.clone()).expect("residence");
    assert_eq!((r.building.as_str(), r.unit.as_str()), ("A", "0102"), "{:?}", d.model.message);
}

#[test]
fn summaries_show_the_residential_figures_beside_retention() {
    let mut d = Driver::demo(Lang::En);
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('5'));
    while d.model.summaries.view != frontdesk_tui::app::summaries::SummaryView::Property {
        d.press(KeyCode::Char(']'));
    }
    // The desk's own property is a hotel: the view says how to get to a residence.
    let hotel = d.render(80, 24, &plain());
    assert!(hotel.contains("No residential or commercial property"), "{hotel}");
    for _ in 0..8 {
        if d.model.summaries.property.as_deref() == Some("LRG") {
            break;
        }
        d.press(KeyCode::Char('s'));
    }
    let screen = d.render(80, 24, &plain());
    for part in ["LRG (residential)", "Fee punctuality", "Repair turnaround", "Tenancy renewal"] {
        assert!(screen.contains(part), "{part}: {screen}");
    }
    snap(&mut d, "resident_summaries_property");
}

#[test]
fn the_chinese_catalogue_fits_a_residents_activities() {
    let mut d = Driver::demo(Lang::Zh);
    d.open_member(&resident_card());
    d.press(KeyCode::Char('2'));
    let screen = d.render(80, 24, &plain());
    assert!(screen.contains("活动（") && screen.contains("按时"), "{screen}");
    snap(&mut d, "zh_resident_activities");
}
