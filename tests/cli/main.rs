//! The `frontdesk` binary from the command line, one module per feature: each test runs
//! the real binary (`support::cli::frontdesk`) on a store of its own at a fixed clock.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::exit,
    reason = "a test or benchmark stops loudly where an expectation fails, and reports by printing"
)]

mod support;

mod analytics;
mod analytics_rfm;
mod bulk_snapshot;
mod completions;
mod erasure;
mod errors;
mod external_ref;
mod members;
mod name_scan;
mod operators;
mod phones;
mod phones_upgrade;
mod privacy;
mod promotions;
mod property;
