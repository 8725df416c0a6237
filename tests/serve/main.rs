//! A store served by `frontdesk serve`: the CLI and the TUI through it, many clients at
//! once while the server is killed, and bad frames on its socket.

mod support;

mod commands;
mod concurrency;
mod protocol;
mod tui;
