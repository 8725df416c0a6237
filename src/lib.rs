//! frontdesk: loyalty, stays, rewards and complaints for hotel front desks, over sled.
//!
//! The binary: the command line and `frontdesk serve`. The rest lives in the crates under
//! `crates/` (see docs/ARCHITECTURE.md).

pub mod alloc;
pub mod cli;
pub mod server;

/// Runs the program with the process arguments and returns the process exit code: the one
/// place an [`frontdesk_store::ops::ExitCode`] becomes a number.
pub fn run() -> i32 {
    let code = cli::main().code();
    // After bulk work the store is left snapshotted, so the next command opens it fast.
    frontdesk_store::store::settle::snapshot_closed_stores();
    code
}
