//! Files in and out of a store: imports (CSV, JSONL and PMS exports, with mapping,
//! encodings and rejects), exports, and the demo data generator. All of it writes
//! through [`frontdesk_store::ops`].

pub mod demo;
pub mod export;
pub mod import;
