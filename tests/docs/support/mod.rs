//! What the documentation tests share: running the real binary.

#[path = "../../common/cli.rs"]
#[allow(dead_code, reason = "shared with the test binaries; the docs use a part of it")]
pub mod cli;
