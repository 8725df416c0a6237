//! The `frontdesk` binary from the command line, one module per feature: each test runs
//! the real binary (`support::cli::frontdesk`) on a store of its own at a fixed clock.

mod support;

mod analytics;
mod analytics_rfm;
mod completions;
mod erasure;
mod errors;
mod external_ref;
mod members;
mod operators;
mod phones;
mod phones_upgrade;
mod privacy;
mod promotions;
mod property;
