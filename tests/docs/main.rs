//! The repository against itself: the crate layers Cargo holds, and documentation that is
//! generated from or checked against the code (the README and its commands, docs/ pages,
//! man pages, the CLI and key references, the systemd units under dist/).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::exit,
    reason = "a test or benchmark stops loudly where an expectation fails, and reports by printing"
)]

mod architecture;
mod cli_reference;
mod configuration;
mod dist;
mod import;
mod keys;
mod man;
mod pages;
mod readme;
mod support;
