//! Masking contact data for operators who may not see it whole, and the pseudonym an
//! erased member keeps.
//!
//! Clerks see a phone as `+86 ••• •••• 5678` and an e-mail as `z•••@example.com`: enough
//! to confirm "is this your number ending 5678?" with the guest at the desk, not enough
//! to copy. Supervisors and above see both whole; a clerk can reveal them one member at a
//! time, and every reveal is audited.

use super::operator::Role;

/// The mask character.
const DOT: char = '•';

/// Whether `role` sees phone numbers and e-mail addresses whole without revealing them.
pub fn sees_contact(role: Role) -> bool {
    role >= Role::Supervisor
}

/// The name an erased member keeps: says what happened and names nobody.
pub fn pseudonym(card: &str) -> String {
    format!("erased {card}")
}

/// Length of the ITU country calling code at the start of `digits` (1 to 3 digits):
/// 1 (NANP) and 7 are one digit, a fixed set is two, the rest three.
fn country_code_len(digits: &[char]) -> usize {
    const TWO: [&str; 44] = [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
        "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
        "86", "90", "91", "92", "93", "94", "95", "98",
    ];
    match digits.first() {
        Some('1' | '7') => 1,
        Some(_) if digits.len() >= 2 && TWO.contains(&digits[..2].iter().collect::<String>().as_str()) => 2,
        Some(_) => 3.min(digits.len()),
        None => 0,
    }
}

/// `n` mask dots in groups of four counted from the right (`••• ••••` for seven).
fn dots(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        if i > 0 && (n - i).is_multiple_of(4) {
            out.push(' ');
        }
        out.push(DOT);
    }
    out
}

/// A phone number with only its country code (when it starts with `+`) and its last
/// digits showing: `+8613912345678` → `+86 ••• •••• 5678`. At most four and at most
/// half of the subscriber digits show, so a short number is never shown whole. Anything
/// but digits (spaces, dashes, an extension) is dropped; a value without digits is all
/// dots; an empty one stays empty.
pub fn mask_phone(phone: &str) -> String {
    let trimmed = phone.trim();
    if trimmed.is_empty() {
        return String::new();
    }
    let trimmed = trimmed.split(['x', 'X']).next().unwrap_or(trimmed);
    let digits: Vec<char> = trimmed.chars().filter(|c| c.is_numeric()).collect();
    if digits.is_empty() {
        return dots(3);
    }
    let international = trimmed.starts_with('+');
    let cc = if international { country_code_len(&digits).min(digits.len().saturating_sub(1)) } else { 0 };
    let rest = &digits[cc..];
    let keep = (rest.len() / 2).min(4);
    let hidden = rest.len() - keep;
    let mut out = String::new();
    if international {
        out.push('+');
        out.extend(&digits[..cc]);
        out.push(' ');
    }
    out.push_str(&dots(hidden));
    if keep > 0 {
        out.push(' ');
        out.extend(&rest[hidden..]);
    }
    out
}

/// An e-mail address with the first character of its name and its whole domain:
/// `zhang.wei@example.com` → `z•••@example.com`. The dots do not tell the name's length;
/// a one-character name shows no character at all; text without `@` keeps only its
/// first character.
pub fn mask_email(email: &str) -> String {
    let trimmed = email.trim();
    if trimmed.is_empty() {
        return String::new();
    }
    let masked = |local: &str| {
        let mut chars = local.chars();
        match (chars.next(), chars.next()) {
            (Some(first), Some(_)) => format!("{first}{DOT}{DOT}{DOT}"),
            _ => dots(3),
        }
    };
    match trimmed.rsplit_once('@') {
        Some((local, domain)) => format!("{}@{domain}", masked(local)),
        None => masked(trimmed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("+8613912345678", "+86 ••• •••• 5678")]
    #[case("+86 139-1234-5678", "+86 ••• •••• 5678")]
    #[case("+14155550123", "+1 •• •••• 0123")]
    #[case("+351912345678", "+351 • •••• 5678")]
    #[case("+447911123456", "+44 •• •••• 3456")]
    #[case("+79161234567", "+7 •• •••• 4567")]
    #[case("351912345678", "•••• •••• 5678")]
    #[case("001-535-424-0569x0071", "• •••• •••• 0569")]
    #[case("123456", "••• 456")]
    #[case("1234", "•• 34")]
    #[case("7", "•")]
    #[case("+86", "+8 •")]
    #[case("+", "•••")]
    #[case("no digits", "•••")]
    #[case("", "")]
    #[case("   ", "")]
    #[case("１３９１２３４５６７８", "••• •••• ５６７８")]
    fn phones_keep_country_code_and_last_digits(#[case] phone: &str, #[case] want: &str) {
        assert_eq!(mask_phone(phone), want);
    }

    #[rstest]
    #[case("zhang.wei@example.com", "z•••@example.com")]
    #[case("a@example.com", "•••@example.com")]
    #[case("ab@example.com", "a•••@example.com")]
    #[case("张伟@例子.中国", "张•••@例子.中国")]
    #[case("ünal@straße.de", "ü•••@straße.de")]
    #[case("odd@name@example.com", "o•••@example.com")]
    #[case("@example.com", "•••@example.com")]
    #[case("no-at-sign", "n•••")]
    #[case("x", "•••")]
    #[case("", "")]
    fn emails_keep_first_character_and_domain(#[case] email: &str, #[case] want: &str) {
        assert_eq!(mask_email(email), want);
    }

    #[rstest]
    #[case(Role::Clerk, false)]
    #[case(Role::Supervisor, true)]
    #[case(Role::Manager, true)]
    #[case(Role::Admin, true)]
    fn only_clerks_see_contact_masked(#[case] role: Role, #[case] whole: bool) {
        assert_eq!(sees_contact(role), whole);
    }

    #[test]
    fn masks_never_contain_the_hidden_digits() {
        let masked = mask_phone("+8613912345678");
        assert!(!masked.contains("139") && !masked.contains("1234"));
    }
}
