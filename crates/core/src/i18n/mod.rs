//! The message catalogue: every user-facing string, in English and Simplified Chinese, with
//! dates and numbers formatted for the language. Errors and refusals are typed values
//! ([`message`], [`errors`]) rendered through the same catalogue.

pub mod errors;
mod message;

pub use errors::Fault;
pub use message::{Arg, Changes, Commands, Message, Nights, Problems, Rows, Stays, UNIT_KEYS, WrongPins};

use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::LazyLock;

const EN: &str = include_str!("../../../../config/i18n/en.toml");
const ZH: &str = include_str!("../../../../config/i18n/zh.toml");

/// A supported language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// `setting` is `en`, `zh` or `auto`; `auto` picks Chinese when `LANG`/`LC_ALL` is `zh_CN.*`.
    pub fn choose(setting: &str) -> Lang {
        match setting {
            "zh" | "zh_CN" | "zh-CN" => Lang::Zh,
            "en" => Lang::En,
            _ => {
                let env = std::env::var("LC_ALL").ok().filter(|v| !v.is_empty()).or_else(|| std::env::var("LANG").ok());
                if env.is_some_and(|v| v.starts_with("zh_CN") || v.starts_with("zh-CN") || v == "zh") {
                    Lang::Zh
                } else {
                    Lang::En
                }
            }
        }
    }
}

/// Loaded strings of one language.
#[derive(Debug, Clone)]
pub struct Texts {
    /// The language.
    pub lang: Lang,
    map: HashMap<String, String>,
}

/// Flattens `[section] key = "…"` into `section.key`.
fn flatten(text: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    if let Ok(table) = text.parse::<toml::Table>() {
        for (section, value) in table {
            match value {
                toml::Value::Table(t) => {
                    for (k, v) in t {
                        if let toml::Value::String(s) = v {
                            out.insert(format!("{section}.{k}"), s);
                        }
                    }
                }
                toml::Value::String(s) => {
                    out.insert(section, s);
                }
                _ => {}
            }
        }
    }
    out
}

impl Texts {
    /// The catalogue of the language a `[ui] language` setting picks (`auto` follows LANG).
    pub fn for_setting(setting: &str) -> Texts {
        Texts::load(Lang::choose(setting))
    }

    /// The catalogue of `lang`.
    pub fn load(lang: Lang) -> Texts {
        Texts { lang, map: flatten(if lang == Lang::Zh { ZH } else { EN }) }
    }

    /// The text of `key`; the key itself when missing (a test keeps both catalogues complete).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The English catalogue, loaded once: what `Display` of a typed message writes.
    pub fn english() -> &'static Texts {
        static ENGLISH: LazyLock<Texts> = LazyLock::new(|| Texts::load(Lang::En));
        &ENGLISH
    }

    /// The text of `key` with `{name}` placeholders filled (in one pass: a value that
    /// contains braces is not filled in turn); an unknown placeholder stays as written.
    pub fn fill(&self, key: &str, args: &[(&str, String)]) -> String {
        let text = self.get(key);
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                let name = &after[..close];
                args.iter().find(|(n, _)| *n == name).map(|(_, v)| (v, close))
            });
            match value {
                Some((v, close)) => {
                    out.push_str(v);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// A typed message in this language.
    pub fn say(&self, message: &(impl Message + ?Sized)) -> String {
        self.fill(message.key(), &message.args(self))
    }

    /// A date as this language writes it.
    pub fn date(&self, d: NaiveDate) -> String {
        d.format(self.get("fmt.date")).to_string()
    }

    /// A whole number with thousands separators.
    pub fn number(&self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(self.get("fmt.thousands"));
            }
            out.push(c);
        }
        if n < 0 { format!("-{out}") } else { out }
    }

    /// A points amount with its sign and thousands separators: `+1,875`, `-3,000`.
    pub fn signed(&self, n: i64) -> String {
        format!("{}{}", if n > 0 { "+" } else { "" }, self.number(n))
    }

    /// An amount of money in minor units, with thousands separators and its currency:
    /// `6,000.00 EUR`.
    pub fn money(&self, minor: i64, digits: u8, currency: &str) -> String {
        let plain = crate::domain::money::format(minor, digits);
        let (whole, fraction) = plain.split_once('.').map_or((plain.as_str(), None), |(w, f)| (w, Some(f)));
        let whole: i64 = whole.parse().unwrap_or(0);
        let sign = if minor < 0 && whole == 0 { "-" } else { "" };
        let mut out = format!("{sign}{}", self.number(whole));
        if let Some(f) = fraction {
            out.push_str(self.get("fmt.decimal"));
            out.push_str(f);
        }
        if !currency.is_empty() {
            out.push(' ');
            out.push_str(currency);
        }
        out
    }

    /// `n` of something, the number formatted and the noun in its plural form: the
    /// catalogue holds `key_one` and `key_other` ("{n} night", "{n} nights"); Chinese has
    /// one form, `key_other`.
    pub fn count(&self, key: &str, n: i64) -> String {
        let form = if self.lang == Lang::En && n.abs() == 1 { "one" } else { "other" };
        self.fill(&format!("{key}_{form}"), &[("n", self.number(n))])
    }

    /// Every key, for completeness checks.
    pub fn keys(&self) -> Vec<&str> {
        let mut k: Vec<&str> = self.map.keys().map(String::as_str).collect();
        k.sort_unstable();
        k
    }
}

#[cfg(test)]
mod complete;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_have_the_same_keys() {
        let (en, zh) = (Texts::load(Lang::En), Texts::load(Lang::Zh));
        assert!(en.keys().len() > 50, "the English catalogue did not load");
        assert_eq!(en.keys(), zh.keys());
    }

    #[test]
    fn numbers_and_dates_follow_the_language() {
        let (en, zh) = (Texts::load(Lang::En), Texts::load(Lang::Zh));
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(en.number(1_234_567), "1,234,567");
        assert_eq!(en.number(-950), "-950");
        assert_eq!(en.date(d), "2026-11-23");
        assert_eq!(zh.date(d), "2026年11月23日");
    }
}
