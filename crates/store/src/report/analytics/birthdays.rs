//! `report birthdays` from the birthday index (`keys` `b` ‖ month ‖ day ‖ member id).

use super::lists::row;
use crate::store::{Store, StoreError, T, keys};
use chrono::{Datelike, Days, NaiveDate};
use frontdesk_core::config::Config;
use frontdesk_core::domain::analytics::{Birthday, BirthdaysReport};
use frontdesk_core::domain::member::{Member, MemberStatus};

/// The day a birthday falls on in `year` (29 February on 28 February in other years).
pub fn in_year(birthday: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, birthday.month(), birthday.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, birthday.month(), birthday.day() - 1))
}

/// Active members with a birthday in `as_of ..= as_of + days − 1`, by date then member id
/// (enrolment order): all of them are counted in `total`, and the first `limit` (all when
/// `None`) are listed. The index key carries status and home property, so counting reads
/// no member; only the listed members are read (the Summaries view lists a page, the CLI
/// all).
pub fn birthdays(
    store: &Store,
    config: &Config,
    as_of: NaiveDate,
    property: Option<&str>,
    days: u32,
    limit: Option<usize>,
) -> Result<BirthdaysReport, StoreError> {
    let limit = limit.unwrap_or(usize::MAX);
    let mut out: Vec<Birthday> = Vec::new();
    let mut total = 0u64;
    let mut seen = std::collections::BTreeSet::new();
    for offset in 0..u64::from(days.min(366)) {
        let Some(date) = as_of.checked_add_days(Days::new(offset)) else { break };
        // 28 February of a non-leap year also celebrates 29 February.
        let mut days_to_read = vec![(date.month(), date.day())];
        if date.month() == 2 && date.day() == 28 && NaiveDate::from_ymd_opt(date.year(), 2, 29).is_none() {
            days_to_read.push((2, 29));
        }
        let mut ids: Vec<u64> = Vec::new();
        for (month, day) in days_to_read {
            let prefix = [keys::BIRTHDAY, month as u8, day as u8];
            for (k, note) in store.key_entries(&prefix, usize::MAX)? {
                let Some(id) = keys::read_u64(&k, 3) else { continue };
                let active = note.first() == Some(&1);
                if !active || property.is_some_and(|p| p.as_bytes() != &note[1..]) {
                    continue;
                }
                if seen.insert(id) {
                    ids.push(id);
                }
            }
        }
        ids.sort_unstable();
        total += ids.len() as u64;
        for id in ids {
            if out.len() >= limit {
                break;
            }
            let Some(m) = store.get::<Member>(T::Members, &keys::id(id))? else { continue };
            let Some(b) = m.birthday.filter(|b| in_year(*b, date.year()) == Some(date)) else { continue };
            if m.status != MemberStatus::Active {
                continue;
            }
            let age = date.year() - b.year();
            out.push(Birthday {
                date,
                age,
                member: row(config, &m, date, frontdesk_core::domain::analytics::Why::Birthday(date)),
            });
        }
    }
    Ok(BirthdaysReport { as_of, property: property.map(str::to_string), days, total, birthdays: out })
}
