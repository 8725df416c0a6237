//! `report birthdays` from the birthday index (`keys` `b` ‖ month ‖ day ‖ member id).

use super::lists::row;
use crate::config::Config;
use crate::domain::analytics::{Birthday, BirthdaysReport};
use crate::domain::member::{Member, MemberStatus};
use crate::store::{Store, StoreError, T, keys};
use chrono::{Datelike, Days, NaiveDate};

/// The day a birthday falls on in `year` (29 February on 28 February in other years).
pub fn in_year(birthday: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, birthday.month(), birthday.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, birthday.month(), birthday.day() - 1))
}

/// Active members with a birthday in `as_of ..= as_of + days − 1`, by date then card.
/// Reads one index range per day of the window and the members found.
pub fn birthdays(
    store: &Store,
    config: &Config,
    as_of: NaiveDate,
    property: Option<&str>,
    days: u32,
) -> Result<BirthdaysReport, StoreError> {
    let mut out: Vec<Birthday> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for offset in 0..u64::from(days.min(366)) {
        let Some(date) = as_of.checked_add_days(Days::new(offset)) else { break };
        // 28 February of a non-leap year also celebrates 29 February.
        let mut days_to_read = vec![(date.month(), date.day())];
        if date.month() == 2 && date.day() == 28 && NaiveDate::from_ymd_opt(date.year(), 2, 29).is_none() {
            days_to_read.push((2, 29));
        }
        let mut found: Vec<Birthday> = Vec::new();
        for (month, day) in days_to_read {
            let prefix = [keys::BIRTHDAY, month as u8, day as u8];
            for item in store.tree(T::Keys).scan_prefix(prefix) {
                let (k, _) = item?;
                let Some(id) = keys::read_u64(&k, 3) else { continue };
                let Some(m) = store.get::<Member>(T::Members, &keys::id(id))? else { continue };
                let Some(b) = m.birthday else { continue };
                if m.status != MemberStatus::Active || property.is_some_and(|p| p != m.home_property) {
                    continue;
                }
                if in_year(b, date.year()) == Some(date) && seen.insert(id) {
                    let age = date.year() - b.year();
                    found.push(Birthday { date, age, member: row(config, &m, date, format!("birthday {date}")) });
                }
            }
        }
        found.sort_by(|a, b| a.member.card.cmp(&b.member.card));
        out.extend(found);
    }
    Ok(BirthdaysReport { as_of, property: property.map(str::to_string), days, birthdays: out })
}
