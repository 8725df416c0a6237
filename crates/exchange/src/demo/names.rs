//! Plausible guests: names (Latin and Chinese), e-mails, phones and birthdays.

use super::lexicon::*;
use super::rng::Rng;
use chrono::{Datelike, Days, NaiveDate};

/// Where a generated guest comes from; drives names, phone formats and home property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Portuguese.
    Pt,
    /// British.
    En,
    /// Spanish.
    Es,
    /// German.
    De,
    /// French.
    Fr,
    /// Chinese (names in Han characters).
    Cn,
}

/// A generated guest's personal data.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    /// Display name.
    pub name: String,
    /// Unique e-mail, if any.
    pub email: Option<String>,
    /// Phone, if any.
    pub phone: Option<String>,
    /// Birthday, if given.
    pub birthday: Option<NaiveDate>,
}

/// The origin mix: about 70 % Latin names, 30 % Chinese.
pub(crate) fn origin(rng: &mut Rng) -> Origin {
    const ORIGINS: [Origin; 6] = [Origin::Pt, Origin::En, Origin::Es, Origin::De, Origin::Fr, Origin::Cn];
    ORIGINS[rng.weighted(&[28, 14, 10, 9, 9, 30])]
}

/// A guest of `origin`; `ordinal` (unique per member) keeps e-mails unique.
pub(crate) fn person(rng: &mut Rng, origin: Origin, ordinal: u64, today: NaiveDate) -> Person {
    let (name, local, domain) = match origin {
        Origin::Cn => chinese(rng),
        _ => latin(rng, origin),
    };
    let email = rng.chance(0.9).then(|| format!("{local}{ordinal}@{domain}"));
    let phone = rng.chance(0.85).then(|| phone(rng, origin));
    let birthday = rng.chance(0.85).then(|| birthday(rng, today)).flatten();
    Person { name, email, phone, birthday }
}

fn latin(rng: &mut Rng, origin: Origin) -> (String, String, &'static str) {
    let (first, last, domains): (&[&str], &[&str], &[&'static str]) = match origin {
        Origin::Pt => (PT_FIRST, PT_LAST, &["example.pt", "example.com"]),
        Origin::En => (EN_FIRST, EN_LAST, &["example.co.uk", "example.com"]),
        Origin::Es => (ES_FIRST, ES_LAST, &["example.es", "example.com"]),
        Origin::De => (DE_FIRST, DE_LAST, &["example.de", "example.net"]),
        _ => (FR_FIRST, FR_LAST, &["example.fr", "example.org"]),
    };
    let f = *rng.pick(first);
    let mut l = (*rng.pick(last)).to_string();
    // Iberian guests often carry two surnames.
    if matches!(origin, Origin::Pt | Origin::Es) && rng.chance(0.35) {
        l = format!("{} {l}", rng.pick(last));
    }
    let name = format!("{f} {l}");
    let surname = l.rsplit(' ').next().unwrap_or(&l);
    let local = match rng.below(3) {
        0 => format!("{}.{}", ascii(f), ascii(surname)),
        1 => format!("{}{}", ascii(&f[..f.char_indices().nth(1).map_or(f.len(), |(i, _)| i)]), ascii(surname)),
        _ => format!("{}_{}", ascii(f), ascii(surname)),
    };
    (name, local, *rng.pick(domains))
}

fn chinese(rng: &mut Rng) -> (String, String, &'static str) {
    let (last_han, last_py) = *rng.pick(CN_LAST);
    let (first_han, first_py) = *rng.pick(CN_FIRST);
    let name = format!("{last_han}{first_han}");
    let local = if rng.chance(0.6) { format!("{last_py}.{first_py}") } else { format!("{first_py}{last_py}") };
    (name, local, *rng.pick(&["example.cn", "example.com.cn", "example.com"]))
}

/// Lower-case ASCII for an e-mail local part: accents dropped.
fn ascii(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            let base = match c {
                'á' | 'à' | 'â' | 'ã' | 'ä' | 'Á' => 'a',
                'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
                'í' | 'ì' | 'î' | 'ï' | 'Í' => 'i',
                'ó' | 'ò' | 'ô' | 'õ' | 'ö' | 'Ó' => 'o',
                'ú' | 'ù' | 'û' | 'ü' | 'Ú' => 'u',
                'ç' => 'c',
                'ñ' => 'n',
                'ß' => 's',
                c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
                _ => return None,
            };
            Some(base)
        })
        .collect()
}

fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rng.below(10) as u8)).collect()
}

/// A mobile number of the guest's country as guests write it, in ranges that the
/// numbering plans allot (checked against the phone metadata by a test).
fn phone(rng: &mut Rng, origin: Origin) -> String {
    match origin {
        Origin::Pt => format!("+351 9{} {} {}", rng.pick(&["1", "2", "3", "6"]), digits(rng, 3), digits(rng, 4)),
        Origin::En => format!("+44 7{}{} {}", rng.pick(&["4", "5", "8"]), digits(rng, 2), digits(rng, 6)),
        Origin::Es => format!("+34 6{} {} {}", digits(rng, 2), digits(rng, 3), digits(rng, 3)),
        Origin::De => format!("+49 15{} {}", rng.pick(&["1", "2", "7", "9"]), digits(rng, 8)),
        Origin::Fr => {
            let first = rng.pick(&["1", "2", "4", "5", "6", "7", "8"]);
            format!("+33 6 {first}{} {} {} {}", digits(rng, 1), digits(rng, 2), digits(rng, 2), digits(rng, 2))
        }
        Origin::Cn => {
            // 154 is no mobile range.
            let block = *rng.pick(&["3", "5", "8"]);
            let second = if block == "5" {
                rng.pick(&["0", "1", "2", "3", "5", "6", "7", "8", "9"]).to_string()
            } else {
                digits(rng, 1)
            };
            format!("+86 1{block}{second} {} {}", digits(rng, 4), digits(rng, 4))
        }
    }
}

fn birthday(rng: &mut Rng, today: NaiveDate) -> Option<NaiveDate> {
    let year = today.year() - rng.range(21, 78) as i32;
    NaiveDate::from_ymd_opt(year, 1, 1)?.checked_add_days(Days::new(rng.below(365)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontdesk_core::domain::contact::{normalize_email, normalize_phone};
    /// Whether the metadata knows `phone` as a valid number (not only a possible length).
    fn is_valid_phone(phone: &str) -> bool {
        phonenumber::parse(None, phone).is_ok_and(|n| phonenumber::is_valid(&n))
    }

    #[test]
    fn people_have_valid_contacts() {
        let today = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let mut rng = Rng::new(3);
        for i in 0..2_000 {
            let o = origin(&mut rng);
            let p = person(&mut rng, o, i, today);
            assert!(!p.name.trim().is_empty());
            if let Some(e) = &p.email {
                assert_eq!(normalize_email(e).as_deref(), Ok(e.as_str()), "{e}");
            }
            if let Some(ph) = &p.phone {
                let stored = normalize_phone(ph, "PT");
                assert!(stored.as_deref().is_ok_and(is_valid_phone), "{o:?} {ph} → {stored:?}");
            }
            assert!(p.birthday.is_none_or(|b| b < today));
        }
    }
}
