//! Rewards tab: the catalogue as the open member sees it, and their redemptions; the
//! pane with the focus (Tab moves it) has the heavy border.

use super::table::{Column, List};
use super::text::{clean, fit, labels};
use super::theme::Theme;
use crate::app::Model;
use crate::app::focus::Pane;
use crate::app::words::Vocabulary;
use frontdesk_core::i18n::errors::Refusal;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;

/// Draws the Rewards tab.
pub(crate) fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let [top, bottom] = Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area);
    catalogue(m, theme, f, top);
    redemptions(m, theme, f, bottom);
}

fn catalogue(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let mut styles = Vec::new();
    let rows = m
        .rewards
        .catalogue
        .iter()
        .map(|r| {
            let (status, style) = match crate::app::price_for(m, r) {
                None => (String::new(), Style::new()),
                Some(Ok(_)) => (m.t("rewards.affordable"), theme.ok()),
                Some(Err(_)) if r.stock == Some(0) => (m.t("rewards.out_of_stock"), theme.dim()),
                Some(Err(Refusal::NeedsTier { .. })) => (m.t("rewards.tier_gated"), theme.dim()),
                Some(Err(_)) => (m.t("rewards.not_enough"), theme.dim()),
            };
            styles.push(style);
            let stock = r.stock.map_or(m.t("rewards.unlimited"), |s| m.texts.number(i64::from(s)));
            vec![
                clean(&r.code),
                m.reward_name(&r.code, &r.name),
                m.texts.number(r.points),
                m.tier(&r.min_tier),
                stock,
                status,
            ]
        })
        .collect();
    let head = labels(&m.t("rewards.header"));
    let col = |i: usize| Column::new(head.get(i).cloned().unwrap_or_default());
    let cols = vec![col(0), col(1).grow(12).max(36), col(2).right(), col(3), col(4).right(), col(5).optional()];
    let w = usize::from(area.width.saturating_sub(4));
    let who = m.detail.as_ref().map_or(m.t("rewards.no_member"), |d| {
        m.texts.fill("rewards.for", &[("name", clean(&d.view.name)), ("balance", m.texts.number(d.view.balance))])
    });
    let focused = m.popups.is_empty() && m.pane() == Pane::Main;
    List::new(cols, rows)
        .styles(styles)
        .selected(m.rewards.cursor.index())
        .empty(m.t("rewards.empty"))
        .pane(theme, fit(&who, w), focused)
        .draw(theme, f, area);
}

fn redemptions(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let list: &[frontdesk_core::domain::reward::Redemption] = m.detail.as_ref().map_or(&[], |d| &d.redemptions);
    let rows = list
        .iter()
        .map(|r| {
            vec![
                format!("#{}", r.id),
                m.texts.date(r.date),
                m.reward_name(&r.reward_code, ""),
                m.texts.number(r.points),
                m.word(Vocabulary::Redemption, r.state.as_str()),
                r.property.clone(),
            ]
        })
        .collect();
    let head = labels(&m.t("rewards.redemptions_header"));
    let col = |i: usize| Column::new(head.get(i).cloned().unwrap_or_default());
    let cols = vec![col(0), col(1), col(2).grow(10), col(3).right(), col(4), col(5).optional()];
    let focused = m.popups.is_empty() && m.pane() == Pane::Redemptions;
    List::new(cols, rows)
        .selected(m.rewards.redemption.index())
        .empty(m.t("rewards.no_redemptions"))
        .pane(theme, m.t("rewards.redemptions"), focused)
        .draw(theme, f, area);
}
