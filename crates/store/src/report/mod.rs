//! Report builders shared by the TUI and the CLI. For now: the integrity check.

pub mod analytics;
pub mod verify;

pub use verify::{VerifyReport, verify};
