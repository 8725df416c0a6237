//! Normalising and checking e-mail addresses and phone numbers (the latter in
//! [`super::phone`], re-exported here).

pub use super::phone::{normalize_phone, phone_digits};
use crate::i18n::errors::Reason;

/// Lower-cased, trimmed e-mail if it looks like an address, else the reason it does not.
pub fn normalize_email(raw: &str) -> Result<String, Reason> {
    let email = raw.trim().to_lowercase();
    let Some((local, domain)) = email.split_once('@') else {
        return Err(Reason::EmailNoAt);
    };
    if local.is_empty() || domain.contains('@') {
        return Err(Reason::EmailOneName);
    }
    if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
        return Err(Reason::EmailNoDomain);
    }
    if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Reason::EmailShape);
    }
    if email.contains('•') {
        return Err(Reason::EmailMasked);
    }
    Ok(email)
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
        assert_eq!(normalize_email(raw).as_deref().map_err(|e| e.to_string()), want.map_err(String::from));
    }
}
