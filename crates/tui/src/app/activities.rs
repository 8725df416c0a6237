//! Property-management mode on tab 2: for a member of a residential or commercial
//! property the tab lists their activities (fee payments, events, services) instead of
//! stays, and `p` records a fee payment or an event through `Command::RecordActivity`.

use super::Model;
use frontdesk_core::domain::activity::{Activity, ActivityRecord};

/// Whether the selected member belongs to a residential or commercial property.
pub(crate) fn managed(m: &Model) -> bool {
    m.detail.as_ref().is_some_and(|d| m.config.is_managed(&d.member.home_property))
}

/// Catalogue key of an activity kind's name.
pub(crate) fn kind_key(a: &Activity) -> &'static str {
    match a {
        Activity::FeePayment { .. } => "property.kind_fee",
        Activity::Event { .. } => "property.kind_event",
        Activity::Spend { .. } => "property.kind_spend",
        Activity::Referral { .. } => "property.kind_referral",
        Activity::Survey { .. } => "property.kind_survey",
        Activity::Enrolment => "property.kind_enrolment",
        Activity::Birthday { .. } => "property.kind_birthday",
    }
}

/// What an activity was, in a few words: `2026-10 120.00 on time`, `SUMMER-BBQ-2026`.
pub(crate) fn details(m: &Model, r: &ActivityRecord) -> String {
    let money = |minor: i64| frontdesk_core::domain::money::format(minor, m.config.store.minor_digits);
    match &r.activity {
        Activity::FeePayment { period, amount_minor, on_time } => {
            let when = if *on_time { "property.on_time" } else { "property.late" };
            format!("{} {} {}", period.format("%Y-%m"), money(*amount_minor), m.t(when))
        }
        Activity::Event { code } | Activity::Survey { code } => code.clone(),
        Activity::Spend { category, amount_minor, .. } => {
            format!("{} {}", m.t(spend_key(*category)), money(*amount_minor))
        }
        Activity::Referral { referred } => format!("#{referred}"),
        Activity::Enrolment => String::new(),
        Activity::Birthday { year } => year.to_string(),
    }
}

/// Catalogue key of a spend category's name.
fn spend_key(c: frontdesk_core::domain::activity::SpendCategory) -> &'static str {
    use frontdesk_core::domain::activity::SpendCategory;
    match c {
        SpendCategory::FoodBeverage => "property.spend_food_beverage",
        SpendCategory::Spa => "property.spend_spa",
        SpendCategory::Other => "property.spend_other",
    }
}
