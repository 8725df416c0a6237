//! Mappings: how a foreign layout becomes our fields. A TOML file names, for each of our
//! fields, a rule over the source columns: a column (with a date format and a value map),
//! a constant, a template, a sum or product, a date from year / month / day parts, or a
//! date plus days. Operands name another mapped field when one exists, else a column.
//! Unknown keys are errors.

use super::Problem;
pub(crate) use super::decimal::Decimal;
use super::delimiter::Delimiter;
use super::source::RawRecord;
use chrono::{Days, NaiveDate};
use frontdesk_core::i18n::errors::{ImportSays, RowSays};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A mapping file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The import kind this mapping is for (`bookings`, `members`, …); checked when given.
    #[serde(default)]
    pub kind: Option<String>,
    /// Free text describing the source.
    #[serde(default)]
    pub description: Option<String>,
    /// CSV field separator: one character (`;`, `|`), `\t`, or `whitespace` for columns
    /// aligned with blanks; a comma when absent.
    #[serde(default)]
    pub delimiter: Option<String>,
    /// ISO 4217 code of the file's amounts, when they are not in the store's currency.
    #[serde(default)]
    pub currency: Option<String>,
    /// Store currency per one unit of `currency` (e.g. `"1.1650"`), to convert amounts.
    #[serde(default)]
    pub rate: Option<String>,
    /// ISO 3166 country of the file's phones written without a country code, when it is
    /// not the country of each row's property (a PMS abroad, a chain's central export).
    #[serde(default)]
    pub phone_country: Option<String>,
    /// Our field → rule.
    pub fields: BTreeMap<String, Rule>,
}

/// How one of our fields is computed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Take a source column.
    pub column: Option<String>,
    /// A constant.
    pub value: Option<String>,
    /// Text with `{column}` placeholders.
    pub template: Option<String>,
    /// Sum of numeric operands.
    pub sum: Option<Vec<String>>,
    /// Product of numeric operands.
    pub product: Option<Vec<String>>,
    /// A date from year, month (number or English name) and day operands.
    pub date: Option<DateParts>,
    /// `[date, days]`: a date plus a whole number of days.
    pub add_days: Option<Vec<String>>,
    /// chrono format of a date `column` (e.g. `%d/%m/%Y`); the value becomes YYYY-MM-DD.
    pub format: Option<String>,
    /// Value map applied to the result (exact match after trimming).
    pub map: Option<BTreeMap<String, String>>,
    /// Value for results the map does not list; without it such a row is rejected.
    pub default: Option<String>,
    /// Overrides tried first: the first whose column equals its value wins.
    #[serde(default)]
    pub when: Vec<When>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateParts {
    /// Year operand.
    pub year: String,
    /// Month operand: 1–12 or an English month name.
    pub month: String,
    /// Day operand.
    pub day: String,
}

/// A conditional value.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// Column tested.
    pub column: String,
    /// Value it must equal (trimmed, exact).
    pub equals: String,
    /// Result when it does.
    pub value: String,
}

impl Mapping {
    /// Parses a mapping and checks it against the fields of `kind`.
    pub fn parse(text: &str, kind: &str, known: &[&str]) -> Result<Mapping, ImportSays> {
        let m: Mapping = toml::from_str(text).map_err(|e| ImportSays::MappingInvalid { error: e.to_string() })?;
        if let Some(k) = &m.kind
            && k != kind
        {
            return Err(ImportSays::MappingKind { found: k.clone(), kind: kind.to_string() });
        }
        if let Some(d) = &m.delimiter {
            Delimiter::parse(d).map_err(|e| ImportSays::MappingDelimiter { reason: Box::new(e) })?;
        }
        super::currency::check_mapping(m.currency.as_deref(), m.rate.as_deref())?;
        if let Some(c) = m.phone_country.as_deref()
            && !frontdesk_core::domain::phone::is_phone_country(c)
        {
            return Err(ImportSays::PhoneCountry { code: c.to_string() });
        }
        for (field, rule) in &m.fields {
            if !known.contains(&field.as_str()) {
                return Err(ImportSays::NotFieldOf {
                    field: field.clone(),
                    kind: kind.to_string(),
                    known: known.join(", "),
                });
            }
            let given = [
                rule.column.is_some(),
                rule.value.is_some(),
                rule.template.is_some(),
                rule.sum.is_some(),
                rule.product.is_some(),
                rule.date.is_some(),
                rule.add_days.is_some(),
            ];
            if given.iter().filter(|g| **g).count() != 1 {
                return Err(ImportSays::ExactlyOne { field: field.clone() });
            }
            if rule.add_days.as_ref().is_some_and(|a| a.len() != 2) {
                return Err(ImportSays::AddDays { field: field.clone() });
            }
        }
        Ok(m)
    }

    /// The identity mapping of our own layout: each field from the column of its name.
    pub(crate) fn native(known: &[&str]) -> Mapping {
        let fields =
            known.iter().map(|f| (f.to_string(), Rule { column: Some(f.to_string()), ..Rule::default() })).collect();
        Mapping {
            kind: None,
            description: None,
            delimiter: None,
            currency: None,
            rate: None,
            phone_country: None,
            fields,
        }
    }

    /// The `delimiter` given (checked when the mapping was parsed).
    pub(crate) fn delimiter(&self) -> Option<Delimiter> {
        self.delimiter.as_deref().and_then(|d| Delimiter::parse(d).ok())
    }

    /// Source columns the mapping reads (for checking a header).
    pub(crate) fn columns(&self) -> Vec<String> {
        let mut out = Vec::new();
        for rule in self.fields.values() {
            let mut ops: Vec<&String> = Vec::new();
            ops.extend(rule.column.iter());
            ops.extend(rule.sum.iter().flatten());
            ops.extend(rule.product.iter().flatten());
            ops.extend(rule.add_days.iter().flatten());
            if let Some(d) = &rule.date {
                ops.extend([&d.year, &d.month, &d.day]);
            }
            ops.extend(rule.when.iter().map(|w| &w.column));
            for op in ops {
                if !self.fields.contains_key(op) || rule.column.as_ref() == Some(op) {
                    out.push(op.clone());
                }
            }
            if let Some(t) = &rule.template {
                out.extend(placeholders(t).into_iter().filter(|p| p != ROW && !self.fields.contains_key(p)));
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Where a field comes from, for reject reasons.
    pub(crate) fn source_of(&self, field: &str) -> String {
        let Some(rule) = self.fields.get(field) else { return field.to_string() };
        if let Some(c) = &rule.column {
            return c.clone();
        }
        if let Some(d) = &rule.date {
            return format!("{}/{}/{}", d.year, d.month, d.day);
        }
        let list = rule.sum.as_ref().or(rule.product.as_ref()).or(rule.add_days.as_ref());
        list.map_or_else(|| field.to_string(), |l| format!("{field} ({})", l.join(", ")))
    }

    /// The value of `field` for a record; `None` when it is empty or not mapped.
    pub(crate) fn get(&self, rec: &RawRecord, field: &str) -> Result<Option<String>, Problem> {
        self.eval(rec, field, 0)
    }

    fn eval(&self, rec: &RawRecord, field: &str, depth: u8) -> Result<Option<String>, Problem> {
        let Some(rule) = self.fields.get(field) else { return Ok(None) };
        if depth > 8 {
            return Err(Problem::new(field, RowSays::MappingLoop));
        }
        for w in &rule.when {
            if rec.get(&w.column)?.as_deref() == Some(w.equals.as_str()) {
                return Ok(Some(w.value.clone()));
            }
        }
        let raw = if let Some(c) = &rule.column {
            match (rec.get(c)?, &rule.format) {
                (Some(v), Some(fmt)) => Some(
                    NaiveDate::parse_from_str(&v, fmt)
                        .map_err(|_| Problem::new(c, RowSays::NotDateIn { value: v.to_string(), format: fmt.clone() }))?
                        .to_string(),
                ),
                (v, _) => v.map(|v| v.into_owned()),
            }
        } else if let Some(v) = &rule.value {
            Some(v.clone())
        } else if let Some(t) = &rule.template {
            self.template(rec, t, field, depth)?
        } else if let Some(ops) = &rule.sum {
            self.arith(rec, ops, field, depth, false)?
        } else if let Some(ops) = &rule.product {
            self.arith(rec, ops, field, depth, true)?
        } else if let Some(d) = &rule.date {
            self.date(rec, d, field, depth)?
        } else if let Some(a) = &rule.add_days {
            self.add_days(rec, a, field, depth)?
        } else {
            None
        };
        let Some(raw) = raw else { return Ok(None) };
        match &rule.map {
            None => Ok(Some(raw)),
            Some(map) => match map.get(raw.as_str()).or(rule.default.as_ref()) {
                Some(v) => Ok(Some(v.clone())),
                None => {
                    Err(Problem::new(&self.source_of(field), RowSays::NotInValueMap { value: raw, known: keys(map) }))
                }
            },
        }
    }

    fn operand(&self, rec: &RawRecord, name: &str, me: &str, depth: u8) -> Result<Option<String>, Problem> {
        if name != me && self.fields.contains_key(name) {
            self.eval(rec, name, depth + 1)
        } else {
            Ok(rec.get(name)?.map(|v| v.into_owned()))
        }
    }

    fn required(&self, rec: &RawRecord, name: &str, me: &str, depth: u8) -> Result<String, Problem> {
        self.operand(rec, name, me, depth)?
            .ok_or_else(|| Problem::new(name, RowSays::NeededBy { field: me.to_string() }))
    }

    fn template(&self, rec: &RawRecord, t: &str, me: &str, depth: u8) -> Result<Option<String>, Problem> {
        let mut out = t.to_string();
        for p in placeholders(t) {
            let v = if p == ROW { rec.row.to_string() } else { self.required(rec, &p, me, depth)? };
            out = out.replace(&format!("{{{p}}}"), &v);
        }
        Ok(Some(out))
    }

    fn arith(
        &self,
        rec: &RawRecord,
        ops: &[String],
        me: &str,
        depth: u8,
        product: bool,
    ) -> Result<Option<String>, Problem> {
        let mut acc = if product { Decimal::ONE } else { Decimal::ZERO };
        for op in ops {
            let text = self.required(rec, op, me, depth)?;
            let d =
                Decimal::parse(&text).ok_or_else(|| Problem::new(op, RowSays::NotNumber { value: text.clone() }))?;
            acc = if product { acc.mul(d) } else { acc.add(d) }
                .ok_or_else(|| Problem::new(op, RowSays::TooLargeFor { value: text.clone(), field: me.to_string() }))?;
        }
        Ok(Some(acc.to_string()))
    }

    fn date(&self, rec: &RawRecord, d: &DateParts, me: &str, depth: u8) -> Result<Option<String>, Problem> {
        let (y, m, day) = (
            self.required(rec, &d.year, me, depth)?,
            self.required(rec, &d.month, me, depth)?,
            self.required(rec, &d.day, me, depth)?,
        );
        let year: i32 = y.parse().map_err(|_| Problem::new(&d.year, RowSays::NotYear { value: y.clone() }))?;
        let month =
            month_number(&m).ok_or_else(|| Problem::new(&d.month, RowSays::NotMonthName { value: m.clone() }))?;
        let dd: u32 = day.parse().map_err(|_| Problem::new(&d.day, RowSays::NotDayOfMonth { value: day.clone() }))?;
        let date = NaiveDate::from_ymd_opt(year, month, dd).ok_or_else(|| {
            Problem::new(&self.source_of(me), RowSays::NoSuchDate { date: format!("{year}-{month:02}-{dd:02}") })
        })?;
        Ok(Some(date.to_string()))
    }

    fn add_days(&self, rec: &RawRecord, a: &[String], me: &str, depth: u8) -> Result<Option<String>, Problem> {
        let (Some(d), Some(n)) = (a.first(), a.get(1)) else { return Ok(None) };
        let date_text = self.required(rec, d, me, depth)?;
        let date = NaiveDate::parse_from_str(&date_text, "%Y-%m-%d")
            .map_err(|_| Problem::new(d, RowSays::NotDate { value: date_text.clone() }))?;
        let days_text = self.required(rec, n, me, depth)?;
        let days = Decimal::parse(&days_text)
            .and_then(Decimal::whole)
            .and_then(|v| u64::try_from(v).ok())
            .filter(|v| *v <= 3650)
            .ok_or_else(|| Problem::new(n, RowSays::NotDays { value: days_text.clone() }))?;
        let out = date.checked_add_days(Days::new(days)).ok_or_else(|| Problem::new(n, RowSays::DateOutOfRange))?;
        Ok(Some(out.to_string()))
    }
}

fn keys(map: &BTreeMap<String, String>) -> String {
    map.keys().map(String::as_str).collect::<Vec<_>>().join(", ")
}

/// The template placeholder of the data row number (1 for the first row after the
/// header): a reference for files whose rows have no id of their own.
pub(crate) const ROW: &str = "row";

fn placeholders(t: &str) -> Vec<String> {
    t.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(p, _)| p.to_string())).collect()
}

/// 1–12 or an English month name / three-letter abbreviation.
pub(crate) fn month_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.trim().parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let l = s.trim().to_lowercase();
    NAMES.iter().position(|n| *n == l || (l.len() == 3 && n.starts_with(&l))).and_then(|i| u32::try_from(i + 1).ok())
}
