//! What happens when things go wrong, with the real binary: processes killed at random
//! moments, damaged store files, a full disk, and backups restored. Sizes are set by
//! environment variables (`FRONTDESK_KILLS`, `FRONTDESK_CRASH_KILLS`,
//! `FRONTDESK_CORRUPTION_TRIALS` …; see docs/RELIABILITY.md).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::exit,
    reason = "a test or benchmark stops loudly where an expectation fails, and reports by printing"
)]

mod support;

mod backup;
mod corruption;
mod crash;
mod disk_full;
mod kill_campaign;
mod upgrade_kill;
