//! Value parsers for arguments; each error names what was expected.

use chrono::NaiveDate;
pub use frontdesk_core::domain::money::{format as format_money, parse as money};
use frontdesk_core::domain::operator::Role;
use frontdesk_core::i18n::errors::CliSays;

/// A calendar date `YYYY-MM-DD` that exists.
pub fn date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| CliSays::NotDate { value: s.to_string() }.to_string())
}

/// An operator role.
pub fn role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| CliSays::NotRole { value: s.to_string() }.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_are_refused() {
        assert!(date("2026-02-31").is_err());
        assert!(date("2026-02-28").is_ok());
    }
}
