//! frontdesk: loyalty, stays, rewards and complaints for hotel front desks, over sled.
//!
//! The binary: the command line and `frontdesk serve`. The rest lives in the crates under
//! `crates/` (see docs/ARCHITECTURE.md).

pub mod cli;
pub mod server;

/// Runs the program with the process arguments and returns the process exit code: the one
/// place an [`frontdesk_store::ops::ExitCode`] becomes a number.
pub fn run() -> i32 {
    cli::main().code()
}
