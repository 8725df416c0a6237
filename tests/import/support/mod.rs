//! What the import tests share: running the real binary.

#[path = "../../common/cli.rs"]
#[allow(dead_code, reason = "shared with the CLI tests; these copy no template store")]
pub mod cli;
