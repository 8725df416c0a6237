//! Analytics: tier, retention, value (RFM), liability, service and satisfaction summaries.
//!
//! Pure: every function here takes explicit inputs (counter rows, records, configuration),
//! an as-of date and an optional property filter. Reading the counters from the store is
//! `report::analytics`; keeping them up to date is `ops` (`Stage::put_member`,
//! `Stage::put_complaint`) through the contributions in [`facts`].
//!
//! Decisions that differ from the first sketch, and why:
//! * Tier counters key on the year's qualified ranks (Y, Y−1, Y−2) and the override, from
//!   the member's year totals: the member record keeps no per-stay dates, so a tier count
//!   for an as-of earlier in a year that has later stays uses the whole year's totals.
//! * Points by expiry day use the day the expiry job would take the lot: its expiry date,
//!   or the first day after an exempt tier ends ([`facts::expires_on`]); points already
//!   past that day but not yet expired are reported as `overdue`.
//! * Complaint counters are per (property, opening month); the report window is the 12
//!   whole months ending with the as-of month, which makes it exact for any as-of. SLA
//!   breaches count recorded responses and resolutions that came late; an open complaint
//!   that is overdue shows in the complaint queue, not here (that moves with the clock).
//! * Repeat complainers need a count per member: one tiny `agg` record per complaining
//!   member and property, plus a histogram derived from it when it changes.
//! * Merged and erased members are left out of the member reports (tiers, retention,
//!   birthdays); their points stay in the liability.
//! * RFM, the cohort matrix and the monthly stays series need whole stay histories and
//!   move with the calendar, so they are not counters but a snapshot for one as-of date
//!   ([`snapshot`], scoring rules in [`rfm`]), written by `report rebuild` and by the
//!   nightly `expire` run, read by `report rfm` / `report retention`; `verify` checks its
//!   internal consistency, not its freshness.

pub mod facts;
pub mod input;
pub mod property;
pub mod retention;
pub mod rfm;
pub mod service;
pub mod snapshot;
pub mod tiers;
pub(crate) mod types;

pub use types::*;
