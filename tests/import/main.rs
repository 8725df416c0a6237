//! Import and export (`frontdesk-exchange`): in process over a real store, and through
//! `frontdesk import`, `batch` and `export`; one module per concern of a file coming in or
//! going out.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::exit,
    reason = "a test or benchmark stops loudly where an expectation fails, and reports by printing"
)]

mod support;

mod activities;
mod batch;
mod command_line;
mod dataset;
mod encoding;
mod encoding_corpus;
mod export;
mod malformed;
mod mapping;
mod pipeline;
mod random_input;
mod round_trip;
