//! Stays & Points tab: the selected member's stays or filtered ledger.

use super::block;
use super::text::{Col, cells, clean, fit, labels, rest, width};
use super::theme::Theme;
use crate::app::msg::MemberDetail;
use crate::app::{Model, PointsList};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Draws the Stays & Points tab.
pub fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let Some(d) = &m.detail else {
        let p = Paragraph::new(m.t("points.no_member")).style(theme.dim()).block(block(theme, m.t("tab.points")));
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
        v.tier,
        m.t("label.balance"),
        m.texts.number(v.balance)
    );
    f.render_widget(Paragraph::new(fit(&summary, w)).block(block(theme, m.t("points.member"))), head);
    match m.points.list {
        PointsList::Stays if super::activities::managed(m, d) => super::activities::list(m, theme, f, body, d, w),
        PointsList::Stays => stays(m, theme, f, body, d, w),
        PointsList::Ledger => ledger(m, theme, f, body, w),
    }
}

fn window(selected: usize, rows: usize) -> usize {
    selected.saturating_sub(rows.saturating_sub(1))
}

/// Stay columns: seq, property, arrival, →, departure, nights, revenue, channel, status,
/// base, bonus. When they do not fit, the departure is left out (arrival and nights say it).
fn stay_cols(m: &Model, w: usize) -> (Vec<Col>, bool) {
    let dw = width(&m.texts.date(m.today));
    let cols = vec![
        Col::left(5),
        Col::left(4),
        Col::left(dw),
        Col::left(1),
        Col::left(dw),
        Col::right(3),
        Col::right(9),
        Col::left(13),
        Col::left(9),
        Col::right(7),
        Col::right(6),
    ];
    let full = cols.iter().map(|c| c.width + 1).sum::<usize>() <= w + 1;
    (drop_departure(cols, full), full)
}

fn drop_departure<T>(v: Vec<T>, full: bool) -> Vec<T> {
    if full { v } else { v.into_iter().enumerate().filter(|(i, _)| !(3..=4).contains(i)).map(|(_, c)| c).collect() }
}

fn stays(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, d: &MemberDetail, w: usize) {
    let rows = usize::from(area.height.saturating_sub(3));
    let (cols, full) = stay_cols(m, w);
    let header = drop_departure(labels(&m.t("points.stays_header")), full);
    let mut lines = vec![Line::styled(fit(&cells(&cols, &header), w), theme.dim())];
    if d.stays.is_empty() {
        lines.push(Line::styled(m.t("members.no_stays"), theme.dim()));
    }
    let first = window(m.points.selected, rows);
    for (i, s) in d.stays.iter().enumerate().skip(first).take(rows) {
        let values = vec![
            format!("#{}", s.seq),
            clean(&s.property),
            m.texts.date(s.arrival),
            "→".to_string(),
            m.texts.date(s.departure),
            s.nights.to_string(),
            crate::domain::money::format(s.revenue_minor, m.config.store.minor_digits),
            clean(&s.channel),
            s.status.as_str().to_string(),
            m.texts.number(s.base_points),
            m.texts.number(s.bonus_points),
        ];
        let t = cells(&cols, &drop_departure(values, full));
        let style = if i == m.points.selected { theme.selected() } else { Style::new() };
        lines.push(Line::styled(fit(&t, w), style));
    }
    let title = m.texts.fill("points.stays_title", &[("n", d.stays.len().to_string())]);
    f.render_widget(Paragraph::new(lines).block(block(theme, title)), area);
}

fn ledger(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, w: usize) {
    let rows = usize::from(area.height.saturating_sub(3));
    let postings = crate::app::ledger_rows(m);
    let mut cols =
        vec![Col::left(5), Col::left(width(&m.texts.date(m.today))), Col::right(9), Col::left(14), Col::left(16)];
    cols.push(Col::left(rest(w, &cols)));
    let mut lines = vec![Line::styled(fit(&cells(&cols, &labels(&m.t("points.ledger_header"))), w), theme.dim())];
    if postings.is_empty() {
        lines.push(Line::styled(m.t("members.no_ledger"), theme.dim()));
    }
    let first = window(m.points.selected, rows);
    for (i, p) in postings.iter().enumerate().skip(first).take(rows) {
        let kinds: Vec<&str> = p.lines.iter().map(|l| l.kind.as_str()).collect();
        let net = p.net();
        let t = cells(
            &cols,
            &[
                format!("#{}", p.seq),
                m.texts.date(p.date),
                format!("{}{}", if net > 0 { "+" } else { "" }, m.texts.number(net)),
                kinds.join("+"),
                clean(&p.source),
                clean(&p.reason),
            ],
        );
        let style = if i == m.points.selected {
            theme.selected()
        } else if p.net() < 0 {
            theme.warn()
        } else {
            Style::new()
        };
        lines.push(Line::styled(fit(&t, w), style));
    }
    let filter = m.t(crate::app::LEDGER_FILTERS[m.points.ledger_filter % crate::app::LEDGER_FILTERS.len()]);
    let title = m.texts.fill("points.ledger_title", &[("n", postings.len().to_string()), ("filter", filter)]);
    f.render_widget(Paragraph::new(lines).block(block(theme, title)), area);
}
