//! The Summaries tab (issue 6): every view drawn at 80×24 and 140×40, without colour (as
//! under `NO_COLOR`, text only) and with colour (text plus style runs), over the seeded
//! demo store at a fixed clock; the drill-down list; and the views the engine cannot
//! fill yet on this store (cohorts, RFM) with a hand-made report fed through `update`.

mod tui_support;

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use frontdesk::app::msg::{Done, JobResult, Msg};
use frontdesk::app::summaries::{Report, SummaryView};
use frontdesk::domain::analytics::{
    CohortMatrix, CohortRow, MonthCount, RfmReport, SEGMENTS, SegmentCount, SnapshotInfo,
};
use frontdesk::i18n::Lang;
use frontdesk::ui::theme::Theme;
use tui_support::{Driver, colour, plain, screen_text, styled_text};

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

/// Snapshots the screen at both sizes, without and with colour.
fn snap(d: &mut Driver, name: &str) {
    for (w, h) in SIZES {
        let text = d.render(w, h, &plain());
        for (i, line) in text.lines().enumerate() {
            let cols = unicode_width::UnicodeWidthStr::width(line);
            assert!(cols <= usize::from(w), "{name} {w}x{h} row {i} is {cols} columns wide: {line}");
        }
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
        let styled = styled_text(&d.draw(w, h, &colour()));
        insta::assert_snapshot!(format!("{name}_{w}x{h}_colour"), styled);
    }
}

/// The demo store on tab 5.
fn summaries() -> Driver {
    let mut d = Driver::idle();
    d.press(KeyCode::Char('5'));
    d
}

fn go_to(d: &mut Driver, view: SummaryView) {
    for _ in 0..SummaryView::ALL.len() {
        if d.model.summaries.view == view {
            return;
        }
        d.press(KeyCode::Char(']'));
    }
    panic!("view {view:?} not reached");
}

#[test]
fn every_view_over_the_demo_store() {
    let mut d = summaries();
    for view in SummaryView::ALL {
        go_to(&mut d, view);
        assert!(d.model.summaries.error.is_none(), "{view:?}: {:?}", d.model.summaries.error);
        let name = format!("summary_{}", format!("{view:?}").to_lowercase());
        snap(&mut d, &name);
    }
}

#[test]
fn drill_down_from_tiers_at_risk() {
    let mut d = summaries();
    go_to(&mut d, SummaryView::Tiers);
    d.press(KeyCode::Down);
    d.press(KeyCode::Down);
    d.press(KeyCode::Enter);
    snap(&mut d, "summary_tiers_at_risk_list");
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn feed(d: &mut Driver, report: Report) {
    let property = d.model.summaries.property.clone();
    d.send(Msg::Done(Done { generation: 0, result: JobResult::Report { property, report: Box::new(report) } }));
}

/// A cohort matrix as the engine's snapshot would give it: 14 monthly cohorts.
fn cohort_fixture(d: &mut Driver) {
    go_to(d, SummaryView::Cohorts);
    let Some(Report::Retention(mut r)) =
        d.model.summaries.report(frontdesk::app::summaries::ReportKind::Retention).cloned()
    else {
        panic!("retention loaded");
    };
    let months: Vec<String> = (0..14).map(|i| format!("{}-{:02}", 2025 + (9 + i) / 12, (9 + i) % 12 + 1)).collect();
    let rows = months
        .iter()
        .enumerate()
        .map(|(i, m)| CohortRow {
            cohort: m.clone(),
            members: 10 + (i as u64 * 7) % 23,
            returning: (0..14 - i)
                .map(|k| if k == 0 { 1.0 } else { (0.62 - 0.06 * k as f64 + 0.03 * (i % 3) as f64).max(0.0) })
                .collect(),
        })
        .collect();
    let monthly_stays = months
        .iter()
        .enumerate()
        .map(|(i, m)| MonthCount { month: m.clone(), stays: 20 + (i as u64 * 13) % 31 })
        .collect();
    r.cohorts = Some(CohortMatrix {
        snapshot: SnapshotInfo { as_of: date(2026, 11, 23), computed_at: 0 },
        rows,
        monthly_stays,
    });
    feed(d, Report::Retention(r));
}

#[test]
fn cohorts_and_monthly_stays_from_a_snapshot() {
    let mut d = summaries();
    cohort_fixture(&mut d);
    snap(&mut d, "summary_cohorts_snapshot");
    let ascii = Theme { ascii: true, ..plain() };
    insta::assert_snapshot!("summary_cohorts_snapshot_ascii_80x24", screen_text(&d.draw(80, 24, &ascii)));
    d.press(KeyCode::Char('['));
    snap(&mut d, "summary_retention_snapshot");
}

#[test]
fn rfm_segments_from_a_snapshot() {
    let mut d = summaries();
    go_to(&mut d, SummaryView::Rfm);
    let counts = [14u64, 31, 22, 18, 27, 40, 33];
    let total: u64 = counts.iter().sum();
    let segments = SEGMENTS
        .iter()
        .zip(counts)
        .map(|(s, n)| SegmentCount {
            segment: *s,
            label: s.label().into(),
            members: n,
            share: Some(n as f64 / total as f64),
        })
        .collect();
    let report = RfmReport {
        snapshot: SnapshotInfo { as_of: date(2026, 11, 23), computed_at: 0 },
        property: d.model.summaries.property.clone(),
        window_months: 24,
        members_scored: total,
        segments,
        recency_days_edges: vec![30, 90, 200, 400],
        frequency_edges: vec![1, 2, 3, 5],
        monetary_minor_edges: vec![20_000, 50_000, 90_000, 200_000],
    };
    feed(&mut d, Report::Rfm(Some(report)));
    d.press(KeyCode::Down);
    snap(&mut d, "summary_rfm_snapshot");
}

#[test]
fn chinese_catalogue() {
    let mut d = Driver::demo(Lang::Zh);
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('5'));
    for view in [SummaryView::Tiers, SummaryView::Complaints] {
        go_to(&mut d, view);
        let name = format!("zh_summary_{}", format!("{view:?}").to_lowercase());
        snap(&mut d, &name);
    }
}
