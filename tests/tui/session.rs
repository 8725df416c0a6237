//! The TUI's setup, sign-in and idle-lock screens through `update` and the worker (real
//! store, fixed clock), with snapshots at 80×24.

use crate::support;

use crate::support::session::{BOSS_PIN, CLERK_PIN};
use crate::support::{Driver, now, plain};
use crossterm::event::KeyCode;
use frontdesk_core::domain::operator::Role;
use frontdesk_core::i18n::Lang;
use frontdesk_tui::app::msg::Msg;
use frontdesk_tui::app::session::{Session, SignInForm};

fn form(d: &Driver) -> &SignInForm {
    d.model.session.form().expect("a sign-in screen")
}

fn snap(d: &mut Driver, name: &str) {
    let text = d.render(80, 24, &plain());
    insta::assert_snapshot!(name, text);
}

#[test]
fn a_fresh_store_creates_its_first_admin_then_shows_the_welcome_screen() {
    let mut d = Driver::empty(Lang::En);
    d.model.session = Session::Setup(SignInForm::default());
    snap(&mut d, "session_setup");
    d.type_str("Boss");
    d.press(KeyCode::Enter);
    d.type_str("The Boss");
    d.press(KeyCode::Enter);
    d.type_str("1234");
    d.press(KeyCode::Enter);
    d.type_str("4321");
    d.press(KeyCode::Enter);
    assert!(form(&d).error.as_deref().is_some_and(|e| e.contains("differ")), "{:?}", form(&d).error);
    assert!(form(&d).pin.value().is_empty(), "PINs are cleared after a mistake");
    snap(&mut d, "session_setup_pins_differ");
    d.press(KeyCode::BackTab);
    d.type_str(BOSS_PIN);
    d.press(KeyCode::Enter);
    d.type_str(BOSS_PIN);
    d.press(KeyCode::Enter);
    assert_eq!(d.model.session, Session::Open);
    assert_eq!((d.model.operator.as_str(), d.model.role), ("boss", Role::Admin));
    assert!(d.model.operators_exist);
    assert!(d.model.welcome.is_some(), "the empty store goes on to the welcome screen");
}

#[test]
fn esc_on_setup_continues_without_operators() {
    let mut d = Driver::empty(Lang::En);
    d.model.session = Session::Setup(SignInForm::default());
    d.press(KeyCode::Esc);
    assert_eq!(d.model.session, Session::Open);
    assert!(!d.model.operators_exist);
    assert!(d.model.message.as_ref().is_some_and(|m| m.text.contains("No operators")));
}

#[test]
fn a_wrong_pin_is_refused_and_counted_then_the_right_one_signs_in_with_the_stored_role() {
    let mut d = Driver::staffed();
    snap(&mut d, "session_login");
    d.sign_in("ana", "000000");
    let error = form(&d).error.clone().unwrap_or_default();
    assert!(error.contains("wrong PIN") && error.contains("4 more"), "{error}");
    assert!(form(&d).pin.value().is_empty());
    snap(&mut d, "session_login_wrong_pin");
    d.type_str(CLERK_PIN);
    d.press(KeyCode::Enter);
    assert_eq!(d.model.session, Session::Open);
    assert_eq!((d.model.operator.as_str(), d.model.role), ("ana", Role::Clerk));
}

#[test]
fn repeated_wrong_pins_lock_the_operator_out_even_with_the_right_pin() {
    let mut d = Driver::staffed();
    d.type_str("ana");
    d.press(KeyCode::Enter);
    for _ in 0..5 {
        d.type_str("000000");
        d.press(KeyCode::Enter);
    }
    d.type_str(CLERK_PIN);
    d.press(KeyCode::Enter);
    let error = form(&d).error.clone().unwrap_or_default();
    assert!(error.contains("locked out"), "{error}");
    assert_ne!(d.model.session, Session::Open);
}

#[test]
fn the_desk_locks_when_idle_and_the_same_operator_resumes_where_they_were() {
    let mut d = Driver::staffed();
    d.sign_in("ana", CLERK_PIN);
    d.press(KeyCode::Char('n'));
    d.type_str("Walk In");
    assert!(d.top().is_some(), "the enrol form is open");
    let start = now().timestamp_millis();
    d.send(Msg::Tick(start + 4 * 60_000));
    assert_eq!(d.model.session, Session::Open, "not yet: 5 minutes by default");
    d.send(Msg::Tick(start + 5 * 60_000));
    assert!(matches!(d.model.session, Session::Locked(_)));
    assert_eq!(form(&d).login.value(), "ana", "the login is filled in");
    snap(&mut d, "session_locked");
    d.press(KeyCode::Char('x'));
    assert!(d.top().is_some(), "keys go to the lock screen, not the form behind it");
    d.ctrl('u');
    d.type_str(CLERK_PIN);
    d.press(KeyCode::Enter);
    assert_eq!(d.model.session, Session::Open);
    assert!(d.form().dirty, "the half-typed enrolment is still there");
}

#[test]
fn another_operator_taking_over_a_locked_desk_sees_nothing_of_the_last_guest() {
    let mut d = Driver::staffed();
    d.sign_in("ana", CLERK_PIN);
    let _ = d.open_busy();
    assert!(d.model.detail.is_some());
    d.ctrl('l');
    assert!(matches!(d.model.session, Session::Locked(_)), "ctrl-l locks at once");
    d.press(KeyCode::BackTab);
    d.ctrl('u');
    d.sign_in("boss", BOSS_PIN);
    assert_eq!((d.model.operator.as_str(), d.model.role), ("boss", Role::Admin));
    assert!(d.model.detail.is_none() && d.model.members.rows.is_empty() && d.top().is_none());
}

#[test]
fn without_operators_the_desk_never_locks() {
    let mut d = Driver::idle();
    d.ctrl('l');
    d.send(Msg::Tick(now().timestamp_millis() + 24 * 3_600_000));
    assert_eq!(d.model.session, Session::Open);
}

#[test]
fn the_worker_runs_nothing_but_a_sign_in_until_somebody_signs_in() {
    use frontdesk_core::clock::FixedClock;
    use frontdesk_core::domain::operator::Actor;
    use frontdesk_service::jobs::{Done, Job, JobResult};
    use frontdesk_store::ops::operator::{NewOperator, pin};
    use frontdesk_store::ops::{Command, Ctx};
    use frontdesk_store::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "test").unwrap();
    let config = support::config();
    let ctx = Ctx { config: &config, actor: Actor::system(), now: now().timestamp_millis(), today: support::today() };
    let boss = NewOperator {
        login: "boss".into(),
        name: "Boss".into(),
        role: Role::Admin,
        pin_hash: pin::hash(BOSS_PIN).unwrap(),
    };
    frontdesk_store::ops::execute(&store, &ctx, &Command::AddOperator(boss)).unwrap();
    let clock = Box::new(FixedClock { at: now(), date: support::today() });
    let mut w = frontdesk_service::worker::Worker::new(store, config.clone(), Actor::system(), clock, support::today());
    let mut run = |job: Job| {
        let mut out = Vec::new();
        w.handle(job, &mut |m| out.push(m));
        match out.pop() {
            Some(Done { result, .. }) => result,
            other => panic!("no answer: {other:?}"),
        }
    };
    assert!(matches!(run(Job::LoadRewards { generation: 1 }), JobResult::SignInRequired));
    let signed = run(Job::SignIn { generation: 2, login: "boss".into(), pin: BOSS_PIN.into() });
    assert!(matches!(signed, JobResult::SignedIn(Ok(_))), "{signed:?}");
    assert!(matches!(run(Job::LoadRewards { generation: 3 }), JobResult::Rewards(_)));
}
