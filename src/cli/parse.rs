//! Value parsers for arguments; each error names what was expected.

use crate::domain::operator::Role;
use chrono::NaiveDate;

/// A calendar date `YYYY-MM-DD` that exists.
pub fn date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date; use YYYY-MM-DD, e.g. 2026-03-14"))
}

/// An operator role.
pub fn role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| format!("`{s}` is not a role; use clerk, supervisor, manager or admin"))
}

/// A money amount like `450`, `450.5` or `450.50` as minor units with `digits` decimals.
pub fn money(s: &str, digits: u8) -> Result<i64, String> {
    let t = s.trim();
    let bad = || format!("`{s}` is not an amount; use digits with at most {digits} decimals, e.g. 450.00");
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > usize::from(digits)
    {
        return Err(bad());
    }
    let scale = 10_i64.pow(u32::from(digits));
    let w: i64 = whole.parse().map_err(|_| bad())?;
    let f: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<width$}", width = usize::from(digits)).parse().map_err(|_| bad())?
    };
    w.checked_mul(scale).and_then(|v| v.checked_add(f)).ok_or_else(bad)
}

/// Minor units as a decimal amount with `digits` decimals.
pub fn format_money(minor: i64, digits: u8) -> String {
    if digits == 0 {
        return minor.to_string();
    }
    let scale = 10_i64.pow(u32::from(digits));
    let sign = if minor < 0 { "-" } else { "" };
    format!("{sign}{}.{:0width$}", minor.abs() / scale, minor.abs() % scale, width = usize::from(digits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("450", Ok(45_000))]
    #[case("450.5", Ok(45_050))]
    #[case("0.07", Ok(7))]
    #[case("450.555", Err(()))]
    #[case("-3", Err(()))]
    #[case("1e5", Err(()))]
    #[case("", Err(()))]
    #[case("99999999999999999999", Err(()))]
    fn money_amounts_parse_to_minor_units(#[case] s: &str, #[case] want: Result<i64, ()>) {
        assert_eq!(money(s, 2).map_err(|_| ()), want);
    }

    #[test]
    fn money_formats_back() {
        assert_eq!(format_money(45_050, 2), "450.50");
        assert_eq!(format_money(7, 2), "0.07");
        assert_eq!(format_money(12, 0), "12");
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(date("2026-02-31").is_err());
        assert!(date("2026-02-28").is_ok());
    }
}
