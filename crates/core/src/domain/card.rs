//! Card numbers: digits with a Luhn check digit.

use crate::i18n::errors::Reason;

/// Digits of an issued card number after the prefix, before the check digit.
const BODY_DIGITS: usize = 9;

/// The Luhn check digit for a string of digits (non-digits are ignored).
pub(crate) fn luhn_check_digit(payload: &str) -> u8 {
    let sum: u32 = payload
        .bytes()
        .filter(u8::is_ascii_digit)
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    // The result is in 0..=9, so the narrowing cannot lose anything.
    ((10 - sum % 10) % 10) as u8
}

/// Whether `card` is 8–19 digits whose last digit is the Luhn check digit.
pub fn is_valid(card: &str) -> bool {
    let len = card.len();
    if !(8..=19).contains(&len) || !card.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let (payload, check) = card.split_at(len - 1);
    check.as_bytes()[0] - b'0' == luhn_check_digit(payload)
}

/// Why a typed card number is not acceptable, or `None` when it is.
pub fn problem(card: &str) -> Option<Reason> {
    if card.is_empty() {
        Some(Reason::CardEmpty)
    } else if !card.bytes().all(|b| b.is_ascii_digit()) {
        Some(Reason::CardDigits)
    } else if !(8..=19).contains(&card.len()) {
        Some(Reason::CardLength)
    } else if !is_valid(card) {
        Some(Reason::CardCheckDigit)
    } else {
        None
    }
}

/// The card number issued to member `id` under `prefix`.
pub fn issue(prefix: &str, id: u64) -> String {
    let payload = format!("{prefix}{id:0width$}", width = BODY_DIGITS);
    let check = luhn_check_digit(&payload);
    format!("{payload}{check}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case("7992739871", 3)]
    #[case("4539 1488 0343 646", 7)]
    #[case("0", 0)]
    fn check_digit_matches_known_values(#[case] payload: &str, #[case] digit: u8) {
        assert_eq!(luhn_check_digit(payload), digit);
    }

    #[rstest]
    #[case("79927398713", true)]
    #[case("79927398710", false)]
    #[case("1234", false)]
    #[case("abcdefghij", false)]
    fn validity_follows_luhn(#[case] card: &str, #[case] ok: bool) {
        assert_eq!(is_valid(card), ok);
    }

    proptest! {
        #[test]
        fn issued_cards_are_valid_and_distinct(a in 0u64..999_999_999, b in 0u64..999_999_999) {
            let (ca, cb) = (issue("62", a), issue("62", b));
            prop_assert!(is_valid(&ca));
            prop_assert_eq!(a == b, ca == cb);
        }

        #[test]
        fn any_single_digit_typo_is_caught(id in 0u64..999_999_999, pos in 0usize..12, delta in 1u8..10) {
            let card = issue("62", id);
            let mut bytes = card.into_bytes();
            let d = bytes[pos] - b'0';
            bytes[pos] = b'0' + (d + delta) % 10;
            let typo = String::from_utf8(bytes).unwrap();
            prop_assert!(!is_valid(&typo));
        }
    }
}
