//! A typed client of `frontdesk serve`.

use crate::{CliRequest, Failed, FrameError, Request, Response, VERSION};
use chrono::NaiveDate;
use frontdesk_core::i18n::errors::{Fault, ServerSays};
use frontdesk_service::jobs::{Job, JobResult};
use frontdesk_store::ops::ExitCode;
use frontdesk_store::ops::{Command, Reply};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};

/// How long a server may take to answer the handshake (a sign-in hashes a PIN).
const HELLO_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Why a call to the server failed.
#[derive(Debug)]
pub enum ClientError {
    /// Nobody listens on the socket.
    NotRunning(PathBuf),
    /// The server went away between requests.
    Gone(PathBuf),
    /// The server went away after the request was sent, before it answered.
    InFlight,
    /// The server refused the request.
    Refused(Failed),
    /// The server answered something this client does not understand.
    Protocol(PathBuf, String),
}

impl ClientError {
    /// The exit code a command line ends with.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            ClientError::NotRunning(_) | ClientError::Gone(_) => ExitCode::Busy,
            ClientError::InFlight | ClientError::Protocol(..) => ExitCode::Runtime,
            ClientError::Refused(f) => f.code,
        }
    }

    /// What the error says, as a value to render in any language.
    pub fn fault(&self) -> Fault {
        let path = |p: &PathBuf| p.display().to_string();
        match self {
            ClientError::NotRunning(p) => ServerSays::NotRunning { path: path(p) }.into(),
            ClientError::Gone(p) => ServerSays::Gone { path: path(p) }.into(),
            ClientError::InFlight => ServerSays::InFlight.into(),
            ClientError::Refused(f) => f.message.clone(),
            ClientError::Protocol(p, what) => ServerSays::Unexpected { path: path(p), what: what.clone() }.into(),
        }
    }
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.fault().fmt(f)
    }
}

impl std::error::Error for ClientError {}

/// Who the connection acts as, from the server's `Hello`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Operator name (empty until signed in, once operators exist).
    pub operator: String,
    /// Role code.
    pub role: String,
    /// The store's write sequence at the handshake.
    pub write_seq: u64,
}

/// A connection to the server.
pub struct Client {
    stream: UnixStream,
    path: PathBuf,
    /// Who the connection acts as.
    pub session: Session,
}

/// The output of a forwarded command line.
/// Output of a forwarded command line.
pub struct CliOutput {
    /// Standard output.
    pub stdout: Vec<u8>,
    /// Standard error.
    pub stderr: Vec<u8>,
    /// What the command line ended with, as the client process exits.
    pub code: ExitCode,
}

impl Client {
    /// Connects without signing in (command lines sign in per request).
    pub fn connect(path: &Path) -> Result<Client, ClientError> {
        Client::connect_as(path, None, None)
    }

    /// Connects and, when a login is given, signs the connection in.
    pub fn connect_as(path: &Path, login: Option<&str>, pin: Option<&str>) -> Result<Client, ClientError> {
        Client::connect_on(path, login, pin, None)
    }

    /// Connects as `login` acting on business date `as_of` (the TUI's `--as-of`).
    pub fn connect_on(
        path: &Path,
        login: Option<&str>,
        pin: Option<&str>,
        as_of: Option<NaiveDate>,
    ) -> Result<Client, ClientError> {
        let stream = UnixStream::connect(path).map_err(|_| ClientError::NotRunning(path.to_path_buf()))?;
        // A server that accepts but never answers (stopped, hung) is not running as far as
        // this client is concerned; once greeted, requests may take as long as they take.
        let _ = stream.set_read_timeout(Some(HELLO_TIMEOUT));
        let mut client = Client {
            stream,
            path: path.to_path_buf(),
            session: Session { operator: String::new(), role: String::new(), write_seq: 0 },
        };
        let hello =
            Request::Hello { version: VERSION, login: login.map(String::from), pin: pin.map(String::from), as_of };
        match client.call(&hello, false)? {
            Response::Hello { version: _, operator, role, write_seq } => {
                client.session = Session { operator, role, write_seq };
                let _ = client.stream.set_read_timeout(None);
                Ok(client)
            }
            other => Err(client.unexpected(&other)),
        }
    }

    /// Signs the connection in as another operator.
    pub fn sign_in(&mut self, login: &str, pin: &str) -> Result<&Session, ClientError> {
        match self.call(&Request::SignIn { login: login.into(), pin: pin.into() }, false)? {
            Response::Hello { operator, role, write_seq, .. } => {
                self.session = Session { operator, role, write_seq };
                Ok(&self.session)
            }
            other => Err(self.unexpected(&other)),
        }
    }

    /// Runs a command as the connection's operator: its reply, or why it was refused.
    pub fn execute(&mut self, command: &Command) -> Result<Result<Reply, Failed>, ClientError> {
        match self.call(&Request::Execute(Box::new(command.clone())), true)? {
            Response::Executed(r) => Ok(r.map(|w| Reply::from(*w))),
            other => Err(self.unexpected(&other)),
        }
    }

    /// Runs a TUI job; its answers in order.
    pub fn job(&mut self, job: Job) -> Result<Vec<JobResult>, ClientError> {
        match self.call(&Request::Job(Box::new(job)), true)? {
            Response::Job(results) => Ok(results),
            other => Err(self.unexpected(&other)),
        }
    }

    /// Runs a command line in the server.
    pub fn cli(&mut self, request: CliRequest) -> Result<CliOutput, ClientError> {
        match self.call(&Request::Cli(request), true)? {
            Response::Cli { stdout, stderr, code } => Ok(CliOutput { stdout, stderr, code }),
            other => Err(self.unexpected(&other)),
        }
    }

    /// The store's write sequence.
    pub fn ping(&mut self) -> Result<u64, ClientError> {
        match self.call(&Request::Ping, false)? {
            Response::Pong { write_seq } => Ok(write_seq),
            other => Err(self.unexpected(&other)),
        }
    }

    /// Sends a request and reads its answer. `writes`: whether losing the connection after
    /// sending leaves the outcome unknown (then [`ClientError::InFlight`]).
    fn call(&mut self, request: &Request, writes: bool) -> Result<Response, ClientError> {
        let gone = || ClientError::Gone(self.path.clone());
        match crate::write(&mut self.stream, request) {
            Ok(()) => {}
            Err(FrameError::TooLarge(_)) => {
                return Err(ClientError::Refused(Failed {
                    code: ExitCode::Usage,
                    message: ServerSays::RequestTooLarge { mib: crate::MAX_FRAME >> 20 }.into(),
                }));
            }
            // A server that refuses a connection (too many clients, not allowed) answers
            // and closes at once: the refusal may already be waiting when the write fails.
            Err(_) => {
                return match crate::read::<Response>(&mut self.stream) {
                    Ok(Response::Error(f)) => Err(ClientError::Refused(f)),
                    _ => Err(gone()),
                };
            }
        }
        match crate::read::<Response>(&mut self.stream) {
            Ok(Response::Error(f)) => Err(ClientError::Refused(f)),
            Ok(r) => Ok(r),
            Err(FrameError::Closed | FrameError::Io(_)) if writes => Err(ClientError::InFlight),
            Err(FrameError::Closed | FrameError::Io(_)) => Err(gone()),
            Err(e) => Err(ClientError::Protocol(self.path.clone(), e.to_string())),
        }
    }

    fn unexpected(&self, r: &Response) -> ClientError {
        let what = format!("{r:?}");
        ClientError::Protocol(self.path.clone(), what.chars().take(80).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The refusal of a full server was reported as "the server has gone away" whenever the
    /// server had closed before the client's greeting was written (seen in CI under load).
    #[test]
    fn a_refusal_sent_before_the_greeting_is_reported_as_the_refusal() {
        let (mine, mut theirs) = UnixStream::pair().unwrap();
        let message: Fault = ServerSays::Full { max: 1 }.into();
        crate::write(&mut theirs, &Response::Error(Failed { code: ExitCode::Busy, message: message.clone() })).unwrap();
        drop(theirs);
        let session = Session { operator: String::new(), role: String::new(), write_seq: 0 };
        let mut client = Client { stream: mine, path: PathBuf::from("test.sock"), session };
        match client.ping() {
            Err(ClientError::Refused(f)) => assert_eq!(f.message, message),
            other => panic!("expected the refusal, got {other:?}"),
        }
    }
}
