//! Tiers (members per tier as bars, this year's movement as a table to drill into) and
//! RFM segments (bars per segment, or why there are none yet).

use super::chart::{BarRow, BarTable, percent, share_of};
use super::{below, note};
use crate::app::Model;
use crate::app::summaries::MOVEMENT;
use crate::ui::text::{Col, cells, fit, labels, width};
use crate::ui::theme::Theme;
use frontdesk_core::domain::analytics::{Count, RfmReport, Segment, TiersReport};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

fn count_of(list: &[Count], key: &str) -> Option<u64> {
    list.iter().find(|c| c.key == key).map(|c| c.count)
}

/// Draws the Tiers view.
pub(crate) fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, r: &TiersReport) {
    let w = usize::from(area.width);
    let intro =
        m.texts.fill("summary.tiers_intro", &[("n", m.texts.number(r.members as i64)), ("year", r.year.to_string())]);
    f.render_widget(Paragraph::new(Line::styled(fit(&intro, w), theme.dim())), area);
    let head = labels(&m.t("summary.tiers_header"));
    let label_w =
        r.tiers.iter().map(|t| width(&m.tier(&t.key))).chain(head.first().map(|h| width(h))).max().unwrap_or(8);
    let table = BarTable {
        cols: vec![Col::left(label_w.max(10)), Col::right(8), Col::right(7)],
        header: head,
        rows: r
            .tiers
            .iter()
            .map(|t| BarRow {
                cells: vec![m.tier(&t.key), m.texts.number(t.count as i64), percent(share_of(t.count, r.members))],
                value: t.count,
            })
            .collect(),
        selected: None,
        max: None,
    };
    let used = table.draw(theme, f, below(area, 2));
    movement(m, theme, f, below(area, 3 + used), r);
}

/// This year's movement: one row per list (upgraded, on track, at risk), one column per tier.
fn movement(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, r: &TiersReport) {
    let w = usize::from(area.width);
    let tiers: Vec<&str> = r.tiers.iter().map(|t| t.key.as_str()).collect();
    let names: Vec<String> = MOVEMENT.iter().map(|l| m.t(&format!("movement.{l}"))).collect();
    let first_w = names.iter().map(|n| width(n)).chain([width(&m.t("summary.this_year"))]).max().unwrap_or(10);
    let mut cols = vec![Col::left(first_w)];
    cols.extend(tiers.iter().map(|t| Col::right(width(&m.tier(t)).max(7))));
    cols.push(Col::right(7));
    let mut header = vec![m.t("summary.this_year")];
    header.extend(tiers.iter().map(|t| m.tier(t)));
    header.push(m.t("summary.total"));
    let mut lines = vec![Line::styled(fit(&cells(&cols, &header), w), theme.dim())];
    for (i, (list, name)) in MOVEMENT.iter().zip(&names).enumerate() {
        let counts = match *list {
            "upgraded" => &r.upgraded,
            "on_track" => &r.on_track,
            _ => &r.at_risk,
        };
        let mut row = vec![name.clone()];
        row.extend(tiers.iter().map(|t| count_of(counts, t).map_or("-".into(), |n| m.texts.number(n as i64))));
        row.push(m.texts.number(counts.iter().map(|c| c.count).sum::<u64>() as i64));
        let style = if i == m.summaries.cursor.index() { theme.selected() } else { Style::new() };
        lines.push(Line::styled(fit(&cells(&cols, &row), w), style));
    }
    let used = lines.len() as u16 + 1;
    f.render_widget(Paragraph::new(lines), area);
    let next = (r.year + 1).to_string();
    note(theme, f, below(area, used), &m.texts.fill("summary.movement_note", &[("next", next)]));
}

/// Catalogue key of a segment's name.
pub(crate) fn segment_label(s: Segment) -> String {
    format!("segment.{}", s.as_str())
}

/// Draws the RFM view: segments as bars, or that no snapshot has been computed.
pub(crate) fn rfm(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, r: Option<&RfmReport>) {
    let Some(r) = r else {
        let lines = vec![
            Line::styled(m.t("summary.not_computed"), theme.warn()),
            Line::raw(""),
            Line::styled(m.t("summary.rfm_about"), theme.dim()),
        ];
        f.render_widget(Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }), area);
        return;
    };
    let w = usize::from(area.width);
    let intro = m.texts.fill(
        "summary.rfm_intro",
        &[
            ("n", m.texts.number(r.members_scored as i64)),
            ("months", r.window_months.to_string()),
            ("date", m.texts.date(r.snapshot.as_of)),
        ],
    );
    f.render_widget(Paragraph::new(Line::styled(fit(&intro, w), theme.dim())), area);
    let names: Vec<String> = r.segments.iter().map(|g| m.t(&segment_label(g.segment))).collect();
    let label_w = names.iter().map(|n| width(n)).max().unwrap_or(10).max(10);
    let table = BarTable {
        cols: vec![Col::left(label_w), Col::right(8), Col::right(7)],
        header: labels(&m.t("summary.rfm_header")),
        rows: r
            .segments
            .iter()
            .zip(names)
            .map(|(g, name)| BarRow {
                cells: vec![name, m.texts.number(g.members as i64), percent(g.share)],
                value: g.members,
            })
            .collect(),
        selected: Some(m.summaries.cursor.index()),
        max: None,
    };
    let used = table.draw(theme, f, below(area, 2));
    note(theme, f, below(area, 3 + used), &m.t("summary.enter_segment"));
}
