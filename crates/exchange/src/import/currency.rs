//! A file's own currency: amounts in another currency than the store's are converted at
//! the mapping's fixed `rate` (store currency per unit), exactly, rounded half to even to
//! the store's minor unit.

use super::decimal::Decimal;
use super::mapping::Mapping;
use frontdesk_core::config::Config;
use frontdesk_core::i18n::errors::{ImportSays, RowSays};

/// Most decimals of a rate.
const RATE_DECIMALS: u32 = 8;

/// How the amounts of one file become the store's.
#[derive(Debug, Clone)]
pub(crate) struct Conversion {
    /// The file's currency.
    pub currency: String,
    /// Decimals of its minor unit.
    pub digits: u8,
    /// Store currency per unit.
    rate: Decimal,
}

/// Checks a mapping's `currency` and `rate` on their own.
pub(super) fn check_mapping(currency: Option<&str>, rate: Option<&str>) -> Result<(), ImportSays> {
    if let Some(c) = currency
        && !(c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return Err(ImportSays::NotCurrency { code: c.to_string() });
    }
    match (currency, rate) {
        (None, Some(_)) => Err(ImportSays::RateWithoutCurrency),
        (_, Some(r)) => parse_rate(r).map(|_| ()),
        _ => Ok(()),
    }
}

fn parse_rate(r: &str) -> Result<Decimal, ImportSays> {
    Decimal::parse(r)
        .filter(|d| d.is_positive() && d.scale() <= RATE_DECIMALS)
        .ok_or_else(|| ImportSays::NotRate { value: r.to_string(), decimals: RATE_DECIMALS })
}

/// The conversion a mapping asks for against the store's currency; `None` when the file
/// is in the store's currency.
pub(crate) fn for_store(mapping: &Mapping, config: &Config) -> Result<Option<Conversion>, ImportSays> {
    let store = config.store.currency.as_str();
    let Some(currency) = mapping.currency.as_deref().filter(|c| *c != store) else {
        if mapping.rate.is_some() {
            return Err(ImportSays::RateOwnCurrency { store: store.to_string() });
        }
        return Ok(None);
    };
    let Some(rate) = mapping.rate.as_deref() else {
        return Err(ImportSays::NeedsRate { currency: currency.to_string(), store: store.to_string() });
    };
    Ok(Some(Conversion { currency: currency.into(), digits: minor_digits(currency), rate: parse_rate(rate)? }))
}

impl Conversion {
    /// The rate, as written.
    pub(crate) fn rate(&self) -> String {
        self.rate.to_string()
    }

    /// `amount` (in the file's currency) in minor units of the store's currency.
    pub(crate) fn convert(&self, amount: &str, store_digits: u8) -> Result<i64, RowSays> {
        let bad =
            || RowSays::NotAmountIn { value: amount.to_string(), currency: self.currency.clone(), digits: self.digits };
        let value = Decimal::parse(amount).filter(|d| d.scale() <= u32::from(self.digits)).ok_or_else(bad)?;
        if !value.is_positive() && amount.trim().starts_with('-') {
            return Err(bad());
        }
        value
            .mul(self.rate)
            .and_then(|v| v.minor_units(u32::from(store_digits)))
            .ok_or_else(|| RowSays::TooLargeToConvert { value: amount.to_string(), currency: self.currency.clone() })
    }
}

/// Decimals of a currency's minor unit (ISO 4217): 0 for the yen, won and their like, 3
/// for the Gulf dinars, 2 otherwise.
pub(crate) fn minor_digits(code: &str) -> u8 {
    const NONE: [&str; 16] = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF",
    ];
    const THREE: [&str; 7] = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    if NONE.contains(&code) {
        0
    } else if THREE.contains(&code) {
        3
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn gbp(rate: &str) -> Conversion {
        Conversion { currency: "GBP".into(), digits: 2, rate: Decimal::parse(rate).expect("rate") }
    }

    #[rstest]
    #[case("100.00", "1.1650", 11650)]
    #[case("0.01", "1.1650", 1)]
    #[case("10.05", "0.5", 502)] // 5.025 → 5.02, half to even
    #[case("10.15", "0.5", 508)] // 5.075 → 5.08
    #[case("3", "1.17", 351)]
    fn amounts_convert_exactly(#[case] amount: &str, #[case] rate: &str, #[case] minor: i64) {
        assert_eq!(gbp(rate).convert(amount, 2), Ok(minor));
    }

    #[test]
    fn bad_amounts_and_rates_are_refused() {
        assert!(gbp("1.1").convert("1.234", 2).is_err(), "more decimals than pence");
        assert!(gbp("1.1").convert("-5", 2).is_err());
        assert!(check_mapping(Some("gbp"), None).is_err());
        assert!(check_mapping(None, Some("1.2")).is_err());
        assert!(check_mapping(Some("GBP"), Some("0")).is_err());
        assert!(check_mapping(Some("GBP"), Some("1.17")).is_ok());
        assert_eq!(minor_digits("JPY"), 0);
    }
}
