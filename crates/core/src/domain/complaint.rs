//! Complaints: workflow, timeline and SLA due times.

use super::Millis;
use crate::i18n::errors::Reason;
use serde::{Deserialize, Serialize};

/// Where a complaint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ComplaintState {
    /// Logged, nobody has responded yet.
    Open,
    /// Someone has taken it.
    Acknowledged,
    /// Being handled.
    InProgress,
    /// Waiting for the guest to answer.
    AwaitingGuest,
    /// Fixed; waiting for follow-up.
    Resolved,
    /// Finished.
    Closed,
    /// Opened again after resolution or closing.
    Reopened,
}

/// Every state, in workflow order.
pub const ALL_STATES: [ComplaintState; 7] = [
    ComplaintState::Open,
    ComplaintState::Acknowledged,
    ComplaintState::InProgress,
    ComplaintState::AwaitingGuest,
    ComplaintState::Resolved,
    ComplaintState::Closed,
    ComplaintState::Reopened,
];

impl ComplaintState {
    /// Lower-case name used in output and input.
    pub fn as_str(self) -> &'static str {
        match self {
            ComplaintState::Open => "open",
            ComplaintState::Acknowledged => "acknowledged",
            ComplaintState::InProgress => "in_progress",
            ComplaintState::AwaitingGuest => "awaiting_guest",
            ComplaintState::Resolved => "resolved",
            ComplaintState::Closed => "closed",
            ComplaintState::Reopened => "reopened",
        }
    }

    /// Parses a state name (`in-progress` and `in progress` too).
    pub fn parse(s: &str) -> Option<ComplaintState> {
        let norm = s.trim().to_lowercase().replace(['-', ' '], "_");
        ALL_STATES.into_iter().find(|st| st.as_str() == norm)
    }

    /// States reachable from this one.
    pub fn next_states(self) -> &'static [ComplaintState] {
        use ComplaintState::*;
        match self {
            Open => &[Acknowledged, InProgress, Resolved],
            Acknowledged => &[InProgress, AwaitingGuest, Resolved],
            InProgress => &[AwaitingGuest, Resolved],
            AwaitingGuest => &[InProgress, Resolved],
            Resolved => &[Closed, Reopened],
            Closed => &[Reopened],
            Reopened => &[Acknowledged, InProgress, Resolved],
        }
    }

    /// Whether the complaint still needs work (anything but resolved or closed).
    pub fn is_open(self) -> bool {
        !matches!(self, ComplaintState::Resolved | ComplaintState::Closed)
    }
}

/// One step of a complaint's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// When (UTC ms).
    pub at: Millis,
    pub operator: String,
    /// State before, `None` for the logging itself.
    pub from: Option<ComplaintState>,
    /// State after.
    pub to: ComplaintState,
    /// What was done or said.
    pub note: String,
}

/// A complaint as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complaint {
    /// Internal id.
    pub id: u64,
    /// Member concerned, if known.
    pub member_id: Option<u64>,
    /// Property code.
    pub property: String,
    /// Category code.
    pub category: String,
    /// Severity code.
    pub severity: String,
    /// Channel it arrived by.
    pub channel: String,
    /// What the guest reported.
    pub description: String,
    /// Current state.
    pub state: ComplaintState,
    /// When it was logged.
    pub opened_at: Millis,
    /// First response due.
    pub respond_by: Millis,
    /// Resolution due.
    pub resolve_by: Millis,
    /// When someone first responded.
    pub first_response_at: Option<Millis>,
    /// When it was last resolved.
    pub resolved_at: Option<Millis>,
    /// When it was closed.
    pub closed_at: Option<Millis>,
    /// Every step.
    pub timeline: Vec<TimelineEntry>,
    /// Goodwill points granted.
    pub goodwill_points: i64,
    /// Follow-up satisfaction 1–5.
    pub csat: Option<u8>,
    /// Follow-up likelihood to recommend 0–10.
    pub nps: Option<u8>,
    /// Caller's reference for idempotency.
    pub external_ref: Option<String>,
}

/// Due times for a complaint logged at `opened_at` with these SLA targets in minutes.
pub fn due_times(opened_at: Millis, first_response_minutes: i64, resolve_minutes: i64) -> (Millis, Millis) {
    (opened_at + first_response_minutes * 60_000, opened_at + resolve_minutes * 60_000)
}

impl Complaint {
    /// Moves to `to`, recording the step; refuses transitions the workflow does not allow.
    pub fn transition(&mut self, to: ComplaintState, at: Millis, operator: &str, note: &str) -> Result<(), Reason> {
        if !self.state.next_states().contains(&to) {
            let allowed: Vec<&str> = self.state.next_states().iter().map(|s| s.as_str()).collect();
            return Err(Reason::Transition {
                from: self.state.as_str().to_string(),
                to: to.as_str().to_string(),
                allowed: allowed.join(", "),
            });
        }
        if self.first_response_at.is_none() {
            self.first_response_at = Some(at);
        }
        match to {
            ComplaintState::Resolved => self.resolved_at = Some(at),
            ComplaintState::Closed => self.closed_at = Some(at),
            ComplaintState::Reopened => {
                self.resolved_at = None;
                self.closed_at = None;
            }
            _ => {}
        }
        self.timeline.push(TimelineEntry {
            at,
            operator: operator.into(),
            from: Some(self.state),
            to,
            note: note.into(),
        });
        self.state = to;
        Ok(())
    }

    /// Whether the first-response or resolution target was missed as of `now`.
    pub fn is_overdue(&self, now: Millis) -> bool {
        let response_late = self.first_response_at.unwrap_or(now) > self.respond_by;
        let resolve_late =
            self.state.is_open() && now > self.resolve_by || self.resolved_at.is_some_and(|r| r > self.resolve_by);
        response_late || resolve_late
    }

    /// The next due time that matters for the queue: response, then resolution.
    pub fn next_due(&self) -> Millis {
        if self.first_response_at.is_none() { self.respond_by } else { self.resolve_by }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ComplaintState::*;
    use rstest::rstest;

    fn complaint() -> Complaint {
        let (respond_by, resolve_by) = due_times(0, 30, 1440);
        Complaint {
            id: 1,
            member_id: None,
            property: "LIS".into(),
            category: "noise".into(),
            severity: "high".into(),
            channel: "desk".into(),
            description: "party next door".into(),
            state: Open,
            opened_at: 0,
            respond_by,
            resolve_by,
            first_response_at: None,
            resolved_at: None,
            closed_at: None,
            timeline: vec![],
            goodwill_points: 0,
            csat: None,
            nps: None,
            external_ref: None,
        }
    }

    #[rstest]
    #[case(Open, Acknowledged, true)]
    #[case(Open, Closed, false)]
    #[case(InProgress, AwaitingGuest, true)]
    #[case(Resolved, Closed, true)]
    #[case(Closed, InProgress, false)]
    #[case(Closed, Reopened, true)]
    #[case(Reopened, Resolved, true)]
    fn transitions_follow_the_workflow(#[case] from: ComplaintState, #[case] to: ComplaintState, #[case] ok: bool) {
        let mut c = Complaint { state: from, ..complaint() };
        assert_eq!(c.transition(to, 1, "ana", "").is_ok(), ok);
    }

    #[test]
    fn first_response_is_the_first_transition_and_sla_is_judged_on_it() {
        let mut c = complaint();
        c.transition(Acknowledged, 40 * 60_000, "ana", "on it").unwrap();
        assert_eq!(c.first_response_at, Some(40 * 60_000));
        assert!(c.is_overdue(41 * 60_000), "30-minute response target was missed");
        c.transition(Resolved, 50 * 60_000, "ana", "moved room").unwrap();
        assert_eq!(c.timeline.len(), 2);
    }

    #[test]
    fn state_names_round_trip() {
        for s in ALL_STATES {
            assert_eq!(ComplaintState::parse(s.as_str()), Some(s));
        }
        assert_eq!(ComplaintState::parse("In Progress"), Some(InProgress));
    }
}
