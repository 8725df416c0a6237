//! The store and its operations (`frontdesk-store`, the only writer): opening, the record
//! codec, the files' permissions, and every operation through `ops::execute` on a real sled
//! store, one module per feature, with property and model-based tests over all of them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::exit,
    reason = "a test or benchmark stops loudly where an expectation fails, and reports by printing"
)]

mod support;

mod approvals;
mod audit;
mod codec;
mod codec_buckets;
mod demo;
mod group_commit;
mod members;
mod model_based;
mod open;
mod operations;
mod permissions;
mod permissions_accounts;
mod promotions;
mod promotions_budgets;
mod salvage;
mod verify;
mod verify_buckets;
