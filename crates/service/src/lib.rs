//! The desk service: the jobs a desk asks of a store ([`jobs::Job`]) and their answers,
//! and the [`worker::Worker`] that runs them against a store, in the TUI's worker thread
//! or inside `frontdesk serve` for a remote desk.

pub mod jobs;
pub mod reports;
pub mod worker;
