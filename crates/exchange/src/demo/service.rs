//! Complaints with believable timelines: logged near a stay, answered and resolved
//! mostly within the SLA targets, some late, some reopened, recent ones still open.

use super::rng::Rng;
use frontdesk_core::config::Config;
use frontdesk_core::domain::Millis;
use frontdesk_core::domain::complaint::{ALL_STATES, ComplaintState};
use frontdesk_store::ops::ComplaintUpdate;

const MINUTE: Millis = 60_000;
const HOUR: Millis = 60 * MINUTE;
const DAY: Millis = 24 * HOUR;

/// A complaint to log and the later updates to apply to it.
#[derive(Debug, Clone)]
pub(crate) struct PlannedComplaint {
    /// Chunk-local member index, if the guest is a member.
    pub member: Option<usize>,
    /// Property code.
    pub property: String,
    /// Category code.
    pub category: String,
    /// Severity code.
    pub severity: String,
    /// Channel code.
    pub channel: String,
    /// Guest's words.
    pub description: String,
    /// When it is logged.
    pub opened_at: Millis,
    /// Updates with their instants (the complaint id is filled in when applied).
    pub steps: Vec<(Millis, ComplaintUpdate)>,
}

/// What the guest is complaining about, where and when.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Occasion<'a> {
    /// Chunk-local member index, if any.
    pub member: Option<usize>,
    /// Property code.
    pub property: &'a str,
    /// An instant during or just after a stay (used for complaints that ran their course).
    pub around: Millis,
}

fn describe(category: &str, rng: &mut Rng) -> &'static str {
    let options: &[&str] = match category {
        "cleanliness" => {
            &["Hair in the shower and dusty shelves on arrival", "Bed linen had stains", "Room smelled of smoke"]
        }
        "maintenance" => &["Air conditioning not cooling", "Shower drain blocked", "Room safe would not open"],
        "noise" => {
            &["Party in the next room until 3 am", "Construction noise from 8 am", "Loud music from the bar below"]
        }
        "billing" => {
            &["Charged twice for the minibar", "Corporate rate not applied", "Deposit not released after check-out"]
        }
        "wifi" => &[
            "Wi-Fi drops every few minutes",
            "Could not log in to the Wi-Fi portal",
            "Wi-Fi far too slow for video calls",
        ],
        "staff" => {
            &["Reception was rude at check-in", "Concierge ignored our request", "Night staff unhelpful with a taxi"]
        }
        "reservation" => &[
            "Booked a sea view, got a car park view",
            "Reservation not found at arrival",
            "Early check-in promised but refused",
        ],
        "food_beverage" => {
            &["Cold breakfast and long queue", "Room service took 90 minutes", "Allergy not respected at dinner"]
        }
        "amenities" => &["Pool closed without notice", "Gym equipment broken", "No bathrobes in the room"],
        "safety" => {
            &["Door did not lock properly", "Stranger let into the lift lobby", "Fire exit blocked by trolleys"]
        }
        _ => &["Parking garage too narrow, car scratched", "Lost property not returned", "Late check-out refused"],
    };
    options[rng.index(options.len())]
}

/// The final state of complaint number `no` of the whole demo. The first ones go through
/// every state so even a tiny demo shows them all; later ones are mostly closed.
fn target_state(rng: &mut Rng, no: u64) -> ComplaintState {
    if no < ALL_STATES.len() as u64 * 3 {
        return ALL_STATES[(no % ALL_STATES.len() as u64) as usize];
    }
    ALL_STATES[rng.weighted(&[4, 4, 6, 4, 13, 66, 3])]
}

/// Minutes after `from` for an SLA target of `minutes`: mostly in time, some late.
fn within(rng: &mut Rng, from: Millis, minutes: i64) -> Millis {
    let factor = if rng.chance(0.85) { 0.1 + rng.unit() * 0.85 } else { 1.05 + rng.unit() * 1.5 };
    from + ((minutes as f64 * factor) as Millis).max(1) * MINUTE
}

fn update(to: Option<ComplaintState>, note: &str) -> ComplaintUpdate {
    ComplaintUpdate { id: 0, to, note: note.into(), ..ComplaintUpdate::default() }
}

/// Plans complaint number `no` (counted over the whole demo) for `occ`, ending before `now`.
pub(crate) fn plan(rng: &mut Rng, config: &Config, no: u64, occ: Occasion<'_>, now: Millis) -> PlannedComplaint {
    use ComplaintState::*;
    let cats = &config.complaints.categories;
    let category = if no < cats.len() as u64 * 2 {
        cats[(no % cats.len() as u64) as usize].clone()
    } else {
        rng.pick(cats).clone()
    };
    let sev_weights: Vec<u32> =
        (0..config.complaints.severities.len()).map(|i| [25, 50, 20, 5].get(i).copied().unwrap_or(5)).collect();
    let sev = &config.complaints.severities[rng.weighted(&sev_weights)];
    let channel = config.complaints.channels
        [rng.weighted(&[40, 20, 15, 10, 10, 5][..config.complaints.channels.len().min(6)])]
    .clone();
    let target = target_state(rng, no);
    let recent = target.is_open();
    let opened = if recent { now - rng.range(if target == Open { 1 } else { 6 }, 10 * 24) * HOUR } else { occ.around };
    let mut steps: Vec<(Millis, ComplaintUpdate)> = Vec::new();
    let respond = within(rng, opened, sev.first_response_minutes);
    let handle = respond + rng.range(5, 90) * MINUTE;
    let resolve = within(rng, opened, sev.resolve_minutes).max(handle + 5 * MINUTE);
    let description = describe(&category, rng).to_string();
    match target {
        Open => {}
        Acknowledged => steps.push((respond, update(Some(Acknowledged), "Apologised, looking into it"))),
        InProgress => {
            steps.push((respond, update(Some(Acknowledged), "Apologised, looking into it")));
            steps.push((handle, update(Some(InProgress), "Maintenance / housekeeping informed")));
        }
        AwaitingGuest => {
            steps.push((respond, update(Some(Acknowledged), "Called the guest back")));
            steps.push((handle, update(Some(AwaitingGuest), "Asked the guest for the folio and photos")));
        }
        _ => {
            steps.push((respond, update(Some(Acknowledged), "Apologised, looking into it")));
            steps.push((handle, update(Some(InProgress), "Duty manager handling")));
            let mut fix = update(Some(Resolved), "Fixed and confirmed with the guest");
            if occ.member.is_some() && rng.chance(0.4) {
                fix.goodwill = Some([500, 1000, 2500, 5000].get(rng.index(4)).copied().unwrap_or(1000));
            }
            steps.push((resolve, fix));
            let later = resolve + rng.range(1, 7) * DAY;
            match target {
                Resolved if rng.chance(0.5) => {
                    let mut follow = update(None, "Follow-up call");
                    (follow.csat, follow.nps) = scores(rng);
                    steps.push((later, follow));
                }
                Closed | Reopened => {
                    let mut close = update(Some(Closed), "Closed after follow-up");
                    if rng.chance(0.8) {
                        (close.csat, close.nps) = scores(rng);
                    }
                    steps.push((later, close));
                    if target == Reopened {
                        steps.push((
                            later + rng.range(2, 48) * HOUR,
                            update(Some(Reopened), "Guest reports the problem is back"),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    // Keep the whole story in the past.
    let last = steps.last().map_or(opened, |s| s.0);
    let shift = (last - (now - MINUTE)).max(0);
    for s in &mut steps {
        s.0 -= shift;
    }
    PlannedComplaint {
        member: occ.member,
        property: occ.property.into(),
        category,
        severity: sev.code.clone(),
        channel,
        description,
        opened_at: opened - shift,
        steps,
    }
}

/// Follow-up CSAT (1–5) and likelihood to recommend (0–10), mostly good.
fn scores(rng: &mut Rng) -> (Option<u8>, Option<u8>) {
    let csat = [1u8, 2, 3, 4, 5][rng.weighted(&[6, 8, 16, 35, 35])];
    let nps = (i64::from(csat) * 2 + rng.range(-2, 1)).clamp(0, 10) as u8;
    (Some(csat), rng.chance(0.85).then_some(nps))
}
