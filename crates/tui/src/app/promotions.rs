//! Promotions in the TUI: the preview in a stay's confirmation (which promotions apply and
//! what they add, asked of the worker because it depends on what each has granted so far)
//! and the list in the Office tab.

use super::confirm::PromotionPreview;
use super::msg::Job;
use super::{Confirm, Model, Popup};
use frontdesk_core::domain::activity::base_points;
use frontdesk_core::domain::promotion::Grant;
use frontdesk_store::ops::Command;
use frontdesk_store::ops::query::PromotionRow;

/// Asks for the promotions a confirmed stay would earn; the confirmation shows them once
/// the answer is in (its `awaiting` names the request).
pub(crate) fn request_preview(m: &mut Model, c: &mut Confirm) -> Vec<Job> {
    let Some(mb) = m.detail.as_ref().map(|d| d.member.clone()) else { return Vec::new() };
    let config = &m.config;
    let (kind, date, tier_on, property, channel, base, points) = match &c.command {
        Command::PostStay(input) => {
            if !config.channel_earns(&input.channel) {
                return Vec::new();
            }
            let earned = super::preview::stay_points(config, &mb, input);
            let property = input.property.clone().unwrap_or_else(|| config.store.default_property.clone());
            let channel = Some(input.channel.clone());
            ("stay", input.departure, input.arrival, property, channel, earned.base, earned.total())
        }
        Command::RecordActivity(input) => {
            let date = input.date.unwrap_or(m.today);
            let base = base_points(&input.activity, &config.activities, config.minor_per_unit());
            let property = input.property.clone().unwrap_or_else(|| mb.home_property.clone());
            (input.activity.kind(), date, date, property, None, base, base)
        }
        _ => return Vec::new(),
    };
    let generation = m.next_generation();
    c.awaiting = Some(Box::new(PromotionPreview { generation, balance: mb.balance, points }));
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
pub(crate) fn preview_ready(m: &mut Model, generation: u64, grants: Vec<Grant>) {
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
    let Some(preview) = c.awaiting.take_if(|p| p.generation == generation) else { return };
    c.lines.retain(|l| *l != checking);
    if lines.is_empty() {
        // Nothing applies: the confirmation stays as it was without promotions.
        return;
    }
    // The balance line shows the points with the promotions; they come just before it.
    let at = c.lines.iter().position(|l| l.starts_with(&balance_label)).unwrap_or(c.lines.len());
    if let Some(line) = c.lines.get_mut(at) {
        let after = preview.balance + preview.points + total;
        *line = format!("{balance_label}: {} → {}", m.texts.number(preview.balance), m.texts.number(after));
    }
    for (i, l) in lines.into_iter().enumerate() {
        c.lines.insert(at + i, l);
    }
}

/// Takes the loaded promotions list.
pub(crate) fn loaded(m: &mut Model, list: Vec<PromotionRow>) {
    m.office.promotions = list;
    m.office.promotion_cursor.clamp(m.office.promotions.len());
}
