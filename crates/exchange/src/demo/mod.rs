//! Deterministic demo data: members with names in Latin and Han script, three years of
//! seasonal stays across the four properties, redemptions, adjustments, complaints in
//! every category and state, residents of the residential property with fee payments,
//! events and repair requests ([`residents`]), and a final points-expiry run.
//!
//! Everything is written through [`frontdesk_store::ops`] in chunks of [`CHUNK`] members, so the
//! store's rules, counters and aggregates hold exactly as for real data and memory stays
//! bounded at any size. The same options always give the same store content.

mod lexicon;
mod names;
pub(crate) mod residents;
pub mod rng;
mod run;
mod service;
mod stays;

use frontdesk_core::config::Config;
use frontdesk_store::ops::{OpError, expire_all, seed_catalogue};
use frontdesk_store::store::Store;
use serde::Serialize;

/// Members enrolled and replayed per chunk (a few thousand commands per stay batch).
pub(crate) const CHUNK: u64 = 1_000;

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// Hotel members to enrol (the residents come on top: [`options_for_total`] makes a
    /// demo of a number of members in all).
    pub members: u64,
    /// Seed: the same seed and options give the same data.
    pub seed: u64,
    /// Business date the history ends on.
    pub today: chrono::NaiveDate,
    /// Current instant (UTC ms); nothing is dated after it.
    pub now_ms: i64,
    /// Also the residential property's residents, fees, events, repairs and its running
    /// fee promotion.
    pub managed: bool,
}

/// What was generated.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DemoSummary {
    /// Members enrolled.
    pub members: u64,
    /// Completed stays posted.
    pub stays: u64,
    /// Cancelled and no-show bookings posted.
    pub bookings_cancelled: u64,
    /// Redemptions made (held, fulfilled or later cancelled).
    pub redemptions: u64,
    /// Complaints logged.
    pub complaints: u64,
    /// Points expired by the final expiry run.
    pub points_expired: i64,
    /// Residents of the residential property enrolled.
    pub residents: u64,
    /// Fee payments they made.
    pub fee_payments: u64,
    /// Community events they attended.
    pub events: u64,
    /// Repair requests and other service complaints they logged.
    pub service_requests: u64,
}

/// Options for a demo of `total` members in all: hotel members, and the residential
/// property's residents when `managed` and the configuration has a managed property.
pub fn options_for_total(
    config: &Config,
    total: u64,
    seed: u64,
    today: chrono::NaiveDate,
    now_ms: i64,
    managed: bool,
) -> DemoOptions {
    let managed = managed && config.managed_properties().next().is_some();
    let mut members = total;
    if managed {
        // The residents' number follows from the hotel members' (about one household in
        // twenty): settle on the hotel count whose residents make up the total.
        for _ in 0..8 {
            let next = total.saturating_sub(residents::count(seed, today, members));
            if next == members {
                break;
            }
            members = next;
        }
    }
    DemoOptions { members, seed, today, now_ms, managed }
}

/// Fills `store` with demo data; `progress` hears (members done, total) after each chunk.
///
/// Commands the rules refuse (say a reward out of stock) are skipped and not counted;
/// only store failures stop the build.
pub fn build(
    store: &Store,
    config: &Config,
    opts: &DemoOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<DemoSummary, OpError> {
    let env = run::Env { store, config, seed: opts.seed, today: opts.today, now: opts.now_ms };
    let start = stays::window_start(opts.today);
    let opened = start.and_hms_opt(9, 0, 0).map_or(opts.now_ms, |t| t.and_utc().timestamp_millis()).min(opts.now_ms);
    seed_catalogue(store, &env.ctx(opened, start.min(opts.today)))?;
    let mut summary = DemoSummary::default();
    let mut complaint_no = 0;
    let mut done = 0;
    while done < opts.members {
        let n = CHUNK.min(opts.members - done);
        run::chunk(&env, done, n, &mut complaint_no, &mut summary)?;
        done += n;
        progress(done, opts.members);
    }
    if opts.managed {
        residents::build(&env, opts.members, &mut summary)?;
    }
    let run = expire_all(store, &env.ctx(opts.now_ms, opts.today), opts.today)?;
    summary.points_expired = run.points_expired;
    Ok(summary)
}

#[cfg(test)]
mod tests;
