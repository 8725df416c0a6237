//! Normalising and checking e-mail addresses and phone numbers.

/// Lower-cased, trimmed e-mail if it looks like an address, else the reason it does not.
pub fn normalize_email(raw: &str) -> Result<String, &'static str> {
    let email = raw.trim().to_lowercase();
    let Some((local, domain)) = email.split_once('@') else {
        return Err("must contain '@'");
    };
    if local.is_empty() || domain.contains('@') {
        return Err("must be one name, '@' and a domain");
    }
    if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
        return Err("needs a domain such as example.com after '@'");
    }
    if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must not contain spaces or control characters and be at most 254 characters");
    }
    if email.contains('•') {
        return Err("is masked (•); reveal the whole address before changing it");
    }
    Ok(email)
}

/// A phone number reduced to an optional leading '+' and its digits.
///
/// Spaces, dots, dashes and brackets are dropped; an `x`/`ext` extension is cut off.
pub fn normalize_phone(raw: &str) -> Result<String, &'static str> {
    let trimmed = raw.trim();
    let main = trimmed.split(['x', 'X']).next().unwrap_or(trimmed).trim_end_matches(|c: char| !c.is_ascii_digit());
    let mut out = String::new();
    for (i, c) in main.chars().enumerate() {
        match c {
            '+' if i == 0 => out.push('+'),
            '0'..='9' => out.push(c),
            ' ' | '-' | '.' | '(' | ')' | '/' => {}
            _ => return Err("may contain only digits, spaces, '+', '-', '.', '(' and ')'"),
        }
    }
    let digits = out.trim_start_matches('+').len();
    if !(6..=20).contains(&digits) {
        return Err("must have 6 to 20 digits");
    }
    Ok(out)
}

/// The digits of a normalised phone number, for tail search.
pub fn phone_digits(phone: &str) -> &str {
    phone.trim_start_matches('+')
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(" Ana.Silva@Example.COM ", Ok("ana.silva@example.com"))]
    #[case("no-at-sign", Err("must contain '@'"))]
    #[case("a@b", Err("needs a domain such as example.com after '@'"))]
    #[case("@example.com", Err("must be one name, '@' and a domain"))]
    #[case("z•••@example.com", Err("is masked (•); reveal the whole address before changing it"))]
    fn emails_are_normalised_or_refused(#[case] raw: &str, #[case] want: Result<&str, &str>) {
        assert_eq!(normalize_email(raw).as_deref().map_err(|e| *e), want);
    }

    #[rstest]
    #[case("+86 138-0013-5678", Ok("+8613800135678"))]
    #[case("(351) 912 345 678", Ok("351912345678"))]
    #[case("001-535-424-0569x0071", Ok("0015354240569"))]
    #[case("12345", Err("must have 6 to 20 digits"))]
    #[case("12a456789", Err("may contain only digits, spaces, '+', '-', '.', '(' and ')'"))]
    fn phones_are_normalised_or_refused(#[case] raw: &str, #[case] want: Result<&str, &str>) {
        assert_eq!(normalize_phone(raw).as_deref().map_err(|e| *e), want);
    }
}
