//! Command-line interface: clap definitions and one function per subcommand.

mod activity;
mod admin;
mod approval;
mod audit;
mod backup;
pub mod capture;
mod complaint;
mod env;
mod export;
mod import;
mod member;
mod operator;
mod output;
mod parse;
pub(crate) mod perms;
mod points;
mod promo;
mod report;
mod report_property;
mod report_rfm;
mod residence;
mod reward;
mod served;

pub use env::{Env, StoreRef, is_forwarded_var};
pub use served::run_forwarded;

use frontdesk_core::clock;
use frontdesk_core::config::{self, Config};

/// The settings of the layers above the core, checked with the core's when the
/// configuration loads: key bindings and colours (the TUI's), import encodings.
pub const CONFIG_CHECKS: &[config::Check] = &[frontdesk_tui::config_issues, frontdesk_exchange::import::config_issues];
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use frontdesk_core::domain::operator::Role;
use frontdesk_core::i18n::errors::{CliSays, ConfigSays, Fault};
use frontdesk_store::ops::{self, ExitCode, OpError};
use frontdesk_store::store::{Store, StoreError};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// frontdesk: loyalty members, stays, rewards and complaints at the hotel front desk.
#[derive(Debug, Parser)]
#[command(name = "frontdesk", version, about, long_about = None)]
pub struct Cli {
    /// Store directory (default: the platform data directory; env FRONTDESK_DB).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Configuration override file merged over the defaults (env FRONTDESK_CONFIG).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// Business date to act on (YYYY-MM-DD); default today.
    #[arg(long, global = true, value_name = "DATE", value_parser = parse::date)]
    pub as_of: Option<NaiveDate>,
    /// Operator name recorded in the ledger and audit (env FRONTDESK_OPERATOR); once operators
    /// exist, the login that signs in with the PIN in FRONTDESK_PIN.
    #[arg(long, global = true, env = "FRONTDESK_OPERATOR", value_name = "NAME")]
    pub operator: Option<String>,
    /// Draw the terminal UI with ASCII borders.
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Operator role: clerk, supervisor, manager or admin (env FRONTDESK_ROLE). Before any
    /// operator exists it sets the role (default admin); once operators sign in it can only
    /// lower the stored role; in `operator add` it names the new operator's role.
    #[arg(long, global = true, env = "FRONTDESK_ROLE", value_name = "ROLE", value_parser = parse::role)]
    pub role: Option<Role>,
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Enrol, show, find and update members.
    #[command(subcommand)]
    Member(member::MemberCmd),
    /// Post and reverse stays.
    #[command(subcommand)]
    Stay(points::StayCmd),
    /// Record, reverse and list earning activities besides stays (spend, fees, events, …).
    #[command(subcommand)]
    Activity(activity::ActivityCmd),
    /// Promotions: add, list, end and report spend against budget.
    #[command(subcommand)]
    Promo(promo::PromoCmd),
    /// Adjust points and read the ledger.
    #[command(subcommand)]
    Points(points::PointsCmd),
    /// The reward catalogue.
    #[command(subcommand)]
    Reward(reward::RewardCmd),
    /// Redeem a reward, or fulfil / cancel / list redemptions.
    Redeem(reward::RedeemArgs),
    /// Log, update, show and list complaints.
    #[command(subcommand)]
    Complaint(complaint::ComplaintCmd),
    /// The nightly job: expire points due on the business date, grant the day's birthday
    /// bonuses and refresh the RFM and cohort snapshot (idempotent).
    Expire,
    /// Recompute every balance, lot, counter and index and compare with the store.
    Verify(backup::VerifyArgs),
    /// Write a consistent backup of the whole store (also while it is in use).
    Backup(backup::BackupArgs),
    /// Restore a backup into an empty store (or over everything with --force).
    Restore(backup::RestoreArgs),
    /// Copy every readable record of a damaged store into a new one.
    Salvage(backup::SalvageArgs),
    /// Configuration tools.
    #[command(subcommand)]
    Config(admin::ConfigCmd),
    /// Fill the store with realistic, deterministic demo data.
    Demo(admin::DemoArgs),
    /// Reports.
    #[command(subcommand)]
    Report(admin::ReportCmd),
    /// Import members, stays, complaints, opening balances, bookings, activities, or an
    /// export's ledger and redemptions, from CSV or JSONL.
    Import(import::ImportArgs),
    /// Export members, stays, ledger, complaints or redemptions as CSV or JSONL.
    Export(export::ExportArgs),
    /// Apply JSONL commands (one per line) with a JSON result per line.
    Batch(import::BatchArgs),
    /// Requests waiting for approval (maker–checker): list them.
    Approvals(approval::ListArgs),
    /// Approve a request and apply its change (a higher role than its maker; never your own).
    Approve(approval::DecideArgs),
    /// Reject a request (a note is required); nothing is applied.
    Reject(approval::DecideArgs),
    /// Operators who sign in: add, list, disable, reset a PIN.
    #[command(subcommand)]
    Operator(operator::OperatorCmd),
    /// The audit log, newest first (managers and admins).
    Audit(audit::AuditArgs),
    /// Share the store with other terminals of this host over a Unix socket next to it
    /// (`frontdesk` commands and the TUI then go through it by themselves).
    Serve,
    /// Print the shell's completion script, e.g.
    /// `frontdesk completions bash > /etc/bash_completion.d/frontdesk`.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
}

/// A failure with the exit code it maps to.
#[derive(Debug)]
pub struct Failure {
    /// How the command ends.
    pub code: ExitCode,
    /// What went wrong and what to do, said in the reader's language when printed.
    pub message: Fault,
}

impl From<OpError> for Failure {
    fn from(e: OpError) -> Self {
        Failure { code: e.exit_code(), message: e.fault() }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        OpError::Store(e).into()
    }
}

impl Failure {
    /// A failure ending with `code`.
    pub fn new(code: ExitCode, message: impl Into<Fault>) -> Failure {
        Failure { code, message: message.into() }
    }

    /// A usage error (exit 2).
    pub fn usage(message: impl Into<Fault>) -> Failure {
        Failure::new(ExitCode::Usage, message)
    }

    /// A runtime failure (exit 1).
    pub fn runtime(message: impl Into<Fault>) -> Failure {
        Failure::new(ExitCode::Runtime, message)
    }

    /// Refused by the data (exit 3).
    pub fn data(message: impl Into<Fault>) -> Failure {
        Failure::new(ExitCode::Data, message)
    }
}

fn run_tui(env: Env) -> Result<(), Failure> {
    if !frontdesk_tui::tui::is_tty() {
        return Err(Failure::usage(CliSays::Terminal));
    }
    let path = env.cli.db.clone().unwrap_or_else(frontdesk_store::store::default_path);
    let mut notice = None;
    let (store, actor) = match served::tui_connection(&env, &path)? {
        Some((conn, actor)) => (frontdesk_tui::tui::Backend::Served(conn), actor),
        None => {
            let created = !frontdesk_store::store::exists(&path);
            let store = Store::open_with_cache(&path, "tui", env.config.store.interactive_cache_mb)?;
            perms::settle(&env.config, &path, created);
            notice = perms::notice_once(&env.config, &path);
            // Said before the terminal is taken over, where the user reads it on leaving.
            if let Some(upgrade) = ops::migrate::prepare(&store, &env.ctx(), &|s| capture::eprintln(s))? {
                capture::eprintln(&upgrade.to_string());
            }
            // Once operators exist the TUI's sign-in screen decides who acts; before, the
            // terminal user does (with `--role`, default admin) as in the CLI.
            (frontdesk_tui::tui::Backend::Local(store), env.ctx().actor)
        }
    };
    let today = env.ctx().today;
    let _log = frontdesk_tui::tui::log::init(&path);
    let opts = frontdesk_tui::tui::Options {
        config: env.config.clone(),
        store,
        actor,
        clock: clock::from_env().map_err(Failure::usage)?,
        today,
        ascii: env.cli.ascii,
        login_hint: env.cli.operator.clone(),
        notice,
    };
    frontdesk_tui::tui::run(opts).map_err(Failure::runtime)
}

/// Parses the process arguments, runs the subcommand and returns how it ended.
pub fn main() -> ExitCode {
    frontdesk_store::store::perms::private_process();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) if !e.use_stderr() => {
            // --help and --version: print as clap formats them, exit 0.
            let _ = e.print();
            return ExitCode::Ok;
        }
        Err(e) => {
            eprintln!("{}", one_line(&e.render().to_string()));
            return ExitCode::Usage;
        }
    };
    // Answered here: it needs no store, configuration or server.
    if let Some(Command::Completions { shell }) = &cli.command {
        return exit_code(completions(*shell));
    }
    let forwarded = served::forward(&cli);
    let stale = match forwarded {
        served::Forwarded::Done(code) => return code,
        served::Forwarded::NoServer => None,
        served::Forwarded::Stale(socket) => Some(socket),
    };
    let vars = std::env::vars().filter(|(k, _)| is_forwarded_var(k)).collect();
    let result = run(cli, vars, None).map_err(|f| match &stale {
        Some(socket) if f.code == ExitCode::Busy => Failure::new(
            ExitCode::Busy,
            CliSays::Stale { reason: Box::new(f.message), socket: socket.display().to_string() },
        ),
        _ => f,
    });
    exit_code(result)
}

/// Prints a failure (to standard error or its capture) and returns the exit code.
fn exit_code(result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::Ok,
        Err(f) => {
            // Errors speak the configured language (or LANG).
            let setting = config::load(None).map(|c| c.ui.language).unwrap_or_else(|_| "auto".into());
            let texts = frontdesk_core::i18n::Texts::for_setting(&setting);
            // The message may quote data (a name, a reason): no escape sequence from it
            // reaches the terminal.
            let message = frontdesk_tui::ui::text::clean_lines(&texts.say(&f.message));
            capture::eprintln(&format!("{}: {message}", texts.get("cli.error")));
            f.code
        }
    }
}

/// Clap's error up to its first blank line, folded onto one line, so a script's log holds
/// the whole reason (e.g. which required argument is missing) on the line it greps.
fn one_line(rendered: &str) -> String {
    let head: Vec<&str> = rendered.lines().take_while(|l| !l.trim().is_empty()).map(str::trim).collect();
    let text = head.join(" ");
    if text.is_empty() { "error: invalid arguments; see --help".into() } else { text }
}

/// Where a forwarded command line runs: the server's store and rules, the client's directory.
struct Served {
    store: Arc<Store>,
    config: Arc<Config>,
    index: frontdesk_service::worker::SharedIndex,
    cwd: PathBuf,
}

fn run(cli: Cli, vars: HashMap<String, String>, served: Option<Served>) -> Result<(), Failure> {
    if let Some(Command::Config(admin::ConfigCmd::Check)) = &cli.command {
        return admin::config_check(&cli);
    }
    let clock = clock::from_value(vars.get("FRONTDESK_NOW").map(String::as_str)).map_err(Failure::usage)?;
    let (config, served, served_index, cwd) = match served {
        // A served store runs under the server's rules, whatever configuration a client names.
        Some(s) => (s.config, Some(s.store), Some(s.index), Some(s.cwd)),
        None => (
            Arc::new(
                config::load_checked(cli.config.as_deref(), CONFIG_CHECKS)
                    .map_err(|e| Failure::usage(ConfigSays::Invalid { issues: e.says() }))?,
            ),
            None,
            None,
            None,
        ),
    };
    let env = Env { cli, config, clock, signed_in: std::cell::OnceCell::new(), vars, served, served_index, cwd };
    // The terminal UI (no command) works through the store too.
    if env.served.is_none() && !env.cli.command.as_ref().is_some_and(admin::one_shot) {
        crate::alloc::for_bulk_work();
    }
    let Some(command) = &env.cli.command else {
        if env.served.is_some() {
            return Err(Failure::usage(CliSays::TuiForwarded));
        }
        return run_tui(env);
    };
    if env.served.is_some() && matches!(command, Command::Serve) {
        return Err(Failure::usage(CliSays::ServeForwarded));
    }
    match command {
        Command::Member(c) => member::run(&env, c),
        Command::Stay(c) => points::run_stay(&env, c),
        Command::Points(c) => points::run_points(&env, c),
        Command::Activity(c) => activity::run(&env, c),
        Command::Promo(c) => promo::run(&env, c),
        Command::Reward(c) => reward::run_reward(&env, c),
        Command::Redeem(a) => reward::run_redeem(&env, a),
        Command::Complaint(c) => complaint::run(&env, c),
        Command::Expire => admin::expire(&env),
        Command::Verify(a) => backup::run_verify(&env, a),
        Command::Backup(a) => backup::run_backup(&env, a),
        Command::Restore(a) => backup::run_restore(&env, a),
        Command::Salvage(a) => backup::run_salvage(&env, a),
        Command::Config(_) => Ok(()),
        Command::Demo(a) => admin::demo(&env, a),
        Command::Report(c) => admin::report(&env, c),
        Command::Import(a) => import::run(&env, a),
        Command::Export(a) => export::run(&env, a),
        Command::Batch(a) => import::run_batch(&env, a),
        Command::Operator(c) => operator::run(&env, c),
        Command::Approvals(a) => approval::list(&env, a),
        Command::Approve(a) => approval::decide(&env, a, true),
        Command::Reject(a) => approval::decide(&env, a, false),
        Command::Audit(a) => audit::run(&env, a),
        Command::Serve => crate::server::serve(&env),
        Command::Completions { shell } => completions(*shell),
    }
}

/// Writes the completion script for `shell`, generated from the command definitions.
fn completions(shell: clap_complete::Shell) -> Result<(), Failure> {
    use clap::CommandFactory;
    let mut script = Vec::new();
    // Into memory first: the generator panics on a failed write (a closed pipe).
    clap_complete::generate(shell, &mut Cli::command(), "frontdesk", &mut script);
    match std::io::Write::write_all(&mut capture::Stdout, &script) {
        // `… | head`: the reader has what it wanted.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::runtime(CliSays::Completions { error: e.to_string() }))
        }
        _ => Ok(()),
    }
}
