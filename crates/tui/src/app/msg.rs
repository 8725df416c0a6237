//! Messages into `update` and jobs out of it.

use crossterm::event::KeyEvent;

pub(crate) use frontdesk_service::jobs::{Done, ImportDone, Job, JobResult, MemberDetail, MemberRow};

/// Everything that can happen to the model.
#[derive(Debug, Clone)]
pub enum Msg {
    /// A key was pressed (release events never arrive here).
    Key(KeyEvent),
    /// Text was pasted (bracketed paste).
    Paste(String),
    /// A card reader typed a card number and Enter in a burst (see `scan.rs`).
    Scan(super::scan::Scan),
    /// The terminal was resized.
    Resize(u16, u16),
    /// The worker finished a job.
    Done(Done),
    /// About once a second: the time now (UTC ms), for the idle lock and SLA clocks.
    Tick(i64),
    /// News of the server of a served store.
    Server(ServerEvent),
}

/// What happened to the server of a served store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerEvent {
    /// Someone (any client) wrote: what is on screen may be stale.
    Changed,
    /// The connection dropped (why); the worker reconnects every second.
    Gone(frontdesk_core::i18n::Fault),
    /// Connected again.
    Back,
}
