//! `frontdesk serve`: one process owns the store (sled lets only one open it) and serves
//! the CLI and TUI of other terminals on the same host over a Unix socket next to it.

mod conn;
mod daemon;
mod peer;
mod shared;

pub use daemon::serve;
