//! The nightly birthday bonus: every active member whose birthday is the business date
//! earns `[activities] birthday` points once a year (with the promotions that apply).

use super::{ActivityInput, Command, Ctx, MemberRef, OpError, execute};
use crate::store::{Store, keys};
use chrono::{Datelike, NaiveDate};
use frontdesk_core::domain::activity::Activity;
use serde::Serialize;

/// What the run granted.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct BirthdayRun {
    /// Members whose birthday it is (active ones).
    pub members: u64,
    /// Bonuses granted now (the rest had theirs already).
    pub granted: u64,
    /// Points granted, promotions included.
    pub points: i64,
}

/// The (month, day) pairs whose birthdays fall on `date`: 29 February counts on 28
/// February in years without one.
fn days_of(date: NaiveDate) -> Vec<(u32, u32)> {
    let mut days = vec![(date.month(), date.day())];
    let leap = NaiveDate::from_ymd_opt(date.year(), 2, 29).is_some();
    if !leap && date.month() == 2 && date.day() == 28 {
        days.push((2, 29));
    }
    days
}

/// Grants the birthday bonus to every active member born on `as_of`'s day. Idempotent:
/// each bonus carries the reference `birthday YEAR MEMBER`, so a re-run changes nothing.
pub fn grant_birthdays(store: &Store, ctx: &Ctx<'_>, as_of: NaiveDate) -> Result<BirthdayRun, OpError> {
    let mut run = BirthdayRun::default();
    if ctx.config.activities.birthday <= 0 {
        return Ok(run);
    }
    let mut ids = Vec::new();
    for (month, day) in days_of(as_of) {
        let prefix = &keys::birthday(month, day, 0)[..3];
        for (k, v) in store.key_entries(prefix, usize::MAX)? {
            // The value's first byte says whether the member is active.
            if v.first() == Some(&1)
                && let Some(id) = keys::read_u64(&k, 3)
            {
                ids.push(id);
            }
        }
    }
    for id in ids {
        run.members += 1;
        let input = ActivityInput {
            member: MemberRef::Id(id),
            activity: Activity::Birthday { year: as_of.year() },
            date: Some(as_of),
            property: None,
            external_ref: Some(format!("birthday {} {id}", as_of.year())),
        };
        match execute(store, ctx, &Command::RecordActivity(Box::new(input))) {
            Ok(super::Reply::Activity(o)) if !o.duplicate => {
                run.granted += 1;
                run.points += o.activity.base_points + o.activity.promotion_points();
            }
            // Already granted this year (by an earlier run, or recorded at the desk).
            Ok(_) | Err(OpError::Refused(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(run)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_day_birthdays_are_kept_on_the_28th_in_other_years() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(days_of(d(2027, 2, 28)), vec![(2, 28), (2, 29)]);
        assert_eq!(days_of(d(2028, 2, 28)), vec![(2, 28)]);
        assert_eq!(days_of(d(2028, 2, 29)), vec![(2, 29)]);
    }
}
