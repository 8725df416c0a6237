//! Rewards tab: the catalogue as the open member sees it; redeem, fulfil, cancel.

use super::action::{Action, Nav};
use super::msg::Job;
use super::{Confirm, Model, Popup};
use frontdesk_core::domain::reward::{self, Price, RedeemRequest, RedemptionState, Reward};
use frontdesk_core::i18n::errors::Refusal;
use frontdesk_store::ops::view::tier_table;
use frontdesk_store::ops::{Command, MemberRef, RedeemInput};

/// Loads the catalogue.
pub(crate) fn load(m: &mut Model) -> Vec<Job> {
    let generation = m.next_generation();
    m.busy += 1;
    vec![Job::LoadRewards { generation }]
}

/// Whether the open member can redeem `r` today, and at what price.
pub fn price_for(m: &Model, r: &Reward) -> Option<Result<Price, Refusal>> {
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

/// Actions on the Rewards tab (the offers say which apply where the focus is).
pub(crate) fn action(m: &mut Model, a: Action) -> Vec<Job> {
    if let Some(nav) = Nav::of(a) {
        if m.rewards.on_redemptions {
            let n = m.detail.as_ref().map_or(0, |d| d.redemptions.len());
            m.rewards.redemption.apply(nav, n);
        } else {
            let n = m.rewards.catalogue.len();
            m.rewards.cursor.apply(nav, n);
        }
        return Vec::new();
    }
    match a {
        Action::NextField | Action::PrevField => m.rewards.on_redemptions = !m.rewards.on_redemptions,
        Action::Open => redeem(m),
        Action::Fulfil => redemption_step(m, true),
        Action::Cancel => redemption_step(m, false),
        Action::Refresh => return load(m),
        Action::Back => {
            m.tab = super::Tab::Members;
            m.members.typing = false;
        }
        _ => {}
    }
    Vec::new()
}

fn redeem(m: &mut Model) {
    let Some(r) = m.rewards.cursor.pick(&m.rewards.catalogue).cloned() else { return };
    let Some(d) = &m.detail else { return };
    let Some(Ok(p)) = price_for(m, &r) else { return };
    let balance = d.member.balance;
    let lines = vec![
        format!("{}: {} {}", m.t("label.member"), d.member.card, d.member.name),
        format!("{} — {}", r.code, m.reward_name(&r.code, &r.name)),
        format!("{}: -{}", m.t("label.points"), m.texts.number(p.points)),
        format!("{}: {} → {}", m.t("label.balance"), m.texts.number(balance), m.texts.number(balance - p.points)),
    ];
    let command = Command::Redeem(RedeemInput {
        member: MemberRef::Id(d.member.id),
        reward: r.code.clone(),
        points: None,
        property: r.property.clone(),
        external_ref: None,
    });
    let id = d.member.id;
    m.popups.push(Popup::Confirm(Box::new(Confirm::new(m.t("confirm.redeem"), lines, command, Some(id)))));
}

fn redemption_step(m: &mut Model, fulfil: bool) {
    let Some(d) = &m.detail else { return };
    let Some(r) = m.rewards.redemption.pick(&d.redemptions) else { return };
    if r.state != RedemptionState::Held {
        return;
    }
    let what = format!("#{} {} — {}", r.id, r.reward_code, m.reward_name(&r.reward_code, ""));
    let (title, command, lines) = if fulfil {
        (m.t("confirm.fulfil"), Command::FulfilRedemption { id: r.id, external_ref: None }, vec![what])
    } else {
        let after = d.member.balance + r.points;
        (
            m.t("confirm.cancel_redemption"),
            Command::CancelRedemption { id: r.id, reason: m.t("reason.cancelled_at_desk"), external_ref: None },
            vec![
                what,
                format!("{}: {} → {}", m.t("label.balance"), m.texts.number(d.member.balance), m.texts.number(after)),
            ],
        )
    };
    let reload = Some(d.member.id);
    m.popups.push(Popup::Confirm(Box::new(Confirm::new(title, lines, command, reload))));
}
