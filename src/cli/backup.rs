//! `frontdesk backup`, `restore`, `salvage` and `verify [--deep]`.

use super::output::emit;
use super::{Env, Failure};
use clap::Args;
use frontdesk_core::i18n::Problems;
use frontdesk_core::i18n::errors::{Act, CliSays};
use frontdesk_store::backup::{self, BackupError};
use frontdesk_store::store::Store;
use std::path::{Path, PathBuf};

/// `backup` options.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Backup file to write (gzip-compressed JSON lines), or `-` for standard output.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// `restore` options.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// Backup file written by `frontdesk backup`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Replace everything in a store that already holds data (an admin, once operators exist).
    #[arg(long)]
    pub force: bool,
    /// Only check the file (header, every line, counts and checksum); change nothing.
    #[arg(long, conflicts_with = "force")]
    pub check: bool,
}

/// `salvage` options.
#[derive(Debug, Args)]
pub struct SalvageArgs {
    /// New store directory to copy every readable record into (must not hold a store).
    #[arg(long, value_name = "DIR")]
    pub into: PathBuf,
}

/// `verify` options.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Also decode every record of every tree and name each damaged key (slower).
    #[arg(long)]
    pub deep: bool,
}

fn failure(e: BackupError) -> Failure {
    match e {
        BackupError::Store(s) => s.into(),
        BackupError::Io(m) => Failure::runtime(m),
        BackupError::Invalid(m) | BackupError::NotEmpty(m) => Failure::data(m),
    }
}

/// Runs `backup`: a consistent copy of every tree, while the store (or server) is in use.
pub fn run_backup(env: &Env, args: &BackupArgs) -> Result<(), Failure> {
    let store = env.open_store()?;
    super::audit::require_manager(env, Act::BackUp)?;
    let now = env.ctx().now;
    let summary = if args.file.as_os_str() == "-" {
        backup::write_backup(&store, std::io::BufWriter::new(super::capture::Stdout), now).map_err(failure)?
    } else {
        let path = env.path(&args.file);
        // Written beside the target and renamed when complete, so a file of that name is
        // always a whole backup.
        let partial = path.with_extension("partial");
        let file = frontdesk_store::store::perms::create_private(&partial).map_err(|e| {
            Failure::runtime(CliSays::Create { path: partial.display().to_string(), error: e.to_string() })
        })?;
        let written = backup::write_backup(&store, std::io::BufWriter::new(&file), now)
            .and_then(|s| file.sync_all().map(|()| s).map_err(BackupError::io));
        match written {
            Ok(s) => {
                std::fs::rename(&partial, &path).map_err(|e| {
                    Failure::runtime(CliSays::Rename {
                        from: partial.display().to_string(),
                        to: path.display().to_string(),
                        error: e.to_string(),
                    })
                })?;
                s
            }
            Err(e) => {
                let _ = std::fs::remove_file(&partial);
                return Err(failure(e));
            }
        }
    };
    let line = format!(
        "backed up {} records of schema version {} to {} (sha256 {})",
        summary.records,
        summary.schema_version,
        args.file.display(),
        summary.sha256
    );
    if args.file.as_os_str() == "-" {
        super::capture::eprintln(&line);
        Ok(())
    } else {
        emit(env, &summary, || line)
    }
}

/// Runs `restore`: into an empty store, or over everything with `--force`.
pub fn run_restore(env: &Env, args: &RestoreArgs) -> Result<(), Failure> {
    if env.served.is_some() {
        return Err(Failure::usage(CliSays::RestoreServed));
    }
    let file = env.path(&args.file);
    if args.check {
        let s = backup::check_file(&file).map_err(failure)?;
        return emit(env, &s, || {
            format!(
                "{}: intact backup of {} records, schema version {}, written {} by {}",
                args.file.display(),
                s.backup.records,
                s.header.schema_version,
                s.header.created_at,
                s.header.written_by
            )
        });
    }
    let path = env.cli.db.clone().unwrap_or_else(frontdesk_store::store::default_path);
    let created = !frontdesk_store::store::exists(&path);
    let store = Store::open_for_repair(&path, "restore")?;
    super::perms::settle(&env.config, &path, created);
    super::perms::warn_once(&env.config, &path);
    // Replacing a store that has operators is an admin's decision.
    if args.force
        && let Some(actor) = super::operator::sign_in_from_env(env, &store, env.cli.role)?
        && actor.role < frontdesk_core::domain::operator::Role::Admin
    {
        return Err(Failure::data(CliSays::AdminRestore));
    }
    let s = backup::restore(&store, &file, args.force).map_err(failure)?;
    emit(env, &s, || {
        format!(
            "restored {} records (schema version {}, backed up {}) into {}; run `frontdesk verify` to check it",
            s.backup.records,
            s.header.schema_version,
            s.header.created_at,
            path.display()
        )
    })
}

/// Runs `salvage`: copies every readable record into a new store, then verifies the copy.
pub fn run_salvage(env: &Env, args: &SalvageArgs) -> Result<(), Failure> {
    let into = env.path(&args.into);
    if into.join("db").exists() || into.join("conf").exists() {
        return Err(Failure::usage(CliSays::SalvageInto { path: into.display().to_string() }));
    }
    let from_path;
    let owned;
    let from: &Store = match &env.served {
        Some(s) => s,
        None => {
            from_path = env.cli.db.clone().unwrap_or_else(frontdesk_store::store::default_path);
            owned = Store::open_for_repair(&from_path, "salvage")?;
            &owned
        }
    };
    let target = Store::open(&into, "salvage")?;
    let mut summary = backup::salvage(from, &target)?;
    if let Err(lost) = frontdesk_store::store::seal::check(from) {
        // What sled dropped from a damaged log is gone before any record can be read.
        summary.lost.insert(0, lost.to_string());
    }
    // A copy of an older store is brought up to this build's schema before it is checked,
    // as its next open would.
    if let Some(upgrade) = frontdesk_store::ops::migrate::upgrade(&target, &env.ctx())? {
        super::capture::eprintln(&upgrade.to_string());
    }
    let check = frontdesk_store::report::verify::verify_deep(&target, &env.config)?;
    #[derive(serde::Serialize)]
    struct Salvaged<'a> {
        #[serde(flatten)]
        summary: &'a backup::SalvageSummary,
        verify: &'a frontdesk_store::report::verify::VerifyReport,
    }
    emit(env, &Salvaged { summary: &summary, verify: &check }, || {
        let mut lines: Vec<String> = summary.lost.iter().map(|l| format!("lost: {l}")).collect();
        lines.push(format!(
            "salvaged {} records into {}{}",
            summary.copied_total(),
            into.display(),
            if summary.is_complete() {
                ", every record".to_string()
            } else {
                format!("; {} lost", summary.lost.len() as u64 + summary.lost_omitted)
            }
        ));
        lines.extend(check.problems.iter().map(|p| format!("the copy: {p}")));
        lines.push(format!("the copy: {}", check.summary_line()));
        if !check.is_clean() {
            lines.push("records that refer to lost ones are listed above; `frontdesk report rebuild` on the copy recomputes the counters".into());
        }
        lines.join("\n")
    })?;
    if summary.is_complete() && check.is_clean() { Ok(()) } else { Err(Failure::data(CliSays::SalvageIncomplete)) }
}

/// Runs `verify`: exit 0 when consistent, 1 with each discrepancy otherwise.
pub fn run_verify(env: &Env, args: &VerifyArgs) -> Result<(), Failure> {
    let store = env.open_store()?;
    let mut report = if args.deep {
        frontdesk_store::report::verify::verify_deep(&store, &env.config)?
    } else {
        frontdesk_store::report::verify::verify(&store, &env.config)?
    };
    (report.permissions, report.permissions_fix) = super::perms::findings(&env.config, store.path());
    emit(env, &report, || {
        let mut lines = report.problems.clone();
        lines.extend(report.permissions.iter().cloned());
        lines.push(report.summary_line());
        lines.join("\n")
    })?;
    if !report.is_clean() {
        return Err(Failure::runtime(CliSays::ProblemsFound { n: Problems(report.problem_count() as i64) }));
    }
    // Open files fail the check like damage does: `verify` is what a site runs nightly
    // and alerts on, and guest data every local account can copy is not a sound store.
    match &report.permissions_fix {
        Some(fix) => Err(Failure::runtime(super::perms::verify_failure(report.permissions.len(), fix))),
        None => Ok(()),
    }
}

/// Whether `path` names a file (not standard input/output).
pub fn names_file(path: &Path) -> bool {
    path.as_os_str() != "-"
}
