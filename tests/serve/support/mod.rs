//! What the serve tests share: running the real binary, serving a store, a TUI in a
//! pseudo-terminal.

#[path = "../../common/cli.rs"]
pub mod cli;
#[path = "../../common/pty.rs"]
#[allow(dead_code, reason = "shared with the TUI tests; a served TUI is not steered row by row here")]
pub mod pty;
#[cfg(unix)]
#[path = "../../common/serve.rs"]
pub mod serve;
