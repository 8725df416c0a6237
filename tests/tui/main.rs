//! The terminal UI: `update` and the worker without a terminal, every screen drawn into a
//! test backend (snapshots in `snapshots/`), and the real binary in a pseudo-terminal
//! (`*_pty`, `pty`). One module per feature or panel.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::exit,
    reason = "a test or benchmark stops loudly where an expectation fails, and reports by printing"
)]

mod support;

mod desk;
mod desk_legible;
mod desk_pty;
mod injection;
mod injection_pty;
mod office;
mod privacy;
mod property;
mod pty;
mod responsive;
mod screens;
mod session;
mod summaries;
mod summaries_update;
mod update;
mod update_lists;
mod welcome;
mod words;
mod writes;
