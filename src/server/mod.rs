//! `frontdesk serve`: one process owns the store (sled lets only one open it) and serves
//! the CLI and TUI of other terminals on the same host over a Unix socket next to it.

pub mod client;
mod conn;
mod daemon;
mod peer;
pub mod protocol;
mod shared;

pub use client::{Client, ClientError};
pub use daemon::serve;

use std::path::{Path, PathBuf};

/// File name of the socket inside the store directory.
pub const SOCKET_NAME: &str = "frontdesk.sock";

/// The socket of the server of the store at `db`.
pub fn socket_path(db: &Path) -> PathBuf {
    db.join(SOCKET_NAME)
}
