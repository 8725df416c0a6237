//! Configuration: every loyalty and service rule, loaded from `config/default.toml`
//! (compiled in) merged with an optional override file, then validated.

mod import;
mod load;
mod managed;
mod serve;
mod validate;

pub(crate) use import::ImportSettings;
pub use load::{Check, ConfigError, ConfigIssue, load, load_checked, load_with_override};
pub use managed::{CategorySla, ManagedComplaints};
pub(crate) use serve::ServeSettings;
use validate::Issues;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The default configuration shipped with the binary.
pub const DEFAULT_TOML: &str = include_str!("../../../../config/default.toml");

/// The whole validated configuration.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Store-wide settings: currency, card numbers, default property.
    pub store: StoreSettings,
    /// Properties (hotels, residences) of the group.
    pub properties: Vec<Property>,
    /// Tiers from lowest to highest.
    pub tiers: Vec<TierRule>,
    /// Points per currency unit.
    pub earn: EarnRule,
    /// Earning rules of activities besides stays.
    pub activities: crate::domain::activity::ActivityRules,
    /// Canonical channels and which of them earn.
    pub channels: ChannelRules,
    /// Points expiry.
    pub expiry: ExpiryRule,
    /// Redemption settings.
    pub redemption: RedemptionRule,
    /// Sample reward catalogue seeded into a new store.
    #[serde(default)]
    pub rewards: Vec<RewardSeed>,
    /// Complaint categories, channels and SLA targets.
    pub complaints: ComplaintRules,
    /// Limits per operator role.
    pub roles: BTreeMap<String, RoleLimits>,
    /// Operator sign-in and lock-out.
    pub operators: SignInRule,
    /// Retention windows for summaries.
    pub retention: RetentionRule,
    /// Terminal UI: language, borders, keys and colours.
    pub ui: UiSettings,
    /// `frontdesk serve`: socket group and connection cap.
    #[serde(default)]
    pub serve: ServeSettings,
    /// `frontdesk import`: the site's default encoding.
    #[serde(default)]
    pub import: ImportSettings,
}

/// Terminal UI settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UiSettings {
    /// `auto` (from LANG), `en` or `zh`.
    pub language: String,
    /// Draw borders with ASCII characters.
    pub ascii: bool,
    /// Action name → key names.
    pub keys: std::collections::HashMap<String, Vec<String>>,
    /// Colour names.
    pub theme: ThemeColors,
}

/// Colours of the UI, by name (`cyan`, `lightred`, `#ff8800`, …).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeColors {
    /// Titles and the active tab.
    pub accent: String,
    /// Errors and overdue items.
    pub error: String,
    /// Warnings.
    pub warn: String,
    /// Success messages.
    pub ok: String,
    /// Secondary text.
    pub dim: String,
}

/// Store-wide settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StoreSettings {
    /// ISO 4217 currency code.
    pub currency: String,
    /// Digits after the decimal point of the currency.
    pub minor_digits: u8,
    /// Leading digits of issued card numbers.
    pub card_prefix: String,
    /// Property code used when a command names none.
    pub default_property: String,
    /// ISO 3166 country whose numbering a phone typed without a country code belongs to,
    /// for properties that name no `country` of their own.
    pub country: String,
    /// Page cache of one-shot commands and bulk jobs, MiB.
    pub cache_mb: u64,
    /// Page cache of the terminal UI, which reads members at random, MiB.
    pub interactive_cache_mb: u64,
    /// Page cache of `frontdesk serve`, MiB: small, since sled holds about twice its cache
    /// besides its page table and the server stays up under writes all day.
    pub serve_cache_mb: u64,
}

/// What kind of property a site is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PropertyKind {
    /// A hotel: members are guests with stays.
    #[default]
    Hotel,
    /// A managed residential property.
    Residential,
    /// A managed commercial property.
    Commercial,
}

/// One property of the group.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Property {
    /// Short code used in commands and records.
    pub code: String,
    /// Display name.
    pub name: String,
    /// Hotel or managed property; a hotel when not given.
    #[serde(default)]
    pub kind: PropertyKind,
    /// ISO 3166 country of the property: phones typed there without a country code are
    /// its numbers. `[store] country` when not given.
    #[serde(default)]
    pub country: Option<String>,
}

/// Thresholds and bonus of one tier.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TierRule {
    /// Stable code stored in records.
    pub code: String,
    /// Display name.
    pub name: String,
    /// Qualifying nights in a calendar year.
    pub nights: u32,
    /// Qualifying stays in a calendar year.
    pub stays: u32,
    /// Qualifying spend in whole currency units in a calendar year.
    pub spend: i64,
    /// Bonus on base points, in percent.
    pub bonus_percent: u32,
}

/// Earning rate.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EarnRule {
    /// Base points per whole currency unit of eligible revenue.
    pub points_per_unit: i64,
}

/// Canonical channels.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelRules {
    /// All canonical channel codes.
    pub canonical: Vec<String>,
    /// Channels that earn points and count towards tiers.
    pub earning: Vec<String>,
}

/// How points expire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExpiryMode {
    /// All points expire after N months without qualifying activity.
    Inactivity,
    /// Each lot expires N months after it was earned.
    Rolling,
}

/// Expiry settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExpiryRule {
    /// Inactivity or rolling.
    pub mode: ExpiryMode,
    /// Months of inactivity, or lifetime of a lot.
    pub months: u32,
    /// Tier codes whose members keep their points.
    #[serde(default)]
    pub exempt_tiers: Vec<String>,
}

/// Redemption settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RedemptionRule {
    /// Cash value of one point in minor units (for part payment).
    pub point_value_minor: i64,
}

/// A reward seeded into a new store's catalogue.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RewardSeed {
    /// Unique code.
    pub code: String,
    /// Display name.
    pub name: String,
    /// Points cost.
    pub points: i64,
    /// Units available; absent means unlimited.
    pub stock: Option<u32>,
    /// Lowest tier allowed to redeem.
    pub min_tier: String,
    /// Whether part of the cost may be paid in cash.
    #[serde(default)]
    pub partial: bool,
    /// Only redeemable at this property; absent means everywhere.
    pub property: Option<String>,
}

/// Complaint settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ComplaintRules {
    /// Category codes.
    pub categories: Vec<String>,
    /// Channels a complaint can arrive by.
    pub channels: Vec<String>,
    /// Severities from lowest to highest with their SLA targets.
    pub severities: Vec<SeverityRule>,
    /// Categories and SLA targets of residential and commercial properties.
    pub managed: ManagedComplaints,
}

/// SLA targets of one severity.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityRule {
    /// Severity code.
    pub code: String,
    /// Minutes from logging to first response.
    pub first_response_minutes: i64,
    /// Minutes from logging to resolution.
    pub resolve_minutes: i64,
}

/// Limits of one operator role.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RoleLimits {
    /// Largest goodwill grant without approval, in points.
    pub goodwill_limit: i64,
    /// Largest manual adjustment (either sign) without approval, in points.
    pub adjust_limit: i64,
}

/// Operator sign-in: when wrong PINs lock an operator out, and for how long.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SignInRule {
    /// Wrong PINs in a row that lock an operator out.
    pub max_failures: u32,
    /// Length of the first lock-out; each further one doubles.
    pub lockout_minutes: i64,
    /// Longest lock-out.
    pub lockout_max_minutes: i64,
    /// Minutes without a key after which the TUI locks (0 = never).
    pub idle_lock_minutes: i64,
}

impl SignInRule {
    /// The rule in the domain's terms.
    pub fn lockout(&self) -> crate::domain::operator::LockoutRule {
        crate::domain::operator::LockoutRule {
            max_failures: self.max_failures,
            first_ms: self.lockout_minutes.saturating_mul(60_000),
            max_ms: self.lockout_max_minutes.saturating_mul(60_000),
        }
    }
}

/// Retention windows.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionRule {
    /// A stay within this many months makes a member active.
    pub active_months: u32,
    /// Beyond this many months without a stay a member is lapsed.
    pub lapsed_months: u32,
}

impl Config {
    /// The built-in defaults, which are validated by a test.
    pub fn builtin() -> Result<Config, ConfigError> {
        load_with_override(None)
    }

    /// The tier rule with this code.
    pub fn tier(&self, code: &str) -> Option<&TierRule> {
        self.tiers.iter().find(|t| t.code == code)
    }

    /// Rank of a tier code (0 = lowest); unknown codes rank lowest.
    pub fn tier_rank(&self, code: &str) -> usize {
        self.tiers.iter().position(|t| t.code == code).unwrap_or(0)
    }

    /// The property with this code.
    pub fn property(&self, code: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.code == code)
    }

    /// The country a phone typed for a member of `property` belongs to when it has no
    /// country code: the property's, else the store's.
    pub fn phone_country(&self, property: &str) -> &str {
        self.property(property).and_then(|p| p.country.as_deref()).unwrap_or(&self.store.country)
    }

    /// The country of a phone typed for a member of `property`, or of the default property
    /// when none is named (as commands then enrol the member there).
    pub fn phone_country_of(&self, property: Option<&str>) -> &str {
        let code = property.map(str::trim).filter(|p| !p.is_empty()).unwrap_or(&self.store.default_property);
        self.phone_country(code)
    }

    /// Every country of the group's properties, the default property's first: a phone
    /// query is read as a number of each (the guest may be a member of any property).
    pub fn phone_countries(&self) -> Vec<&str> {
        let mut out = vec![self.phone_country(&self.store.default_property)];
        for p in &self.properties {
            let c = self.phone_country(&p.code);
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// SLA targets of a severity.
    pub(crate) fn severity(&self, code: &str) -> Option<&SeverityRule> {
        self.complaints.severities.iter().find(|s| s.code == code)
    }

    /// Minor units per whole currency unit (100 for two digits).
    pub fn minor_per_unit(&self) -> i64 {
        10_i64.pow(u32::from(self.store.minor_digits))
    }

    /// Whether stays booked through this channel earn and qualify.
    pub fn channel_earns(&self, channel: &str) -> bool {
        self.channels.earning.iter().any(|c| c == channel)
    }

    /// Limits of a role; unknown roles get none.
    pub fn role_limits(&self, role: &str) -> RoleLimits {
        self.roles.get(role).copied().unwrap_or(RoleLimits { goodwill_limit: 0, adjust_limit: 0 })
    }
}
