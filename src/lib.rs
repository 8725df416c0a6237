//! frontdesk: loyalty, stays, rewards and complaints for hotel front desks, over sled.

pub mod app;
pub mod backup;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod import;
pub mod ops;
pub mod report;
pub mod search;
pub mod server;
pub mod store;
pub mod tui;
pub mod ui;
pub mod worker;

/// Runs the program with the process arguments and returns the process exit code: the one
/// place an [`ops::ExitCode`] becomes a number.
pub fn run() -> i32 {
    cli::main().code()
}
