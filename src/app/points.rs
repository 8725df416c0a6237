//! Stays & Points tab: the selected member's stays and ledger; post, reverse, adjust.

use super::action::Action;
use super::forms::{self, FormKind};
use super::msg::Job;
use super::{Confirm, Model, PointsList, Popup};
use crate::domain::stay::StayStatus;
use crate::ops::{Command, MemberRef};

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
pub fn ledger_rows(m: &Model) -> Vec<&crate::domain::ledger::Posting> {
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

/// Actions on the Stays & Points tab.
pub fn action(m: &mut Model, a: Action) -> Vec<Job> {
    let Some(id) = m.member_id() else {
        if a == Action::Search || a == Action::Back {
            m.tab = super::Tab::Members;
            m.members.typing = true;
        }
        return Vec::new();
    };
    let n = rows(m);
    match a {
        Action::Up => m.points.selected = m.points.selected.saturating_sub(1),
        Action::Down => m.points.selected = (m.points.selected + 1).min(n.saturating_sub(1)),
        Action::PageUp => m.points.selected = m.points.selected.saturating_sub(10),
        Action::PageDown => m.points.selected = (m.points.selected + 10).min(n.saturating_sub(1)),
        Action::Open | Action::NextField => {
            m.points.list = match m.points.list {
                PointsList::Stays => PointsList::Ledger,
                PointsList::Ledger => PointsList::Stays,
            };
            m.points.selected = 0;
        }
        Action::Filter => {
            m.points.list = PointsList::Ledger;
            m.points.ledger_filter = (m.points.ledger_filter + 1) % LEDGER_FILTERS.len();
            m.points.selected = 0;
        }
        // A resident pays fees and attends events; a guest stays.
        Action::Post if super::activities::managed(m) => forms::open(m, FormKind::RecordActivity(id)),
        Action::Post => forms::open(m, FormKind::PostStay(id)),
        Action::Reverse if super::activities::managed(m) => super::activities::reverse(m, id),
        Action::Adjust => forms::open(m, FormKind::Adjust(id)),
        Action::Reverse => reverse(m, id),
        Action::Search | Action::Back => {
            m.tab = super::Tab::Members;
            m.members.typing = a == Action::Search;
        }
        _ => {}
    }
    Vec::new()
}

fn reverse(m: &mut Model, id: u64) {
    if m.points.list != PointsList::Stays {
        return;
    }
    let Some(stay) = m.detail.as_ref().and_then(|d| d.stays.get(m.points.selected)).cloned() else { return };
    if stay.status != StayStatus::Completed {
        m.say(m.t("error.not_reversible"), true);
        return;
    }
    let Some(d) = &m.detail else { return };
    let points = stay.base_points + stay.bonus_points;
    let lines = vec![
        format!("#{} {} {} → {}", stay.seq, stay.property, m.texts.date(stay.arrival), m.texts.date(stay.departure)),
        format!(
            "{}: {} → {}",
            m.t("label.balance"),
            m.texts.number(d.member.balance),
            m.texts.number(d.member.balance - points)
        ),
    ];
    let command = Command::ReverseStay {
        member: MemberRef::Id(id),
        seq: stay.seq,
        reason: m.t("reason.reversed_at_desk"),
        external_ref: None,
    };
    m.popups.push(Popup::Confirm(Confirm {
        title: m.t("confirm.reverse"),
        lines,
        command,
        reload: Some(id),
        awaiting: None,
    }));
}
