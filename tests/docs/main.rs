//! The repository against itself: the crate layers Cargo holds, and documentation that is
//! generated from or checked against the code (the README and its commands, docs/ pages,
//! man pages, the CLI and key references, the systemd units under dist/).

mod architecture;
mod cli_reference;
mod configuration;
mod dist;
mod import;
mod keys;
mod man;
mod pages;
mod readme;
mod support;
