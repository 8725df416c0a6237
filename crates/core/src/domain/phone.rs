//! Phone numbers in one normal form, E.164 (`+8613800138000`), whichever way they were
//! typed: national with spaces, dashes or brackets, with a trunk `0`, with `+CC` or with
//! the country's international prefix (`00`, `011`, `010` …). A number typed without a
//! country code is read as a number of the property's country.
//!
//! Parsing and the country rules (trunk prefixes, international prefixes, lengths) are
//! Google's libphonenumber metadata through the `phonenumber` crate, not rules of ours.
//! What is kept (see [`acceptable`]): a number valid in the property's country when it
//! was typed without a country code; a number of a length possible for the country typed
//! with `+CC` or `00CC` (the guest named the country; the range may be newer than the
//! metadata). Everything else is refused with a message saying what to type instead, so
//! one number is stored one way and every form of it finds it.

use crate::i18n::errors::Reason;
use phonenumber::metadata::DATABASE;
use phonenumber::{Mode, PhoneNumber, country};
use std::str::FromStr;

/// Whether `code` is an ISO 3166-1 alpha-2 country code (upper case) with phone rules.
pub fn is_phone_country(code: &str) -> bool {
    // The crate's country ids are those of its metadata (a test checks it): parsing the id
    // tells without loading the metadata, which every command checking its configuration
    // would otherwise pay for (a third of a second in a debug build).
    country::Id::from_str(code).is_ok()
}

fn region(code: &str) -> Option<country::Id> {
    let id = country::Id::from_str(code).ok()?;
    DATABASE.by_id(id.as_ref())?;
    Some(id)
}

/// The number typed, in E.164, read as a number of `country` when it has no country code.
///
/// An `x`/`ext` extension is cut off (E.164 has none; the desk dials the guest). Full-width
/// digits and `＋` (typed with a Chinese input method) count as their ASCII forms.
pub fn normalize_phone(raw: &str, country: &str) -> Result<String, Reason> {
    let typed = clean(raw)?;
    match parse(&typed, country).filter(acceptable) {
        Some(n) => Ok(n.format().mode(Mode::E164).to_string()),
        None if typed.starts_with('+') || region(country).is_none() => {
            Err(Reason::PhoneInvalid { input: raw.trim().to_string() })
        }
        None => Err(Reason::PhoneInvalidIn {
            input: raw.trim().to_string(),
            country: country.to_string(),
            example: example(country),
        }),
    }
}

/// A phone as an import stores it: in E.164 when it reads as a number, else as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Imported {
    /// A number of the country it names or of the one given.
    E164(String),
    /// No valid number (a PMS field of any shape, a made-up test number): kept as its
    /// digits (and a leading `+`), as a desk could not check it, so the row's booking and
    /// points still land; the import counts these and warns.
    AsWritten(String),
}

/// The phone of an imported row, read as a number of `country` when it has no country
/// code; refused only when it is no phone at all (letters, too few or too many digits).
pub fn read_imported(raw: &str, country: &str) -> Result<Imported, Reason> {
    let invalid = match normalize_phone(raw, country) {
        Ok(e164) => return Ok(Imported::E164(e164)),
        Err(invalid) => invalid,
    };
    // Letters: no phone at all, said as such; else too few or too many digits to keep.
    let typed = clean(raw)?;
    if keepable(&typed) { Ok(Imported::AsWritten(typed)) } else { Err(invalid) }
}

/// A phone kept as written: its digits and a leading `+`, 6 to 20 digits.
pub fn as_written(raw: &str) -> Result<String, Reason> {
    let typed = clean(raw)?;
    if !keepable(&typed) {
        return Err(Reason::PhoneLength);
    }
    Ok(typed)
}

/// Whether a cleaned phone has as many digits as a number kept as written may have.
fn keepable(typed: &str) -> bool {
    (6..=20).contains(&typed.trim_start_matches('+').len())
}

/// A stored phone in the international format a clerk reads back to a guest
/// (`+86 138 0013 8000`); one kept as written stays as it is.
pub fn pretty(stored: &str) -> String {
    match phonenumber::parse(None, stored) {
        Ok(n) if stored.starts_with('+') => n.format().mode(Mode::International).to_string(),
        _ => stored.to_string(),
    }
}

/// Whether `phone` is a number the metadata knows as valid (not only of a possible length):
/// what the tests hold stored numbers to.
#[cfg(test)]
pub(crate) fn is_valid_phone(phone: &str) -> bool {
    phonenumber::parse(None, phone).is_ok_and(|n| phonenumber::is_valid(&n))
}

/// The E.164 numbers a phone query can mean, as digits: one per country in `countries`
/// it reads as a possible number of (a number typed with its country code reads the same
/// in each). Empty when it is no whole number (a tail, a card number, a name).
pub fn query_digits(query: &str, countries: &[&str]) -> Vec<String> {
    let Ok(typed) = clean(query) else { return Vec::new() };
    // Fewer digits are a tail, which the tail search finds: no parse per keystroke.
    if typed.trim_start_matches('+').len() < 6 {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for c in countries {
        if let Some(n) = parse(&typed, c).filter(acceptable) {
            let e164 = n.format().mode(Mode::E164).to_string();
            let digits = phone_digits(&e164).to_string();
            if !out.contains(&digits) {
                out.push(digits);
            }
        }
    }
    out
}

/// Reads the numbering metadata and each country's rules once, so that the first phone
/// a desk types does not wait for them (tens of milliseconds, more in a debug build).
pub fn warm_up(countries: &[&str]) {
    for c in countries {
        let _ = normalize_phone(&example(c), c);
    }
}

/// The digits of a normalised phone number, for tail search.
pub fn phone_digits(phone: &str) -> &str {
    phone.trim_start_matches('+')
}

/// `raw` reduced to an optional leading `+` and ASCII digits, an extension cut off, or
/// the reason it is no phone number at all.
fn clean(raw: &str) -> Result<String, Reason> {
    let ascii: String = raw.trim().chars().map(half_width).collect();
    let main = ascii.split(['x', 'X']).next().unwrap_or(&ascii).trim_end_matches(|c: char| !c.is_ascii_digit());
    let mut out = String::with_capacity(main.len());
    for c in main.chars() {
        match c {
            // `(+351) 912 345 678`: a plus before any digit, brackets or not.
            '+' if out.is_empty() => out.push('+'),
            '0'..='9' => out.push(c),
            ' ' | '-' | '.' | '(' | ')' | '/' => {}
            _ => return Err(Reason::PhoneCharacters),
        }
    }
    if out.trim_start_matches('+').len() < 3 {
        // `n/a`, `none`: the letters are the trouble, not the count.
        if ascii.chars().any(|c| c.is_alphabetic()) {
            return Err(Reason::PhoneCharacters);
        }
        return Err(Reason::PhoneTooShort);
    }
    Ok(out)
}

/// A full-width digit or sign as its ASCII form; any other character as it is.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' | '＋' | '－' | '（' | '）' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '　' => ' ',
        _ => c,
    }
}

/// `typed` (a `+` and digits) parsed as a number of `country` unless it names its own.
fn parse(typed: &str, country: &str) -> Option<PhoneNumber> {
    let id = region(country);
    // Given a default country, the crate strips that country's trunk prefix even from a
    // number that names another (+39 06 … read at a Chinese desk lost the 0 Italy keeps),
    // so a number with its country code is parsed without one: `+CC …`, or the default
    // country's international prefix (00, 011, 0011 …, from the metadata) read as `+`.
    let named = if typed.starts_with('+') { Some(typed.to_string()) } else { id.and_then(|i| idd_as_plus(typed, i)) };
    match named {
        Some(international) => phonenumber::parse(None, international).ok(),
        None => phonenumber::parse(id, typed).ok(),
    }
}

/// `digits` with `country`'s international prefix replaced by `+`, if they start with it.
fn idd_as_plus(digits: &str, country: country::Id) -> Option<String> {
    let idd = DATABASE.by_id(country.as_ref())?.international_prefix()?.find(digits)?;
    (idd.start() == 0 && idd.end() < digits.len()).then(|| format!("+{}", &digits[idd.end()..]))
}

/// Whether a parsed number is kept. Typed without a country code, the country is our
/// guess (the property's), and only a number valid there confirms it: a guest's foreign
/// number typed the national way must be refused, not stored as a wrong number of ours.
/// Typed with one, the guest said the country, and a length possible there is enough
/// (a range opened after the metadata was cut is still a real number).
fn acceptable(n: &PhoneNumber) -> bool {
    if phonenumber::is_valid(n) {
        return true;
    }
    if n.code().source() == country::Source::Default {
        return false;
    }
    let Some(meta) = n.metadata(&DATABASE) else { return false };
    let Ok(len) = u16::try_from(n.national().to_string().len()) else { return false };
    // The crate leaves the general description's lengths empty; they are those of the
    // number types, as libphonenumber itself derives them.
    let d = meta.descriptors();
    [
        d.fixed_line(),
        d.mobile(),
        d.toll_free(),
        d.premium_rate(),
        d.shared_cost(),
        d.personal_number(),
        d.voip(),
        d.uan(),
    ]
    .into_iter()
    .flatten()
    .any(|desc| desc.possible_length().contains(&len))
}

/// An example number of `country` in international format, for messages.
fn example(country: &str) -> String {
    let meta = region(country).and_then(|id| DATABASE.by_id(id.as_ref()));
    let sample = meta.and_then(|m| {
        m.descriptors().mobile().or(m.descriptors().fixed_line()).and_then(|d| d.example()).map(|e| (m, e))
    });
    match sample.and_then(|(m, e)| phonenumber::parse(region(m.id()), e).ok()) {
        Some(n) => n.format().mode(Mode::International).to_string(),
        None => "+44 20 7946 0958".into(),
    }
}

#[cfg(test)]
mod tests;
