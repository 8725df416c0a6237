//! The summaries a desk loads: which report, and the report as loaded.

use frontdesk_core::domain::analytics::{
    BirthdaysReport, ComplaintsReport, LiabilityReport, RetentionReport, RfmReport, SatisfactionReport, Segment,
    TiersReport,
};

/// Which report the worker loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ReportKind {
    /// `report tiers`.
    Tiers,
    /// `report retention` (with cohorts when a snapshot exists).
    Retention,
    /// `report rfm` (a snapshot; `None` until computed).
    Rfm,
    /// `report liability`.
    Liability,
    /// `report complaints`.
    Complaints,
    /// `report satisfaction`.
    Satisfaction,
    /// `report birthdays` for the next 7 days.
    Birthdays,
    /// `report property` (a scan of fee payments and repairs).
    Property,
}

/// A report as the worker loaded it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Report {
    /// Tier distribution and movement.
    Tiers(TiersReport),
    /// Retention and cohorts.
    Retention(RetentionReport),
    /// RFM segments; `None`: the engine has no snapshot computed yet.
    Rfm(Option<RfmReport>),
    /// Points liability.
    Liability(LiabilityReport),
    Complaints(ComplaintsReport),
    /// NPS and CSAT.
    Satisfaction(SatisfactionReport),
    Birthdays(BirthdaysReport),
    /// Managed properties.
    Property(frontdesk_core::domain::analytics::property::PropertyReport),
}

impl Report {
    /// The kind of report this is.
    pub fn kind(&self) -> ReportKind {
        match self {
            Report::Tiers(_) => ReportKind::Tiers,
            Report::Retention(_) => ReportKind::Retention,
            Report::Rfm(_) => ReportKind::Rfm,
            Report::Liability(_) => ReportKind::Liability,
            Report::Complaints(_) => ReportKind::Complaints,
            Report::Satisfaction(_) => ReportKind::Satisfaction,
            Report::Birthdays(_) => ReportKind::Birthdays,
            Report::Property(_) => ReportKind::Property,
        }
    }
}

/// The members behind one figure.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ListRequest {
    /// `report tiers --members LIST` (`upgraded`, `on_track`, `at_risk`).
    Tiers(String),
    /// The members of an RFM segment.
    Segment(Segment),
}
