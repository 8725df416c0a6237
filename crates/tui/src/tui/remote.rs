//! The worker of a TUI on a served store: sends each job to `frontdesk serve` and hands
//! back its answers; polls the store's write sequence about once a second so the screen
//! follows other terminals' writes; reconnects every second while the server is gone.

use crate::app::msg::{Done, Job, JobResult, Msg, ServerEvent};
use chrono::NaiveDate;
use frontdesk_core::i18n::errors::ServerSays;
use frontdesk_protocol::{Client, ClientError};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How often the write sequence is polled, and a lost server retried.
const TICK: Duration = Duration::from_secs(1);

/// A TUI's connection to the server, and what it takes to open it again.
pub struct Connection {
    /// The signed-in connection.
    pub client: Client,
    /// How to open it again.
    pub reopen: Reopen,
    /// Members in the store when the TUI started.
    pub members: u64,
    /// Whether operators exist (then the TUI signs in on its sign-in screen).
    pub operators: bool,
}

/// What it takes to connect again after the server went away.
pub struct Reopen {
    /// The server's socket.
    pub socket: PathBuf,
    /// Login the connection signed in with.
    pub login: Option<String>,
    /// PIN it signed in with (kept to sign in again after a reconnect).
    pub pin: Option<String>,
    /// Business date the TUI acts on.
    pub as_of: Option<NaiveDate>,
}

impl Reopen {
    /// Connects and signs in.
    pub fn connect(&self) -> Result<Client, ClientError> {
        Client::connect_on(&self.socket, self.login.as_deref(), self.pin.as_deref(), self.as_of)
    }
}

/// The server reads an import's files: name them whole, not relative to this terminal.
fn absolute(job: Job) -> Job {
    let here = |p: PathBuf| if p.is_relative() { std::env::current_dir().map_or(p.clone(), |d| d.join(&p)) } else { p };
    match job {
        Job::Import { generation, file, kind, mapping } => {
            Job::Import { generation, file: here(file), kind, mapping: mapping.map(here) }
        }
        other => other,
    }
}

/// Serves jobs through the server until the UI hangs up.
pub(crate) fn run(conn: Connection, jobs: Receiver<Job>, send: impl Fn(Msg)) {
    let Connection { client, reopen, members, .. } = conn;
    let mut link = Link { client: Some(client), seen: 0, reopen };
    link.seen = link.client.as_ref().map_or(0, |c| c.session.write_seq);
    send(Msg::Done(Done { generation: 0, result: JobResult::Ready(usize::try_from(members).unwrap_or(usize::MAX)) }));
    let mut last_tick = Instant::now();
    let mut pending: std::collections::VecDeque<Job> = std::collections::VecDeque::new();
    loop {
        let job = match pending.pop_front() {
            Some(job) => Some(job),
            None => match jobs.recv_timeout(TICK.saturating_sub(last_tick.elapsed())) {
                Ok(job) => Some(job),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            },
        };
        if let Some(job) = job {
            pending.extend(jobs.try_iter());
            // As the local worker does: a search a newer one replaces is not worth a round trip.
            let superseded =
                matches!(job, Job::Search { .. }) && pending.iter().any(|j| matches!(j, Job::Search { .. }));
            if !superseded {
                link.job(job, &send);
            }
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            link.tick(&send);
        }
    }
}

/// The connection as it stands.
struct Link {
    /// `None` while the server is gone.
    client: Option<Client>,
    /// Write sequence last seen.
    seen: u64,
    reopen: Reopen,
}

impl Link {
    fn job(&mut self, job: Job, send: &dyn Fn(Msg)) {
        let job = absolute(job);
        let generation = job.generation();
        let writes = matches!(job, Job::Execute { .. } | Job::Import { .. } | Job::BuildDemo { .. });
        let done = |result| send(Msg::Done(Done { generation, result }));
        let Some(client) = self.client.as_mut() else {
            let gone = ClientError::Gone(self.reopen.socket.clone()).fault();
            return done(if writes { JobResult::Executed(Err(gone)) } else { JobResult::Failed(gone) });
        };
        let is_execute = matches!(job, Job::Execute { .. });
        if let Job::SignIn { login, pin, .. } = &job {
            // The connection signs in (and signs in again after a reconnect).
            let result = match client.sign_in(login, pin) {
                Ok(s) => match frontdesk_core::domain::operator::Role::parse(&s.role) {
                    Some(role) => Ok(frontdesk_core::domain::operator::Actor { name: s.operator.clone(), role }),
                    None => Err(ServerSays::UnknownRole { role: s.role.clone() }.into()),
                },
                Err(ClientError::Refused(f)) => Err(f.message),
                Err(e) => {
                    let reason = e.fault();
                    done(JobResult::SignedIn(Err(reason.clone())));
                    self.client = None;
                    return send(Msg::Server(ServerEvent::Gone(reason)));
                }
            };
            if result.is_ok() {
                self.reopen.login = Some(login.clone());
                self.reopen.pin = Some(pin.clone());
            }
            return done(JobResult::SignedIn(result));
        }
        let setup = match &job {
            Job::SetUpAdmin { login, pin, .. } => Some((login.clone(), pin.clone())),
            _ => None,
        };
        match client.job(job) {
            Ok(results) => {
                let created = results.iter().any(|r| matches!(r, JobResult::SignedIn(Ok(_))));
                if let (true, Some((login, pin))) = (created, setup) {
                    // The first admin now exists: the connection signs in as them, here
                    // and after any reconnect.
                    if client.sign_in(&login, &pin).is_ok() {
                        self.reopen.login = Some(login);
                        self.reopen.pin = Some(pin);
                    }
                }
                results.into_iter().for_each(done)
            }
            Err(ClientError::Refused(f)) => done(JobResult::Failed(f.message)),
            Err(e) => {
                let reason = e.fault();
                done(if is_execute {
                    JobResult::Executed(Err(reason.clone()))
                } else {
                    JobResult::Failed(reason.clone())
                });
                self.client = None;
                send(Msg::Server(ServerEvent::Gone(reason)));
            }
        }
    }

    /// Once a second: has anyone written? Or, while the server is gone, is it back?
    fn tick(&mut self, send: &dyn Fn(Msg)) {
        match self.client.as_mut() {
            Some(client) => match client.ping() {
                Ok(seq) if seq != self.seen => {
                    self.seen = seq;
                    send(Msg::Server(ServerEvent::Changed));
                }
                Ok(_) => {}
                Err(e) => {
                    self.client = None;
                    send(Msg::Server(ServerEvent::Gone(e.fault())));
                }
            },
            None => {
                if let Ok(client) = self.reopen.connect() {
                    // A restarted server counts from zero again: take its count as seen.
                    self.seen = client.session.write_seq;
                    self.client = Some(client);
                    send(Msg::Server(ServerEvent::Back));
                }
            }
        }
    }
}
