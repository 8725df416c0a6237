//! Promotions in the TUI: the preview in a stay's confirmation (which promotions apply and
//! what they add, asked of the worker because it depends on what each has granted so far)
//! and the list in the Office tab.

use super::msg::Job;
use super::{Confirm, Model, Popup};
use crate::domain::activity::base_points;
use crate::domain::earn::{EarnInput, earn};
use crate::domain::promotion::Grant;
use crate::ops::Command;
use crate::ops::query::PromotionRow;
use crate::ops::view::tier_table;

/// Asks for the promotions a confirmed stay would earn; the confirmation shows them once
/// the answer is in (its `awaiting` names the request).
pub fn request_preview(m: &mut Model, c: &mut Confirm) -> Vec<Job> {
    let Some(mb) = m.detail.as_ref().map(|d| d.member.clone()) else { return Vec::new() };
    let config = &m.config;
    let (kind, date, tier_on, property, channel, base) = match &c.command {
        Command::PostStay(input) => {
            if !config.channel_earns(&input.channel) {
                return Vec::new();
            }
            let table = tier_table(config);
            let rank = table.rank_on(input.arrival, &mb.qual, mb.tier_override.as_ref());
            let base = earn(EarnInput {
                revenue_minor: input.revenue_minor,
                minor_per_unit: config.minor_per_unit(),
                points_per_unit: config.earn.points_per_unit,
                bonus_percent: table.bonus_percent(rank),
                channel_earns: true,
                completed: true,
            })
            .base;
            let property = input.property.clone().unwrap_or_else(|| config.store.default_property.clone());
            ("stay", input.departure, input.arrival, property, Some(input.channel.clone()), base)
        }
        Command::RecordActivity(input) => {
            let date = input.date.unwrap_or(m.today);
            let base = base_points(&input.activity, &config.activities, config.minor_per_unit());
            let property = input.property.clone().unwrap_or_else(|| mb.home_property.clone());
            (input.activity.kind(), date, date, property, None, base)
        }
        _ => return Vec::new(),
    };
    let generation = m.next_generation();
    c.awaiting = Some(generation);
    c.lines.push(m.t("promo.checking"));
    m.busy += 1;
    vec![Job::PreviewPromotions {
        generation,
        member_id: mb.id,
        kind: kind.into(),
        date,
        tier_on,
        property,
        channel,
        base,
    }]
}

/// Puts the worker's preview into the confirmation still waiting for it: one line per
/// promotion and the balance after them.
pub fn preview_ready(m: &mut Model, generation: u64, grants: Vec<Grant>) {
    let checking = m.t("promo.checking");
    let balance_label = m.t("label.balance");
    let lines: Vec<String> = grants
        .iter()
        .map(|g| {
            let cut = if g.points < g.uncapped { format!(" {}", m.t("promo.capped")) } else { String::new() };
            format!("{} {}: +{}{cut}", m.t("promo.label"), g.code, m.texts.number(g.points))
        })
        .collect();
    let total: i64 = grants.iter().map(|g| g.points).sum();
    let Some(Popup::Confirm(c)) = m.popups.last_mut() else { return };
    if c.awaiting != Some(generation) {
        return;
    }
    c.awaiting = None;
    c.lines.retain(|l| *l != checking);
    if lines.is_empty() {
        // Nothing applies: the confirmation stays as it was without promotions.
        return;
    }
    // The balance line shows the points with the promotions; they come just before it.
    let at = c.lines.iter().position(|l| l.starts_with(&balance_label)).unwrap_or(c.lines.len());
    if let Some(line) = c.lines.get_mut(at)
        && let Some((head, after)) = line.rsplit_once(" → ")
    {
        // The figure right after the arrow, grouped as the catalogue writes numbers.
        let digits: String =
            after.chars().take_while(|c| c.is_ascii_digit() || *c == ',').filter(char::is_ascii_digit).collect();
        if let Ok(v) = digits.parse::<i64>() {
            *line = format!("{head} → {}", m.texts.number(v + total));
        }
    }
    for (i, l) in lines.into_iter().enumerate() {
        c.lines.insert(at + i, l);
    }
}

/// Takes the loaded promotions list.
pub fn loaded(m: &mut Model, list: Vec<PromotionRow>) {
    m.office.promotions = list;
    m.office.promotion_selected = m.office.promotion_selected.min(m.office.promotions.len().saturating_sub(1));
}
