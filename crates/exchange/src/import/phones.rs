//! Phones of imported rows, each distinct text read once per import. Reading a phone is
//! the costliest step of a row (the phonenumber crate matches its country's patterns,
//! hashing each pattern's text into its regex cache: a fifth of the CPU of a bookings
//! import of returning guests), and a PMS export names the same guests again and again.

use frontdesk_core::domain::phone::{self, Imported};
use frontdesk_core::i18n::errors::Reason;
use std::collections::HashMap;

/// Distinct phone texts remembered at most; past it the memo starts again (bounded memory
/// on an import of millions of new guests, who gain nothing from it anyway).
const REMEMBERED: usize = 100_000;

/// What [`phone::read_imported`] made of each phone text, by country then text.
#[derive(Default)]
pub(crate) struct PhoneMemo {
    read: HashMap<String, HashMap<String, Result<Imported, Reason>>>,
    len: usize,
}

impl PhoneMemo {
    /// [`phone::read_imported`] of `raw` as a number of `country`, from the memo when read
    /// before.
    pub(crate) fn read_imported(&mut self, raw: &str, country: &str) -> Result<Imported, Reason> {
        if let Some(known) = self.read.get(country).and_then(|by_text| by_text.get(raw)) {
            return known.clone();
        }
        let found = phone::read_imported(raw, country);
        if self.len >= REMEMBERED {
            self.read.clear();
            self.len = 0;
        }
        self.read.entry(country.to_string()).or_default().insert(raw.to_string(), found.clone());
        self.len += 1;
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memo_answers_as_the_rule_does_for_each_country() {
        let mut memo = PhoneMemo::default();
        for _ in 0..2 {
            for (raw, country) in [("912 345 678", "PT"), ("912 345 678", "CN"), ("13800138000", "CN"), ("12ab", "PT")]
            {
                assert_eq!(memo.read_imported(raw, country), phone::read_imported(raw, country), "{raw} in {country}");
            }
        }
        assert_eq!(memo.len, 4);
    }
}
