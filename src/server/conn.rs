//! One connection: the handshake, then one request after another, each answered in turn.

use super::peer::Peer;
use super::shared::Shared;
use chrono::NaiveDate;
use frontdesk_core::clock::{self, Clock};
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_core::i18n::errors::{Fault, ServerSays};
use frontdesk_protocol::{self as protocol, Failed, FrameError, Request, Response, VERSION};
use frontdesk_service::jobs::{Job, JobResult};
use frontdesk_service::worker::Worker;
use frontdesk_store::ops::ExitCode;
use frontdesk_store::ops::{self, Ctx};
use frontdesk_store::store::T;
use std::os::unix::net::UnixStream;

/// Serves one connection until the client hangs up, sends a bad frame, or the server stops
/// (the daemon shuts the read side: the request in progress is still answered).
pub fn serve(shared: &Shared, mut stream: UnixStream, peer: Peer, log: &dyn Fn(String)) {
    let mut session = Session { shared, peer, greeted: false, actor: None, as_of: None, worker: None, operator: false };
    loop {
        let request = match protocol::read::<Request>(&mut stream) {
            Ok(r) => r,
            Err(FrameError::Closed) => return,
            Err(FrameError::Io(_)) => return,
            Err(e) => {
                log(format!("connection of pid {} closed: {e}", peer.pid));
                let _ = protocol::write(&mut stream, &refused(ExitCode::Usage, e.says()));
                return;
            }
        };
        let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| session.handle(request)));
        let response = answer.unwrap_or_else(|_| {
            log(format!("a request of pid {} failed inside the server", peer.pid));
            refused(ExitCode::Runtime, ServerSays::Failed)
        });
        if protocol::write(&mut stream, &response).is_err() {
            return;
        }
    }
}

struct Session<'a> {
    shared: &'a Shared,
    peer: Peer,
    greeted: bool,
    actor: Option<Actor>,
    as_of: Option<NaiveDate>,
    worker: Option<Worker>,
    /// Whether the connection signed in as an operator with a PIN (not as the connecting
    /// user of a store that had no operators then).
    operator: bool,
}

fn refused(code: ExitCode, message: impl Into<Fault>) -> Response {
    Response::Error(Failed { code, message: message.into() })
}

impl Session<'_> {
    fn handle(&mut self, request: Request) -> Response {
        if !self.greeted && !matches!(request, Request::Hello { .. }) {
            return refused(ExitCode::Usage, ServerSays::SayHello);
        }
        match request {
            Request::Hello { version, login, pin, as_of } => {
                if version != VERSION {
                    return refused(ExitCode::Usage, ServerSays::Version { client: version, server: VERSION });
                }
                self.greeted = true;
                self.as_of = as_of;
                self.sign_in(login.as_deref(), pin.as_deref())
            }
            Request::SignIn { login, pin } => self.sign_in(Some(&login), Some(&pin)),
            Request::Ping => Response::Pong { write_seq: self.shared.store.write_seq() },
            Request::Job(job)
                if self.must_sign_in() && !matches!(*job, Job::SignIn { .. } | Job::SetUpAdmin { .. }) =>
            {
                Response::Job(vec![JobResult::SignInRequired])
            }
            // A forwarded command line signs itself in (its variables carry the login and
            // PIN); an `Execute` acts as the connection, which must have signed in.
            Request::Execute(_) if self.must_sign_in() => not_signed_in(),
            Request::Cli(req) => {
                let own = self.own_files();
                let s = self.shared;
                let out = crate::cli::run_forwarded(s.store.clone(), &s.config, &s.index, req, own);
                Response::Cli { stdout: out.stdout, stderr: out.stderr, code: out.code }
            }
            Request::Execute(command) => {
                let Some(actor) = self.actor.clone() else { return not_signed_in() };
                let clock = server_clock();
                let ctx = Ctx {
                    config: &self.shared.config,
                    actor,
                    now: clock.now_ms(),
                    today: self.as_of.unwrap_or_else(|| clock.today()),
                };
                let result = ops::execute(&self.shared.store, &ctx, &command);
                Response::Executed(
                    result.map(|r| Box::new(r.into())).map_err(|e| Failed { code: e.exit_code(), message: e.fault() }),
                )
            }
            Request::Job(job) => {
                if let Job::SignIn { login, pin, .. } = *job {
                    // The connection signs in, not just its worker: `Execute` acts as them too.
                    return match self.sign_in(Some(&login), Some(&pin)) {
                        Response::Hello { operator, role, .. } => {
                            let role = Role::parse(&role).unwrap_or(Role::Clerk);
                            Response::Job(vec![JobResult::SignedIn(Ok(Actor { name: operator, role }))])
                        }
                        Response::Error(f) => Response::Job(vec![JobResult::SignedIn(Err(f.message))]),
                        other => other,
                    };
                }
                if matches!(*job, Job::Import { .. }) && !self.own_files() {
                    return Response::Job(vec![JobResult::Imported(Err(ServerSays::FilesRefused.into()))]);
                }
                let Some(worker) = self.worker.as_mut() else { return not_signed_in() };
                let mut results = Vec::new();
                worker.handle(*job, &mut |done| results.push(done.result));
                Response::Job(results)
            }
        }
    }

    /// Whether the connection acts for nobody who signed in although the store has
    /// operators now (they were added after it connected): it must sign in first.
    fn must_sign_in(&self) -> bool {
        !self.operator && !self.shared.store.tree(T::Operators).is_empty()
    }

    /// Whether the peer is the server's own user or root: the server may open files it names.
    fn own_files(&self) -> bool {
        self.peer.uid == 0 || self.peer.uid == nix::unistd::Uid::current().as_raw()
    }

    /// Signs the connection in. Before any operator exists, the connecting user acts as an
    /// admin (as the CLI does on a fresh store).
    fn sign_in(&mut self, login: Option<&str>, pin: Option<&str>) -> Response {
        let store = &self.shared.store;
        let clock = server_clock();
        let today = self.as_of.unwrap_or_else(|| clock.today());
        let no_operators = store.tree(T::Operators).is_empty();
        let actor = if no_operators {
            let name = login.map(String::from).unwrap_or_else(|| user_name(self.peer.uid));
            Some(Actor { name, role: Role::Admin })
        } else if let (Some(login), Some(pin)) = (login, pin) {
            let ctx = Ctx {
                config: &self.shared.config,
                actor: Actor { name: login.to_string(), role: Role::Clerk },
                now: clock.now_ms(),
                today,
            };
            match ops::operator::sign_in(store, &ctx, login, pin, None) {
                Ok(actor) => Some(actor),
                Err(e) => return refused(e.exit_code(), e.fault()),
            }
        } else {
            None
        };
        if let Some(actor) = &actor {
            match self.worker.as_mut() {
                Some(w) => w.set_actor(actor.clone()),
                None => {
                    let s = self.shared;
                    self.worker = Some(Worker::shared(
                        s.store.clone(),
                        s.index.clone(),
                        s.config.clone(),
                        actor.clone(),
                        server_clock(),
                        today,
                    ));
                }
            }
        }
        self.operator = actor.is_some() && !no_operators;
        self.actor = actor;
        let (operator, role) =
            self.actor.as_ref().map_or((String::new(), String::new()), |a| (a.name.clone(), a.role.as_str().into()));
        Response::Hello { version: VERSION, operator, role, write_seq: store.write_seq() }
    }
}

fn not_signed_in() -> Response {
    refused(ExitCode::SignInRefused, ServerSays::SignInFirst)
}

/// The server's clock (`FRONTDESK_NOW` of the server process fixes it, for tests).
fn server_clock() -> Box<dyn Clock + Send> {
    clock::from_env().unwrap_or_else(|_| Box::new(clock::SystemClock))
}

fn user_name(uid: u32) -> String {
    nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
        .ok()
        .flatten()
        .map_or_else(|| format!("uid-{uid}"), |u| u.name)
}
