//! Stays & Points tab: the open member's stays and ledger; post, reverse, adjust.

use super::action::{Action, Nav};
use super::forms::{self, FormKind};
use super::msg::Job;
use super::{Model, PointsList};

/// Ledger filters: all, credits only, debits only.
pub const LEDGER_FILTERS: [&str; 3] = ["filter.all", "filter.credits", "filter.debits"];

fn rows(m: &Model) -> usize {
    let Some(d) = &m.detail else { return 0 };
    match m.points.list {
        PointsList::Stays if super::activities::managed(m) => d.activities.len(),
        PointsList::Stays => d.stays.len(),
        PointsList::Ledger => ledger_rows(m).len(),
    }
}

/// Ledger postings passing the filter, newest first.
pub fn ledger_rows(m: &Model) -> Vec<&frontdesk_core::domain::ledger::Posting> {
    let Some(d) = &m.detail else { return Vec::new() };
    d.ledger
        .iter()
        .filter(|p| match m.points.ledger_filter {
            1 => p.net() > 0,
            2 => p.net() < 0,
            _ => true,
        })
        .collect()
}

/// Actions on the Stays & Points tab (the offers say which need a member).
pub(crate) fn action(m: &mut Model, a: Action) -> Vec<Job> {
    if let Some(nav) = Nav::of(a) {
        let n = rows(m);
        m.points.cursor.apply(nav, n);
        return Vec::new();
    }
    let Some(id) = m.member_id() else { return Vec::new() };
    match a {
        Action::NextField | Action::PrevField => {
            m.points.list = match m.points.list {
                PointsList::Stays => PointsList::Ledger,
                PointsList::Ledger => PointsList::Stays,
            };
            m.points.cursor.reset();
        }
        Action::Filter => {
            m.points.list = PointsList::Ledger;
            m.points.ledger_filter = (m.points.ledger_filter + 1) % LEDGER_FILTERS.len();
            m.points.cursor.reset();
        }
        // A resident pays fees and attends events; a guest stays.
        Action::Post if super::activities::managed(m) => forms::open(m, FormKind::RecordActivity(id)),
        Action::Post => forms::open(m, FormKind::PostStay(id)),
        Action::Reverse if super::activities::managed(m) => forms::reverse_activity(m, id),
        Action::Reverse => {
            let seq = m.detail.as_ref().and_then(|d| m.points.cursor.pick(&d.stays)).map(|s| s.seq);
            if let Some(seq) = seq {
                forms::open(m, FormKind::ReverseStay { member: id, seq });
            }
        }
        Action::Adjust => forms::open(m, FormKind::Adjust(id)),
        Action::Back => {
            m.tab = super::Tab::Members;
            m.members.typing = false;
        }
        Action::Refresh => {
            let generation = m.next_generation();
            m.busy += 1;
            return vec![Job::LoadMember { generation, id }];
        }
        _ => {}
    }
    Vec::new()
}
