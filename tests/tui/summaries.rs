//! The Summaries tab (issue 6): every view drawn at 80×24 and 140×40, without colour (as
//! under `NO_COLOR`, text only) and with colour (text plus style runs), over the seeded
//! demo store at a fixed clock after `report rebuild` (so RFM, cohorts and the monthly
//! stays come from the engine's snapshot); the drill-down lists; and the snapshot views
//! before the first rebuild.

use crate::support::{Driver, colour, plain, screen_text, styled_text};
use crossterm::event::KeyCode;
use frontdesk_core::i18n::Lang;
use frontdesk_tui::app::summaries::SummaryView;
use frontdesk_tui::ui::theme::Theme;

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

/// The demo store after `report rebuild`, on tab 5.
fn summaries() -> Driver {
    let mut d = Driver::rebuilt();
    d.press(KeyCode::Char('5'));
    d
}

#[test]
fn every_view_over_the_demo_store() {
    let mut d = summaries();
    for view in SummaryView::ALL {
        d.go_to_view(view);
        assert!(d.model.summaries.error.is_none(), "{view:?}: {:?}", d.model.summaries.error);
        let name = format!("summary_{}", format!("{view:?}").to_lowercase());
        snap(&mut d, &name);
    }
}

#[test]
fn drill_down_from_tiers_at_risk() {
    let mut d = summaries();
    d.go_to_view(SummaryView::Tiers);
    d.press(KeyCode::Down);
    d.press(KeyCode::Down);
    d.press(KeyCode::Enter);
    snap(&mut d, "summary_tiers_at_risk_list");
}

/// Before the first `report rebuild` the snapshot views say so instead of showing figures.
#[test]
fn snapshot_views_before_the_first_rebuild() {
    let mut d = Driver::idle();
    d.press(KeyCode::Char('5'));
    for view in [SummaryView::Retention, SummaryView::Cohorts, SummaryView::Rfm] {
        d.go_to_view(view);
        let name = format!("summary_{}_not_computed", format!("{view:?}").to_lowercase());
        snap(&mut d, &name);
    }
    d.go_to_view(SummaryView::Rfm);
    d.press(KeyCode::Enter);
    assert!(d.model.summaries.list.is_none(), "no segments, nothing to open");
}

#[test]
fn cohorts_in_ascii() {
    let mut d = summaries();
    d.go_to_view(SummaryView::Cohorts);
    let ascii = Theme { ascii: true, ..plain() };
    insta::assert_snapshot!("summary_cohorts_ascii_80x24", screen_text(&d.draw(80, 24, &ascii)));
}

#[test]
fn drill_down_from_an_rfm_segment() {
    let mut d = summaries();
    d.go_to_view(SummaryView::Rfm);
    d.press(KeyCode::Down);
    d.press(KeyCode::Enter);
    assert!(d.model.summaries.error.is_none(), "{:?}", d.model.summaries.error);
    snap(&mut d, "summary_rfm_loyal_list");
}

#[test]
fn chinese_catalogue() {
    let mut d = Driver::demo(Lang::Zh);
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('5'));
    for view in [SummaryView::Tiers, SummaryView::Complaints] {
        d.go_to_view(view);
        let name = format!("zh_summary_{}", format!("{view:?}").to_lowercase());
        snap(&mut d, &name);
    }
}
