//! The pure core (`frontdesk-core`): points and tiers, property-management rules and the
//! analytics, against properties and hand-computed tables.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::exit,
    reason = "a test or benchmark stops loudly where an expectation fails, and reports by printing"
)]

mod analytics;
mod analytics_rfm;
mod points;
mod property;
