//! The pure core of frontdesk: the loyalty rules (tiers, earning, the points ledger and
//! its expiry, rewards, complaints, promotions, operators), the analytics over them, the
//! member search index, the message catalogue, and the site configuration they follow.
//!
//! Nothing here opens a store, a terminal or a socket: `cargo tree` on this crate names
//! no storage, terminal or network crate, and `.ci/arrows` keeps it so.

pub mod clock;
pub mod config;
pub mod domain;
pub mod i18n;
pub mod search;
