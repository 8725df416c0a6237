//! What the store tests share: the in-memory model of the model-based test, and for the
//! permission tests the real binary, served and in a pseudo-terminal, under a umask.

#[path = "../../common/cli.rs"]
#[allow(dead_code, reason = "shared with the CLI tests; the permission tests only run commands")]
pub mod cli;
pub mod model;
#[cfg(unix)]
pub mod perms;
#[path = "../../common/pty.rs"]
#[allow(dead_code, reason = "shared with the TUI tests; the permission tests only open a member")]
pub mod pty;
#[cfg(unix)]
#[path = "../../common/serve.rs"]
#[allow(dead_code, reason = "shared with the serve tests; the permission tests spawn a server under a umask")]
pub mod serve;
