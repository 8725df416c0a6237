//! `frontdesk export members|stays|ledger|complaints|redemptions`

use super::{Env, Failure, parse};
use crate::export::{self, ExportFormat, Filter, Scope, What};
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

/// `export` options.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// members, stays, ledger, complaints or redemptions.
    #[arg(value_parser = what)]
    pub what: What,
    /// csv or jsonl.
    #[arg(long, default_value = "csv", value_parser = format)]
    pub format: ExportFormat,
    /// Write here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Only records dated on or after this date.
    #[arg(long, value_parser = parse::date)]
    pub since: Option<NaiveDate>,
    /// Only records of this property.
    #[arg(long)]
    pub property: Option<String>,
}

fn what(s: &str) -> Result<What, String> {
    What::parse(s)
        .ok_or_else(|| format!("`{s}` cannot be exported; use members, stays, ledger, complaints or redemptions"))
}

fn format(s: &str) -> Result<ExportFormat, String> {
    match s.to_ascii_lowercase().as_str() {
        "csv" => Ok(ExportFormat::Csv),
        "jsonl" | "ndjson" => Ok(ExportFormat::Jsonl),
        _ => Err(format!("`{s}` is not a format; use csv or jsonl")),
    }
}

/// Runs `export`, streaming record by record.
///
/// Exports need a manager or an admin, whatever the kind: an export is a bulk copy made to
/// leave the store, whole (unmasked, so that it imports back as it was).
pub fn run(env: &Env, args: &ExportArgs) -> Result<(), Failure> {
    let store = env.open_store()?;
    super::audit::require_manager(env, "export records")?;
    let filter = Filter { since: args.since, property: args.property.clone() };
    let mut out: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(env.path(p))
                .map_err(|e| Failure { code: 1, message: format!("cannot create {}: {e}", p.display()) })?,
        )),
        None => Box::new(std::io::BufWriter::new(super::capture::Stdout)),
    };
    if !store.tree(crate::store::T::Activities).is_empty() {
        // Said on every export, so that nobody relies on an export to move such a store.
        super::capture::eprintln(
            "warning: activities, promotions and residences are not part of exports; an import of this export lacks them (and `verify` will say so if promotions granted points); `frontdesk backup FILE` copies the whole store",
        );
    }
    let scope = Scope { config: &env.config, today: env.ctx().today };
    match export::export(&store, scope, args.what, args.format, &filter, &mut out) {
        Ok(n) => {
            if let Some(p) = &args.out {
                super::capture::eprintln(&format!("exported {n} records to {}", p.display()));
            }
            Ok(())
        }
        Err(export::ExportError::Write(e)) if e.contains("Broken pipe") => Ok(()),
        Err(export::ExportError::Op(e)) => Err(e.into()),
        Err(e) => Err(Failure { code: 1, message: e.to_string() }),
    }
}
