//! Earning activities besides stays: incidental spend, property fees, events, referrals,
//! surveys, enrolment and birthday bonuses. Each kind has its rule in configuration; this
//! module turns an activity into its base points.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// What was spent on, for incidental spend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SpendCategory {
    /// Food and beverage.
    FoodBeverage,
    /// Spa and wellness.
    Spa,
    /// Anything else charged (laundry, minibar, parking…).
    Other,
}

impl SpendCategory {
    /// Configuration and output name.
    pub fn as_str(self) -> &'static str {
        match self {
            SpendCategory::FoodBeverage => "fnb",
            SpendCategory::Spa => "spa",
            SpendCategory::Other => "other",
        }
    }

    /// Parses `fnb`, `spa` or `other` (also `f&b`, `food`).
    pub fn parse(s: &str) -> Option<SpendCategory> {
        match s.trim().to_lowercase().as_str() {
            "fnb" | "f&b" | "food" | "food_beverage" => Some(SpendCategory::FoodBeverage),
            "spa" => Some(SpendCategory::Spa),
            "other" => Some(SpendCategory::Other),
            _ => None,
        }
    }
}

/// One earning activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Activity {
    /// Incidental spend, optionally charged to a stay's folio.
    Spend {
        /// What it was.
        category: SpendCategory,
        /// Amount in minor units.
        amount_minor: i64,
        /// Stay (sequence within the member) whose folio it was charged to.
        stay_seq: Option<u32>,
    },
    /// A property fee paid for a period (residential and commercial properties).
    FeePayment {
        /// First day of the period paid for.
        period: NaiveDate,
        /// Amount in minor units.
        amount_minor: i64,
        /// Paid by the due date.
        on_time: bool,
    },
    /// Attendance at an event.
    Event {
        /// Event code.
        code: String,
    },
    /// A member referred by this one completed a first stay or first fee period.
    Referral {
        /// The referred member's id.
        referred: u64,
    },
    /// A completed survey.
    Survey {
        /// Survey code.
        code: String,
    },
    /// The enrolment bonus (once per member).
    Enrolment,
    /// The birthday bonus (once per member and year).
    Birthday {
        /// Year it is for.
        year: i32,
    },
}

/// The kinds, as named in configuration and promotion eligibility.
pub const KINDS: [&str; 8] = ["stay", "spend", "fee", "event", "referral", "survey", "enrolment", "birthday"];

impl Activity {
    /// Kind name (one of [`KINDS`], never `stay`).
    pub fn kind(&self) -> &'static str {
        match self {
            Activity::Spend { .. } => "spend",
            Activity::FeePayment { .. } => "fee",
            Activity::Event { .. } => "event",
            Activity::Referral { .. } => "referral",
            Activity::Survey { .. } => "survey",
            Activity::Enrolment => "enrolment",
            Activity::Birthday { .. } => "birthday",
        }
    }

    /// A key that is the same for activities that may earn only once per member (enrolment,
    /// birthday per year, referral per referred member, survey per code, fee per period);
    /// `None` for activities that may repeat.
    pub fn once_key(&self) -> Option<String> {
        match self {
            Activity::Enrolment => Some("enrolment".into()),
            Activity::Birthday { year } => Some(format!("birthday {year}")),
            Activity::Referral { referred } => Some(format!("referral {referred}")),
            Activity::Survey { code } => Some(format!("survey {code}")),
            Activity::FeePayment { period, .. } => Some(format!("fee {}-{:02}", period.year(), period.month())),
            Activity::Spend { .. } | Activity::Event { .. } => None,
        }
    }
}

/// Whether a recorded activity still counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActivityStatus {
    /// Recorded and credited.
    Recorded,
    /// Reversed: its points and its promotions' points were taken back.
    Reversed,
}

impl ActivityStatus {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityStatus::Recorded => "recorded",
            ActivityStatus::Reversed => "reversed",
        }
    }
}

/// A stored activity of one member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityRecord {
    /// Id (key of the `activities` tree).
    pub id: u64,
    /// Member.
    pub member_id: u64,
    /// What happened.
    pub activity: Activity,
    /// Business date it happened on.
    pub date: NaiveDate,
    pub property: String,
    /// Base points credited.
    pub base_points: i64,
    /// The posting that credited them.
    pub posting: Option<u32>,
    /// The promotions' parts.
    pub grants: Vec<super::promotion::GrantRecord>,
    /// Recorded or reversed.
    pub status: ActivityStatus,
    /// Caller's reference for idempotency.
    pub external_ref: Option<String>,
    /// When it was recorded (UTC ms).
    pub recorded_at: i64,
    /// Who recorded it.
    pub recorded_by: String,
}

impl ActivityRecord {
    /// Points the promotions granted.
    pub fn promotion_points(&self) -> i64 {
        self.grants.iter().map(|g| g.points).sum()
    }
}

/// Earning rules of the activities (configuration `[activities]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityRules {
    /// Points per whole currency unit of food and beverage.
    pub fnb_per_unit: i64,
    /// Points per whole currency unit of spa.
    pub spa_per_unit: i64,
    /// Points per whole currency unit of other spend.
    pub other_per_unit: i64,
    /// Points per whole currency unit of a fee paid on time.
    pub fee_per_unit: i64,
    /// Fixed points for a fee period paid on time.
    pub fee_on_time_bonus: i64,
    /// Points per event attended.
    pub event: i64,
    /// Points for the referrer when the referred member completes a first stay or period.
    pub referral: i64,
    /// Points per completed survey.
    pub survey: i64,
    /// Points on enrolment.
    pub enrolment: i64,
    /// Points on the birthday, once a year.
    pub birthday: i64,
}

/// Base points of an activity; `minor_per_unit` converts amounts to whole units (rounded
/// down per activity, as stays are). Late fees earn nothing.
pub fn base_points(a: &Activity, rules: &ActivityRules, minor_per_unit: i64) -> i64 {
    let units = |minor: i64| minor.max(0) / minor_per_unit.max(1);
    match a {
        Activity::Spend { category, amount_minor, .. } => {
            let rate = match category {
                SpendCategory::FoodBeverage => rules.fnb_per_unit,
                SpendCategory::Spa => rules.spa_per_unit,
                SpendCategory::Other => rules.other_per_unit,
            };
            units(*amount_minor).saturating_mul(rate)
        }
        Activity::FeePayment { amount_minor, on_time: true, .. } => {
            units(*amount_minor).saturating_mul(rules.fee_per_unit).saturating_add(rules.fee_on_time_bonus)
        }
        Activity::FeePayment { on_time: false, .. } => 0,
        Activity::Event { .. } => rules.event,
        Activity::Referral { .. } => rules.referral,
        Activity::Survey { .. } => rules.survey,
        Activity::Enrolment => rules.enrolment,
        Activity::Birthday { .. } => rules.birthday,
    }
    .max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const RULES: ActivityRules = ActivityRules {
        fnb_per_unit: 5,
        spa_per_unit: 8,
        other_per_unit: 2,
        fee_per_unit: 1,
        fee_on_time_bonus: 100,
        event: 150,
        referral: 1_000,
        survey: 50,
        enrolment: 500,
        birthday: 250,
    };

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn spend(category: SpendCategory, amount_minor: i64) -> Activity {
        Activity::Spend { category, amount_minor, stay_seq: None }
    }

    #[rstest]
    #[case::fnb(spend(SpendCategory::FoodBeverage, 12_399), 615)]
    #[case::spa(spend(SpendCategory::Spa, 10_000), 800)]
    #[case::other(spend(SpendCategory::Other, 99), 0)]
    #[case::refund_earns_nothing(spend(SpendCategory::Spa, -5_000), 0)]
    #[case::fee_on_time(Activity::FeePayment { period: date(2026, 3, 1), amount_minor: 250_000, on_time: true }, 2_600)]
    #[case::fee_late(Activity::FeePayment { period: date(2026, 3, 1), amount_minor: 250_000, on_time: false }, 0)]
    #[case::event(Activity::Event { code: "WINE".into() }, 150)]
    #[case::referral(Activity::Referral { referred: 9 }, 1_000)]
    #[case::survey(Activity::Survey { code: "Q1".into() }, 50)]
    #[case::enrolment(Activity::Enrolment, 500)]
    #[case::birthday(Activity::Birthday { year: 2026 }, 250)]
    fn each_kind_earns_by_its_rule(#[case] a: Activity, #[case] want: i64) {
        assert_eq!(base_points(&a, &RULES, 100), want);
    }

    #[rstest]
    #[case(Activity::Enrolment, Some("enrolment"))]
    #[case(Activity::Birthday { year: 2026 }, Some("birthday 2026"))]
    #[case(Activity::FeePayment { period: date(2026, 12, 1), amount_minor: 1, on_time: true }, Some("fee 2026-12"))]
    #[case(Activity::Event { code: "A".into() }, None)]
    #[case(spend(SpendCategory::Spa, 1), None)]
    fn once_only_kinds_have_a_key_that_repeats_per_year_or_period(#[case] a: Activity, #[case] want: Option<&str>) {
        assert_eq!(a.once_key().as_deref(), want);
    }

    #[test]
    fn birthdays_of_two_years_are_two_bonuses() {
        let (a, b) = (Activity::Birthday { year: 2025 }, Activity::Birthday { year: 2026 });
        assert_ne!(a.once_key(), b.once_key());
    }

    #[test]
    fn categories_parse_their_common_names() {
        assert_eq!(SpendCategory::parse("F&B"), Some(SpendCategory::FoodBeverage));
        assert_eq!(SpendCategory::parse(" spa "), Some(SpendCategory::Spa));
        assert_eq!(SpendCategory::parse("casino"), None);
    }
}
