//! Semantic checks that serde cannot express. Each problem is (key path, reason).

use super::Config;
use crate::i18n::errors::{ConfigSays, Fault, Reason};
use std::collections::HashSet;

pub(super) type Issues = Vec<(String, Fault)>;

/// Every semantic problem of a configuration; empty when valid.
pub(crate) fn validate(c: &Config) -> Issues {
    let mut out = Issues::new();
    check_store(c, &mut out);
    check_properties(c, &mut out);
    check_tiers(c, &mut out);
    check_channels(c, &mut out);
    check_rewards(c, &mut out);
    check_complaints(c, &mut out);
    super::managed::check(c, &mut out);
    check_roles(c, &mut out);
    let o = &c.operators;
    if o.max_failures == 0 {
        out.push(("operators.max_failures".into(), ConfigSays::AtLeastOne.into()));
    }
    if o.lockout_minutes < 1 || o.lockout_max_minutes < o.lockout_minutes {
        out.push(("operators.lockout_minutes".into(), ConfigSays::LockoutMinutes.into()));
    }
    if !(0..=24 * 60).contains(&o.idle_lock_minutes) {
        out.push(("operators.idle_lock_minutes".into(), ConfigSays::IdleLock.into()));
    }
    let a = &c.activities;
    let rates = [
        ("fnb_per_unit", a.fnb_per_unit),
        ("spa_per_unit", a.spa_per_unit),
        ("other_per_unit", a.other_per_unit),
        ("fee_per_unit", a.fee_per_unit),
        ("fee_on_time_bonus", a.fee_on_time_bonus),
        ("event", a.event),
        ("referral", a.referral),
        ("survey", a.survey),
        ("enrolment", a.enrolment),
        ("birthday", a.birthday),
    ];
    for (name, v) in rates {
        if v < 0 {
            out.push((format!("activities.{name}"), ConfigSays::NotNegativeOff.into()));
        }
    }
    if c.earn.points_per_unit < 0 {
        out.push(("earn.points_per_unit".into(), Reason::NotNegative.into()));
    }
    if c.expiry.months == 0 {
        out.push(("expiry.months".into(), ConfigSays::AtLeastOne.into()));
    }
    for (i, t) in c.expiry.exempt_tiers.iter().enumerate() {
        if c.tier(t).is_none() {
            out.push((format!("expiry.exempt_tiers[{i}]"), Reason::UnknownTier { tier: t.clone() }.into()));
        }
    }
    if c.redemption.point_value_minor < 0 {
        out.push(("redemption.point_value_minor".into(), Reason::NotNegative.into()));
    }
    check_ui(c, &mut out);
    if c.retention.active_months == 0 || c.retention.active_months >= c.retention.lapsed_months {
        out.push(("retention.active_months".into(), ConfigSays::ActiveMonths.into()));
    }
    out
}

fn check_store(c: &Config, out: &mut Issues) {
    let s = &c.store;
    if s.currency.len() != 3 || !s.currency.chars().all(|ch| ch.is_ascii_uppercase()) {
        out.push(("store.currency".into(), ConfigSays::Currency.into()));
    }
    if s.cache_mb < 8 || s.interactive_cache_mb < 8 || s.serve_cache_mb < 8 {
        out.push(("store.cache_mb".into(), ConfigSays::Cache.into()));
    }
    if s.minor_digits > 4 {
        out.push(("store.minor_digits".into(), ConfigSays::MinorDigits.into()));
    }
    if s.card_prefix.is_empty() || s.card_prefix.len() > 4 || !s.card_prefix.chars().all(|ch| ch.is_ascii_digit()) {
        out.push(("store.card_prefix".into(), ConfigSays::CardPrefix.into()));
    }
    if !crate::domain::phone::is_phone_country(&s.country) {
        out.push(("store.country".into(), bad_country(&s.country)));
    }
    if c.property(&s.default_property).is_none() {
        out.push((
            "store.default_property".into(),
            ConfigSays::NotProperty { code: s.default_property.clone() }.into(),
        ));
    }
}

fn check_properties(c: &Config, out: &mut Issues) {
    if c.properties.is_empty() {
        out.push(("properties".into(), ConfigSays::NeedProperty.into()));
    }
    let mut seen = HashSet::new();
    for (i, p) in c.properties.iter().enumerate() {
        if !is_code(&p.code) {
            out.push((format!("properties[{i}].code"), Reason::RewardCode.into()));
        }
        if !seen.insert(p.code.as_str()) {
            out.push((format!("properties[{i}].code"), ConfigSays::Twice { value: p.code.clone() }.into()));
        }
        if let Some(country) = &p.country
            && !crate::domain::phone::is_phone_country(country)
        {
            out.push((format!("properties[{i}].country"), bad_country(country)));
        }
    }
}

fn bad_country(code: &str) -> Fault {
    ConfigSays::Country { code: code.to_string() }.into()
}

fn check_tiers(c: &Config, out: &mut Issues) {
    if c.tiers.is_empty() {
        out.push(("tiers".into(), ConfigSays::NeedTier.into()));
        return;
    }
    let first = &c.tiers[0];
    if first.nights != 0 || first.stays != 0 || first.spend != 0 {
        out.push(("tiers[0]".into(), ConfigSays::BaseTier.into()));
    }
    let mut seen = HashSet::new();
    for (i, pair) in c.tiers.windows(2).enumerate() {
        let (lo, hi) = (&pair[0], &pair[1]);
        if hi.nights <= lo.nights || hi.stays <= lo.stays || hi.spend <= lo.spend {
            out.push((format!("tiers[{}]", i + 1), ConfigSays::Rise { tier: lo.code.clone() }.into()));
        }
    }
    for (i, t) in c.tiers.iter().enumerate() {
        if !is_code(&t.code) {
            out.push((format!("tiers[{i}].code"), Reason::RewardCode.into()));
        }
        if !seen.insert(t.code.as_str()) {
            out.push((format!("tiers[{i}].code"), ConfigSays::Twice { value: t.code.clone() }.into()));
        }
        if t.bonus_percent > 1000 {
            out.push((format!("tiers[{i}].bonus_percent"), ConfigSays::AtMost1000.into()));
        }
    }
}

fn check_channels(c: &Config, out: &mut Issues) {
    for (i, ch) in c.channels.earning.iter().enumerate() {
        if !c.channels.canonical.contains(ch) {
            out.push((format!("channels.earning[{i}]"), ConfigSays::NotCanonical { channel: ch.clone() }.into()));
        }
    }
}

fn check_rewards(c: &Config, out: &mut Issues) {
    let mut seen = HashSet::new();
    for (i, r) in c.rewards.iter().enumerate() {
        if !is_code(&r.code) {
            out.push((format!("rewards[{i}].code"), Reason::RewardCode.into()));
        }
        if !seen.insert(r.code.as_str()) {
            out.push((format!("rewards[{i}].code"), ConfigSays::Twice { value: r.code.clone() }.into()));
        }
        if r.points <= 0 {
            out.push((format!("rewards[{i}].points"), ConfigSays::Positive.into()));
        }
        if c.tier(&r.min_tier).is_none() {
            out.push((format!("rewards[{i}].min_tier"), Reason::UnknownTier { tier: r.min_tier.clone() }.into()));
        }
        if let Some(p) = &r.property
            && c.property(p).is_none()
        {
            out.push((format!("rewards[{i}].property"), ConfigSays::UnknownProperty { code: p.clone() }.into()));
        }
    }
}

fn check_complaints(c: &Config, out: &mut Issues) {
    if c.complaints.categories.is_empty() {
        out.push(("complaints.categories".into(), ConfigSays::NeedCategory.into()));
    }
    if c.complaints.severities.is_empty() {
        out.push(("complaints.severities".into(), ConfigSays::NeedSeverity.into()));
    }
    for (i, s) in c.complaints.severities.iter().enumerate() {
        if s.first_response_minutes <= 0 || s.resolve_minutes < s.first_response_minutes {
            out.push((format!("complaints.severities[{i}]"), ConfigSays::SlaOrder.into()));
        }
    }
}

fn check_roles(c: &Config, out: &mut Issues) {
    for role in ["clerk", "supervisor", "manager", "admin"] {
        if !c.roles.contains_key(role) {
            out.push((format!("roles.{role}"), ConfigSays::RoleMissing.into()));
        }
    }
    for (name, limits) in &c.roles {
        if !["clerk", "supervisor", "manager", "admin"].contains(&name.as_str()) {
            out.push((format!("roles.{name}"), ConfigSays::UnknownRole.into()));
        }
        if limits.goodwill_limit < 0 || limits.adjust_limit < 0 {
            out.push((format!("roles.{name}"), ConfigSays::NegativeLimits.into()));
        }
    }
}

fn check_ui(c: &Config, out: &mut Issues) {
    if !["auto", "en", "zh"].contains(&c.ui.language.as_str()) {
        out.push(("ui.language".into(), ConfigSays::Language { value: c.ui.language.clone() }.into()));
    }
}

fn is_code(s: &str) -> bool {
    !s.is_empty() && s.len() <= 16 && s.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
}
