//! Stays & Points tab: the open member's stays or filtered ledger.

use super::block;
use super::table::{Column, List};
use super::text::{clean, fit};
use super::theme::Theme;
use crate::app::msg::MemberDetail;
use crate::app::words::Vocabulary;
use crate::app::{Model, PointsList};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the Stays & Points tab.
pub(crate) fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let Some(d) = &m.detail else {
        let p = Paragraph::new(m.t("points.no_member"))
            .wrap(Wrap { trim: false })
            .style(theme.dim())
            .block(block(theme, m.t("tab.points")));
        f.render_widget(p, area);
        return;
    };
    let [head, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
    let v = &d.view;
    let w = usize::from(area.width.saturating_sub(2));
    let summary = format!(
        "{}  {} · {} · {}: {}",
        v.card,
        clean(&v.name),
        m.tier(&v.tier),
        m.t("label.balance"),
        m.texts.number(v.balance)
    );
    f.render_widget(Paragraph::new(fit(&summary, w)).block(block(theme, m.t("points.member"))), head);
    match m.points.list {
        PointsList::Stays if super::activities::managed(m, d) => super::activities::list(m, theme, f, body, d),
        PointsList::Stays => stays(m, theme, f, body, d),
        PointsList::Ledger => ledger(m, theme, f, body),
    }
}

fn stays(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, d: &MemberDetail) {
    let money = |minor| m.texts.money(minor, m.config.store.minor_digits, "");
    let rows = d
        .stays
        .iter()
        .map(|s| {
            vec![
                format!("#{}", s.seq),
                s.property.clone(),
                m.texts.date(s.arrival),
                m.texts.date(s.departure),
                m.texts.number(i64::from(s.nights)),
                money(s.revenue_minor),
                m.channel(&s.channel),
                m.word(Vocabulary::StayStatus, s.status.as_str()),
                m.texts.number(s.base_points),
                m.texts.number(s.bonus_points),
            ]
        })
        .collect();
    let cols = vec![
        Column::new(m.t("col.stay")),
        Column::new(m.t("col.property")),
        Column::new(m.t("col.arrival")),
        Column::new(m.t("col.departure")).optional(),
        Column::new(m.t("col.nights")).right(),
        Column::new(format!("{} ({})", m.t("col.revenue"), m.config.store.currency)).right(),
        Column::new(m.t("col.channel")).grow(6).max(16),
        Column::new(m.t("col.status")).optional(),
        Column::new(m.t("col.base")).right(),
        Column::new(m.t("col.bonus")).right(),
    ];
    let title = m.texts.fill("points.stays_title", &[("n", d.stays.len().to_string())]);
    List::new(cols, rows)
        .selected(m.points.cursor.index())
        .empty(m.t("members.no_stays"))
        .pane(theme, title, super::main_focused(m))
        .draw(theme, f, area);
}

fn ledger(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let postings = crate::app::ledger_rows(m);
    let rows = postings
        .iter()
        .map(|p| {
            vec![
                format!("#{}", p.seq),
                m.texts.date(p.date),
                m.texts.signed(p.net()),
                m.kinds(p),
                m.source(&clean(&p.source)),
                clean(&p.reason),
            ]
        })
        .collect();
    let styles = postings.iter().map(|p| if p.net() < 0 { theme.warn() } else { Style::new() }).collect();
    let cols = vec![
        Column::new(m.t("col.seq")),
        Column::new(m.t("col.date")),
        Column::new(m.t("col.points")).right(),
        Column::new(m.t("col.kind")).max(22),
        Column::new(m.t("col.source")).max(18).optional(),
        Column::new(m.t("col.reason")).grow(8),
    ];
    let filter = m.t(crate::app::LEDGER_FILTERS[m.points.ledger_filter % crate::app::LEDGER_FILTERS.len()]);
    let title = m.texts.fill("points.ledger_title", &[("n", postings.len().to_string()), ("filter", filter)]);
    List::new(cols, rows)
        .styles(styles)
        .selected(m.points.cursor.index())
        .empty(m.t("members.no_ledger"))
        .pane(theme, title, super::main_focused(m))
        .draw(theme, f, area);
}
