//! Members tab: search as you type, open a member, enrol and edit; a card read or typed
//! anywhere opens its member.

use super::action::{Action, Nav};
use super::forms::{self, FormKind};
use super::msg::Job;
use super::scan::Scan;
use super::{Model, Pending, Popup, Tab};
use crossterm::event::KeyEvent;
use frontdesk_store::ops::{Command, MemberRef};

/// Starts a search for the current query (or clears the list when it is empty).
pub(crate) fn search(m: &mut Model) -> Vec<Job> {
    let query = m.members.query.value().trim().to_string();
    let generation = m.next_generation();
    m.search_generation = generation;
    m.members.cursor.reset();
    m.members.open_when_found = None;
    if query.is_empty() {
        m.members.rows.clear();
        m.members.found = generation;
        return Vec::new();
    }
    vec![Job::Search { generation, query }]
}

/// `/` from anywhere: the Members tab with an empty search box.
pub(crate) fn new_search(m: &mut Model) -> Vec<Job> {
    m.tab = Tab::Members;
    m.members.typing = true;
    m.members.show_detail = false;
    m.members.query.clear();
    search(m)
}

/// Loads member `id` into the detail of the Members tab.
fn load(m: &mut Model, id: u64) -> Vec<Job> {
    m.members.show_detail = true;
    m.members.typing = false;
    m.members.revealed = None;
    let generation = m.next_generation();
    m.busy += 1;
    vec![Job::LoadMember { generation, id }]
}

/// Opens the highlighted hit; while the hits of the query as typed are not in yet, the
/// top hit of that search is opened when they arrive.
pub(crate) fn open(m: &mut Model) -> Vec<Job> {
    if m.members.found != m.search_generation {
        m.members.open_when_found = Some(m.search_generation);
        return Vec::new();
    }
    let Some(id) = m.members.cursor.pick(&m.members.rows).map(|r| r.id) else { return Vec::new() };
    load(m, id)
}

/// Keys the search box takes as text; `None` leaves the key to the keymap.
pub(crate) fn typing_key(m: &mut Model, k: &KeyEvent) -> Option<Vec<Job>> {
    let before = m.members.query.value().to_string();
    if !m.members.query.handle(k) {
        return None;
    }
    m.members.show_detail = false;
    Some(if m.members.query.value() != before { search(m) } else { Vec::new() })
}

/// Actions while the search box has the focus.
pub(crate) fn search_action(m: &mut Model, a: Action) -> Vec<Job> {
    match a {
        Action::Open => return open(m),
        Action::Back | Action::NextField | Action::PrevField => m.members.typing = false,
        other => {
            if let Some(nav) = Nav::of(other) {
                let n = m.members.rows.len();
                m.members.cursor.apply(nav, n);
            }
        }
    }
    Vec::new()
}

/// Actions on the Members tab when the search box does not have the focus. An action
/// on a member acts on the one shown, or on the highlighted hit (opened first).
pub(crate) fn action(m: &mut Model, a: Action) -> Vec<Job> {
    if let Some(nav) = Nav::of(a) {
        let n = m.members.rows.len();
        m.members.cursor.apply(nav, n);
        return Vec::new();
    }
    match a {
        Action::Open => return open(m),
        Action::NextField | Action::PrevField => {
            m.members.typing = true;
            m.members.show_detail = false;
        }
        Action::Back => {
            m.members.show_detail = false;
            m.members.revealed = None;
            // Opened from a summary's member list: go back to it.
            if std::mem::take(&mut m.summaries.opened_member) {
                m.tab = Tab::Summaries;
            }
        }
        Action::New => forms::open(m, FormKind::Enrol),
        Action::Edit | Action::Post | Action::Adjust | Action::Reveal => return on_target(m, a),
        Action::Refresh => return refresh(m),
        _ => {}
    }
    Vec::new()
}

/// The search again, the highlight kept on the same member.
fn refresh(m: &mut Model) -> Vec<Job> {
    let query = m.members.query.value().trim().to_string();
    if query.is_empty() {
        return Vec::new();
    }
    let generation = m.next_generation();
    m.search_generation = generation;
    vec![Job::Search { generation, query }]
}

/// Runs `a` on the member shown, or opens the highlighted hit and runs it once loaded.
fn on_target(m: &mut Model, a: Action) -> Vec<Job> {
    let shown = m.members.show_detail.then(|| m.member_id()).flatten();
    let target = shown.or_else(|| m.members.cursor.pick(&m.members.rows).map(|r| r.id));
    let Some(id) = target else { return Vec::new() };
    if m.member_id() == Some(id) && m.members.show_detail {
        return on_member(m, a, id);
    }
    m.pending = Some(Pending { member: id, action: a });
    load(m, id)
}

/// Runs a member action once member `id` is open.
pub(crate) fn on_member(m: &mut Model, a: Action, id: u64) -> Vec<Job> {
    match a {
        Action::Edit => forms::open(m, FormKind::EditMember(id)),
        Action::Post => {
            m.tab = Tab::Points;
            if super::activities::managed(m) {
                forms::open(m, FormKind::RecordActivity(id));
            } else {
                forms::open(m, FormKind::PostStay(id));
            }
        }
        Action::Adjust => forms::open(m, FormKind::Adjust(id)),
        Action::Reveal => return reveal(m),
        _ => {}
    }
    Vec::new()
}

/// Asks for the open member's whole contact data (the worker audits it).
fn reveal(m: &mut Model) -> Vec<Job> {
    let Some(id) = m.member_id().filter(|_| m.members.show_detail) else { return Vec::new() };
    let generation = m.next_generation();
    m.busy += 1;
    let command = Box::new(Command::RevealContact { member: MemberRef::Id(id) });
    vec![Job::Execute { generation, command, reload: None }]
}

/// Shows revealed contact data in the open member's detail, if it is that member.
pub(crate) fn show_contact(m: &mut Model) {
    let (Some(c), Some(d)) = (&m.members.revealed, m.detail.as_mut()) else { return };
    if d.view.card == c.card {
        d.view.email.clone_from(&c.email);
        d.view.phone.clone_from(&c.phone);
        d.member.email.clone_from(&c.email);
        d.member.phone.clone_from(&c.phone);
    }
}

/// A card was read (or typed whole on a list, then Enter): its member opens once found;
/// nothing else changes on the way. A form with typed data stays, with a word.
pub(crate) fn scanned(m: &mut Model, scan: &Scan) -> Vec<Job> {
    if let Some(Popup::Form(f)) = m.popups.last_mut() {
        // The reader's digits went into the focused field: take them out again.
        if let Some(field) = f.fields.get_mut(f.focus).filter(|f| f.is_text()) {
            field.input.remove_before_cursor(scan.typed);
        }
        let dirty = f.dirty;
        if dirty {
            m.say(m.texts.fill("scan.form_open", &[("card", scan.card.clone())]), true);
            return Vec::new();
        }
    }
    if m.tab == Tab::Members && m.members.typing {
        m.members.query.remove_before_cursor(scan.typed);
    }
    // A digit pressed just before the reader (a tab key) joins its burst: the card is
    // the longest valid number the burst ends with.
    let Some(card) = card_in(&scan.card) else {
        m.say(m.texts.fill("scan.not_a_card", &[("card", scan.card.clone())]), true);
        return Vec::new();
    };
    let generation = m.next_generation();
    m.busy += 1;
    m.card_lookup = Some(generation);
    vec![Job::OpenCard { generation, card: card.to_string() }]
}

/// The longest valid card number (8 to 19 digits) that `digits` ends with.
pub(crate) fn card_in(digits: &str) -> Option<&str> {
    (8..=digits.len().min(19))
        .rev()
        .map(|n| &digits[digits.len() - n..])
        .find(|c| frontdesk_core::domain::card::is_valid(c))
}

/// The member of a card lookup is in: show them on the Members tab, whatever was open.
pub(crate) fn card_found(m: &mut Model) {
    m.card_lookup = None;
    m.popups.retain(|p| matches!(p, Popup::Form(f) if f.dirty));
    m.tab = Tab::Members;
    m.members.typing = false;
    m.members.show_detail = true;
    m.members.revealed = None;
    m.summaries.opened_member = false;
}

/// After an enrolment: the new member opens (an edit of the member shown reloads anyway).
pub(crate) fn show_card(m: &mut Model, card: &str) -> Vec<Job> {
    if m.detail.as_ref().is_some_and(|d| d.member.card == card) {
        return Vec::new();
    }
    let generation = m.next_generation();
    m.busy += 1;
    m.card_lookup = Some(generation);
    vec![Job::OpenCard { generation, card: card.to_string() }]
}
