//! Pure loyalty and service rules: no I/O, no clock reads, no store.

pub mod activity;
pub mod analytics;
pub mod approval;
pub mod card;
pub mod complaint;
pub mod contact;
pub mod earn;
pub mod ledger;
pub mod member;
pub mod money;
pub mod operator;
pub mod phone;
pub mod privacy;
pub mod promotion;
pub mod residence;
pub mod reward;
pub mod stay;
pub mod tier;

/// Milliseconds since the Unix epoch, UTC.
pub type Millis = i64;
