//! The pure core (`frontdesk-core`): points and tiers, property-management rules and the
//! analytics, against properties and hand-computed tables.

mod analytics;
mod analytics_rfm;
mod points;
mod property;
