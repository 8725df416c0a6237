//! The Summaries tab's loads: analytics reports, drill-down member lists, the complaint
//! queue.

use super::{BIRTHDAY_DAYS, BIRTHDAY_PAGE, LIST_PAGE, Worker};
use crate::jobs::JobResult;
use crate::reports::{ListRequest, Report, ReportKind};
use chrono::NaiveDate;
use frontdesk_core::i18n::errors::DeskSays;
use frontdesk_store::ops::query::{self, ComplaintFilter};

impl Worker {
    /// One analytics report for the Summaries tab, read from the counters.
    pub(super) fn report(&self, kind: ReportKind, as_of: NaiveDate, property: Option<String>) -> JobResult {
        use frontdesk_store::report::analytics as a;
        let (store, config, p) = (&self.store, self.config.as_ref(), property.as_deref());
        let report = match kind {
            ReportKind::Tiers => a::tiers(store, config, as_of, p).map(Report::Tiers),
            ReportKind::Retention => a::retention(store, config, as_of, p).map(Report::Retention),
            // From the stored snapshot; `None` (the view says "not computed") before the first one.
            ReportKind::Rfm => a::rfm(store, p).map(Report::Rfm),
            ReportKind::Liability => a::liability(store, config, as_of, p).map(Report::Liability),
            ReportKind::Complaints => a::complaints(store, config, as_of, p).map(Report::Complaints),
            ReportKind::Satisfaction => a::satisfaction(store, config, as_of, p).map(Report::Satisfaction),
            ReportKind::Property => a::property_report(store, config, as_of, p).map(Report::Property),
            ReportKind::Birthdays => {
                a::birthdays(store, config, as_of, p, BIRTHDAY_DAYS, Some(BIRTHDAY_PAGE)).map(Report::Birthdays)
            }
        };
        report.map_or_else(
            |e| JobResult::Failed(e.fault()),
            |report| JobResult::Report { property, report: Box::new(report) },
        )
    }

    /// The members behind one figure of a report.
    pub(super) fn member_list(&self, request: &ListRequest, as_of: NaiveDate, property: Option<&str>) -> JobResult {
        match request {
            ListRequest::Tiers(list) => {
                frontdesk_store::report::analytics::tier_members(&self.store, &self.config, as_of, property, list)
                    .map_or_else(|e| JobResult::Failed(e.fault()), |l| JobResult::MemberList(Box::new(l)))
            }
            ListRequest::Segment(segment) => {
                match frontdesk_store::report::analytics::rfm_members(
                    &self.store,
                    &self.config,
                    *segment,
                    property,
                    Some(LIST_PAGE),
                ) {
                    Ok(Some(l)) => JobResult::MemberList(Box::new(l)),
                    Ok(None) => JobResult::Failed(DeskSays::RfmMissing.into()),
                    Err(e) => JobResult::Failed(e.fault()),
                }
            }
        }
    }

    pub(super) fn complaints(&self, filter: &ComplaintFilter) -> JobResult {
        let now = self.clock.now_ms();
        let views =
            query::complaints(&self.store, filter).and_then(|list| query::complaint_views(&self.store, &list, now));
        views.map_or_else(|e| JobResult::Failed(e.fault()), JobResult::Complaints)
    }
}
