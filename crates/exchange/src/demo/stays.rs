//! A member's booking history: how often they come, where, when (with seasonality), how
//! long, through which channel and at what price.

use super::names::Origin;
use super::rng::Rng;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use frontdesk_core::domain::stay::StayStatus;

/// Property codes of the default configuration, in the order used by the weights below.
pub(crate) const PROPERTIES: [&str; 4] = ["LIS", "ALG", "SHA", "PRT"];
const LIS: usize = 0;
const ALG: usize = 1;
const SHA: usize = 2;

/// One booking to post.
#[derive(Debug, Clone)]
pub(crate) struct PlannedStay {
    /// Index into [`PROPERTIES`].
    pub property: usize,
    pub arrival: NaiveDate,
    pub departure: NaiveDate,
    /// Room revenue in cents.
    pub revenue_minor: i64,
    /// Canonical channel.
    pub channel: &'static str,
    /// Completed, cancelled or no-show.
    pub status: StayStatus,
}

/// How often a guest travels with the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Profile {
    Occasional,
    Regular,
    Frequent,
    Warrior,
    Top,
}

/// The first day of the demo's history: three years before `today`.
pub(crate) fn window_start(today: NaiveDate) -> NaiveDate {
    today.checked_sub_months(Months::new(36)).and_then(|d| d.succ_opt()).unwrap_or(today)
}

/// Home property index for a guest of `origin`.
pub(crate) fn home(rng: &mut Rng, origin: Origin) -> usize {
    match origin {
        Origin::Cn => [SHA, LIS, ALG, 3][rng.weighted(&[70, 15, 8, 7])],
        _ => [LIS, ALG, SHA, 3][rng.weighted(&[38, 32, 5, 25])],
    }
}

/// Plans a member's bookings (sorted by arrival, never overlapping) and the enrolment date.
pub(crate) fn plan(rng: &mut Rng, home: usize, today: NaiveDate) -> (NaiveDate, Vec<PlannedStay>) {
    let start = window_start(today);
    let span = (today - start).num_days().max(1);
    let profile = [Profile::Occasional, Profile::Regular, Profile::Frequent, Profile::Warrior, Profile::Top]
        [rng.weighted(&[620, 225, 96, 38, 21])];
    let (count, business, from_frac) = match profile {
        Profile::Occasional => ([1, 1, 1, 1, 1, 1, 2, 2, 2, 3][rng.index(10)], 0.2, 0.0),
        Profile::Regular => (rng.range(3, 7), 0.3, 0.0),
        Profile::Frequent => (rng.range(7, 15), 0.5, 0.0),
        Profile::Warrior => (rng.range(16, 32), 0.8, 0.3),
        Profile::Top => (rng.range(55, 95), 0.85, 0.5),
    };
    // Active period: frequent travellers have been around longer; a quarter of the
    // guests stop coming (some long enough ago for their points to expire).
    let from_offset = (rng.unit() * (1.0 - from_frac) * span as f64 * 0.9) as u64;
    let from = start.checked_add_days(Days::new(from_offset)).unwrap_or(start);
    let left = (today - from).num_days().max(1);
    let until = if profile == Profile::Occasional && rng.chance(0.35) || rng.chance(0.1) {
        from.checked_add_days(Days::new(rng.below(left as u64))).unwrap_or(today)
    } else {
        today
    };
    let until = if profile == Profile::Occasional {
        until.min(from.checked_add_days(Days::new(540)).unwrap_or(until))
    } else {
        until
    };
    let mut stays: Vec<PlannedStay> = (0..count).map(|_| one_stay(rng, home, business, from, until)).collect();
    stays.sort_by_key(|s| s.arrival);
    let stays = untangle(rng, stays, today);
    let first = stays.first().map_or(from, |s| s.arrival);
    let enrolled =
        if rng.chance(0.4) { first.checked_sub_days(Days::new(rng.below(700))).unwrap_or(first) } else { first };
    (enrolled, stays)
}

/// Moves overlapping bookings later; drops those that would end after `today`.
fn untangle(rng: &mut Rng, stays: Vec<PlannedStay>, today: NaiveDate) -> Vec<PlannedStay> {
    let mut out: Vec<PlannedStay> = Vec::with_capacity(stays.len());
    for mut s in stays {
        if let Some(prev) = out.last()
            && s.arrival < prev.departure
        {
            let nights = (s.departure - s.arrival).num_days().max(1) as u64;
            let gap = rng.below(5);
            let Some(arrival) = prev.departure.checked_add_days(Days::new(gap)) else {
                continue;
            };
            s.arrival = arrival;
            s.departure = arrival.checked_add_days(Days::new(nights)).unwrap_or(arrival);
        }
        if s.departure <= today {
            out.push(s);
        }
    }
    out
}

fn one_stay(rng: &mut Rng, home: usize, business_share: f64, from: NaiveDate, until: NaiveDate) -> PlannedStay {
    let business = rng.chance(business_share);
    let property = if rng.chance(0.7) {
        home
    } else if business {
        [LIS, SHA, 3][rng.weighted(&[45, 35, 20])]
    } else {
        [ALG, LIS, 3, SHA][rng.weighted(&[55, 20, 20, 5])]
    };
    let nights = nights(rng, property, business);
    let last_arrival = until.checked_sub_days(Days::new(nights)).unwrap_or(until).max(from);
    let days = (last_arrival - from).num_days().max(0) as u64;
    // Rejection sampling against the seasonal weight of the arrival day.
    let mut arrival = from;
    for _ in 0..24 {
        arrival = from.checked_add_days(Days::new(rng.below(days + 1))).unwrap_or(from);
        if rng.unit() < season(property, business, arrival) {
            break;
        }
    }
    let departure = arrival.checked_add_days(Days::new(nights)).unwrap_or(arrival);
    let channel = channel(rng, business);
    let rate = nightly_rate(rng, property, arrival);
    let revenue_minor = if channel == "complimentary" { 0 } else { rate * nights as i64 };
    let status = [StayStatus::Completed, StayStatus::Cancelled, StayStatus::NoShow][rng.weighted(&[905, 75, 20])];
    PlannedStay { property, arrival, departure, revenue_minor, channel, status }
}

fn nights(rng: &mut Rng, property: usize, business: bool) -> u64 {
    if business {
        [1, 2, 3, 4, 5][rng.weighted(&[30, 35, 20, 10, 5])]
    } else if property == ALG {
        rng.range(3, 10) as u64
    } else {
        rng.range(2, 4) as u64
    }
}

/// Relative demand for an arrival on `d` (0..=1): summer peak at the resort, weekday
/// business at the city hotels, weekend breaks for city leisure.
fn season(property: usize, business: bool, d: NaiveDate) -> f64 {
    let m = d.month0() as usize;
    let wd = d.weekday();
    if business {
        const MONTHS: [f64; 12] = [0.8, 0.9, 1.0, 1.0, 1.0, 0.9, 0.6, 0.35, 1.0, 1.0, 1.0, 0.6];
        let day = match wd {
            Weekday::Mon | Weekday::Tue | Weekday::Wed => 1.0,
            Weekday::Thu => 0.6,
            Weekday::Sun => 0.5,
            Weekday::Fri => 0.2,
            Weekday::Sat => 0.1,
        };
        MONTHS[m] * day
    } else if property == ALG {
        const MONTHS: [f64; 12] = [0.15, 0.15, 0.3, 0.45, 0.6, 0.85, 1.0, 1.0, 0.75, 0.4, 0.2, 0.25];
        let day = if matches!(wd, Weekday::Fri | Weekday::Sat) { 1.0 } else { 0.7 };
        MONTHS[m] * day
    } else {
        const MONTHS: [f64; 12] = [0.5, 0.55, 0.65, 0.8, 0.9, 0.9, 0.95, 1.0, 0.9, 0.85, 0.6, 0.75];
        let day = if matches!(wd, Weekday::Fri | Weekday::Sat) { 1.0 } else { 0.45 };
        let golden_week = if property == SHA && m == 9 { 1.0 } else { 0.8 };
        MONTHS[m] * day * golden_week
    }
}

fn channel(rng: &mut Rng, business: bool) -> &'static str {
    if business {
        ["corporate", "gds", "direct", "ota", "other"][rng.weighted(&[45, 20, 25, 7, 3])]
    } else {
        ["direct", "ota", "wholesale", "group", "complimentary", "other"][rng.weighted(&[44, 30, 10, 6, 3, 7])]
    }
}

/// Nightly room rate in cents, dearer in the resort's summer.
fn nightly_rate(rng: &mut Rng, property: usize, arrival: NaiveDate) -> i64 {
    let (lo, hi) = match property {
        LIS => (95, 210),
        ALG => (80, 190),
        SHA => (110, 260),
        _ => (85, 170),
    };
    let peak = property == ALG && matches!(arrival.month(), 7 | 8);
    let euros = rng.range(lo, hi) * if peak { 18 } else { 10 } / 10;
    euros * 100 + [0, 50, 90][rng.index(3)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_are_ordered_disjoint_and_in_the_past() {
        let today = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let mut rng = Rng::new(9);
        let mut total = 0usize;
        for _ in 0..2_000 {
            let (enrolled, stays) = plan(&mut rng, 0, today);
            total += stays.len();
            assert!(stays.first().is_none_or(|s| enrolled <= s.arrival));
            for w in stays.windows(2) {
                assert!(w[0].departure <= w[1].arrival);
            }
            assert!(
                stays
                    .iter()
                    .all(|s| s.departure <= today && s.arrival >= window_start(today) && s.arrival < s.departure)
            );
        }
        let mean = total as f64 / 2_000.0;
        assert!((4.5..6.5).contains(&mean), "mean bookings per member {mean}");
    }
}
