//! Reading the audit log: who did what, when, to which member. Shared by
//! `frontdesk audit` and the terminal UI's audit view. The log holds no personal values
//! (see [`AuditRecord`]), so reading it reveals none.

use crate::store::records::AuditRecord;
use crate::store::{Store, StoreError, T, decode_at, keys};
use chrono::NaiveDate;
use frontdesk_core::domain::Millis;
use serde::{Deserialize, Serialize};

/// Which audit events to list; `None` matches every event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Only events about the member with this card number.
    pub member_card: Option<String>,
    /// Only events by this operator login (case does not matter).
    pub operator: Option<String>,
    /// Only events on or after this day (UTC).
    pub since: Option<NaiveDate>,
}

/// One audit event as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    /// Sequence number in the log (newer events have higher numbers).
    pub seq: u64,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// When (UTC ms).
    pub at_ms: Millis,
    /// Operator login (or `system`, or the name a CLI run gave before operators existed).
    pub operator: String,
    /// The operator's role at the time.
    pub role: String,
    /// Command, e.g. `stay.post`, `member.reveal`, `operator.sign_in`.
    pub command: String,
    /// What it touched, e.g. `member 620000000012 stay 4`.
    pub target: String,
    /// Card of the member concerned, if any.
    pub member: Option<String>,
    /// State before, summarised.
    pub before: String,
    /// State after, summarised.
    pub after: String,
}

impl AuditEvent {
    fn of(seq: u64, r: AuditRecord) -> AuditEvent {
        AuditEvent {
            seq,
            at: super::super::view::instant(r.at),
            at_ms: r.at,
            operator: r.operator,
            role: r.role,
            command: r.command,
            target: r.target,
            member: r.member,
            before: r.before,
            after: r.after,
        }
    }
}

impl AuditFilter {
    fn keeps(&self, r: &AuditRecord, operator: Option<&str>) -> bool {
        let day = chrono::DateTime::from_timestamp_millis(r.at).map(|t| t.date_naive());
        self.member_card.as_ref().is_none_or(|c| r.member.as_deref() == Some(c.trim()))
            && operator.is_none_or(|o| r.operator.eq_ignore_ascii_case(o))
            && self.since.is_none_or(|s| day.is_some_and(|d| d >= s))
    }
}

/// Audit events matching `filter`, newest first, at most `limit`.
///
/// Walks the log from its newest end and stops after `limit` matches, so the most recent
/// page is quick however long the log is; a filter that matches little reads the whole
/// log (about a second per million events).
pub fn audit_events(store: &Store, filter: &AuditFilter, limit: usize) -> Result<Vec<AuditEvent>, StoreError> {
    let operator = filter.operator.as_deref().map(str::trim);
    let mut out = Vec::new();
    if limit == 0 {
        return Ok(out);
    }
    for item in store.tree(T::Audit).iter().rev() {
        let (k, v) = item?;
        let record: AuditRecord = decode_at(T::Audit, &k, &v)?;
        if filter.keeps(&record, operator) {
            out.push(AuditEvent::of(keys::read_u64(&k, 0).unwrap_or(0), record));
            if out.len() >= limit {
                break;
            }
        }
    }
    Ok(out)
}
