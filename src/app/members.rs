//! Members tab: search as you type, open a member, enrol and edit.

use super::action::Action;
use super::forms::{self, FormKind};
use super::msg::Job;
use super::{Model, Tab};
use crate::ops::{Command, MemberRef};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Starts a search for the current query (or clears the list when it is empty).
pub fn search(m: &mut Model) -> Vec<Job> {
    let query = m.members.query.value.trim().to_string();
    let generation = m.next_generation();
    m.search_generation = generation;
    m.members.selected = 0;
    if query.is_empty() {
        m.members.rows.clear();
        return Vec::new();
    }
    vec![Job::Search { generation, query }]
}

/// Loads the highlighted member.
pub fn open(m: &mut Model) -> Vec<Job> {
    let Some(row) = m.members.rows.get(m.members.selected) else { return Vec::new() };
    let id = row.id;
    m.members.show_detail = true;
    m.members.typing = false;
    m.members.revealed = None;
    let generation = m.next_generation();
    m.busy += 1;
    vec![Job::LoadMember { generation, id }]
}

fn move_selection(m: &mut Model, step: isize) {
    let n = m.members.rows.len();
    if n > 0 {
        m.members.selected = (m.members.selected as isize + step).clamp(0, n as isize - 1) as usize;
    }
}

/// Keys while the search box has focus; `None` lets the keymap handle the key.
pub fn typing_key(m: &mut Model, k: &KeyEvent) -> Option<Vec<Job>> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    match k.code {
        KeyCode::Esc | KeyCode::Tab => {
            m.members.typing = false;
            Some(Vec::new())
        }
        KeyCode::Enter => Some(open(m)),
        KeyCode::Up => {
            move_selection(m, -1);
            Some(Vec::new())
        }
        KeyCode::Down => {
            move_selection(m, 1);
            Some(Vec::new())
        }
        KeyCode::Char('c') if ctrl => None,
        _ => {
            let before = m.members.query.value.clone();
            if !m.members.query.handle(k) {
                return None;
            }
            m.members.show_detail = false;
            Some(if m.members.query.value != before { search(m) } else { Vec::new() })
        }
    }
}

/// Actions on the Members tab when the search box does not have focus.
pub fn action(m: &mut Model, a: Action) -> Vec<Job> {
    match a {
        Action::Search => {
            m.members.typing = true;
            m.members.show_detail = false;
        }
        Action::Up => move_selection(m, -1),
        Action::Down => move_selection(m, 1),
        Action::PageUp => move_selection(m, -10),
        Action::PageDown => move_selection(m, 10),
        Action::Open => return open(m),
        Action::Back => {
            if m.members.show_detail {
                m.members.show_detail = false;
                m.members.revealed = None;
                // Opened from a summary's member list: go back to it.
                if std::mem::take(&mut m.summaries.opened_member) {
                    m.tab = Tab::Summaries;
                }
            } else {
                m.members.typing = true;
            }
        }
        Action::New => forms::open(m, FormKind::Enrol),
        Action::Edit => {
            if let Some(id) = m.member_id() {
                forms::open(m, FormKind::EditMember(id));
            }
        }
        Action::Post => {
            if let Some(id) = m.member_id() {
                m.tab = Tab::Points;
                forms::open(m, FormKind::PostStay(id));
            }
        }
        Action::Adjust => {
            if let Some(id) = m.member_id() {
                forms::open(m, FormKind::Adjust(id));
            }
        }
        Action::Refresh => return search(m),
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
pub fn show_contact(m: &mut Model) {
    let (Some(c), Some(d)) = (&m.members.revealed, m.detail.as_mut()) else { return };
    if d.view.card == c.card {
        d.view.email.clone_from(&c.email);
        d.view.phone.clone_from(&c.phone);
        d.member.email.clone_from(&c.email);
        d.member.phone.clone_from(&c.phone);
    }
}
