//! `import activities`: one earning activity per row (spend, fees, events, surveys,
//! enrolment and birthday bonuses), idempotent by the row's external reference.

use super::Problem;
use super::sink::Row;
use chrono::{Datelike, NaiveDate};
use frontdesk_core::domain::activity::{Activity, SpendCategory};
use frontdesk_core::i18n::errors::{Expect, RowSays};
use frontdesk_store::ops::{ActivityInput, Command};

/// Our columns for activities.
pub(crate) const FIELDS: &[&str] = &[
    "member",
    "kind",
    "date",
    "property",
    "amount",
    "category",
    "stay",
    "period",
    "late",
    "code",
    "year",
    "external_ref",
];

/// Columns a row must have: the reference is required so that re-running a file changes
/// nothing (an activity without one could not be told from a second, real one).
pub(crate) const REQUIRED: &[&str] = &["member", "kind", "external_ref"];

fn flag(row: &Row<'_>, f: &str) -> Result<bool, Problem> {
    match row.opt(f)?.map(|v| v.to_lowercase()) {
        None => Ok(false),
        Some(v) => match v.as_str() {
            "1" | "true" | "yes" | "y" | "late" => Ok(true),
            "0" | "false" | "no" | "n" | "on_time" | "on time" => Ok(false),
            _ => Err(row.bad(f, RowSays::NotYesNo { value: v })),
        },
    }
}

fn period(row: &Row<'_>) -> Result<NaiveDate, Problem> {
    let p = row.req("period")?;
    NaiveDate::parse_from_str(&format!("{}-01", p.trim()), "%Y-%m-%d")
        .map_err(|_| row.bad("period", RowSays::NotMonth { value: p }))
}

fn activity(row: &Row<'_>, date: Option<NaiveDate>) -> Result<Activity, Problem> {
    let kind = row.req("kind")?.trim().to_lowercase();
    Ok(match kind.as_str() {
        "spend" => {
            let c = row.req("category")?;
            let category = SpendCategory::parse(&c)
                .ok_or_else(|| row.bad("category", RowSays::NotSpendCategory { value: c.clone() }))?;
            let stay_seq = match row.opt("stay")? {
                None => None,
                Some(s) => {
                    Some(s.parse().map_err(|_| row.bad("stay", RowSays::NotA { value: s, what: Expect::StayNumber }))?)
                }
            };
            Activity::Spend { category, amount_minor: row.money("amount")?, stay_seq }
        }
        "fee" => Activity::FeePayment {
            period: period(row)?,
            amount_minor: row.money("amount")?,
            on_time: !flag(row, "late")?,
        },
        "event" => Activity::Event { code: row.req("code")? },
        "survey" => Activity::Survey { code: row.req("code")? },
        "enrolment" | "enrollment" => Activity::Enrolment,
        "birthday" => {
            let year = match row.opt("year")? {
                None => date.unwrap_or(row.today).year(),
                Some(y) => y.parse().map_err(|_| row.bad("year", RowSays::NotYear { value: y }))?,
            };
            Activity::Birthday { year }
        }
        // A referral names another member, which a row can only do by card or e-mail and
        // the store resolves: record it with `frontdesk activity record … referral`.
        "referral" => {
            return Err(row.bad("kind", RowSays::ReferralNotImported));
        }
        other => {
            return Err(row.bad("kind", RowSays::NotActivityKind { value: other.to_string() }));
        }
    })
}

/// The command for one row.
pub(crate) fn build(row: &Row<'_>) -> Result<Command, Problem> {
    let member = row.member()?;
    let date = row.date("date")?;
    let activity = activity(row, date)?;
    Ok(Command::RecordActivity(Box::new(ActivityInput {
        member,
        activity,
        date,
        property: row.opt("property")?,
        external_ref: Some(row.req("external_ref")?),
    })))
}
