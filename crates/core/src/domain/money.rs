//! Money as integer minor units: parsing typed amounts and formatting them back.

use crate::i18n::errors::Reason;

/// A money amount like `450`, `450.5` or `450.50` as minor units with `digits` decimals.
pub fn parse(s: &str, digits: u8) -> Result<i64, Reason> {
    let t = s.trim();
    let bad = || Reason::NotAmount { input: s.to_string(), digits };
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
pub fn format(minor: i64, digits: u8) -> String {
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
        assert_eq!(parse(s, 2).map_err(|_| ()), want);
    }

    #[test]
    fn money_formats_back() {
        assert_eq!(format(45_050, 2), "450.50");
        assert_eq!(format(7, 2), "0.07");
        assert_eq!(format(12, 0), "12");
    }
}
