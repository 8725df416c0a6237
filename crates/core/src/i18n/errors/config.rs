//! What is wrong with a configuration file (`[config_issue]`): each issue is said after
//! its file and key, and the issues together after what could not run.

use super::Fault;

crate::messages! {
    /// A configuration value that cannot be used, and what to write instead.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum ConfigSays in "config_issue" {
        Issue { file: String, key: String, reason: Box<Fault> } => "issue",
        Invalid { issues: Vec<ConfigSays> } => "invalid",
        Problems { n: crate::i18n::Problems, issues: Vec<ConfigSays> } => "problems",
        Count { n: crate::i18n::Problems } => "count",
        CannotReadFile { error: String } => "cannot_read_file",
        NotToml { error: String } => "not_toml",
        UnknownKey { known: String } => "unknown_key",
        Expected { expected: String, found: String } => "expected",
        Value { error: String } => "value",
        AtLeastOne => "at_least_one",
        LockoutMinutes => "lockout_minutes",
        IdleLock => "idle_lock",
        NotNegativeOff => "not_negative_off",
        ActiveMonths => "active_months",
        Currency => "currency",
        Cache => "cache",
        MinorDigits => "minor_digits",
        CardPrefix => "card_prefix",
        Country { code: String } => "country",
        NotProperty { code: String } => "not_property",
        NeedProperty => "need_property",
        Twice { value: String } => "twice",
        NeedTier => "need_tier",
        BaseTier => "base_tier",
        Rise { tier: String } => "rise",
        AtMost1000 => "at_most_1000",
        NotCanonical { channel: String } => "not_canonical",
        Positive => "positive",
        UnknownProperty { code: String } => "unknown_property",
        NeedCategory => "need_category",
        NeedSeverity => "need_severity",
        SlaOrder => "sla_order",
        RoleMissing => "role_missing",
        UnknownRole => "unknown_role",
        NegativeLimits => "negative_limits",
        Language { value: String } => "language",
        Colour { value: String } => "colour",
        NeedManagedCategory => "need_managed_category",
        NoSla { category: String } => "no_sla",
        NotManaged { category: String } => "not_managed",
        UnknownAction { known: String } => "unknown_action",
        NotKey { key: String } => "not_key",
        AlsoBound { key: String, other: String } => "also_bound",
        MaxClients => "max_clients",
    }
}
