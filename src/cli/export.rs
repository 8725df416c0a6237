//! `frontdesk export members|stays|ledger|complaints|redemptions`

use super::{Env, Failure, parse};
use chrono::NaiveDate;
use clap::Args;
use frontdesk_core::i18n::errors::{Act, CliSays};
use frontdesk_exchange::export::{self, ExportFormat, Filter, Scope, What};
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
    /// utf-8, utf-8-bom (Excel opens it right anywhere) or gb18030 (Excel on Chinese
    /// Windows); JSONL is always UTF-8.
    #[arg(long, default_value = "utf-8", value_parser = text_encoding)]
    pub encoding: TextEncoding,
    /// End lines with CRLF, as Windows programs write them.
    #[arg(long)]
    pub crlf: bool,
}

/// The text encodings an export is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 starting with a byte-order mark.
    Utf8Bom,
    /// GB18030, the Chinese standard encoding (GBK's superset) Excel on Chinese Windows reads.
    Gb18030,
}

fn text_encoding(s: &str) -> Result<TextEncoding, CliSays> {
    match s.to_ascii_lowercase().replace('_', "-").as_str() {
        "utf-8" | "utf8" => Ok(TextEncoding::Utf8),
        "utf-8-bom" | "utf8-bom" => Ok(TextEncoding::Utf8Bom),
        "gb18030" | "gbk" => Ok(TextEncoding::Gb18030),
        _ => Err(CliSays::ExportEncoding { value: s.to_string() }),
    }
}

fn style(args: &ExportArgs) -> Result<export::TextStyle, Failure> {
    if args.format == ExportFormat::Jsonl && args.encoding != TextEncoding::Utf8 {
        return Err(Failure::usage(CliSays::JsonlEncoding));
    }
    let encoding = if args.encoding == TextEncoding::Gb18030 { encoding_rs::GB18030 } else { encoding_rs::UTF_8 };
    Ok(export::TextStyle { encoding, bom: args.encoding == TextEncoding::Utf8Bom, crlf: args.crlf })
}

fn what(s: &str) -> Result<What, CliSays> {
    What::parse(s).ok_or_else(|| CliSays::NotExportable { value: s.to_string() })
}

fn format(s: &str) -> Result<ExportFormat, CliSays> {
    match s.to_ascii_lowercase().as_str() {
        "csv" => Ok(ExportFormat::Csv),
        "jsonl" | "ndjson" => Ok(ExportFormat::Jsonl),
        _ => Err(CliSays::NotFormat { value: s.to_string() }),
    }
}

/// Runs `export`, streaming record by record.
///
/// Exports need a manager or an admin, whatever the kind: an export is a bulk copy made to
/// leave the store, whole (unmasked, so that it imports back as it was).
pub fn run(env: &Env, args: &ExportArgs) -> Result<(), Failure> {
    let style = style(args)?;
    let store = env.open_store()?;
    super::audit::require_manager(env, Act::ExportRecords)?;
    let filter = Filter { since: args.since, property: args.property.clone() };
    let mut out: Box<dyn Write> = match &args.out {
        Some(p) => {
            Box::new(std::io::BufWriter::new(frontdesk_store::store::perms::create_private(&env.path(p)).map_err(
                |e| Failure::runtime(CliSays::Create { path: p.display().to_string(), error: e.to_string() }),
            )?))
        }
        None => Box::new(std::io::BufWriter::new(super::capture::Stdout)),
    };
    if !store.tree(frontdesk_store::store::T::Activities).is_empty() {
        // Said on every export, so that nobody relies on an export to move such a store.
        super::capture::eprintln(
            "warning: activities, promotions and residences are not part of exports; an import of this export lacks them (and `verify` will say so if promotions granted points); `frontdesk backup FILE` copies the whole store",
        );
    }
    let scope = Scope { config: &env.config, today: env.ctx().today };
    match export::export_styled(&store, scope, args.what, args.format, style, &filter, &mut out) {
        Ok(n) => {
            if let Some(p) = &args.out {
                super::capture::eprintln(&format!("exported {n} records to {}", p.display()));
            }
            Ok(())
        }
        Err(export::ExportError::Write(e)) if e.contains("Broken pipe") => Ok(()),
        Err(export::ExportError::Op(e)) => Err(e.into()),
        Err(e) => Err(Failure::runtime(e.fault())),
    }
}
