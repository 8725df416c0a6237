//! What the reliability tests share: running the real binary, serving a store, killing.

#[path = "../../common/cli.rs"]
pub mod cli;
#[cfg(unix)]
pub mod kill;
#[cfg(unix)]
#[path = "../../common/serve.rs"]
#[allow(dead_code, reason = "shared with the serve tests; these stop no server with SIGTERM")]
pub mod serve;
