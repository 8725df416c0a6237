//! The Office tab through `update` and the worker: a clerk's adjustment above the limit
//! waits, a supervisor or above approves or rejects it in the queue, and managers read
//! the audit trail. Snapshots at 80×24 and 140×40.

use crate::support::session::{BOSS_PIN, CLERK_PIN};
use crate::support::{Driver, plain};
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use frontdesk_core::domain::approval::ApprovalState;
use frontdesk_core::domain::promotion::{Effect, Eligibility};
use frontdesk_service::jobs::Job;
use frontdesk_store::ops::{Command, PromotionInput};
use frontdesk_tui::app::Popup;
use frontdesk_tui::app::Tab;
use frontdesk_tui::app::office::OfficeView;

fn snap(d: &mut Driver, name: &str) {
    for (w, h) in [(80, 24), (140, 40)] {
        let text = d.render(w, h, &plain());
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
}

/// Signed in as the clerk, the busiest member open, an adjustment of `points` asked for.
fn clerk_asks(points: &str) -> (Driver, u64) {
    let mut d = Driver::staffed();
    d.sign_in("ana", CLERK_PIN);
    let id = d.open_busy();
    d.press(KeyCode::Char('a'));
    d.type_str(points);
    d.press(KeyCode::Enter);
    d.type_str("rate dispute, folio 7781");
    d.press(KeyCode::Enter);
    if let Some(Popup::Confirm(c)) = d.top() {
        // Known before the yes: above the clerk's limit, the change waits for approval.
        let above = points.parse::<i64>().is_ok_and(|p| p.abs() > 1_000);
        assert_eq!(c.notice.as_deref().is_some_and(|n| n.contains("waits for a Supervisor")), above, "{c:?}");
    }
    d.press(KeyCode::Char('y'));
    (d, id)
}

#[test]
fn an_adjustment_above_the_clerk_limit_waits_and_a_higher_role_approves_it_in_the_queue() {
    let (mut d, id) = clerk_asks("3000");
    let before = d.stored_member(id).member.balance;
    let said = d.model.message.clone().map(|m| m.text).unwrap_or_default();
    assert!(said.contains("request #1") && said.contains("Supervisor"), "{said}");
    d.press(KeyCode::Char('6'));
    assert_eq!(d.model.tab, Tab::Office);
    assert_eq!(d.model.office.approvals.len(), 1, "a clerk sees the queue");
    d.press(KeyCode::Enter);
    assert!(d.model.popups.is_empty(), "no confirmation for what cannot be done");
    let said = d.model.message.clone().map(|m| m.text).unwrap_or_default();
    assert!(said.contains("own"), "nobody approves their own request, and it is said before any yes: {said}");
    d.hand_over("boss", BOSS_PIN);
    d.press(KeyCode::Char('6'));
    snap(&mut d, "office_approvals");
    d.press(KeyCode::Enter);
    snap(&mut d, "office_confirm_approve");
    d.press(KeyCode::Char('y'));
    assert_eq!(d.stored_member(id).member.balance, before + 3000);
    assert!(d.model.office.approvals.is_empty(), "the queue reloads without it");
    let last = d.stored_member(id).ledger.into_iter().next().expect("a posting");
    assert_eq!((last.operator.as_str(), last.approver.as_deref()), ("ana", Some("boss")));
}

#[test]
fn a_rejection_asks_for_a_note_and_leaves_the_balance() {
    let (mut d, id) = clerk_asks("-2000");
    let before = d.stored_member(id).member.balance;
    d.hand_over("boss", BOSS_PIN);
    // The new operator starts in the search box of an empty Members tab.
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('6'));
    d.press(KeyCode::Char('x'));
    d.press(KeyCode::Enter);
    assert!(d.form().fields[0].error.is_some(), "the note is required");
    d.type_str("no folio found");
    d.press(KeyCode::Enter);
    d.press(KeyCode::Char('y'));
    assert_eq!(d.stored_member(id).member.balance, before);
    d.press(KeyCode::Char('s'));
    let list = &d.model.office.approvals;
    assert_eq!(list.len(), 1, "pending/all shows the decided one");
    assert_eq!(list[0].state, ApprovalState::Rejected);
    assert_eq!(list[0].decision_note, "no folio found");
}

#[test]
fn managers_read_the_audit_trail_and_clerks_do_not() {
    let (mut d, _) = clerk_asks("3000");
    d.press(KeyCode::Char('6'));
    d.press(KeyCode::Char(']'));
    assert_eq!(d.model.office.view, OfficeView::Promotions, "a clerk skips the audit trail");
    d.press(KeyCode::Char(']'));
    assert_eq!(d.model.office.view, OfficeView::Approvals, "and comes round to the queue");
    d.hand_over("boss", BOSS_PIN);
    d.press(KeyCode::Char('6'));
    d.press(KeyCode::Char(']'));
    assert_eq!(d.model.office.view, OfficeView::Audit);
    let commands: Vec<&str> = d.model.office.audit.iter().map(|e| e.command.as_str()).collect();
    assert!(commands.contains(&"approval.request") && commands.contains(&"operator.sign_in"), "{commands:?}");
    snap(&mut d, "office_audit");
    d.press(KeyCode::Char('s'));
    d.press(KeyCode::Char('s'));
    assert!(d.model.office.audit.iter().all(|e| e.operator == "boss"), "my own actions");
}

/// A manager's demo desk with a November double-points promotion capped at 1,000 points a
/// member and a fixed 250-point bonus.
fn with_promotions() -> Driver {
    let mut d = Driver::idle();
    for (code, name, effect, cap) in [
        ("NOV-DOUBLE", "November double points", Effect::Multiplier { percent: 200 }, Some(1_000)),
        ("WELCOME", "Winter welcome bonus", Effect::Fixed { points: 250 }, None),
    ] {
        let input = PromotionInput {
            code: code.into(),
            name: name.into(),
            starts: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            ends: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            eligibility: Eligibility::default(),
            effect,
            member_cap: cap,
            budget: Some(50_000),
        };
        let job =
            Job::Execute { generation: 0, command: Box::new(Command::AddPromotion(Box::new(input))), reload: None };
        let _ = d.answers(job);
    }
    d
}

#[test]
fn posting_a_stay_previews_the_promotions_it_earns() {
    let mut d = with_promotions();
    let id = d.open_busy();
    let before = d.stored_member(id).member.balance;
    d.press(KeyCode::Char('p'));
    d.type_str("2026-11-20");
    d.press(KeyCode::Tab);
    d.press(KeyCode::Tab);
    d.type_str("612.50");
    d.ctrl('s');
    let Some(Popup::Confirm(c)) = d.top() else { panic!("a confirmation") };
    let lines = c.lines.join("\n");
    assert!(lines.contains("Promotion NOV-DOUBLE: +1,000 (cap or budget reached)"), "{lines}");
    assert!(lines.contains("Promotion WELCOME: +250"), "{lines}");
    let promised: i64 = c
        .lines
        .iter()
        .find_map(|l| l.strip_prefix("Balance: "))
        .and_then(|l| l.rsplit(" → ").next())
        .map(|v| v.replace(',', "").parse().unwrap())
        .expect("a balance line");
    snap(&mut d, "office_stay_promotion_preview");
    d.press(KeyCode::Char('y'));
    let after = d.stored_member(id).member.balance;
    assert_eq!(after, promised, "the preview is what was posted");
    assert!(after - before > 1_250);
    d.press(KeyCode::Char('6'));
    d.press(KeyCode::Char(']'));
    d.press(KeyCode::Char(']'));
    snap(&mut d, "office_promotions");
    let spent: Vec<(&str, i64)> =
        d.model.office.promotions.iter().map(|o| (o.promotion.code.as_str(), o.spent)).collect();
    assert!(spent.ends_with(&[("NOV-DOUBLE", 1_000), ("WELCOME", 250)]), "{spent:?}");
}
