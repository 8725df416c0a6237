//! The transition function: keys, pastes, card reads and worker answers in; jobs out.
//! A key goes where the focus is (`focus.rs`): a text field types it, a question takes
//! its answers, a list or panel takes the actions it offers (`commands.rs`).

use super::action::{Action, Scope};
use super::focus::Focus;
use super::forms::{self, FormKind};
use super::msg::{Job, Msg};
use super::scan::Scan;
use super::session::{self, Session};
use super::{Model, Popup, Tab, commands, complaints, confirm, members, office, points, rewards, summaries};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Applies one message; returns the work it asks for.
pub fn update(m: &mut Model, msg: Msg) -> Vec<Job> {
    match msg {
        Msg::Resize(w, h) => {
            m.size = (w, h);
            Vec::new()
        }
        Msg::Paste(text) => paste(m, &text),
        Msg::Done(done) => {
            m.busy = m.busy.saturating_sub(1);
            super::answers::finished(m, done)
        }
        Msg::Key(k) if k.kind == KeyEventKind::Release => Vec::new(),
        Msg::Key(k) => {
            m.last_input = m.now;
            key(m, &k)
        }
        Msg::Scan(scan) => {
            m.last_input = m.now;
            members::scanned(m, &scan)
        }
        Msg::Tick(now) => {
            session::tick(m, now);
            Vec::new()
        }
        Msg::Server(event) => super::served::event(m, event),
    }
}

fn paste(m: &mut Model, text: &str) -> Vec<Job> {
    m.last_input = m.now;
    match m.focus() {
        // A PIN is typed, never pasted from somebody else's clipboard.
        Focus::Session | Focus::TooSmall => Vec::new(),
        Focus::Form { .. } => {
            if let Some(Popup::Form(f)) = m.popups.last_mut() {
                f.paste(text);
            }
            Vec::new()
        }
        Focus::Search => {
            m.members.query.insert_str(text);
            members::search(m)
        }
        Focus::List if m.tab == Tab::Members => {
            m.members.typing = true;
            m.members.show_detail = false;
            m.members.query.insert_str(text);
            members::search(m)
        }
        _ => Vec::new(),
    }
}

fn is_ctrl_c(k: &KeyEvent) -> bool {
    k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL)
}

fn key(m: &mut Model, k: &KeyEvent) -> Vec<Job> {
    let focus = m.focus();
    if is_ctrl_c(k) && !matches!(focus, Focus::Session) {
        quit(m);
        return Vec::new();
    }
    // Digits typed one by one on a list may be a card number, ended by Enter.
    if focus != Focus::List || !(is_digit(k) || k.code == KeyCode::Enter) {
        m.digits.clear();
    }
    match focus {
        // Nothing is drawn but the notice: nothing else is taken.
        Focus::TooSmall => Vec::new(),
        Focus::Session => session::key(m, k),
        Focus::Overlay => overlay_key(m, k),
        Focus::Confirm => match m.keymap.action(Scope::Confirm, k) {
            Some(a) => confirm::answer(m, a),
            None => Vec::new(),
        },
        Focus::Form { .. } => form_key(m, k),
        Focus::Welcome => welcome_key(m, k),
        Focus::Search => search_key(m, k),
        Focus::List => list_key(m, k),
    }
}

/// Quits, asking first when a form holds typed data.
fn quit(m: &mut Model) {
    if m.has_unsaved_input() {
        if !matches!(m.popups.last(), Some(Popup::QuitConfirm)) {
            m.popups.push(Popup::QuitConfirm);
        }
    } else {
        m.quit = true;
    }
}

fn overlay_key(m: &mut Model, k: &KeyEvent) -> Vec<Job> {
    let action = m.keymap.action(Scope::Overlay, k).or_else(|| m.keymap.action_in(Scope::Global, k));
    let messages = matches!(m.popups.last(), Some(Popup::Messages));
    match action {
        Some(Action::Back | Action::Help | Action::Quit) => {
            m.popups.pop();
        }
        Some(Action::Messages) if messages => {
            m.popups.pop();
        }
        Some(a) if messages => {
            if let Some(nav) = super::action::Nav::of(a) {
                let n = m.log.len();
                m.log.cursor.apply(nav, n);
            }
        }
        _ => {}
    }
    Vec::new()
}

fn form_key(m: &mut Model, k: &KeyEvent) -> Vec<Job> {
    let Some(Popup::Form(mut form)) = m.popups.pop() else { return Vec::new() };
    if form.handle_key(k) {
        m.popups.push(Popup::Form(form));
        return Vec::new();
    }
    let last = form.focus + 1 == form.fields.len();
    match m.keymap.action(Scope::Form, k) {
        Some(Action::Back) => {
            let dirty = form.dirty;
            m.popups.push(Popup::Form(form));
            if dirty {
                m.popups.push(Popup::DiscardConfirm);
            } else {
                m.popups.pop();
            }
            Vec::new()
        }
        Some(Action::NextField | Action::Down) => {
            form.move_focus(1);
            m.popups.push(Popup::Form(form));
            Vec::new()
        }
        Some(Action::PrevField | Action::Up) => {
            form.move_focus(-1);
            m.popups.push(Popup::Form(form));
            Vec::new()
        }
        Some(Action::Submit) => forms::submit(m, form),
        // Enter moves on; on the last field it checks the form (nothing is written
        // before the confirmation's yes).
        _ if k.code == KeyCode::Enter && last => forms::submit(m, form),
        _ if k.code == KeyCode::Enter => {
            form.move_focus(1);
            m.popups.push(Popup::Form(form));
            Vec::new()
        }
        Some(other) => {
            m.popups.push(Popup::Form(form));
            global(m, other)
        }
        None => {
            m.popups.push(Popup::Form(form));
            Vec::new()
        }
    }
}

fn search_key(m: &mut Model, k: &KeyEvent) -> Vec<Job> {
    if k.modifiers.contains(KeyModifiers::ALT) {
        // Terminals send Esc followed quickly by a key as Alt+key (crossterm has no Esc
        // timeout): leave the search box, then act on the key itself.
        m.members.typing = false;
        let plain = KeyEvent::new(k.code, k.modifiers - KeyModifiers::ALT);
        return list_key(m, &plain);
    }
    if let Some(jobs) = members::typing_key(m, k) {
        return jobs;
    }
    match m.keymap.action(Scope::Search, k) {
        Some(a) if a.scopes().contains(&Scope::Global) => global(m, a),
        Some(a) => members::search_action(m, a),
        None => Vec::new(),
    }
}

fn is_digit(k: &KeyEvent) -> bool {
    matches!(k.code, KeyCode::Char(c) if c.is_ascii_digit()) && k.modifiers.is_empty()
}

fn list_key(m: &mut Model, k: &KeyEvent) -> Vec<Job> {
    if let KeyCode::Char(c) = k.code
        && is_digit(k)
    {
        m.digits.push(c);
    }
    if k.code == KeyCode::Enter {
        let typed = std::mem::take(&mut m.digits);
        // A whole card number typed on a list (after, perhaps, the digit of a tab), then
        // Enter: open that member, do not act on the highlighted row.
        let card = (8..=typed.len().min(19))
            .rev()
            .map(|n| &typed[typed.len() - n..])
            .find(|c| frontdesk_core::domain::card::is_valid(c));
        if let Some(card) = card {
            return members::scanned(m, &Scan { card: card.to_string(), typed: 0 });
        }
    }
    let Some(action) = m.keymap.action(Scope::List, k) else { return Vec::new() };
    if action.scopes().contains(&Scope::Global) {
        return global(m, action);
    }
    match commands::find(m, action) {
        Some(offer) => match offer.blocked {
            Some(reason) => {
                m.say(reason, true);
                Vec::new()
            }
            None => panel_action(m, action),
        },
        None => Vec::new(),
    }
}

fn panel_action(m: &mut Model, action: Action) -> Vec<Job> {
    match m.tab {
        Tab::Members => members::action(m, action),
        Tab::Points => points::action(m, action),
        Tab::Rewards => rewards::action(m, action),
        Tab::Complaints => complaints::action(m, action),
        Tab::Summaries => summaries::action(m, action),
        Tab::Office => office::action(m, action),
    }
}

/// The actions that work wherever a panel, the search box or a form has the focus.
fn global(m: &mut Model, action: Action) -> Vec<Job> {
    match action {
        Action::Quit => quit(m),
        Action::Help => m.popups.push(Popup::Help),
        Action::Messages => {
            m.log.cursor.reset();
            m.popups.push(Popup::Messages);
        }
        Action::Lock => session::lock(m),
        Action::Tab(n) if m.popups.is_empty() => return switch_tab(m, n),
        Action::Search if m.popups.is_empty() => return members::new_search(m),
        Action::Refresh if m.popups.is_empty() => return panel_action(m, Action::Refresh),
        _ => {}
    }
    Vec::new()
}

/// Jobs to run when the UI starts.
pub fn startup(m: &mut Model) -> Vec<Job> {
    // The worker reads every member into its search index before it takes jobs (seconds
    // at a million members): say so until it reports `Ready`.
    m.busy += 1;
    // A warning given at start (the store's files are open) keeps the line.
    let warning = m.message.as_ref().is_some_and(|msg| msg.error);
    if m.session == Session::Open && !warning {
        m.say_passing(m.t("status.indexing"));
    }
    if m.welcome.is_some() || m.session != Session::Open { Vec::new() } else { complaints::load(m) }
}

/// Goes to tab `n` (1–6) and loads what it shows.
pub(crate) fn switch_tab(m: &mut Model, n: u8) -> Vec<Job> {
    let Some(tab) = Tab::ALL.get(usize::from(n.saturating_sub(1))).copied() else { return Vec::new() };
    m.tab = tab;
    m.summaries.opened_member = false;
    match tab {
        Tab::Rewards => rewards::load(m),
        Tab::Complaints => complaints::enter(m),
        Tab::Summaries if m.summaries.list.is_some() => Vec::new(),
        Tab::Summaries => summaries::reload(m),
        Tab::Office => office::load(m),
        Tab::Members | Tab::Points => Vec::new(),
    }
}

fn welcome_key(m: &mut Model, k: &KeyEvent) -> Vec<Job> {
    let Some(w) = m.welcome.as_mut() else { return Vec::new() };
    if w.building {
        return Vec::new();
    }
    match m.keymap.action(Scope::List, k) {
        Some(Action::Up) => w.selected = w.selected.saturating_sub(1),
        Some(Action::Down) => w.selected = (w.selected + 1).min(2),
        Some(Action::Quit) => m.quit = true,
        Some(Action::Open) => {
            if w.selected == 0 {
                w.building = true;
                let generation = m.next_generation();
                m.busy += 1;
                m.say_passing(m.t("welcome.building"));
                return vec![Job::BuildDemo { generation, members: 2_000 }];
            }
            if w.selected == 1 {
                forms::open(m, FormKind::ImportFile);
                return Vec::new();
            }
            m.welcome = None;
        }
        _ => {}
    }
    Vec::new()
}
