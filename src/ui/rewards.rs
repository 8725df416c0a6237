//! Rewards tab: the catalogue as the selected member sees it, and their redemptions.

use super::block;
use super::text::{clean, fit};
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
    let mut lines = vec![Line::styled(fit(&m.t("rewards.header"), w), theme.dim())];
    for (i, r) in m.rewards.catalogue.iter().enumerate() {
        let (status, style) = match crate::app::price_for(m, r) {
            None => (String::new(), Style::new()),
            Some(Ok(_)) => (m.t("rewards.affordable"), theme.ok()),
            Some(Err(_)) if r.stock == Some(0) => (m.t("rewards.out_of_stock"), theme.dim()),
            Some(Err(reason)) if reason.contains("tier") => (m.t("rewards.tier_gated"), theme.dim()),
            Some(Err(_)) => (m.t("rewards.not_enough"), theme.dim()),
        };
        let stock = r.stock.map_or(m.t("rewards.unlimited"), |s| s.to_string());
        let t = format!(
            "{:<10} {:<30} {:>8} {:<9} {:>9} {}",
            r.code,
            fit(&clean(&r.name), 30),
            m.texts.number(r.points),
            r.min_tier,
            stock,
            status
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
