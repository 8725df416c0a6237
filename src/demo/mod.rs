//! TEMPORARY until the demo branch merges.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct DemoSummary {
    pub members: u64,
    pub stays: u64,
    pub bookings_cancelled: u64,
    pub redemptions: u64,
    pub complaints: u64,
    pub points_expired: i64,
}
pub struct DemoOptions {
    pub members: u64,
    pub seed: u64,
    pub today: chrono::NaiveDate,
    pub now_ms: i64,
}
pub fn build(
    _s: &crate::store::Store,
    _c: &crate::config::Config,
    _o: &DemoOptions,
    _p: &mut dyn FnMut(u64, u64),
) -> Result<DemoSummary, crate::ops::OpError> {
    Ok(DemoSummary::default())
}
