//! Command lines and a served store: a client forwards its command line to
//! `frontdesk serve`, and the server runs it here, in-process, against the store it shares.

use super::{Cli, Command, Env, Failure, capture, is_forwarded_var};
use clap::{CommandFactory, FromArgMatches};
use frontdesk_core::config::Config;
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_core::i18n::errors::{CliSays, Fault, ServerSays};
use frontdesk_protocol::CliOutput;
use frontdesk_protocol::{CliRequest, MAX_FRAME};
use frontdesk_protocol::{Client, ClientError, socket_path};
use frontdesk_service::jobs::{Job, JobResult};
use frontdesk_service::worker::SharedIndex;
use frontdesk_store::ops::ExitCode;
use frontdesk_store::store::Store;
use frontdesk_tui::tui::remote::{Connection, Reopen};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What became of a command line on the client's side.
pub enum Forwarded {
    /// The server ran it: exit with this code.
    Done(ExitCode),
    /// No server: run it here.
    NoServer,
    /// A socket exists but nobody answers: run it here (the store may still be held).
    Stale(PathBuf),
}

/// Forwards the command line to the server of its store, if one is running.
pub fn forward(cli: &Cli) -> Forwarded {
    // The TUI connects by itself; `serve` is the server; `config check` needs no store.
    match &cli.command {
        None | Some(Command::Serve) | Some(Command::Config(_)) => return Forwarded::NoServer,
        Some(_) => {}
    }
    let db = cli.db.clone().unwrap_or_else(frontdesk_store::store::default_path);
    let socket = socket_path(&db);
    if !socket.exists() {
        return Forwarded::NoServer;
    }
    let mut client = match Client::connect(&socket) {
        Ok(c) => c,
        Err(ClientError::NotRunning(_) | ClientError::Gone(_)) => return Forwarded::Stale(socket),
        Err(e) => return Forwarded::Done(fail(&e.fault(), ExitCode::Busy)),
    };
    let stdin = if reads_stdin(cli) {
        match read_stdin() {
            Ok(bytes) => bytes,
            Err(message) => return Forwarded::Done(fail(&message.into(), ExitCode::Usage)),
        }
    } else {
        Vec::new()
    };
    let request = CliRequest {
        args: std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect(),
        vars: std::env::vars().filter(|(k, _)| is_forwarded_var(k)).collect(),
        cwd: std::env::current_dir().unwrap_or_default(),
        stdin,
    };
    match client.cli(request) {
        Ok(out) => {
            // A reader that went away (`| head`) is no failure: the command was applied.
            let _ = std::io::stdout().write_all(&out.stdout).and_then(|()| std::io::stdout().flush());
            let _ = std::io::stderr().write_all(&out.stderr);
            Forwarded::Done(out.code)
        }
        Err(e) => Forwarded::Done(fail(&e.fault(), e.exit_code())),
    }
}

/// Said before any configuration is read: in English, as clap's own errors.
fn fail(message: &Fault, code: ExitCode) -> ExitCode {
    eprintln!("error: {message}");
    code
}

/// Whether the command reads standard input (a PIN, or an import or batch from `-`).
fn reads_stdin(cli: &Cli) -> bool {
    use super::operator::OperatorCmd;
    match &cli.command {
        Some(Command::Operator(OperatorCmd::Add { pin_stdin, .. } | OperatorCmd::ResetPin { pin_stdin, .. })) => {
            *pin_stdin
        }
        Some(Command::Import(a)) => a.file.as_os_str() == "-",
        Some(Command::Batch(a)) => a.file.as_os_str() == "-",
        _ => false,
    }
}

fn read_stdin() -> Result<Vec<u8>, CliSays> {
    // Leave room in the frame for the rest of the request.
    let limit = u64::from(MAX_FRAME) - 64 * 1024;
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CliSays::ReadStdin { error: e.to_string() })?;
    if bytes.len() as u64 > limit {
        return Err(CliSays::StdinTooLarge { mib: limit / (1024 * 1024) });
    }
    Ok(bytes)
}

/// Runs a client's command line inside the server, against the shared store, with the
/// client's variables, working directory and standard input; its output is captured.
/// `own_files`: the client is the server's own user (or root), so the server may open the
/// files the command line names; for anyone else it would read and write them with the
/// server's rights, so such command lines are refused (standard input and output work).
pub fn run_forwarded(
    store: Arc<Store>,
    config: &Arc<Config>,
    index: &SharedIndex,
    request: CliRequest,
    own_files: bool,
) -> CliOutput {
    let CliRequest { args, vars, cwd, stdin } = request;
    let (code, stdout, stderr) = capture::capture(stdin, || {
        let vars: HashMap<String, String> = vars.into_iter().filter(|(k, _)| is_forwarded_var(k)).collect();
        let cli = match parse(&args, &vars) {
            Ok(cli) => cli,
            Err(code) => return code,
        };
        if !own_files && names_files(&cli) {
            capture::eprintln(&format!("error: {}", ServerSays::FilesRefused));
            return ExitCode::Usage;
        }
        super::exit_code(super::run(
            cli,
            vars,
            Some(super::Served { store, config: config.clone(), index: index.clone(), cwd }),
        ))
    });
    CliOutput { stdout, stderr, code }
}

/// Whether the command line names a file the server would open.
fn names_files(cli: &Cli) -> bool {
    let named = |p: &Path| p.as_os_str() != "-";
    match &cli.command {
        Some(Command::Import(a)) => named(&a.file) || a.mapping.is_some() || a.rejects.is_some(),
        Some(Command::Batch(a)) => named(&a.file),
        Some(Command::Export(a)) => a.out.is_some(),
        Some(Command::Backup(a)) => super::backup::names_file(&a.file),
        Some(Command::Restore(_) | Command::Salvage(_)) => true,
        _ => false,
    }
}

/// Parses like the process would, but with `FRONTDESK_OPERATOR` / `FRONTDESK_ROLE` taken
/// from the client's variables: clap would read the server's own environment.
fn parse(args: &[String], vars: &HashMap<String, String>) -> Result<Cli, ExitCode> {
    let command = Cli::command().mut_arg("operator", |a| a.env(None::<&str>)).mut_arg("role", |a| a.env(None::<&str>));
    let parsed = command.try_get_matches_from(args).and_then(|m| Cli::from_arg_matches(&m));
    let mut cli = match parsed {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            let _ = write!(capture::Stdout, "{}", e.render());
            return Err(ExitCode::Ok);
        }
        Err(e) => {
            capture::eprintln(&super::one_line(&e.render().to_string()));
            return Err(ExitCode::Usage);
        }
    };
    if cli.operator.is_none() {
        cli.operator = vars.get("FRONTDESK_OPERATOR").cloned();
    }
    if cli.role.is_none()
        && let Some(role) = vars.get("FRONTDESK_ROLE")
    {
        match super::parse::role(role) {
            Ok(r) => cli.role = Some(r),
            Err(reason) => {
                capture::eprintln(&format!("error: {}", CliSays::RoleVar { value: role.clone(), reason }));
                return Err(ExitCode::Usage);
            }
        }
    }
    Ok(cli)
}

impl From<ClientError> for Failure {
    fn from(e: ClientError) -> Self {
        Failure::new(e.exit_code(), e.fault())
    }
}

/// The TUI's connection to the server of the store at `db`, signed in with the operator and
/// PIN of the environment; `None` when no server answers (the TUI then opens the store).
pub fn tui_connection(env: &Env, db: &Path) -> Result<Option<(Connection, Actor)>, Failure> {
    let socket = socket_path(db);
    if !socket.exists() {
        return Ok(None);
    }
    // No sign-in yet: once operators exist the TUI's sign-in screen signs the connection in.
    let reopen = Reopen { socket, login: None, pin: None, as_of: env.cli.as_of };
    let mut client = match reopen.connect() {
        Ok(c) => c,
        Err(ClientError::NotRunning(_) | ClientError::Gone(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    // Before any operator exists the server lets the connecting user act as an admin;
    // after, it names nobody until a sign-in.
    let operators = client.session.operator.is_empty();
    let actor = if operators {
        Actor { name: env.cli.operator.clone().unwrap_or_default(), role: Role::Clerk }
    } else {
        let role = Role::parse(&client.session.role)
            .ok_or_else(|| Failure::runtime(ServerSays::UnknownRole { role: client.session.role.clone() }))?;
        Actor { name: client.session.operator.clone(), role }
    };
    let members = if operators {
        // Counted after sign-in; until then the store is not empty as far as the screen goes.
        1
    } else {
        match client.job(Job::LoadOverview { generation: 0 })?.pop() {
            Some(JobResult::Overview(o)) => o.members,
            _ => 0,
        }
    };
    Ok(Some((Connection { client, reopen, members, operators }, actor)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(args: &[&str]) -> CliRequest {
        let mut all = vec!["frontdesk".to_string()];
        all.extend(args.iter().map(|a| a.to_string()));
        CliRequest {
            args: all,
            vars: vec![("FRONTDESK_NOW".into(), "2026-11-23T10:00:00Z".into())],
            cwd: std::env::temp_dir(),
            stdin: Vec::new(),
        }
    }

    #[test]
    fn another_users_command_line_may_not_name_files_but_may_use_standard_streams() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(dir.path(), "test").unwrap());
        let config = Arc::new(Config::builtin().unwrap());
        let index = SharedIndex::default();
        let out =
            run_forwarded(store.clone(), &config, &index, request(&["export", "members", "--out", "x.csv"]), false);
        assert_eq!(out.code, 2);
        assert!(String::from_utf8_lossy(&out.stderr).contains("only its own user may name files"));
        let out = run_forwarded(store.clone(), &config, &index, request(&["import", "members", "/etc/passwd"]), false);
        assert_eq!(out.code, 2);
        let mut stdin = request(&["import", "members", "-"]);
        stdin.stdin = b"name,email\nAna Silva,ana@example.com\n".to_vec();
        let out = run_forwarded(store.clone(), &config, &index, stdin, false);
        assert_eq!(out.code, 0, "{}", String::from_utf8_lossy(&out.stderr));
        let out = run_forwarded(store, &config, &index, request(&["export", "members"]), false);
        assert_eq!(out.code, 0);
        assert!(String::from_utf8_lossy(&out.stdout).contains("ana@example.com"));
    }
}
