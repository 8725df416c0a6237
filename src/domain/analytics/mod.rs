//! Analytics: tier, retention, value (RFM), liability, service and satisfaction summaries.
//!
//! Pure: every function here takes explicit inputs (counters, records, configuration), an
//! as-of date and an optional property filter. Reading the counters from the store is
//! `report::analytics`; keeping them up to date is `ops`.

pub mod facts;
pub mod input;
pub mod retention;
pub mod service;
pub mod tiers;
pub mod types;

pub use types::*;
