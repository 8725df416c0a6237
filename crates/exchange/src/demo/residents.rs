//! The residential property of the demo: households of owners, tenants and family in
//! three buildings, monthly fee payments (mostly on time, some late; some tenants move
//! out and so do not renew), community events, repair requests and other service
//! complaints, and a running promotion that adds 50 % to on-time fee payments.
//!
//! Written through [`frontdesk_store::ops`] like the hotel demo, after it, from its own random
//! streams so that the hotel data does not change with it.

use super::DemoSummary;
use super::names::{self, Person};
use super::rng::Rng;
use super::run::Env;
use super::stays::window_start;
use chrono::{Datelike, Days, Months, NaiveDate};
use frontdesk_core::domain::Millis;
use frontdesk_core::domain::activity::Activity;
use frontdesk_core::domain::complaint::ComplaintState;
use frontdesk_core::domain::promotion::{Effect, Eligibility};
use frontdesk_core::domain::residence::{Residence, ResidentRole};
use frontdesk_store::ops::{
    ActivityInput, Command, ComplaintInput, ComplaintUpdate, MemberRef, NewMember, OpError, PromotionInput, Reply,
    execute_batch,
};

const BUILDINGS: [&str; 3] = ["A", "B", "C"];
const FLOORS: usize = 20;
const DOORS: usize = 5;
const HOUR: Millis = 3_600_000;
/// Random stream numbers (the hotel demo uses 1 and 2).
const STREAM_PLAN: u64 = 11;
const STREAM_REPLAY: u64 = 12;

/// One unit's household.
struct Household {
    unit: (usize, usize, usize),
    moved_in: NaiveDate,
    moved_out: Option<NaiveDate>,
    /// Share of fee periods paid late.
    late: f64,
    fee_minor: i64,
    /// Indexes of its residents; the first pays the fees.
    residents: Vec<usize>,
}

struct Resident {
    person: Person,
    role: ResidentRole,
    card: Option<String>,
}

/// Households for a demo of `members` hotel members: about one per 20, at least 8.
pub(crate) fn households(members: u64) -> usize {
    ((members / 20) as usize).clamp(8, BUILDINGS.len() * FLOORS * DOORS)
}

/// Adds the residential property's residents and their history, if the configuration
/// has a residential (else commercial) property.
pub(super) fn build(env: &Env<'_>, members: u64, summary: &mut DemoSummary) -> Result<(), OpError> {
    let config = env.config;
    let Some(property) = config
        .managed_properties()
        .find(|p| p.kind == frontdesk_core::config::PropertyKind::Residential)
        .or_else(|| config.managed_properties().next())
        .map(|p| p.code.clone())
    else {
        return Ok(());
    };
    let mut rng = Rng::derive(env.seed, STREAM_PLAN, 0);
    let start = window_start(env.today);
    let (homes, mut people) = plan(&mut rng, env.today, members, start);
    enrol(env, &property, &homes, &mut people, summary)?;
    promote(env, &property)?;
    let mut replay = Rng::derive(env.seed, STREAM_REPLAY, 0);
    fees_and_events(env, &mut replay, &homes, &people, start, summary)?;
    service(env, &mut replay, &property, &homes, &people, summary)
}

/// How many residents the demo adds beside `members` hotel members (seed `seed`).
pub(crate) fn count(seed: u64, today: NaiveDate, members: u64) -> u64 {
    let mut rng = Rng::derive(seed, STREAM_PLAN, 0);
    plan(&mut rng, today, members, window_start(today)).1.len() as u64
}

fn plan(rng: &mut Rng, today: NaiveDate, members: u64, start: NaiveDate) -> (Vec<Household>, Vec<Resident>) {
    let span = (today - start).num_days().max(1) as u64;
    let mut homes = Vec::new();
    let mut people = Vec::new();
    for h in 0..households(members) {
        let unit = (h % BUILDINGS.len(), h / BUILDINGS.len() % FLOORS + 1, h / (BUILDINGS.len() * FLOORS) + 1);
        // The first two households are an owner and a tenant who leaves, so that even a
        // tiny demo shows both.
        let owner = h == 0 || h != 1 && rng.chance(0.6);
        // Owners mostly lived here before the demo's history; tenants move in during it.
        let moved_in = if owner && rng.chance(0.7) {
            start
        } else {
            start.checked_add_days(Days::new(rng.below(span * 2 / 3))).unwrap_or(start)
        };
        // One tenant in five or so leaves during the year before last: their tenancy is
        // not renewed (the renewal figure of `report property`). Chosen by position, as
        // a draw right after the move-in date follows it too closely in this generator.
        let leaves = h == 1 || !owner && h % 5 == 3;
        let moved_out = leaves
            .then(|| today.checked_sub_months(Months::new(rng.range(13, 22) as u32)))
            .flatten()
            .filter(|out| *out > start);
        let moved_in = match moved_out {
            Some(out) => moved_in.min(out.checked_sub_months(Months::new(6)).unwrap_or(start)).max(start),
            None => moved_in,
        };
        let late = if rng.chance(0.15) { 0.45 } else { 0.05 };
        let fee_minor = [8_500, 12_000, 15_500, 21_000][rng.weighted(&[30, 35, 25, 10])];
        let family = [0, 0, 1, 1, 2][rng.index(5)];
        let mut residents = Vec::new();
        for k in 0..=family {
            let ordinal = members + people.len() as u64 + 1;
            let origin = names::origin(rng);
            let person = names::person(rng, origin, ordinal, today);
            let role = match (k, owner) {
                (0, true) => ResidentRole::Owner,
                (0, false) => ResidentRole::Tenant,
                _ => ResidentRole::Family,
            };
            residents.push(people.len());
            people.push(Resident { person, role, card: None });
        }
        homes.push(Household { unit, moved_in, moved_out, late, fee_minor, residents });
    }
    (homes, people)
}

fn residence(h: &Household, role: ResidentRole) -> Residence {
    let (b, floor, door) = h.unit;
    Residence { building: BUILDINGS[b].into(), unit: format!("{floor:02}{door:02}"), role }
}

fn card(r: &Resident) -> MemberRef {
    MemberRef::Card(r.card.clone().unwrap_or_default())
}

fn at_hour(d: NaiveDate, hour: u32) -> Millis {
    d.and_hms_opt(hour, 0, 0).map_or(0, |t| t.and_utc().timestamp_millis())
}

fn enrol(
    env: &Env<'_>,
    property: &str,
    homes: &[Household],
    people: &mut [Resident],
    summary: &mut DemoSummary,
) -> Result<(), OpError> {
    let mut cmds = Vec::new();
    let mut who = Vec::new();
    for h in homes {
        for &i in &h.residents {
            let p = &people[i].person;
            cmds.push(Command::AddMember(NewMember {
                card: None,
                name: p.name.clone(),
                email: p.email.clone(),
                phone: p.phone.clone(),
                birthday: p.birthday,
                property: Some(property.into()),
                channel: "desk".into(),
                enrolled_on: Some(h.moved_in),
                external_ref: None,
            }));
            who.push(i);
        }
    }
    let ctx = env.ctx(env.now, env.today);
    for (i, r) in who.iter().zip(execute_batch(env.store, &ctx, &cmds)?) {
        if let Ok(Reply::Member(o)) = r {
            people[*i].card = Some(o.member.card);
            summary.residents += 1;
        }
    }
    let mut set = Vec::new();
    for h in homes {
        for &i in &h.residents {
            if people[i].card.is_some() {
                let residence = Some(residence(h, people[i].role));
                set.push(Command::SetResidence { member: card(&people[i]), residence });
            }
        }
    }
    execute_batch(env.store, &ctx, &set)?;
    Ok(())
}

/// The running promotion: on-time fee payments at the property earn half their base
/// again (late payments earn no base, so nothing either), from six months ago to six
/// months ahead.
fn promote(env: &Env<'_>, property: &str) -> Result<(), OpError> {
    let first = env.today.with_day(1).unwrap_or(env.today);
    let input = PromotionInput {
        code: "FEE-ON-TIME".into(),
        name: "On-time fees +50 %".into(),
        starts: first.checked_sub_months(Months::new(6)).unwrap_or(first),
        ends: first.checked_add_months(Months::new(7)).and_then(|d| d.pred_opt()).unwrap_or(first),
        eligibility: Eligibility {
            properties: vec![property.into()],
            kinds: vec!["fee".into()],
            ..Eligibility::default()
        },
        effect: Effect::Multiplier { percent: 150 },
        member_cap: None,
        budget: Some(2_000_000),
    };
    let ctx = env.ctx(env.now, env.today);
    // A second demo run over the same store finds the code taken: keep the first.
    match frontdesk_store::ops::execute(env.store, &ctx, &Command::AddPromotion(Box::new(input))) {
        Ok(_) | Err(OpError::Conflict(_)) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Month by month: every household's fee for the month (the payer pays; on time by the
/// 5th, late in the last week), and the community events residents attend.
fn fees_and_events(
    env: &Env<'_>,
    rng: &mut Rng,
    homes: &[Household],
    people: &[Resident],
    start: NaiveDate,
    summary: &mut DemoSummary,
) -> Result<(), OpError> {
    let mut period = start.with_day(1).unwrap_or(start);
    while period <= env.today {
        let next = period.checked_add_months(Months::new(1)).unwrap_or(env.today);
        let month_end = next.pred_opt().unwrap_or(period).min(env.today);
        let mut cmds = Vec::new();
        for h in homes {
            let living = h.moved_in < next && h.moved_out.is_none_or(|out| out > period);
            let Some(payer) = h.residents.first().map(|&i| &people[i]).filter(|p| p.card.is_some()) else {
                continue;
            };
            if !living {
                continue;
            }
            let on_time = !rng.chance(h.late);
            let day = if on_time { rng.range(1, 5) } else { rng.range(22, 28) } as u64;
            let date = period.checked_add_days(Days::new(day - 1)).unwrap_or(period);
            if date <= env.today {
                let activity = Activity::FeePayment { period, amount_minor: h.fee_minor, on_time };
                cmds.push(record(payer, activity, date));
            }
            // Spring fair in April, summer barbecue in July, winter party in December.
            if let Some(event) = [(4, "SPRING-FAIR"), (7, "SUMMER-BBQ"), (12, "WINTER-PARTY")]
                .iter()
                .find(|e| e.0 == period.month())
                .map(|e| format!("{}-{}", e.1, period.year()))
            {
                let date = period.checked_add_days(Days::new(14)).unwrap_or(period);
                for &i in &h.residents {
                    if date <= env.today && people[i].card.is_some() && rng.chance(0.3) {
                        cmds.push(record(&people[i], Activity::Event { code: event.clone() }, date));
                    }
                }
            }
        }
        let ctx = env.ctx(at_hour(month_end, 20).min(env.now), month_end);
        for r in execute_batch(env.store, &ctx, &cmds)?.into_iter().flatten() {
            if let Reply::Activity(o) = r {
                match o.activity.activity {
                    Activity::FeePayment { .. } => summary.fee_payments += 1,
                    _ => summary.events += 1,
                }
            }
        }
        period = next;
    }
    Ok(())
}

fn record(r: &Resident, activity: Activity, date: NaiveDate) -> Command {
    Command::RecordActivity(Box::new(ActivityInput {
        member: card(r),
        activity,
        date: Some(date),
        property: None,
        external_ref: None,
    }))
}

/// Repair requests (about one per household a year) and a few other service
/// complaints, each answered and resolved mostly within its SLA; the last week's still
/// open.
fn service(
    env: &Env<'_>,
    rng: &mut Rng,
    property: &str,
    homes: &[Household],
    people: &[Resident],
    summary: &mut DemoSummary,
) -> Result<(), OpError> {
    const OTHER: [(&str, &str); 5] = [
        ("noise", "Renovation noise from the flat above on a Sunday"),
        ("parking", "Visitor parked in my space again"),
        ("security", "Main door does not close behind people"),
        ("cleaning", "Stairwell not cleaned this week"),
        ("landscaping", "Garden sprinklers flooding the path"),
    ];
    const REPAIRS: [&str; 5] = [
        "Kitchen tap leaking",
        "Bathroom extractor fan broken",
        "Lift stuck between floors",
        "Water stain spreading on the ceiling",
        "Balcony door will not lock",
    ];
    let span_h = ((env.now - at_hour(window_start(env.today), 8)) / HOUR).max(1);
    let mut stories: Vec<(Millis, usize, &str, &str)> = Vec::new();
    for (hi, h) in homes.iter().enumerate() {
        if hi < 3 {
            // Requests of the last days, still being handled.
            let opened = env.now - rng.range(2, 72) * HOUR;
            stories.push((opened, h.residents[0], "repairs", *rng.pick(&REPAIRS)));
        }
        for k in 0..rng.range(1, 4) as usize {
            let (category, text) =
                if k == 0 || rng.chance(0.7) { ("repairs", *rng.pick(&REPAIRS)) } else { *rng.pick(&OTHER) };
            let opened = env.now - rng.range(1, span_h) * HOUR;
            stories.push((opened, h.residents[rng.index(h.residents.len())], category, text));
        }
    }
    stories.sort_by_key(|s| s.0);
    for (opened, who, category, text) in stories {
        let Some(resident) = people.get(who).filter(|p| p.card.is_some()) else { continue };
        let severity = ["low", "normal", "normal", "high"][rng.index(4)];
        let Some((first, resolve)) = env.config.complaint_sla(property, category, severity) else { continue };
        let log = Command::LogComplaint(ComplaintInput {
            member: Some(card(resident)),
            property: Some(property.into()),
            category: category.into(),
            severity: severity.into(),
            channel: ["desk", "phone", "email"][rng.index(3)].into(),
            description: text.into(),
            external_ref: None,
        });
        let day = |at: Millis| chrono::DateTime::from_timestamp_millis(at).map_or(env.today, |t| t.date_naive());
        let Some(Ok(Reply::Complaint(c))) = execute_batch(env.store, &env.ctx(opened, day(opened)), &[log])?.pop()
        else {
            continue;
        };
        summary.service_requests += 1;
        // Mostly within the targets, one in six late.
        let factor = |rng: &mut Rng| if rng.chance(0.83) { 0.1 + rng.unit() * 0.8 } else { 1.1 + rng.unit() * 2.0 };
        let ack = opened + (first as f64 * 60_000.0 * factor(rng)) as Millis;
        let fixed = ack.max(opened + (resolve as f64 * 60_000.0 * factor(rng)) as Millis) + 60_000;
        let closed = fixed + rng.range(24, 96) * HOUR;
        let csat = [3u8, 4, 5, 5, 2][rng.index(5)];
        let steps = [
            (ack, ComplaintState::Acknowledged, "Logged with the maintenance team", None),
            (fixed, ComplaintState::Resolved, "Technician fixed it; resident confirmed", None),
            (closed, ComplaintState::Closed, "Follow-up call", Some(csat)),
        ];
        let recent = env.now - opened < 7 * 24 * HOUR;
        for (at, to, note, csat) in steps {
            // The last week's requests are still being handled.
            if at >= env.now || recent && to != ComplaintState::Acknowledged {
                break;
            }
            let u = ComplaintUpdate {
                id: c.complaint.id,
                to: Some(to),
                note: note.into(),
                csat,
                ..ComplaintUpdate::default()
            };
            execute_batch(env.store, &env.ctx(at, day(at)), &[Command::UpdateComplaint(u)])?;
        }
    }
    Ok(())
}
