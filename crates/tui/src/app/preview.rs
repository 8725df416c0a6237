//! What a write would do, shown in its confirmation before anything is written.

use super::Model;
use chrono::Datelike;
use frontdesk_core::config::Config;
use frontdesk_core::domain::earn::{EarnInput, Earned, earn};
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::stay::nights_between;
use frontdesk_core::domain::tier;
use frontdesk_store::ops::StayInput;
use frontdesk_store::ops::view::tier_table;

/// Base points and tier bonus that posting `input` as a completed stay would earn `mb`.
pub(crate) fn stay_points(c: &Config, mb: &Member, input: &StayInput) -> Earned {
    let table = tier_table(c);
    let arrival_rank = table.rank_on(input.arrival, &mb.qual, mb.tier_override.as_ref());
    earn(EarnInput {
        revenue_minor: input.revenue_minor,
        minor_per_unit: c.minor_per_unit(),
        points_per_unit: c.earn.points_per_unit,
        bonus_percent: table.bonus_percent(arrival_rank),
        channel_earns: c.channel_earns(&input.channel),
        completed: true,
    })
}

/// Base points, bonus, balance and tier change that posting `input` would give.
pub(crate) fn stay(m: &Model, mb: &Member, input: &StayInput) -> Vec<String> {
    let c = &m.config;
    let table = tier_table(c);
    let over = mb.tier_override.as_ref();
    let arrival_rank = table.rank_on(input.arrival, &mb.qual, over);
    let qualifies = c.channel_earns(&input.channel);
    let earned = stay_points(c, mb, input);
    let nights = nights_between(input.arrival, input.departure).unwrap_or(0);
    let mut qual = mb.qual.clone();
    if qualifies {
        tier::add_to(&mut qual, input.departure.year(), i64::from(nights), 1, input.revenue_minor);
    }
    let (before, after) = (
        m.tier(table.code(table.rank_on(m.today, &mb.qual, over))),
        m.tier(table.code(table.rank_on(m.today, &qual, over))),
    );
    let n = |v: i64| m.texts.number(v);
    let mut lines = vec![
        format!(
            "{}: {} ({} → {})",
            m.t("label.nights"),
            m.texts.number(i64::from(nights)),
            m.texts.date(input.arrival),
            m.texts.date(input.departure)
        ),
        format!("{}: {}", m.t("label.base_points"), n(earned.base)),
        format!(
            "{} ({} {}%): {}",
            m.t("label.bonus"),
            m.tier(table.code(arrival_rank)),
            table.bonus_percent(arrival_rank),
            n(earned.bonus)
        ),
        format!("{}: {} → {}", m.t("label.balance"), n(mb.balance), n(mb.balance + earned.total())),
    ];
    if !qualifies {
        lines.push(m.t("note.channel_no_earn"));
    }
    lines.push(if before == after {
        format!("{}: {before}", m.t("label.tier"))
    } else {
        format!("{}: {before} → {after} ★", m.t("label.tier"))
    });
    lines
}
