//! `update` on the Summaries tab without a terminal: moving between views, loading
//! through the worker, the property filter, drill-down into members and on to tab 1, and
//! `Esc` back, over the seeded demo store.

use crate::support::{Driver, key, today};
use crossterm::event::KeyCode;
use frontdesk_core::i18n::errors::Os;
use frontdesk_service::jobs::{Done, Job, JobResult};
use frontdesk_service::reports::{ListRequest, Report, ReportKind};
use frontdesk_tui::app::Tab;
use frontdesk_tui::app::msg::Msg;
use frontdesk_tui::app::summaries::SummaryView;

fn summaries() -> Driver {
    let mut d = Driver::idle();
    d.press(KeyCode::Char('5'));
    assert_eq!(d.model.tab, Tab::Summaries);
    d
}

#[test]
fn next_view() {
    let mut d = summaries();
    assert_eq!(d.model.summaries.view, SummaryView::Overview);
    // The job goes to the worker; until it answers the view says it is loading.
    let jobs = d.send_held(key(KeyCode::Char(']')));
    assert_eq!(d.model.summaries.view, SummaryView::Tiers);
    let [Job::LoadReport { kind, as_of, property, generation }] = jobs.as_slice() else { panic!("{jobs:?}") };
    assert_eq!((*kind, *as_of, property.as_deref()), (ReportKind::Tiers, today(), Some("LIS")));
    assert_eq!(d.model.summaries.loading, Some(*generation));
    d.run(jobs);
    assert_eq!(d.model.summaries.loading, None);
    assert!(matches!(d.model.summaries.report(ReportKind::Tiers), Some(Report::Tiers(r)) if r.members > 0));
    // → is the same action; the last view wraps round to the first.
    d.press(KeyCode::Right);
    assert_eq!(d.model.summaries.view, SummaryView::Retention);
    d.go_to_view(SummaryView::Birthdays);
    d.press(KeyCode::Char(']'));
    assert_eq!(d.model.summaries.view, SummaryView::Overview);
    assert_eq!(d.model.busy, 0, "every job answered");
}

#[test]
fn prev_view() {
    let mut d = summaries();
    d.press(KeyCode::Char('['));
    assert_eq!(d.model.summaries.view, SummaryView::Birthdays);
    d.press(KeyCode::Left);
    assert_eq!(d.model.summaries.view, SummaryView::Satisfaction);
    // Cohorts share the retention report: moving between them loads it once.
    d.go_to_view(SummaryView::Retention);
    let jobs = d.send_held(key(KeyCode::Char(']')));
    assert_eq!(d.model.summaries.view, SummaryView::Cohorts);
    assert!(jobs.is_empty(), "retention is already loaded: {jobs:?}");
}

#[test]
fn every_view_loads_without_error() {
    let mut d = summaries();
    for view in SummaryView::ALL {
        d.go_to_view(view);
        assert!(d.model.summaries.error.is_none(), "{view:?}: {:?}", d.model.summaries.error);
        if let Some(kind) = view.report() {
            assert!(d.model.summaries.report(kind).is_some(), "{view:?} loaded");
        }
    }
    // RFM has no snapshot on this store: the engine says so and nothing can be opened.
    d.go_to_view(SummaryView::Rfm);
    assert_eq!(d.model.summaries.report(ReportKind::Rfm), Some(&Report::Rfm(None)));
    d.press(KeyCode::Enter);
    assert!(d.model.summaries.list.is_none());
}

#[test]
fn drill_down_from_tier_at_risk_to_a_member_and_back() {
    let mut d = summaries();
    d.go_to_view(SummaryView::Tiers);
    d.press(KeyCode::Down);
    d.press(KeyCode::Down);
    d.press(KeyCode::Down);
    assert_eq!(d.model.summaries.cursor.index(), 2, "three rows: upgraded, on track, at risk");
    d.press(KeyCode::Enter);
    let list = d.model.summaries.list.clone().expect("list open");
    assert_eq!(list.request, ListRequest::Tiers("at_risk".into()));
    let members = list.members.expect("list loaded").members;
    assert!(!members.is_empty());
    assert!(members.iter().all(|r| r.figure.starts_with("needs ")), "{members:?}");
    d.press(KeyCode::Down);
    let want = members.get(1).map(|r| r.id).expect("two at risk");
    d.press(KeyCode::Enter);
    assert_eq!(d.model.tab, Tab::Members);
    assert!(d.model.members.show_detail);
    assert_eq!(d.model.member_id(), Some(want), "the highlighted member is open in tab 1");
    // Esc in tab 1 comes back to the list; Esc again back to the tiers.
    d.press(KeyCode::Esc);
    assert_eq!(d.model.tab, Tab::Summaries);
    assert!(d.model.summaries.list.is_some());
    assert_eq!(d.model.summaries.list.as_ref().map(|l| l.cursor.index()), Some(1));
    d.press(KeyCode::Esc);
    assert!(d.model.summaries.list.is_none());
    assert_eq!(d.model.summaries.view, SummaryView::Tiers);
    // Esc with nothing open stays put.
    d.press(KeyCode::Esc);
    assert_eq!((d.model.tab, d.model.summaries.view), (Tab::Summaries, SummaryView::Tiers));
}

#[test]
fn enter_on_a_birthday_opens_the_member() {
    let mut d = summaries();
    d.go_to_view(SummaryView::Birthdays);
    let Some(Report::Birthdays(b)) = d.model.summaries.report(ReportKind::Birthdays).cloned() else {
        panic!("birthdays loaded")
    };
    assert!(b.birthdays.len() >= 2 && b.birthdays.iter().all(|x| x.member.property == "LIS"));
    d.press(KeyCode::Down);
    d.press(KeyCode::Enter);
    assert_eq!(d.model.tab, Tab::Members);
    assert_eq!(d.model.member_id(), b.birthdays.get(1).map(|x| x.member.id));
    // Leaving tab 1 by a tab key forgets the way back.
    d.press(KeyCode::Char('2'));
    d.press(KeyCode::Char('1'));
    d.press(KeyCode::Esc);
    assert_eq!(d.model.tab, Tab::Members);
}

#[test]
fn the_property_filter_cycles_and_reloads() {
    let mut d = summaries();
    d.go_to_view(SummaryView::Tiers);
    let members = |d: &Driver| match d.model.summaries.report(ReportKind::Tiers) {
        Some(Report::Tiers(r)) => (r.property.clone(), r.members),
        other => panic!("{other:?}"),
    };
    let (p, lis) = members(&d);
    assert_eq!(p.as_deref(), Some("LIS"), "the desk's property first");
    let mut seen = vec![(p, lis)];
    for _ in 0..d.model.config.properties.len() {
        d.press(KeyCode::Char('s'));
        seen.push(members(&d));
    }
    let all = seen.iter().find(|(p, _)| p.is_none()).expect("all properties on the way").1;
    let sum: u64 = seen.iter().filter(|(p, _)| p.is_some()).map(|(_, n)| n).sum();
    assert_eq!(all, sum, "the properties add up to the whole store: {seen:?}");
    d.press(KeyCode::Char('s'));
    assert_eq!(d.model.summaries.property.as_deref(), Some("LIS"), "back round to the desk's property");
}

#[test]
fn a_report_for_another_property_is_dropped() {
    let mut d = summaries();
    d.go_to_view(SummaryView::Tiers);
    let jobs = d.send_held(key(KeyCode::Char('s')));
    let stale = d.answers(Job::LoadReport { generation: 0, kind: ReportKind::Tiers, as_of: today(), property: None });
    let now = d.model.summaries.property.clone();
    assert_ne!(now, None, "the filter moved from LIS to the next property, not to all");
    for msg in stale {
        d.send(msg);
    }
    assert!(d.model.summaries.report(ReportKind::Tiers).is_none(), "the all-properties answer is stale");
    d.run(jobs);
    assert!(matches!(d.model.summaries.report(ReportKind::Tiers), Some(Report::Tiers(r)) if r.property == now));
}

#[test]
fn a_failed_load_is_shown_and_refresh_retries() {
    let mut d = summaries();
    let jobs = d.send_held(key(KeyCode::Char(']')));
    let Some(Job::LoadReport { generation, .. }) = jobs.first() else { panic!("{jobs:?}") };
    d.send(Msg::Done(Done {
        generation: *generation,
        result: JobResult::Failed(Os::Error { error: "store busy".into() }.into()),
    }));
    assert_eq!(d.model.summaries.error.as_deref(), Some("store busy"));
    assert_eq!(d.model.summaries.loading, None);
    assert!(d.model.message.as_ref().is_some_and(|m| m.error && m.text == "store busy"));
    d.ctrl('r');
    assert!(d.model.summaries.error.is_none());
    assert!(d.model.summaries.report(ReportKind::Tiers).is_some());
}
