//! Who is at the desk: the setup screen of a fresh store (its first administrator), the
//! sign-in screen once operators exist, and the lock after the desk was left idle.
//!
//! PINs are checked by the worker (Argon2 takes tens of milliseconds on purpose); this
//! module only collects what is typed and reacts to the answer.

use super::input::TextInput;
use super::msg::Job;
use super::{Model, complaints};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use frontdesk_core::domain::operator::{Actor, check_pin, normalise_login};
use frontdesk_core::i18n::Fault;
use frontdesk_core::i18n::errors::DeskSays;

/// What the desk shows before the panels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Session {
    /// Signed in, or the store has no operators.
    Open,
    /// A fresh store: create its first administrator (Esc continues without operators).
    Setup(SignInForm),
    /// Operators exist: sign in.
    Login(SignInForm),
    /// Locked after idling (or on request); the same or another operator signs in.
    Locked(SignInForm),
}

/// The fields of the setup, sign-in and lock screens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignInForm {
    /// Login name.
    pub login: TextInput,
    /// Name shown to people (setup only).
    pub name: TextInput,
    /// PIN, drawn as dots.
    pub pin: TextInput,
    /// PIN again (setup only).
    pub pin_again: TextInput,
    /// Field with the cursor, in [`SignInForm::fields`] order.
    pub focus: usize,
    /// Waiting for the worker to check the PIN.
    pub waiting: bool,
    /// Why the last attempt failed.
    pub error: Option<String>,
}

/// One field of a sign-in form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Login,
    Name,
    Pin,
    PinAgain,
}

impl Field {
    /// Catalogue key of the label.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Field::Login => "session.login",
            Field::Name => "session.name",
            Field::Pin => "session.pin",
            Field::PinAgain => "session.pin_again",
        }
    }

    /// Whether the value is drawn as dots.
    pub(crate) fn secret(self) -> bool {
        matches!(self, Field::Pin | Field::PinAgain)
    }
}

impl SignInForm {
    /// A form with the login filled in and the cursor on the PIN (on the login when there
    /// is none to fill in).
    pub(crate) fn for_login(login: &str) -> SignInForm {
        let focus = usize::from(!login.is_empty());
        SignInForm { login: TextInput::with(login), focus, ..SignInForm::default() }
    }

    /// The input of a field.
    pub(crate) fn input(&self, f: Field) -> &TextInput {
        match f {
            Field::Login => &self.login,
            Field::Name => &self.name,
            Field::Pin => &self.pin,
            Field::PinAgain => &self.pin_again,
        }
    }

    fn input_mut(&mut self, f: Field) -> &mut TextInput {
        match f {
            Field::Login => &mut self.login,
            Field::Name => &mut self.name,
            Field::Pin => &mut self.pin,
            Field::PinAgain => &mut self.pin_again,
        }
    }
}

impl Session {
    /// The fields the screen shows, in order.
    pub(crate) fn fields(&self) -> &'static [Field] {
        match self {
            Session::Setup(_) => &[Field::Login, Field::Name, Field::Pin, Field::PinAgain],
            _ => &[Field::Login, Field::Pin],
        }
    }

    /// The form, unless the session is open.
    pub fn form(&self) -> Option<&SignInForm> {
        match self {
            Session::Open => None,
            Session::Setup(f) | Session::Login(f) | Session::Locked(f) => Some(f),
        }
    }

    fn form_mut(&mut self) -> Option<&mut SignInForm> {
        match self {
            Session::Open => None,
            Session::Setup(f) | Session::Login(f) | Session::Locked(f) => Some(f),
        }
    }
}

/// Handles a key while the setup, sign-in or lock screen is up.
pub(crate) fn key(m: &mut Model, k: &KeyEvent) -> Vec<Job> {
    if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
        // Quitting never needs a PIN; typed form data behind a lock is kept only in memory
        // and would be lost anyway with the process.
        m.quit = true;
        return Vec::new();
    }
    let fields = m.session.fields();
    let setup = matches!(m.session, Session::Setup(_));
    let Some(form) = m.session.form_mut() else { return Vec::new() };
    if form.waiting {
        return Vec::new();
    }
    let last = fields.len() - 1;
    match k.code {
        KeyCode::Esc if setup => {
            m.session = Session::Open;
            m.say(m.t("session.no_operators"), false);
            return first_loads(m);
        }
        KeyCode::Tab | KeyCode::Down => form.focus = (form.focus + 1).min(last),
        KeyCode::BackTab | KeyCode::Up => form.focus = form.focus.saturating_sub(1),
        KeyCode::Enter if form.focus < last => form.focus += 1,
        KeyCode::Enter => return submit(m),
        _ => {
            let field = fields[form.focus.min(last)];
            let typed = form.input_mut(field).handle(k);
            if typed {
                form.error = None;
            }
        }
    }
    Vec::new()
}

fn submit(m: &mut Model) -> Vec<Job> {
    let setup = matches!(m.session, Session::Setup(_));
    let generation = m.next_generation();
    let Some(form) = m.session.form_mut() else { return Vec::new() };
    let login = form.login.value().trim().to_string();
    let pin = form.pin.value().to_string();
    let problem: Option<Fault> = if setup {
        normalise_login(&login)
            .err()
            .map(Fault::from)
            .or_else(|| form.name.value().trim().is_empty().then(|| DeskSays::GiveName.into()))
            .or_else(|| check_pin(&pin).err().map(Fault::from))
            .or_else(|| (pin != form.pin_again.value()).then(|| DeskSays::PinsDiffer.into()))
    } else {
        login.is_empty().then(|| DeskSays::GiveLogin.into())
    };
    if let Some(p) = problem {
        form.error = Some(m.texts.say(&p));
        form.pin.clear();
        form.pin_again = TextInput::default();
        return Vec::new();
    }
    form.waiting = true;
    form.error = None;
    let name = form.name.value().trim().to_string();
    m.busy += 1;
    if setup {
        vec![Job::SetUpAdmin { generation, login, name, pin }]
    } else {
        vec![Job::SignIn { generation, login, pin }]
    }
}

/// The worker's answer to a sign-in or setup.
pub(crate) fn signed_in(m: &mut Model, result: Result<Actor, Fault>) -> Vec<Job> {
    let result = result.map_err(|e| m.texts.say(&e));
    let Some(form) = m.session.form_mut() else { return Vec::new() };
    match result {
        Err(e) => {
            form.waiting = false;
            form.error = Some(e);
            form.pin = TextInput::default();
            form.pin_again = TextInput::default();
            form.focus = 1.min(form.focus);
            Vec::new()
        }
        Ok(actor) => {
            let was_locked = matches!(m.session, Session::Locked(_));
            if was_locked && actor.name != m.operator {
                // Another operator takes over the desk: nothing of the last guest stays on
                // screen, and half-typed forms were the other operator's.
                clear_guest_data(m);
            }
            m.operator = actor.name.clone();
            m.role = actor.role;
            m.operators_exist = true;
            m.last_input = m.now;
            m.session = Session::Open;
            let role = m.role_name(actor.role);
            m.say(m.texts.fill("session.welcome", &[("login", actor.name), ("role", role)]), false);
            if was_locked { Vec::new() } else { first_loads(m) }
        }
    }
}

/// Locks the desk when operators exist; the signed-in login is filled in.
pub(crate) fn lock(m: &mut Model) {
    if m.operators_exist && m.session == Session::Open {
        // The last message may name a guest.
        m.message = None;
        m.session = Session::Locked(SignInForm::for_login(&m.operator));
    }
}

/// Locks the desk once it has been idle for the configured time.
pub(crate) fn tick(m: &mut Model, now: i64) {
    m.now = now;
    let idle_ms = m.config.operators.idle_lock_minutes.saturating_mul(60_000);
    if idle_ms > 0 && now.saturating_sub(m.last_input) >= idle_ms {
        lock(m);
    }
}

/// The loads that start the desk once somebody may see it.
fn first_loads(m: &mut Model) -> Vec<Job> {
    if m.welcome.is_some() { Vec::new() } else { complaints::load(m) }
}

fn clear_guest_data(m: &mut Model) {
    m.popups.clear();
    m.detail = None;
    m.members.rows.clear();
    m.members.query = TextInput::default();
    m.members.show_detail = false;
    m.members.typing = true;
    m.complaints.open = None;
    m.pending = None;
    // The messages may name guests.
    m.log.clear();
}

/// The store has operators now (added from another terminal) and nobody signed in here:
/// the desk locks at once and asks who is at it; nothing of what was open stays.
pub(crate) fn required(m: &mut Model) -> Vec<Job> {
    if matches!(m.session, Session::Login(_) | Session::Locked(_)) {
        return Vec::new();
    }
    clear_guest_data(m);
    m.operators_exist = true;
    m.message = None;
    m.session = Session::Login(SignInForm::default());
    let why = m.t("session.operators_added");
    if let Some(f) = m.session.form_mut() {
        f.error = Some(why);
    }
    Vec::new()
}
