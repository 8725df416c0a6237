//! The store (sled, bincode records, keys) and the operations, its only writer; backup,
//! restore and salvage; verification and the analytics projection over the store.

pub mod backup;
pub mod ops;
pub mod report;
pub mod store;
