//! Points liability: where the points earned went (bars on the scale of points earned)
//! and what expires soon.

use super::chart::{BarRow, BarTable};
use super::{below, note};
use crate::app::Model;
use crate::ui::text::{Col, labels, width};
use crate::ui::theme::Theme;
use frontdesk_core::domain::analytics::LiabilityReport;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Draws the Liability view.
pub(crate) fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, r: &LiabilityReport) {
    let n = |v: i64| m.texts.number(v);
    let mut rows = vec![(m.t("summary.earned"), r.earned)];
    match (r.redeemed, r.expired) {
        (Some(red), Some(exp)) => {
            rows.push((m.t("summary.redeemed"), red));
            rows.push((m.t("summary.expired"), exp));
        }
        // Per property the ledger only knows both together.
        _ => rows.push((m.t("summary.redeemed_or_expired"), r.redeemed_or_expired)),
    }
    rows.push((m.t("summary.outstanding"), r.outstanding));
    rows.push((m.t("summary.overdue"), r.overdue));
    let expiring: Vec<(String, i64)> = r
        .expiring
        .iter()
        .map(|e| (m.texts.fill("summary.expiring_within", &[("days", e.days.to_string())]), e.points))
        .collect();
    let label_w = rows.iter().chain(&expiring).map(|(l, _)| width(l)).max().unwrap_or(12);
    let cols = vec![Col::left(label_w), Col::right(12)];
    let bar_rows = |list: &[(String, i64)]| -> Vec<BarRow> {
        list.iter().map(|(l, v)| BarRow { cells: vec![l.clone(), n(*v)], value: (*v).max(0) as u64 }).collect()
    };
    let scale = Some(r.earned.max(0) as u64);
    let table = BarTable {
        cols: cols.clone(),
        header: labels(&m.t("summary.points_header")),
        rows: bar_rows(&rows),
        selected: None,
        max: scale,
    };
    let used = table.draw(theme, f, area) + 1;
    let soon = BarTable {
        cols,
        header: labels(&m.t("summary.expiring_header")),
        rows: bar_rows(&expiring),
        selected: None,
        max: expiring.iter().map(|(_, v)| (*v).max(0) as u64).max(),
    };
    let used = used + soon.draw(theme, f, below(area, used)) + 1;
    note(theme, f, below(area, used), &m.t("summary.liability_note"));
}
