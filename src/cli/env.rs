//! What every subcommand runs with: arguments, rules, clock, the signed-in operator and the
//! store, the process's own or the one `frontdesk serve` shares.

use super::{Cli, Command, Failure, operator};
use frontdesk_core::clock::Clock;
use frontdesk_core::config::Config;
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_service::worker::SharedIndex;
use frontdesk_store::ops::{self, Ctx};
use frontdesk_store::store::Store;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Everything a subcommand needs.
pub struct Env {
    /// Parsed arguments.
    pub cli: Cli,
    /// Loaded configuration; the server's own when it runs a forwarded command line, so
    /// that its writes join the server's group commit (which groups by these very rules).
    pub config: Arc<Config>,
    /// Injected clock.
    pub clock: Box<dyn Clock + Send>,
    /// The operator signed in by [`Env::open_store`] once operators exist.
    pub signed_in: std::cell::OnceCell<Actor>,
    /// `FRONTDESK_*` and `USER` variables: the process's own, or, when `frontdesk serve`
    /// runs a forwarded command line, the client's (never the server's).
    pub vars: HashMap<String, String>,
    /// The store `frontdesk serve` shares, when this command line runs inside the server.
    pub served: Option<Arc<Store>>,
    /// The server's search index, with the served store: names are found in it rather
    /// than by scanning every member.
    pub served_index: Option<SharedIndex>,
    /// The client's working directory, when the server runs its command line: relative
    /// file names resolve against it (see [`Env::path`]).
    pub cwd: Option<PathBuf>,
}

/// An open store: this process's own, or the one `frontdesk serve` shares.
pub enum StoreRef {
    /// Opened by this command.
    Owned(Store),
    /// The server's.
    Shared(Arc<Store>),
}

impl std::ops::Deref for StoreRef {
    type Target = Store;
    fn deref(&self) -> &Store {
        match self {
            StoreRef::Owned(s) => s,
            StoreRef::Shared(s) => s,
        }
    }
}

/// The variables a command line reads (and a client forwards to the server).
pub fn is_forwarded_var(name: &str) -> bool {
    name.starts_with("FRONTDESK_") || name == "USER"
}

/// Page cache of a command that streams the whole store (see [`Env::cache_mb`]).
const STREAMING_CACHE_MB: u64 = 16;

impl Env {
    /// A file name as the user meant it: relative to their working directory.
    pub fn path(&self, p: &std::path::Path) -> PathBuf {
        match &self.cwd {
            Some(cwd) if p.is_relative() => cwd.join(p),
            _ => p.to_path_buf(),
        }
    }

    /// A variable of the command line's environment (see [`Env::vars`]).
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    /// Opens the store named by `--db` / `FRONTDESK_DB` / the default location.
    pub fn open_store(&self) -> Result<StoreRef, Failure> {
        if let Some(store) = &self.served {
            self.sign_in(store)?;
            return Ok(StoreRef::Shared(store.clone()));
        }
        let path = self.cli.db.clone().unwrap_or_else(frontdesk_store::store::default_path);
        let created = !frontdesk_store::store::exists(&path);
        let store = Store::open_with_cache(&path, "cli", self.cache_mb())?;
        super::perms::settle(&self.config, &path, created);
        // `verify` lists each open file itself, as findings.
        if !matches!(self.cli.command, Some(Command::Verify(_))) {
            super::perms::warn_once(&self.config, &path);
        }
        if let Some(upgrade) = ops::migrate::prepare(&store, &self.ctx(), &|s| super::capture::eprintln(s))? {
            super::capture::eprintln(&upgrade.to_string());
        }
        self.sign_in(&store)?;
        Ok(StoreRef::Owned(store))
    }

    /// The page cache for this command: a job that reads the whole store once (verify,
    /// backup, export, the nightly run, report rebuild) gains nothing from keeping pages
    /// and only pays for them in memory (a 200k-member `report rebuild`: 430 MiB with the
    /// 64 MiB cache, 352 MiB and a second faster with 16).
    fn cache_mb(&self) -> u64 {
        let streams = match &self.cli.command {
            Some(Command::Verify(_) | Command::Backup(_) | Command::Export(_) | Command::Expire) => true,
            Some(Command::Report(r)) => matches!(r, super::admin::ReportCmd::Rebuild),
            _ => false,
        };
        if streams { self.config.store.cache_mb.min(STREAMING_CACHE_MB) } else { self.config.store.cache_mb }
    }

    /// Signs in (see [`operator::sign_in_from_env`]). `--role` only lowers the signed-in
    /// operator's role, except in `operator …`, where it names the new operator's role.
    fn sign_in(&self, store: &Store) -> Result<(), Failure> {
        let lower_to = if matches!(self.cli.command, Some(Command::Operator(_))) { None } else { self.cli.role };
        if let Some(actor) = operator::sign_in_from_env(self, store, lower_to)? {
            let _ = self.signed_in.set(actor);
        }
        Ok(())
    }

    /// The context for commands: configuration, operator, now and business date.
    pub fn ctx(&self) -> Ctx<'_> {
        let actor = self.signed_in.get().cloned().unwrap_or_else(|| {
            let name = self
                .cli
                .operator
                .clone()
                .or_else(|| self.var("USER").map(String::from))
                .unwrap_or_else(|| "cli".into());
            Actor { name, role: self.cli.role.unwrap_or(Role::Admin) }
        });
        Ctx {
            config: &self.config,
            actor,
            now: self.clock.now_ms(),
            today: self.cli.as_of.unwrap_or_else(|| self.clock.today()),
        }
    }
}
