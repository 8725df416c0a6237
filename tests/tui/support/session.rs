//! Operators for the TUI tests: a demo store with an admin and a clerk, and signing in
//! through the sign-in screen.

use super::Driver;
use crossterm::event::KeyCode;
use frontdesk_core::domain::operator::Role;
use frontdesk_service::jobs::{Job, JobResult};
use frontdesk_store::ops::Command;
use frontdesk_store::ops::operator::{NewOperator, pin};
use frontdesk_tui::app::msg::Msg;
use frontdesk_tui::app::session::{Session, SignInForm};

/// PIN of the admin `boss`.
pub const BOSS_PIN: &str = "918273";
/// PIN of the clerk `ana`.
pub const CLERK_PIN: &str = "774411";

impl Driver {
    /// The demo store with the admin `boss` and the clerk `ana`, at the sign-in screen.
    pub fn staffed() -> Driver {
        let mut d = Driver::idle();
        let setup =
            Job::SetUpAdmin { generation: 0, login: "boss".into(), name: "The Boss".into(), pin: BOSS_PIN.into() };
        assert!(signed_in(&d.answers(setup)), "the first admin is created");
        let clerk = NewOperator {
            login: "ana".into(),
            name: "Ana Clerk".into(),
            role: Role::Clerk,
            pin_hash: pin::hash(CLERK_PIN).expect("hash"),
        };
        let _ = d.answers(Job::Execute { generation: 0, command: Box::new(Command::AddOperator(clerk)), reload: None });
        d.model.operators_exist = true;
        d.model.session = Session::Login(SignInForm::default());
        d
    }

    /// Types a login (unless empty: already filled in) and a PIN on the sign-in screen.
    pub fn sign_in(&mut self, login: &str, pin: &str) {
        if !login.is_empty() {
            self.type_str(login);
        }
        self.press(KeyCode::Enter);
        self.type_str(pin);
        self.press(KeyCode::Enter);
    }

    /// Locks the desk and signs in as somebody else.
    pub fn hand_over(&mut self, login: &str, pin: &str) {
        self.ctrl('l');
        self.press(KeyCode::BackTab);
        self.ctrl('u');
        self.sign_in(login, pin);
    }
}

/// Whether the answers include a successful sign-in.
pub fn signed_in(answers: &[Msg]) -> bool {
    answers.iter().any(|m| matches!(m, Msg::Done(d) if matches!(d.result, JobResult::SignedIn(Ok(_)))))
}
