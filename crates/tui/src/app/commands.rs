//! What the focused context offers: the actions it takes now, each with its help-bar
//! label, or the reason it cannot run. The help bar draws this list and `update` routes
//! list keys through it, so the bar never offers a key that does nothing and a key that
//! cannot act says why instead of doing nothing.

use super::action::Action;
use super::focus::Focus;
use super::office::OfficeView;
use super::summaries::SummaryView;
use super::{Model, PointsList, Tab};
use frontdesk_core::domain::complaint::ComplaintState;
use frontdesk_core::domain::reward::RedemptionState;
use frontdesk_core::domain::stay::StayStatus;

/// One action the context knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub action: Action,
    /// Catalogue key of its help-bar label.
    pub label: &'static str,
    /// Why it cannot run now, if it cannot.
    pub blocked: Option<String>,
}

fn ok(action: Action, label: &'static str) -> Offer {
    Offer { action, label, blocked: None }
}

fn unless(action: Action, label: &'static str, blocked: Option<String>) -> Offer {
    Offer { action, label, blocked }
}

/// Every action the focused context knows, most used first.
pub(crate) fn offers(m: &Model) -> Vec<Offer> {
    offers_in(m, m.focus())
}

/// Every action the context `focus` knows, most used first.
pub fn offers_in(m: &Model, focus: Focus) -> Vec<Offer> {
    use Action::*;
    match focus {
        Focus::TooSmall | Focus::Session => Vec::new(),
        Focus::Overlay if matches!(m.popups.last(), Some(super::Popup::Messages)) => {
            vec![ok(Back, "help.close"), ok(Down, "help.scroll")]
        }
        Focus::Overlay => vec![ok(Back, "help.close")],
        Focus::Confirm => confirm(m),
        Focus::Form { .. } => vec![
            ok(NextField, "help.next_field"),
            ok(Submit, "help.submit"),
            ok(Back, "help.back"),
            ok(Help, "help.help"),
        ],
        Focus::Welcome => vec![ok(Open, "help.choose"), ok(Quit, "help.quit")],
        Focus::Search => {
            let open = (!m.members.rows.is_empty() || !m.members.query.is_empty())
                .then_some(ok(Open, "help.open"))
                .into_iter();
            open.chain([ok(NextField, "help.to_list"), ok(Back, "help.leave_search"), ok(Help, "help.help")])
                .chain([ok(Messages, "help.messages"), ok(Quit, "help.quit")])
                .collect()
        }
        Focus::List => {
            let mut v = panel(m);
            v.extend([
                ok(Search, "help.search"),
                ok(Help, "help.help"),
                ok(Messages, "help.messages"),
                ok(Quit, "help.quit"),
            ]);
            v
        }
    }
}

fn confirm(m: &Model) -> Vec<Offer> {
    use Action::*;
    let overriding = matches!(m.popups.last(), Some(super::Popup::Confirm(c)) if c.overriding.is_some());
    let mut v = vec![];
    if overriding {
        v.push(ok(Override, "help.override"));
    } else {
        v.push(ok(Yes, "help.yes"));
    }
    v.push(ok(No, "help.no"));
    v
}

/// Why an action needing an open member cannot run.
fn needs_member(m: &Model) -> Option<String> {
    m.detail.is_none().then(|| m.t("error.no_member"))
}

/// The member an action on the Members tab acts on: the highlighted hit, or the one shown.
fn members_target(m: &Model) -> Option<String> {
    if m.members.show_detail && m.detail.is_some() {
        return None;
    }
    m.members.cursor.pick(&m.members.rows).is_none().then(|| m.t("error.no_member"))
}

fn panel(m: &Model) -> Vec<Offer> {
    use Action::{Down, End, Home, PageDown, PageUp, Refresh, Up};
    let mut v = match m.tab {
        Tab::Members => members(m),
        Tab::Points => points(m),
        Tab::Rewards => rewards(m),
        Tab::Complaints => complaints(m),
        Tab::Summaries => summaries(m),
        Tab::Office => office(m),
    };
    // A resident records fee payments and events where a guest posts stays.
    if super::activities::managed(m) {
        for o in v.iter_mut().filter(|o| o.label == "help.post_stay") {
            o.label = "property.help_record";
        }
    }
    v.push(ok(Refresh, "help.refresh"));
    for a in [Up, Down, PageUp, PageDown, Home, End] {
        v.push(ok(a, "help.move"));
    }
    v
}

fn members(m: &Model) -> Vec<Offer> {
    use Action::*;
    let target = members_target(m);
    let detail = m.members.show_detail && m.detail.is_some();
    let mut v = Vec::new();
    if detail {
        v.push(ok(Back, "help.back"));
    } else {
        v.push(unless(Open, "help.open", target.clone()));
        v.push(ok(NextField, "help.search_box"));
    }
    v.extend([
        unless(Post, "help.post_stay", target.clone()),
        unless(Edit, "help.edit", target.clone()),
        unless(Adjust, "help.adjust", target.clone()),
        unless(Reveal, "help.reveal", target),
        ok(New, "help.enrol"),
    ]);
    v
}

fn points(m: &Model) -> Vec<Offer> {
    use Action::*;
    let member = needs_member(m);
    let reversible = member.clone().or_else(|| reverse_blocked(m));
    vec![
        unless(Post, "help.post_stay", member.clone()),
        unless(Reverse, "help.reverse", reversible),
        unless(Adjust, "help.adjust", member.clone()),
        unless(NextField, "help.switch_list", member.clone()),
        unless(Filter, "help.filter", member),
        ok(Back, "help.back"),
    ]
}

/// Why the highlighted stay or activity cannot be reversed, if it cannot.
fn reverse_blocked(m: &Model) -> Option<String> {
    let d = m.detail.as_ref()?;
    if m.points.list != PointsList::Stays {
        return Some(m.t("error.reverse_from_stays"));
    }
    let i = m.points.cursor.index();
    let reversible = if super::activities::managed(m) {
        d.activities.get(i).map(|a| a.status == frontdesk_core::domain::activity::ActivityStatus::Recorded)
    } else {
        d.stays.get(i).map(|s| s.status == StayStatus::Completed)
    };
    match reversible {
        Some(true) => None,
        Some(false) => Some(m.t("error.not_reversible")),
        None => Some(m.t("error.nothing_selected")),
    }
}

fn rewards(m: &Model) -> Vec<Offer> {
    use Action::*;
    let has_redemptions = m.detail.as_ref().is_some_and(|d| !d.redemptions.is_empty());
    if m.rewards.on_redemptions {
        let held = m
            .detail
            .as_ref()
            .and_then(|d| m.rewards.redemption.pick(&d.redemptions))
            .map(|r| r.state == RedemptionState::Held);
        let blocked = match held {
            Some(true) => None,
            Some(false) => Some(m.t("error.not_held")),
            None => Some(m.t("error.nothing_selected")),
        };
        return vec![
            unless(Fulfil, "help.fulfil", blocked.clone()),
            unless(Cancel, "help.cancel", blocked),
            ok(NextField, "help.to_catalogue"),
            ok(Back, "help.back"),
        ];
    }
    let not_on_list = m.t("error.select_redemption");
    let redeem = needs_member(m).or_else(|| {
        let r = m.rewards.cursor.pick(&m.rewards.catalogue)?;
        super::price_for(m, r).and_then(Result::err).map(|e| m.texts.say(&e))
    });
    let to_list = (!has_redemptions).then(|| m.t("rewards.no_redemptions"));
    vec![
        unless(Open, "help.redeem", redeem),
        unless(NextField, "help.to_redemptions", to_list),
        unless(Fulfil, "help.fulfil", Some(not_on_list.clone())),
        unless(Cancel, "help.cancel", Some(not_on_list)),
        ok(Back, "help.back"),
    ]
}

fn complaints(m: &Model) -> Vec<Offer> {
    use Action::*;
    let c = super::complaints::target(m);
    let none = || Some(m.t("error.no_complaint"));
    let goodwill = match c {
        None => none(),
        Some(c) if c.card.is_none() => Some(m.texts.fill("error.no_member_to_credit", &[("id", c.id.to_string())])),
        Some(_) => None,
    };
    let follow_up = match c {
        None => none(),
        Some(c) if ComplaintState::parse(&c.state).is_some_and(|s| s.is_open()) => Some(
            m.texts.fill("error.follow_up_when_resolved", &[("id", c.id.to_string()), ("state", m.state(&c.state))]),
        ),
        Some(_) => None,
    };
    let transition = match c {
        None => none(),
        Some(c) if ComplaintState::parse(&c.state).is_some_and(|s| s.next_states().is_empty()) => {
            Some(m.texts.fill("error.no_next_state", &[("id", c.id.to_string()), ("state", m.state(&c.state))]))
        }
        Some(_) => None,
    };
    let detail = m.complaints.open.is_some();
    let mut v = vec![ok(New, "help.log_complaint")];
    if detail {
        v.push(ok(Back, "help.back"));
    } else {
        v.push(unless(Open, "help.open", c.is_none().then(|| m.t("error.no_complaint"))));
    }
    v.extend([
        unless(Transition, "help.transition", transition),
        unless(Goodwill, "help.goodwill", goodwill),
        unless(FollowUp, "help.follow_up", follow_up),
        ok(Filter, "help.filter"),
        ok(FilterBy, "help.filter_by"),
    ]);
    v
}

fn summaries(m: &Model) -> Vec<Offer> {
    use Action::*;
    if m.summaries.list.is_some() {
        return vec![ok(Open, "help.open_member"), ok(Back, "help.back")];
    }
    let mut v = vec![ok(NextView, "help.next_view"), ok(PrevView, "help.prev_view")];
    let rows = super::summaries::rows(m) > 0;
    let birthdays = m.summaries.view == SummaryView::Birthdays;
    let label = if birthdays { "help.open_member" } else { "help.drill_down" };
    v.push(unless(Open, label, (!rows).then(|| m.t("error.nothing_to_open"))));
    v.push(ok(Filter, "help.property"));
    v
}

fn office(m: &Model) -> Vec<Offer> {
    use Action::*;
    match m.office.view {
        OfficeView::Approvals => {
            let decide = super::office::decide_blocked(m);
            let next = if super::office::may_audit(m) { "help.audit" } else { "help.promotions" };
            vec![
                unless(Open, "help.approve", decide.clone()),
                unless(Cancel, "help.reject", decide),
                ok(Filter, "help.show_decided"),
                ok(NextView, next),
                ok(PrevView, "help.prev_view"),
            ]
        }
        OfficeView::Audit => {
            vec![ok(Filter, "help.filter"), ok(NextView, "help.promotions"), ok(PrevView, "help.approvals")]
        }
        OfficeView::Promotions => vec![ok(NextView, "help.approvals"), ok(PrevView, "help.prev_view")],
    }
}

/// The offer of `action` here, if the context knows it.
pub(crate) fn find(m: &Model, action: Action) -> Option<Offer> {
    offers(m).into_iter().find(|o| o.action == action)
}
