//! The transition function: keys, pastes and worker answers in; jobs out.

use super::action::Action;
use super::forms::{self, FormKind};
use super::msg::{Job, Msg};
use super::session::{self, Session};
use super::{Model, Popup, Tab, complaints, members, office, points, rewards, summaries};
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
            if m.session != Session::Open {
                return session::key(m, &k);
            }
            key(m, &k)
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
    if m.session != Session::Open {
        // A PIN is typed, never pasted from somebody else's clipboard.
        return Vec::new();
    }
    if let Some(Popup::Form(f)) = m.popups.last_mut() {
        f.paste(text);
        return Vec::new();
    }
    if m.tab == Tab::Members && m.popups.is_empty() && m.welcome.is_none() {
        m.members.typing = true;
        m.members.query.insert_str(text);
        return members::search(m);
    }
    Vec::new()
}

fn key(m: &mut Model, k: &KeyEvent) -> Vec<Job> {
    if !m.popups.is_empty() {
        return popup_key(m, k);
    }
    if m.welcome.is_some() {
        return welcome_key(m, k);
    }
    if m.tab == Tab::Members && m.members.typing && k.modifiers.contains(KeyModifiers::ALT) {
        // Terminals send Esc followed quickly by a key as Alt+key (crossterm has no Esc
        // timeout): leave the search box, then act on the key itself.
        m.members.typing = false;
        let plain = KeyEvent::new(k.code, k.modifiers - KeyModifiers::ALT);
        return key(m, &plain);
    }
    if m.tab == Tab::Members
        && m.members.typing
        && let Some(jobs) = members::typing_key(m, k)
    {
        return jobs;
    }
    let Some(action) = m.keymap.action(k) else { return Vec::new() };
    match action {
        Action::Quit => {
            m.quit = true;
            Vec::new()
        }
        Action::Help => {
            m.popups.push(Popup::Help);
            Vec::new()
        }
        Action::Tab(n) => switch_tab(m, n),
        Action::Lock => {
            session::lock(m);
            Vec::new()
        }
        other => match m.tab {
            Tab::Members => members::action(m, other),
            Tab::Points => points::action(m, other),
            Tab::Rewards => rewards::action(m, other),
            Tab::Complaints => complaints::action(m, other),
            Tab::Summaries => summaries::action(m, other),
            Tab::Office => office::action(m, other),
        },
    }
}

/// Jobs to run when the UI starts.
pub fn startup(m: &mut Model) -> Vec<Job> {
    // The worker reads every member into its search index before it takes jobs (seconds
    // at a million members): say so until it reports `Ready`.
    m.busy += 1;
    m.say(m.t("status.indexing"), false);
    if m.welcome.is_some() || m.session != Session::Open { Vec::new() } else { complaints::load(m) }
}

fn switch_tab(m: &mut Model, n: u8) -> Vec<Job> {
    let Some(tab) = Tab::ALL.get(usize::from(n.saturating_sub(1))).copied() else { return Vec::new() };
    m.tab = tab;
    m.summaries.opened_member = false;
    match tab {
        Tab::Rewards => rewards::load(m),
        Tab::Complaints => complaints::load(m),
        Tab::Summaries if m.summaries.list.is_some() => Vec::new(),
        Tab::Summaries => summaries::reload(m),
        Tab::Office => office::load(m),
        _ => Vec::new(),
    }
}

fn is_yes(k: &KeyEvent) -> bool {
    matches!(k.code, KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter)
}

fn is_no(k: &KeyEvent) -> bool {
    matches!(k.code, KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc)
}

fn popup_key(m: &mut Model, k: &KeyEvent) -> Vec<Job> {
    let Some(top) = m.popups.pop() else { return Vec::new() };
    match top {
        Popup::Help => {
            // Any of help, back or quit closes the overlay; other keys leave it open.
            if !matches!(m.keymap.action(k), Some(Action::Help | Action::Back | Action::Quit)) {
                m.popups.push(Popup::Help);
            }
            Vec::new()
        }
        Popup::QuitConfirm => {
            if is_yes(k) {
                m.quit = true;
            } else if !is_no(k) {
                m.popups.push(Popup::QuitConfirm);
            }
            Vec::new()
        }
        Popup::DiscardConfirm => {
            if is_yes(k) {
                m.popups.pop();
            } else if !is_no(k) {
                m.popups.push(Popup::DiscardConfirm);
            }
            Vec::new()
        }
        Popup::Confirm(c) => {
            if is_yes(k) {
                let generation = m.next_generation();
                m.busy += 1;
                m.say(m.t("status.saving"), false);
                vec![Job::Execute { generation, command: Box::new(c.command), reload: c.reload }]
            } else {
                if !is_no(k) {
                    m.popups.push(Popup::Confirm(c));
                }
                Vec::new()
            }
        }
        Popup::Form(mut form) => {
            let ctrl_c = k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
            let action = m.keymap.action(k);
            match (action, k.code) {
                _ if ctrl_c => {
                    m.popups.push(Popup::Form(form));
                    m.popups.push(Popup::QuitConfirm);
                }
                (Some(Action::Back), _) => {
                    let dirty = form.dirty;
                    m.popups.push(Popup::Form(form));
                    if dirty {
                        m.popups.push(Popup::DiscardConfirm);
                    } else {
                        m.popups.pop();
                    }
                }
                (Some(Action::NextField), _) | (_, KeyCode::Down) => {
                    form.move_focus(1);
                    m.popups.push(Popup::Form(form));
                }
                (Some(Action::PrevField), _) | (_, KeyCode::Up) => {
                    form.move_focus(-1);
                    m.popups.push(Popup::Form(form));
                }
                (Some(Action::Submit), _) | (_, KeyCode::Enter) => {
                    let last = form.focus + 1 == form.fields.len();
                    if action == Some(Action::Submit) || last {
                        return submit(m, form);
                    } else {
                        form.move_focus(1);
                        m.popups.push(Popup::Form(form));
                    }
                }
                _ => {
                    form.handle_key(k);
                    m.popups.push(Popup::Form(form));
                }
            }
            Vec::new()
        }
    }
}

fn submit(m: &mut Model, mut form: super::input::Form<FormKind>) -> Vec<Job> {
    let ok = forms::check(m, &mut form);
    if !ok {
        if let Some(i) = form.fields.iter().position(|f| f.error.is_some()) {
            form.focus = i;
        }
        m.popups.push(Popup::Form(form));
        return Vec::new();
    }
    if form.kind == FormKind::ComplaintFilter {
        // Narrowing a list writes nothing: apply it at once.
        return complaints::narrow(m, &form);
    }
    if form.kind == FormKind::ImportFile {
        // Re-running an import changes nothing (idempotent by reference): no confirmation.
        let generation = m.next_generation();
        m.busy += 1;
        m.say(m.t("welcome.importing"), false);
        if let Some(w) = m.welcome.as_mut() {
            w.building = true;
        }
        let mapping =
            Some(form.get("field.mapping").to_string()).filter(|s| !s.is_empty()).map(std::path::PathBuf::from);
        return vec![Job::Import {
            generation,
            file: std::path::PathBuf::from(form.get("field.file")),
            kind: form.get("field.kind").to_string(),
            mapping,
        }];
    }
    let confirm = forms::confirm(m, &form);
    // Sent after the member is saved (see `residence::follow_up`).
    m.pending_residence = super::residence::read(m, &form).and_then(Result::ok);
    m.popups.push(Popup::Form(form));
    let mut jobs = Vec::new();
    if let Some(mut c) = confirm {
        jobs = super::promotions::request_preview(m, &mut c);
        m.popups.push(Popup::Confirm(c));
    }
    jobs
}

fn welcome_key(m: &mut Model, k: &KeyEvent) -> Vec<Job> {
    let Some(w) = m.welcome.as_mut() else { return Vec::new() };
    if w.building {
        return Vec::new();
    }
    match (m.keymap.action(k), k.code) {
        (Some(Action::Up), _) | (_, KeyCode::Up) => w.selected = w.selected.saturating_sub(1),
        (Some(Action::Down), _) | (_, KeyCode::Down) => w.selected = (w.selected + 1).min(2),
        (Some(Action::Quit), _) => m.quit = true,
        (Some(Action::Open), _) => {
            if w.selected == 0 {
                w.building = true;
                let generation = m.next_generation();
                m.busy += 1;
                m.say(m.t("welcome.building"), false);
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
