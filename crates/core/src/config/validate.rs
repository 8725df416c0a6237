//! Semantic checks that serde cannot express. Each problem is (key path, reason).

use super::Config;
use std::collections::HashSet;

pub(super) type Issues = Vec<(String, String)>;

/// Every semantic problem of a configuration; empty when valid.
pub fn validate(c: &Config) -> Issues {
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
        out.push(("operators.max_failures".into(), "must be at least 1".into()));
    }
    if o.lockout_minutes < 1 || o.lockout_max_minutes < o.lockout_minutes {
        out.push((
            "operators.lockout_minutes".into(),
            "must be at least 1 and at most operators.lockout_max_minutes".into(),
        ));
    }
    if !(0..=24 * 60).contains(&o.idle_lock_minutes) {
        out.push(("operators.idle_lock_minutes".into(), "must be 0 (never) to 1440 minutes".into()));
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
            out.push((format!("activities.{name}"), "must not be negative (0 turns the activity's points off)".into()));
        }
    }
    if c.earn.points_per_unit < 0 {
        out.push(("earn.points_per_unit".into(), "must not be negative".into()));
    }
    if c.expiry.months == 0 {
        out.push(("expiry.months".into(), "must be at least 1".into()));
    }
    for (i, t) in c.expiry.exempt_tiers.iter().enumerate() {
        if c.tier(t).is_none() {
            out.push((format!("expiry.exempt_tiers[{i}]"), format!("unknown tier `{t}`")));
        }
    }
    if c.redemption.point_value_minor < 0 {
        out.push(("redemption.point_value_minor".into(), "must not be negative".into()));
    }
    check_ui(c, &mut out);
    if c.retention.active_months == 0 || c.retention.active_months >= c.retention.lapsed_months {
        out.push(("retention.active_months".into(), "must be at least 1 and less than retention.lapsed_months".into()));
    }
    out
}

fn check_store(c: &Config, out: &mut Issues) {
    let s = &c.store;
    if s.currency.len() != 3 || !s.currency.chars().all(|ch| ch.is_ascii_uppercase()) {
        out.push(("store.currency".into(), "must be a three-letter ISO 4217 code such as EUR".into()));
    }
    if s.cache_mb < 8 || s.interactive_cache_mb < 8 {
        out.push(("store.cache_mb".into(), "cache sizes must be at least 8 MiB".into()));
    }
    if s.minor_digits > 4 {
        out.push(("store.minor_digits".into(), "must be between 0 and 4".into()));
    }
    if s.card_prefix.is_empty() || s.card_prefix.len() > 4 || !s.card_prefix.chars().all(|ch| ch.is_ascii_digit()) {
        out.push(("store.card_prefix".into(), "must be 1 to 4 digits".into()));
    }
    if !crate::domain::phone::is_phone_country(&s.country) {
        out.push(("store.country".into(), bad_country(&s.country)));
    }
    if c.property(&s.default_property).is_none() {
        out.push((
            "store.default_property".into(),
            format!("`{}` is not one of the [[properties]] codes", s.default_property),
        ));
    }
}

fn check_properties(c: &Config, out: &mut Issues) {
    if c.properties.is_empty() {
        out.push(("properties".into(), "at least one property is required".into()));
    }
    let mut seen = HashSet::new();
    for (i, p) in c.properties.iter().enumerate() {
        if !is_code(&p.code) {
            out.push((format!("properties[{i}].code"), "must be 1-16 letters, digits, '-' or '_'".into()));
        }
        if !seen.insert(p.code.as_str()) {
            out.push((format!("properties[{i}].code"), format!("`{}` appears twice", p.code)));
        }
        if let Some(country) = &p.country
            && !crate::domain::phone::is_phone_country(country)
        {
            out.push((format!("properties[{i}].country"), bad_country(country)));
        }
    }
}

fn bad_country(code: &str) -> String {
    format!("`{code}` is not an ISO 3166 country code with phone numbering, such as PT, CN or GB")
}

fn check_tiers(c: &Config, out: &mut Issues) {
    if c.tiers.is_empty() {
        out.push(("tiers".into(), "at least one tier is required".into()));
        return;
    }
    let first = &c.tiers[0];
    if first.nights != 0 || first.stays != 0 || first.spend != 0 {
        out.push(("tiers[0]".into(), "the base tier must have zero thresholds".into()));
    }
    let mut seen = HashSet::new();
    for (i, pair) in c.tiers.windows(2).enumerate() {
        let (lo, hi) = (&pair[0], &pair[1]);
        if hi.nights <= lo.nights || hi.stays <= lo.stays || hi.spend <= lo.spend {
            out.push((format!("tiers[{}]", i + 1), format!("thresholds must rise above those of `{}`", lo.code)));
        }
    }
    for (i, t) in c.tiers.iter().enumerate() {
        if !is_code(&t.code) {
            out.push((format!("tiers[{i}].code"), "must be 1-16 letters, digits, '-' or '_'".into()));
        }
        if !seen.insert(t.code.as_str()) {
            out.push((format!("tiers[{i}].code"), format!("`{}` appears twice", t.code)));
        }
        if t.bonus_percent > 1000 {
            out.push((format!("tiers[{i}].bonus_percent"), "must be at most 1000".into()));
        }
    }
}

fn check_channels(c: &Config, out: &mut Issues) {
    for (i, ch) in c.channels.earning.iter().enumerate() {
        if !c.channels.canonical.contains(ch) {
            out.push((format!("channels.earning[{i}]"), format!("`{ch}` is not in channels.canonical")));
        }
    }
}

fn check_rewards(c: &Config, out: &mut Issues) {
    let mut seen = HashSet::new();
    for (i, r) in c.rewards.iter().enumerate() {
        if !is_code(&r.code) {
            out.push((format!("rewards[{i}].code"), "must be 1-16 letters, digits, '-' or '_'".into()));
        }
        if !seen.insert(r.code.as_str()) {
            out.push((format!("rewards[{i}].code"), format!("`{}` appears twice", r.code)));
        }
        if r.points <= 0 {
            out.push((format!("rewards[{i}].points"), "must be positive".into()));
        }
        if c.tier(&r.min_tier).is_none() {
            out.push((format!("rewards[{i}].min_tier"), format!("unknown tier `{}`", r.min_tier)));
        }
        if let Some(p) = &r.property
            && c.property(p).is_none()
        {
            out.push((format!("rewards[{i}].property"), format!("unknown property `{p}`")));
        }
    }
}

fn check_complaints(c: &Config, out: &mut Issues) {
    if c.complaints.categories.is_empty() {
        out.push(("complaints.categories".into(), "at least one category is required".into()));
    }
    if c.complaints.severities.is_empty() {
        out.push(("complaints.severities".into(), "at least one severity is required".into()));
    }
    for (i, s) in c.complaints.severities.iter().enumerate() {
        if s.first_response_minutes <= 0 || s.resolve_minutes < s.first_response_minutes {
            out.push((
                format!("complaints.severities[{i}]"),
                "first_response_minutes must be positive and not above resolve_minutes".into(),
            ));
        }
    }
}

fn check_roles(c: &Config, out: &mut Issues) {
    for role in ["clerk", "supervisor", "manager", "admin"] {
        if !c.roles.contains_key(role) {
            out.push((format!("roles.{role}"), "missing; every role needs its limits".into()));
        }
    }
    for (name, limits) in &c.roles {
        if !["clerk", "supervisor", "manager", "admin"].contains(&name.as_str()) {
            out.push((format!("roles.{name}"), "unknown role; use clerk, supervisor, manager or admin".into()));
        }
        if limits.goodwill_limit < 0 || limits.adjust_limit < 0 {
            out.push((format!("roles.{name}"), "limits must not be negative".into()));
        }
    }
}

fn check_ui(c: &Config, out: &mut Issues) {
    if !["auto", "en", "zh"].contains(&c.ui.language.as_str()) {
        out.push(("ui.language".into(), format!("`{}` is not auto, en or zh", c.ui.language)));
    }
}

fn is_code(s: &str) -> bool {
    !s.is_empty() && s.len() <= 16 && s.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
}
