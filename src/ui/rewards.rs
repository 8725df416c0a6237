//! Rewards tab: the catalogue as the selected member sees it, and their redemptions.

use super::block;
use super::text::{Col, cells, clean, fit, labels, rest};
use super::theme::Theme;
use crate::app::Model;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Draws the Rewards tab.
pub fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let [top, bottom] = Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area);
    let w = usize::from(area.width.saturating_sub(2));
    // Code, name, points, minimum tier, stock, status; the name gives way first.
    let fixed = [Col::left(10), Col::right(7), Col::left(9), Col::right(5)];
    let name_w = rest(w, &fixed).saturating_sub(1 + 17).clamp(12, 30);
    let mut cols = vec![Col::left(10), Col::left(name_w), Col::right(7), Col::left(9), Col::right(5)];
    cols.push(Col::left(rest(w, &cols)));
    let mut lines = vec![Line::styled(fit(&cells(&cols, &labels(&m.t("rewards.header"))), w), theme.dim())];
    for (i, r) in m.rewards.catalogue.iter().enumerate() {
        let (status, style) = match crate::app::price_for(m, r) {
            None => (String::new(), Style::new()),
            Some(Ok(_)) => (m.t("rewards.affordable"), theme.ok()),
            Some(Err(_)) if r.stock == Some(0) => (m.t("rewards.out_of_stock"), theme.dim()),
            Some(Err(reason)) if reason.contains("tier") => (m.t("rewards.tier_gated"), theme.dim()),
            Some(Err(_)) => (m.t("rewards.not_enough"), theme.dim()),
        };
        let stock = r.stock.map_or(m.t("rewards.unlimited"), |s| s.to_string());
        let t = cells(
            &cols,
            &[clean(&r.code), clean(&r.name), m.texts.number(r.points), clean(&r.min_tier), stock, status],
        );
        let style = if i == m.rewards.selected && !m.rewards.on_redemptions { theme.selected() } else { style };
        lines.push(Line::styled(fit(&t, w), style));
    }
    let who = m.detail.as_ref().map_or(m.t("rewards.no_member"), |d| {
        m.texts.fill("rewards.for", &[("name", clean(&d.view.name)), ("balance", m.texts.number(d.view.balance))])
    });
    f.render_widget(Paragraph::new(lines).block(block(theme, fit(&who, w))), top);
    let mut lines = Vec::new();
    if let Some(d) = &m.detail {
        for (i, r) in d.redemptions.iter().enumerate() {
            let t = format!(
                "#{:<6} {} {:<10} {:>8} {:<10} {}",
                r.id,
                m.texts.date(r.date),
                r.reward_code,
                m.texts.number(r.points),
                r.state.as_str(),
                r.property
            );
            let style =
                if i == m.rewards.redemption && m.rewards.on_redemptions { theme.selected() } else { Style::new() };
            lines.push(Line::styled(fit(&t, w), style));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled(m.t("rewards.no_redemptions"), theme.dim()));
    }
    f.render_widget(Paragraph::new(lines).block(block(theme, m.t("rewards.redemptions"))), bottom);
}
