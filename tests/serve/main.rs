//! A store served by `frontdesk serve`: the CLI and the TUI through it, many clients at
//! once while the server is killed, and bad frames on its socket.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::exit,
    reason = "a test or benchmark stops loudly where an expectation fails, and reports by printing"
)]

mod support;

mod commands;
mod concurrency;
mod protocol;
mod tui;
