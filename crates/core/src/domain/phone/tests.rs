use super::*;
use rstest::rstest;

/// The message for characters a phone number cannot have.
const BAD_CHARACTERS: &str = "may contain only digits, spaces, '+', '-', '.', '(' and ')'";

/// Every way a desk or a spreadsheet writes one number, in twelve countries: national
/// with spaces, dashes, dots or brackets, with the trunk 0, with `+CC` (and the `(0)`
/// written for national callers), with the country's own international prefix, and in
/// full-width digits from a Chinese input method.
#[rstest]
#[case("PT", "912 345 678", "+351912345678")]
#[case("PT", "912-345-678", "+351912345678")]
#[case("PT", "+351 912 345 678", "+351912345678")]
#[case("PT", "(+351) 912.345.678", "+351912345678")]
#[case("PT", "00351 912345678", "+351912345678")]
#[case("CN", "138 0013 8000", "+8613800138000")]
#[case("CN", "138-0013-8000", "+8613800138000")]
#[case("CN", "+86 138 0013 8000", "+8613800138000")]
#[case("CN", "0086 13800138000", "+8613800138000")]
#[case("CN", "１３８ ００１３ ８０００", "+8613800138000")]
#[case("CN", "＋８６ １３８００１３８０００", "+8613800138000")]
#[case("CN", "(021) 6321 0000", "+862163210000")]
#[case("CN", "+86 21 6321 0000", "+862163210000")]
#[case("GB", "07911 123456", "+447911123456")]
#[case("GB", "(07911) 123 456", "+447911123456")]
#[case("GB", "+44 7911 123456", "+447911123456")]
#[case("GB", "+44 (0)7911 123456", "+447911123456")]
#[case("GB", "0044 7911 123456", "+447911123456")]
#[case("US", "(415) 555-2671", "+14155552671")]
#[case("US", "415.555.2671", "+14155552671")]
#[case("US", "1 415 555 2671", "+14155552671")]
#[case("US", "+1 (415) 555-2671", "+14155552671")]
#[case("US", "011 1 415 555 2671", "+14155552671")]
#[case("US", "415-555-2671 ext. 12", "+14155552671")]
#[case("DE", "030 901820", "+4930901820")]
#[case("DE", "(030) 90 18 20", "+4930901820")]
#[case("DE", "+49 (0)30 901820", "+4930901820")]
#[case("DE", "0049 30 901820", "+4930901820")]
#[case("FR", "06 12 34 56 78", "+33612345678")]
#[case("FR", "06.12.34.56.78", "+33612345678")]
#[case("FR", "+33 (0)6 12 34 56 78", "+33612345678")]
#[case("FR", "0033 6 12 34 56 78", "+33612345678")]
#[case("ES", "612 34 56 78", "+34612345678")]
#[case("ES", "+34 612-345-678", "+34612345678")]
#[case("ES", "0034 612 345 678", "+34612345678")]
// Italy keeps the leading 0 of a fixed line in the international number.
#[case("IT", "06 6982 0000", "+390669820000")]
#[case("IT", "+39 06 6982 0000", "+390669820000")]
#[case("IT", "0039 06 69820000", "+390669820000")]
#[case("JP", "090-1234-5678", "+819012345678")]
#[case("JP", "+81 90-1234-5678", "+819012345678")]
#[case("JP", "010 81 90 1234 5678", "+819012345678")]
#[case("BR", "(11) 91234-5678", "+5511912345678")]
#[case("BR", "011 91234-5678", "+5511912345678")]
#[case("BR", "+55 11 91234-5678", "+5511912345678")]
#[case("IN", "98765 43210", "+919876543210")]
#[case("IN", "098765-43210", "+919876543210")]
#[case("IN", "+91 98765 43210", "+919876543210")]
#[case("AU", "0412 345 678", "+61412345678")]
#[case("AU", "+61 412 345 678", "+61412345678")]
#[case("AU", "0011 61 412 345 678", "+61412345678")]
fn every_typed_form_gives_one_e164(#[case] country: &str, #[case] typed: &str, #[case] want: &str) {
    assert_eq!(normalize_phone(typed, country).as_deref(), Ok(want), "{country} {typed}");
    // Stored numbers read back the same from any property: the normal form is a fixed point.
    for other in ["PT", "CN", "US"] {
        assert_eq!(normalize_phone(want, other).as_deref(), Ok(want));
    }
}

#[rstest]
// A Chinese mobile typed the national way at a Lisbon desk: refused, not stored as a
// wrong Portuguese number, with what to type instead.
#[case(
    "PT",
    "138 0013 8000",
    "`138 0013 8000` is not a valid phone number in PT; check the digits, or type it with its country code, such as +351 912 345 678"
)]
#[case(
    "GB",
    "0791 123",
    "`0791 123` is not a valid phone number in GB; check the digits, or type it with its country code, such as +44 7400 123456"
)]
#[case("PT", "+999 123456", "`+999 123456` is not a valid phone number; check the country code after + and the digits")]
#[case("PT", "12a456789", "may contain only digits, spaces, '+', '-', '.', '(' and ')'")]
#[case("PT", "+", "must have at least 3 digits")]
fn numbers_that_are_none_are_refused_with_what_to_do(#[case] country: &str, #[case] typed: &str, #[case] want: &str) {
    assert_eq!(normalize_phone(typed, country).map_err(|e| e.to_string()), Err(want.to_string()));
}

#[test]
fn a_number_with_its_country_code_and_a_possible_length_is_kept() {
    // +351 1… is no Portuguese range today, but nine digits is a Portuguese length: the
    // guest said the country, so the number is kept, in E.164 like any other.
    assert_eq!(normalize_phone("+351 112 345 678", "CN").as_deref(), Ok("+351112345678"));
    assert!(!is_valid_phone("+351112345678"));
    // Typed without the code, the same digits do not confirm the guess of the country.
    assert!(normalize_phone("112 345 678", "PT").is_err());
}

#[test]
fn countries_are_iso_codes_with_phone_rules() {
    for ok in ["PT", "CN", "GB", "US", "HK", "MO", "TW"] {
        assert!(is_phone_country(ok), "{ok}");
    }
    for bad in ["pt", "UK", "EU", "XX", "001", "", "POR"] {
        assert!(!is_phone_country(bad), "{bad}");
    }
}

#[test]
fn a_query_means_the_numbers_it_is_in_each_country() {
    let countries = ["PT", "GB", "CN"];
    // The trunk 0 and the international prefix are not in the stored digits: the query is
    // read as a whole number too.
    assert_eq!(query_digits("07911 123456", &countries), vec!["447911123456".to_string()]);
    assert_eq!(query_digits("0086 138 0013 8000", &countries), vec!["8613800138000".to_string()]);
    assert_eq!(query_digits("+86 138 0013 8000", &countries), vec!["8613800138000".to_string()]);
    // A tail, a card number or a name is no whole number.
    assert!(query_digits("8000", &countries).is_empty());
    assert!(query_digits("Ana Silva", &countries).is_empty());
}

#[test]
fn stored_numbers_read_back_in_international_format() {
    assert_eq!(pretty("+8613800138000"), "+86 138 0013 8000");
    assert_eq!(pretty("+351912345678"), "+351 912 345 678");
    assert_eq!(pretty("6697921661"), "6697921661", "kept as written");
}

#[test]
fn every_country_id_has_numbering_metadata() {
    let letters = || b'A'..=b'Z';
    let ids = letters().flat_map(|a| letters().map(move |b| String::from_utf8(vec![a, b]).unwrap_or_default()));
    let known: Vec<String> = ids.filter(|c| is_phone_country(c)).collect();
    assert!(known.len() > 240, "{}", known.len());
    for c in &known {
        assert!(region(c).is_some(), "{c} parses as a country but has no metadata");
    }
}

#[test]
fn tail_digits_are_the_number_without_its_plus() {
    assert_eq!(phone_digits("+8613800138000"), "8613800138000");
    assert_eq!(phone_digits("13800138000"), "13800138000");
}

#[rstest]
#[case("US", "669-792-1661", Ok(Imported::E164("+16697921661".into())))]
// Area codes never start with 1: no number, kept as written for the clerk to correct.
#[case("US", "190-271-6743", Ok(Imported::AsWritten("1902716743".into())))]
#[case("PT", "669-792-1661", Ok(Imported::AsWritten("6697921661".into())))]
#[case("PT", "+1 (669) 792-1661", Ok(Imported::E164("+16697921661".into())))]
#[case("PT", "n/a", Err(BAD_CHARACTERS.to_string()))]
#[case("PT", "12345", Err("`12345` is not a valid phone number in PT; check the digits, or type it with its country code, such as +351 912 345 678".to_string()))]
fn imported_phones_are_e164_or_kept_as_written(
    #[case] country: &str,
    #[case] raw: &str,
    #[case] want: Result<Imported, String>,
) {
    assert_eq!(read_imported(raw, country).map_err(|e| e.to_string()), want, "{country} {raw}");
}
