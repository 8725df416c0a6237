//! The message catalogue: every user-facing string of the UI, in English and Simplified
//! Chinese, with dates and numbers formatted for the language.

use chrono::NaiveDate;
use std::collections::HashMap;

const EN: &str = include_str!("../../config/i18n/en.toml");
const ZH: &str = include_str!("../../config/i18n/zh.toml");

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
    /// The catalogue of `lang`.
    pub fn load(lang: Lang) -> Texts {
        Texts { lang, map: flatten(if lang == Lang::Zh { ZH } else { EN }) }
    }

    /// The text of `key`; the key itself when missing (a test keeps both catalogues complete).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The text of `key` with `{name}` placeholders filled.
    pub fn fill(&self, key: &str, args: &[(&str, String)]) -> String {
        let mut s = self.get(key).to_string();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
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

    /// Every key, for completeness checks.
    pub fn keys(&self) -> Vec<&str> {
        let mut k: Vec<&str> = self.map.keys().map(String::as_str).collect();
        k.sort_unstable();
        k
    }
}

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
