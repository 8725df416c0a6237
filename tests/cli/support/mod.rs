//! What the CLI tests share: running the real binary.

#[path = "../../common/cli.rs"]
pub mod cli;
