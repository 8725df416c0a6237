//! Rewards tab: the catalogue as the selected member sees it; redeem, fulfil, cancel.

use super::action::Action;
use super::msg::Job;
use super::{Confirm, Model, Popup};
use crate::domain::reward::{self, Price, RedeemRequest, RedemptionState, Reward};
use crate::ops::view::tier_table;
use crate::ops::{Command, MemberRef, RedeemInput};

/// Loads the catalogue.
pub fn load(m: &mut Model) -> Vec<Job> {
    let generation = m.next_generation();
    m.busy += 1;
    vec![Job::LoadRewards { generation }]
}

/// Whether the selected member can redeem `r` today, and at what price.
pub fn price_for(m: &Model, r: &Reward) -> Option<Result<Price, String>> {
    let d = m.detail.as_ref()?;
    let table = tier_table(&m.config);
    Some(reward::price(
        r,
        RedeemRequest {
            member_rank: table.rank_on(m.today, &d.member.qual, d.member.tier_override.as_ref()),
            min_rank: table.rank_of(&r.min_tier).unwrap_or(0),
            balance: d.member.balance,
            points_offered: None,
            date: m.today,
            property: r.property.as_deref().unwrap_or(&m.config.store.default_property),
            point_value_minor: m.config.redemption.point_value_minor,
        },
    ))
}

/// Actions on the Rewards tab.
pub fn action(m: &mut Model, a: Action) -> Vec<Job> {
    let reds = m.detail.as_ref().map_or(0, |d| d.redemptions.len());
    let on_reds = m.rewards.on_redemptions;
    match a {
        Action::Up if on_reds => m.rewards.redemption = m.rewards.redemption.saturating_sub(1),
        Action::Down if on_reds => m.rewards.redemption = (m.rewards.redemption + 1).min(reds.saturating_sub(1)),
        Action::Up => m.rewards.selected = m.rewards.selected.saturating_sub(1),
        Action::Down => m.rewards.selected = (m.rewards.selected + 1).min(m.rewards.catalogue.len().saturating_sub(1)),
        Action::NextField | Action::PrevField => m.rewards.on_redemptions = !on_reds && reds > 0,
        Action::Open if !on_reds => redeem(m),
        Action::Fulfil if on_reds => redemption_step(m, true),
        Action::Cancel if on_reds => redemption_step(m, false),
        Action::Refresh => return load(m),
        Action::Back | Action::Search => {
            m.tab = super::Tab::Members;
            m.members.typing = a == Action::Search;
        }
        _ => {}
    }
    Vec::new()
}

fn redeem(m: &mut Model) {
    let Some(r) = m.rewards.catalogue.get(m.rewards.selected).cloned() else { return };
    let Some(d) = &m.detail else {
        m.say(m.t("error.no_member"), true);
        return;
    };
    let id = d.member.id;
    match price_for(m, &r) {
        Some(Ok(p)) => {
            let balance = d.member.balance;
            let lines = vec![
                format!("{} — {}", r.code, r.name),
                format!(
                    "{}: {} → {}",
                    m.t("label.balance"),
                    m.texts.number(balance),
                    m.texts.number(balance - p.points)
                ),
            ];
            let command = Command::Redeem(RedeemInput {
                member: MemberRef::Id(id),
                reward: r.code.clone(),
                points: None,
                property: r.property.clone(),
                external_ref: None,
            });
            m.popups.push(Popup::Confirm(Confirm {
                title: m.t("confirm.redeem"),
                lines,
                command,
                reload: Some(id),
                awaiting: None,
            }));
        }
        Some(Err(reason)) => m.say(reason, true),
        None => {}
    }
}

fn redemption_step(m: &mut Model, fulfil: bool) {
    let Some(d) = &m.detail else { return };
    let Some(r) = d.redemptions.get(m.rewards.redemption) else { return };
    if r.state != RedemptionState::Held {
        m.say(m.t("error.not_held"), true);
        return;
    }
    let (title, command, lines) = if fulfil {
        (
            m.t("confirm.fulfil"),
            Command::FulfilRedemption { id: r.id, external_ref: None },
            vec![format!("#{} {}", r.id, r.reward_code)],
        )
    } else {
        let after = d.member.balance + r.points;
        (
            m.t("confirm.cancel_redemption"),
            Command::CancelRedemption { id: r.id, reason: m.t("reason.cancelled_at_desk"), external_ref: None },
            vec![
                format!("#{} {}", r.id, r.reward_code),
                format!("{}: {} → {}", m.t("label.balance"), m.texts.number(d.member.balance), m.texts.number(after)),
            ],
        )
    };
    let reload = Some(d.member.id);
    m.popups.push(Popup::Confirm(Confirm { title, lines, command, reload, awaiting: None }));
}
