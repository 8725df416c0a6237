//! `frontdesk operator add|list|disable|reset-pin`, and signing in from the environment.
//!
//! PINs never come from the command line (argv is visible to every user of the host):
//! a new PIN is read from the first line of standard input with `--pin-stdin`, else from
//! `FRONTDESK_NEW_PIN` (or, for the very first admin only, `FRONTDESK_PIN`); the PIN that
//! signs an operator in comes from `FRONTDESK_PIN`.

use super::output::emit;
use super::{Env, Failure};
use clap::Subcommand;
use frontdesk_core::domain::operator::{Actor, Operator, Role, check_pin};
use frontdesk_core::i18n::errors::{Act, CliSays, Denial, Fault, Refusal, SignInRefusal};
use frontdesk_store::ops::ExitCode;
use frontdesk_store::ops::operator::{NewOperator, OperatorView, pin, sign_in};
use frontdesk_store::ops::{self, Command, Reply};
use frontdesk_store::store::{Store, T};
use std::fmt::Write as _;

/// Operator subcommands.
#[derive(Debug, Subcommand)]
pub enum OperatorCmd {
    /// Add an operator (admin; the first operator, an admin, needs no sign-in). The role is
    /// the global `--role` (given on the command line) or `--admin`.
    Add {
        /// Login name: 2–32 letters, digits, `.`, `_`, `-` (stored in lower case).
        login: String,
        /// The operator's name as people know it.
        #[arg(long)]
        name: String,
        /// Make the operator an admin (same as `--role admin`).
        #[arg(long)]
        admin: bool,
        /// Read the new PIN (4–12 digits) from the first line of standard input.
        #[arg(long)]
        pin_stdin: bool,
    },
    /// List operators (never their PINs).
    List,
    /// Disable an operator (admin); never yourself or the last active admin.
    Disable {
        /// Login name.
        login: String,
    },
    /// Set a new PIN and clear the operator's lock-out (admin).
    ResetPin {
        /// Login name.
        login: String,
        /// Read the new PIN from the first line of standard input.
        #[arg(long)]
        pin_stdin: bool,
    },
}

fn signin_failure(e: ops::operator::SignInError) -> Failure {
    Failure::new(e.exit_code(), e.fault())
}

/// Signs the operator named by `--operator` / `FRONTDESK_OPERATOR` in with `FRONTDESK_PIN`,
/// once operators exist; before that, `--operator` and `--role` are taken as given.
pub fn sign_in_from_env(env: &Env, store: &Store, lower_to: Option<Role>) -> Result<Option<Actor>, Failure> {
    if store.tree(T::Operators).is_empty() {
        return Ok(None);
    }
    let refused = |why| Failure::new(ExitCode::SignInRefused, SignInRefusal::Denied { why });
    let login = env.cli.operator.as_deref().ok_or_else(|| refused(Denial::NameYourself))?;
    let pin = env.var("FRONTDESK_PIN").ok_or_else(|| refused(Denial::NoPin))?;
    sign_in(store, &env.ctx(), login, pin, lower_to).map(Some).map_err(signin_failure)
}

/// The new PIN for `add` / `reset-pin`, checked; `first` allows `FRONTDESK_PIN`.
fn new_pin(env: &Env, from_stdin: bool, first: bool) -> Result<String, Failure> {
    let pin = if from_stdin {
        let mut line = String::new();
        super::capture::stdin()
            .read_line(&mut line)
            .map_err(|e| Failure::runtime(CliSays::ReadPin { error: e.to_string() }))?;
        line.trim_end_matches(['\r', '\n']).to_string()
    } else if let Some(p) = env.var("FRONTDESK_NEW_PIN") {
        p.to_string()
    } else if let (true, Some(p)) = (first, env.var("FRONTDESK_PIN")) {
        p.to_string()
    } else {
        return Err(Failure::usage(CliSays::NewPin));
    };
    check_pin(&pin).map_err(|reason| Failure::usage(Fault::invalid("PIN", reason)))?;
    Ok(pin)
}

fn hashed(pin: &str) -> Result<String, Failure> {
    pin::hash(pin).map_err(Failure::runtime)
}

fn role_of_new(env: &Env, admin: bool) -> Result<Role, Failure> {
    if env.var("FRONTDESK_ROLE").is_some() {
        return Err(Failure::usage(CliSays::RoleSet));
    }
    match (admin, env.cli.role) {
        (true, None | Some(Role::Admin)) => Ok(Role::Admin),
        (true, Some(_)) => Err(Failure::usage(CliSays::AdminAndRole)),
        (false, Some(r)) => Ok(r),
        (false, None) => Err(Failure::usage(CliSays::GiveRole)),
    }
}

/// Runs an operator subcommand.
pub fn run(env: &Env, cmd: &OperatorCmd) -> Result<(), Failure> {
    let store = env.open_store()?;
    let ctx = env.ctx();
    let signed_in_admin = env.signed_in.get().is_some_and(|a| a.role == Role::Admin);
    if !matches!(cmd, OperatorCmd::List) && !store.tree(T::Operators).is_empty() && !signed_in_admin {
        // The commands check this too; saying it first spares reading a new PIN for nothing.
        return Err(Failure::data(Refusal::AdminOnly { act: Act::ManageOperators }));
    }
    let cmd = match cmd {
        OperatorCmd::List => return list(env, &store),
        OperatorCmd::Add { login, name, admin, pin_stdin } => {
            let role = role_of_new(env, *admin)?;
            let first = store.tree(T::Operators).is_empty();
            let pin_hash = hashed(&new_pin(env, *pin_stdin, first)?)?;
            Command::AddOperator(NewOperator { login: login.clone(), name: name.clone(), role, pin_hash })
        }
        OperatorCmd::Disable { login } => Command::DisableOperator { login: login.clone() },
        OperatorCmd::ResetPin { login, pin_stdin } => {
            let pin_hash = hashed(&new_pin(env, *pin_stdin, false)?)?;
            Command::ResetPin { login: login.clone(), pin_hash }
        }
    };
    let reply = ops::execute(&store, &ctx, &cmd)?;
    let Reply::Operator(o) = reply else {
        return Err(Failure::runtime(CliSays::UnexpectedReply));
    };
    let did = match cmd {
        Command::AddOperator(_) => "added",
        Command::DisableOperator { .. } if o.duplicate => "was already disabled",
        Command::DisableOperator { .. } => "disabled",
        _ => "has a new PIN",
    };
    emit(env, &o, || format!("operator {} ({}, {}) {did}", o.operator.login, o.operator.name, o.operator.role))
}

fn list(env: &Env, store: &Store) -> Result<(), Failure> {
    let mut views = Vec::new();
    for item in store.scan_prefix::<Operator>(T::Operators, &[]) {
        let (_, o) = item?;
        views.push(OperatorView::from(&o));
    }
    let now = env.ctx().now;
    emit(env, &views, || {
        let mut s = String::new();
        for v in &views {
            let locked = v.locked_until.filter(|&t| t > now).map_or(String::new(), |t| {
                format!(
                    "  locked until {}",
                    chrono::DateTime::from_timestamp_millis(t).map_or(t.to_string(), |d| d.to_rfc3339())
                )
            });
            let _ = writeln!(s, "{:<16} {:<24} {:<10} {}{locked}", v.login, v.name, v.role, v.status);
        }
        if views.is_empty() {
            s.push_str(
                "no operators yet: `frontdesk operator add LOGIN --name NAME --admin` creates the first admin\n",
            );
        }
        s
    })
}
